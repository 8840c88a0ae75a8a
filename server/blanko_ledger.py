"""The regency's blanko ledger: allocations (caps the range leases respect), transfers between stations,
the write-off of a revoked station's blanko, every movement listed, one serial traced, the balances.

Per holder (docs/decisions.md, "The blanko ledger"):

    received + transferred in - allocated out - transferred out - issued - spoiled = in stock + incoming

The regency receives (batches) and allocates out by leasing ranges to stations; a transfer passes through
it (in from one station, out to the other). A station receives its leased ranges, transfers in and out,
issues and spoils; its "in stock + incoming" is counted serial by serial from its ranges, independently
of the sums on the left, so a serial issued twice, or issued outside the station's ranges, shows.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime

from peewee import fn

from desktop.domain.leases import regency_number, regency_serial
from server import audit
from server.db import write_transaction
from server.errors import ApiError, invalid
from server.models import (
    BlankoAllocation,
    BlankoBatch,
    BlankoRange,
    BlankoSpoil,
    BlankoTransfer,
    IssuedCard,
    Station,
    StationEvent,
    utcnow,
)

REVOKED_REASON = "revoked_station"
REGENCY = "regency"


@dataclass(frozen=True)
class Balance:
    holder: str
    received: int
    transferred_in: int
    allocated_out: int
    transferred_out: int
    issued: int
    spoiled: int
    destroyed: int
    in_stock: int
    incoming: int

    @property
    def awaiting_destruction(self) -> int:
        return self.spoiled - self.destroyed

    @property
    def holds(self) -> bool:
        left = (self.received + self.transferred_in - self.allocated_out - self.transferred_out - self.issued
                - self.spoiled)
        return left == self.in_stock + self.incoming and 0 <= self.destroyed <= self.spoiled

    def as_dict(self) -> dict:
        return {**self.__dict__, "awaiting_destruction": self.awaiting_destruction, "holds": self.holds}


# --- allocation ------------------------------------------------------------------------------------
def allocate(actor: str, holder: str, quantity: int, note: str = "") -> dict:
    """Allocate blanko to a kecamatan (its code) or a hub (its station code); negative takes back."""
    holder = holder.strip()
    is_station = Station.get_or_none(Station.code == holder) is not None
    is_kecamatan = Station.select().where(Station.kecamatan_code == holder).exists() or _is_kecamatan_code(holder)
    if not (is_station or is_kecamatan):
        raise invalid(f"{holder!r} bukan kode kecamatan (mis. 36.03.01) atau kode stasiun/hub yang terdaftar.")
    if quantity == 0 or abs(quantity) > 1_000_000:
        raise invalid("Jumlah alokasi harus antara -1000000 dan 1000000, bukan 0.")
    with write_transaction():
        current = allocated_to(holder)
        if current + quantity < leased_to(holder):
            raise ApiError(409, "conflict", f"Alokasi {holder} tidak dapat di bawah {leased_to(holder)}: sebanyak itu "
                                            "sudah dipinjamkan ke stasiunnya.")
        BlankoAllocation.create(holder=holder, quantity=quantity, note=note.strip()[:500], actor=actor)
        audit.record(actor, "blanko.allocate", holder=holder, quantity=quantity, total=current + quantity)
    return {"holder": holder, "allocated": current + quantity, "leased": leased_to(holder)}


def _is_kecamatan_code(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 3 and all(p.isdigit() and len(p) == 2 for p in parts)


def allocated_to(holder: str) -> int:
    return int(BlankoAllocation.select(fn.COALESCE(fn.SUM(BlankoAllocation.quantity), 0))
               .where(BlankoAllocation.holder == holder).scalar() or 0)


def holder_of(station: Station) -> str:
    """A hub with an allocation of its own holds it; any other station draws on its kecamatan's."""
    if BlankoAllocation.select().where(BlankoAllocation.holder == station.code).exists():
        return station.code
    return station.kecamatan_code


def _stations_of(holder: str) -> list[str]:
    hubs = {a.holder for a in BlankoAllocation.select(BlankoAllocation.holder).distinct()}
    return [s.id for s in Station.select(Station.id, Station.code, Station.kecamatan_code)
            if s.code == holder or (s.kecamatan_code == holder and s.code not in hubs)]


