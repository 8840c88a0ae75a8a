"""The blanko ledger window (Supervisor > Buku blanko…): the balance, the list fetched a page at a time,
the filters, a serial traced and back; screenshots at 1366x768 and 1920x1080 with no label cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.services import audit
from desktop.store.models import Approval, BlankoMovement
from desktop.ui.pages.ledger.actions import DestroyDialog, SpoilDialog
from desktop.ui.pages.ledger.page import PAGE_ROWS, LedgerWindow
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.fixtures import destroy_spoiled, write_off
from tests.helpers.screenshots import clipped_labels, save_screenshot

WITNESSES = [("Ani Lestari", "198001012005012001"), ("Budi Santoso", "197905052003121002")]


def test_the_ledger_lists_filters_fetches_as_it_scrolls_and_traces_a_serial(qtbot, station_with_sim):
    st = station_with_sim
    sid = st.services.stations.require().id
    st.services.stock.receive(st.supervisor, sid, 200, "BA-2026-002", requested=300)
    for _ in range(130):
        write_off(st, sid, "chip_failed")
    write_off(st, sid, "damaged", serial="BLK-0000200")
    destroy_spoiled(st, sid, WITNESSES, serials=["BLK-0000200"])
    window = open_window(qtbot, st)
    log_in(qtbot, window, "supervisor", "supervisor123")
    window.menus.actions["ledger"].trigger()
    qtbot.waitUntil(lambda: window.findChild(LedgerWindow, "ledgerWindow") is not None, timeout=WAIT_MS)
    ledger = window.findChild(LedgerWindow, "ledgerWindow")
    qtbot.waitUntil(lambda: ledger.model.rowCount() == PAGE_ROWS, timeout=WAIT_MS)
    assert ledger.model.total == 2 + 131 + 1
    assert ledger.heading.text() == "134 pergerakan, terbaru di atas"
    assert ledger.balance.text().startswith("Diterima 210, dipindahkan keluar 0, tercetak 0, rusak 131 "
                                            "(dimusnahkan 1, menunggu dimusnahkan 130); di stok 79")
    assert ledger.balance.text().endswith("Buku blanko seimbang.")
    first = [ledger.model.index(0, c).data() for c in range(6)]
    assert first[1:5] == ["dimusnahkan", "BLK-0000200", "", "supervisor"]
    assert "Ani Lestari (198001012005012001)" in first[5]

    ledger.table.scrollToBottom()  # the view asks for the next page
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 134, timeout=WAIT_MS)
    assert ledger.model.index(133, 2).data() == "10 blanko (BA-2026-001)"

    ledger.reason.setCurrentIndex(ledger.reason.findData("damaged"))
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1, timeout=WAIT_MS)
    assert ledger.model.index(0, 3).data() == "rusak fisik"
    ledger.reason.setCurrentIndex(0)
    ledger.kind.setCurrentIndex(ledger.kind.findData("receipt"))
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 2, timeout=WAIT_MS)
    assert "diminta 300" in ledger.model.index(0, 5).data()

    for size in ((1366, 768), (1920, 1080)):
        window.resize(*size)
        ledger.resize(min(1100, size[0] - 80), min(560, size[1] - 120))
        qtbot.waitUntil(lambda: ledger.isVisible(), timeout=WAIT_MS)
        save_screenshot(ledger, f"ledger-{size[0]}x{size[1]}")
        assert clipped_labels(ledger) == [], size

    ledger.serial.setText("blk-0000200")
    qtbot.keyClick(ledger.serial, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ledger.back_button.isVisible() and ledger.model.rowCount() == 3, timeout=WAIT_MS)
    assert [ledger.model.index(r, 1).data() for r in range(3)] == ["diterima", "rusak", "dimusnahkan"]
    assert ledger.heading.text() == "Riwayat blanko BLK-0000200, dari penerimaan sampai akhirnya"
    assert not ledger.kind.isEnabled()
    ledger.back_button.click()
    qtbot.waitUntil(lambda: not ledger.back_button.isVisible(), timeout=WAIT_MS)
    ledger.serial.clear()
    ledger.kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: ledger.model.total == 134, timeout=WAIT_MS)
    ledger.close()


def test_an_operator_has_no_ledger(qtbot, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    assert not window.menus.actions["ledger"].isEnabled()


def _approver(dialog, name: str, password: str) -> None:
    dialog.approver.name.setText(name)
    dialog.approver.password.setText(password)


def _screenshots(qtbot, window, dialog, name: str) -> None:
    """The dialog over the main window at 1366x768 (artefacts), every label whole."""
    window.resize(1366, 768)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    save_screenshot(dialog, f"{name}-1366x768")
    assert clipped_labels(dialog) == []


def _open_ledger(qtbot, st) -> tuple:
    window = open_window(qtbot, st)
    log_in(qtbot, window, "supervisor", "supervisor123")
    window.menus.actions["ledger"].trigger()
    qtbot.waitUntil(lambda: window.findChild(LedgerWindow, "ledgerWindow") is not None, timeout=WAIT_MS)
    ledger = window.findChild(LedgerWindow, "ledgerWindow")
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1, timeout=WAIT_MS)
    return window, ledger


def test_a_supervisor_writes_off_a_blanko_and_records_its_destruction_before_two_witnesses(qtbot, station_with_sim,
                                                                                         told):
    st = station_with_sim
    window, ledger = _open_ledger(qtbot, st)
    ledger.spoil_button.click()
    qtbot.waitUntil(lambda: ledger.findChild(SpoilDialog, "spoilDialog") is not None, timeout=WAIT_MS)
    spoil = ledger.findChild(SpoilDialog, "spoilDialog")
    spoil.reason.setCurrentIndex(spoil.reason.findData("chip_failed"))
    spoil.serial.setText("BLK-0000099")
    _screenshots(qtbot, window, spoil, "ledger-spoil")
    # Four eyes: not the supervisor themself, not an operator.
    for name, password, refusal in (
            ("supervisor", "supervisor123", "supervisor tidak dapat menyetujui permintaannya sendiri"),
            ("operator", "operator123", "yang dapat menyetujui: supervisor atau admin")):
        _approver(spoil, name, password)
        spoil.buttons.accepted.emit()
        qtbot.waitUntil(lambda: spoil.error.isVisible(), timeout=WAIT_MS)
        assert refusal in spoil.error.text() and spoil.approver.password.text() == ""
    _approver(spoil, "admin", "admin12345")
    spoil.buttons.accepted.emit()
    qtbot.waitUntil(lambda: spoil.error.text().startswith("Blanko BLK"), timeout=WAIT_MS)
    assert spoil.error.text() == "Blanko BLK-0000099 tidak ada di stok stasiun ini."
    assert Approval.select().count() == 0  # the refused write-off left no approval behind
    spoil.serial.setText("BLK-0000004")
    _approver(spoil, "admin", "admin12345")
    spoil.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not spoil.isVisible(), timeout=WAIT_MS)
    assert "Blanko BLK-0000004 dicatat rusak; menunggu pemusnahan." in told.texts()
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 2, timeout=WAIT_MS)  # reloaded after the change
    assert ledger.model.index(0, 3).data() == "chip atau encoding gagal"
    approval = Approval.get(Approval.kind == "write_off")
    assert BlankoMovement.get(BlankoMovement.kind == "spoil").approval_id == approval.id
    entry = audit.recent(1, action="approval.write_off")[0]
    assert (entry.details["asker"], entry.details["approver"]) == ("supervisor", "admin")

    ledger.destroy_button.click()
    qtbot.waitUntil(lambda: ledger.findChild(DestroyDialog, "destroyDialog") is not None, timeout=WAIT_MS)
    destroy = ledger.findChild(DestroyDialog, "destroyDialog")
    assert "1 blanko rusak dimusnahkan (dibakar atau dipotong) di hadapan saksi: BLK-0000004" in \
        destroy.findChild(QLabel, "destroySummary").text()
    (name1, nip1), (name2, nip2) = destroy.witnesses
    qtbot.keyClicks(name1, "Ani Lestari")
    qtbot.keyClicks(nip1, "198001012005012001")
    qtbot.keyClicks(name2, "Budi Santoso")
    qtbot.keyClicks(nip2, "1979050520")  # a NIP cut short
    _approver(destroy, "admin", "admin12345")
    _screenshots(qtbot, window, destroy, "ledger-destroy")
    destroy.buttons.accepted.emit()
    qtbot.waitUntil(lambda: destroy.error.isVisible(), timeout=WAIT_MS)
    assert "NIP 18 angka" in destroy.error.text() and name1.text() == "Ani Lestari"
    nip2.clear()
    qtbot.keyClicks(nip2, "197905052003121002")
    _approver(destroy, "admin", "admin12345")
    destroy.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not destroy.isVisible(), timeout=WAIT_MS)
    assert "1 blanko rusak dicatat dimusnahkan." in told.texts()
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 3, timeout=WAIT_MS)
    assert "menunggu dimusnahkan 0" in ledger.balance.text()
    destruction = Approval.get(Approval.kind == "destruction")
    assert BlankoMovement.get(BlankoMovement.kind == "destroy").approval_id == destruction.id
    ledger.destroy_button.click()
    qtbot.waitUntil(lambda: "Tidak ada blanko rusak yang menunggu dimusnahkan." in told.texts(), timeout=WAIT_MS)
    ledger.close()


def test_the_screen_lock_closes_the_ledger_and_the_next_user_gets_their_own(qtbot, station_with_sim):
    window, ledger = _open_ledger(qtbot, station_with_sim)
    ledger.kind.setCurrentIndex(ledger.kind.findData("spoil"))
    window.screen_lock.lock()
    assert not ledger.isVisible()  # nothing of the supervisor's above the lock page
    lock = window.screen_lock.page
    qtbot.keyClicks(lock.password, "supervisor123")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    window.menus.actions["ledger"].trigger()
    qtbot.waitUntil(ledger.isVisible, timeout=WAIT_MS)
    assert window.findChild(LedgerWindow, "ledgerWindow") is ledger and ledger.kind.currentData() == "spoil"
    ledger.close()
    window.logout()
    log_in(qtbot, window, "admin", "admin12345")
    window.menus.actions["ledger"].trigger()
    qtbot.waitUntil(lambda: window.findChild(LedgerWindow, "ledgerWindow") not in (None, ledger), timeout=WAIT_MS)
    fresh = window.findChild(LedgerWindow, "ledgerWindow")
    assert fresh.user.username == "admin" and fresh.kind.currentData() == ""
    fresh.close()
