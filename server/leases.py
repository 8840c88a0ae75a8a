"""Print rights and blanko leased to stations, the count digest, and the freeze after a restore.

docs/sync-protocol.md ("Leases") is the specification. Rights of a kecamatan and day are granted to
stations from the pool `quota - sum(granted - returned)`, never beyond it, under a lock per kecamatan
and day (an advisory lock on PostgreSQL, the write lock on SQLite), so any number of workers serve
the exchange. Counts in a reply are cumulative: a reply lost on the way loses nothing, the next
exchange says the same again.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from peewee import SQL, fn

from desktop.domain.leases import (
    ADVANCE_HOUR,
    BLANKO_LOW_WATER,
    BLANKO_SIZE,
    LEASE_SIZE,
    LOW_WATER,
    MAX_SKEW_SECONDS,
    day_end_utc,
    digest_hash,
    local_day,
    regency_number,
    regency_serial,
    top_up,
)
from desktop.domain.quota import DEFAULT_DAILY_QUOTA
from server import anomalies, audit, printers
from server.blanko_ledger import lease_allowance
from server.db import database, is_postgres, upsert, write_transaction
from server.errors import ApiError, forbidden, invalid
from server.models import (
    BlankoBatch,
    BlankoRange,
    BlankoSpoil,
    IssuedCard,
    Quota,
    QuotaDay,
    QuotaLease,
    ServerMeta,
    Station,
    utcnow,
)

log = logging.getLogger("ktp.server.leases")

TIMEZONE_ENV = "KTP_SERVER_TIMEZONE"
SETTINGS = {  # server_meta key -> (default, lowest allowed, highest allowed)
    "lease.size": (LEASE_SIZE, 1, 1000),
    "lease.low_water": (LOW_WATER, 0, 999),
    "lease.blanko_size": (BLANKO_SIZE, 1, 5000),
    "lease.blanko_low_water": (BLANKO_LOW_WATER, 0, 4999),
    "lease.max_skew_seconds": (MAX_SKEW_SECONDS, 30, 86400),
    "lease.advance_hour": (ADVANCE_HOUR, 0, 24),  # 24: never lease tomorrow's rights early
}
RESTORE_KEY = "restore.generation"  # set by `restored`: leases wait until every station has reported
WANTED_FRESH = timedelta(minutes=10)  # a station's unmet demand counts for this long


def zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get(TIMEZONE_ENV, "Asia/Jakarta"))


def settings() -> dict[str, int]:
    stored = {row.key: row.value for row in ServerMeta.select().where(ServerMeta.key.in_(list(SETTINGS)))}
    return {key.split(".", 1)[1]: int(stored.get(key, default)) for key, (default, _, _) in SETTINGS.items()}


def set_settings(actor: str, **values: int | None) -> dict[str, int]:
    changed = {}
    for name, value in values.items():
        if value is None:
            continue
        key = f"lease.{name}"
        _, low, high = SETTINGS[key]
        if not low <= int(value) <= high:
            raise invalid(f"Nilai {name} harus antara {low} dan {high}.")
        changed[key] = int(value)
    with write_transaction():
        before = settings()
        for key, value in changed.items():
            upsert(ServerMeta, {"key": key, "value": str(value)}, "key")
        after = settings()
        if changed:
            audit.record(actor, "lease.settings", before=before, after=after)
    if after["low_water"] >= after["size"] or after["blanko_low_water"] >= after["blanko_size"]:
        log.warning("lease low-water mark at or above the lease size: stations ask at every round")
    return after


# --- days and quotas -------------------------------------------------------------------------------
def today(now: datetime | None = None) -> date:
    return local_day(now or utcnow(), zone())


def grant_days(now: datetime, advance_hour: int) -> list[date]:
    """Today, and tomorrow once the office day is far enough along (a station may be offline all of it)."""
    local = now.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone())
    days = [local.date()]
    if local.hour >= advance_hour:
        days.append(local.date() + timedelta(days=1))
    return days


def day_limit(kecamatan: str, day: date) -> int:
    row = QuotaDay.get_or_none((QuotaDay.kecamatan_code == kecamatan) & (QuotaDay.day == day))
    if row is not None:
        return row.daily_limit
    standing = Quota.get_or_none(Quota.kecamatan_code == kecamatan)
    return standing.daily_limit if standing else DEFAULT_DAILY_QUOTA


def leased_total(kecamatan: str, day: date) -> int:
    """Rights held by stations for a kecamatan and day (their cards are among them)."""
    return (QuotaLease.select(fn.COALESCE(fn.SUM(QuotaLease.granted - QuotaLease.returned), 0))
            .where((QuotaLease.kecamatan_code == kecamatan) & (QuotaLease.day == day)).scalar() or 0)


def issued_count(kecamatan: str, day: date) -> int:
    return IssuedCard.select().where((IssuedCard.kecamatan_code == kecamatan) & (IssuedCard.day == day)).count()


def quota_floor(kecamatan: str, day: date) -> int:
    """The lowest a day's quota may go: what stations already used plus what they hold."""
    return max(leased_total(kecamatan, day), issued_count(kecamatan, day))


