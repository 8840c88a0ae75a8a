"""Checking the audit hash chain and the state it explains.

The check reads every entry in sequence order, recomputes its hash and its link to the one before,
replays the effects, and then compares user roles, quotas and blanko states with the tables. It
reports the first problem: an entry edited, deleted or reordered, an entry without a sequence number,
or a role, quota or blanko state that no entry explains.

What it can prove: the chain was not changed by someone who did not also recompute every hash after
the change. The hash input is public (docs/audit-chain.md), so a person who can write the database
file can build a new consistent chain; that is caught only against a head known elsewhere (synced to
the regency server, or noted from the header's tooltip) — see `expected_head`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from peewee import SqliteDatabase

from desktop.domain.audit_chain import (
    GENESIS,
    ChainEntry,
    ChainState,
    blanko_effect,
    credential,
    plain,
    stored_hash,
    user_effect,
)
from desktop.domain.text import QT_TRANSLATE_NOOP, Message, msg
from desktop.services import row_claims
from desktop.settings import AUDIT_HEAD

log = logging.getLogger("ktp.audit")

BLANKO_STATES = {
    "incoming": QT_TRANSLATE_NOOP("BlankoState", "dalam pengiriman dari kabupaten"),
    "in_stock": QT_TRANSLATE_NOOP("BlankoState", "di stok"),
    "reserved": QT_TRANSLATE_NOOP("BlankoState", "dipesan untuk dicetak"),
    "issued": QT_TRANSLATE_NOOP("BlankoState", "tercetak"),
    "spoiled": QT_TRANSLATE_NOOP("BlankoState", "rusak"),
    "destroyed": QT_TRANSLATE_NOOP("BlankoState", "rusak, sudah dimusnahkan"),
    "transferred": QT_TRANSLATE_NOOP("BlankoState", "dipindahkan ke stasiun lain"),
    "-": QT_TRANSLATE_NOOP("BlankoState", "tidak ada"),
}

EDITED, DELETED, REORDERED, INSERTED, UNEXPLAINED = "edited", "deleted", "reordered", "inserted", "unexplained"


@dataclass(frozen=True)
class Problem:
    seq: int  # the first bad sequence number (for a state: the entry it contradicts, or the head)
    kind: str  # edited / deleted / reordered / inserted / unexplained
    message: str  # one sentence, Indonesian (translatable through msg)


@dataclass(frozen=True)
class VerifyResult:
    entries: int
    head_seq: int
    head_hash: str
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


_COLUMNS = "seq, prev_hash, hash, at, origin, server_change_id, user_id, username, action, details, effects"


def verify_chain(db: SqliteDatabase, expected_head: tuple[int | None, str] | None = None) -> VerifyResult:
    """Check the chain in one read transaction (a consistent snapshot while others keep writing)."""
    with db.atomic():  # deferred: a read snapshot, no write lock
        return _verify(db, expected_head)


def _verify(db: SqliteDatabase, expected_head: tuple[int | None, str] | None) -> VerifyResult:
    replay = Replay()
    result = replay_chain(db, expected_head, replay)
    if result.problem is None:
        differences = state_differences(db, replay)
        if differences:
            return VerifyResult(result.entries, result.head_seq, result.head_hash,
                                min((problem for problem, _effect in differences), key=lambda p: p.seq))
    return result


class Replay:
    """What a pass over the chain gathers for comparing the tables."""

    def __init__(self) -> None:
        self.state = ChainState()
        self.effects: list[tuple[int, list[dict]]] = []
        self.times: dict[int, str] = {}  # when each entry claiming an outbox row was made
        self.head = 0
        self.head_at: str | None = None
        self.sealed = 0  # the last audit.baseline: entries before it were queued in another form, or never


def replay_chain(db: SqliteDatabase, expected_head: tuple[int | None, str] | None, replay: Replay) -> VerifyResult:
    state = replay.state
    prev_hash, count = GENESIS, 0
    cursor = db.execute_sql(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq IS NULL, seq")
    for row in cursor:
        seq = row[0]
        expected = count + 1
        if seq is None:
            return _failed(count, prev_hash, Problem(expected, INSERTED, msg(
                "Ada entri audit tanpa nomor urut ({action}): entri disisipkan di luar aplikasi.", action=row[8])))
        if seq != expected:
            return _failed(count, prev_hash, Problem(expected, DELETED, msg(
                "Entri audit #{seq} hilang: entri dihapus di luar aplikasi.", seq=expected)))
        try:
            intact = stored_hash(seq, row[1], str(row[3]), *row[4:]) == row[2]
        except (TypeError, ValueError):
            intact = False
        if not intact or row[1] != prev_hash:
            return _failed(count, prev_hash, _classify(db, row, _entry(row), prev_hash))
        try:
            if row[10] != "[]":
                effects = json.loads(row[10])
                state.apply(effects, seq)
                replay.effects.append((seq, effects))
                if '"outbox"' in row[10]:
                    replay.times[seq] = str(row[3])
        except (KeyError, TypeError, ValueError):
            return _failed(count, prev_hash, Problem(seq, EDITED, msg(
                "Entri audit #{seq} diubah: isinya tidak dapat dibaca.", seq=seq)))
        if row[8] == "audit.baseline":
            replay.sealed = seq
        prev_hash, count, replay.head_at = row[2], seq, str(row[3])
    replay.head = count
    return VerifyResult(count, count, prev_hash, _tail_problem(db, count, prev_hash, expected_head))


def _failed(count: int, head_hash: str, problem: Problem) -> VerifyResult:
    return VerifyResult(count, count, head_hash, problem)


def _entry(row: tuple) -> ChainEntry | None:
    seq, prev_hash, _hash, at, origin, change_id, user_id, username, action, details, effects = row
    try:
        return ChainEntry(seq, prev_hash, datetime.fromisoformat(str(at)), origin, change_id, user_id, username,
                          action, plain(json.loads(details)), plain(json.loads(effects)))
    except (TypeError, ValueError):
        return None


def _classify(db: SqliteDatabase, row: tuple, entry: ChainEntry | None, prev_hash: str) -> Problem:
    """Why entry `seq` does not fit: its content changed, an entry before it is gone, or it moved."""
    seq = row[0]
    edited = Problem(seq, EDITED, msg("Entri audit #{seq} diubah di luar aplikasi: isinya tidak cocok dengan "
                                      "hash-nya.", seq=seq))
    if entry is None:
        return edited
    original_seq = seq if entry.hash() == row[2] else _original_seq(db, entry, row[2])
    if original_seq is None:
        return edited
    if row[1] != GENESIS and not db.execute_sql("SELECT 1 FROM audit_log WHERE hash = ?", (row[1],)).fetchone():
        return Problem(seq, DELETED, msg("Entri audit sebelum #{seq} hilang: entri dihapus di luar aplikasi dan "
                                         "urutannya diberi nomor ulang.", seq=seq))
    if original_seq != seq or row[1] != prev_hash:
        return Problem(seq, REORDERED, msg("Urutan entri audit diubah di luar aplikasi: entri #{seq} semula "
                                           "entri #{original}.", seq=seq, original=original_seq))
    return edited


def _original_seq(db: SqliteDatabase, entry: ChainEntry, stored_hash: str) -> int | None:
    """The sequence number under which this content was hashed, when only its number was changed."""
    last = db.execute_sql("SELECT max(seq) FROM audit_log").fetchone()[0] or 0
    for candidate in range(1, last + 2):
        if ChainEntry(candidate, *_fields_after_seq(entry)).hash() == stored_hash:
            return candidate
    return None


def _fields_after_seq(entry: ChainEntry) -> tuple:
    return (entry.prev_hash, entry.at, entry.origin, entry.server_change_id, entry.user_id, entry.username,
            entry.action, entry.details, entry.effects)


def _tail_problem(db: SqliteDatabase, count: int, head_hash: str,
                  expected_head: tuple[int | None, str] | None) -> Problem | None:
    """Entries removed from the end leave a shorter, still consistent chain: the recorded head shows it."""
    heads = [expected_head] if expected_head else []
    recorded = AUDIT_HEAD.read_from(db)
    if recorded is not None:
        heads.append(recorded)
    for seq, digest in heads:
        if seq is None:  # a hash alone (from a report): the database must hold it somewhere in its chain
            held = db.execute_sql("SELECT seq FROM audit_log WHERE hash = ?", (digest,)).fetchone()
            if held is None:
                return Problem(count, EDITED, msg("Kepala rantai {hash} yang dicatat di luar stasiun tidak ada di "
                                                  "database: rantai dibuat ulang atau dipotong di luar aplikasi.",
                                                  hash=digest[:16]))
            continue
        if seq > count:
            return Problem(count + 1, DELETED, msg("Entri audit #{first} sampai #{last} hilang dari ujung rantai: "
                                                   "entri dihapus di luar aplikasi.", first=count + 1, last=seq))
        if seq >= 1 and _hash_at(db, seq) != digest:
            return Problem(seq, EDITED, msg("Entri audit #{seq} tidak sama dengan kepala rantai yang tercatat: "
                                            "rantai dibuat ulang di luar aplikasi.", seq=seq))
    return None


def _hash_at(db: SqliteDatabase, seq: int) -> str | None:
    row = db.execute_sql("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None


def state_differences(db: SqliteDatabase, replay: Replay) -> list[tuple[Problem, dict | None]]:
    """Every role, quota, blanko state or covered row in the tables that the entries do not explain, each
    with the effect that would explain the table as it is (what a supervisor's set-aside records; None
    for the claim index, which is rebuilt)."""
    state, head = replay.state, replay.head
    problems: list[tuple[Problem, dict | None]] = []

    def unexplained(seq: int, text: str, effect: dict | None) -> None:
        problems.append((Problem(seq or head, UNEXPLAINED, text), effect))

    seen = set()
    for uid, username, role, active, password_hash in db.execute_sql(
            "SELECT id, username, role, active, password_hash FROM user"):
        seen.add(uid)
        claimed, seq = state.users.get(uid, (None, 0))
        now = user_effect(uid, username, role, bool(active), password_hash)
        if claimed is None:
            unexplained(head, msg("Pengguna {username} ({role}) tidak dijelaskan oleh entri audit mana pun: "
                                  "dibuat di luar aplikasi.", username=username, role=role), now)
        elif (claimed["username"], claimed["role"]) != (username, role):
            unexplained(seq, msg("Peran pengguna {username} adalah {role}, tetapi entri audit #{seq} mencatat "
                                 "{claimed}.", username=username, role=role, seq=seq, claimed=claimed["role"]), now)
        elif claimed["active"] != bool(active):
            unexplained(seq, msg("Status aktif pengguna {username} diubah di luar aplikasi (entri audit #{seq} "
                                 "mencatat yang lain).", username=username, seq=seq), now)
        elif claimed["credential"] != credential(password_hash):
            unexplained(seq, msg("Kata sandi pengguna {username} diganti di luar aplikasi (tidak cocok dengan "
                                 "entri audit #{seq}).", username=username, seq=seq), now)
    for uid, (claimed, seq) in state.users.items():
        if uid not in seen:
            unexplained(seq, msg("Pengguna {username} dihapus di luar aplikasi (entri audit #{seq}).",
                                 username=claimed["username"], seq=seq), {"kind": "user", "id": uid, "deleted": True})

    quotas = dict(db.execute_sql("SELECT kecamatan_code, daily_limit FROM kecamatan_quota").fetchall())
    for key, value, expected, seq in _differences(quotas, state.quotas):
        unexplained(seq, msg("Kuota harian kecamatan {kecamatan} tercatat {value}, tetapi menurut log audit "
                             "{expected} (entri #{seq}).", kecamatan=key, value=value, expected=expected,
                             seq=seq or head), {"kind": "quota", "kecamatan": key, "limit": value})
    days = {(code, str(day)): limit for code, day, limit in db.execute_sql(
        "SELECT kecamatan_code, day, daily_limit FROM quota_override")}
    for key, value, expected, seq in _differences(days, state.quota_days):
        unexplained(seq, msg("Kuota kecamatan {kecamatan} tanggal {day} tercatat {value}, tetapi menurut log audit "
                             "{expected} (entri #{seq}).", kecamatan=key[0], day=key[1], value=value,
                             expected=expected, seq=seq or head),
                    {"kind": "quota_day", "kecamatan": key[0], "day": key[1], "limit": value})
    blanko = dict(db.execute_sql("SELECT serial, state FROM blanko").fetchall())
    for key, value, expected, seq in _differences(blanko, state.blanko):
        unexplained(seq, msg("Blanko {serial} berstatus {value}, tetapi menurut log audit {expected} (entri "
                             "#{seq}).", serial=key, value=BLANKO_STATES.get(value, value),
                             expected=BLANKO_STATES.get(expected, expected), seq=seq or head),
                    blanko_effect(key, value))
    for table, key, claim, current, seq in covered_row_differences(db, replay):
        unexplained(seq, _row_sentence(table, key, claim, current, seq or head), current)
    unqueued = unqueued_entry(db, replay)
    if unqueued is not None:
        problems.append((Problem(unqueued, INSERTED, msg(
            "Entri audit #{seq} tidak pernah diantrekan untuk server kabupaten: entri ditambahkan di luar "
            "aplikasi.", seq=unqueued)), None))
    if index_differs(db, replay):
        unexplained(head, msg("Indeks klaim log audit (tabel audit_claim) diubah di luar aplikasi."), None)
    return problems


def covered_row_differences(db: SqliteDatabase, replay: Replay) -> list[tuple]:
    """The covered rows (row_claims.COVERED) that differ from their last claim in the replayed chain."""
    tables = {table: row_claims.table_rows(db, table) for table in row_claims.COVERED}
    for table in ("login_throttle",):
        tables[table] = {key: row_claims.lock_effect(db, key) for key in tables[table]}
    return row_claims.row_differences(replay.state.rows, tables, replay.times, replay.head_at)


def index_differs(db: SqliteDatabase, replay: Replay) -> bool:
    return row_claims.stored_index(db) != row_claims.expected_index(replay.effects)


def unqueued_entry(db: SqliteDatabase, replay: Replay) -> int | None:
    """The first entry with no event for the regency: each entry queues its own in its transaction, so
    one appended with sqlite3 has none. Sent events go after KEEP_SENT_DAYS, the oldest first: the
    events held must run without a gap from the oldest one held to the head."""
    queued = {seq for (seq,) in db.execute_sql(
        "SELECT json_extract(payload, '$.seq') FROM outbox WHERE entity = 'audit_log'") if isinstance(seq, int)}
    if not queued:
        return None
    return next((seq for seq in range(max(min(queued), replay.sealed + 1), replay.head + 1) if seq not in queued),
                None)


ROW_LABELS = {
    "issued_card": QT_TRANSLATE_NOOP("AuditRow", "Kartu tercetak"),
    "print_job": QT_TRANSLATE_NOOP("AuditRow", "Pekerjaan cetak"),
    "login_throttle": QT_TRANSLATE_NOOP("AuditRow", "Kunci log-in"),
    "outbox": QT_TRANSLATE_NOOP("AuditRow", "Kiriman ke server kabupaten"),
    "resident": QT_TRANSLATE_NOOP("AuditRow", "Status rekam penduduk NIK"),
}


def _row_sentence(table: str, key: str, claim: dict | None, current: dict, seq: int) -> Message:
    label = ROW_LABELS[table]
    if claim is None or claim.get("digest") is None:
        return msg("{label} {key} tidak dijelaskan oleh entri audit mana pun: ditambahkan di luar aplikasi.",
                   label=label, key=key)
    if current["digest"] is None:
        return msg("{label} {key} dihapus di luar aplikasi (entri audit #{seq}).", label=label, key=key, seq=seq)
    return msg("{label} {key} diubah di luar aplikasi (tidak cocok dengan entri audit #{seq}).", label=label,
               key=key, seq=seq)


def _differences(table: dict, claimed: dict) -> list[tuple]:
    """(key, value in the table, value the entries claim, the claiming entry) for each row that differs;
    "-" stands for a row that is missing on one side (the entry number is then 0 when no entry claims it)."""
    found = []
    for key, value in table.items():
        expected, seq = claimed.get(key, ("-", 0))
        if expected != value:
            found.append((key, value, expected, seq))
    for key, (expected, seq) in claimed.items():
        if key not in table and expected != "-":  # "-": set aside as removed
            found.append((key, "-", expected, seq))
    return found


def verify_file(db_path) -> VerifyResult:
    """The check on a connection of its own (read-only): a year of entries takes seconds, and the
    application's connection (its database lane) must stay free for the counter meanwhile."""
    db = SqliteDatabase(str(db_path), pragmas={"query_only": 1, "busy_timeout": 5000})
    try:
        return verify_chain(db)
    finally:
        db.close()


def record_failure(clock, problem: Problem) -> None:
    """A failed check is itself an entry (`audit.verify_failed`); printing goes on."""
    from desktop.services import audit

    log.error("audit chain check failed at entry %s: %s", problem.seq, problem.kind)
    audit.record("audit.verify_failed", None, at=clock.now_utc(), seq=problem.seq, kind=problem.kind,
                 problem=str(problem.message))
