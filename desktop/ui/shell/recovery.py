"""The unfinished-job question: the application stopped mid-card (or a print's outcome is uncertain);
a supervisor says what came out of the printer, job by job (the rules: desktop/services/recovery.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from desktop.domain.roles import Permission
from desktop.ui.operations import JOBS, Change, QueryOp
from desktop.ui.operations.printing import settle_job
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.services.jobs import UnfinishedJob
    from desktop.ui.shell.context import ShellState


class UnfinishedJobs(QObject):
    def __init__(self, state: ShellState, parent: QObject) -> None:
        super().__init__(parent)
        self.state = state
        self._asking = False  # one question at a time: checks still out when it is open are dropped
        state.ops.bus.changed.connect(self._changed)

    def _changed(self, change: Change) -> None:
        user = self.state.user
        if change.origin is not self and change.touches(JOBS) and user is not None \
                and user.can(Permission.RESOLVE_PRINT):
            self.check()  # a print with an uncertain outcome: a supervisor settles it now

    def check(self) -> None:
        # Jobs whose owner still runs (this window's printer lanes, a command-line print) hold their
        # lock and are not left behind; queued ones that sent nothing are released without a question.
        station_id, jobs = self.state.station.id, self.state.services.jobs
        QueryOp("db", lambda: jobs.left_behind(station_id)).success(self.ask).run_in(self.state.ops)

    def ask(self, jobs: list[UnfinishedJob]) -> None:
        from desktop.services import recovery

        user = self.state.user
        if self._asking or user is None:  # a question is open, or the check came back after a log-out
            return
        step = recovery.next_step(user, jobs)
        if step is None:
            return
        if step.job is None:
            self.state.ops.messages.warning(tr_message(recovery.waiting_message(step.waiting)))
            return
        job = step.job
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Pencetakan terhenti"), "", parent=self.state.parent)
        box.setObjectName("recoveryDialog")
        box.setText(tr_message(recovery.question(job, self.state.printers.name(job.printer_uri))))
        box.setInformativeText(tr_message(recovery.MEANING))
        answers = {box.addButton(tr_message(label), QMessageBox.ButtonRole.ActionRole): outcome
                   for outcome, label in recovery.ANSWERS.items()}
        # Enter (a scanner's last key) and Escape must not decide what happens to a blanko.
        later = box.addButton(tr_message(recovery.LATER), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.setEscapeButton(later)
        self._asking = True
        try:
            box.exec()
        finally:
            self._asking = False
        outcome = answers.get(box.clickedButton())
        if outcome is None:  # closed without an answer: ask again at the next log-in
            return
        rest = list(step.rest)
        settle_job(self.state.services, user, job.job_id, outcome).success(lambda _none: self.ask(rest)).failure(
            self.state.ops.on_action_failed).run_in(self.state.ops, self)
