"""What the server cannot justify in a station's events: anomalies by rule, and suspension.

docs/sync-protocol.md ("Anomalies and suspension") is the specification. A printed card is a physical
fact: it is always kept. Every card or audit entry the server cannot justify is recorded as an
anomaly with its rule and the event's fields as sent; an anomaly of a suspending rule (a card without
a right, a serial not leased) suspends the station: its unused rights go back to the pool, it gets no
new lease, and its operators and the regency see why in one sentence until an admin clears it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from desktop.domain.leases import REGENCY_SERIAL_PREFIX, regency_number
from desktop.domain.record_status import PRINT_READY
from server import audit, claims
from server.changes import _CURSOR
from server.db import database, insert_rows, is_postgres, write_transaction
from server.errors import ApiError
from server.models import (
    Anomaly,
    BlankoRange,
    BlankoSpoil,
    Change,
    IssuedCard,
    QuotaLease,
    Resident,
    Station,
    StationEvent,
    utcnow,
)
from server.registry import find_station

log = logging.getLogger("ktp.server.anomalies")

LOCAL_SERIAL_PREFIX = "BLK-"
# rule -> what it says, as the end of a sentence "... karena <this>".
RULES = {
    "no_right": "kartu dicetak di luar hak cetak yang dipinjamkan ke stasiun untuk kecamatan dan hari itu",
    "serial_not_leased": "nomor seri blanko tidak dipinjamkan kabupaten ke stasiun ini",
    "serial_used": "nomor seri blanko sudah terpakai untuk kartu lain atau tercatat rusak",
    "serial_local": "nomor seri blanko lokal (BLK-) dipakai setelah stasiun terdaftar",
    "not_resident": "NIK bukan penduduk kecamatan kartu itu di antara kecamatan yang dilayani stasiun",
    "not_print_ready": "NIK belum siap cetak menurut data yang sudah ditarik stasiun",
    "nik_twice": "NIK mendapat kartu kedua pada hari yang sama tanpa rujukan persetujuan cetak ulang",
    "bad_reference": ("kartu menyebut persetujuan cetak ulang yang tidak dicatat server untuk NIK, hari dan "
                      "stasiun itu, atau yang sudah dipakai kartu lain"),
    "transfer_not_held": ("blanko yang dicatat dipindahkan keluar tidak dipegang stasiun ini menurut catatan "
                          "kabupaten (tidak dipinjamkan kepadanya, atau sudah tercetak atau rusak)"),
    "audit_format": "entri audit berformat tidak dikenal",
    "audit_chain": "entri audit tidak menyambung ke rantai yang dimiliki server",
}
SUSPENDING = frozenset({"no_right", "serial_not_leased"})


@dataclass(frozen=True)
class Card:
    """A card event as the station sent it (only what the rules read)."""

    event_id: str
    event_at: str | None
    card_id: str
    nik: str
    kecamatan: str
    day: date
    serial: str
    cursor: str | None  # the station's pull cursor when it printed (None: judged on the current record)
    referenced: bool  # carries a reprint approval (checked by rule `bad_reference`)
    history: bool  # printed before the station was enrolled (its enrolment history)
    reference: str | None = None  # the reprint approval it names, as sent


def card(event: dict, fields: dict, history: bool) -> Card:
    data = event["data"]
    cursor = data.get("pull_cursor")
    return Card(event_id=str(event["id"]), event_at=event.get("at"), card_id=fields["id"], nik=fields["nik"],
                kecamatan=fields["kecamatan_code"] or "", day=fields["day"], serial=fields["blanko_serial"],
                cursor=cursor if isinstance(cursor, str) else None,
                referenced=isinstance(data.get("reprint_approval"), str) and bool(data["reprint_approval"]),
                history=history, reference=data["reprint_approval"] if isinstance(data.get("reprint_approval"), str) else None)


# --- recording -------------------------------------------------------------------------------------
def record(station: Station, rule: str, *, event_id: str, entity: str, entity_id: str, event_at: str | None,
           nik: str | None = None, serial: str | None = None, kecamatan: str | None = None) -> None:
    """One anomaly (once per station, rule and event), inside the caller's transaction; a suspending
    rule suspends the station."""
    inserted = Anomaly.insert(
        station=station.id, rule=rule, event_id=event_id[:255], entity=entity[:40], entity_id=entity_id[:255],
        event_at=(event_at or None) and str(event_at)[:255], nik=nik and nik[:255],
        blanko_serial=serial and serial[:255], kecamatan_code=kecamatan and kecamatan[:255],
        detail=RULES[rule], recorded_at=utcnow(),
    ).on_conflict_ignore().execute()
    if inserted:
        log.warning("station %s: anomaly %s (event %s)", station.code, rule, event_id)
    if rule in SUSPENDING and station.suspended_at is None:
        suspend(station, rule, serial)


def suspension_sentence(rule: str, serial: str | None, at: datetime) -> str:
    what = f" (blanko {serial})" if serial else ""
    return (f"Stasiun ini dihentikan sementara oleh server kabupaten sejak {at:%d-%m-%Y %H:%M} UTC karena "
            f"{RULES[rule]}{what}: hak cetaknya ditarik dan tidak ada hak baru sampai admin kabupaten "
            "mencabut penghentian ini.")


def suspend(station: Station, rule: str, serial: str | None) -> None:
    """Recall the station's unused rights (they go back to the kecamatan's pool) and stop its leases."""
    now = utcnow()
    station.suspended_at = now
    station.suspension = suspension_sentence(rule, serial, now)
    Station.update(suspended_at=now, suspension=station.suspension).where(Station.id == station.id).execute()
    recalled = []
    for lease in QuotaLease.select().where((QuotaLease.station == station.id)
                                           & (QuotaLease.day >= now.date() - timedelta(days=1))):
        # What it used (as it last said, or as its cards here show) stays with it; the rest is taken back.
        issued = IssuedCard.select().where((IssuedCard.station == station.id)
                                           & (IssuedCard.kecamatan_code == lease.kecamatan_code)
                                           & (IssuedCard.day == lease.day)).count()
        returned = max(lease.returned, lease.granted - max(lease.used, issued, 0))
        if returned != lease.returned:
            recalled.append({"kecamatan": lease.kecamatan_code, "day": str(lease.day)[:10],
                             "rights": returned - lease.returned})
            QuotaLease.update(returned=returned, updated_at=now).where(QuotaLease.id == lease.id).execute()
    audit.record(f"station:{station.code}", "station.suspended", rule=rule, serial=serial, recalled=recalled)
    log.warning("station %s suspended: %s", station.code, rule)


def clear(actor: str, ident: str) -> dict:
    """An admin lifts a station's suspension (audited); its anomalies stay on record."""
    with write_transaction():
        station = find_station(ident)
        if station.suspended_at is None:
            raise ApiError(409, "conflict", f"Stasiun {station.code} tidak sedang dihentikan.")
        audit.record(actor, "station.suspension_cleared", station=station.id, code=station.code,
                     since=station.suspended_at.isoformat(), why=station.suspension)
        Station.update(suspended_at=None, suspension=None).where(Station.id == station.id).execute()
        # Its anomalies stay on record, no longer open (the regency panel counts the open ones).
        Anomaly.update(cleared_at=utcnow()).where((Anomaly.station == station.id) & Anomaly.cleared_at.is_null()).execute()
    return {"station": station.code, "suspended": False}