def _transfer_range_ids() -> set[str]:
    return {t.range_id for t in BlankoTransfer.select(BlankoTransfer.range_id)}


def leased_to(holder: str) -> int:
    """Blanko leased under a holder's allocation (ranges made by a transfer are not drawn on it)."""
    transfers = _transfer_range_ids()
    return sum(r.count for r in BlankoRange.select().where(BlankoRange.station.in_(_stations_of(holder)))
               if r.id not in transfers)


def lease_allowance(station: Station) -> int | None:
    """How many more blanko may be leased to this station: None when the regency allocates nothing yet
    (every station then draws on the regency's stock, as before allocations existed)."""
    if not BlankoAllocation.select().exists():
        return None
    holder = holder_of(station)
    return max(0, allocated_to(holder) - leased_to(holder))


# --- transfers and write-offs ----------------------------------------------------------------------
def _numbers(first: str, last: str) -> tuple[int, int]:
    a, b = regency_number(first.strip().upper()), regency_number(last.strip().upper())
    if a is None or b is None or b < a:
        raise invalid(f"{first} s.d. {last} bukan rentang nomor seri blanko kabupaten (KAB-…).")
    return a, b


def _ended(station_id: str) -> set[int]:
    """Serial numbers of a station that left its stock at the regency's knowledge."""
    numbers = {regency_number(s) for (s,) in IssuedCard.select(IssuedCard.blanko_serial)
               .where(IssuedCard.station == station_id).tuples()}
    numbers |= {regency_number(s) for (s,) in BlankoSpoil.select(BlankoSpoil.serial)
                .where(BlankoSpoil.station == station_id).tuples()}
    for t in BlankoTransfer.select().where(BlankoTransfer.from_station == station_id):
        numbers |= set(range(t.first_number, t.last_number + 1))
    return {n for n in numbers if n is not None}


def _held(station_id: str) -> set[int]:
    numbers: set[int] = set()
    for r in BlankoRange.select().where(BlankoRange.station == station_id):
        numbers |= set(range(r.first_number, r.last_number + 1))
    return numbers


def transfer(actor: str, from_code: str, to_code: str, first: str, last: str) -> dict:
    """Serials first..last of one station go to another through the regency: leased to it as a range
    of their own (the station that gives them records `ktp-mandiri blanko transfer` first)."""
    a, b = _numbers(first, last)
    with write_transaction():
        source, target = Station.get_or_none(Station.code == from_code), Station.get_or_none(Station.code == to_code)
        if source is None or target is None:
            raise invalid(f"Stasiun {from_code if source is None else to_code} tidak terdaftar.")
        if source.id == target.id:
            raise invalid("Stasiun asal dan tujuan sama.")
        wanted = set(range(a, b + 1))
        outside = sorted(wanted - (_held(source.id) - _ended(source.id)))
        if outside:
            raise ApiError(409, "conflict", f"Blanko {regency_serial(outside[0])} tidak ada di stok {from_code} "
                                            "menurut catatan kabupaten (tercetak, rusak, dipindahkan, atau bukan "
                                            "miliknya).")
        source_range = (BlankoRange.select(BlankoRange.id).where(
            (BlankoRange.station == source.id) & (BlankoRange.first_number <= a) & (BlankoRange.last_number >= a))
            .order_by(BlankoRange.granted_at.desc()).first())
        moved = BlankoRange.create(station=target.id, first_number=a, last_number=b, transfer_of=source_range.id)
        BlankoTransfer.create(from_station=source.id, to_station=target.id, range_id=moved.id, first_number=a,
                              last_number=b, actor=actor)
        audit.record(actor, "blanko.transfer", source=from_code, target=to_code, first=regency_serial(a),
                     last=regency_serial(b), count=b - a + 1)
    return {"range": moved.id, "first": regency_serial(a), "last": regency_serial(b), "count": b - a + 1}


