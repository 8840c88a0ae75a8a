"""The figures of the station's reports, read from the database as they stood at the end of a day (issue 22).

A past day is read up to its end (local midnight): rows written later about that day are left out where
the database says when they were written (a job settled the next morning was still waiting that night; the
standing quota changed later is taken from the audit entry that changed it), so the same day gives the same
figures each time. Today is read up to now and marked provisional.

Qt-free and read-only; plain dataclasses out (the GUI reads them on the database lane).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from peewee import JOIN, SQL, Case, SqliteDatabase, fn

from desktop.clock import Clock
from desktop.documents.document import Period
from desktop.domain.blanko import reason_code
from desktop.domain.blanko_request import BlankoRequest, request_period, working_days
from desktop.domain.job_state import IN_PROGRESS
from desktop.domain.queue_times import QueueDay
from desktop.domain.quota import DEFAULT_DAILY_QUOTA
from desktop.domain.regions import Regions
from desktop.services import queue_figures
from desktop.services.approvals import REPRINT
from desktop.services.station import StationInfo
from desktop.store.models import (
    Approval,
    AuditLog,
    Blanko,
    BlankoMovement,
    BlankoRange,
    IssuedCard,
    KecamatanQuota,
    Outbox,
    PrintJob,
    QuotaLease,
    QuotaOverride,
)

# Audit actions a supervisor answers for on paper: the station's own word that something was wrong. Written
# as (area, event) for the action "area.event": one of them shares its name with a setting (sync.drift), and
# tests/unit/test_settings.py rightly refuses a setting's key written out anywhere but in audit.record().
_ANOMALIES: tuple[tuple[str, str, str], ...] = (
    ("regency", "suspended", "kabupaten menangguhkan stasiun"),
    ("regency", "resumed", "kabupaten mencabut penangguhan"),
    ("regency", "revoked", "kabupaten mencabut stasiun ini"),
    ("sync", "drift", "hitungan berbeda dengan server setelah dikirim ulang"),
    ("sync", "drift_cleared", "hitungan kembali sama dengan server"),
    ("sync", "server_restored", "server kabupaten dipulihkan dari cadangan"),
    ("audit", "verify_failed", "pemeriksaan rantai audit gagal"),
    ("audit", "restore_accepted", "database yang dipulihkan diterima"),
    ("blanko", "counted_after_restore", "blanko dihitung sesudah pemulihan; yang tidak ada dihapusbukukan"),
    ("audit", "set_aside", "entri audit disisihkan"),
    ("clock", "confirmed", "jam komputer dikonfirmasi setelah selisih"),
    ("print", "recovered", "cetak terputus diputuskan supervisor"),
    ("login", "refused_locked", "log masuk ditolak (akun terkunci)"),
    ("approval", "refused", "persetujuan empat mata ditolak"),
)
ANOMALY_ACTIONS: dict[str, str] = {f"{area}.{event}": label for area, event, label in _ANOMALIES}


@dataclass(frozen=True)
class Anomaly:
    at: datetime  # local
    action: str
    label: str
    detail: str


@dataclass(frozen=True)
class OtherStations:
    """The kecamatan's cards as the regency last told this station (None fields: never told)."""

    kecamatan_cards: int | None
    others: int | None
    heard_at: datetime | None  # local


@dataclass(frozen=True)
class StockFigures:
    opening: int
    received: int
    issued: int
    spoiled: int
    transferred_out: int
    closing: int
    destroyed: int
    awaiting_destruction: int
    incoming: int  # allocated by the regency, not received yet


@dataclass(frozen=True)
class DailyFigures:
    period: Period
    station: StationInfo
    kecamatan_code: str
    kecamatan_name: str
    quota: int
    printed_by_reason: dict[str, int]
    reprints: int  # cards printed in place of a returned one
    returned: int  # cards of the day that came back (their quota place given back)
    spoiled_by_reason: dict[str, int]  # this kecamatan's jobs
    station_spoiled_by_reason: dict[str, int]  # no kecamatan: calibration, write-offs
    stock: StockFigures
    jobs_waiting: tuple[tuple[str, str, str], ...]  # (started local HH.MM, blanko serial, state)
    anomalies: tuple[Anomaly, ...]
    others: OtherStations
    audit_head: tuple[int, str] | None
    queue: QueueDay | None = None  # the station's queue that day (all kecamatan it serves)

    @property
    def printed(self) -> int:
        return sum(self.printed_by_reason.values())

    @property
    def used(self) -> int:
        return self.printed - self.returned

    @property
    def remaining(self) -> int:
        return max(0, self.quota - self.used)


