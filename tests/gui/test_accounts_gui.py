"""Accounts in the GUI: the users dialog (supervisor: operators), a reset password changed at log-in,
one's own password, and the screen lock after idle time that keeps the citizen on the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.ui.pages.accounts.page import ChangePasswordDialog, NewUserDialog, UsersDialog
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window, verify
from tests.helpers.dialogs import answer_dialog
from tests.helpers.fixtures import add_resident
from tests.helpers.pages import page_bench


def _type_login(qtbot, window, username: str, password: str) -> None:
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    qtbot.keyClicks(window.login_page.username, username)
    qtbot.keyClicks(window.login_page.password, password)
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)


def _dialog(qtbot, window, cls, name: str):
    qtbot.waitUntil(lambda: window.findChild(cls, name) is not None and window.findChild(cls, name).isVisible(),
                    timeout=WAIT_MS)
    return window.findChild(cls, name)


def test_a_reset_password_must_be_changed_before_the_work_page(qtbot, sim_station):
    st = sim_station
    temporary = st.services.users.reset_password(st.supervisor, "operator").password
    window = open_window(qtbot, sim_station)
    _type_login(qtbot, window, "operator", temporary)
    dialog = _dialog(qtbot, window, ChangePasswordDialog, "changePasswordDialog")
    assert window.stack.currentWidget() is window.login_page and not dialog.old.isVisible()
    qtbot.keyClicks(dialog.new, "pendek")
    qtbot.keyClicks(dialog.repeat, "pendek")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "minimal 8" in dialog.error.text(), timeout=WAIT_MS)
    for edit in (dialog.new, dialog.repeat):
        edit.setText("gado-gado-123")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    assert not window.user.must_change_password
    assert st.services.auth.login("operator", "gado-gado-123").username == "operator"


def test_leaving_the_forced_change_goes_back_to_the_log_in(qtbot, sim_station):
    st = sim_station
    temporary = st.services.users.reset_password(st.supervisor, "operator").password
    window = open_window(qtbot, sim_station)
    _type_login(qtbot, window, "operator", temporary)
    _dialog(qtbot, window, ChangePasswordDialog, "changePasswordDialog").reject()
    assert window.stack.currentWidget() is window.login_page and window.user is None


def test_a_supervisor_adds_and_deactivates_an_operator_but_not_an_admin(qtbot, sim_station):
    st = sim_station
    assert not page_bench(qtbot, st, st.operator).user_may("users")  # the menu entry is off for an operator
    bench = page_bench(qtbot, st, st.supervisor)
    bench.open("users")
    users = _dialog(qtbot, bench.window, UsersDialog, "usersDialog")
    qtbot.waitUntil(lambda: users.model.rowCount() == 3, timeout=WAIT_MS)

    users.add_button.click()
    new = _dialog(qtbot, users, NewUserDialog, "newUserDialog")
    assert [new.role.itemData(i) for i in range(new.role.count())] == ["antrian", "operator"]  # the door's too
    assert new.role.currentData() == "operator"
    qtbot.keyClicks(new.username, "wati")
    qtbot.keyClicks(new.full_name, "Wati Susanti")
    new.accept()
    qtbot.waitUntil(lambda: "Kata sandi sementara untuk wati" in users.message.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: users.model.rowCount() == 4, timeout=WAIT_MS)

    admin_row = [a.username for a in users.model.rows].index("admin")
    users.table.selectRow(admin_row)
    assert not users.active_button.isEnabled() and not users.reset_button.isEnabled()
    users.table.selectRow([a.username for a in users.model.rows].index("operator"))
    seen: list[str] = []
    answer_dialog("confirmAccountAction", "Nonaktifkan", seen)
    users.active_button.click()
    qtbot.waitUntil(lambda: "Akun operator dinonaktifkan" in users.message.text(), timeout=WAIT_MS)
    assert "Pemiliknya tidak dapat masuk lagi" in seen[0]
    with pytest.raises(UserFacingError, match="salah"):
        st.services.auth.login("operator", "operator123")
    assert audit.recent(1, action="user.deactivate")[0].username == "supervisor"
    users.accept()


def test_a_locked_name_is_unlocked_from_the_dialog(qtbot, sim_station, expect_log):
    st = sim_station
    expect_log("log-in locked for 5 minutes after 5 failures")
    for _ in range(5):
        with pytest.raises(UserFacingError):
            st.services.auth.login("operator", "salah-sandi")
    bench = page_bench(qtbot, st, st.supervisor)
    bench.open("users")
    users = _dialog(qtbot, bench.window, UsersDialog, "usersDialog")
    qtbot.waitUntil(lambda: users.model.rowCount() == 3, timeout=WAIT_MS)
    row = [a.username for a in users.model.rows].index("operator")
    assert "terkunci s.d." in users.model.state_text(users.model.rows[row])
    users.table.selectRow(row)
    users.unlock_button.click()
    qtbot.waitUntil(lambda: "Kunci masuk operator dibuka" in users.message.text(), timeout=WAIT_MS)
    assert st.services.auth.login("operator", "operator123").username == "operator"
    users.accept()


def test_changing_ones_own_password_from_the_menu(qtbot, sim_station, told):
    st = sim_station
    bench = page_bench(qtbot, st)
    bench.open("password")
    dialog = _dialog(qtbot, bench.window, ChangePasswordDialog, "changePasswordDialog")
    qtbot.keyClicks(dialog.old, "salah-sandi")
    for edit in (dialog.new, dialog.repeat):
        qtbot.keyClicks(edit, "rendang-padang-1")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "salah" in dialog.error.text(), timeout=WAIT_MS)
    dialog.old.setText("operator123")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: told.saw("Kata sandi Anda sudah diganti."), timeout=WAIT_MS)  # in the bar
    assert not dialog.isVisible() and "Kata sandi Anda sudah diganti." in bench.message_bar.texts()
    assert st.services.auth.login("operator", "rendang-padang-1").username == "operator"


def test_the_screen_locks_when_idle_and_the_citizen_stays_on_the_page(qtbot, sim_station):
    nik = add_resident(name="SITI RAHMAWATI")
    window = open_window(qtbot, sim_station)
    log_in(qtbot, window)
    # Shortened only now: set before the log-in, it could lock the page before the test saw it.
    window.screen_lock.watcher.timer.setInterval(300)
    verify(qtbot, window, nik)
    page = window.counter_page
    lock = window.screen_lock.page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is lock, timeout=WAIT_MS)
    assert not page.isVisible() and not window.menuBar().isEnabled()
    assert "Siti Operator (operator)" in lock.who.text()

    qtbot.keyClicks(lock.password, "salah-sandi")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.error.isVisible(), timeout=WAIT_MS)
    assert lock.error.text() == "Nama pengguna atau kata sandi salah."
    qtbot.keyClicks(lock.password, "operator123")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    assert window.counter_page is page and page.fields["name"].text() == "SITI RAHMAWATI"
    assert page.nik_edit.text() == nik and window.menuBar().isEnabled()
    actions = [e.action for e in audit.recent(4)]
    assert "screen.lock" in actions and "screen.unlock" in actions


def test_the_lock_closes_an_open_dialog_and_keluar_logs_out(qtbot, sim_station):
    window = open_window(qtbot, sim_station)
    log_in(qtbot, window, "supervisor", "supervisor123")
    window.menus.actions["users"].trigger()
    users = _dialog(qtbot, window, UsersDialog, "usersDialog")
    window.screen_lock.lock()
    assert not users.isVisible() and users.result() == QDialog.DialogCode.Rejected
    window.screen_lock.page.logout.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    assert window.user is None and window.menuBar().isEnabled()
    assert isinstance(window.screen_lock.page.who, QLabel) and window.message_bar.texts() == []
