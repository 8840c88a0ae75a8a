"""The Windows print path (desktop/devices/qt_spooler.py) against print queues as Windows' Qt lists them:
a stand-in for QPrinterInfo with the drivers' own paper sizes (portrait CR80, as card drivers list it),
and Windows' virtual printers; the chosen page set on a real QPrinter (Qt's PDF engine) and checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.devices import qt_spooler, winspool_api
from desktop.devices.base import Fault, PrinterError, PrinterState
from desktop.devices.qt_spooler import QtSpoolerPrinter, driver_page_layout
from desktop.devices.windows_spooler import PRINTER_OFFLINE, PRINTER_PAUSED
from desktop.devices.winspool_api import WindowsPrinter
from desktop.errors import UserFacingError
from tests.helpers.platforms import force_platform


def cr80(width: float = 53.98, height: float = 85.60, name: str = "CR80") -> QPageSize:
    return QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter, name, QPageSize.SizeMatchPolicy.ExactMatch)


class Queue:
    """One Windows printer as QPrinterInfo describes it."""

    def __init__(self, name: str, driver: str, sizes: list[QPageSize]) -> None:
        self.name, self.driver, self.sizes = name, driver, sizes

    def isNull(self) -> bool:
        return False

    def printerName(self) -> str:
        return self.name

    def makeAndModel(self) -> str:
        return self.driver

    def description(self) -> str:
        return self.name

    def state(self):
        return QPrinter.PrinterState.Idle

    def supportedPageSizes(self) -> list[QPageSize]:
        return self.sizes


QUEUES = [
    Queue("Fargo HDP5000", "HID FARGO HDP5000 Card Printer", [QPageSize(QPageSize.PageSizeId.A4), cr80(),
                                                               cr80(55.98, 87.60, "CR80 overlap")]),
    Queue("Kantor A4", "HP LaserJet", [QPageSize(QPageSize.PageSizeId.A4), QPageSize(QPageSize.PageSizeId.Letter)]),
    Queue("Microsoft Print to PDF", "Microsoft Print To PDF", [QPageSize(QPageSize.PageSizeId.A4), cr80()]),
    Queue("OneNote (Desktop)", "Send to Microsoft OneNote 16 Driver", [QPageSize(QPageSize.PageSizeId.A4)]),
]

# What winspool.drv says of the same printers (Qt says neither the port nor a paused state).
WINDOWS_VIEW = [
    WindowsPrinter("Fargo HDP5000", "USB001", "HID FARGO HDP5000 Card Printer", 0, 0, 0),
    WindowsPrinter("Kantor A4", "IP_10.0.0.5", "HP LaserJet", 0, 0, 0),
    WindowsPrinter("Microsoft Print to PDF", "PORTPROMPT:", "Microsoft Print To PDF", 0, 0, 0),
]


class StandInPrinterInfo:
    """QPrinterInfo as Windows' Qt answers it for the queues above."""

    @staticmethod
    def availablePrinters():
        return QUEUES

    @staticmethod
    def printerInfo(name):
        return next((q for q in QUEUES if q.name == name), QPrinterInfo())


@pytest.fixture
def windows_queues(monkeypatch, qapp):
    force_platform(monkeypatch, "windows")
    monkeypatch.setattr(qt_spooler, "QPrinterInfo", StandInPrinterInfo)
    monkeypatch.setattr(winspool_api, "printers", lambda: WINDOWS_VIEW)


def test_windows_virtual_printers_are_not_offered(windows_queues):
    assert [uri for uri, _description, _status in QtSpoolerPrinter.queues()] == [
        "spooler://Fargo%20HDP5000", "spooler://Kantor%20A4"]


@pytest.mark.parametrize(("bleed", "listed"), [(0.0, (53.98, 85.60)), (1.0, (55.98, 87.60))])
def test_the_drivers_portrait_card_paper_is_turned_landscape_and_qt_applies_it(windows_queues, tmp_path, bleed,
                                                                               listed):
    layout = driver_page_layout(QUEUES[0], bleed)
    assert layout.pageSize().size(QPageSize.Unit.Millimeter).toTuple() == pytest.approx(listed)
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    qp = QPrinter(QPrinter.PrinterMode.HighResolution)
    qp.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    qp.setOutputFileName(str(tmp_path / "page.pdf"))
    assert qp.setPageLayout(layout)
    full = qp.pageLayout().fullRect(QPageLayout.Unit.Millimeter)
    assert (full.width(), full.height()) == pytest.approx((listed[1], listed[0]), abs=0.3)


def test_a_queue_without_the_card_paper_is_refused_when_it_is_opened(windows_queues):
    printer = QtSpoolerPrinter("Kantor A4", uri="spooler://Kantor%20A4")
    with pytest.raises(UserFacingError, match=r"Driver printer Kantor A4 tidak punya ukuran kertas 85.60 x 53.98 mm"):
        printer.open()
    QtSpoolerPrinter("Fargo HDP5000", uri="spooler://Fargo%20HDP5000").open()
    with pytest.raises(UserFacingError, match="89.60 x 57.98 mm"):
        QtSpoolerPrinter("Fargo HDP5000", uri="spooler://Fargo%20HDP5000", bleed_mm=2.0).open()


def test_a_virtual_printer_added_by_its_name_is_refused_when_it_is_opened(windows_queues):
    with pytest.raises(UserFacingError, match="printer virtual Windows"):
        QtSpoolerPrinter("Microsoft Print to PDF", uri="spooler://Microsoft%20Print%20to%20PDF").open()


@pytest.mark.parametrize(("status", "jobs", "shown"), [
    (PRINTER_PAUSED, 0, "antrian printer dijeda"),
    (PRINTER_OFFLINE, 0, "printer offline"),
    (0, 1, "1 pekerjaan lain masih di antrian printer"),
])
def test_a_paused_or_offline_printer_or_a_busy_queue_gets_no_card(windows_queues, monkeypatch, status, jobs, shown):
    from tests.helpers.usb_fake import card_job

    fargo = WindowsPrinter("Fargo HDP5000", "USB001", "HID FARGO HDP5000 Card Printer", status, 0, jobs)
    monkeypatch.setattr(winspool_api, "printers", lambda: [fargo])
    printer = QtSpoolerPrinter("Fargo HDP5000", uri="spooler://Fargo%20HDP5000")
    printer.open()
    assert (printer.status().state, printer.status().detail) == (PrinterState.ATTENTION, shown)
    assert [(uri, s.state) for uri, _d, s in QtSpoolerPrinter.queues()] == [
        ("spooler://Fargo%20HDP5000", PrinterState.ATTENTION), ("spooler://Kantor%20A4", PrinterState.READY)]
    with pytest.raises(PrinterError) as refused:
        printer.print_card(card_job(), lambda progress: None)
    assert refused.value.fault is Fault.QUEUE_WAITING and not refused.value.card_consumed
    assert shown in str(refused.value)
