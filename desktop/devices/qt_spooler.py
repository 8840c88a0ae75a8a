"""The spooler path through Qt's QPrinter: Windows' print queues (and any system without libcups).

The card raster is painted on a page of exactly the card's size plus the bleed, with zero margins,
over the whole page, and the vendor driver does the rest. Qt's Windows engine applies only a paper the
driver lists, so the page is the driver's own paper that is the card within 0.3 mm in either
orientation, with the orientation set to make it the card's shape (desktop/devices/windows_spooler.py
chooses) and the result checked. A queue whose driver has no such paper is refused when the printer is
opened, before anything is printed. The page goes out under a unique document name (`KTP-el <job
prefix>`); on Windows the station then follows that job in the spooler (desktop/devices/windows_job.py)
until its outcome, and cancelling the card deletes it. Elsewhere (no libcups) Qt does not tell which
queue job it created, so the outcome is "issued" once the driver has taken the job (docs/spooler.md).

`QtSpoolerPrinter.pdf_path` paints the same page into a PDF file instead, which is how the tests see
what a Windows driver would get. QPrinter needs a QGuiApplication (made here for the command line);
painting may run on the printer's own thread. No QtWidgets here.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.devices.base import (
    CardJob,
    Fault,
    PrinterError,
    PrinterIdentity,
    PrinterState,
    PrinterStatus,
    PrintProgress,
    ProgressCallback,
)
from desktop.devices.spooler import SpoolerPrinter, not_found, page_size_mm, spooler_uri
from desktop.devices.windows_job import WindowsQueueJob
from desktop.devices.windows_spooler import (
    PAGE_TOLERANCE_MM,
    Paper,
    choose_page,
    is_virtual_printer,
    page_matches,
    printer_problem,
)
from desktop.domain.card import CARD_DPI, CardRaster
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.qtapp import ensure_gui_app

log = logging.getLogger("ktp.devices")

_QUEUE_STATES = {
    QPrinter.PrinterState.Idle: PrinterState.READY,
    QPrinter.PrinterState.Active: PrinterState.PRINTING,
    QPrinter.PrinterState.Aborted: PrinterState.ATTENTION,
    QPrinter.PrinterState.Error: PrinterState.ATTENTION,
}


def card_page_layout(bleed_mm: float = 0.0) -> QPageLayout:
    """The card (plus the bleed) as a page, landscape as drawn, no margins."""
    width, height = page_size_mm(bleed_mm)
    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter, "CR80" if not bleed_mm else "CR80 bleed",
                     QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def driver_page_layout(info: QPrinterInfo, bleed_mm: float = 0.0) -> QPageLayout:
    """The driver's own paper that holds the card (plus the bleed), turned to the card's shape, no margins;
    UserFacingError when the driver lists none."""
    offered = [(Paper(size.name(), mm.width(), mm.height(), size.windowsId()), size)
               for size in info.supportedPageSizes() for mm in [size.size(QPageSize.Unit.Millimeter)]]
    choice = choose_page([paper for paper, _ in offered], bleed_mm)
    if choice is None:
        width, height = page_size_mm(bleed_mm)
        raise UserFacingError(
            msg("Driver printer {name} tidak punya ukuran kertas {width} x {height} mm (kartu, tegak atau "
                "mendatar); pilih atau tambahkan ukuran kartu CR80 di pengaturan driver.",
                name=info.printerName(), width=f"{width:.2f}", height=f"{height:.2f}"),
            code="printer_page",
        )
    size = next(size for paper, size in offered if paper == choice.paper)
    orientation = QPageLayout.Orientation.Landscape if choice.landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def _windows_printers() -> dict:
    """Windows' own view of its printers (port, status bits, jobs waiting), which Qt does not give;
    nothing elsewhere, or when the spooler does not answer."""
    from desktop import platform as system

    if not system.WINDOWS:
        return {}
    from desktop.devices import winspool_api

    try:
        return {printer.name: printer for printer in winspool_api.printers()}
    except OSError as exc:
        log.warning("the Windows spooler did not list its printers: %s", exc)
        return {}


def _virtual(info: QPrinterInfo, printers: dict) -> bool:
    """Windows' own file and fax printers, by port or by driver (Qt's make and model is the driver's name)."""
    windows = printers.get(info.printerName())
    return is_virtual_printer(windows.port if windows else "", info.makeAndModel())


def _status(info: QPrinterInfo, printers: dict) -> PrinterStatus:
    if info.isNull():
        return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, "no such printer queue")
    windows = printers.get(info.printerName())
    if windows is not None:  # Qt reads a paused or offline Windows printer as idle
        problem = printer_problem(windows.status, windows.attributes, windows.jobs)
        if problem:
            return PrinterStatus(PrinterState.ATTENTION, Fault.QUEUE_WAITING, problem)
    state = _QUEUE_STATES.get(info.state(), PrinterState.UNKNOWN)
    return PrinterStatus(state, None, f"queue {info.state().name.lower()}")  # the queue names no fault


