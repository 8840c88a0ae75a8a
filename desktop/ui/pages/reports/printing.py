"""Reports on the office printer (issue 22 item 4): the PDF's own pages, drawn by pdfium at the printer's resolution
(at most 300 dpi), each on a whole A4 sheet (the monthly recap landscape), through Qt's QPrinter.

Only office printers are offered: a queue must take A4, and the station's own card printers (its spooler://
queues) never are. The choice is made in our own small dialog, not Qt's QPrintDialog, whose words are not in the
application's catalogue. Where the print goes through Qt's PDF engine (CUPS queues, a PDF file) the pages' text
is laid under the pictures, invisible, so a PDF made this way can still be searched and read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QMarginsF, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services.reports.pages import page_sizes, render, text_runs
from desktop.ui.operations import Op, QueryOp
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.reports.archive import ReportCopy
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo
    from desktop.ui.operations import Operations

MAX_PRINT_DPI = 300  # a report's small print is sharp at 300 dpi; more only makes the job bigger
MAX_COPIES = 10


@dataclass(frozen=True)
class OfficePrinters:
    offered: list[str]  # queue names, the system's default first
    card_printers: list[str]  # the station's card printer queues, never offered
    no_a4: list[str]  # queues that do not take A4 paper (card printers configured elsewhere, label printers)


def card_queues(station: StationInfo) -> set[str]:
    """The OS queues the station prints cards on (its spooler:// printers)."""
    return {unquote(urlsplit(uri).netloc) for uri in station.printers if uri.startswith("spooler://")}


def office_printers(station: StationInfo) -> OfficePrinters:
    cards = card_queues(station)
    default = QPrinterInfo.defaultPrinterName()
    offered, card_printers, no_a4 = [], [], []
    for info in QPrinterInfo.availablePrinters():
        name = info.printerName()
        if name in cards:
            card_printers.append(name)
        elif not takes_a4(info):
            no_a4.append(name)
        else:
            offered.append(name)
    offered.sort(key=lambda name: (name != default, name.lower()))
    return OfficePrinters(offered, sorted(card_printers), sorted(no_a4))


def takes_a4(info: QPrinterInfo) -> bool:
    sizes = info.supportedPageSizes()
    return not sizes or any(size.id() == QPageSize.PageSizeId.A4 for size in sizes)


def refused(name: str, station: StationInfo) -> UserFacingError | None:
    """Why a queue chosen by name is not used for a report (None: it is an office printer)."""
    if name in card_queues(station):
        return UserFacingError(msg("Printer {name} adalah printer kartu; laporan dicetak di printer kantor (A4).",
                                   name=name), code="report_card_printer")
    return None


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page of `data` on `printer`, each on a whole A4 sheet; the number of pages. May run on a lane."""
    sizes = page_sizes(data)
    width, height = sizes[0]
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0)))
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserFacingError(msg("Printer {name} tidak dapat dipakai sekarang; periksa printernya, lalu coba lagi.",
                                  name=printer.printerName() or printer.outputFileName()), code="report_print")
    try:
        sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        searchable = painter.paintEngine().type() == QPaintEngine.Type.Pdf
        runs = text_runs(data) if searchable else None
        for index in range(len(sizes)):
            if index:
                printer.newPage()
            page = render(data, dpi, range(index, index + 1))[0]
            picture = QImage(page.rgb, page.width, page.height, page.width * 3, QImage.Format.Format_RGB888)
            painter.drawImage(sheet, picture)
            if runs is not None:
                _lay_text(painter, runs[index], sheet.width() / sizes[index][0])
    finally:
        painter.end()
    return len(sizes)


def _lay_text(painter: QPainter, runs, scale: float) -> None:
    """The page's text, fully transparent, where it stands on the picture (points times `scale`)."""
    painter.save()
    painter.setPen(QColor(0, 0, 0, 0))
    for run in runs:
        box = QRectF(QPointF(run.left, run.top) * scale, QPointF(run.right, run.bottom) * scale)
        font = QFont("DejaVu Sans")
        font.setPixelSize(max(1, round(box.height())))
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, run.text)
    painter.restore()