def lock_days(pairs: list[tuple[str, date]]) -> None:
    """Serialise grants and quota changes per kecamatan and day (in a fixed order: no deadlock)."""
    if not is_postgres():
        return  # SQLite: the write transaction already holds the database's one write lock
    for kecamatan, day in sorted(set(pairs)):
        database.obj.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"lease:{kecamatan}:{day}",))


def check_lowering(kecamatan: str, day: date, limit: int) -> None:
    """Refuse a quota below what the day's stations used and hold (call under lock_days)."""
    floor = quota_floor(kecamatan, day)
    if limit < floor:
        raise ApiError(409, "conflict", f"Kuota {kecamatan} tanggal {day.isoformat()} tidak dapat diturunkan di bawah "
                                        f"{floor}: sebanyak itu sudah dicetak atau dipinjamkan ke stasiun; turunkan "
                                        "mulai besok.")


def days_following_standing(kecamatan: str, now: datetime | None = None) -> list[date]:
    """The days with leases that follow the standing quota (no day quota of their own)."""
    days = grant_days(now or utcnow(), 0)
    pinned = {row.day for row in QuotaDay.select(QuotaDay.day).where(
        (QuotaDay.kecamatan_code == kecamatan) & QuotaDay.day.in_(days))}
    return [d for d in days if d not in pinned]


# --- the regency's blanko --------------------------------------------------------------------------
def receive_blanko(actor: str, quantity: int, batch: str, requested: int | None = None, box_first: str = "",
                   box_last: str = "") -> tuple[str, str]:
    """Blanko received by the regency: numbered on from the last receipt (the `KAB-` serials stay the
    identity); `requested`: what the delivery was meant to hold; the box's own serial range beside."""
    batch = batch.strip()
    if not batch:
        raise invalid("Tuliskan nomor batch / berita acara penerimaan blanko.")
    if not 1 <= quantity <= 1_000_000:
        raise invalid("Jumlah blanko harus antara 1 dan 1000000.")
    if requested is not None and not quantity <= requested <= 1_000_000:
        raise invalid(f"Jumlah yang diminta ({requested}) tidak boleh kurang dari yang diterima ({quantity}).")
    box_first, box_last = box_first.strip().upper()[:64], (box_last.strip() or box_first).strip().upper()[:64]
    with write_transaction():
        _lock("blanko")
        first = (BlankoBatch.select(fn.MAX(BlankoBatch.last_number)).scalar() or 0) + 1
        BlankoBatch.create(batch=batch, first_number=first, last_number=first + quantity - 1, actor=actor,
                           requested=requested, box_first=box_first or None, box_last=box_last or None)
        audit.record(actor, "blanko.receive", batch=batch, quantity=quantity, first=regency_serial(first),
                     last=regency_serial(first + quantity - 1), requested=requested, box_first=box_first or None,
                     box_last=box_last or None)
    return regency_serial(first), regency_serial(first + quantity - 1)


def blanko_stock() -> dict[str, int]:
    received = BlankoBatch.select(fn.COALESCE(fn.SUM(BlankoBatch.last_number - BlankoBatch.first_number + 1), 0)).scalar()
    leased = BlankoRange.select(fn.COALESCE(fn.SUM(BlankoRange.last_number - BlankoRange.first_number + 1), 0)).scalar()
    return {"received": int(received or 0), "leased": int(leased or 0), "left": int(received or 0) - int(leased or 0)}


def _lock(name: str) -> None:
    if is_postgres():
        database.obj.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (name,))


