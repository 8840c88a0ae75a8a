"""The supervisor dialogs added lately, at 1366x768 and 1920x1080, as build artefacts (build/screenshots/)
with no label cut off: the reprint approval, the blanko receipt, the write-off and the destruction of the
ledger, settling a job from the office panel, and the blanko count after a restore. (The ledger window
itself: tests/gui/test_ledger_gui.py; the office panel's tabs: tests/gui/test_office_panel_gui.py.)"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.approval_dialog import ReprintDialog
from desktop.ui.dialogs import ReceiveBlankoDialog
from desktop.ui.pages.ledger.actions import DestroyDialog, SpoilDialog
from desktop.ui.pages.supervisor.blanko_count import BlankoCountDialog
from tests.gui.test_office_panel_gui import _day_at_the_office, open_panel
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.dialogs import when_dialog
from tests.helpers.screenshots import clipped_labels, save_screenshot

SIZES = [(1366, 768), (1920, 1080)]


def _shot(qtbot, window, dialog, name: str, size: tuple[int, int]) -> list[str]:
    """The dialog over the window at `size`: saved, and its labels that do not fit."""
    window.resize(*size)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    QApplication.processEvents()
    save_screenshot(dialog, f"{name}-{size[0]}x{size[1]}")
    clipped = clipped_labels(dialog)
    dialog.reject()
    return clipped


@pytest.mark.parametrize("size", SIZES)
def test_the_supervisor_dialogs_show_every_label_whole(qtbot, station_with_sim, size):
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window, "supervisor", "supervisor123")
    dialogs = {
        "reprint-approval": ReprintDialog("SITI RAHMAWATI", "BLK-0000001", window),
        "blanko-receive": ReceiveBlankoDialog(window),
        "ledger-spoil": SpoilDialog(window),
        "ledger-destroy": DestroyDialog(["BLK-0000004", "BLK-0000005", "BLK-0000009"], window),
        "blanko-count": BlankoCountDialog("BLK-0000004..BLK-0000100, BLK-0000120..BLK-0000300", 278, window),
    }
    found = {name: _shot(qtbot, window, dialog, name, size) for name, dialog in dialogs.items()}
    assert found == {name: [] for name in dialogs}


@pytest.mark.parametrize("size", SIZES)
def test_settling_a_job_from_the_office_panel_shows_its_question_whole(qtbot, station_with_sim, size):
    _day_at_the_office(station_with_sim)
    window, page = open_panel(qtbot, station_with_sim)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=WAIT_MS)
    page.jobs_view.selectRow(0)
    found: list[list[str]] = []

    def shoot(box) -> None:  # inside the question's own event loop
        QApplication.processEvents()
        save_screenshot(box, f"office-panel-settle-{size[0]}x{size[1]}")
        found.append(clipped_labels(box))
        next(b for b in box.buttons() if b.text() == "Batal").click()

    when_dialog("settleConfirm", shoot)
    page.settle_buttons["nothing"].click()
    assert found == [[]]
    save_screenshot(window, f"office-panel-jobs-{size[0]}x{size[1]}")
    assert clipped_labels(window) == []