def listing(limit: int = 1000, station: str | None = None) -> list[dict]:
    """The most recent anomalies first: rule, station, times, and the event's fields as sent."""
    query = (Anomaly.select(Anomaly, Station.code, Station.name).join(Station)
             .order_by(Anomaly.recorded_at.desc(), Anomaly.id.desc()).limit(limit))
    if station is not None:
        query = query.where(Anomaly.station == find_station(station).id)
    return [{"id": a.id, "rule": a.rule, "suspending": a.rule in SUSPENDING, "detail": a.detail,
             "station": a.station.code, "station_name": a.station.name,
             "at": a.event_at, "recorded_at": a.recorded_at.isoformat() + "Z",
             "nik": a.nik, "blanko_serial": a.blanko_serial, "kecamatan": a.kecamatan_code,
             "entity": a.entity, "entity_id": a.entity_id, "event_id": a.event_id} for a in query]


def suspended_stations() -> list[dict]:
    return [{"station": s.code, "name": s.name, "since": s.suspended_at.isoformat() + "Z", "why": s.suspension}
            for s in Station.select().where(Station.suspended_at.is_null(False)).order_by(Station.suspended_at)]


# --- judging cards ---------------------------------------------------------------------------------
def history_open(station: Station) -> bool:
    """Whether the station's enrolment history may still arrive (its end marker not yet received)."""
    return not StationEvent.select().where((StationEvent.station == station.id)
                                           & (StationEvent.entity == "enrolment_history")).exists()


