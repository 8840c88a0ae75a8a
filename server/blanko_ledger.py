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
import heapq
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

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
        rows += [_receipt_row(b) for b in BlankoBatch.select()]
    if "allocation" in want:
        rows += [_allocation_row(a) for a in BlankoAllocation.select() if not station or a.holder == station]
    transfers = {t.range_id: t for t in BlankoTransfer.select()}
    for r in BlankoRange.select():
        code = codes.get(r.station_id, "?")
        if station and code != station and not (r.id in transfers and codes.get(transfers[r.id].from_station_id)
                                                == station):
            continue
        if r.id in transfers and "transfer" in want:
            rows.append(_transfer_row(transfers[r.id], codes, code))
        elif r.id not in transfers and "lease" in want:
            rows.append(_lease_row(r, codes))
    ids = [k for k, v in codes.items() if v == station] if station else list(codes)
    if "issue" in want:
        rows += [_issue_row(c, codes) for c in IssuedCard.select().where(IssuedCard.station.in_(ids))]
    if "spoil" in want:
        rows += [_spoil_row(s, codes) for s in BlankoSpoil.select().where(BlankoSpoil.station.in_(ids))]
    if "destroy" in want:
        rows += [row for e in _destroy_events().where(StationEvent.station.in_(ids))
                 if (row := _destroy_row(e, codes)) is not None]
    if since:
        rows = [r for r in rows if r["at"] and r["at"].date() >= since]
    if until:
        rows = [r for r in rows if r["at"] and r["at"].date() <= until]
    rows.sort(key=lambda r: r["at"] or datetime.min, reverse=True)
    return rows[:limit]


# One movement as a ledger row, from each source.
def _receipt_row(b: BlankoBatch) -> dict:
    return {"at": b.received_at, "kind": "receipt", "holder": REGENCY, "quantity": b.last_number - b.first_number + 1,
            "first": regency_serial(b.first_number), "last": regency_serial(b.last_number),
            "detail": _receipt_detail(b), "actor": b.actor}


def _allocation_row(a: BlankoAllocation) -> dict:
    return {"at": a.at, "kind": "allocation", "holder": a.holder, "quantity": a.quantity, "first": None,
            "last": None, "detail": a.note, "actor": a.actor}


def _transfer_row(t: BlankoTransfer, codes: dict, code: str | None = None) -> dict:
    code = code or codes.get(t.to_station_id, "?")
    return {"at": t.at, "kind": "transfer", "holder": code, "quantity": t.count,
            "first": regency_serial(t.first_number), "last": regency_serial(t.last_number),
            "detail": f"{codes.get(t.from_station_id)} -> {code}", "actor": t.actor}


def _lease_row(r: BlankoRange, codes: dict) -> dict:
    return {"at": r.granted_at, "kind": "lease", "holder": codes.get(r.station_id, "?"), "quantity": r.count,
            "first": regency_serial(r.first_number), "last": regency_serial(r.last_number),
            "detail": "dikonfirmasi" if r.confirmed_at else "dalam pengiriman", "actor": None}


def _issue_row(c: IssuedCard, codes: dict) -> dict:
    return {"at": _time(c.issued_at, c.received_at), "kind": "issue", "holder": codes.get(c.station_id),
            "quantity": 1, "first": c.blanko_serial, "last": c.blanko_serial,
            "detail": f"{c.kecamatan_code} {str(c.day)[:10]}", "actor": None}


def _spoil_row(s: BlankoSpoil, codes: dict) -> dict:
    return {"at": _time(s.at, None), "kind": "spoil", "holder": codes.get(s.station_id), "quantity": 1,
            "first": s.serial, "last": s.serial, "detail": s.reason or "", "actor": None}


