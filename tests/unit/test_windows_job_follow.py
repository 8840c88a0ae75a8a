"""The Windows print path followed in the spooler (issue 21): a card goes through the real print path
(the station's issuance, Qt painting the page for the driver) with the Windows flag forced, and a fake
winspool.drv (tests/helpers/platforms.FakeWinspool: ctypes-shaped functions, real JOB_INFO_1W
structures) plays the job's status bits over an injected clock. Each row of the mapping in
desktop/devices/windows_spooler.py ends in the books as it says: issued, blanko back, or left for a
supervisor; what the operator must know is reported while the job waits."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinter

from desktop.devices import qt_spooler
from desktop.devices.base import Fault, PrinterError
from desktop.devices.qt_spooler import QtSpoolerPrinter
from desktop.devices.windows_spooler import (
    JOB_BLOCKED_DEVQ,
    JOB_COMPLETE,
    JOB_DELETING,
    JOB_ERROR,
    JOB_OFFLINE,
    JOB_PAPEROUT,
    JOB_PAUSED,
    JOB_PRINTED,
    JOB_PRINTING,
    JOB_SPOOLING,
    JOB_USER_INTERVENTION,
    PRINTER_PAUSED,
)
from desktop.errors import UserFacingError
from tests.helpers.platforms import FakeClock, FakeMsvcrt, FakeWinspool, force_platform
from tests.helpers.usb_fake import card_job
from tests.unit.test_windows_print_queues import StandInPrinterInfo

FARGO = "Fargo HDP5000"
LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})
SHOWN_WITHIN_S = 10


class Windows:
    """The forced-Windows print path: a fake spooler, the stand-in Qt printer list, and the card's page
    painted into a PDF where Qt on Windows would hand it to the driver."""

    def __init__(self, monkeypatch, tmp_path) -> None:
        self.clock = FakeClock()
        self.spooler = FakeWinspool(self.clock, [(FARGO, "USB001", "HID FARGO HDP5000 Card Printer", 0)])
        self.spooler.install(monkeypatch)
        force_platform(monkeypatch, "windows")
        FakeMsvcrt().install(monkeypatch)  # the job locks and the journal take their Windows branch too
        monkeypatch.setattr(qt_spooler, "QPrinterInfo", StandInPrinterInfo)
        self.script: list[tuple[float, int | None]] = []
        self.documents: list[str] = []
        self.page = tmp_path / "driver.pdf"
        windows = self

        class DriverStandIn(QPrinter):
            """QPrinter with Qt's PDF engine where Windows' Qt would open the driver (here no such printer
            exists; Qt could otherwise fall back to another queue), and the job arriving in the fake spooler
            under the document name the print path gives it."""

            def setPrinterName(self, name: str) -> None:
                self.queue_name = name
                self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                self.setOutputFileName(str(windows.page))

            def setDocName(self, name: str) -> None:
                super().setDocName(name)
                if hasattr(self, "queue_name"):  # a queue, not a PDF file the path paints into itself
                    windows.documents.append(name)
                    windows.spooler.submit(self.queue_name, name, windows.script)

        monkeypatch.setattr(qt_spooler, "QPrinter", DriverStandIn)

    def printer(self, **options) -> QtSpoolerPrinter:
        printer = QtSpoolerPrinter(FARGO, uri="spooler://Fargo%20HDP5000", **options)
        printer.open()
        printer.clock, printer.sleep = self.clock, self.clock.sleep
        return printer


@pytest.fixture
def windows(monkeypatch, tmp_path, qapp):
    return Windows(monkeypatch, tmp_path)


def _last_job_id() -> str:
    from desktop.store.models import PrintJob

    return PrintJob.select().order_by(PrintJob.created_at.desc()).first().id


def _blanko_of_last_job() -> tuple[str, str]:
    from desktop.store.models import PrintJob

    job = PrintJob.select().order_by(PrintJob.created_at.desc()).first()
    return job.state, job.blanko.state


def _issue(station, printer, progress=None):
    from desktop.services.issuance import PrintRequest
    from tests.helpers.fixtures import add_resident

    return station.services.issuance.print_card(station.operator, PrintRequest(add_resident(), **LOST), printer,
                                                progress=progress)


@pytest.mark.parametrize("script", [
    [(0, JOB_SPOOLING), (2, JOB_PRINTING), (9, None)],  # seen printing, then gone
    [(0, JOB_SPOOLING), (2, JOB_PRINTING), (5, JOB_PRINTED)],  # printed
    [(0, JOB_SPOOLING), (4, JOB_COMPLETE)],  # completed (printing missed between two looks)
], ids=["printing-then-gone", "printed", "completed"])
def test_a_job_seen_printing_then_done_issues_the_card(station, windows, script):
    from desktop.store.models import IssuedCard

    windows.script = script
    seen = []
    result = _issue(station, windows.printer(), seen.append)
    assert IssuedCard.get().blanko.serial == result.blanko_serial
    assert _blanko_of_last_job() == ("done", "issued")
    assert windows.documents == [f"KTP-el {_last_job_id()[:8]}"]  # the card's unique document name
    assert [s.step for s in seen][-2:] == ["printing", "done"] and seen[-1].extra["queue_job"] == 42
    assert windows.page.exists() and not windows.spooler.deleted


def test_a_job_deleted_in_the_windows_queue_before_it_printed_puts_the_blanko_back(station, windows):
    from desktop.services.issuance import PrintFailed

    windows.script = [(0, JOB_SPOOLING), (3, JOB_DELETING), (4, None)]  # someone deleted it in the queue window
    with pytest.raises(PrintFailed) as failed:
        _issue(station, windows.printer())
    assert (failed.value.fault, failed.value.card_consumed) == (Fault.QUEUE_CANCELLED, False)
    assert "kembali ke stok" in str(failed.value)
    assert _blanko_of_last_job() == ("failed", "in_stock")


@pytest.mark.parametrize("script", [
    [(0, JOB_SPOOLING), (2, JOB_PRINTING), (3, JOB_PRINTING | JOB_DELETING), (4, None)],  # deleted while printing
    [(0, JOB_SPOOLING), (3, None)],  # gone without being seen printing
    [(0, JOB_SPOOLING)],  # never starts: past the start time-out
    [(0, JOB_SPOOLING), (2, JOB_PRINTING)],  # never finishes: past the print time-out
], ids=["deleted-while-printing", "gone-unseen", "never-started", "never-finished"])
def test_a_job_whose_card_nobody_can_vouch_for_is_left_to_a_supervisor(station, windows, script):
    windows.script = script
    with pytest.raises(UserFacingError) as uncertain:
        _issue(station, windows.printer())
    assert uncertain.value.code == "print_uncertain" and "tidak pasti" in str(uncertain.value)
    state, blanko = _blanko_of_last_job()
    assert state in ("sending", "printing") and blanko == "reserved"  # held until a supervisor settles it
    stuck = len(script) <= 2 and script[-1][1] is not None
    # A stuck job is deleted, so that it cannot print later, after the supervisor settled the card.
    assert windows.spooler.deleted == ([42] if stuck else [])


@pytest.mark.parametrize(("bits", "shown"), [
    (JOB_PAUSED, "antrian printer dijeda"),
    (JOB_ERROR, "printer melaporkan galat"),
    (JOB_OFFLINE, "printer offline"),
    (JOB_PAPEROUT | JOB_PRINTING, "printer kehabisan kartu"),
    (JOB_BLOCKED_DEVQ, "driver printer menahan pekerjaan"),
    (JOB_USER_INTERVENTION, "printer menunggu tindakan petugas"),
])
def test_a_job_needing_the_operator_is_shown_and_still_waits_for_its_card(station, windows, bits, shown):
    windows.script = [(0, JOB_SPOOLING), (5, bits), (60, JOB_PRINTING), (70, None)]
    seen = []
    _issue(station, windows.printer(), lambda p: seen.append((windows.clock() - 1000, p)))
    waiting = [(at, p) for at, p in seen if p.step == "waiting"]
    assert [str(p.extra["shown"]) for _, p in waiting] == [shown]
    assert waiting[0][0] - 5 <= SHOWN_WITHIN_S and waiting[0][1].extra["paused"] is (shown == "antrian printer dijeda")
    after = [p.step for at, p in seen if at > waiting[0][0]]
    assert after == ["printing", "done"]  # the operator was told; the card then printed and was issued
    assert _blanko_of_last_job() == ("done", "issued")


def test_a_printer_paused_in_windows_while_the_card_waits_is_shown(windows):
    windows.script = [(0, JOB_SPOOLING), (30, JOB_PRINTING), (35, JOB_PRINTED)]
    printer, seen = windows.printer(), []

    def progress(update) -> None:
        seen.append(update)
        if update.step == "sending":  # the page is with the driver: someone pauses the printer
            windows.spooler.printers[FARGO][2] = PRINTER_PAUSED

    def sleep(seconds: float) -> None:
        windows.clock.sleep(seconds)
        if windows.clock() >= 1020:
            windows.spooler.printers[FARGO][2] = 0  # and resumes it 20 s later

    printer.sleep = sleep
    printer.print_card(card_job(), progress)
    shown = [s.extra["shown"] for s in seen if s.step == "waiting"]
    assert shown == ["antrian printer dijeda"]
    assert seen[-1].step == "done"


def test_the_operator_cancelling_a_waiting_card_deletes_the_job_and_releases_the_blanko(station, windows):
    from desktop.services.issuance import PrintFailed

    windows.script = [(0, JOB_SPOOLING), (1, JOB_PAUSED)]
    printer = windows.printer()

    def progress(update) -> None:
        if update.step == "waiting":
            printer.cancel()  # "Batalkan kartu" in the dialog that shows the paused queue

    with pytest.raises(PrintFailed) as failed:
        _issue(station, printer, progress)
    assert (failed.value.fault, failed.value.card_consumed) == (Fault.QUEUE_CANCELLED, False)
    assert windows.spooler.deleted == [42]
    assert _blanko_of_last_job() == ("failed", "in_stock")


def test_cancelling_a_card_that_is_printing_leaves_it_to_a_supervisor(windows):
    windows.script = [(0, JOB_PRINTING)]
    printer = windows.printer()
    with pytest.raises(PrinterError) as failed:
        printer.print_card(card_job(), lambda update: printer.cancel() if update.step == "printing" else None)
    assert (failed.value.fault, failed.value.card_consumed) == (Fault.QUEUE_CANCELLED, None)
    assert windows.spooler.deleted == [42]


def test_a_spooler_that_stops_answering_leaves_the_card_to_a_supervisor(windows, monkeypatch):
    from desktop.devices import winspool_api

    windows.script = [(0, JOB_PRINTING)]
    printer = windows.printer()

    def gone(*_args):
        raise OSError("[WinError 1722] The RPC server is unavailable")

    def progress(update) -> None:
        if update.step == "printing":
            monkeypatch.setattr(winspool_api, "job", gone)

    with pytest.raises(PrinterError) as failed:
        printer.print_card(card_job(), progress)
    assert (failed.value.fault, failed.value.card_consumed) == (Fault.QUEUE_FAILED, None)


def test_a_pdf_file_is_not_followed_in_any_queue(windows, tmp_path):
    printer = QtSpoolerPrinter("kartu", pdf_path=str(tmp_path / "card.pdf"))
    printer.open()
    seen = []
    printer.print_card(card_job(), seen.append)
    assert seen[-1].step == "done" and not windows.spooler.jobs  # issued as Qt took it, nothing followed


def test_a_cancel_before_the_job_was_first_read_still_deletes_it(windows):
    windows.script = [(0, JOB_SPOOLING)]
    printer = windows.printer()

    def progress(update) -> None:
        if update.step == "sending":
            printer.cancel()  # pressed while Qt was still handing the page to the driver

    with pytest.raises(PrinterError) as failed:
        printer.print_card(card_job(), progress)
    assert (failed.value.fault, failed.value.card_consumed) == (Fault.QUEUE_CANCELLED, False)
    assert windows.spooler.deleted == [42]
