"""The regency panel's figures (issue 18, item 2): per kecamatan the day's quota, rights held, cards
printed (the server's one count of issue 17), remaining, spoiled by cause, reprints, blanko in stock
and the days it lasts, green/amber/red in words; per station its last contact, rights, printers,
anomalies and suspension; and the last days as a history. Read-only; a few grouped queries a
panel, whatever the number of cards (bench/bench_regency_panel.py).

The rules (green/amber/red, the 14 days' rate) are the office panel's: desktop/domain/panel_rules.py.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from peewee import SQL, fn

from desktop.domain import panel_rules
from desktop.domain.quota import DEFAULT_DAILY_QUOTA
from desktop.domain.regions import default_regions
from server import leases
from server.anomalies import SUSPENDING
from server.models import (
    Anomaly,
    BlankoSpoil,
    IssuedCard,
    Quota,
    QuotaDay,
    QuotaLease,
    QuotaRequest,
    Station,
    StationPrinter,
    utcnow,
)

MAX_HISTORY_DAYS = 366


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat() + "Z"


def utc_range(first: date, last: date) -> tuple[datetime, datetime]:
    """The UTC instants (naive) from the start of the regency's local `first` to the end of `last`."""
    zone = leases.zone()
    start = datetime.combine(first, time(0), zone).astimezone(UTC).replace(tzinfo=None)
    end = datetime.combine(last + timedelta(days=1), time(0), zone).astimezone(UTC).replace(tzinfo=None)
    return start, end


def station_time(text: str | None) -> datetime | None:
    """A station's time as it sent it (UTC, ISO 8601, with or without 'T' or 'Z'); None if it is not one."""
    try:
        value = datetime.fromisoformat(str(text or "").strip().removesuffix("Z"))
    except ValueError:
        return None
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo is not None else value


def _spoils(first: date, last: date) -> list[tuple[str, str, date]]:
    """(station id, cause key, local day) of each blanko the stations spoiled between the local days.
    The station's time is a string: narrowed by its date prefix in SQL, judged here."""
    start, end = utc_range(first, last)
    rows = (BlankoSpoil.select(BlankoSpoil.station, BlankoSpoil.reason, BlankoSpoil.at)
            .where((BlankoSpoil.at >= (start - timedelta(days=1)).date().isoformat())
                   & (BlankoSpoil.at < (end + timedelta(days=1)).date().isoformat())).tuples())
    zone = leases.zone()
    found = []
    for station_id, reason, at in rows:
        when = station_time(at)
        if when is not None and start <= when < end:
            found.append((station_id, panel_rules.stored_cause(reason),
                          when.replace(tzinfo=UTC).astimezone(zone).date()))
    return found


def _limits(codes: list[str], first: date, last: date) -> dict[tuple[str, date], int]:
    """Each kecamatan's quota for each day: the day's own, else the standing one, else the default."""
    standing = {q.kecamatan_code: q.daily_limit for q in Quota.select()}
    days = {(q.kecamatan_code, q.day if isinstance(q.day, date) else date.fromisoformat(str(q.day)[:10])):
            q.daily_limit for q in QuotaDay.select().where((QuotaDay.day >= first) & (QuotaDay.day <= last))}
    result = {}
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        for code in codes:
            result[(code, day)] = days.get((code, day), standing.get(code, DEFAULT_DAILY_QUOTA))
    return result


def kecamatan_codes(stations: list[Station] | None = None) -> list[str]:
    """Every kecamatan with a quota of its own or served by a station that is not revoked."""
    stations = stations if stations is not None else list(Station.select())
    codes = {q.kecamatan_code for q in Quota.select(Quota.kecamatan_code)}
    for s in stations:
        if s.revoked_at is None:
            codes.update(s.served_codes)
    return sorted(codes)


