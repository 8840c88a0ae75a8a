"""What the regency pages share: a page that reads from the server on the `net` lane when shown (and after
any change the regency mode announces), says a failure in one sentence on the page, and a decision dialog
that asks the acting account's password again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.errors import UserFacingError
from desktop.ui.dialogs import SubmitDialog
from desktop.ui.operations import REGENCY, Change, Op, QueryOp
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.regency.session import RegencySession, RegencyUser
    from desktop.ui.message import MessageBridge
    from desktop.ui.operations import Operations

LANE = "net"


@dataclass
class RegencyContext:
    """A regency page's view of the session: the server session, the operations, the dialogs' parent."""

    session: RegencySession
    ops: Operations
    parent: QWidget
    current_user: Callable[[], RegencyUser | None]

    @property
    def messages(self) -> MessageBridge:
        return self.ops.messages

    def may(self, permission) -> bool:
        user = self.current_user()
        return user is not None and user.can(permission)


class RegencyPage(QWidget):
    """A page with a title, a line for the server's one-sentence failures, and its content below.
    Subclasses build into `self.body`, and implement `read()` (runs on the net lane) and `show_data()`."""

    def __init__(self, ctx: RegencyContext, title: str) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.session, self.ops = ctx, ctx.session, ctx.ops
        self._reading = False
        root = QVBoxLayout(self)
        heading = QLabel(title, self)
        heading.setObjectName("pageTitle")
        root.addWidget(heading)
        self.problem = QLabel(self)
        self.problem.setObjectName("errorLabel")
        self.problem.setWordWrap(True)
        self.problem.hide()
        root.addWidget(self.problem)
        self.body = QVBoxLayout()
        root.addLayout(self.body, 1)
        self.updated = QLabel(self)
        self.updated.setObjectName("regencyUpdated")
        root.addWidget(self.updated)
        self.ops.bus.changed.connect(self._changed)

    def read(self) -> Any:
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        raise NotImplementedError

    def focus_first(self) -> None:
        self.focusNextChild()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _changed(self, change: Change) -> None:
        if change.touches(REGENCY) and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self._reading:  # one read at a time: a slow server does not pile them up
            return
        self._reading = True
        QueryOp(LANE, self.read).success(self._arrived).failure(self._failed).run_in(self.ops)

    def _arrived(self, data: Any) -> None:
        self._reading = False
        self.problem.hide()
        self.show_data(data)
        self.updated.setText(self.tr("Per %1.").replace("%1", QLocale().toString(QTime.currentTime(), "HH:mm")))

    def _failed(self, exc: BaseException) -> None:
        self._reading = False
        if not isinstance(exc, UserFacingError):
            self.ops.on_error(exc)  # a bug: logged with its traceback, said as such
            return
        self.problem.setText(error_text(exc))  # what was shown before stays on the page
        self.problem.show()

    def button_row(self, *buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        return row

    def decide(self, dialog: SubmitDialog, name: str, work: Callable[[tuple], Any],
               done: Callable[[Any], str]) -> None:
        """Open a decision dialog; each OK sends it (with the password typed) on the net lane. A refusal
        stays in the dialog (a wrong password: type it again); success closes it and says what was done."""

        def submitted(values: tuple) -> None:
            Op(name, LANE, lambda: work(values), [REGENCY]).success(lambda result: finished(result)).failure(
                refused).run_in(self.ops, self)

        def finished(result: Any) -> None:
            dialog.accept()
            self.ctx.messages.info(done(result))

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, UserFacingError):
                dialog.reject()
                self.ops.on_error(exc)
                return
            dialog.show_error(error_text(exc))

        dialog.submitted.connect(submitted)
        dialog.exec()


class DecisionDialog(SubmitDialog):
    """A decision at the regency: what is decided (in words), the fields of the subclass, and the acting
    account's own password. `values()` -> (the subclass's values..., password)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None, name: str = "decisionDialog") -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.setMinimumWidth(480)
        intro = QLabel(text, self)
        intro.setObjectName("decisionText")
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)
        self.password = QLineEdit(self)
        self.password.setObjectName("reauthPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(self.tr("Setiap keputusan meminta kata sandi Anda lagi; server memeriksanya dan mencatat "
                              "keputusan atas nama Anda."), self)
        note.setWordWrap(True)
        self.notes.addWidget(note)

    def finish_form(self) -> None:
        self.form.addRow(self.tr("Kata sandi Anda"), self.password)
        super().finish_form()

    def fields(self) -> tuple:
        return ()

    def values(self) -> tuple:
        return (*self.fields(), self.password.text())

    def show_error(self, text: str) -> None:
        self.password.clear()
        super().show_error(text)
        self.password.setFocus()


def whole(number: int | float | None) -> str:
    return "—" if number is None else QLocale().toString(number)
