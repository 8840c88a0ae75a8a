"""Rows that decide a print, tied to the audit chain: the entry that makes or changes such a row holds
a digest of it, so a row deleted or edited in the database file no longer matches its entry.

Covered: issued cards, print jobs (their settled state; `queued`/`sending`/`printing` count as one
"open" state), active log-in locks, the outbox events the services queue and residents' record status
as received (the regency's pull, an import, the demo); user roles, quotas and
blanko states have effects of their own (desktop/domain/audit_chain.py). A digest is SHA-256 of the
row's columns as SQLite's `json_array` writes them, read back after the write, so the check compares
the very same text.

The `audit_claim` table indexes, for each item, the entry that last claimed it (with the citizen's
NIK and the quota day of cards and jobs): a print checks its citizen, quota day, blanko, quotas and
operator through it in milliseconds instead of reading a year of chain (`check_print`). The index is
derived from the chain: `audit verify` rebuilds it and reports a difference.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime

from peewee import SqliteDatabase

from desktop.domain.audit_chain import claim_keys, claims, credential, row_effect, stored_hash

OPEN_JOB = "CASE WHEN state IN ('queued', 'sending', 'printing') THEN 'open' ELSE state END"
# table -> (key column, columns of the digest, nik, quota day, which rows are covered)
COVERED = {
    "issued_card": ("id", "id, job_id, resident_id, nik, reason, blanko_id, printer_uri, operator_id, station_id, "
                          "kecamatan_code, day, issued_at", "nik", "kecamatan_code || '|' || day", "1"),
    "print_job": ("id", f"id, resident_id, nik, reason, documents, police_letter_no, operator_id, station_id, "
                        f"kecamatan_code, day, printer_uri, blanko_id, {OPEN_JOB}, fault, fault_detail",
                  "nik", "NULL", "1"),
    "login_throttle": ("username", "username, locked_until", "NULL", "NULL", "locked_until IS NOT NULL"),
    "outbox": ("id", "id, entity, entity_id, op, payload",
               "CASE WHEN entity = 'issued_card' THEN json_extract(payload, '$.nik') END", "NULL",
               "entity != 'audit_log'"),
    "resident": ("nik", "nik, record_status", "nik", "NULL", "1"),
}
# Only the residents an entry claimed (received from the regency's pull, an import or the demo) are
# checked: a resident gone (the scope narrowed) cannot be printed, and one never claimed (received before
# this coverage, or written by a test fixture) is covered from its next pull or import.
ONLY_CLAIMED = ("outbox", "resident")
# Only the outbox rows an entry claimed are checked: the sync engine queues others (derived from
# covered rows) and deletes sent rows after KEEP_SENT_DAYS, so a claimed row older than that may be gone.
OUTBOX_KEPT_DAYS = 30


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _select(table: str, where: str = "") -> str:
    key, columns, nik, quota_day, covered = COVERED[table]
    return (f'SELECT {key}, json_array({columns}), {nik}, {quota_day} FROM "{table}" '
            f"WHERE ({covered}){where}")


def current_effect(db: SqliteDatabase, table: str, key: str) -> dict:
    """The row as it is now (digest None when it is gone or, for a log-in lock, not locked)."""
    row = db.execute_sql(_select(table, f" AND {COVERED[table][0]} = ?"), (key,)).fetchone()
    if row is None:
        return row_effect(table, key, None)
    return row_effect(table, key, digest(row[1]), nik=row[2], quota_day=row[3])


def current_effects(db: SqliteDatabase, table: str, keys: list) -> list[dict]:
    """current_effect of each key, in order, with a query per 500 keys instead of one a key (a first
    pull claims 50,000 residents); each effect is exactly the one current_effect gives."""
    rows: dict[str, tuple] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.execute_sql(_select(table, f" AND {COVERED[table][0]} IN ({marks})"), tuple(chunk)):
            rows[str(row[0])] = row
    effects = []
    for key in keys:
        row = rows.get(str(key))
        effects.append(row_effect(table, key, None) if row is None
                       else row_effect(table, key, digest(row[1]), nik=row[2], quota_day=row[3]))
    return effects


def table_rows(db: SqliteDatabase, table: str, where: str = "", params: tuple = ()) -> dict[str, dict]:
    """key -> current effect of every covered row of `table` (optionally narrowed by `where`)."""
    return {key: row_effect(table, key, digest(text), nik=nik, quota_day=day)
            for key, text, nik, day in db.execute_sql(_select(table, where), params)}


# --- the index ------------------------------------------------------------------------------------------
def index_entry(db: SqliteDatabase, seq: int, effects: Iterable[dict]) -> None:
    """Point the index at entry `seq` for every item its effects claim (in the entry's transaction)."""
    rows, gone = [], []
    for effect in effects:
        for kind, key, nik, day in claim_keys(effect):
            (gone if _gone(effect) else rows).append((kind, key, nik, day, seq))
    if rows:
        db.cursor().executemany(
            'INSERT OR REPLACE INTO "audit_claim" (kind, key, nik, quota_day, seq) VALUES (?, ?, ?, ?, ?)', rows)
    if gone:
        db.cursor().executemany('DELETE FROM "audit_claim" WHERE kind = ? AND key = ?',
                                [(kind, key) for kind, key, *_rest in gone])


def _gone(effect: dict) -> bool:
    """A row claimed as gone leaves the index: a print looks only for rows that should be there."""
    return effect.get("kind") == "row" and effect.get("digest") is None


def expected_index(effects_by_seq: Iterable[tuple[int, list[dict]]]) -> dict[tuple[str, str], tuple]:
    """The index the chain implies: (kind, key) -> (nik, quota_day, seq) of the last claim."""
    index: dict[tuple[str, str], tuple] = {}
    for seq, effects in effects_by_seq:
        for effect in effects:
            for kind, key, nik, day in claim_keys(effect):
                if _gone(effect):
                    index.pop((kind, key), None)
                else:
                    index[(kind, key)] = (nik, day, seq)
    return index


def rebuild_index(db: SqliteDatabase) -> int:
    """The index anew from the chain (migration, a supervisor's set-aside); returns the items indexed."""
    index = expected_index(
        (seq, json.loads(effects)) for seq, effects in db.execute_sql(
            "SELECT seq, effects FROM audit_log WHERE seq IS NOT NULL AND effects != '[]' ORDER BY seq"))
    db.execute_sql('DELETE FROM "audit_claim"')
    db.cursor().executemany(
        'INSERT INTO "audit_claim" (kind, key, nik, quota_day, seq) VALUES (?, ?, ?, ?, ?)',
        [(kind, key, nik, day, seq) for (kind, key), (nik, day, seq) in index.items()])
    return len(index)


def stored_index(db: SqliteDatabase) -> dict[tuple[str, str], tuple]:
    return {(kind, key): (nik, day, seq) for kind, key, nik, day, seq in
            db.execute_sql('SELECT kind, key, nik, quota_day, seq FROM "audit_claim"')}


def now_text() -> str:
    """Now as SQLite holds times, for comparing log-in locks."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(" ")


# --- rows against their claims ----------------------------------------------------------------------------
def row_differences(claimed: dict[tuple[str, str], tuple[dict, int]], tables: dict[str, dict[str, dict]],
                    entry_times: dict[int, str] | None = None, head_at: str | None = None,
                    only_claimed: Iterable[str] = ONLY_CLAIMED) -> list[tuple[str, str, dict | None, dict, int]]:
    """(table, key, claimed effect or None, current effect, claiming entry) for each covered row that
    differs from its last claim. Tables in `only_claimed` are compared for the rows an entry claimed."""
    found = []
    now = now_text()
    for table, rows in tables.items():
        for key, current in rows.items():
            claim, seq = claimed.get((table, key), (None, 0))
            if claim is None and table in only_claimed:
                continue
            if claim is None or claim["digest"] != current["digest"]:
                found.append((table, key, claim, current, seq))
    for (table, key), (claim, seq) in claimed.items():
        if table not in tables or key in tables[table] or claim["digest"] is None or table == "resident":
            continue
        if table == "login_throttle" and not _lock_active(claim, now):
            continue  # an expired lock may go
        if table == "outbox" and _may_be_pruned(entry_times, seq, head_at):
            continue
        found.append((table, key, claim, row_effect(table, key, None), seq))
    return found


def _lock_active(claim: dict, now: str) -> bool:
    return bool(claim.get("until")) and claim["until"] > now


def _may_be_pruned(entry_times: dict[int, str] | None, seq: int, head_at: str | None) -> bool:
    if not entry_times or head_at is None or seq not in entry_times:
        return False
    claimed_at = datetime.fromisoformat(entry_times[seq])
    return (datetime.fromisoformat(head_at) - claimed_at).days >= OUTBOX_KEPT_DAYS


def lock_effect(db: SqliteDatabase, username: str) -> dict:
    """A log-in lock's row effect, with the lock's end (an expired lock's row may go unrecorded)."""
    effect = current_effect(db, "login_throttle", username)
    if effect["digest"] is not None:
        effect["until"] = db.execute_sql('SELECT locked_until FROM "login_throttle" WHERE username = ?',
                                         (username,)).fetchone()[0]
    return effect


# --- the print-time check --------------------------------------------------------------------------------
class Untouched:
    """Checks, inside a print's write transaction, that the rows deciding it are as their entries say."""

    def __init__(self, db: SqliteDatabase) -> None:
        self.db = db

    def problems(self, *, nik: str, kecamatan: str, day: str, serial: str | None, user_id: str | None) -> list[str]:
        """Short descriptions (for the log and the sentence) of every deciding row that does not match."""
        day_key = f"{kecamatan}|{day}"
        claims = self._claims(nik, kecamatan, day, serial, user_id)
        found: list[str] = []
        # The day's cards counted against the quota: the index names them, the table must hold them all
        # (their content is checked with their citizen's; all of them by `audit verify`).
        counted = {key.split("|", 1)[1] for (kind, key), (_nik, quota_day, _seq) in claims.items()
                   if kind == "row" and quota_day == day_key and key.startswith("issued_card|")}
        held = {key for (key,) in self.db.execute_sql(
            'SELECT id FROM "issued_card" WHERE kecamatan_code = ? AND day = ?', (kecamatan, day))}
        found += [f"issued_card {key}" for key in sorted(counted ^ held)]
        mine = {item: claim for item, claim in claims.items() if item[0] != "row" or claim[0] == nik}
        effects, times = self._effects({seq for _nik, _day, seq in mine.values()})
        tables = {
            "issued_card": table_rows(self.db, "issued_card", " AND nik = ?", (nik,)),
            "print_job": table_rows(self.db, "print_job", " AND nik = ?", (nik,)),
            "resident": table_rows(self.db, "resident", " AND nik = ?", (nik,)),
        }
        events = [key.split("|", 1)[1] for kind, key in mine if kind == "row" and key.startswith("outbox|")]
        tables["outbox"] = table_rows(self.db, "outbox", f" AND id IN ({','.join('?' * len(events))})",
                                      tuple(events)) if events else {}
        claimed_rows = {}
        for (kind, key), (_nik, _day, seq) in mine.items():
            if kind == "row":
                table, row_key = key.split("|", 1)
                claimed_rows[(table, row_key)] = (self._claim(effects, seq, kind, key), seq)
        head_at = self.db.execute_sql("SELECT max(at) FROM audit_log").fetchone()[0]
        for table, key, _claim, _current, _seq in row_differences(claimed_rows, tables, times, head_at):
            found.append(f"{table} {key}")
        found += self._states(mine, effects, kecamatan, day, serial, user_id)
        found += [f"audit_log #{seq} (no event)" for seq in self._unqueued()]
        return sorted(set(found))

    def _unqueued(self, recent: int = 200) -> list[int]:
        """Recent entries without their event for the regency: appended with sqlite3 (`audit verify` checks
        them all; sent events older than OUTBOX_KEPT_DAYS may be gone)."""
        return [seq for (seq,) in self.db.execute_sql(
            "SELECT seq FROM audit_log a WHERE seq > (SELECT max(seq) FROM audit_log) - ? "
            "AND at > datetime('now', ?) AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'audit_log' "
            "AND o.entity_id = a.id)", (recent, f"-{OUTBOX_KEPT_DAYS - 1} days"))]

    def _claims(self, nik: str, kecamatan: str, day: str, serial: str | None, user_id: str | None) -> dict:
        items = [("quota", kecamatan), ("quota_day", f"{kecamatan}|{day}")]
        if user_id is not None:
            items.append(("user", user_id))
        if serial is not None:
            items.append(("blanko", serial))
        rows = self.db.execute_sql(
            'SELECT kind, key, nik, quota_day, seq FROM "audit_claim" WHERE nik = ? OR quota_day = ? OR '
            + " OR ".join("(kind = ? AND key = ?)" for _ in items),
            (nik, f"{kecamatan}|{day}", *[part for item in items for part in item]))
        return {(kind, key): (row_nik, row_day, seq) for kind, key, row_nik, row_day, seq in rows}

    def _effects(self, seqs: set[int]) -> tuple[dict[int, list[dict] | None], dict[int, str]]:
        """The effects of these entries (None for an entry whose hash no longer fits its content) and
        when each was made."""
        found: dict[int, list[dict] | None] = {seq: None for seq in seqs}
        times: dict[int, str] = {}
        ordered = sorted(seqs)
        for start in range(0, len(ordered), 500):
            part = ordered[start:start + 500]
            for row in self.db.execute_sql(
                    "SELECT seq, prev_hash, hash, at, origin, server_change_id, user_id, username, action, details, "
                    f"effects FROM audit_log WHERE seq IN ({','.join('?' * len(part))})", part):
                try:
                    if stored_hash(row[0], row[1], str(row[3]), *row[4:]) == row[2]:
                        found[row[0]] = json.loads(row[10])
                        times[row[0]] = str(row[3])
                except (TypeError, ValueError):
                    pass
        return found, times

    @staticmethod
    def _claim(effects: dict, seq: int, kind: str, key: str) -> dict:
        """The entry's effect about this item; a sentinel that matches nothing when the entry was tampered."""
        for effect in effects.get(seq) or ():
            if claims(effect, kind, key):
                return effect
        return {"digest": "entry changed", "state": None, "limit": None, "role": None}

    def _states(self, claims: dict, effects: dict, kecamatan: str, day: str, serial: str | None,
                user_id: str | None) -> list[str]:
        found = []

        def claimed(kind: str, key: str) -> dict | None:
            seq = claims.get((kind, key), (None, None, None))[2]
            return None if seq is None else self._claim(effects, seq, kind, key)

        user = self.db.execute_sql('SELECT username, role, active, password_hash FROM "user" WHERE id = ?',
                                   (user_id,)).fetchone()
        effect = claimed("user", user_id) if user_id is not None else None
        if user_id is not None and (user is None or effect is None or (effect.get("username"), effect.get("role"), effect.get("active"),
                                               effect.get("credential")) != (user[0], user[1], bool(user[2]),
                                                                             credential(user[3]))):
            found.append(f"user {user_id}")
        quota = self.db.execute_sql('SELECT daily_limit FROM "kecamatan_quota" WHERE kecamatan_code = ?',
                                    (kecamatan,)).fetchone()
        if (quota[0] if quota else None) != _limit(claimed("quota", kecamatan)):
            found.append(f"kecamatan_quota {kecamatan}")
        override = self.db.execute_sql('SELECT daily_limit FROM "quota_override" WHERE kecamatan_code = ? AND day = ?',
                                       (kecamatan, day)).fetchone()
        if (override[0] if override else None) != _limit(claimed("quota_day", f"{kecamatan}|{day}")):
            found.append(f"quota_override {kecamatan} {day}")
        if serial is not None:
            effect = claimed("blanko", serial)
            if effect is None or effect.get("state") != "in_stock":
                found.append(f"blanko {serial}")
        return found


def _limit(effect: dict | None) -> int | None:
    """A claimed quota; "-" is a quota a supervisor set aside as removed."""
    limit = effect.get("limit") if effect else None
    return None if limit == "-" else limit


def lock_lifted(db: SqliteDatabase, username: str) -> str | None:
    """The end of a log-in lock its entry recorded that the table no longer holds (a row deleted or
    edited with sqlite3), while it lasts; None otherwise. Read at log-in, under the write lock."""
    claim = db.execute_sql('SELECT seq FROM "audit_claim" WHERE kind = \'row\' AND key = ?',
                           (f"login_throttle|{username}",)).fetchone()
    if claim is None:
        return None
    effects, _times = Untouched(db)._effects({claim[0]})
    effect = Untouched._claim(effects, claim[0], "row", f"login_throttle|{username}")
    if not _lock_active(effect, now_text()):
        return None
    return effect["until"] if lock_effect(db, username)["digest"] != effect["digest"] else None
