"""`spooler://NAME`: a card printer reached through the operating system's print queue.

For printers that only have a vendor driver (Zebra ZXP, Fargo, Windows-only Evolis drivers) or whose
USB interface belongs to WinUSB-less Windows: the card raster is painted with Qt's QPrinter on a
page of exactly 85.60 x 53.98 mm with zero margins, and the vendor driver does the rest. The
spooler tells little back, so the status is the queue's state and `card_consumed` is unknown: a
failure while handing the job over is reported as not consumed.

`spooler://NAME?pdf=PATH` paints the same page into a PDF file instead (each card replaces the file),
which is how the tests see what a driver would get. QPrinter needs a Qt application object; the
painting itself may run on the printer's own thread (QPainter on a QPrinter is thread-safe to use
off the GUI thread). No QtWidgets here.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.devices.base import (
    CardJob,
    Fault,
    Printer,
    PrinterError,
    PrinterIdentity,
    PrinterState,
    PrinterStatus,
    PrintProgress,
    ProgressCallback,
)
from desktop.devices.panels import raster_array
from desktop.domain.card import CARD_DPI, CARD_HEIGHT_MM, CARD_WIDTH_MM, CardRaster
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.devices")

_QUEUE_STATES = {
    QPrinter.PrinterState.Idle: PrinterState.READY,
    QPrinter.PrinterState.Active: PrinterState.PRINTING,
    QPrinter.PrinterState.Aborted: PrinterState.ATTENTION,
    QPrinter.PrinterState.Error: PrinterState.ATTENTION,
}


def card_page_layout() -> QPageLayout:
    """The card as a page: 85.60 x 53.98 mm, landscape as drawn, no margins."""
    size = QPageSize(
        QSizeF(CARD_WIDTH_MM, CARD_HEIGHT_MM),
        QPageSize.Unit.Millimeter,
        "CR80",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter
    )


def spooler_uri(name: str) -> str:
    return f"spooler://{quote(name, safe='')}"


def _queue_status(info: QPrinterInfo) -> PrinterStatus:
    if info.isNull():
        return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, "no such printer queue")
    state = _QUEUE_STATES.get(info.state(), PrinterState.UNKNOWN)
    return PrinterStatus(state, None, f"queue {info.state().name.lower()}")  # the queue names no fault


def list_spooler_printers() -> list[tuple[str, str, PrinterStatus]]:
    """(uri, description, status) of every OS printer queue."""
    result = []
    for info in QPrinterInfo.availablePrinters():
        description = info.makeAndModel() or info.description() or info.printerName()
        result.append((spooler_uri(info.printerName()), f"{description} (spooler)", _queue_status(info)))
    return result


def _image(raster: CardRaster) -> QImage:
    raster_array(raster)  # refuses anything but a 1011 x 638 card
    image = QImage(raster.rgb, raster.width, raster.height, raster.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: the raster's bytes may go away


class SpoolerPrinter(Printer):
    def __init__(self, name: str, *, uri: str | None = None, pdf_path: str | None = None) -> None:
        self.name = name
        self.uri = uri or spooler_uri(name)
        self.pdf_path = pdf_path
        self._cards = 0

    def _info(self) -> QPrinterInfo:
        return QPrinterInfo.printerInfo(self.name)

    def open(self) -> None:
        if QCoreApplication.instance() is None:
            raise RuntimeError("spooler printers need a Qt application object (QGuiApplication) first")
        if self.pdf_path is None and self._info().isNull():
            raise UserFacingError(
                f"Printer '{self.uri}' tidak ditemukan di sistem. Periksa nama printer di pengaturan sistem operasi.",
                code="printer_not_found",
            )

    def close(self) -> None:
        pass

    def status(self) -> PrinterStatus:
        if self.pdf_path is not None:
            return PrinterStatus(PrinterState.READY)
        return _queue_status(self._info())

    def identity(self) -> PrinterIdentity:
        model = "PDF" if self.pdf_path is not None else (self._info().makeAndModel() or self.name)
        return PrinterIdentity(model=model, serial=self.name, firmware="")

    def counters(self) -> dict[str, int]:
        return {"cards_printed": self._cards}

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.pdf_path is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(self.pdf_path)
        else:
            printer.setPrinterName(self.name)
        printer.setResolution(CARD_DPI)
        printer.setFullPage(True)
        if not printer.setPageLayout(card_page_layout()):
            log.warning("%s did not take the card page size", self.uri)
        printer.setDocName("KTP-el")
        return printer

    def print_card(self, job: CardJob, progress: ProgressCallback | None = None) -> None:
        if job.encode_chip:
            raise PrinterError(Fault.COMMAND_ERROR, "the spooler cannot encode the chip", card_consumed=False)
        sides = [_image(job.front)] + ([_image(job.back)] if job.back is not None else [])
        printer = self._printer()
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterError(
                Fault.DISCONNECTED, f"the print queue {self.name!r} refused the job", card_consumed=False
            )
        try:
            for index, image in enumerate(sides):
                if index:
                    printer.newPage()
                painter.drawImage(printer.paperRect(QPrinter.Unit.DevicePixel), image)
                if progress:
                    progress(PrintProgress("sending", (index + 1) / len(sides) * 0.9))
        finally:
            finished = painter.end()
        if not finished:
            raise PrinterError(
                Fault.COMMAND_ERROR, "the print queue did not take the job", card_consumed=False
            )
        self._cards += 1
        log.info("card handed to the print queue %s", self.uri)
        if progress:
            progress(PrintProgress("done", 1.0))
