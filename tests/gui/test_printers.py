"""Several printers at one station: status in the header, next ready printer, switching after a fault."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.store.models import Blanko, IssuedCard
from tests.gui.test_operator_day import WAIT_MS, fill_print_form, log_in, open_window
from tests.helpers.dialogs import answer_dialog, when_dialog
from tests.helpers.fixtures import add_resident, make_station
from tests.helpers.pages import page_bench
from tests.helpers.usb_fake import confirm_readings


@pytest.fixture
def two_printers(tmp_path):
    tag = uuid.uuid4().hex[:6]
    first, second = f"sim://a{tag}", f"sim://b{tag}"
    station = make_station(tmp_path, printers=[first, second])
    yield station, first, second
    station.services.close()
    forget_simulators()


def ready_to_print(qtbot, window, nik: str) -> None:
    fill_print_form(qtbot, window, nik)
    qtbot.waitUntil(window.counter_page.print_button.isEnabled, timeout=WAIT_MS)


def test_header_shows_every_printer(qtbot, two_printers):
    station, first, second = two_printers
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: len(window.printers.statuses) == 2, timeout=WAIT_MS)
    text = window.header.printer.text()
    # Printers are shown by name, not by URI.
    assert f"Printer simulasi {first.removeprefix('sim://')}" in text
    assert f"Printer simulasi {second.removeprefix('sim://')}" in text
    assert "sim://" not in text
    assert text.count("Siap") == 2


def test_the_printers_report_for_the_regency_carries_the_ribbon_each_printer_tells(qtbot, two_printers):
    """What the next sync round sends to the regency panel: each printer's state and the ribbon left as
    the printer itself answered it (read once it is ready, again after each card)."""
    station, first, second = two_printers
    get_simulator(first.removeprefix("sim://")).ribbon_cards_left = 37
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: all(p["ribbon_left"] is not None for p in window.printers.report()), timeout=WAIT_MS)
    report = {p["name"]: p for p in window.printers.report()}
    simulated = get_simulator(second.removeprefix("sim://")).ribbon_cards_left
    assert report[f"Printer simulasi {first.removeprefix('sim://')}"] == {
        "name": f"Printer simulasi {first.removeprefix('sim://')}", "state": "ready", "ribbon_left": 37}
    assert report[f"Printer simulasi {second.removeprefix('sim://')}"]["ribbon_left"] == simulated
    assert station.services.sync._printers_seen == window.printers.report()  # noted for the round


def test_failed_job_is_sent_to_the_other_printer(qtbot, two_printers, expect_log):
    station, first, second = two_printers
    confirm_readings(station.services.data_dir, first)  # "ERR CARD" confirmed: the jam spoils the blanko
    for logged in ("NACK T", ": jam"):  # the printer's answer, the job's outcome
        expect_log(logged)
    nik = add_resident()
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: len(window.printers.statuses) == 2, timeout=WAIT_MS)
    get_simulator(first.removeprefix("sim://")).set_faults("jam")
    ready_to_print(qtbot, window, nik)
    page = window.counter_page
    page.printer_choice.setCurrentIndex(page.printer_choice.findData(first))
    seen: list[str] = []
    answer_dialog("faultDialog", f"Cetak di Printer simulasi {second.removeprefix('sim://')}", seen)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: IssuedCard.select().count() == 1, timeout=WAIT_MS)
    assert "Coba lagi" in seen[0]
    card = IssuedCard.get()
    assert card.printer_uri == second
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == "spoiled"
    assert card.blanko.serial == "BLK-0000002"
    qtbot.waitUntil(lambda: page.queue.rows[0].state == "done", timeout=WAIT_MS)
    assert page.queue.rows[0].printer == f"Printer simulasi {second.removeprefix('sim://')}"


def test_next_citizen_prints_on_the_second_printer_while_the_first_is_busy(qtbot, tmp_path):
    tag = uuid.uuid4().hex[:6]
    slow, other = f"sim://slow{tag}?delay=3", f"sim://other{tag}"
    station = make_station(tmp_path, printers=[slow, other])
    first, second = add_resident(serial=1), add_resident(serial=2, name="BUDI SANTOSO", sex="L")
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: len(window.printers.statuses) == 2, timeout=WAIT_MS)
    page = window.counter_page
    ready_to_print(qtbot, window, first)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert window.printers.is_busy(slow)
    ready_to_print(qtbot, window, second)  # the page is free for the next citizen at once
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: IssuedCard.select().count() == 2 and not page.printing, timeout=WAIT_MS)
    printers = dict(IssuedCard.select(IssuedCard.nik, IssuedCard.printer_uri).tuples())
    assert printers == {first: slow.split("?")[0], second: other}
    station.services.close()
    forget_simulators()


def test_printers_page_shows_identity_counters_and_simulated_faults(qtbot, two_printers):
    from desktop.ui.pages.printers.page import PrinterDialog, printer_dialog

    station, first, second = two_printers
    get_simulator(first.removeprefix("sim://"), model="quantum")  # a model whose cover has a sensor
    bench = page_bench(qtbot, station)
    dialog = printer_dialog(bench.page_context())  # what the menu entry opens (modal there)
    assert isinstance(dialog, PrinterDialog) and bench.user_may("printers")
    dialog.show()
    model = dialog.model
    qtbot.waitUntil(lambda: len(model.details) == 2, timeout=WAIT_MS)

    def cell(row: int, column: int) -> str:
        return model.data(model.index(row, column))

    assert cell(0, 0) == f"Printer simulasi {first.removeprefix('sim://')}"
    assert cell(1, 0) == f"Printer simulasi {second.removeprefix('sim://')}"
    assert cell(0, 1) == "Siap"
    assert "Evolis" in cell(0, 2)
    assert cell(0, 3) == f"SIM-{first.removeprefix('sim://')}"
    assert cell(0, 5) == "0"
    assert int(cell(0, 6)) > 0

    dialog.table.selectRow(0)
    dialog.fault.setCurrentIndex(dialog.fault.findData("cover_open"))
    qtbot.mouseClick(dialog.inject, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(0, 1).startswith("Perlu perhatian"), timeout=WAIT_MS)
    qtbot.mouseClick(dialog.clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(0, 1) == "Siap", timeout=WAIT_MS)


def supervisor_with_silent_printers(qtbot, station, monkeypatch):
    """The main window with a supervisor logged in, on printers that fall silent mid-card (the outcome of
    the print is uncertain: the supervisor's question follows)."""
    from desktop.devices.base import Fault, PrinterError, PrintProgress
    from desktop.devices.usb import UsbEvolisPrinter

    window = open_window(qtbot, station)
    log_in(qtbot, window, "supervisor", "supervisor123")
    qtbot.waitUntil(lambda: len(window.printers.statuses) == 2, timeout=WAIT_MS)

    def silent(self, job, progress=None):
        progress(PrintProgress("printing", 0.9))
        raise PrinterError(Fault.NO_REPLY, "no reply to Se", card_consumed=None)

    monkeypatch.setattr(UsbEvolisPrinter, "print_card", silent)
    return window


def test_uncertain_print_is_settled_by_the_supervisor_at_once(qtbot, two_printers, monkeypatch, expect_message,
                                                              expect_log):
    expect_log("failed: no_reply")
    told = expect_message("hasilnya tidak pasti")  # in the bar, and it stays on the counter page
    station, _first, _second = two_printers
    nik = add_resident()
    window = supervisor_with_silent_printers(qtbot, station, monkeypatch)
    seen: list[str] = []
    answer_dialog("recoveryDialog", "Kartu bagus", seen)
    ready_to_print(qtbot, window, nik)
    page = window.counter_page
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: IssuedCard.select().count() == 1, timeout=WAIT_MS)
    assert "tidak pasti" in page.result.text() and told.seen()
    assert nik in seen[0] and "tidak pasti" in seen[0] and "Aplikasi tertutup" not in seen[0]
    assert page.queue.data(page.queue.index(0, page.queue.columnCount() - 1)).startswith("Hasil tidak pasti")
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == "issued"