def before_enrolment(station: Station, issued_at: str) -> bool:
    try:
        at = datetime.fromisoformat(issued_at.strip().removesuffix("Z"))
    except ValueError:
        return False
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return station.enrolled_at is not None and at < station.enrolled_at


def _chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def judge(station: Station, cards: list[Card], *, defer_leased: bool) -> None:
    """Judge new cards (call after they are stored, in the push's transaction). While a restored server
    waits for this station's report, rights and serials wait too (`judge_deferred`). A few queries a
    batch, not a card: an honest batch of 500 cards costs little more than storing it."""
    if not cards:
        return
    cards = sorted(cards, key=lambda c: (c.event_at or "", c.card_id))
    found: list[tuple[str, Card]] = []
    found += _twice(cards)
    found += _references(station, cards)
    found += _residence(station, [c for c in cards if not c.history], use_cursor=not defer_leased)
    if defer_leased:
        for chunk in _chunks([c.card_id for c in cards]):
            IssuedCard.update(unjudged=True).where(IssuedCard.id.in_(chunk)).execute()
    else:
        found += _leased(station, cards)
    _record_all(station, found)


def judge_deferred(station: Station) -> int:
    """After the station's restore report: judge rights and serials of the cards that waited for it."""
    ids = [i for (i,) in IssuedCard.select(IssuedCard.id).where((IssuedCard.station == station.id)
                                                                 & (IssuedCard.unjudged == True)).tuples()]  # noqa: E712
    if not ids:
        return 0
    cards = []
    for chunk in _chunks(ids):
        events = (StationEvent.select().where((StationEvent.station == station.id) & (StationEvent.entity == "issued_card")
                                              & StationEvent.entity_id.in_(chunk)).order_by(StationEvent.id))
        latest = {e.entity_id: e for e in events}
        for row in IssuedCard.select().where(IssuedCard.id.in_(chunk)):
            event = latest.get(row.id)
            data = json.loads(event.data) if event is not None else {}
            cards.append(Card(event_id=event.event_id if event else row.id, event_at=event.station_time if event else None,
                              card_id=row.id, nik=row.nik, kecamatan=row.kecamatan_code, day=_as_date(row.day),
                              serial=row.blanko_serial, cursor=None,
                              referenced=bool(data.get("reprint_approval")), history=False))
        IssuedCard.update(unjudged=False).where(IssuedCard.id.in_(chunk)).execute()
    _record_all(station, _leased(station, sorted(cards, key=lambda c: (c.event_at or "", c.card_id))))
    return len(cards)


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _record_all(station: Station, found: list[tuple[str, Card]]) -> None:
    if not found:
        return
    now = utcnow()
    # One COPY (PostgreSQL) or prepared statement (SQLite), not peewee's insert_many: a forged batch of
    # 500 cards may break four rules each, and building 2,000 rows' expressions cost 0.9 s a batch.
    rows = [(station.id, rule, c.event_id[:255], "issued_card", c.card_id[:255],
             (c.event_at or None) and str(c.event_at)[:255], c.nik[:255], c.serial[:255], c.kecamatan[:255],
             RULES[rule], now) for rule, c in found]
    insert_rows(Anomaly, ("station_id", "rule", "event_id", "entity", "entity_id", "event_at", "nik", "blanko_serial",
                          "kecamatan_code", "detail", "recorded_at"), rows, "ON CONFLICT DO NOTHING")
    log.warning("station %s: %s anomalies (%s)", station.code, len(found), ", ".join(sorted({r for r, _ in found})))
    suspending = next(((rule, c) for rule, c in found if rule in SUSPENDING), None)
    if suspending is not None and station.suspended_at is None:
        suspend(station, suspending[0], suspending[1].serial)


