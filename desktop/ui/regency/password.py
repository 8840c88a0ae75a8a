"""Changing the regency account's own password: asked at log-in when the server says the password was a
one-time one, and from the Akun menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.errors import UserFacingError
from desktop.ui.dialogs import SubmitDialog
from desktop.ui.operations import QueryOp
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.regency.session import RegencySession, RegencyUser
    from desktop.ui.operations import Operations
    from desktop.ui.pages.regency.common import RegencyContext


class PasswordDialog(SubmitDialog):
    """`values()` -> (old password, new password)."""

    def __init__(self, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Ganti kata sandi"), parent)
        self.setObjectName("regencyPasswordDialog")
        self.setMinimumWidth(440)
        if required:
            intro = QLabel(self.tr("Kata sandi ini sekali pakai: buat kata sandi Anda sendiri sebelum melanjutkan."),
                           self)
            intro.setObjectName("passwordIntro")
            intro.setWordWrap(True)
            self.layout().insertWidget(0, intro)
        self.old = self._field("oldPassword")
        self.new = self._field("newPassword")
        self.repeat = self._field("repeatPassword")
        self.form.addRow(self.tr("Kata sandi sekarang"), self.old)
        self.form.addRow(self.tr("Kata sandi baru"), self.new)
        self.form.addRow(self.tr("Ulangi kata sandi baru"), self.repeat)
        self.finish_form()

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def confirmed(self) -> bool:
        if self.new.text() != self.repeat.text():
            self.show_error(self.tr("Kata sandi baru dan ulangannya tidak sama."))
            return False
        return True

    def values(self) -> tuple[str, str]:
        return self.old.text(), self.new.text()


def change_password(session: RegencySession, ops: Operations, parent: QWidget, required: bool,
                    done: Callable[[RegencyUser], None]) -> bool:
    """Ask for the new password until the server takes it (True) or the user cancels (False)."""
    dialog = PasswordDialog(required, parent)

    def submitted(values: tuple[str, str]) -> None:
        QueryOp("net", lambda: session.change_password(*values)).success(changed).failure(refused).run_in(ops)

    def changed(user: RegencyUser) -> None:
        dialog.accept()
        ops.messages.info(QCoreApplication.translate("PasswordDialog", "Kata sandi diganti."))
        done(user)

    def refused(exc: BaseException) -> None:
        if not isinstance(exc, UserFacingError):
            dialog.reject()
            ops.on_error(exc)
            return
        dialog.old.clear()
        dialog.show_error(error_text(exc))

    dialog.submitted.connect(submitted)
    return bool(dialog.exec())


def open_dialog(ctx: RegencyContext) -> None:
    """The Akun menu's entry."""
    change_password(ctx.session, ctx.ops, ctx.parent, False, lambda _user: None)
