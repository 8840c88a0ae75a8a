"""An admin adds the station's printers from the printer page and takes them off; nobody else can.

The printer added is a real CUPS queue (tests/helpers/cups_server.py): what an office with a Fargo
behind the Windows or CUPS print queue sets up.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.errors import UserFacingError
from desktop.services.issuance import PrintRequest
from desktop.store.models import AuditLog, IssuedCard, PrinterConfig
from desktop.ui.pages.printers.setup import AddPrinterDialog
from tests.gui.test_operator_day import WAIT_MS, fill_print_form, open_window
from tests.helpers.dialogs import answer_dialog
from tests.helpers.fixtures import add_resident, make_station
from tests.helpers.pages import page_bench


def log_in(qtbot, window, username: str, password: str) -> None:
    """As tests.gui.test_operator_day.log_in, for a station that may have no printer at all."""
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    qtbot.keyClicks(window.login_page.username, username)
    qtbot.keyClicks(window.login_page.password, password)
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)


def open_printers_page(qtbot, window):
    from desktop.ui.pages.printers.page import printer_dialog

    dialog = printer_dialog(window.page_context())
    dialog.show()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    return dialog


def choices(window) -> dict[str, str]:
    """The verify page's printer choice: URI -> the name shown."""
    combo = window.counter_page.printer_choice
    return {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}


def found_row(qtbot, add: AddPrinterDialog, uri: str) -> int:
    qtbot.waitUntil(lambda: uri in [p.uri for p in add.model.rows], timeout=WAIT_MS)
    return [p.uri for p in add.model.rows].index(uri)


def audited(action: str) -> list[dict]:
    return [json.loads(e.details) for e in AuditLog.select().where(AuditLog.action == action)]


def test_admin_adds_a_print_queue_prints_on_it_and_removes_it(qtbot, tmp_path, cups_queues):
    station = make_station(tmp_path)  # no printer configured, none on USB here
    nik = add_resident()
    window = open_window(qtbot, station)
    log_in(qtbot, window, "admin", "admin12345")
    assert choices(window) == {}
    dialog = open_printers_page(qtbot, window)
    assert dialog.rule.text().startswith("Belum ada printer terdaftar: stasiun memakai printer kartu USB")

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    add = dialog.findChild(AddPrinterDialog)
    assert add.isVisible() and add.windowTitle() == "Tambah printer"
    row = found_row(qtbot, add, "spooler://kartu")
    model = add.model
    assert model.data(model.index(row, 0)) == "Antrean printer sistem operasi"
    assert model.data(model.index(row, 1)) == "KTP-el test card printer kartu"
    add.grab().save(str(tmp_path / "add-printer.png"))

    # An office's A4 queue is refused at once, before any citizen waits for a card.
    add.table.selectRow(found_row(qtbot, add, "spooler://a4"))
    assert add.name.text() == "a4"
    qtbot.keyClick(add.name, Qt.Key.Key_Return)
    qtbot.waitUntil(add.error.isVisible, timeout=WAIT_MS)
    assert "tidak punya ukuran kertas kartu" in add.error.text()
    assert choices(window) == {}

    add.table.selectRow(row)
    assert add.name.text() == "kartu"  # the queue's own name, replacing the one filled in before
    add.name.clear()
    qtbot.keyClicks(add.name, "Fargo loket 1")
    qtbot.keyClick(add.name, Qt.Key.Key_Return)  # Enter adds

    # Without restarting: the verify page, the header and the printer page all have it.
    qtbot.waitUntil(lambda: choices(window) == {"spooler://kartu": "Fargo loket 1"}, timeout=WAIT_MS)
    assert not any(d.isVisible() for d in dialog.findChildren(AddPrinterDialog))  # closed once added
    assert dialog.message.text() == "Printer Fargo loket 1 ditambahkan ke stasiun."
    assert dialog.model.data(dialog.model.index(0, 0)) == "Fargo loket 1"
    assert dialog.rule.text().startswith("Stasiun hanya memakai printer yang terdaftar")
    window.printers.refresh()
    qtbot.waitUntil(lambda: window.header.printer.text().count("Siap") == 1, timeout=WAIT_MS)
    assert "Fargo loket 1" in window.header.printer.text()
    assert audited("printer.add")[-1]["uri"] == "spooler://kartu"
    window.grab().save(str(tmp_path / "after-add.png"))
    dialog.grab().save(str(tmp_path / "printer-page.png"))

    dialog.hide()
    fill_print_form(qtbot, window, nik)
    page = window.counter_page
    qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: IssuedCard.select().count() == 1, timeout=WAIT_MS)
    assert IssuedCard.get().printer_uri == "spooler://kartu"
    assert cups_queues.output("kartu").exists()
    qtbot.waitUntil(lambda: not page.printing, timeout=WAIT_MS)

    dialog.show()
    dialog.table.selectRow(0)
    seen: list[str] = []
    answer_dialog("confirmRemovePrinter", "Hapus", seen)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: choices(window) == {}, timeout=WAIT_MS)
    assert seen[0].startswith("Hapus printer Fargo loket 1 dari stasiun ini?")
    assert dialog.message.text() == "Printer Fargo loket 1 dihapus dari stasiun."
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()
    assert "Fargo loket 1" not in window.header.printer.text()
    assert not PrinterConfig.get(PrinterConfig.uri == "spooler://kartu").active
    assert audited("printer.remove")[-1]["uri"] == "spooler://kartu"
    assert IssuedCard.get().printer_uri == "spooler://kartu"  # the card printed on it stays on the books
    station.services.close()


