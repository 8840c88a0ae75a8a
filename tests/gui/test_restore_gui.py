"""A supervisor is asked at log-in to accept a restored database (what is missing is shown; the answer
is audited) and can do it from the Supervisor menu; an operator is not asked. Then the blanko at hand
are counted (the dialog after the accept)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from desktop.services import audit, restore_count
from desktop.services.head_mark import FILENAME
from desktop.store.models import Blanko
from desktop.ui.pages.supervisor.blanko_count import BlankoCountDialog
from desktop.ui.pages.supervisor.restore import RestoreQuestion
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.dialogs import answer_dialog


def test_a_supervisor_accepts_a_rolled_back_database_at_log_in(qtbot, sim_station, told):
    head = audit.head()
    # The head file says the station had reached 40 entries more than the database now holds.
    (sim_station.services.data_dir / FILENAME).write_text(f"{head.seq + 40}:{'a' * 64}\n")
    window = open_window(qtbot, sim_station)
    log_in(qtbot, window)
    assert window.findChild(RestoreQuestion, "restoreQuestion") is None  # an operator is not asked

    answer_dialog("logoutDialog", "Keluar", [])
    window.logout()
    log_in(qtbot, window, "supervisor", "supervisor123")
    qtbot.waitUntil(lambda: window.findChild(RestoreQuestion, "restoreQuestion") is not None, timeout=WAIT_MS)
    question = window.findChild(RestoreQuestion, "restoreQuestion")
    assert question.text().startswith("Database stasiun mundur: catatan terakhirnya sampai entri audit ")
    assert f"#{head.seq + 40}, database hanya sampai" in question.text() and "hitung sisa blanko fisik" in question.informativeText()
    question.accept_button.click()
    # Accepted: the head file follows the database again, and the answer is on record.
    qtbot.waitUntil(lambda: sim_station.services.head_mark.rollback() is None, timeout=WAIT_MS)
    entry = audit.recent(1, action="audit.restore_accepted")[0]
    assert entry.username == "supervisor" and entry.details["marked_seq"] == head.seq + 40

    # Then the blanko at hand are counted before the first print: the first serial in stock is not there.
    qtbot.waitUntil(lambda: window.findChild(BlankoCountDialog, "blankoCountDialog") is not None, timeout=WAIT_MS)
    dialog = window.findChild(BlankoCountDialog, "blankoCountDialog")
    station_id = sim_station.services.stations.require().id
    stock = restore_count.in_stock(station_id)
    assert dialog.present.toPlainText() == restore_count.ranges_text(stock)
    dialog.present.setPlainText(f"{stock[0]}  BLK-9999999")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # a serial not in stock: said in the dialog
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT_MS)
    assert "BLK-9999999" in dialog.error.text() and restore_count.due(sim_station.services.db)
    dialog.present.setPlainText(restore_count.ranges_text(stock[1:]))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: told.saw("Hitungan blanko dicatat"), timeout=WAIT_MS)
    assert not dialog.isVisible() and not restore_count.due(sim_station.services.db)
    assert "1 blanko tidak ditemukan" in told.texts()[-1] and stock[0] in told.texts()[-1]
    assert Blanko.get(Blanko.serial == stock[0]).state == "spoiled"
    assert audit.recent(1, action="blanko.counted_after_restore")[0].username == "supervisor"