def write_off_revoked(actor: str, code: str, note: str = "") -> int:
    """Every blanko still held by a revoked station is written off as spoiled (cause: revoked_station);
    `note` is the officer's reason in words (a police report, a broken PC), kept in the audit."""
    with write_transaction():
        station = Station.get_or_none(Station.code == code)
        if station is None:
            raise invalid(f"Stasiun {code} tidak terdaftar.")
        if station.revoked_at is None:
            raise ApiError(409, "conflict", f"Stasiun {code} belum dicabut; hanya blanko stasiun yang dicabut yang "
                                            "dihapusbukukan sekaligus.")
        left = sorted(_held(station.id) - _ended(station.id))
        now = utcnow().isoformat() + "Z"
        rows = [{"station": station.id, "serial": regency_serial(n), "reason": REVOKED_REASON, "at": now} for n in left]
        for start in range(0, len(rows), 500):
            BlankoSpoil.insert_many(rows[start:start + 500]).on_conflict_ignore().execute()
        audit.record(actor, "blanko.write_off_revoked", station=code, count=len(rows),
                     first=rows[0]["serial"] if rows else None, last=rows[-1]["serial"] if rows else None,
                     note=note.strip()[:500])
    return len(rows)


# --- balances --------------------------------------------------------------------------------------
def _destroy_events():
    """Destructions pushed by stations: movement events, narrowed in SQL before their JSON is read
    (stored by server/changes.dumps, without spaces)."""
    return StationEvent.select().where((StationEvent.entity == "blanko_movement")
                                       & StationEvent.data.contains('"kind":"destroy"'))


def _destroyed(station_id: str) -> int:
    return sum(1 for e in _destroy_events().where(StationEvent.station == station_id)
               if json.loads(e.data).get("kind") == "destroy")


def station_balance(station: Station) -> Balance:
    transfers_in = _transfer_range_ids()
    ranges = list(BlankoRange.select().where(BlankoRange.station == station.id))
    received = sum(r.count for r in ranges if r.id not in transfers_in)
    transferred_in = sum(r.count for r in ranges if r.id in transfers_in)
    transferred_out = sum(t.count for t in BlankoTransfer.select().where(BlankoTransfer.from_station == station.id))
    issued = IssuedCard.select().where(IssuedCard.station == station.id).count()
    spoiled = BlankoSpoil.select().where(BlankoSpoil.station == station.id).count()
    on_hand_numbers = _held(station.id) - _ended(station.id)
    incoming_numbers: set[int] = set()
    for r in ranges:
        if r.confirmed_at is None:
            incoming_numbers |= set(range(r.first_number, r.last_number + 1))
    incoming = len(on_hand_numbers & incoming_numbers)
    return Balance(station.code, received, transferred_in, 0, transferred_out, issued, spoiled,
                   _destroyed(station.id),
                   len(on_hand_numbers) - incoming, incoming)


def regency_balance() -> Balance:
    received = int(BlankoBatch.select(fn.COALESCE(fn.SUM(BlankoBatch.last_number - BlankoBatch.first_number + 1), 0))
                   .scalar() or 0)
    transfers_in = _transfer_range_ids()
    leased = sum(r.count for r in BlankoRange.select() if r.id not in transfers_in)
    moved = sum(t.count for t in BlankoTransfer.select())
    numbers: set[int] = set()
    for batch in BlankoBatch.select():
        numbers |= set(range(batch.first_number, batch.last_number + 1))
    for r in BlankoRange.select():
        if r.id not in transfers_in:
            numbers -= set(range(r.first_number, r.last_number + 1))
    return Balance(REGENCY, received, moved, leased, moved, 0, 0, 0, len(numbers), 0)


def balances() -> list[Balance]:
    return [regency_balance(), *(station_balance(s) for s in Station.select().order_by(Station.code))]


def allocations() -> list[dict]:
    holders = sorted({a.holder for a in BlankoAllocation.select(BlankoAllocation.holder)})
    return [{"holder": h, "allocated": allocated_to(h), "leased": leased_to(h)} for h in holders]


# --- the list and the trace ------------------------------------------------------------------------
KINDS = ("receipt", "allocation", "lease", "transfer", "issue", "spoil", "destroy")