def test_a_printer_with_an_unfinished_job_is_not_removed(qtbot, tmp_path, sim_uri):
    station = make_station(tmp_path, printers=[sim_uri])
    services = station.services
    nik = add_resident()
    # The application stopped mid-card: the job waits for a supervisor to say what came out.
    job = services.issuance.prepare(station.operator, PrintRequest(nik, "baru", frozenset({"kk"})), sim_uri)
    services.issuance.set_state(job.job_id, "printing")
    window = open_window(qtbot, station)
    answer_dialog("recoveryDialog", "Putuskan nanti", [])
    log_in(qtbot, window, "admin", "admin12345")
    dialog = open_printers_page(qtbot, window)
    dialog.table.selectRow(0)
    answer_dialog("confirmRemovePrinter", "Hapus", [])
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=WAIT_MS)
    name = f"Printer simulasi {sim_uri.removeprefix('sim://')}"
    assert dialog.message.text() == (
        f"Printer {sim_uri} masih punya pekerjaan cetak yang belum selesai; tunggu sampai selesai atau minta "
        "supervisor menyatakan hasilnya, lalu hapus lagi.")
    assert choices(window) == {sim_uri: name}
    assert PrinterConfig.get(PrinterConfig.uri == sim_uri).active
    assert audited("printer.remove") == []
    services.close()


@pytest.mark.parametrize("username", ["operator", "supervisor"])
def test_operators_and_supervisors_cannot_add_or_remove_printers(qtbot, tmp_path, sim_uri, username):
    station = make_station(tmp_path, printers=[sim_uri])
    bench = page_bench(qtbot, station, getattr(station, username))
    assert bench.user_may("printers")  # they still see the printers' state
    dialog = open_printers_page(qtbot, bench)
    buttons = {b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()}
    assert "Segarkan" in buttons
    assert "Tambah printer…" not in buttons and "Hapus dari stasiun" not in buttons
    assert dialog.setup is None
    dialog.close()
    with pytest.raises(UserFacingError):  # nor through the service the page would call
        station.services.stations.remove_printer(getattr(station, username), sim_uri)
    station.services.close()


def test_the_plugged_in_usb_printer_is_used_until_a_printer_is_registered(qtbot, tmp_path, cups_queues, monkeypatch):
    from desktop.devices import usb as usb_driver
    from desktop.devices.sim_usb import backend_for
    from desktop.devices.simulator import forget_simulators, get_simulator
    from tests.helpers.usb_fake import unique_sim_name

    plugged = get_simulator(unique_sim_name())  # an Evolis on (fake) USB, found by the real pyusb listing
    monkeypatch.setattr(usb_driver, "default_backend", lambda: backend_for(plugged))
    usb = f"usb://0F49:0A00/{plugged.serial}"
    station = make_station(tmp_path)
    window = open_window(qtbot, station)
    log_in(qtbot, window, "admin", "admin12345")
    assert list(choices(window)) == [usb]  # nothing registered: the printer plugged in is used
    dialog = open_printers_page(qtbot, window)
    assert dialog.selected_uri() == usb and not dialog.remove_button.isEnabled()  # not the station's to remove

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    add = dialog.findChild(AddPrinterDialog)
    row = found_row(qtbot, add, usb)
    assert add.model.data(add.model.index(row, 0)) == "Printer kartu USB"
    add.table.selectRow(row)
    assert add.name.text() == add.model.rows[row].model and add.name.text().startswith("Evolis")
    assert not add.bleed.isEnabled()  # a bleed is for print queues only
    add.table.selectRow(found_row(qtbot, add, "spooler://kartu"))
    qtbot.keyClick(add.name, Qt.Key.Key_Return)
    # A printer is registered: from now on only registered printers are used, not the one plugged in.
    qtbot.waitUntil(lambda: list(choices(window)) == ["spooler://kartu"], timeout=WAIT_MS)
    assert dialog.rule.text().startswith("Stasiun hanya memakai printer yang terdaftar")

    dialog.table.selectRow(0)
    answer_dialog("confirmRemovePrinter", "Hapus", [])
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: list(choices(window)) == [usb], timeout=WAIT_MS)  # none registered again
    assert dialog.rule.text().startswith("Belum ada printer terdaftar")
    station.services.close()
    forget_simulators()


def test_a_retransfer_printer_queue_is_added_with_its_bleed(qtbot, tmp_path, cups_queues):
    station = make_station(tmp_path)
    window = open_window(qtbot, station)
    log_in(qtbot, window, "admin", "admin12345")
    dialog = open_printers_page(qtbot, window)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    add = dialog.findChild(AddPrinterDialog)
    add.table.selectRow(found_row(qtbot, add, "spooler://kartu"))
    assert add.bleed.isEnabled()
    add.bleed.setValue(1.0)
    qtbot.keyClick(add.name, Qt.Key.Key_Return)
    qtbot.waitUntil(add.error.isVisible, timeout=WAIT_MS)  # its driver has only the plain card page
    assert "tidak punya ukuran kertas kartu 87,60 x 55,98 mm" in add.error.text()
    add.table.selectRow(found_row(qtbot, add, "spooler://kartu-bleed"))
    qtbot.keyClick(add.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: choices(window) == {"spooler://kartu-bleed?bleed=1": "kartu-bleed"}, timeout=WAIT_MS)
    window.printers.refresh()
    qtbot.waitUntil(lambda: "kartu-bleed <b style='color:#0b6b2b'>Siap" in window.header.printer.text(),
                    timeout=WAIT_MS)
    station.services.close()
