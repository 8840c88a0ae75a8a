"""Cards printed after a restored point come back from the regency's copy (issue 19, item 2).

An enrolled station restored from its own backup lost the cards printed after the copy was taken:
their blanko read `in_stock` and their citizens printable again. The regency received them
(`GET /v1/own-events?after=ENTRY`, docs/sync-protocol.md): each card whose blanko is here and still
`in_stock`, whose citizen is known and which the database does not already hold is recorded again
(its job `done`, its blanko `issued`), in one transaction with one `sync.cards_recovered` entry that
claims every row it wrote. Newer local records are never overwritten: a blanko in any other state, a
card already held, and a card of an unknown citizen are left and counted as skipped. One exception: a
blanko the supervisor's count after the restore booked missing (desktop/services/restore_count.py) is
explained by its card: the card is recorded and the booking undone by a movement of -1.

Accepting a restore (CLI or GUI) marks the fetch due (`OWN_EVENTS_DUE`) before trying it: when the
regency cannot be reached then (a restore accepted offline), every sync round that reaches it tries again
(`fetch_in_round`, after the handshake and before the push, which the regency refuses to a restored
chain until it re-anchors it) until it succeeds; `ktp-mandiri audit fetch-own --user NAMA` tries at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.audit_chain import blanko_effect
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.restore_count import MISSING_REASON
from desktop.services.session import CurrentUser
from desktop.settings import OWN_EVENTS_DUE
from desktop.store.models import (
    AuditLog,
    Blanko,
    BlankoMovement,
    IssuedCard,
    PrintJob,
    Resident,
    Station,
    User,
)
from desktop.sync.client import SyncError

log = logging.getLogger("ktp.sync")

MAX_PAGES = 200  # a restore of weeks at most: the regency's copy is read a page at a time
MAX_UNSENT = 50  # entries of the restored point the regency may not have got yet


@dataclass
class Recovered:
    cards: list[str] = field(default_factory=list)  # blanko serials recorded again
    skipped: list[str] = field(default_factory=list)  # "serial: why"


def mark_due(point: int) -> None:
    """A restore to entry `point` was accepted: the cards after it are to be fetched."""
    OWN_EVENTS_DUE.set(point)


def fetch_due(db: SqliteDatabase, clock: Clock, client, user: CurrentUser) -> Recovered | None:
    """The due fetch (None when none is due); it stays due when the regency cannot be reached."""
    point = OWN_EVENTS_DUE.get()
    if point is None:
        return None
    try:
        done = recover_cards(db, clock, client, user, point)
    except (SyncError, UserFacingError) as exc:
        raise UserFacingError(msg("Kartu sesudah titik pemulihan belum diambil dari server kabupaten: {why} Coba "
                                  "lagi nanti: ktp-mandiri audit fetch-own --user NAMA.", why=str(exc)),
                              code="fetch_due") from exc
    OWN_EVENTS_DUE.set(None)
    return done


def fetch_in_round(db: SqliteDatabase, clock: Clock, client) -> Recovered | None:
    """The due fetch as a step of a sync round (nobody signed in: its entry names no user). Only a regency
    out of reach fails the round; any other failure is logged and the fetch stays due for the next round."""
    point = OWN_EVENTS_DUE.get()
    if point is None:
        return None
    try:
        done = recover_cards(db, clock, client, None, point)
    except SyncError as exc:
        if exc.code == "offline":
            raise
        log.warning("the cards after the restored point were not fetched (retried next round): %s", exc.code)
        return None
    except UserFacingError as exc:
        log.warning("the cards after the restored point were not fetched (retried next round): %s", exc.code)
        return None
    OWN_EVENTS_DUE.set(None)
    return done


def summary(done: Recovered) -> list[str]:
    """What came back, for the supervisor (the command line and the window): a sentence, then one line
    for each card skipped."""
    lines = [msg("Dari server kabupaten: {count} kartu sesudah titik pemulihan dicatat lagi{serials}.",
                 count=len(done.cards), serials=f" ({', '.join(done.cards)})" if done.cards else "")]
    return lines + [f"- dilewati {item}" for item in done.skipped]


def recover_cards(db: SqliteDatabase, clock: Clock, client, user: CurrentUser | None, point: int) -> Recovered:
    """Fetch the station's own cards after the restored point (entry `point`) and record those the
    database lost. The regency is asked from the last entry before the point that it received (the
    entries a round writes after its push reach it only with the next one)."""
    tried = [row.id for row in AuditLog.select(AuditLog.id).where(AuditLog.seq <= point)
             .order_by(AuditLog.seq.desc()).limit(MAX_UNSENT)]
    for after_entry in tried:
        try:
            client.get("/v1/own-events", after=after_entry, limit=1)
        except SyncError as exc:
            if exc.code == "not_found":
                continue
            raise
        return _recover(db, clock, client, user, after_entry)
    raise UserFacingError(msg("Server kabupaten belum menerima satu pun entri audit dari database yang dipulihkan; "
                              "kartu sesudahnya tidak dapat diambil dari sana."), code="not_found")


def _recover(db: SqliteDatabase, clock: Clock, client, user: CurrentUser | None, after_entry: str) -> Recovered:
    events, cursor = [], None
    for _page in range(MAX_PAGES):
        reply = client.get("/v1/own-events", after=after_entry, cursor=cursor)
        events += [e for e in reply.get("events", []) if e.get("entity") == "issued_card"]
        cursor = reply.get("cursor")
        if not reply.get("more"):
            break
    result = Recovered()
    with db.atomic("IMMEDIATE"):
        station = Station.select().first()
        effects = []
        for event in events:
            why = _record(event.get("data") or {}, station, result, clock.now_utc())
            if why is None:
                effects.append(blanko_effect(str(event["data"]["blanko"]), "issued"))
            else:
                result.skipped.append(f"{str((event.get('data') or {}).get('blanko'))[:64]}: {why}")
        if result.cards or result.skipped:
            audit.record("sync.cards_recovered", user, at=clock.now_utc(), effects=effects, after=after_entry,
                         cards=result.cards, skipped=result.skipped)
    log.info("cards recovered from the regency: %s, skipped %s", len(result.cards), len(result.skipped))
    return result


def _booked_missing(blanko_id: str) -> bool:
    """The blanko's last movement is the count's booking of it as missing after a restore."""
    last = (BlankoMovement.select(BlankoMovement.kind, BlankoMovement.reason, BlankoMovement.quantity)
            .where(BlankoMovement.blanko == blanko_id).order_by(BlankoMovement.at.desc()).first())
    return last is not None and (last.kind, last.reason, last.quantity) == ("spoil", MISSING_REASON, 1)


def _record(data: dict, station: Station, result: Recovered, now: datetime) -> str | None:
    """Record one card again; why not (None when it was recorded)."""
    try:
        serial, nik, day = str(data["blanko"]), str(data["nik"]), date.fromisoformat(str(data["day"])[:10])
        issued_at = datetime.fromisoformat(str(data["issued_at"]).replace("Z", "")[:26])
        reason, kecamatan = str(data["reason"])[:64], str(data["kecamatan"])[:8]
    except (KeyError, TypeError, ValueError):
        return "isi tidak lengkap"  # untrusted input: recorded as skipped, nothing written
    blanko = Blanko.get_or_none(Blanko.serial == serial)
    if blanko is None:
        return "blanko tidak dikenal stasiun ini"
    if IssuedCard.select().where(IssuedCard.blanko == blanko.id).exists():
        return "kartu sudah tercatat"
    booked_missing = blanko.state == "spoiled" and _booked_missing(blanko.id)
    if blanko.state != "in_stock" and not booked_missing:
        return f"blanko berstatus {blanko.state} (catatan setempat lebih baru)"
    resident = Resident.get_or_none(Resident.nik == nik)
    if resident is None:
        return "penduduk tidak dikenal stasiun ini"
    operator = User.get_or_none(User.username == str(data.get("operator") or ""))
    operator_id = operator.id if operator else User.select(User.id).order_by(User.created_at).scalar()
    job = PrintJob.create(resident=resident.id, nik=nik, reason=reason, documents="[]", operator=operator_id,
                          station=station.id, kecamatan_code=kecamatan, day=day,
                          printer_uri=str(data.get("printer") or "")[:200], blanko=blanko.id, state="done",
                          fault="recovered_from_regency", created_at=issued_at, updated_at=issued_at)
    audit.claim("print_job", job.id)
    card = IssuedCard.create(job=job.id, resident=resident.id, nik=nik, reason=reason, blanko=blanko.id,
                             printer_uri=job.printer_uri, operator=operator_id, station=station.id,
                             kecamatan_code=kecamatan, day=day, issued_at=issued_at)
    audit.claim("issued_card", card.id)
    Blanko.update(state="issued", updated_at=issued_at).where(Blanko.id == blanko.id).execute()
    if booked_missing:  # the count after the restore booked it missing: the card explains it, the booking is undone
        BlankoMovement.create(kind="spoil", quantity=-1, blanko=blanko.id, station=station.id, user=operator_id,
                              reason=MISSING_REASON, job_id=job.id, at=now)
    BlankoMovement.create(kind="issue", quantity=1, blanko=blanko.id, station=station.id, user=operator_id,
                          job_id=job.id, reason="recovered_from_regency", at=issued_at)
    result.cards.append(serial)
    return None
