"""Asking a supervisor whether the computer's date and time are right (after a gap or a clock change)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.operations import QueryOp
from desktop.ui.operations.clock import confirm_clock
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.ui.shell.context import PageContext


class ClockQuestion(QMessageBox):
    """Window-modal, not waiting; "Benar" calls `on_confirmed`. Enter and Escape do not confirm."""

    def __init__(self, parent: QWidget, now: datetime, problem: str | None,
                 on_confirmed: Callable[[], None]) -> None:
        super().__init__(QMessageBox.Icon.Question, "", "", parent=parent)
        self.setObjectName("clockQuestion")
        self.setWindowTitle(self.tr("Tanggal dan jam komputer"))
        stamp = QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute))
        self.setText(self.tr("Tanggal dan jam komputer sekarang: %1. Apakah ini benar?")
                     .replace("%1", QLocale().toString(stamp, "dddd, d MMMM yyyy HH:mm")))
        self.setInformativeText(
            (problem + "\n\n" if problem else "")
            + self.tr("Pastikan dengan jam tangan atau telepon. Bila salah, betulkan jam komputer dulu; kuota "
                      "dihitung per hari menurut jam ini. Jawaban Anda dicatat di log audit.")
        )
        self.yes = self.addButton(self.tr("Benar"), QMessageBox.ButtonRole.AcceptRole)
        later = self.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(later)
        self.setEscapeButton(later)
        self.buttonClicked.connect(lambda button: on_confirmed() if button is self.yes else None)


def open_clock(ctx: PageContext) -> None:
    ask_clock(ctx, always=True)


def ask_clock(ctx: PageContext, always: bool) -> None:
    """Ask a supervisor to confirm the computer's date and time (only when it is in doubt, unless
    `always`); a confirmation is audited and lets printing go on."""
    from desktop.services.clock_guard import clock_problem

    services, user = ctx.services, ctx.user
    if user is None:
        return

    def confirmed() -> None:
        confirm_clock(services, user).failure(ctx.ops.on_action_failed).run_in(ctx.ops)

    def ask(problem) -> None:
        if (problem or always) and ctx.current_user() is user:
            ClockQuestion(ctx.parent, services.clock.now_local(), tr_message(problem) if problem else None,
                          confirmed).open()

    QueryOp("db", lambda: clock_problem(services.clock)).success(ask).run_in(ctx.ops)