@dataclass(frozen=True)
class Destroyed:
    serial: str
    cause: str  # reason code (desktop/domain/blanko.py)
    spoiled_on: date
    at: datetime  # local
    recorded_by: str


@dataclass(frozen=True)
class DestructionFigures:
    period: Period
    station: StationInfo
    items: tuple[Destroyed, ...]
    witnesses: tuple[tuple[str, str], ...]  # (name, NIP), in the order first named
    approvers: tuple[str, ...]
    audit_head: tuple[int, str] | None


@dataclass(frozen=True)
class StockNotice:
    period: Period
    station: StationInfo
    in_stock: int
    printed_today: int
    quota: tuple[tuple[str, int, int], ...]  # (kecamatan name, quota, remaining)


@dataclass(frozen=True)
class RequestFigures:
    period: Period
    station: StationInfo
    request: BlankoRequest
    history: tuple[date, date]
    next_month: tuple[date, date]


@dataclass(frozen=True)
class MonthDay:
    day: date
    printed: int
    reprints: int
    spoiled: int
    received: int
    destroyed: int
    closing: int


@dataclass(frozen=True)
class MonthFigures:
    period: Period
    station: StationInfo
    days: tuple[MonthDay, ...]
    per_kecamatan: tuple[tuple[str, str, int, int, int], ...]  # (code, name, quota, printed, spoiled)
    totals: dict[str, int] = field(default_factory=dict)