def _as_day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def panel(day: date | None = None, now: datetime | None = None) -> dict:
    """The regency panel's data for `day` (default: today at the server), see docs/sync-protocol.md,
    "The regency panel"."""
    now = now or utcnow()
    day = day or leases.today(now)
    stations = list(Station.select().order_by(Station.code))
    codes = kecamatan_codes(stations)
    regions = default_regions()
    limits = _limits(codes, day, day)
    printed = dict(IssuedCard.select(IssuedCard.kecamatan_code, fn.COUNT(SQL("*")))
                   .where(IssuedCard.day == day).group_by(IssuedCard.kecamatan_code).tuples())
    reprints = dict(IssuedCard.select(IssuedCard.kecamatan_code, fn.COUNT(SQL("*")))
                    .where((IssuedCard.day == day) & IssuedCard.reprint_approval.is_null(False))
                    .group_by(IssuedCard.kecamatan_code).tuples())
    held_rows = list(QuotaLease.select(QuotaLease.station, QuotaLease.kecamatan_code,
                                       QuotaLease.granted - QuotaLease.returned)
                     .where(QuotaLease.day == day).tuples())
    rights_by_kecamatan: Counter = Counter()
    rights_by_station: Counter = Counter()
    for station_id, code, held in held_rows:
        rights_by_kecamatan[code] += held
        rights_by_station[station_id] += held
    # A station's blanko and its use belong to its own kecamatan (a hub's too: its stock is one box).
    home = {s.id: s.kecamatan_code for s in stations}
    spoiled: dict[str, Counter] = {}
    used: Counter = Counter()
    for station_id, cause, spoil_day in _spoils(day - timedelta(days=panel_rules.RATE_DAYS), day):
        if spoil_day == day:
            spoiled.setdefault(home.get(station_id, ""), Counter())[cause] += 1
        else:
            used[home.get(station_id, "")] += 1
    first = day - timedelta(days=panel_rules.RATE_DAYS)
    for station_id, count in (IssuedCard.select(IssuedCard.station, fn.COUNT(SQL("*")))
                              .where((IssuedCard.day >= first) & (IssuedCard.day < day))
                              .group_by(IssuedCard.station).tuples()):
        used[home.get(station_id, "")] += count
    stock: Counter = Counter()
    for s in stations:
        if s.revoked_at is None and s.blanko_usable is not None:
            stock[s.kecamatan_code] += s.blanko_usable
    rows = []
    for code in codes:
        name = regions.name(code) or code
        quota = limits[(code, day)]
        count = printed.get(code, 0)
        remaining = max(0, quota - count)
        left = panel_rules.days_left(stock[code], used[code] / panel_rules.RATE_DAYS)
        # The regency grants the rights itself: whether a station used its lease is the station's matter.
        red, amber = panel_rules.quota_findings(name, quota, count, remaining, None)
        stock_red, stock_amber = panel_rules.stock_findings(stock[code], left)
        reasons = red + stock_red + amber + stock_amber
        rows.append({"code": code, "name": name, "quota": quota, "printed": count,
                     "rights_held": rights_by_kecamatan[code], "remaining": remaining,
                     "spoiled": dict(sorted(spoiled.get(code, Counter()).items())), "reprints": reprints.get(code, 0),
                     "blanko_in_stock": stock[code], "blanko_days_left": None if left is None else round(left, 1),
                     "state": panel_rules.level(red + stock_red, amber + stock_amber),
                     "state_reason": str(reasons[0]) if reasons else "Semua berjalan baik."})
    return {"day": day.isoformat(), "as_of": _iso(now), "kecamatan": rows,
            "stations": _stations(stations, rights_by_station, now),
            "quota_requests_waiting": QuotaRequest.select().where(QuotaRequest.state == "pending").count(),
            "anomalies_open": Anomaly.select().where(Anomaly.cleared_at.is_null()).count()}


