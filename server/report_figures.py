"""The regency's report figures (issue 22), read from the server's database: every station's cards, spoilage,
destructions, blanko ranges and anomalies.

A past day stands as the server knew it at the end of that day: cards, destructions and day quotas the
server received later are left out (it keeps when it received them), the standing quota changed later is
taken from the audit entry that changed it; so the same day gives the same figures each time. Spoiled
blanko are counted by the station's own time of the spoilage (the server keeps no receipt time for them).
Today is read up to now and marked provisional. Read-only: a few grouped queries per report, whatever the
number of cards (bench/bench_server_reports.py).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from peewee import SQL, fn

from desktop.documents.document import Period
from desktop.domain.blanko import reason_code
from desktop.domain.blanko_request import BlankoRequest, request_period, working_days
from desktop.domain.quota import DEFAULT_DAILY_QUOTA
from desktop.domain.regions import default_regions
from server import leases
from server.models import (
    Anomaly,
    AuditEntry,
    BlankoBatch,
    BlankoRange,
    BlankoSpoil,
    BlankoTransfer,
    IssuedCard,
    NikClaim,
    Quota,
    QuotaDay,
    Station,
    StationEvent,
    utcnow,
)
from server.regency_panel import station_time, utc_range

NIP = re.compile(r"^\d{18}$")


def period(first: date, last: date | None = None, now: datetime | None = None) -> Period:
    last = last or first
    start, end = utc_range(first, last)
    now = now or utcnow()
    provisional = now < end
    at = now if provisional else end
    local = at.replace(tzinfo=UTC).astimezone(leases.zone()).replace(tzinfo=None, second=0, microsecond=0)
    return Period(first, last, start, end, provisional, local)


def _local(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC).astimezone(leases.zone()).replace(tzinfo=None)


def _as_day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _received_by(query, column, p: Period):
    """`query` as the server knew it at the end of a past period (today: everything so far)."""
    return query if p.provisional else query.where(column < p.end_utc)


def region_name(code: str) -> str:
    return default_regions().name(code) or code


# --- quotas ------------------------------------------------------------------------------------------
def quotas(codes: list[str], first: date, last: date, end: datetime) -> dict[tuple[str, date], int]:
    """Each kecamatan's quota for each day as it stood at `end`: the day's own, else the standing one."""
    standing = {code: standing_at(code, end) for code in codes}
    days = {(q.kecamatan_code, _as_day(q.day)): q.daily_limit for q in QuotaDay.select().where(
        (QuotaDay.day >= first) & (QuotaDay.day <= last) & (QuotaDay.updated_at < end))}
    found = {}
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        for code in codes:
            found[(code, day)] = days.get((code, day), standing[code])
    return found


def standing_at(code: str, end: datetime) -> int:
    """The standing quota at `end`: the row if it was set before, else what the first later change found."""
    row = Quota.get_or_none(Quota.kecamatan_code == code)
    if row is None or row.updated_at < end:
        return row.daily_limit if row else DEFAULT_DAILY_QUOTA
    later = (AuditEntry.select(AuditEntry.details)
             .where((AuditEntry.action == "quota.set_standing") & (AuditEntry.at >= end)
                    & AuditEntry.details.contains(f'"kecamatan": "{code}"'))
             .order_by(AuditEntry.id).first())
    if later is not None:
        before = json.loads(later.details).get("before")
        return before if isinstance(before, int) else DEFAULT_DAILY_QUOTA
    return row.daily_limit


# --- cards and spoilage ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cards:
    """Cards per (kecamatan, day, station): printed, reprints, and by reason."""

    printed: Counter
    reprints: Counter
    reasons: Counter  # (kecamatan, reason)


def cards(p: Period, kecamatan: str | None = None, station_id: str | None = None) -> Cards:
    query = (IssuedCard.select(IssuedCard.kecamatan_code, IssuedCard.day, IssuedCard.station, IssuedCard.reason,
                               fn.COUNT(SQL("*")), fn.COUNT(IssuedCard.reprint_approval))
             .where((IssuedCard.day >= p.first) & (IssuedCard.day <= p.last)))
    if kecamatan:
        query = query.where(IssuedCard.kecamatan_code == kecamatan)
    if station_id:
        query = query.where(IssuedCard.station == station_id)
    query = _received_by(query, IssuedCard.received_at, p)
    printed: Counter = Counter()
    reprints: Counter = Counter()
    reasons: Counter = Counter()
    for code, day, station, reason, count, again in query.group_by(
            IssuedCard.kecamatan_code, IssuedCard.day, IssuedCard.station, IssuedCard.reason).tuples():
        key = (code, _as_day(day), station)
        printed[key] += count
        reprints[key] += again
        reasons[(code, reason)] += count
    return Cards(printed, reprints, reasons)


def spoils(p: Period, station_ids: set[str] | None = None) -> list[tuple[str, str, date, str]]:
    """(station id, cause key, local day, serial) of each blanko spoiled in the period, by the station's time."""
    query = (BlankoSpoil.select(BlankoSpoil.station, BlankoSpoil.reason, BlankoSpoil.at, BlankoSpoil.serial)
             .where((BlankoSpoil.at >= (p.start_utc - timedelta(days=1)).date().isoformat())
                    & (BlankoSpoil.at < (p.end_utc + timedelta(days=1)).date().isoformat())))
    if station_ids is not None:
        query = query.where(BlankoSpoil.station.in_(sorted(station_ids)))
    found = []
    for station_id, reason, at, serial in query.tuples():
        when = station_time(at)
        if when is not None and p.start_utc <= when < p.end_utc:
            cause = reason_code(reason.partition(":")[2] if (reason or "").startswith("returned:") else reason)
            found.append((station_id, cause, _local(when).date(), serial))
    return found