def _next_range(size: int) -> tuple[int, int] | None:
    """The next unleased serials (within one receipt), or None when the regency has none left."""
    after = BlankoRange.select(fn.MAX(BlankoRange.last_number)).scalar() or 0
    batch = (BlankoBatch.select().where(BlankoBatch.last_number > after).order_by(BlankoBatch.first_number).first())
    if batch is None:
        return None
    first = max(after + 1, batch.first_number)
    return first, min(batch.last_number, first + size - 1)


def range_view(r: BlankoRange) -> dict:
    return {"id": r.id, "first": regency_serial(r.first_number), "last": regency_serial(r.last_number),
            "count": r.count, "granted_at": r.granted_at.isoformat() + "Z"}


# --- the count digest ------------------------------------------------------------------------------
def digest(station_id: str) -> dict:
    """What the server holds of a station: cards by day and kecamatan, blanko leased/issued/spoiled."""
    cards = {}
    for day, kecamatan, count in (IssuedCard.select(IssuedCard.day, IssuedCard.kecamatan_code, fn.COUNT(SQL("*")))
                                  .where(IssuedCard.station == station_id)
                                  .group_by(IssuedCard.day, IssuedCard.kecamatan_code).tuples()):
        cards[f"{str(day)[:10]}|{kecamatan}"] = count
    leased = (BlankoRange.select(fn.COALESCE(fn.SUM(BlankoRange.last_number - BlankoRange.first_number + 1), 0))
              .where(BlankoRange.station == station_id).scalar())
    return {"cards": cards, "blanko": {
        "leased": int(leased or 0),
        "issued": IssuedCard.select().where(IssuedCard.station == station_id).count(),
        "spoiled": BlankoSpoil.select().where(BlankoSpoil.station == station_id).count()}}


# --- restore --------------------------------------------------------------------------------------
def start_restore_wait(generation: str) -> None:
    """After a restore: no new rights until every enrolled station has reported what it holds."""
    upsert(ServerMeta, {"key": RESTORE_KEY, "value": generation}, "key")


def stations_to_report() -> list[Station]:
    """Stations a restored server still waits for (empty when no restore is pending)."""
    pending = ServerMeta.get_or_none(ServerMeta.key == RESTORE_KEY)
    if pending is None:
        return []
    return list(Station.select().where(
        Station.enrolled_at.is_null(False) & Station.revoked_at.is_null()
        & (Station.reported_generation.is_null() | (Station.reported_generation != pending.value))))


def _end_restore_wait_if_done() -> None:
    if ServerMeta.get_or_none(ServerMeta.key == RESTORE_KEY) is not None and not stations_to_report():
        ServerMeta.delete().where(ServerMeta.key == RESTORE_KEY).execute()
        audit.record("server", "restore.leases_resumed")
        log.info("every station reported after the restore: leases resume")


# --- the exchange --------------------------------------------------------------------------------
def parse_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip().removesuffix("Z"))
    except ValueError:
        raise invalid(f"Waktu {text!r} tidak sah.") from None
    if value.tzinfo is not None:
        value = value.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
    return value


def skew_message(seconds: float) -> str:
    minutes = abs(seconds) / 60
    amount = f"{minutes / 1440:.0f} hari" if minutes >= 2880 else (
        f"{minutes / 60:.0f} jam" if minutes >= 120 else f"{minutes:.0f} menit")
    return (f"Jam komputer stasiun {'lebih cepat' if seconds > 0 else 'lebih lambat'} {amount} dari jam server "
            "kabupaten; stasiun tidak mendapat hak cetak dan berhenti mencetak sampai jamnya dibetulkan.")