def _stations(stations: list[Station], rights: Counter, now: datetime) -> list[dict]:
    printers: dict[str, list[dict]] = {}
    for p in StationPrinter.select().order_by(StationPrinter.name):
        printers.setdefault(p.station_id, []).append({"name": p.name, "state": p.state,
                                                      "ribbon_left": p.ribbon_left})
    open_anomalies = dict(Anomaly.select(Anomaly.station, fn.COUNT(SQL("*"))).where(Anomaly.cleared_at.is_null())
                          .group_by(Anomaly.station).tuples())
    suspended = [s for s in stations if s.suspended_at is not None]
    rules = {}
    if suspended:
        for a in (Anomaly.select(Anomaly.station, Anomaly.rule)
                  .where(Anomaly.station.in_([s.id for s in suspended]) & Anomaly.rule.in_(sorted(SUSPENDING)))
                  .order_by(Anomaly.recorded_at.desc(), Anomaly.id.desc())):
            rules.setdefault(a.station_id, a.rule)
    views = []
    for s in stations:
        mine = printers.get(s.id, [])
        views.append({
            "id": s.id, "code": s.code, "name": s.name, "kecamatan_code": s.kecamatan_code, "served": s.served_codes,
            "last_seen": _iso(s.last_seen_at),
            "offline_seconds": None if s.last_seen_at is None else max(0, int((now - s.last_seen_at).total_seconds())),
            "rights_held": rights[s.id], "printers": mine,
            "ribbon_alert": any(panel_rules.ribbon_low(p["ribbon_left"]) for p in mine),
            "anomalies": open_anomalies.get(s.id, 0),
            "suspended": None if s.suspended_at is None else {"rule": rules.get(s.id), "since": _iso(s.suspended_at),
                                                              "sentence": s.suspension},
            "revoked": s.revoked_at is not None})
    return views


def history(days: int = 30, kecamatan: str | None = None, now: datetime | None = None) -> dict:
    """The last `days` days up to today, oldest first, days without activity included: the quota of
    the kecamatan (all of the panel's, or one), cards printed, blanko spoiled (by the stations whose
    own kecamatan it is)."""
    last = leases.today(now or utcnow())
    first = last - timedelta(days=days - 1)
    stations = list(Station.select())
    codes = [kecamatan] if kecamatan else kecamatan_codes(stations)
    limits = _limits(codes, first, last)
    query = (IssuedCard.select(IssuedCard.day, fn.COUNT(SQL("*")))
             .where((IssuedCard.day >= first) & (IssuedCard.day <= last)))
    if kecamatan:
        query = query.where(IssuedCard.kecamatan_code == kecamatan)
    printed = {_as_day(d): n for d, n in query.group_by(IssuedCard.day).tuples()}
    home = {s.id: s.kecamatan_code for s in stations}
    spoiled = Counter(spoil_day for station_id, _cause, spoil_day in _spoils(first, last)
                      if not kecamatan or home.get(station_id) == kecamatan)
    points = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        points.append({"day": day.isoformat(), "quota": sum(limits[(code, day)] for code in codes),
                       "printed": printed.get(day, 0), "spoiled": spoiled.get(day, 0)})
    return {"days": points}


def standing_quotas(now: datetime | None = None) -> dict:
    """Each kecamatan's standing quota and its day quotas from today on (GET /v1/admin/quotas): the
    standing quota is its own when set (`standing_set`), else the default."""
    day = leases.today(now or utcnow())
    codes = kecamatan_codes()
    regions = default_regions()
    standing = {q.kecamatan_code: q.daily_limit for q in Quota.select()}
    overrides: dict[str, list[dict]] = {}
    for q in QuotaDay.select().where(QuotaDay.day >= day).order_by(QuotaDay.kecamatan_code, QuotaDay.day):
        overrides.setdefault(q.kecamatan_code, []).append(
            {"day": _as_day(q.day).isoformat(), "daily_limit": q.daily_limit, "reason": q.reason})
    return {"day": day.isoformat(), "default": DEFAULT_DAILY_QUOTA,
            "kecamatan": [{"code": code, "name": regions.name(code) or code,
                           "standing": standing.get(code, DEFAULT_DAILY_QUOTA), "standing_set": code in standing,
                           "days": overrides.get(code, [])} for code in codes]}