# --- blanko ------------------------------------------------------------------------------------------
def stock_at(station_ids: list[str], at: datetime) -> int:
    """Usable blanko the stations held at `at` (naive UTC): the ranges whose box had arrived, less what
    they had transferred out, issued (cards the server had by then) and spoiled (by the station's time)."""
    if not station_ids:
        return 0
    arrived = int(BlankoRange.select(fn.COALESCE(fn.SUM(BlankoRange.last_number - BlankoRange.first_number + 1), 0))
                  .where(BlankoRange.station.in_(station_ids) & (BlankoRange.confirmed_at < at)).scalar() or 0)
    out = int(BlankoTransfer.select(fn.COALESCE(fn.SUM(BlankoTransfer.last_number - BlankoTransfer.first_number + 1),
                                                0))
              .where(BlankoTransfer.from_station.in_(station_ids) & (BlankoTransfer.at < at)).scalar() or 0)
    issued = IssuedCard.select().where(IssuedCard.station.in_(station_ids) & (IssuedCard.received_at < at)).count()
    spoiled = sum(1 for (when,) in BlankoSpoil.select(BlankoSpoil.at).where(
        BlankoSpoil.station.in_(station_ids) & (BlankoSpoil.at < (at + timedelta(days=1)).date().isoformat())).tuples()
        if (t := station_time(when)) is not None and t < at)
    return max(0, arrived - out - issued - spoiled)


def received_cards(station_ids: list[str], start: datetime, end: datetime) -> int:
    """Cards of the stations the server received between two instants (naive UTC): blanko that left their stock."""
    if not station_ids:
        return 0
    return IssuedCard.select().where(IssuedCard.station.in_(station_ids) & (IssuedCard.received_at >= start)
                                     & (IssuedCard.received_at < end)).count()


def arrived(station_ids: list[str], p: Period) -> Counter:
    """Blanko whose box arrived at the stations, per local day."""
    found: Counter = Counter()
    if not station_ids:
        return found
    for first, last, at in BlankoRange.select(BlankoRange.first_number, BlankoRange.last_number,
                                              BlankoRange.confirmed_at).where(
            BlankoRange.station.in_(station_ids) & (BlankoRange.confirmed_at >= p.start_utc)
            & (BlankoRange.confirmed_at < p.end_utc)).tuples():
        found[_local(at).date()] += last - first + 1
    return found


def regency_stock_at(at: datetime) -> int:
    """The regency's own blanko and every station's at `at`: received from the Dirjen, less issued and spoiled."""
    received = int(BlankoBatch.select(fn.COALESCE(fn.SUM(BlankoBatch.last_number - BlankoBatch.first_number + 1), 0))
                   .where(BlankoBatch.received_at < at).scalar() or 0)
    issued = IssuedCard.select().where(IssuedCard.received_at < at).count()
    spoiled = sum(1 for (when,) in BlankoSpoil.select(BlankoSpoil.at).tuples()
                  if (t := station_time(when)) is not None and t < at)
    return max(0, received - issued - spoiled)


def outstanding_deliveries(at: datetime) -> int:
    """Blanko the Dirjen allocated to the regency and has not delivered yet: what each delivery was meant to
    hold (`blanko receive --requested`) less what it held."""
    short = 0
    for requested, first, last in BlankoBatch.select(BlankoBatch.requested, BlankoBatch.first_number,
                                                     BlankoBatch.last_number).where(
            BlankoBatch.requested.is_null(False) & (BlankoBatch.received_at < at)).tuples():
        short += max(0, requested - (last - first + 1))
    return short


@dataclass(frozen=True)
class DestroyedItem:
    station_code: str
    serial: str
    cause: str
    spoiled_on: date | None
    at: datetime  # local
    witnesses: tuple[tuple[str, str], ...]