def _destroy_row(e: StationEvent, codes: dict) -> dict | None:
    data = json.loads(e.data)
    if data.get("kind") != "destroy":
        return None
    return {"at": _time(data.get("at"), e.received_at), "kind": "destroy", "holder": codes.get(e.station_id),
            "quantity": 1, "first": data.get("blanko"), "last": data.get("blanko"), "detail": "", "actor": None}


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
    "regency"), kind, a serial inside the movement's range, the days from..to. The filters and the key
    are conditions of each source's SQL query, and the sources are merged newest first until the page
    is full: a page reads about `limit` rows per source, never the whole ledger (the times of cards,
    spoils and destructions are the stations' strings, so those sources are bounded by the day)."""
    number = None
    if serial is not None:
        number = regency_number(serial.strip().upper())
        if number is None:
            raise invalid(f"{serial} bukan nomor seri blanko kabupaten (KAB-…).")
    key = _after(after) if after else None
    want = {kind} if kind else set(KINDS)
    q = _PageQuery(holder, number, since, until, key, limit + 1)
    sources = [source(q) for name, source in _PAGE_SOURCES if name in want]
    shown = []
    for row in heapq.merge(*sources, key=_row_key, reverse=True):
        if key is not None and _row_key(row) >= key:
            continue
        if (number is not None and not _covers(row, number)) or not q.in_days(row["at"]):
            continue
        shown.append(row)
        if len(shown) > limit:
            break
    more = len(shown) > limit
    shown = shown[:limit]
    return {"movements": [{**r, "at": None if r["at"] is None else r["at"].isoformat()} for r in shown],
            "next": _cursor(_row_key(shown[-1])) if more else None}


@dataclass
class _PageQuery:
    """One ledger page's filters and key, as SQL conditions for each source."""

    holder: str | None
    number: int | None
    since: date | None
    until: date | None
    key: list | None
    want: int

    def __post_init__(self) -> None:
        self.codes = {s.id: s.code for s in Station.select(Station.id, Station.code)}
        self.station_ids = ([i for i, c in self.codes.items() if c == self.holder]
                            if self.holder not in (None, REGENCY) else None)
        self.before = None
        if self.key is not None:
            try:
                self.before = datetime.fromisoformat(self.key[0])
            except ValueError:
                raise invalid("Kursor buku blanko tidak sah (after): pakai nilai `next` dari halaman "
                              "sebelumnya.") from None

    def in_days(self, at: datetime | None) -> bool:
        if self.since is None and self.until is None:
            return True
        return at is not None and (self.since is None or at.date() >= self.since) and (
            self.until is None or at.date() <= self.until)

    def timed(self, query, column, rows):
        """A source with a real timestamp: the days and the key in SQL, its newest `want` rows past the key
        with every row of the same instant as the last of them (the rest of the key orders those)."""
        if self.since is not None:
            query = query.where(column >= datetime.combine(self.since, time.min))
        if self.until is not None:
            query = query.where(column < datetime.combine(self.until + timedelta(days=1), time.min))
        ties = []
        if self.before is not None:
            ties = list(rows(query.where(column == self.before)))
            query = query.where(column < self.before)
        boundary = query.select(column).order_by(column.desc()).offset(self.want - 1).limit(1).scalar()
        if boundary is not None:
            query = query.where(column >= boundary)
        return iter(sorted(ties + list(rows(query)), key=_row_key, reverse=True))

    def dated(self, query, day_column, rows):
        """A source timed by a station's string, stored beside a day (a row's time falls within a day of
        it): the days in SQL, read day by day newest first, each row let out once no unread day can hold
        a newer one. Days that are not dates are read last."""
        stored = [d for (d,) in query.select(day_column).distinct().tuples()]
        last = self.until
        if self.before is not None:
            last = min(last, self.before.date()) if last else self.before.date()
        first = self.since - timedelta(days=1) if self.since is not None else None
        days = sorted(((day, d) for d in stored if (day := _as_date(d)) is not None
                       and (last is None or day <= last + timedelta(days=1)) and (first is None or day >= first)),
                      reverse=True)
        waiting: list[tuple[list, int, dict]] = []
        count = 0
        for day, value in days:
            for row in rows(query.where(day_column == value)):
                count += 1
                heapq.heappush(waiting, (_negated(_row_key(row)), count, row))
            while waiting and waiting[0][2]["at"] is not None and waiting[0][2]["at"].date() > day:
                yield heapq.heappop(waiting)[2]
        odd = [d for d in stored if d is not None and _as_date(d) is None]
        for row in rows(query.where(day_column.in_(odd) | day_column.is_null())) if None in stored or odd else ():
            count += 1
            heapq.heappush(waiting, (_negated(_row_key(row)), count, row))
        while waiting:
            yield heapq.heappop(waiting)[2]


def _as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _negated(key: list) -> list:
    """A row key ordered newest first by a min-heap."""
    return [tuple(-ord(c) for c in part) + (1,) for part in key]


def _page_receipts(q: _PageQuery):
    if q.holder not in (None, REGENCY):
        return iter(())
    query = BlankoBatch.select()
    if q.number is not None:
        query = query.where((BlankoBatch.first_number <= q.number) & (BlankoBatch.last_number >= q.number))
    return q.timed(query, BlankoBatch.received_at, lambda rows: (_receipt_row(b) for b in rows))


def _page_allocations(q: _PageQuery):
    if q.number is not None:
        return iter(())  # an allocation is a number of blanko, no serials
    query = BlankoAllocation.select()
    if q.holder is not None:
        query = query.where(BlankoAllocation.holder == q.holder)
    return q.timed(query, BlankoAllocation.at, lambda rows: (_allocation_row(a) for a in rows))


def _page_leases(q: _PageQuery):
    if q.holder == REGENCY:
        return iter(())
    query = BlankoRange.select().where(BlankoRange.id.not_in(BlankoTransfer.select(BlankoTransfer.range_id)))
    if q.station_ids is not None:
        query = query.where(BlankoRange.station.in_(q.station_ids))
    if q.number is not None:
        query = query.where((BlankoRange.first_number <= q.number) & (BlankoRange.last_number >= q.number))
    return q.timed(query, BlankoRange.granted_at, lambda rows: (_lease_row(r, q.codes) for r in rows))


def _page_transfers(q: _PageQuery):
    if q.holder == REGENCY:
        return iter(())
    query = BlankoTransfer.select().where(BlankoTransfer.range_id.in_(BlankoRange.select(BlankoRange.id)))
    if q.station_ids is not None:
        query = query.where(BlankoTransfer.to_station.in_(q.station_ids)
                            | BlankoTransfer.from_station.in_(q.station_ids))
    if q.number is not None:
        query = query.where((BlankoTransfer.first_number <= q.number) & (BlankoTransfer.last_number >= q.number))
    return q.timed(query, BlankoTransfer.at, lambda rows: (_transfer_row(t, q.codes) for t in rows))


def _page_issues(q: _PageQuery):
    if q.holder == REGENCY:
        return iter(())
    query = IssuedCard.select()
    if q.station_ids is not None:
        query = query.where(IssuedCard.station.in_(q.station_ids))
    if q.number is not None:
        query = query.where(IssuedCard.blanko_serial == regency_serial(q.number))
    return q.dated(query, IssuedCard.day, lambda rows: (_issue_row(c, q.codes) for c in rows))


def _page_spoils(q: _PageQuery):
    if q.holder == REGENCY:
        return iter(())
    query = BlankoSpoil.select()
    if q.station_ids is not None:
        query = query.where(BlankoSpoil.station.in_(q.station_ids))
    if q.number is not None:
        query = query.where(BlankoSpoil.serial == regency_serial(q.number))
    return q.dated(query, fn.SUBSTR(BlankoSpoil.at, 1, 10), lambda rows: (_spoil_row(s, q.codes) for s in rows))


def _page_destructions(q: _PageQuery):
    """Destructions: their time is inside the station's event, so the filters are in SQL and the
    order is made here (a station destroys what it spoiled, far fewer rows than its cards)."""
    if q.holder == REGENCY:
        return iter(())
    query = _destroy_events()
    if q.station_ids is not None:
        query = query.where(StationEvent.station.in_(q.station_ids))
    if q.number is not None:
        query = query.where(StationEvent.data.contains(f'"blanko":"{regency_serial(q.number)}"'))
    rows = [row for e in query if (row := _destroy_row(e, q.codes)) is not None]
    return iter(sorted(rows, key=_row_key, reverse=True))


_PAGE_SOURCES = (("receipt", _page_receipts), ("allocation", _page_allocations), ("lease", _page_leases),
                 ("transfer", _page_transfers), ("issue", _page_issues), ("spoil", _page_spoils),
                 ("destroy", _page_destructions))