def movements(kinds: tuple[str, ...] = (), station: str = "", since: date | None = None,
              until: date | None = None, limit: int = 1000) -> list[dict]:
    """Every movement the regency knows of, newest first: receipts, allocations, range leases,
    transfers, cards issued (serial only), spoilage and destruction at the stations."""
    codes = {s.id: s.code for s in Station.select(Station.id, Station.code)}
    rows: list[dict] = []
    want = set(kinds or KINDS)
    if "receipt" in want and not station:
        rows += [{"at": b.received_at, "kind": "receipt", "holder": REGENCY, "quantity": b.last_number - b.first_number + 1,
                  "first": regency_serial(b.first_number), "last": regency_serial(b.last_number),
                  "detail": _receipt_detail(b), "actor": b.actor} for b in BlankoBatch.select()]
    if "allocation" in want:
        rows += [{"at": a.at, "kind": "allocation", "holder": a.holder, "quantity": a.quantity, "first": None,
                  "last": None, "detail": a.note, "actor": a.actor} for a in BlankoAllocation.select()
                 if not station or a.holder == station]
    transfers = {t.range_id: t for t in BlankoTransfer.select()}
    for r in BlankoRange.select():
        code = codes.get(r.station_id, "?")
        if station and code != station and not (r.id in transfers and codes.get(transfers[r.id].from_station_id)
                                                == station):
            continue
        if r.id in transfers and "transfer" in want:
            t = transfers[r.id]
            rows.append({"at": t.at, "kind": "transfer", "holder": code, "quantity": t.count,
                         "first": regency_serial(t.first_number), "last": regency_serial(t.last_number),
                         "detail": f"{codes.get(t.from_station_id)} -> {code}", "actor": t.actor})
        elif r.id not in transfers and "lease" in want:
            rows.append({"at": r.granted_at, "kind": "lease", "holder": code, "quantity": r.count,
                         "first": regency_serial(r.first_number), "last": regency_serial(r.last_number),
                         "detail": "dikonfirmasi" if r.confirmed_at else "dalam pengiriman", "actor": None})
    ids = [k for k, v in codes.items() if v == station] if station else list(codes)
    if "issue" in want:
        rows += [{"at": _time(c.issued_at, c.received_at), "kind": "issue", "holder": codes.get(c.station_id),
                  "quantity": 1, "first": c.blanko_serial, "last": c.blanko_serial,
                  "detail": f"{c.kecamatan_code} {str(c.day)[:10]}", "actor": None}
                 for c in IssuedCard.select().where(IssuedCard.station.in_(ids))]
    if "spoil" in want:
        rows += [{"at": _time(s.at, None), "kind": "spoil", "holder": codes.get(s.station_id), "quantity": 1,
                  "first": s.serial, "last": s.serial, "detail": s.reason or "", "actor": None}
                 for s in BlankoSpoil.select().where(BlankoSpoil.station.in_(ids))]
    if "destroy" in want:
        for e in _destroy_events().where(StationEvent.station.in_(ids)):
            data = json.loads(e.data)
            if data.get("kind") == "destroy":
                rows.append({"at": _time(data.get("at"), e.received_at), "kind": "destroy",
                             "holder": codes.get(e.station_id), "quantity": 1, "first": data.get("blanko"),
                             "last": data.get("blanko"), "detail": "", "actor": None})
    if since:
        rows = [r for r in rows if r["at"] and r["at"].date() >= since]
    if until:
        rows = [r for r in rows if r["at"] and r["at"].date() <= until]
    rows.sort(key=lambda r: r["at"] or datetime.min, reverse=True)
    return rows[:limit]


def _receipt_detail(b: BlankoBatch) -> str:
    parts = [f"batch {b.batch}"]
    if b.requested is not None:
        parts.append(f"diterima {b.last_number - b.first_number + 1} dari {b.requested} yang diminta")
    if b.box_first:
        parts.append(f"seri kotak {b.box_first} s.d. {b.box_last or b.box_first}")
    return "; ".join(parts)


def _time(text, fallback) -> datetime | None:
    if isinstance(text, datetime):
        return text
    try:
        value = datetime.fromisoformat(str(text).strip().removesuffix("Z"))
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(None).replace(tzinfo=None)
    except ValueError:
        return fallback