def exchange(station: Station, body: dict, generation: str) -> dict:
    """One lease exchange (POST /v1/leases): report, top up, give out blanko, compare the digest."""
    now = utcnow()
    config = settings()
    skew = (parse_time(body["station_time"]) - now).total_seconds()
    if abs(skew) > config["max_skew_seconds"]:
        raise ApiError(409, "clock_skew", skew_message(skew))
    if body.get("generation") and body["generation"] != generation:
        raise ApiError(409, "generation_changed", "Server kabupaten dipulihkan dari cadangan; sinkronkan ulang dari "
                                                  "awal.")
    served = set(station.served_codes)
    # What it holds for a kecamatan it served earlier is still heard (it gives those rights back);
    # rights are topped up only for the kecamatan it serves now.
    for item in [*body.get("leases", []), *(body.get("report") or {}).get("leases", [])]:
        if item["kecamatan"] not in served | set(station.earlier_codes):
            raise forbidden(f"Kecamatan {item['kecamatan']} tidak dilayani stasiun ini; tidak ada yang diterapkan.")
    days = grant_days(now, config["advance_hour"])
    with write_transaction():
        query = Station.select().where(Station.id == station.id)
        if is_postgres():
            query = query.for_update()
        station = query.get()
        waiting = {s.id for s in stations_to_report()}
        if station.id in waiting and body.get("report") is None:
            return {"server_time": now.isoformat() + "Z", "report_needed": True, "frozen": True, "leases": [],
                    "ranges": [], "settings": config, "today": days[0].isoformat()}
        lock_days([(k, d) for k in served for d in days]
                  + [(i["kecamatan"], date.fromisoformat(i["day"])) for i in body.get("leases", [])])
        if body.get("report") is not None and station.id in waiting:
            # Only a restored server takes a station's word for what it holds: at any other time a
            # report could make rights (or blanko) out of nothing, and is ignored.
            _apply_report(station, body["report"])
        station.reported_generation = generation  # reported now, or nothing was waiting for it
        _note_station_state(station, body, now)
        station.save()
        frozen = bool(stations_to_report())
        _note_use(station, body.get("leases", []), now)
        mine = digest(station.id) if body.get("digest") else None  # before this exchange's new ranges
        # A suspended station is heard (what it used, gave back, its report) but gets no right and no blanko.
        closed = frozen or station.suspended_at is not None
        wants = {(i["kecamatan"], str(i["day"])[:10]): int(i.get("want") or 0) for i in body.get("leases", [])}
        leases = [_top_up(station, kecamatan, day, config, closed, now, wants.get((kecamatan, day.isoformat()), 0))
                  for kecamatan in station.served_codes for day in days]
        ranges = _blanko(station, body.get("blanko"), config, closed)
        _end_restore_wait_if_done()
        reply = {"server_time": now.isoformat() + "Z", "today": days[0].isoformat(), "settings": config,
                 "leases": leases, "ranges": ranges or [], "frozen": frozen, "report_needed": False,
                 "blanko_short": ranges is None, "suspension": suspension(station)}
        if mine is not None:
            match = body["digest"] == digest_hash(mine)
            reply["digest"] = {"match": match} if match else {"match": False, "server": mine}
            if match and station.drift:
                _record_drift(station, None)
            elif not match and body.get("counts") is not None:
                # Counts sent after the station re-sent its records: what still differs is drift.
                _record_drift(station, count_differences(body["counts"], mine))
    return reply


def _note_station_state(station: Station, body: dict, now: datetime) -> None:
    """What the regency panel shows of the station: its usable blanko and its printers, as it says them."""
    if body.get("blanko") is not None:
        station.blanko_usable = int(body["blanko"]["usable"])
        station.blanko_reported_at = now
    if body.get("printers") is not None:
        printers.record(station, body["printers"], now)


def count_differences(theirs: dict, mine: dict) -> list[dict]:
    found = []
    for what in ("cards", "blanko"):
        a, b = theirs.get(what) or {}, mine.get(what) or {}
        for key in sorted(set(a) | set(b)):
            if a.get(key, 0) != b.get(key, 0):
                found.append({"what": what, "key": key, "station": a.get(key, 0), "server": b.get(key, 0)})
    return found


def _record_drift(station: Station, drift: list[dict] | None) -> None:
    """Counts that still differ after the station re-sent its records (None: they match again)."""
    text = json.dumps(drift, sort_keys=True) if drift else None
    if text != station.drift:
        Station.update(drift=text).where(Station.id == station.id).execute()
        audit.record(f"station:{station.code}", "station.drift" if drift else "station.drift_cleared",
                     differences=drift)


def _note_use(station: Station, holdings: list[dict], now: datetime) -> None:
    """What the station says it used and gave back (it can give back, never claim more)."""
    for item in holdings:
        day = date.fromisoformat(item["day"])
        row = QuotaLease.get_or_none((QuotaLease.station == station.id) & (QuotaLease.kecamatan_code == item["kecamatan"])
                                     & (QuotaLease.day == day))
        if row is None:
            continue  # nothing leased for that day: nothing to give back
        returned = min(max(row.returned, int(item["returned"])), row.granted)
        QuotaLease.update(returned=returned, used=int(item["used"]), updated_at=now).where(
            QuotaLease.id == row.id).execute()


