"""A Fargo-style printer behind an OS print queue, used from the GUI like any other printer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.store.models import Blanko, IssuedCard
from tests.gui.test_operator_day import WAIT_MS, fill_print_form, log_in, open_window
from tests.helpers.fixtures import add_resident, make_station


def test_the_operator_prints_on_a_spooler_queue_and_sees_its_outcome(qtbot, tmp_path, cups_queues, expect_message,
                                                                     expect_log):
    expect_log("failed: queue_failed")
    told = expect_message("Antrean printer sistem operasi menghentikan pekerjaan")  # the bar, and the page
    station = make_station(tmp_path, printers=["spooler://kartu", "spooler://putus"])
    first, second = add_resident(), add_resident(serial=2)
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: len(window.printers.statuses) == 2, timeout=WAIT_MS)
    assert window.header.printer.text().count("Siap") == 2  # both queues idle and holding a card page
    page = window.counter_page

    fill_print_form(qtbot, window, first)
    page.printer_choice.setCurrentIndex(page.printer_choice.findData("spooler://kartu"))
    qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: IssuedCard.select().count() == 1, timeout=WAIT_MS)
    assert IssuedCard.get().printer_uri == "spooler://kartu"
    assert cups_queues.output("kartu").exists()

    # The queue aborts the next job after it started: nobody knows whether a card came out.
    fill_print_form(qtbot, window, second)
    page.printer_choice.setCurrentIndex(page.printer_choice.findData("spooler://putus"))
    qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tidak pasti" in page.result.text(), timeout=WAIT_MS)
    assert page.result.text().startswith("Antrean printer sistem operasi menghentikan pekerjaan") and told.seen()
    window.grab().save(str(tmp_path / "spooler.png"))
    assert IssuedCard.select().count() == 1
    assert Blanko.get(Blanko.serial == "BLK-0000002").state == "reserved"  # held for the supervisor
    station.services.close()


def test_a_queue_paused_while_the_card_prints_is_shown_at_once_with_the_choice(qtbot, tmp_path, cups_queues,
                                                                                expect_message, expect_log):
    """Issue 24 item 7: not "Mencetak 60%" until the 300 s time-out, but "antrian printer dijeda" within
    seconds, with "Tunggu" and "Batalkan kartu"."""
    import subprocess

    expect_log("failed: queue_cancelled")
    told = expect_message("Pekerjaan dibatalkan di antrean printer setelah mulai dicetak")
    station = make_station(tmp_path, printers=["spooler://macet"])  # its driver never finishes a card
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: "Siap" in window.header.printer.text(), timeout=WAIT_MS)
    page = window.counter_page
    fill_print_form(qtbot, window, add_resident())
    qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    row = page.queue.index(0, 2)
    qtbot.waitUntil(lambda: "Mencetak" in page.queue.data(row), timeout=WAIT_MS)
    subprocess.run(["cupsdisable", "macet"], check=True, capture_output=True)
    try:
        qtbot.waitUntil(lambda: "queueWaitDialog" in page.queue_waits.dialogs.get(1, page).objectName(),
                        timeout=10_000)  # within 10 s of the pause
        dialog = page.queue_waits.dialogs[1]
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        assert dialog.text() == "Printer macet: antrian printer dijeda."
        assert [b.text() for b in dialog.buttons()] == ["Tunggu", "Batalkan kartu"]
        assert page.queue.data(row) == "Menunggu: antrian printer dijeda"
        window.grab().save(str(tmp_path / "queue-paused.png"))
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "tidak pasti" in page.result.text(), timeout=WAIT_MS)
    finally:
        subprocess.run(["cupsenable", "macet"], check=True, capture_output=True)
    assert told.seen() and not page.queue_waits.dialogs
    # It had started printing: nobody knows whether a card came out; the blanko waits for a supervisor.
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == "reserved"
    station.services.close()
