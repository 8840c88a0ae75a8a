"""Account dialogs: the station's users (admin, supervisor), a new account, one's own password.

The dialogs open window-modal without waiting (`open`); their work runs on the database lane and a
failure is shown inside the dialog with what was typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.passwords import password_rule
from desktop.domain.roles import SUPERVISED_ROLES, Permission, Role
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.errors import UserFacingError
from desktop.services.users import REGENCY_USERS
from desktop.ui import operations
from desktop.ui.login_page import _error_label
from desktop.ui.operations import users as user_ops
from desktop.ui.tables import RowsModel
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.services.users import Account, NewPassword
    from desktop.ui.operations import Op, Operations
    from desktop.ui.shell.context import PageContext

Index = QModelIndex | QPersistentModelIndex

ROLE_LABELS = {
    Role.ANTRIAN: QT_TRANSLATE_NOOP("Accounts", "antrian (hanya nomor antrian)"),
    Role.OPERATOR: QT_TRANSLATE_NOOP("Accounts", "operator"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Accounts", "supervisor"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Accounts", "admin"),
}


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    """OK and Cancel with our own Indonesian texts (Qt ships no Indonesian for its standard buttons)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    return box


class AccountsModel(RowsModel):
    """The station's accounts, keyed by user name."""

    def __init__(self, zone, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.rows: list[Account] = []
        self.headers = [self.tr("Nama pengguna"), self.tr("Nama lengkap"), self.tr("Peran"), self.tr("Keadaan")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        account = self.rows[index.row()]
        if index.column() == 2:
            return tr_message(ROLE_LABELS.get(account.role, account.role))
        if index.column() == 3:
            return self.state_text(account)
        return (account.username, account.full_name)[index.column()]

    def state_text(self, account: Account) -> str:
        parts = [self.tr("aktif") if account.active else self.tr("nonaktif")]
        if account.must_change_password:
            parts.append(self.tr("harus ganti kata sandi"))
        if account.locked_until is not None:
            until = account.locked_until.replace(tzinfo=UTC).astimezone(self.zone)
            parts.append(self.tr("terkunci s.d. %1").replace("%1", QLocale().toString(until.time(), "HH:mm")))
        return ", ".join(parts)


class UsersDialog(QDialog):
    """The station's accounts and what an admin (all) or a supervisor (operators) may do with them."""

    def __init__(self, services: Services, ops: Operations, actor: CurrentUser, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Pengguna stasiun"))
        self.services, self.ops, self.actor = services, ops, actor
        self.model = AccountsModel(services.clock.zone, self)
        self.table = QTableView(self)
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self)
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.regency = False  # an enrolled station: accounts are the regency's (services/users.py)
        self.notice = QLabel(tr_message(REGENCY_USERS), self)
        self.notice.setObjectName("usersRegencyNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.add_button = QPushButton(self.tr("Tambah pengguna…"), self)
        self.active_button = QPushButton(self.tr("Nonaktifkan"), self)
        self.reset_button = QPushButton(self.tr("Setel ulang kata sandi"), self)
        self.unlock_button = QPushButton(self.tr("Buka kunci masuk"), self)
        close = QPushButton(self.tr("Tutup"), self)
        for name, button in (("addUser", self.add_button), ("toggleActive", self.active_button),
                             ("resetPassword", self.reset_button), ("unlockUser", self.unlock_button)):
            button.setObjectName(name)
        actions = QHBoxLayout()
        for button in (self.add_button, self.active_button, self.reset_button, self.unlock_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.resize(720, 420)
        self.add_button.clicked.connect(lambda: self._add())
        self.active_button.clicked.connect(self._toggle_active)
        self.reset_button.clicked.connect(self._reset)
        self.unlock_button.clicked.connect(self._unlock)
        close.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        users = self.services.users
        operations.QueryOp("db", lambda: (users.accounts(), users.managed_by_regency())).success(
            lambda loaded: self._loaded(*loaded, select)).failure(self._failed).run_in(self.ops)

    def _loaded(self, accounts: list[Account], regency: bool, select: str | None) -> None:
        self.regency = regency
        self.notice.setVisible(regency)
        self.add_button.setEnabled(not regency)
        current = select or (self.selected().username if self.selected() else None)
        self.model.set_rows(accounts)
        for row, account in enumerate(accounts):
            if account.username == current:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _may_manage(self, account: Account | None) -> bool:
        if account is None:
            return False
        return self.actor.can(Permission.MANAGE_USERS) or (
            account.role in SUPERVISED_ROLES and self.actor.can(Permission.MANAGE_OPERATORS))

    def _selection_changed(self, *_args) -> None:
        account = self.selected()
        manageable = self._may_manage(account) and account.username != self.actor.username and not self.regency
        self.active_button.setText(self.tr("Aktifkan") if account and not account.active else self.tr("Nonaktifkan"))
        self.active_button.setEnabled(manageable)
        self.reset_button.setEnabled(manageable)
        self.unlock_button.setEnabled(account is not None and account.locked_until is not None)

    def _run(self, op: Op, done: Callable[[object], None]) -> None:
        self.message.clear()
        op.success(done).failure(self._failed).run_in(self.ops, self)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserFacingError):
            self.ops.on_error(exc)  # a bug: the error presenter
            return
        self.message.setText(error_text(exc))

    def _add(self, values: tuple[str, str, str] | None = None) -> None:
        dialog = NewUserDialog(self.actor, self, values)
        dialog.accepted.connect(lambda: self._create(dialog.values()))
        dialog.open()

    def _create(self, values: tuple[str, str, str]) -> None:
        def failed(exc: BaseException) -> None:
            self._failed(exc)
            self._add(values)  # open again with what was typed

        user_ops.add_user(self.services, self.actor, *values).success(self._new_password).failure(failed).run_in(
            self.ops, self)

    def _new_password(self, new: NewPassword) -> None:
        self.message.setText(
            self.tr("Kata sandi sementara untuk %1: %2 — berikan kepada pemiliknya; wajib diganti saat masuk.")
            .replace("%1", new.username).replace("%2", new.password)
        )
        self.reload(select=new.username)

    def _confirm(self, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), text, parent=self)
        box.setObjectName("confirmAccountAction")
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is go

    def _toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        if account.active and not self._confirm(
                self.tr("Nonaktifkan akun %1? Pemiliknya tidak dapat masuk lagi sampai diaktifkan kembali.")
                .replace("%1", account.username), self.tr("Nonaktifkan")):
            return
        text = (self.tr("Akun %1 diaktifkan.") if not account.active else self.tr("Akun %1 dinonaktifkan.")) \
            .replace("%1", account.username)
        self._run(user_ops.set_active(self.services, self.actor, account.username, not account.active),
                  lambda _none: (self.message.setText(text), self.reload()))

    def _reset(self) -> None:
        account = self.selected()
        if account is None or not self._confirm(
                self.tr("Setel ulang kata sandi %1? Kata sandi lamanya tidak berlaku lagi.").replace(
                    "%1", account.username), self.tr("Setel ulang")):
            return
        self._run(user_ops.reset_password(self.services, self.actor, account.username), self._new_password)

    def _unlock(self) -> None:
        account = self.selected()
        if account is None:
            return
        text = self.tr("Kunci masuk %1 dibuka.").replace("%1", account.username)
        self._run(user_ops.unlock(self.services, self.actor, account.username),
                  lambda _lifted: (self.message.setText(text), self.reload()))


class NewUserDialog(QDialog):
    """A new account's name, full name and role. `values()` -> (username, full_name, role)."""

    def __init__(self, actor: CurrentUser, parent: QWidget, values: tuple[str, str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newUserDialog")
        self.setWindowTitle(self.tr("Tambah pengguna"))
        self.username = QLineEdit(self)
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox(self)
        self.role.setObjectName("newRole")
        roles = list(Role) if actor.can(Permission.MANAGE_USERS) else [r for r in Role if r in SUPERVISED_ROLES]
        for role in roles:
            self.role.addItem(tr_message(ROLE_LABELS[role]), str(role))
        self.role.setCurrentIndex(self.role.findData(str(Role.OPERATOR)))  # the usual account, not the door's
        form = QFormLayout()
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Nama lengkap"), self.full_name)
        form.addRow(self.tr("Peran"), self.role)
        note = QLabel(self.tr("Kata sandi sementara dibuat otomatis dan wajib diganti saat masuk pertama."), self)
        note.setWordWrap(True)
        self.error = _error_label(self)
        buttons = _buttons(self, self.tr("Buat akun"), self.tr("Batal"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if values:
            self.username.setText(values[0])
            self.full_name.setText(values[1])
            self.role.setCurrentIndex(max(0, self.role.findData(values[2])))

    def _accept(self) -> None:
        if not self.username.text().strip() or not self.full_name.text().strip():
            self.error.setText(self.tr("Isi nama pengguna dan nama lengkap."))
            self.error.show()
            return
        self.accept()

    def values(self) -> tuple[str, str, str]:
        return self.username.text().strip(), self.full_name.text().strip(), self.role.currentData()


class ChangePasswordDialog(QDialog):
    """One's own new password. Signals: password_submitted(old, new); the owner calls `done_ok` or
    `show_error`. `forced` (after a reset): the old password is the one just typed at log-in."""

    password_submitted = Signal(str, str)

    def __init__(self, parent: QWidget, forced_old: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Ganti kata sandi"))
        self.forced_old = forced_old
        self.old = QLineEdit(self)
        self.old.setObjectName("oldPassword")
        self.new = QLineEdit(self)
        self.new.setObjectName("newPassword")
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("repeatPassword")
        for edit in (self.old, self.new, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        if forced_old is None:
            form.addRow(self.tr("Kata sandi sekarang"), self.old)
        else:
            self.old.hide()
        form.addRow(self.tr("Kata sandi baru (min. 8)"), self.new)
        form.addRow(self.tr("Ulangi kata sandi baru"), self.repeat)
        layout = QVBoxLayout(self)
        if forced_old is not None:
            intro = QLabel(self.tr("Kata sandi Anda harus diganti sebelum mulai bekerja."), self)
            intro.setWordWrap(True)
            layout.addWidget(intro)
        layout.addLayout(form)
        rule = QLabel(tr_message(password_rule()), self)  # the rule said before it refuses anything
        rule.setObjectName("passwordRule")
        rule.setWordWrap(True)
        layout.addWidget(rule)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        self.buttons = _buttons(self, self.tr("Simpan"), self.tr("Batal"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _submit(self) -> None:
        if self.new.text() != self.repeat.text():
            self.show_error(self.tr("Kedua kata sandi baru tidak sama."))
            return
        self.buttons.setEnabled(False)
        old = self.forced_old if self.forced_old is not None else self.old.text()
        self.password_submitted.emit(old, self.new.text())

    def show_error(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(text)
        self.error.show()


def change_password(parent: QWidget, services: Services, ops: Operations, user: CurrentUser,
                    on_changed: Callable[[CurrentUser], None], on_cancel: Callable[[], None] | None = None,
                    forced_old: str | None = None) -> ChangePasswordDialog:
    """Open the password dialog for `user`; the change runs on the database lane."""
    dialog = ChangePasswordDialog(parent, forced_old)
    def changed(new_user: CurrentUser) -> None:
        dialog.accept()
        on_changed(new_user)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, UserFacingError):
            ops.on_error(exc)  # a bug: the error presenter
            return
        dialog.show_error(error_text(exc))

    dialog.password_submitted.connect(
        lambda old, new: user_ops.change_password(services, user, old, new).success(changed).failure(failed).run_in(
            ops, dialog))
    if on_cancel is not None:
        dialog.rejected.connect(on_cancel)
    dialog.open()
    return dialog


def open_users(ctx: PageContext) -> None:
    if ctx.user is not None:
        UsersDialog(ctx.services, ctx.ops, ctx.user, ctx.parent).open()


def open_password(ctx: PageContext) -> None:
    if ctx.user is None:
        return

    def changed(user: CurrentUser) -> None:
        ctx.set_user(user)
        ctx.ops.messages.info(QCoreApplication.translate("ChangePasswordDialog", "Kata sandi Anda sudah diganti."))

    change_password(ctx.parent, ctx.services, ctx.ops, ctx.user, changed)

