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
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.exceptions import TimeoutError

from desktop.ui import pages
from tests.gui.test_look import SCREENS, cut_texts, logical_size, settled
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.screenshots import save_screenshot

CAPTURED: set[str] = set()  # the dialog classes captured in this process

# Menu entries that open no dialog: what they do instead.
NO_DIALOG = {
    "sync": "starts a sync round (a passing notice)",
    "lock": "locks the window (its own test: tests/gui/test_screen_lock.py)",
}


def flow_dialogs(window) -> dict[str, Callable[[], QDialog]]:
    """The dialogs a flow opens (no menu entry opens them), each as its flow fills it in."""
    from desktop.devices.base import Fault
    from desktop.services.issuance import PrintFailed
    from desktop.ui.approval_dialog import ReprintDialog
    from desktop.ui.pages.accounts.page import NewUserDialog
    from desktop.ui.pages.counter.queue_wait import QueueWaitDialog
    from desktop.ui.pages.counter.retry_dialog import RetryDialog
    from desktop.ui.pages.ledger.actions import DestroyDialog, SpoilDialog
    from desktop.ui.pages.printers.calibration import CalibrationDialog
    from desktop.ui.pages.printers.setup import AddPrinterDialog
    from desktop.ui.pages.regency.blanko import AllocationDialog, ReceiptDialog
    from desktop.ui.pages.regency.quotas import QuotaDialog
    from desktop.ui.pages.reports.printing import OfficePrinters, PrintDialog
    from desktop.ui.pages.supervisor.blanko_count import BlankoCountDialog
    from desktop.ui.pages.supervisor.restore import RestoreQuestion
    from desktop.ui.regency.password import PasswordDialog

    uri = window.printers.uris[0]
    return {
        "reprint-approval": lambda: ReprintDialog("SITI RAHMAWATI BINTI ABDULLAH", "BLK-0000001", window),
        "ledger-spoil": lambda: SpoilDialog(window),
        "ledger-destroy": lambda: DestroyDialog(["BLK-0000004", "BLK-0000005", "BLK-0000009"], window),
        "new-user": lambda: NewUserDialog(window.user, window),
        "add-printer": lambda: AddPrinterDialog({"Printer loket 1"}, window),
        "calibration": lambda: CalibrationDialog("Printer loket 1", "kanan 0,4 mm, bawah 0,2 mm", window),
        "report-print": lambda: PrintDialog(OfficePrinters(["Kantor A4 (HP LaserJet)", "PDF"], [], []), window),
        "print-retry": lambda: RetryDialog(PrintFailed("job-1", Fault.NO_CARD, False, "BLK-0000004"), uri,
                                            window.printers, window),
        "queue-wait": lambda: _said(QueueWaitDialog("Printer loket 1", window),
                                    "menunggu di antrian Windows (dijeda oleh pengguna)"),
        "blanko-count": lambda: BlankoCountDialog("BLK-0000004..BLK-0000100, BLK-0000120..BLK-0000300", 278, window),
        "restore-question": lambda: RestoreQuestion(window, "Database stasiun ini lebih lama dari catatan terakhirnya "
                                                            "(rantai audit 1.204, database 1.180).", lambda: None),
        "regency-password": lambda: PasswordDialog(True, window),
        "regency-standing-quota": lambda: QuotaDialog("Kecamatan Pamulang", 100, window),
        "regency-receipt": lambda: ReceiptDialog(window),
        "regency-allocation": lambda: AllocationDialog(window),
    }


def _said(dialog, shown: str):
    dialog.say(shown)
    return dialog


def _dialogs_open(before: list[QWidget]) -> list[QWidget]:
    """The windows opened since `before`: dialogs, and the second-screen windows (the queue's door and
    now-serving windows are top-level windows of their own)."""
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.isWindow() and not any(w is old for old in before)]


def _close(dialog: QWidget) -> None:
    if isinstance(dialog, QMessageBox) and dialog.escapeButton() is None and dialog.buttons():
        dialog.buttons()[-1].click()
    elif isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()


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
        CAPTURED.add(type(dialog).__name__)
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
    for name, make in flow_dialogs(window).items():
        made: list[QDialog] = []
        found[name] = capture_dialog(qtbot, lambda make=make, made=made: (made.append(make()), made[0].open()), name,
                                     screen)  # made after the windows already open are noted
        made[0].deleteLater()
    assert not (MENU_DIALOGS | FLOW_DIALOGS) - CAPTURED  # each list says what the test really opened
    problems = {name: problems for name, problems in found.items() if problems}
    assert not problems, "\n".join(f"{name}: {lines}" for name, lines in problems.items())


# Dialog classes of desktop/ui that neither a menu entry nor flow_dialogs() opens here, and why.
NOT_SHOWN: dict[str, str] = {
    "SubmitDialog": "the base of the form dialogs",
    "DecisionDialog": "the base of the regency's decision dialogs",
}


def test_every_dialog_class_is_screenshotted(qapp):
    """A new dialog class fails here until a menu entry or flow_dialogs() opens it (or NOT_SHOWN says why)."""
    import desktop.ui

    classes = set()
    for module in pkgutil.walk_packages(desktop.ui.__path__, "desktop.ui."):
        for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__.startswith("desktop.ui"):
                classes.add(cls.__name__)
    assert classes - MENU_DIALOGS - FLOW_DIALOGS - set(NOT_SHOWN) == set()


# What the menu entries open (checked by the test above: each is captured at every size).
MENU_DIALOGS = {"ShortcutsDialog", "AboutBox", "PrinterDialog", "QuotaDialog", "UsersDialog", "ReceiveBlankoDialog",
                "EnrolDialog", "LedgerWindow", "ReportsWindow", "ReportArchiveWindow", "ReportSettingsWindow",
                "ChangePasswordDialog", "CopyDialog", "ClockQuestion"}
FLOW_DIALOGS = {"ReprintDialog", "SpoilDialog", "DestroyDialog", "NewUserDialog", "AddPrinterDialog",
                "CalibrationDialog", "PrintDialog", "RetryDialog", "PasswordDialog", "AllocationDialog",
                "ReceiptDialog", "QueueWaitDialog", "BlankoCountDialog", "RestoreQuestion"}