def _image(raster: CardRaster) -> QImage:
    image = QImage(raster.rgb, raster.width, raster.height, raster.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: the raster's bytes may go away


class QtSpoolerPrinter(SpoolerPrinter):
    """A card printer behind a print queue that Qt reaches (Windows), or a PDF file (`pdf_path`)."""

    def __init__(self, name: str, *, pdf_path: str | None = None, **options) -> None:
        super().__init__(name, **options)
        self.pdf_path = pdf_path

    @staticmethod
    def queues() -> list[tuple[str, str, PrinterStatus]]:
        ensure_gui_app()
        result = []
        printers = _windows_printers()
        for info in QPrinterInfo.availablePrinters():
            if _virtual(info, printers):
                continue  # Microsoft Print to PDF, XPS, OneNote, Fax: never a card printer
            description = info.makeAndModel() or info.description() or info.printerName()
            result.append((spooler_uri(info.printerName()), description, _status(info, printers)))
        return result

    def open(self) -> None:
        ensure_gui_app()
        if self.pdf_path is None:
            info = QPrinterInfo.printerInfo(self.name)
            if info.isNull():
                raise not_found(self.uri)
            if _virtual(info, _windows_printers()):
                raise UserFacingError(msg("{name} adalah printer virtual Windows (berkas PDF/XPS, OneNote atau "
                                          "faks), bukan printer kartu.", name=self.name), code="printer_virtual")
            driver_page_layout(info, self.bleed)  # a driver without the card's page: refused now, not at a citizen

    def close(self) -> None:
        pass

    def status(self) -> PrinterStatus:
        if self.pdf_path is not None:
            return PrinterStatus(PrinterState.READY)
        return _status(QPrinterInfo.printerInfo(self.name), _windows_printers())

    def identity(self) -> PrinterIdentity:
        model = "PDF" if self.pdf_path is not None else (
            QPrinterInfo.printerInfo(self.name).makeAndModel() or self.name)
        return PrinterIdentity(model=model, serial=self.name, firmware="")

    def _print_sides(self, job: CardJob, sides: list[CardRaster], progress: ProgressCallback) -> None:
        ensure_gui_app()
        status = self.status()
        if status.state in (PrinterState.ATTENTION, PrinterState.DISCONNECTED):
            # Nothing is sent while the printer cannot print (paused, offline, another job first): the
            # blanko stays where it is.
            raise PrinterError(status.fault or Fault.QUEUE_WAITING, status.detail, card_consumed=False)
        images = [_image(side) for side in sides]
        document = f"KTP-el {job.job_id[:8]}"
        qp = self._qprinter(document)
        painter = QPainter()
        if not painter.begin(qp):
            raise PrinterError(Fault.DISCONNECTED, f"the print queue {self.name!r} refused the job",
                               card_consumed=False)
        try:
            for index, image in enumerate(images):
                if index:
                    qp.newPage()
                painter.drawImage(qp.paperRect(QPrinter.Unit.DevicePixel), image)
                progress(PrintProgress("sending", (index + 1) / len(images) * 0.9))
        finally:
            finished = painter.end()
        if not finished:
            raise PrinterError(Fault.COMMAND_ERROR, "the print queue did not take the job", card_consumed=False)
        log.info("card handed to the print queue %s", self.uri)
        if self._followed():
            self._follow(WindowsQueueJob(self.name, document, self.clock(), self.start_timeout, self.print_timeout),
                         progress, fraction=0.95)
            return
        progress(PrintProgress("done", 1.0))

    def _followed(self) -> bool:
        """Whether the job can be followed in the queue: Windows' spooler, not a PDF file."""
        from desktop import platform as system

        return system.WINDOWS and self.pdf_path is None

    def _qprinter(self, document: str = "KTP-el") -> QPrinter:
        qp = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.pdf_path is not None:
            qp.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            qp.setOutputFileName(self.pdf_path)
        else:
            qp.setPrinterName(self.name)
        qp.setResolution(CARD_DPI)
        qp.setFullPage(True)
        if self.pdf_path is not None:  # Qt's PDF engine takes any page
            wanted = card_page_layout(self.bleed)
        else:
            try:
                wanted = driver_page_layout(QPrinterInfo.printerInfo(self.name), self.bleed)
            except UserFacingError as exc:
                raise PrinterError(Fault.COMMAND_ERROR, str(exc), card_consumed=False) from exc
        qp.setPageLayout(wanted)
        got = qp.pageLayout().fullRect(QPageLayout.Unit.Millimeter)
        if not page_matches((got.width(), got.height()), self.bleed):
            # The driver would print the card on another page (or turned): scaled or cut. Nothing is sent.
            want = page_size_mm(self.bleed)
            raise PrinterError(
                Fault.COMMAND_ERROR,
                f"the driver of {self.name!r} did not take the {want[0]:.2f} x {want[1]:.2f} mm page "
                f"(got {got.width():.2f} x {got.height():.2f} mm, tolerance {PAGE_TOLERANCE_MM} mm)",
                card_consumed=False,
            )
        qp.setDocName(document)  # the job's own name in the queue
        return qp
