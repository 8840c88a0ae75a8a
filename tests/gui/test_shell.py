"""The shell: menus come from the page registry, and a page reloads after a change made elsewhere only
while it is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui import pages
from desktop.ui.operations import QUOTA
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window


def test_the_menus_are_the_registry_and_follow_the_users_permissions(qtbot, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    declared = [p.name for key, _title in pages.MENUS
                for p in pages.pages(menu=pages.WORK_AREA if key == "pages" else key)]
    assert list(window.menus.actions) == declared
    assert [a.objectName() for a in window.menus.actions.values()] == [
        "counterPageAction", "doorPageAction", "panelPageAction", "doorWindowAction", "nowServingAction", "quotaAction", "blankoAction", "ledgerAction", "reportsAction",
        "reportArchiveAction", "reportSettingsAction", "clockAction", "restoreAction", "blankoCountAction", "backupAction", "supportBundleAction",
        "usersAction", "passwordAction",
        "lockAction",
        "syncAction", "enrolAction", "printerAction", "shortcutsAction", "aboutAction"]
    enabled = {name for name, action in window.menus.actions.items() if action.isEnabled()}
    assert enabled == {"shortcuts", "about"}  # nobody logged in
    log_in(qtbot, window)
    enabled = {name for name, action in window.menus.actions.items() if action.isEnabled()}
    assert enabled == {"counter", "door", "door_window", "now_serving", "password", "lock", "sync", "printers",
                       "shortcuts", "about"}  # no panel


def test_the_counter_checks_its_citizen_again_after_a_change_elsewhere_when_visible(qtbot, station_with_sim,
                                                                                   monkeypatch):
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    page = window.counter_page
    checked: list[int] = []
    monkeypatch.setattr(page, "refresh_verification", lambda: checked.append(1))
    window.ops.bus.publish({QUOTA})  # a supervisor's change, from the menu
    assert checked == [1]
    window.ops.bus.publish({QUOTA}, origin=page)  # the page's own print: its form is reset anyway
    assert checked == [1]
    window.screen_lock.lock()
    window.ops.bus.publish({QUOTA})  # while the screen is locked the page is not shown ...
    assert checked == [1]
    lock = window.screen_lock.page
    qtbot.keyClicks(lock.password, "operator123")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    assert checked == [1, 1]  # ... and checks again when it is
