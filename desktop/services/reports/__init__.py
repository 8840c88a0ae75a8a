"""The papers a kecamatan office signs (issue 22), made at the station: the daily report, the berita acara of
the day's destruction, the public stock notice, the blanko request letter and the monthly recap, as PDF or
CSV. The figures come from figures.py, the words from content.py, the PDF from pdf.py.

A report of a past day is the state at the end of that day and the same bytes each time; today's is stamped
SEMENTARA. A saved report is written 0600 and is an audit entry (`report.made`, with the file's SHA-256 and
path); a report printed on the office printer is one too (`report.printed`); both keep a copy in the station's
archive (archive.py), from which it is previewed, printed and saved again.
The kecamatan's complete report and the regency's come from the server (not this module).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.documents.document import (
    BLANKO_REQUEST,
    DAILY,
    DESTRUCTION,
    KINDS,
    MONTHLY,
    STOCK_NOTICE,
    Document,
)
from desktop.documents.document import (
    KIND_LABELS as KIND_LABELS,  # the reports page names them
)
from desktop.documents.output import to_csv, write_private
from desktop.domain.blanko_request import add_months
from desktop.domain.regions import Regions, dotted
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.quota import QuotaService
from desktop.services.reports import content
from desktop.services.reports.archive import MADE, PRINTED, ArchivedReport, ReportArchive, ReportCopy
from desktop.services.reports.figures import ReportFigures
from desktop.services.reports.settings import ReportSettings, read_settings
from desktop.services.session import CurrentUser
from desktop.services.station import StationInfo

PER_KECAMATAN = (DAILY, MONTHLY)
DEFAULT_DINAS = "Dinas Kependudukan dan Pencatatan Sipil"


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    day: date  # the day, or the first of the month for the recap
    kecamatan: str | None = None  # the daily report and the recap: one served kecamatan (default: all / own)
    as_csv: bool = False

    def file_name(self) -> str:
        """daily-36.74.06-2026-12-07.pdf, monthly-2026-11.csv."""
        scope = f"-{self.kecamatan}" if self.kecamatan else ""
        when = self.day.strftime("%Y-%m") if self.kind == MONTHLY else self.day.isoformat()
        return f"{self.kind}{scope}-{when}{'.csv' if self.as_csv else '.pdf'}"


@dataclass(frozen=True)
class MadeReport:
    request: ReportRequest
    document: Document
    data: bytes
    provisional: bool

    def file_name(self) -> str:
        return self.request.file_name()

    def copy(self) -> ReportCopy:
        request = self.request
        return ReportCopy(request.kind, request.day, request.kecamatan, "csv" if request.as_csv else "pdf",
                          self.document.number, self.provisional, self.data)


class ReportService:
    def __init__(self, db: SqliteDatabase, clock: Clock, regions: Regions, quota: QuotaService,
                 archive_dir: Path) -> None:
        self.db = db
        self.clock = clock
        self.regions = regions
        self.quota = quota
        self.figures = ReportFigures(db, clock, regions)
        self.archive = ReportArchive(archive_dir)

    def settings_for(self, station: StationInfo) -> ReportSettings:
        """The admin's settings, the letterhead's empty lines filled from the station's region."""
        found = read_settings()
        regency = found.regency
        if not regency:
            try:
                regency = "Pemerintah " + self.regions.regency_header(station.kecamatan_code).title()
            except KeyError:
                regency = ""
        office = found.office or f"Kecamatan {self._name(station.kecamatan_code)}"
        return replace(found, regency=regency, dinas=found.dinas or DEFAULT_DINAS, office=office)

    def make(self, actor: CurrentUser, station: StationInfo, request: ReportRequest) -> MadeReport:
        """The report's bytes (PDF, or CSV with `as_csv`); nothing is written or recorded."""
        actor.require(Permission.MAKE_REPORTS)
        request = self._checked(station, request)
        settings = self.settings_for(station)
        document = self.document(station, request, settings)
        data = to_csv(document) if request.as_csv else self._pdf(document, settings)
        return MadeReport(request, document, data, document.provisional)

    def save(self, actor: CurrentUser, made: MadeReport | ReportCopy, path: Path) -> Path:
        """Write the report (just made, or a copy from the archive) to `path` (0600, whole or not at all), keep
        it in the archive and record it in the audit chain."""
        actor.require(Permission.MAKE_REPORTS)
        report = made.copy() if isinstance(made, MadeReport) else made
        path = Path(path)
        write_private(path, report.data)
        self.archive.keep(report)
        audit.record(MADE, actor, at=self.clock.now_utc(), file=str(path.absolute()), **report.details())
        return path

    def printed(self, actor: CurrentUser, report: ReportCopy, printer: str, pages: int, copies: int) -> None:
        """Record a report sent to the office printer `printer` (and keep it in the archive)."""
        actor.require(Permission.MAKE_REPORTS)
        self.archive.keep(report)
        audit.record(PRINTED, actor, at=self.clock.now_utc(), printer=printer, pages=pages, copies=copies,
                     **report.details())

    def archived(self, actor: CurrentUser, limit: int = 1000) -> list[ArchivedReport]:
        """The reports saved or printed at this station, newest first."""
        actor.require(Permission.MAKE_REPORTS)
        return self.archive.entries(limit)

    def archived_copy(self, actor: CurrentUser, entry: ArchivedReport) -> ReportCopy:
        actor.require(Permission.MAKE_REPORTS)
        return self.archive.copy(entry)

    # --- the documents --------------------------------------------------------------------------------
    def document(self, station: StationInfo, request: ReportRequest, settings: ReportSettings) -> Document:
        place = self._name(station.kecamatan_code)
        figures = self.figures
        if request.kind == DAILY:
            return content.daily(figures.daily(station, request.kecamatan or station.kecamatan_code, request.day),
                                 settings, place)
        if request.kind == DESTRUCTION:
            return content.destruction(figures.destruction(station, request.day), settings, place)
        if request.kind == STOCK_NOTICE:
            return content.stock_notice(figures.stock_notice(station, request.day, self._quotas(station, request.day)),
                                        settings, place)
        if request.kind == BLANKO_REQUEST:
            return content.blanko_request(figures.blanko_request(station, request.day), settings, place,
                                          self._name(station.kecamatan_code))
        last = min(add_months(request.day, 1) - timedelta(days=1), self.clock.today())
        served = (request.kecamatan,) if request.kecamatan else station.served
        return content.monthly(figures.monthly(station, request.day, last, served), settings, place)

    def _quotas(self, station: StationInfo, day: date) -> list[tuple[str, int, int]]:
        rows = []
        for code in station.served:
            daily = self.figures.daily(station, code, day)
            rows.append((daily.kecamatan_name, daily.quota, daily.remaining))
        return rows

    def _pdf(self, document: Document, settings: ReportSettings) -> bytes:
        from desktop.documents.pdf import render

        return render(document, settings)

    def _name(self, code: str) -> str:
        return (self.regions.name(code) or code).title()

    def _checked(self, station: StationInfo, request: ReportRequest) -> ReportRequest:
        if request.kind not in KINDS:
            raise UserFacingError(msg("Jenis laporan tidak dikenal: {kind} (pilih {kinds}).", kind=request.kind,
                                      kinds=", ".join(KINDS)), code="report_kind")
        today = self.clock.today()
        day = request.day.replace(day=1) if request.kind == MONTHLY else request.day
        if day > today:
            raise UserFacingError(msg("Laporan untuk hari yang belum tiba tidak dapat dibuat ({day}).",
                                      day=request.day.isoformat()), code="report_future")
        kecamatan = _kecamatan_code(request.kecamatan) if request.kecamatan else None
        if kecamatan is not None:
            if request.kind not in PER_KECAMATAN:
                raise UserFacingError(msg("Kecamatan hanya dipilih untuk laporan harian dan rekap bulanan; laporan "
                                          "ini mencakup seluruh stok stasiun."), code="report_kecamatan")
            if kecamatan not in station.served:
                raise UserFacingError(msg("Kecamatan {code} tidak dilayani stasiun ini (yang dilayani: {served}).",
                                          code=kecamatan, served=", ".join(station.served)), code="report_kecamatan")
        return replace(request, day=day, kecamatan=kecamatan)


def _kecamatan_code(text: str) -> str:
    """36.74.06 or 367406."""
    try:
        return dotted(text.strip())
    except ValueError:
        raise UserFacingError(msg("Kode kecamatan {code} tidak sah; tulis seperti 36.74.06.", code=text),
                              code="report_kecamatan") from None