def sharers(kecamatan: str) -> int:
    """Stations sharing a kecamatan's pool: enrolled, not revoked, serving it (at least 1)."""
    stations = Station.select(Station.served).where(Station.enrolled_at.is_null(False) & Station.revoked_at.is_null())
    return max(1, sum(1 for s in stations if kecamatan in s.served.split(",")))


def pool_share(limit: int, stations: int, held: int, pool: int) -> int:
    """Rights of the pool a station may count as obtainable (its queue's places): its equal part of the
    quota less what it holds, never beyond the pool; the stations' shares together never exceed the pool."""
    return max(0, min(pool, limit // max(1, stations) - held))


def _top_up(station: Station, kecamatan: str, day: date, config: dict, frozen: bool, now: datetime,
            want: int = 0) -> dict:
    row, _ = QuotaLease.get_or_create(station=station.id, kecamatan_code=kecamatan, day=day,
                                      defaults={"updated_at": now})
    limit = day_limit(kecamatan, day)
    others = QuotaLease.select().where((QuotaLease.kecamatan_code == kecamatan) & (QuotaLease.day == day)
                                       & (QuotaLease.station != station.id))
    others_held = sum(o.held for o in others)
    wanting = [o for o in others if o.wanted > 0 and o.updated_at >= now - WANTED_FRESH]
    others_wanted = sum(o.wanted for o in wanting)
    pool = max(0, limit - others_held - row.held)
    # Waiting queue tickets the station holds no right for ask for more than the lease size (never
    # beyond the pool, others short first, as for the size).
    target = max(config["size"], want)
    deficit = max(0, target - max(0, row.held - row.used))
    if frozen:
        grant = 0
    elif wanting and row.held - row.used <= config["low_water"]:
        grant = min(deficit, -(-pool // (len(wanting) + 1)))  # short like others: an equal share
    else:
        grant = top_up(target, row.held, row.used, max(0, pool - others_wanted))  # theirs first
    short = deficit - grant
    left_after = row.held + grant - row.used
    row.granted += grant
    row.wanted = short if short > 0 and left_after <= config["low_water"] and not frozen else 0
    row.updated_at = now
    row.save()
    pool -= grant
    # The pool cannot serve those waiting: ask this station for some of its unused rights, unless it is short too.
    recall = max(0, others_wanted - pool) if left_after > config["low_water"] else 0
    if grant:
        log.info("station %s: +%s rights for %s on %s", station.code, grant, kecamatan, day)
    return {"kecamatan": kecamatan, "day": day.isoformat(), "granted": row.granted, "returned": row.returned,
            "recall": recall, "limit": limit, "pool": pool, "issued": issued_count(kecamatan, day),
            "share": pool_share(limit, sharers(kecamatan), row.held, pool),
            "expires_at": day_end_utc(day, zone()).isoformat() + "Z"}


def _blanko(station: Station, blanko: dict | None, config: dict, frozen: bool) -> list[dict] | None:
    """Ranges on their way to the station (unconfirmed); a new one when it runs low. None: the
    regency has no blanko left to send."""
    waiting = list(BlankoRange.select().where((BlankoRange.station == station.id) & BlankoRange.confirmed_at.is_null())
                   .order_by(BlankoRange.first_number))
    short = False
    if blanko is not None and not frozen and not waiting and int(blanko.get("usable", 0)) <= config["blanko_low_water"]:
        _lock("blanko")
        # The regency's allocation to the station's kecamatan or hub caps what is leased to it.
        allowance = lease_allowance(station)
        size = config["blanko_size"] if allowance is None else min(config["blanko_size"], allowance)
        numbers = _next_range(size) if size > 0 else None
        if numbers is None:
            short = True
        else:
            waiting.append(BlankoRange.create(station=station.id, first_number=numbers[0], last_number=numbers[1]))
            audit.record(f"station:{station.code}", "blanko.lease", first=regency_serial(numbers[0]),
                         last=regency_serial(numbers[1]))
    views = [range_view(r) for r in waiting]
    return None if short and not views else views


def _apply_report(station: Station, report: dict) -> None:
    """After a restore: the station says what it holds; what the backup lacks is taken back in."""
    restored = []
    for item in report.get("leases", []):
        day = date.fromisoformat(item["day"])
        row, _ = QuotaLease.get_or_create(station=station.id, kecamatan_code=item["kecamatan"], day=day,
                                          defaults={"updated_at": utcnow()})
        granted = max(row.granted, int(item["granted"]))
        if granted != row.granted:
            restored.append({"kecamatan": item["kecamatan"], "day": item["day"], "granted": granted,
                             "server_had": row.granted})
        QuotaLease.update(granted=granted, returned=min(granted, max(row.returned, int(item["returned"]))),
                          used=int(item["used"]), updated_at=utcnow()).where(QuotaLease.id == row.id).execute()
    ranges = 0
    for item in report.get("ranges", []):
        first, last = regency_number(item["first"]), regency_number(item["last"])
        if first is None or last is None or last < first:
            raise invalid(f"Rentang blanko {item['first']}..{item['last']} tidak sah.")
        if BlankoRange.get_or_none(BlankoRange.id == item["id"]) is None:
            clash = BlankoRange.get_or_none((BlankoRange.first_number == first) & BlankoRange.transfer_of.is_null())
            if clash is not None and clash.station_id != station.id:
                raise ApiError(409, "conflict", f"Rentang blanko {item['first']} sudah tercatat untuk stasiun lain.")
            if clash is None:
                BlankoRange.create(id=item["id"], station=station.id, first_number=first, last_number=last,
                                   confirmed_at=utcnow() if item.get("confirmed") else None)
                ranges += 1
    audit.record(f"station:{station.code}", "lease.report", leases=restored, ranges=ranges)
    anomalies.judge_deferred(station)  # its cards received meanwhile: now their rights and serials are known


def suspension(station: Station) -> dict | None:
    """None, or since when the station is suspended and why (the sentence its operators see)."""
    if station.suspended_at is None:
        return None
    return {"since": station.suspended_at.isoformat() + "Z", "message": station.suspension}


def station_leases(station: Station) -> list[dict]:
    """The station's leases for today and later, as the server holds them (the session's `leases`),
    with the rights the server would like back for stations that ran short."""
    now = utcnow()
    views = []
    for r in (QuotaLease.select().where((QuotaLease.station == station.id) & (QuotaLease.day >= today(now)))
              .order_by(QuotaLease.day, QuotaLease.kecamatan_code)):
        others = list(QuotaLease.select().where((QuotaLease.kecamatan_code == r.kecamatan_code)
                                                & (QuotaLease.day == r.day) & (QuotaLease.station != station.id)))
        wanted = sum(o.wanted for o in others if o.updated_at >= now - WANTED_FRESH)
        limit = day_limit(r.kecamatan_code, r.day)
        pool = max(0, limit - r.held - sum(o.held for o in others))
        settings_ = settings()
        spare = r.held - r.used > settings_["low_water"]
        views.append({"kecamatan": r.kecamatan_code, "day": str(r.day)[:10], "granted": r.granted,
                      "returned": r.returned, "recall": max(0, wanted - pool) if spare else 0,
                      "issued": issued_count(r.kecamatan_code, r.day),
                      "share": pool_share(limit, sharers(r.kecamatan_code), r.held, pool)})
    return views


def admin_view(day: date | None = None) -> list[dict]:
    """Per kecamatan and day: quota, leased, issued, and each station's share (for the regency)."""
    day = day or today()
    rows: dict[str, dict] = {}
    for lease in QuotaLease.select(QuotaLease, Station.code).join(Station).where(QuotaLease.day == day):
        entry = rows.setdefault(lease.kecamatan_code, {"kecamatan": lease.kecamatan_code, "day": day.isoformat(),
                                                       "limit": day_limit(lease.kecamatan_code, day),
                                                       "issued": issued_count(lease.kecamatan_code, day),
                                                       "leased": 0, "stations": []})
        entry["leased"] += lease.held
        entry["stations"].append({"station": lease.station.code, "granted": lease.granted,
                                  "returned": lease.returned, "used": lease.used, "wanted": lease.wanted})
    return [rows[k] for k in sorted(rows)]