def test_the_unfinished_job_question_is_asked_once_at_a_time_and_not_after_log_out(qtbot, two_printers, monkeypatch,
                                                                                   expect_message, expect_log):
    """A second check coming back while the question is open (a busy PC: job changes come in bursts) does
    not stack a second question on it; one coming back after the log-out asks nobody."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    expect_log("failed: no_reply")
    expect_message("hasilnya tidak pasti")
    station, _first, _second = two_printers
    nik = add_resident()
    window = supervisor_with_silent_printers(qtbot, station, monkeypatch)

    def questions() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets() if w.objectName() == "recoveryDialog" and w.isVisible()]

    open_at_once: list[int] = []

    def close_all() -> None:
        open_at_once.append(len(questions()))
        for box in questions():
            box.escapeButton().click()  # "decide later": the job stays for the next question

    def ask_again(_box) -> None:
        jobs = station.services.jobs.left_behind(window.state.station.id)
        QTimer.singleShot(0, lambda: window.recovery.ask(jobs))
        QTimer.singleShot(300, close_all)

    when_dialog("recoveryDialog", ask_again)
    ready_to_print(qtbot, window, nik)
    qtbot.mouseClick(window.counter_page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(open_at_once), timeout=WAIT_MS)
    assert open_at_once == [1]
    qtbot.waitUntil(lambda: not questions(), timeout=WAIT_MS)

    jobs = station.services.jobs.left_behind(window.state.station.id)
    assert jobs  # the job is still waiting for a supervisor
    window.state.user = None  # logged out while a check was still out
    QTimer.singleShot(300, close_all)
    window.recovery.ask(jobs)
    qtbot.waitUntil(lambda: len(open_at_once) == 2, timeout=WAIT_MS)
    assert open_at_once == [1, 0]


def test_every_printer_state_has_its_words():
    from desktop.devices.base import PrinterState
    from desktop.ui.header import PRINTER_STATE_TEXT

    assert set(PRINTER_STATE_TEXT) == {state.value for state in PrinterState}


def test_header_and_status_bar_keep_a_feeder_empty_printer_at_attention_until_it_is_refilled(
        qtbot, tmp_path, expect_log, expect_message):
    """An Evolis reads ready with its feeder empty (the last card's "NO CARD" is only a note): after the
    card failed on it, the header and the status bar still say the printer needs attention, through
    every status read, until a read no longer tells of the empty feeder."""
    uri = f"sim://feed{uuid.uuid4().hex[:6]}"
    station = make_station(tmp_path, printers=[uri])
    expect_log("NACK F")  # the printer's answer, the job's outcome
    expect_log(": no_card")
    expect_message("Blanko di printer habis. Isi feeder dengan blanko.")
    nik = add_resident()
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    printers, page = window.printers, window.counter_page
    qtbot.waitUntil(lambda: uri in printers.statuses, timeout=WAIT_MS)
    simulator = get_simulator(uri.removeprefix("sim://"))
    simulator.set_faults("no_card")
    ready_to_print(qtbot, window, nik)
    seen: list[str] = []
    answer_dialog("faultDialog", "Batal", seen)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen) and page.queue.rows[0].state == "failed", timeout=WAIT_MS)

    def shown() -> tuple[str, str]:
        return window.header.printer.text(), window.statusBar().findChild(QLabel, "statusPrinters").text()

    for _read in range(2):  # two status reads after the failure, each answered "ready" by the printer
        with qtbot.waitSignal(printers.status_changed, timeout=WAIT_MS):
            printers.refresh()
        assert printers.statuses[uri].state.value == "ready"  # what the printer itself says
        assert all("Perlu perhatian" in text and "Siap" not in text for text in shown()), shown()
    simulator.set_faults("")  # refilled
    with qtbot.waitSignal(printers.status_changed, timeout=WAIT_MS):
        printers.refresh()
    assert all("Siap" in text and "Perlu perhatian" not in text for text in shown()), shown()
    station.services.close()
    forget_simulators()


def test_err_card_is_said_as_the_guide_reads_it_printing_module_or_feeder(qapp):
    """`Rlr;p` "ERR CARD": the guide says a card is in the printing module *or* the feeder (issue 24 item 3),
    so the printer page does not tell the supervisor it is inside the printer."""
    from desktop.devices.evolis_session import CARD_INSIDE_REPLY
    from desktop.ui.pages.printers.page import status_notes

    (note,) = status_notes(f"ready; last card: {CARD_INSIDE_REPLY}")
    assert "feeder" in note and "modul cetak" in note and "di dalam printer" not in note


def test_the_counter_form_tells_the_held_attention_and_sends_the_next_card_to_the_other_printer(
        qtbot, two_printers, expect_log, expect_message):
    """The counter's form reads what the header shows (`PrinterController.shown`): after a card failed on
    an empty feeder the printer reads ready again, yet the form says it needs attention (without refusing
    the print: a refilled printer whose note is stale still prints), and "Printer siap berikutnya" sends the
    next card to the other, ready printer."""
    station, first, second = two_printers
    expect_log("NACK F")
    expect_log(": no_card")
    expect_message("Blanko di printer habis. Isi feeder dengan blanko.")
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    printers, page = window.printers, window.counter_page
    qtbot.waitUntil(lambda: first in printers.statuses and second in printers.statuses, timeout=WAIT_MS)
    get_simulator(first.removeprefix("sim://")).set_faults("no_card")
    page.printer_choice.setCurrentIndex(page.printer_choice.findData(first))
    ready_to_print(qtbot, window, add_resident())
    seen: list[str] = []
    answer_dialog("faultDialog", "Batal", seen)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen) and page.queue.rows[0].state == "failed", timeout=WAIT_MS)
    with qtbot.waitSignal(printers.status_changed, timeout=WAIT_MS):
        printers.refresh()
    qtbot.waitUntil(lambda: printers.statuses[first].state.value == "ready", timeout=WAIT_MS)
    printers.refresh()
    qtbot.waitUntil(lambda: "Blanko di printer habis" in page.blockers.text(), timeout=WAIT_MS)
    assert "Printer perlu perhatian" in page.blockers.text()
    assert page.target_printer() == first  # chosen: it still may print there
    page.printer_choice.setCurrentIndex(0)  # "Printer siap berikutnya"
    assert page.target_printer() == second
    assert "perlu perhatian" not in page.blockers.text()
    page.printer_choice.setCurrentIndex(page.printer_choice.findData(first))
    get_simulator(first.removeprefix("sim://")).set_faults("")  # refilled
    with qtbot.waitSignal(printers.status_changed, timeout=WAIT_MS):
        printers.refresh()
    qtbot.waitUntil(lambda: "perlu perhatian" not in page.blockers.text(), timeout=WAIT_MS)
