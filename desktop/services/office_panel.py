"""The office panel's figures (issue 18, item 1): per served kecamatan today's quota, rights, cards printed,
remaining and spoiled by cause; jobs waiting for a decision, reprints approved and not yet printed, the
blanko stock and how long it lasts; green/amber/red with the reasons in words; the last 30 days.

Qt-free and read-only; the page (desktop/ui/pages/panel/) asks for them on the database lane every
10 seconds. A kecamatan's cards printed come from `QuotaService.state`, the station's one count of a
kecamatan's day (the regency-wide figure of issue 17 plugs in there).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from peewee import JOIN, SQL, SqliteDatabase, fn

from desktop.clock import Clock
from desktop.domain.panel_rules import (
    AMBER,
    GREEN,
    RATE_DAYS,
    RED,
    days_left,
    level,
    quota_findings,
    ribbon_low,
    stock_findings,
    stored_cause,
)
from desktop.domain.quota import DEFAULT_DAILY_QUOTA
from desktop.domain.text import Message, msg
from desktop.services.approvals import ApprovalService, returned_cards
from desktop.services.jobs import JobService, UnfinishedJob
from desktop.services.leases import LeaseService, drift_message
from desktop.services.quota import QuotaService
from desktop.services.stock import StockService
from desktop.settings import SYNC_DRIFT
from desktop.store.models import BlankoMovement, IssuedCard, KecamatanQuota, PrintJob, QuotaOverride

__all__ = ["AMBER", "GREEN", "RATE_DAYS", "RED", "OfficePanelService", "assess"]
CHART_DAYS = 30
SENTENCE_MAX = 400  # characters of a sentence from the regency shown on the panel


@dataclass(frozen=True)
class KecamatanFigures:
    code: str
    name: str
    quota: int
    printed: int
    in_progress: int
    remaining: int
    rights: int | None  # print rights held today (an enrolled station); None: not enrolled
    spoiled: dict[str, int]  # cause key (desktop/domain/spoilage.py, or "other") -> blanko today
    raised: bool


@dataclass(frozen=True)
class PrinterFigures:
    """A printer as the page knows it (its controller's last status and counters)."""

    uri: str
    name: str
    ready: bool
    state_text: str  # already in words
    ribbon_left: int | None  # None: the printer does not tell (a spooler queue)


@dataclass(frozen=True)
class DayPoint:
    day: date
    printed: int
    quota: int
    spoiled: int


@dataclass(frozen=True)
class OfficeFigures:
    day: date
    kecamatan: tuple[KecamatanFigures, ...]
    jobs_waiting: tuple[UnfinishedJob, ...]  # left behind with an unknown outcome: a supervisor decides
    reprints_waiting: int  # approved today, the new card not printed yet
    in_stock: int
    rate: float  # blanko used a day (issued and spoiled), over the last RATE_DAYS days
    enrolled: bool
    # An enrolled station only: why it may print nothing now (the regency's own sentence while it has
    # suspended the station, or the clock, or a restored server), and the counts that still differ from
    # the server's after a re-send (the sync state: settings lease.suspended, sync.drift).
    blocker: str | None = None
    drift: dict | None = None

    @property
    def days_left(self) -> float | None:
        return days_left(self.in_stock, self.rate)


@dataclass(frozen=True)
class Assessment:
    level: str
    reasons: tuple[Message | str, ...]  # a plain str: the regency's own sentence


class OfficePanelService:
    def __init__(self, db: SqliteDatabase, clock: Clock, quota: QuotaService, stock: StockService,
                 leases: LeaseService, jobs: JobService, approvals: ApprovalService) -> None:
        self.db = db
        self.clock = clock
        self.quota = quota
        self.stock = stock
        self.leases = leases
        self.jobs = jobs
        self.approvals = approvals

    def figures(self, station_id: str, served: tuple[str, ...]) -> OfficeFigures:
        """Today's figures, read in one snapshot."""
        with self.db.atomic():  # deferred: one consistent read while the counters keep printing
            day = self.clock.today()
            enrolled = self.leases.enrolled()
            spoiled = self._spoiled_by_kecamatan(day)
            rows = []
            for code in served:
                state = self.quota.state(code, day)
                rights = None
                if enrolled:
                    lease = self.leases.lease(code, day)
                    rights = lease.granted - lease.returned
                rows.append(KecamatanFigures(code, state.kecamatan_name, state.limit, state.issued, state.in_progress,
                                             state.remaining, rights, dict(spoiled.get(code, {})), state.raised))
            waiting = tuple(job for job in self.jobs.unfinished(station_id) if job.settleable)
            blocker = self.leases.station_blocker() if enrolled else None
            drift = SYNC_DRIFT.get() if enrolled else None
            return OfficeFigures(day, tuple(rows), waiting, self.approvals.pending_reprints(),
                                 self._in_stock(station_id), self._rate(day), enrolled, blocker, drift)

    def _in_stock(self, station_id: str) -> int:
        # By the state's index (`+` keeps SQLite off the station's, which holds every issued card: 40 ms
        # for a year of cards instead of well under one).
        return self.db.execute_sql('SELECT COUNT(*) FROM "blanko" WHERE "state" = ? AND +"station_id" = ?',
                                   ("in_stock", station_id)).fetchone()[0]

    def _day_range(self, first: date, last: date) -> tuple[datetime, datetime]:
        """The UTC instants from the start of local `first` to the end of local `last`."""
        zone = self.clock.zone
        start = datetime.combine(first, time(0), zone).astimezone(UTC).replace(tzinfo=None)
        end = datetime.combine(last + timedelta(days=1), time(0), zone).astimezone(UTC).replace(tzinfo=None)
        return start, end

    def _spoils(self, first: date, last: date) -> list[tuple[datetime, str | None, str | None]]:
        """(at UTC, reason, kecamatan of its job) of each blanko spoiled between the local days."""
        start, end = self._day_range(first, last)
        return list(BlankoMovement.select(BlankoMovement.at, BlankoMovement.reason, PrintJob.kecamatan_code)
                    .join(PrintJob, on=(BlankoMovement.job_id == PrintJob.id), join_type=JOIN.LEFT_OUTER)
                    .where((BlankoMovement.kind == "spoil") & (BlankoMovement.at >= start) & (BlankoMovement.at < end))
                    .tuples())

    def _spoiled_by_kecamatan(self, day: date) -> dict[str | None, Counter]:
        found: dict[str | None, Counter] = {}
        for _at, reason, kecamatan in self._spoils(day, day):
            found.setdefault(kecamatan, Counter())[stored_cause(reason)] += 1
        return found

    def _rate(self, day: date) -> float:
        first = day - timedelta(days=RATE_DAYS)
        issued = (IssuedCard.select(fn.COUNT(SQL("*")))
                  .where((IssuedCard.day >= first) & (IssuedCard.day < day)).scalar())
        spoiled = len(self._spoils(first, day - timedelta(days=1)))
        # A returned card is counted twice above (issued, then spoiled) and used one blanko.
        returned = (IssuedCard.select(fn.COUNT(SQL("*")))
                    .where((IssuedCard.day >= first) & (IssuedCard.day < day) & IssuedCard.id.in_(returned_cards()))
                    .scalar())
        return (issued + spoiled - returned) / RATE_DAYS

    def history(self, served: tuple[str, ...], days: int = CHART_DAYS) -> list[DayPoint]:
        """The last `days` days up to today: cards printed, the quota of the served kecamatan, blanko spoiled."""
        last = self.clock.today()
        first = last - timedelta(days=days - 1)
        with self.db.atomic():
            printed = dict(IssuedCard.select(IssuedCard.day, fn.COUNT(SQL("*")))
                           .where((IssuedCard.day >= first) & IssuedCard.kecamatan_code.in_(served)
                                  & IssuedCard.id.not_in(returned_cards()))
                           .group_by(IssuedCard.day).tuples())
            standing = {row.kecamatan_code: row.daily_limit
                        for row in KecamatanQuota.select().where(KecamatanQuota.kecamatan_code.in_(served))}
            overrides = {(row.kecamatan_code, row.day): row.daily_limit
                         for row in QuotaOverride.select().where((QuotaOverride.day >= first)
                                                                 & QuotaOverride.kecamatan_code.in_(served))}
            spoiled = Counter(_local_date(at, self.clock) for at, _r, _k in self._spoils(first, last))
        points = []
        for offset in range(days):
            day = first + timedelta(days=offset)
            quota = sum(overrides.get((code, day), standing.get(code, DEFAULT_DAILY_QUOTA))
                        for code in served)
            points.append(DayPoint(day, printed.get(day, 0), quota, spoiled.get(day, 0)))
        return points


def assess(figures: OfficeFigures, printers: list[PrinterFigures]) -> Assessment:
    """Green when the day can go on as it is; amber when someone should act soon; red when printing stops.
    The reasons, most urgent first, say which and why."""
    red: list[Message | str] = []
    amber: list[Message] = []
    if figures.blocker:
        # The regency's sentence comes from another machine: shown as text, cut to a sentence's length.
        red.append(figures.blocker if isinstance(figures.blocker, Message) else str(figures.blocker)[:SENTENCE_MAX])
    if figures.drift:
        red.append(drift_message(figures.drift))
    stock_red, stock_amber = stock_findings(figures.in_stock, figures.days_left)
    red += stock_red
    amber += stock_amber
    for row in figures.kecamatan:
        row_red, row_amber = quota_findings(row.name, row.quota, row.printed, row.remaining, row.rights,
                                            row.in_progress)
        red += row_red
        amber += row_amber
    if figures.jobs_waiting:
        amber.append(msg("{count} pekerjaan cetak menunggu keputusan supervisor.", count=len(figures.jobs_waiting)))
    if figures.reprints_waiting:
        amber.append(msg("{count} cetak ulang disetujui dan belum dicetak.", count=figures.reprints_waiting))
    if printers and not any(p.ready for p in printers):
        red.append(msg("Tidak ada printer yang siap."))
    for printer in printers:
        if not printer.ready:
            amber.append(msg("Printer {name}: {state}.", name=printer.name, state=printer.state_text))
        elif ribbon_low(printer.ribbon_left):
            amber.append(msg("Ribbon di {name} tinggal sekitar {count} kartu.", name=printer.name,
                             count=printer.ribbon_left))
    if not printers:
        red.append(msg("Stasiun ini belum punya printer."))
    return Assessment(level(red, amber), tuple(red + amber) or (msg("Semua berjalan baik."),))


def _local_date(at: datetime, clock: Clock) -> date:
    return at.replace(tzinfo=UTC).astimezone(clock.zone).date()
