"""Four eyes at the counter: the operator asks for a reprint, a supervisor approves at the same PC."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.issuance import PrintRequest
from desktop.store.models import Approval
from desktop.ui.message import Level
from tests.gui.test_counter import _ok, counter, focused, press, scan
from tests.gui.test_operator_day import WAIT_MS
from tests.helpers.dialogs import when_dialog
from tests.helpers.fixtures import PAMULANG, add_resident

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


def _printed_this_morning(station) -> str:
    nik = add_resident(name="SITI RAHMAWATI")
    issuance = station.services.issuance
    ticket = issuance.prepare(station.operator, PrintRequest(nik, **LOST), "sim://earlier")
    issuance.complete(station.operator, ticket)
    return nik


def test_operator_asks_for_a_reprint_and_a_supervisor_approves_it(qtbot, station_with_sim, told, expect_message):
    station = station_with_sim
    nik = _printed_this_morning(station)
    window = counter(qtbot, station)
    page = window.counter_page
    scan(qtbot, page, nik)
    qtbot.waitUntil(page.reprint_button.isVisible, timeout=WAIT_MS)
    assert "sudah dicetak hari ini" in page.blockers.text() and not page.print_button.isEnabled()
    seen: dict[str, object] = {}

    def drive(dialog) -> None:
        # Keyboard first: cause, approver, password, then OK; the operator's own name is refused.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
        seen["focus"] = focused()
        dialog.cause.setCurrentIndex(dialog.cause.findData("damaged"))
        press(Qt.Key.Key_Tab)
        seen["after_tab"] = focused()
        qtbot.keyClicks(dialog.approver.name, "operator")
        qtbot.keyClicks(dialog.approver.password, "operator123")
        _ok(dialog)
        qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
        seen["own"] = dialog.error.text()
        seen["password_kept"] = dialog.approver.password.text()
        dialog.approver.name.clear()
        qtbot.keyClicks(dialog.approver.name, "supervisor")
        qtbot.keyClicks(dialog.approver.password, "supervisor123")
        dialog.approver.password.setFocus()
        press(Qt.Key.Key_Return)

    when_dialog("reprintDialog", drive)
    page.reprint_button.click()
    qtbot.waitUntil(lambda: told.saw("Cetak ulang disetujui"), timeout=WAIT_MS)
    assert (seen["focus"], seen["after_tab"]) == ("reprintCause", "approverName")
    assert "tidak dapat menyetujui permintaannya sendiri" in str(seen["own"])
    assert seen["password_kept"] == ""  # a refused password is not left in the field
    assert told.texts(Level.INFO)[-1].startswith("Cetak ulang disetujui oleh Budi Supervisor. Blanko BLK-0000001 "
                                                 "dicatat rusak")
    qtbot.waitUntil(lambda: not page.reprint_button.isVisible(), timeout=WAIT_MS)
    assert "sudah dicetak hari ini" not in page.blockers.text()
    approval = Approval.get()
    assert (approval.asker.username, approval.approver.username) == ("operator", "supervisor")
    assert station.services.quota.state(PAMULANG).used == 0