def printer_for(name: str, copies: int) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    printer.setCopyCount(copies)
    printer.setDocName("KTP-el Mandiri")
    return printer


class PrintDialog(QDialog):
    """Choose the office printer and the copies.

    Signals: print_requested(str, int) with the queue's name and the copies (the dialog stays open until the
    owner closes it, so a refusal is shown in it)."""

    print_requested = Signal(str, int)

    def __init__(self, found: OfficePrinters, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("reportPrintDialog")
        self.setWindowTitle(self.tr("Cetak laporan"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.printer = QComboBox(self)
        self.printer.setObjectName("reportPrinter")
        for name in found.offered:
            self.printer.addItem(name, name)
        self.copies = QSpinBox(self)
        self.copies.setObjectName("reportCopies")
        self.copies.setRange(1, MAX_COPIES)
        notes = []
        if not found.offered:
            notes.append(self.tr("Tidak ada printer kantor (A4) di komputer ini; simpan laporan sebagai PDF dan "
                                 "cetak dari komputer lain."))
        if found.card_printers:
            notes.append(self.tr("Printer kartu tidak ditawarkan: %1.").replace("%1", ", ".join(found.card_printers)))
        if found.no_a4:
            notes.append(self.tr("Tanpa kertas A4, tidak ditawarkan: %1.").replace("%1", ", ".join(found.no_a4)))
        self.note = QLabel(" ".join(notes), self)
        self.note.setObjectName("reportPrintNote")
        self.note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("reportPrintError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020")
        self.go = QPushButton(self.tr("Cetak"), self)
        self.go.setObjectName("reportPrintGo")
        self.go.setDefault(True)
        self.go.setEnabled(bool(found.offered))
        cancel = QPushButton(self.tr("Batal"), self)
        form = QFormLayout()
        form.addRow(self.tr("Printer"), self.printer)
        form.addRow(self.tr("Rangkap"), self.copies)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.go)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(520, self.sizeHint().height())
        self.go.clicked.connect(self._go)
        cancel.clicked.connect(self.reject)

    def _go(self) -> None:
        self.error.clear()
        self.go.setEnabled(False)
        self.print_requested.emit(self.printer.currentData(), self.copies.value())

    def failed(self, text: str) -> None:
        self.error.setText(text)
        self.go.setEnabled(True)


class ReportPrinter(QObject):
    """Asks for the office printer, prints a report's PDF on the pdf lane, then records it (`report.printed`).

    Signals: printed(str) with the sentence to show once the job is with the printer's queue."""

    printed = Signal(str)

    def __init__(self, services: Services, ops: Operations, station: StationInfo, user: CurrentUser,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self.ops, self.station, self.user = services, ops, station, user
        self.window = parent
        self.dialog: PrintDialog | None = None

    def ask(self, report: ReportCopy) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = PrintDialog(office_printers(self.station), self.window)
        self.dialog.print_requested.connect(lambda name, copies: self.print_on(report, name, copies))
        self.dialog.open()

    def print_on(self, report: ReportCopy, name: str, copies: int, printer: QPrinter | None = None) -> None:
        """Print `report` on the queue `name` (or on `printer`, set up by the caller: a PDF file)."""
        refusal = refused(name, self.station)
        if refusal is not None:
            self._failed(refusal)
            return
        printer = printer or printer_for(name, copies)
        reports, user, data = self.services.reports, self.user, report.data

        def record(pages: int) -> None:
            Op("report.print", "db", lambda: reports.printed(user, report, name, pages, copies), ()).success(
                lambda _none: self._done(name, pages)).failure(self._failed).run_in(self.ops, self)

        QueryOp("pdf", lambda: print_pdf(data, printer)).success(record).failure(self._failed).run_in(self.ops)

    def _done(self, name: str, pages: int) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.printed.emit(self.tr("Laporan dikirim ke printer %1 (%2 halaman).").replace("%1", name).replace(
            "%2", str(pages)))

    def _failed(self, exc: BaseException) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.failed(error_text(exc))
        else:
            self.printed.emit(error_text(exc))