def destroyed(p: Period, station_ids: set[str] | None = None) -> list[DestroyedItem]:
    """Blanko the stations destroyed in the period (by the station's time), with their cause and witnesses."""
    codes = {s.id: s.code for s in Station.select(Station.id, Station.code)}
    query = StationEvent.select(StationEvent.station, StationEvent.data).where(
        (StationEvent.entity == "blanko_movement") & StationEvent.data.contains('"kind":"destroy"'))
    query = _received_by(query, StationEvent.received_at, p)
    if station_ids is not None:
        query = query.where(StationEvent.station.in_(sorted(station_ids)))
    found = []
    for station_id, text in query.tuples():
        data = json.loads(text)
        when = station_time(data.get("at"))
        if data.get("kind") != "destroy" or when is None or not (p.start_utc <= when < p.end_utc):
            continue
        serial = str(data.get("blanko") or "")[:64]
        found.append((station_id, serial, _local(when), _people(data.get("witnesses"))))
    spoil = {}
    if found:
        for station_id, serial, reason, at in BlankoSpoil.select(
                BlankoSpoil.station, BlankoSpoil.serial, BlankoSpoil.reason, BlankoSpoil.at).where(
                BlankoSpoil.serial.in_(sorted({f[1] for f in found}))).tuples():
            spoil[(station_id, serial)] = (reason, station_time(at))
    items = []
    for station_id, serial, at, people in found:
        reason, spoiled_at = spoil.get((station_id, serial), (None, None))
        items.append(DestroyedItem(codes.get(station_id, "?"), serial, reason_code(reason),
                                   _local(spoiled_at).date() if spoiled_at else None, at, people))
    return sorted(items, key=lambda i: (i.station_code, i.at, i.serial))


def _people(value: object) -> tuple[tuple[str, str], ...]:
    """The witnesses as a station sent them: only entries that are a name and an 18-digit NIP."""
    if not isinstance(value, list):
        return ()
    people = []
    for person in value[:20]:
        if isinstance(person, dict) and isinstance(person.get("name"), str) and isinstance(person.get("nip"), str):
            name = " ".join(person["name"].split())[:60]
            if name and NIP.match(person["nip"]):
                people.append((name, person["nip"]))
    return tuple(people)


# --- what is left for a decision, anomalies ------------------------------------------------------------
def open_claims(kecamatan: str, day: date, p: Period) -> list[tuple[datetime, str]]:
    """Claims of the day on a NIK still open at its end without a card: a station reserved a blanko for it
    and has not said what came out (local claim time, station code)."""
    codes = {s.id: s.code for s in Station.select(Station.id, Station.code)}
    query = NikClaim.select(NikClaim.claimed_at, NikClaim.station, NikClaim.nik, NikClaim.released_at).where(
        (NikClaim.kecamatan_code == kecamatan) & (NikClaim.day == day) & (NikClaim.claimed_at < p.end_utc))
    carded = {nik for (nik,) in _received_by(IssuedCard.select(IssuedCard.nik).where(
        (IssuedCard.kecamatan_code == kecamatan) & (IssuedCard.day == day)), IssuedCard.received_at, p).tuples()}
    return sorted((_local(at), codes.get(station, "?")) for at, station, nik, released in query.tuples()
                  if nik not in carded and (released is None or not p.provisional and released >= p.end_utc))


def anomalies(p: Period, kecamatan: str | None = None, station_ids: set[str] | None = None
              ) -> list[tuple[datetime, str, str, str]]:
    """(local time, station code, rule, sentence) of the anomalies the server recorded in the period."""
    codes = {s.id: s.code for s in Station.select(Station.id, Station.code)}
    query = Anomaly.select(Anomaly.recorded_at, Anomaly.station, Anomaly.rule, Anomaly.detail,
                           Anomaly.kecamatan_code).where(
        (Anomaly.recorded_at >= p.start_utc) & (Anomaly.recorded_at < p.end_utc))
    found = []
    for at, station, rule, detail, code in query.order_by(Anomaly.recorded_at, Anomaly.id).tuples():
        if kecamatan and code != kecamatan and (station_ids is None or station not in station_ids):
            continue
        found.append((_local(at), codes.get(station, "?"), rule, detail))
    return found


# --- the request to the Dirjen ---------------------------------------------------------------------------
def blanko_request(day: date, p: Period) -> tuple[BlankoRequest, tuple[date, date], tuple[date, date]]:
    months = request_period(day)
    issued = _received_by(IssuedCard.select().where(
        (IssuedCard.day >= months.history_first) & (IssuedCard.day <= months.history_last)),
        IssuedCard.received_at, p).count()
    at = p.end_utc if not p.provisional else utcnow()
    request = BlankoRequest(issued, working_days(months.history_first, months.history_last),
                            working_days(months.next_first, months.next_last), regency_stock_at(at),
                            outstanding_deliveries(at))
    return request, (months.history_first, months.history_last), (months.next_first, months.next_last)


# --- who serves what ------------------------------------------------------------------------------------
def stations() -> list[Station]:
    return list(Station.select().order_by(Station.code))


def serving(kecamatan: str, every: list[Station]) -> list[Station]:
    """The stations that serve (or served) a kecamatan, revoked ones included: their cards count."""
    return [s for s in every if kecamatan in s.served_codes or kecamatan in s.earlier_codes]