def _earlier_twins(cards: list[Card], key, existing: set) -> list[Card]:
    """Cards whose key an earlier card has (one the server had, or one before it in this batch)."""
    seen, twins = set(existing), []
    for c in cards:
        k = key(c)
        if k in seen:
            twins.append(c)
        seen.add(k)
    return twins


def _others(field, values: list, fresh: set[str], *extra) -> list:
    """(value, id) of the cards the server had before this batch with one of these values."""
    rows = []
    for chunk in _chunks(sorted(set(values))):
        rows += [r for r in IssuedCard.select(field, IssuedCard.id, *extra).where(field.in_(chunk)).tuples()
                 if r[1] not in fresh]
    return rows


def _leased(station: Station, cards: list[Card]) -> list[tuple[str, Card]]:
    found: list[tuple[str, Card]] = []
    # Serials: a regency serial must be in a range leased to this station and on no other card or spoil.
    ranges = [(r.first_number, r.last_number) for r in BlankoRange.select(BlankoRange.first_number, BlankoRange.last_number)
              .where(BlankoRange.station == station.id)]
    regency = []
    for c in cards:
        if c.serial.startswith(LOCAL_SERIAL_PREFIX):
            if not c.history:
                found.append(("serial_local", c))
            continue
        number = regency_number(c.serial) if c.serial.startswith(REGENCY_SERIAL_PREFIX) else None
        if number is None or not any(first <= number <= last for first, last in ranges):
            found.append(("serial_not_leased", c))
        else:
            regency.append(c)
    fresh = {c.card_id for c in cards}
    serials = [c.serial for c in regency]
    used = {serial for serial, _ in _others(IssuedCard.blanko_serial, serials, fresh)}
    for chunk in _chunks(sorted(set(serials))):
        used |= {serial for (serial,) in BlankoSpoil.select(BlankoSpoil.serial).where(BlankoSpoil.serial.in_(chunk)).tuples()}
    found += [("serial_used", c) for c in _earlier_twins(regency, lambda c: c.serial, used)]
    # Rights: the station's cards of a kecamatan and day never exceed the rights it holds for them.
    groups: dict[tuple[str, date], list[Card]] = {}
    for c in cards:
        if not c.history:
            groups.setdefault((c.kecamatan, c.day), []).append(c)
    for (kecamatan, day), mine in groups.items():
        lease = QuotaLease.get_or_none((QuotaLease.station == station.id) & (QuotaLease.kecamatan_code == kecamatan)
                                       & (QuotaLease.day == day))
        held = lease.held if lease is not None else 0
        issued = IssuedCard.select().where((IssuedCard.station == station.id) & (IssuedCard.kecamatan_code == kecamatan)
                                           & (IssuedCard.day == day)).count()
        beyond = min(len(mine), issued - held)
        found += [("no_right", c) for c in (mine[len(mine) - beyond:] if beyond > 0 else [])]
    return found


def _lock_niks(niks: list[str]) -> None:
    """Two pushes with a card of one NIK at once (two stations back online together) would each look
    before the other commits and neither would see a twin. On PostgreSQL a push holds a lock per NIK
    until it commits, so the later one waits and then sees the earlier one's card; the keys are taken
    in one order, so two pushes never wait for each other. (SQLite: one writer at a time already.)"""
    if not niks or not is_postgres():
        return
    keys = sorted({int.from_bytes(hashlib.sha256(f"card-nik:{nik}".encode()).digest()[:8], "big", signed=True)
                   for nik in niks})
    database.obj.execute_sql("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k", (keys,))


def _twice(cards: list[Card]) -> list[tuple[str, Card]]:
    _lock_niks([c.nik for c in cards])
    fresh = {c.card_id for c in cards}
    had = {(nik, _as_date(day)) for nik, _, day in _others(IssuedCard.nik, [c.nik for c in cards], fresh, IssuedCard.day)}
    twins = _earlier_twins(cards, lambda c: (c.nik, c.day), had)
    return [("nik_twice", c) for c in twins if not c.referenced]


