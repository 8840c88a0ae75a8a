"""A supervisor is asked at log-in to accept a restored database (what is missing is shown; the answer
is audited) and can do it from the Supervisor menu; an operator is not asked."""

from __future__ import annotations

from desktop.services import audit
from desktop.services.head_mark import FILENAME
from desktop.ui.pages.supervisor.restore import RestoreQuestion
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.dialogs import answer_dialog


def test_a_supervisor_accepts_a_rolled_back_database_at_log_in(qtbot, sim_station):
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
