"""A supervisor calibrates a printer's position on the blanko from the printer page (issue 24 item 1)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from desktop.domain.registration import IDENTITY, corrected
from desktop.render.calibration_card import calibration_marks
from desktop.store.models import AuditLog, Blanko, BlankoMovement, PrinterRegistration
from desktop.ui.pages.printers.calibration import CalibrationDialog
from tests.gui.test_operator_day import WAIT_MS
from tests.helpers.fixtures import make_station
from tests.helpers.pages import page_bench


def _page(qtbot, station, user):
    from desktop.ui.pages.printers.page import printer_dialog

    bench = page_bench(qtbot, station, user)
    dialog = printer_dialog(bench.page_context())
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.model.details) == 1, timeout=WAIT_MS)
    return dialog


def test_supervisor_prints_the_card_on_a_blanko_and_saves_the_readings(qtbot, tmp_path, sim_uri):
    station = make_station(tmp_path, printers=[sim_uri])
    dialog = _page(qtbot, station, station.supervisor)
    calibration = dialog.calibration
    qtbot.waitUntil(lambda: calibration.note.text() != "", timeout=WAIT_MS)
    assert calibration.note.text() == "Posisi cetak printer ini belum dikalibrasi terhadap blanko."

    qtbot.mouseClick(calibration.button, Qt.MouseButton.LeftButton)
    form = dialog.findChild(CalibrationDialog)
    assert form.isVisible()
    qtbot.mouseClick(form.on_blanko, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "dicatat rusak" in form.outcome.text(), timeout=WAIT_MS)
    [spoiled] = BlankoMovement.select().where(BlankoMovement.kind == "spoil")
    assert spoiled.reason == "calibration" and spoiled.blanko.serial in form.outcome.text()
    assert Blanko.select().where(Blanko.state == "in_stock").count() == 9

    for box, value in zip(form.readings, (6, 10, -2, 4), strict=True):
        box.setValue(value)
    qtbot.mouseClick(form.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    expected = corrected(IDENTITY, calibration_marks().axes, (6, 10, -2, 4))
    row = PrinterRegistration.get()
    assert (row.offset_x, row.offset_y, row.scale_x, row.scale_y) == (
        expected.offset_x, expected.offset_y, expected.scale_x, expected.scale_y)
    assert calibration.note.text().startswith(f"Posisi cetak: geser x {expected.offset_x:+d}")
    [entry] = AuditLog.select().where(AuditLog.action == "printer.registration")
    after = json.loads(entry.details)["after"]
    assert {key: float(value) for key, value in after.items()} == expected.to_dict()

    # Back from repair with another serial: the page asks for calibration again.
    PrinterRegistration.update(serial="OLD-SERIAL").execute()
    dialog.close()
    again = _page(qtbot, station, station.supervisor)
    qtbot.waitUntil(lambda: again.calibration.note.text() != "", timeout=WAIT_MS)
    assert again.calibration.note.text().startswith("Nomor seri printer ini berubah sejak dikalibrasi")
    qtbot.mouseClick(again.calibration.button, Qt.MouseButton.LeftButton)
    form = again.findChild(CalibrationDialog)
    qtbot.mouseClick(form.on_white, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.outcome.text() == "Kartu kalibrasi tercetak pada kartu putih.", timeout=WAIT_MS)
    assert BlankoMovement.select().where(BlankoMovement.kind == "spoil").count() == 1
    form.reject()


def test_an_operator_sees_no_calibration(qtbot, tmp_path, sim_uri):
    station = make_station(tmp_path, printers=[sim_uri])
    dialog = _page(qtbot, station, station.operator)
    assert dialog.calibration is None
    assert dialog.findChild(type(dialog), "calibratePrinter") is None


def test_the_counter_preview_follows_the_printer_chosen_after_the_check(qtbot, tmp_path):
    """The preview is what the chosen printer will receive: choosing another printer after the check draws
    it again with that printer's registration (it kept the first printer's before)."""
    import uuid

    from desktop.domain.registration import Registration
    from tests.gui.test_counter import counter_alone, scan
    from tests.helpers.fixtures import add_resident

    plain, shifted = (f"sim://reg-{name}-{uuid.uuid4().hex[:6]}" for name in ("a", "b"))
    station = make_station(tmp_path, printers=[plain, shifted])
    station.services.registrations.save(station.supervisor, shifted, None, None, Registration(20, 0, 1.0, 1.0))
    nik = add_resident(serial=1)
    page = counter_alone(qtbot, station).counter_page
    page.printer_choice.setCurrentIndex(page.printer_choice.findData(plain))
    page.nik_edit.setFocus()
    scan(qtbot, page, nik)
    qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
    drawn_for_plain = page.preview.image

    page.printer_choice.setCurrentIndex(page.printer_choice.findData(shifted))
    qtbot.waitUntil(lambda: page.preview.image is not drawn_for_plain, timeout=WAIT_MS)
    assert page.preview.image != drawn_for_plain  # the personal layer moved 20 dots
    page.printer_choice.setCurrentIndex(page.printer_choice.findData(plain))
    qtbot.waitUntil(lambda: page.preview.image == drawn_for_plain, timeout=WAIT_MS)