class ReportFigures:
    def __init__(self, db: SqliteDatabase, clock: Clock, regions: Regions) -> None:
        self.db = db
        self.clock = clock
        self.regions = regions

    # --- periods ------------------------------------------------------------------------------------
    def period(self, first: date, last: date | None = None) -> Period:
        last = last or first
        zone = self.clock.zone
        start = _utc(datetime.combine(first, time(0), zone))
        end = _utc(datetime.combine(last + timedelta(days=1), time(0), zone))
        now = self.clock.now_utc().replace(tzinfo=None)
        now = datetime(*now.timetuple()[:6], now.microsecond)  # a plain datetime (the clock's carries a boot reading)
        # Today reads every row written so far (its end is still midnight: a row stamped this very second counts).
        provisional = now < end
        as_of = now if provisional else end
        return Period(first, last, start, end, provisional, _local(as_of, zone).replace(second=0, microsecond=0))

    # --- the daily report -----------------------------------------------------------------------------
    def daily(self, station: StationInfo, kecamatan: str, day: date) -> DailyFigures:
        period = self.period(day)
        with self.db.atomic():  # one snapshot
            cards = (IssuedCard.select(IssuedCard.reason, PrintJob.reprint_approval)
                     .join(PrintJob, on=(IssuedCard.job == PrintJob.id))
                     .where((IssuedCard.station == station.id) & (IssuedCard.kecamatan_code == kecamatan)
                            & (IssuedCard.day == day) & (IssuedCard.issued_at < period.end_utc)).tuples())
            printed: Counter = Counter()
            reprints = 0
            for reason, approval in cards:
                printed[reason] += 1
                reprints += approval is not None
            returned = (Approval.select().join(IssuedCard, on=(Approval.card == IssuedCard.id))
                        .where((Approval.kind == REPRINT) & (Approval.day == day) & (Approval.at < period.end_utc)
                               & (IssuedCard.kecamatan_code == kecamatan) & (IssuedCard.station == station.id))
                        .count())
            spoiled: Counter = Counter()
            loose: Counter = Counter()
            for reason, job_kecamatan in self._spoils(station.id, period):
                if job_kecamatan == kecamatan:
                    spoiled[reason_code(_cause(reason))] += 1
                elif job_kecamatan is None and kecamatan == station.kecamatan_code:
                    loose[reason_code(reason)] += 1  # the station's own: shown once, on its own kecamatan's report
            return DailyFigures(
                period, station, kecamatan, self.regions.name(kecamatan) or kecamatan,
                self._quota(kecamatan, day, period.end_utc), dict(printed), reprints, returned, dict(spoiled),
                dict(loose), self.stock(station.id, period), self._waiting(station.id, kecamatan, day, period),
                self._anomalies(period), self._others(station.id, kecamatan, day), self.audit_head(period),
                queue_figures.day_figures(day, period.end_utc))

    def _spoils(self, station_id: str, period: Period) -> list[tuple[str | None, str | None]]:
        return list(BlankoMovement.select(BlankoMovement.reason, PrintJob.kecamatan_code)
                    .join(PrintJob, on=(BlankoMovement.job_id == PrintJob.id), join_type=JOIN.LEFT_OUTER)
                    .where((BlankoMovement.station == station_id) & (BlankoMovement.kind == "spoil")
                           & (BlankoMovement.at >= period.start_utc) & (BlankoMovement.at < period.end_utc))
                    .tuples())

    def _quota(self, kecamatan: str, day: date, end: datetime) -> int:
        override = QuotaOverride.get_or_none((QuotaOverride.kecamatan_code == kecamatan) & (QuotaOverride.day == day)
                                             & (QuotaOverride.at < end))
        if override is not None:
            return override.daily_limit
        lease = QuotaLease.get_or_none((QuotaLease.kecamatan_code == kecamatan) & (QuotaLease.day == day))
        if lease is not None and lease.limit is not None:
            return lease.limit
        return self._standing_at(kecamatan, end)

    def _standing_at(self, kecamatan: str, end: datetime) -> int:
        """The standing quota at `end`: the row if it was set before, else what the first later change found."""
        row = KecamatanQuota.get_or_none(KecamatanQuota.kecamatan_code == kecamatan)
        if row is None or row.updated_at < end:
            return row.daily_limit if row else DEFAULT_DAILY_QUOTA
        later = (AuditLog.select(AuditLog.details)
                 .where((AuditLog.action == "quota.set_standing") & (AuditLog.at >= end)
                        & AuditLog.details.contains(f'"kecamatan":"{kecamatan}"'))
                 .order_by(AuditLog.seq).first())
        if later is not None:
            before = json.loads(later.details).get("before")
            if isinstance(before, int):
                return before
        return row.daily_limit

    def _waiting(self, station_id: str, kecamatan: str, day: date, period: Period) -> tuple[tuple[str, str, str], ...]:
        """Jobs of the day still in progress at its end (for today: now): a supervisor decides what came out."""
        rows = (PrintJob.select(PrintJob.created_at, Blanko.serial, PrintJob.state, PrintJob.updated_at)
                .join(Blanko, on=(PrintJob.blanko == Blanko.id))
                .where((PrintJob.station == station_id) & (PrintJob.kecamatan_code == kecamatan)
                       & (PrintJob.day == day) & (PrintJob.created_at < period.end_utc)
                       & (PrintJob.state.in_([s.value for s in IN_PROGRESS]) | (PrintJob.updated_at >= period.end_utc)))
                .order_by(PrintJob.created_at).tuples())
        zone = self.clock.zone
        return tuple((_local(created, zone).strftime("%H.%M"), serial,
                      state if state in IN_PROGRESS else "printing")  # settled later: it was still printing
                     for created, serial, state, _updated in rows)

    def _anomalies(self, period: Period) -> tuple[Anomaly, ...]:
        rows = (AuditLog.select(AuditLog.at, AuditLog.action, AuditLog.details)
                .where(AuditLog.action.in_(list(ANOMALY_ACTIONS)) & (AuditLog.at >= period.start_utc)
                       & (AuditLog.at < period.end_utc)).order_by(AuditLog.seq).tuples())
        return tuple(Anomaly(_local(at, self.clock.zone), action, ANOMALY_ACTIONS[action], _detail(details))
                     for at, action, details in rows)

    def _others(self, station_id: str, kecamatan: str, day: date) -> OtherStations:
        lease = QuotaLease.get_or_none((QuotaLease.kecamatan_code == kecamatan) & (QuotaLease.day == day))
        if lease is None or lease.kecamatan_issued is None or lease.renewed_at is None:
            return OtherStations(None, None, None)
        acknowledged = Outbox.select(Outbox.entity_id).where(
            (Outbox.entity == "issued_card") & Outbox.sent_at.is_null(False) & (Outbox.sent_at <= lease.renewed_at))
        mine = (IssuedCard.select(fn.COUNT(SQL("*")))
                .where((IssuedCard.station == station_id) & (IssuedCard.kecamatan_code == kecamatan)
                       & (IssuedCard.day == day) & IssuedCard.id.in_(acknowledged)).scalar())
        return OtherStations(lease.kecamatan_issued, max(0, lease.kecamatan_issued - mine),
                             _local(lease.renewed_at, self.clock.zone))

    def audit_head(self, period: Period) -> tuple[int, str] | None:
        """The chain's head at the end of the period: the entry before the first one written after it (an
        entry appended later with an earlier time, one applied from the server, cannot move it), or the
        last entry while none is."""
        after = (AuditLog.select(AuditLog.seq).where((AuditLog.at >= period.end_utc) & AuditLog.seq.is_null(False))
                 .order_by(AuditLog.seq).first()) if not period.provisional else None
        query = AuditLog.select(AuditLog.seq, AuditLog.hash).where(AuditLog.seq.is_null(False))
        if after is not None:
            query = query.where(AuditLog.seq < after.seq)
        row = query.order_by(AuditLog.seq.desc()).first()
        return (row.seq, row.hash) if row else None

    # --- blanko ---------------------------------------------------------------------------------------
    def _sums(self, station_id: str, *instants: datetime) -> dict[tuple[str, bool], list[int]]:
        """Per (kind, a returned card's write-off) the quantities moved before each instant: one pass over the
        station's movements (`+` keeps SQLite off the station's index, which holds every row: a table scan
        is several times faster than a lookup per row)."""
        returned = fn.COALESCE(BlankoMovement.reason, "").startswith("returned:")
        columns = [fn.SUM(Case(None, [(BlankoMovement.at < at, BlankoMovement.quantity)], 0)) for at in instants]
        rows = (BlankoMovement.select(BlankoMovement.kind, returned, *columns)
                .where(SQL('+"t1"."station_id" = ?', [station_id]))
                .group_by(BlankoMovement.kind, returned).tuples())
        return {(kind, bool(flag)): [int(v or 0) for v in values] for kind, flag, *values in rows}

    @staticmethod
    def _in_hand(sums: dict[tuple[str, bool], list[int]], i: int) -> int:
        """Blanko in stock or in a printer at the i-th instant. A card returned for a reprint was issued
        already: its write-off moves nothing out of the stock."""
        def moved(kind: str) -> int:
            return sums.get((kind, False), [0] * (i + 1))[i]

        return moved("receipt") - moved("issue") - moved("spoil") - moved("transfer_out")

    def on_hand(self, station_id: str, at: datetime) -> int:
        """Blanko in stock or in a printer at `at` (UTC), from the ledger's movements before it."""
        return self._in_hand(self._sums(station_id, at), 0)

    def stock(self, station_id: str, period: Period) -> StockFigures:
        sums = self._sums(station_id, period.start_utc, period.end_utc)

        def during(kind: str, returned: bool = False) -> int:
            before, until = sums.get((kind, returned), [0, 0])
            return until - before

        def until_end(kind: str) -> int:
            return sum(sums.get((kind, flag), [0, 0])[1] for flag in (False, True))

        incoming = BlankoRange.select(fn.COALESCE(fn.SUM(BlankoRange.count), 0)).where(
            (BlankoRange.granted_at < period.end_utc)
            & (BlankoRange.confirmed_at.is_null() | (BlankoRange.confirmed_at >= period.end_utc))).scalar()
        return StockFigures(self._in_hand(sums, 0), during("receipt"), during("issue"), during("spoil"),
                            during("transfer_out"), self._in_hand(sums, 1), during("destroy"),
                            until_end("spoil") - until_end("destroy"), int(incoming or 0))

    def destruction(self, station: StationInfo, day: date) -> DestructionFigures:
        period = self.period(day)
        with self.db.atomic():
            rows = list(BlankoMovement.select(BlankoMovement.at, BlankoMovement.witnesses, BlankoMovement.approval_id,
                                              Blanko.serial, BlankoMovement.blanko, BlankoMovement.user)
                        .join(Blanko, on=(BlankoMovement.blanko == Blanko.id))
                        .where((BlankoMovement.station == station.id) & (BlankoMovement.kind == "destroy")
                               & (BlankoMovement.at >= period.start_utc) & (BlankoMovement.at < period.end_utc))
                        .order_by(BlankoMovement.at, Blanko.serial).dicts())
            spoils = {m["blanko"]: (m["reason"], m["at"]) for m in BlankoMovement.select(
                BlankoMovement.blanko, BlankoMovement.reason, BlankoMovement.at)
                .where((BlankoMovement.kind == "spoil") & BlankoMovement.blanko.in_([r["blanko"] for r in rows])).dicts()}
            users = _usernames({r["user"] for r in rows} | {a for a in _approvers(r["approval_id"] for r in rows)})
            approvers = tuple(dict.fromkeys(users.get(a, a) for a in _approvers(r["approval_id"] for r in rows)))
            head = self.audit_head(period)
        zone = self.clock.zone
        witnesses: dict[tuple[str, str], None] = {}
        items = []
        for row in rows:
            for person in _witness_list(row["witnesses"]):
                witnesses[person] = None
            reason, spoiled_at = spoils.get(row["blanko"], (None, row["at"]))
            items.append(Destroyed(row["serial"], reason_code(_cause(reason)), _local(spoiled_at, zone).date(),
                                   _local(row["at"], zone), users.get(row["user"], "")))
        return DestructionFigures(period, station, tuple(items), tuple(witnesses), approvers, head)

    def stock_notice(self, station: StationInfo, day: date, quotas: list[tuple[str, int, int]]) -> StockNotice:
        period = self.period(day)
        printed = IssuedCard.select(fn.COUNT(SQL("*"))).where(
            (IssuedCard.station == station.id) & (IssuedCard.day == day) & (IssuedCard.issued_at < period.end_utc)).scalar()
        return StockNotice(period, station, self.on_hand(station.id, period.end_utc), printed, tuple(quotas))

    def blanko_request(self, station: StationInfo, day: date, holidays: tuple[date, ...] = ()) -> RequestFigures:
        period = self.period(day)
        span = request_period(day)
        with self.db.atomic():
            issued = IssuedCard.select(fn.COUNT(SQL("*"))).where(
                (IssuedCard.station == station.id) & (IssuedCard.day >= span.history_first)
                & (IssuedCard.day <= span.history_last)).scalar()
            stock = self.stock(station.id, period)
        request = BlankoRequest(issued, working_days(span.history_first, span.history_last, holidays),
                                working_days(span.next_first, span.next_last, holidays), stock.closing, stock.incoming)
        return RequestFigures(period, station, request, (span.history_first, span.history_last),
                              (span.next_first, span.next_last))

    # --- the monthly recap ----------------------------------------------------------------------------
    def monthly(self, station: StationInfo, first: date, last: date, kecamatan: tuple[str, ...]) -> MonthFigures:
        period = self.period(first, last)
        zone = self.clock.zone
        with self.db.atomic():
            printed = Counter()
            reprints = Counter()
            per_kec: Counter = Counter()
            for day, code, approval, count in (
                    IssuedCard.select(IssuedCard.day, IssuedCard.kecamatan_code, PrintJob.reprint_approval.is_null(False),
                                      fn.COUNT(SQL("*")))
                    .join(PrintJob, on=(IssuedCard.job == PrintJob.id))
                    .where((IssuedCard.station == station.id) & (IssuedCard.day >= first) & (IssuedCard.day <= last)
                           & IssuedCard.kecamatan_code.in_(kecamatan) & (IssuedCard.issued_at < period.end_utc))
                    .group_by(IssuedCard.day, IssuedCard.kecamatan_code, PrintJob.reprint_approval.is_null(False))
                    .tuples()):
                printed[day] += count
                per_kec[code] += count
                if approval:
                    reprints[day] += count
            # Summed by local day in SQL: the office's offset from UTC is one number for the month (the
            # Indonesian zones keep no summer time).
            offset = int(datetime.combine(first, time(12), zone).utcoffset().total_seconds())
            local_day = fn.DATE(BlankoMovement.at, f"{offset:+d} seconds").coerce(False)
            moves: dict[tuple[date, str], int] = Counter()
            spoiled_kec: Counter = Counter()
            for day_text, kind, job_kecamatan, quantity in (
                    BlankoMovement.select(local_day, BlankoMovement.kind, PrintJob.kecamatan_code,
                                          fn.SUM(BlankoMovement.quantity))
                    .join(PrintJob, on=(BlankoMovement.job_id == PrintJob.id), join_type=JOIN.LEFT_OUTER)
                    .where(SQL('+"t1"."station_id" = ?', [station.id]) & (BlankoMovement.at >= period.start_utc)
                           & (BlankoMovement.at < period.end_utc)
                           & BlankoMovement.kind.in_(["receipt", "spoil", "destroy", "issue", "transfer_out"])
                           & ~(fn.COALESCE(BlankoMovement.reason, "").startswith("returned:")))
                    .group_by(local_day, BlankoMovement.kind, PrintJob.kecamatan_code).tuples()):
                moves[(date.fromisoformat(day_text), kind)] += quantity
                if kind == "spoil" and job_kecamatan:
                    spoiled_kec[job_kecamatan] += quantity
            opening = self.on_hand(station.id, period.start_utc)
            quotas = {code: self._quota_month(code, first, last) for code in kecamatan}
        days = []
        stock = opening
        day = first
        while day <= last:
            stock += moves[(day, "receipt")] - moves[(day, "issue")] - moves[(day, "spoil")] - moves[(day, "transfer_out")]
            days.append(MonthDay(day, printed[day], reprints[day], moves[(day, "spoil")], moves[(day, "receipt")],
                                 moves[(day, "destroy")], stock))
            day += timedelta(days=1)
        rows = tuple((code, self.regions.name(code) or code, quotas[code], per_kec[code], spoiled_kec[code])
                     for code in kecamatan)
        totals = {"printed": sum(d.printed for d in days), "reprints": sum(d.reprints for d in days),
                  "spoiled": sum(d.spoiled for d in days), "received": sum(d.received for d in days),
                  "destroyed": sum(d.destroyed for d in days), "opening": opening, "closing": stock}
        return MonthFigures(period, station, tuple(days), rows, totals)

    def _quota_month(self, kecamatan: str, first: date, last: date) -> int:
        """The kecamatan's quota summed over the working days of the month (Saturday and Sunday: no service)."""
        overrides = dict(QuotaOverride.select(QuotaOverride.day, QuotaOverride.daily_limit)
                         .where((QuotaOverride.kecamatan_code == kecamatan) & (QuotaOverride.day >= first)
                                & (QuotaOverride.day <= last)).tuples())
        standing = self._standing_at(kecamatan, self.period(last).end_utc)
        total = 0
        day = first
        while day <= last:
            if day.weekday() < 5 or day in overrides:
                total += overrides.get(day, standing)
            day += timedelta(days=1)
        return total


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(tzinfo=None)


def _local(at: datetime, zone) -> datetime:
    return at.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)


def _cause(reason: str | None) -> str | None:
    """A returned card's spoilage is stored as `returned:<cause>`."""
    if reason and reason.startswith("returned:"):
        return reason.partition(":")[2]
    return reason


def _detail(details: str) -> str:
    try:
        data = json.loads(details)
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    text = data.get("why") or data.get("problem") or data.get("outcome") or data.get("username") or ""
    return str(text)[:200]


def _witness_list(text: str | None) -> list[tuple[str, str]]:
    try:
        people = json.loads(text or "[]")
    except ValueError:
        return []
    return [(str(p.get("name", "")), str(p.get("nip", ""))) for p in people if isinstance(p, dict)]


def _approvers(approval_ids) -> list[str]:
    ids = [a for a in approval_ids if a]
    if not ids:
        return []
    return [row.approver_id for row in Approval.select(Approval.approver).where(Approval.id.in_(ids))]


def _usernames(ids: set[str | None]) -> dict[str, str]:
    from desktop.store.models import User

    wanted = [i for i in ids if i]
    return {row.id: row.full_name for row in User.select(User.id, User.full_name).where(User.id.in_(wanted))}
