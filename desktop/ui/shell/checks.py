"""The start-up checks: the audit chain once per start (a supervisor is told, now or at their log-in),
and today's backup copy."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.domain.roles import Permission
from desktop.ui.operations.checks import backup_reminder, daily_backup, record_audit_failure, verify_audit

if TYPE_CHECKING:
    from desktop.ui.shell.context import PageContext, ShellState


class StartupChecks(QObject):
    def __init__(self, state: ShellState, after_check: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.state, self.after_check = state, after_check
        self.audit_problem = None  # what the check of the audit chain found, until a supervisor saw it
        self.checked = False  # the start-up checks (database pages, audit chain) have run (bench/)

    def check_audit(self) -> None:
        """A failure is recorded on the database lane; printing goes on."""
        verify_audit(self.state.services).success(self._audit_checked).run_in(self.state.ops)

    def _audit_checked(self, result) -> None:
        self.checked = True
        if result.problem is not None:
            record_audit_failure(self.state.services, result.problem).run_in(self.state.ops)
        self.audit_problem = result.problem
        self.tell_audit_problem()
        self.after_check()
        self.keep_backup()

    def keep_backup(self) -> None:
        """Today's copy of the database, on its own lane and connection (the counter does not wait)."""
        op = daily_backup(self.state.services)
        if op is not None:
            op.quietly().run_in(self.state.ops)

    def tell_supervisor(self) -> None:
        """At a supervisor's log-in: what the audit check found, and a backup taken off the PC too long ago."""
        self.tell_audit_problem()
        user = self.state.user
        if user is not None and user.can(Permission.REVIEW_AUDIT):
            backup_reminder(self.state.services).success(self._remind_backup).run_in(self.state.ops)

    def ask_supervisor(self, context: PageContext) -> None:
        """At a supervisor's log-in: the date after a long pause, and a restored database to accept."""
        user = self.state.user
        if user is not None and user.can(Permission.CONFIRM_CLOCK):
            from desktop.ui.pages.supervisor.clock import ask_clock

            ask_clock(context, always=False)  # after a weekend the supervisor confirms the date
        if user is not None and user.can(Permission.RESOLVE_PRINT):
            from desktop.ui.pages.supervisor.restore import ask_restore

            ask_restore(context, always=False)  # a restored database: the supervisor accepts it
        if user is not None and user.can(Permission.RECEIVE_BLANKO):
            from desktop.ui.pages.supervisor.blanko_count import ask_count

            ask_count(context, always=False)  # an accepted restore: the blanko at hand counted first

    def _remind_backup(self, sentence) -> None:
        from desktop.ui.text import tr_message

        if sentence is not None:
            self.state.ops.messages.warning(tr_message(sentence))

    def tell_audit_problem(self) -> None:
        """Tell a supervisor that the audit chain was changed outside the app."""
        from desktop.ui.audit_warning import AuditWarning

        user = self.state.user
        if self.audit_problem is not None and user is not None and user.can(Permission.REVIEW_AUDIT):
            self.state.ops.messages.warning(AuditWarning().text(self.audit_problem))
            self.audit_problem = None