def trace(serial: str) -> list[dict]:
    """One regency serial from its receipt to its end, oldest first (empty: not a regency serial)."""
    number = regency_number(serial.strip().upper())
    if number is None:
        return []
    serial = regency_serial(number)
    codes = {s.id: s.code for s in Station.select(Station.id, Station.code)}
    steps = []
    batch = BlankoBatch.get_or_none((BlankoBatch.first_number <= number) & (BlankoBatch.last_number >= number))
    if batch is None:
        return []
    steps.append({"at": batch.received_at, "kind": "receipt", "holder": REGENCY, "detail": _receipt_detail(batch)})
    transfers = {t.range_id: t for t in BlankoTransfer.select().where(
        (BlankoTransfer.first_number <= number) & (BlankoTransfer.last_number >= number))}
    for r in BlankoRange.select().where((BlankoRange.first_number <= number) & (BlankoRange.last_number >= number)):
        if r.id in transfers:
            t = transfers[r.id]
            steps.append({"at": t.at, "kind": "transfer", "holder": codes.get(r.station_id),
                          "detail": f"{codes.get(t.from_station_id)} -> {codes.get(r.station_id)}"})
        else:
            steps.append({"at": r.granted_at, "kind": "lease", "holder": codes.get(r.station_id),
                          "detail": f"rentang {regency_serial(r.first_number)} s.d. {regency_serial(r.last_number)}"})
        if r.confirmed_at:
            steps.append({"at": r.confirmed_at, "kind": "arrived", "holder": codes.get(r.station_id), "detail": ""})
    for c in IssuedCard.select().where(IssuedCard.blanko_serial == serial):
        steps.append({"at": _time(c.issued_at, c.received_at), "kind": "issue", "holder": codes.get(c.station_id),
                      "detail": f"kartu {c.id} kecamatan {c.kecamatan_code} {str(c.day)[:10]}"})
    for s in BlankoSpoil.select().where(BlankoSpoil.serial == serial):
        steps.append({"at": _time(s.at, None), "kind": "spoil", "holder": codes.get(s.station_id),
                      "detail": s.reason or ""})
    for e in _destroy_events().where(StationEvent.data.contains(f'"{serial}"')):
        data = json.loads(e.data)
        if data.get("blanko") == serial and data.get("kind") == "destroy":
            steps.append({"at": _time(data.get("at"), e.received_at), "kind": "destroy",
                          "holder": codes.get(e.station_id), "detail": ""})
    steps.sort(key=lambda s: s["at"] or datetime.min)
    return steps


# --- the ledger page of the regency panel (GET /v1/admin/ledger) -----------------------------------
def _row_key(row: dict) -> list:
    return [(row["at"] or datetime.min).isoformat(), row["kind"], row["holder"] or "", row["first"] or ""]


def _cursor(key: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def _after(text: str) -> list:
    try:
        key = json.loads(base64.urlsafe_b64decode(text.encode() + b"=" * (-len(text) % 4)))
    except ValueError:
        key = None
    if not (isinstance(key, list) and len(key) == 4 and all(isinstance(k, str) for k in key)):
        raise invalid("Kursor buku blanko tidak sah (after): pakai nilai `next` dari halaman sebelumnya.")
    return key


def _covers(row: dict, number: int) -> bool:
    first = regency_number(row["first"] or "")
    last = regency_number(row["last"] or "") if row["last"] else first
    return first is not None and last is not None and first <= number <= last


def page(holder: str | None = None, kind: str | None = None, serial: str | None = None, since: date | None = None,
         until: date | None = None, limit: int = 100, after: str | None = None) -> dict:
    """Movements newest first, `limit` a page, the next page after the cursor `next` (keyset: a
    movement recorded meanwhile never shifts a page). Filters: holder (a station code, a kecamatan or
    "regency"), kind, a serial inside the movement's range, the days from..to."""
    if serial is not None:
        number = regency_number(serial.strip().upper())
        if number is None:
            raise invalid(f"{serial} bukan nomor seri blanko kabupaten (KAB-…).")
    rows = movements((kind,) if kind else (), "" if holder in (None, REGENCY) else holder, since, until,
                     limit=10**9)
    if holder == REGENCY:
        rows = [r for r in rows if r["holder"] == REGENCY]
    if serial is not None:
        rows = [r for r in rows if _covers(r, number)]
    rows.sort(key=_row_key, reverse=True)
    if after:
        key = _after(after)
        rows = [r for r in rows if _row_key(r) < key]
    shown = rows[:limit]
    return {"movements": [{**r, "at": None if r["at"] is None else r["at"].isoformat()} for r in shown],
            "next": _cursor(_row_key(shown[-1])) if len(rows) > limit else None}
