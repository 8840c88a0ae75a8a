"""The queue ticket through Qt's QPrinter (Windows' print queues, or any system without libcups): the ticket's
PDF page drawn by pdfium at the printer's resolution (at most 300 dpi) on a page of the PDF's own size, no
margins, for the receipt printer's driver. Windows' own view of the printer (desktop/devices/winspool_api.py)
is read first: a paused or offline printer, or one out of paper, gets nothing and the caller shows the
number on screen. Done is "the driver took the page": a ticket is printed in a moment, and Windows tells no
more without following the job (which a card needs and a ticket does not). No QtWidgets here.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.domain.text import msg
from desktop.qtapp import ensure_gui_app

log = logging.getLogger("ktp.devices")

MAX_DPI = 300


def _windows_problem(name: str) -> str | None:
    """Why Windows says the printer cannot print now, for the operator; None when it may (or elsewhere)."""
    from desktop.devices.qt_spooler import _windows_printers
    from desktop.devices.windows_spooler import PRINTER_PAPER_OUT, printer_problem

    windows = _windows_printers().get(name)
    if windows is None:
        return None
    if windows.status & PRINTER_PAPER_OUT:
        return msg("Kertas printer karcis habis; isi gulungan kertas baru.")
    problem = printer_problem(windows.status, windows.attributes, 0)  # a queue with jobs still takes a ticket
    if problem:
        return msg("Printer karcis '{name}' tidak siap ({problem}).", name=name, problem=problem)
    return None


def qt_print(name: str, pdf: bytes, pdf_path: str | None = None) -> str | None:
    """Print the ticket's one-page PDF on the queue `name` (or into `pdf_path`); None when the driver took it."""
    from desktop.services.reports.pages import page_sizes, render

    ensure_gui_app()
    if pdf_path is None:
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            return msg("Antrean printer karcis '{name}' tidak ada di sistem.", name=name)
        problem = _windows_problem(name)
        if problem:
            return problem
    width_pt, height_pt = page_sizes(pdf)[0]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if pdf_path is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(pdf_path)
    else:
        printer.setPrinterName(name)
    printer.setFullPage(True)
    size = QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point, "Karcis", QPageSize.SizeMatchPolicy.ExactMatch)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    printer.setDocName("Karcis antrian")
    dpi = min(printer.resolution(), MAX_DPI)
    page = render(pdf, dpi)[0]
    image = QImage(page.rgb, page.width, page.height, page.width * 3, QImage.Format.Format_RGB888).copy()
    painter = QPainter()
    if not painter.begin(printer):
        return msg("Antrean printer karcis '{name}' menolak karcis.", name=name)
    try:
        painter.drawImage(QRectF(printer.paperRect(QPrinter.Unit.DevicePixel)), image)
    finally:
        finished = painter.end()
    if not finished:
        return msg("Antrean printer karcis '{name}' tidak menerima karcis.", name=name)
    log.info("ticket handed to the print queue %s", name)
    return None