def _references(station: Station, cards: list[Card]) -> list[tuple[str, Card]]:
    """A card naming a reprint approval: one the server recorded for this station, NIK and day (the
    claim brought it), for an earlier card of them, used by this card only."""
    found = []
    for c in cards:
        if c.referenced and not claims.valid_reference(station.id, c.card_id, c.nik, c.day, str(c.reference).lower()):
            found.append(("bad_reference", c))
    return found


def _residence(station: Station, cards: list[Card], use_cursor: bool) -> list[tuple[str, Card]]:
    """The resident as the station had pulled it (its latest change at or before the card's cursor),
    or, for a card without a cursor, as the server holds it now."""
    served = set(station.served_codes) | set(station.earlier_codes)
    by_cursor: dict[tuple[int, int] | None, list[Card]] = {}
    for c in cards:
        found = _CURSOR.fullmatch(c.cursor) if use_cursor and c.cursor else None
        by_cursor.setdefault((int(found[1]), int(found[2])) if found else None, []).append(c)
    states: dict[tuple, dict | None] = {}
    for position, group in by_cursor.items():
        niks = sorted({c.nik for c in group})
        for chunk in _chunks(niks):
            if position is None:
                for r in Resident.select(Resident.nik, Resident.kecamatan_code, Resident.record_status).where(
                        Resident.nik.in_(chunk)):
                    states[(None, r.nik)] = {"kecamatan_code": r.kecamatan_code, "record_status": r.record_status}
                continue
            txid, change_id = position
            rows = (Change.select(Change.key, Change.txid, Change.id, Change.data).where(
                (Change.kind == "resident") & Change.key.in_(chunk) & Change.scope.in_(sorted(served))
                & ((Change.txid < txid) | ((Change.txid == txid) & (Change.id <= change_id)))).tuples())
            latest: dict[str, tuple] = {}
            for key, row_txid, row_id, data in rows:
                if key not in latest or (row_txid, row_id) > latest[key][:2]:
                    latest[key] = (row_txid, row_id, data)
            for key, (_, _, data) in latest.items():
                states[(position, key)] = json.loads(data)
    found = []
    for position, group in by_cursor.items():
        for c in group:
            state = states.get((position, c.nik))
            if state is None or state.get("kecamatan_code") not in served or state.get("kecamatan_code") != c.kecamatan:
                found.append(("not_resident", c))
            elif state.get("record_status") != PRINT_READY:
                found.append(("not_print_ready", c))
    return found


def judge_transfers(station: Station, events: list[dict]) -> None:
    """A blanko the station says it transferred out must be one the regency leased to it and that no
    card or spoilage used (in the push's transaction, after its spoils are stored)."""
    moves = [e for e in events if e["entity"] == "blanko_movement" and e["data"].get("kind") == "transfer_out"]
    if not moves:
        return
    ranges = [(r.first_number, r.last_number) for r in BlankoRange.select(BlankoRange.first_number, BlankoRange.last_number)
              .where(BlankoRange.station == station.id)]
    serials = sorted({str(e["data"].get("blanko") or "")[:64] for e in moves})
    used: set[str] = set()
    for chunk in _chunks(serials):
        used |= {s for (s,) in IssuedCard.select(IssuedCard.blanko_serial).where(IssuedCard.blanko_serial.in_(chunk)).tuples()}
        used |= {s for (s,) in BlankoSpoil.select(BlankoSpoil.serial).where(BlankoSpoil.serial.in_(chunk)).tuples()}
    for e in moves:
        serial = str(e["data"].get("blanko") or "")[:64]
        number = regency_number(serial) if serial.startswith(REGENCY_SERIAL_PREFIX) else None
        if number is None or not any(first <= number <= last for first, last in ranges) or serial in used:
            record(station, "transfer_not_held", event_id=str(e["id"]), entity="blanko_movement",
                   entity_id=str(e["entity_id"]), event_at=e.get("at"), serial=serial or None)


def record_apart(station_id: str, rule: str, **fields: object) -> None:
    """An anomaly found in a batch that is refused as a whole: recorded in a transaction of its own."""
    with write_transaction():
        query = Station.select().where(Station.id == station_id)
        if is_postgres():
            query = query.for_update()
        record(query.get(), rule, **fields)
