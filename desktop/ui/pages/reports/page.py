"""The reports window (Supervisor > Laporan…, window-modal): pick a report, its day (or month) and kecamatan; on
"Pratinjau" it is made on the database lane and its PDF shown page by page (pdf_view.py); printed on an office printer
(printing.py) or saved as PDF or CSV where the supervisor says (written 0600); each save or print is an audit entry
and lands in the archive (archive.py). The file is typed, not picked in Qt's file dialog: its own words are not in
the application's catalogue. The paper itself is in Bahasa Indonesia whatever the window's language: it is
an official document of the office.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.reports import KIND_LABELS, KINDS, MONTHLY, PER_KECAMATAN, MadeReport, ReportRequest
from desktop.ui.dialogs import open_kept
from desktop.ui.fit import resize_within_window
from desktop.ui.operations import Op, QueryOp
from desktop.ui.pages.reports.pdf_view import PdfPagesView
from desktop.ui.pages.reports.printing import ReportPrinter
from desktop.ui.pages.reports.target import follow_name, typed_target
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo
    from desktop.ui.operations import Operations
    from desktop.ui.shell.context import PageContext


def open_reports(ctx: PageContext) -> None:
    if ctx.station is None or ctx.user is None:
        return
    # Opened again, an earlier preview may be out of date: it is cleared.
    station, user = ctx.station, ctx.user
    open_kept(ctx.parent, ReportsWindow, "reportsWindow", user.id,
              lambda: ReportsWindow(ctx.services, ctx.ops, station, user, ctx.parent), ReportsWindow.clear_preview)


class ReportsWindow(QDialog):
    """Make, preview and save one report at a time."""

    def __init__(self, services: Services, ops: Operations, station: StationInfo, user: CurrentUser,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("reportsWindow")
        self.setWindowTitle(self.tr("Laporan"))
        self.services, self.ops, self.station, self.user = services, ops, station, user
        self.made: MadeReport | None = None
        self.kind = QComboBox(self)
        self.kind.setObjectName("reportKind")
        for kind in KINDS:
            self.kind.addItem(tr_message(KIND_LABELS[kind]), kind)
        today = services.clock.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setObjectName("reportDay")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.kecamatan = QComboBox(self)
        self.kecamatan.setObjectName("reportKecamatan")
        for code in station.served:
            self.kecamatan.addItem(f"{services.regions.name(code) or code} ({code})", code)
        self.preview_button = QPushButton(self.tr("Pratinjau"), self)
        self.preview_button.setObjectName("reportPreviewButton")
        self.preview_button.setDefault(True)
        self.preview = PdfPagesView(ops, self)
        self.preview.setObjectName("reportPreview")
        self.printer = ReportPrinter(services, ops, station, user, self)
        self.print_button = QPushButton(self.tr("Cetak…"), self)
        self.print_button.setObjectName("reportPrint")
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.setToolTip(self.tr("Cetak di printer kantor (Ctrl+P)"))
        self.path = QLineEdit(self)
        self.path.setObjectName("reportPath")
        self.path.setPlaceholderText(self.tr("Berkas tujuan"))
        self.save_pdf = QPushButton(self.tr("Simpan PDF"), self)
        self.save_pdf.setObjectName("reportSavePdf")
        self.save_csv = QPushButton(self.tr("Simpan CSV"), self)
        self.save_csv.setObjectName("reportSaveCsv")
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        close = QPushButton(self.tr("Tutup"), self)
        form = QFormLayout()
        form.addRow(self.tr("Laporan"), self.kind)
        form.addRow(self.tr("Tanggal"), self.day)
        form.addRow(self.tr("Kecamatan"), self.kecamatan)
        form.addRow("", self.preview_button)
        target = QHBoxLayout()
        target.addWidget(self.path, 1)
        target.addWidget(self.save_pdf)
        target.addWidget(self.save_csv)
        target.addWidget(self.print_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addLayout(target)
        layout.addLayout(bottom)
        resize_within_window(self, 900, 640)
        # A report is made when asked for (Pratinjau, or a save): choosing is free, and nothing waits on
        # the database lane meanwhile.
        self.kind.currentIndexChanged.connect(self.clear_preview)
        self.day.dateChanged.connect(self.clear_preview)
        self.kecamatan.currentIndexChanged.connect(self.clear_preview)
        self.preview_button.clicked.connect(self.reload)
        self.save_pdf.clicked.connect(lambda: self.save(as_csv=False))
        self.save_csv.clicked.connect(lambda: self.save(as_csv=True))
        self.print_button.clicked.connect(self.print_report)
        self.printer.printed.connect(self.status.setText)
        close.clicked.connect(self.close)
        self.clear_preview()

    def request(self, as_csv: bool = False) -> ReportRequest:
        kind = self.kind.currentData()
        day = self.day.date().toPython()
        return ReportRequest(kind, day.replace(day=1) if kind == MONTHLY else day,
                             self.kecamatan.currentData() if kind in PER_KECAMATAN else None, as_csv)

    def clear_preview(self, *_args) -> None:
        self.kecamatan.setEnabled(self.kind.currentData() in PER_KECAMATAN)
        self.made = None
        self.preview.clear()
        self.print_button.setEnabled(False)
        self.status.clear()
        follow_name(self.path, self.request().file_name())

    def reload(self, *_args) -> None:
        """Make the chosen report and show its pages."""
        request, reports, user, station = self.request(), self.services.reports, self.user, self.station
        QueryOp("db", lambda: reports.make(user, station, request)).success(
            lambda made: self._made(request, made)).failure(self._failed).run_in(self.ops)

    def _made(self, request: ReportRequest, made: MadeReport) -> None:
        if request != self.request():
            return  # the choice changed meanwhile: its own load follows
        self.made = made
        self.preview.show_pdf(made.data)
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("SEMENTARA: hari ini belum selesai, angkanya masih dapat berubah.")
                            if made.provisional else "")

    def _failed(self, exc: BaseException) -> None:
        self.made = None
        self.preview.clear()
        self.print_button.setEnabled(False)
        self.status.setText(error_text(exc))

    def print_report(self) -> None:
        """The report previewed, on an office printer (the one seen is the one printed)."""
        if self.made is not None:
            self.printer.ask(self.made.copy())

    def save(self, as_csv: bool) -> None:
        path = typed_target(self.path, as_csv)
        if path is None:
            return
        request, reports, user, station = self.request(as_csv), self.services.reports, self.user, self.station

        def work() -> Path:
            made = reports.make(user, station, request)
            return reports.save(user, made, path)

        Op("report.save", "db", work, ()).success(self._saved).failure(self._failed).run_in(self.ops, self)

    def _saved(self, path: Path) -> None:
        self.status.setText(self.tr("Laporan disimpan: %1").replace("%1", str(path)))
