"""The main window's security actions: audit check, backups, password changes, users, the clock.

A mixin of `MainWindow` (kept apart so the window stays readable); it uses the window's services,
runner, user and error helpers. Its texts belong to the MainWindow translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop.domain.roles import Permission
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.services.session import CurrentUser


class SecurityActions:
    """Needs from the window: services, runner, user, audit_problem, screen_lock, login_page, log_file,
    refresh_header, _logged_in, _after_supervisor_action, _action_failed, _fatal."""

    def _build_security_menus(self, supervisor_menu: QMenu) -> None:
        self.clock_action = QAction(QCoreApplication.translate("MainWindow", "Pastikan tanggal dan jam…"), self)
        self.clock_action.setObjectName("clockAction")
        self.clock_action.triggered.connect(lambda: self.ask_clock(always=True))
        supervisor_menu.addAction(self.clock_action)
        account_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Akun"))
        self.users_action = QAction(QCoreApplication.translate("MainWindow", "Pengguna stasiun…"), self)
        self.users_action.setObjectName("usersAction")
        self.users_action.triggered.connect(self.open_users_dialog)
        self.password_action = QAction(QCoreApplication.translate("MainWindow", "Ganti kata sandi saya…"), self)
        self.password_action.setObjectName("passwordAction")
        self.password_action.triggered.connect(self.open_password_dialog)
        self.lock_action = QAction(QCoreApplication.translate("MainWindow", "Kunci layar"), self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.triggered.connect(self.screen_lock.lock)
        for action in (self.users_action, self.password_action, self.lock_action):
            account_menu.addAction(action)

    def _update_security_actions(self, user: CurrentUser | None) -> None:
        self.clock_action.setEnabled(bool(user and user.can(Permission.CONFIRM_CLOCK)))
        self.users_action.setEnabled(bool(user and user.can(Permission.MANAGE_OPERATORS)))
        self.password_action.setEnabled(bool(user))
        self.lock_action.setEnabled(bool(user))

    def _check_audit(self) -> None:
        """The audit chain is checked once per start on a lane and connection of its own (a year of
        entries takes seconds); a failure is recorded on the database lane; printing goes on."""
        from desktop.services.audit_verify import verify_file
        from desktop.store.db import DB_FILENAME

        path = self.services.data_dir / DB_FILENAME
        self.runner.run("audit", lambda: verify_file(path), self._audit_checked, self._fatal)

    def _audit_checked(self, result) -> None:
        from desktop.services.audit_verify import record_failure

        self.consistency_checked = True  # the start-up checks have run (bench/bench_startup.py)
        services = self.services
        if result.problem is not None:
            self.runner.run("db", lambda: record_failure(services.clock, result.problem), None, self._fatal)
        self.audit_problem = result.problem
        self._tell_audit_problem()
        self.refresh_header()
        self._keep_backup()

    def _keep_backup(self) -> None:
        """Today's copy of the database, on its own lane and connection (the counter does not wait)."""
        from desktop.store.backup import daily_backup_due, keep_daily_backup

        data_dir, today = self.services.data_dir, self.services.clock.today()
        if daily_backup_due(data_dir, today):
            self.runner.run("backup", lambda: keep_daily_backup(data_dir, today))

    def _tell_audit_problem(self) -> None:
        """Tell a supervisor (now, or at their log-in) that the audit chain was changed outside the app."""
        from desktop.ui.audit_warning import show_audit_warning

        if self.audit_problem is not None and self.user is not None and self.user.can(Permission.REVIEW_AUDIT):
            show_audit_warning(self, self.audit_problem)
            self.audit_problem = None

    def _password_checked(self, user: CurrentUser, password: str) -> None:
        """A reset (or demo) password is changed before anything else."""
        if not user.must_change_password:
            self._logged_in(user)
            return
        from desktop.ui.accounts import change_password

        change_password(self, self.services, self.runner, user, self._logged_in, self.login_page.reset,
                        forced_old=password)

    def ask_clock(self, always: bool) -> None:
        """Ask a supervisor to confirm the computer's date and time (only when it is in doubt, unless
        `always`); a confirmation is audited and lets printing go on."""
        from desktop.services.clock_guard import clock_problem, confirm_clock
        from desktop.ui.clock_confirm import ClockQuestion

        services, user = self.services, self.user
        if user is None:
            return

        def confirmed() -> None:
            self.runner.run("db", lambda: confirm_clock(services.db, services.clock, user),
                            lambda _none: self._after_supervisor_action(), self._action_failed)

        def ask(problem) -> None:
            if (problem or always) and self.user is user:
                ClockQuestion(self, services.clock.now_local(), tr_message(problem) if problem else None,
                              confirmed).open()

        self.runner.run("db", lambda: clock_problem(services.clock), ask, self._fatal)

    def open_users_dialog(self) -> None:
        if self.user is None:
            return
        from desktop.ui.accounts import UsersDialog

        UsersDialog(self.services, self.runner, self.user, self).open()

    def open_password_dialog(self) -> None:
        if self.user is None:
            return
        from desktop.ui.accounts import change_password

        def changed(user: CurrentUser) -> None:
            self.user = user
            box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("MainWindow", "Kata sandi"),
                              QCoreApplication.translate("MainWindow", "Kata sandi Anda sudah diganti."), parent=self)
            box.setObjectName("passwordChanged")
            box.addButton(QCoreApplication.translate("MainWindow", "Tutup"), QMessageBox.ButtonRole.AcceptRole)
            box.open()

        change_password(self, self.services, self.runner, self.user, changed)
