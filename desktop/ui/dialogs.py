"""Supervisor dialogs: change today's quota, record a blanko receipt.

Each stays open while its work runs: `submitted(values)` asks the owner to do it; the owner calls
`show_error(text)` when the service refuses (what was typed stays) or `accept()` when it is done and
then says what was done. Signals: submitted(tuple).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.limits import NUMBER_MAX, USERNAME_MAX
from desktop.domain.quota import QuotaState
from desktop.ui.fit import fit_placeholder
from desktop.ui.style import SPACE

W = TypeVar("W", bound=QDialog)


def row_table(model: QAbstractItemModel, name: str, parent: QWidget) -> QTableView:
    """A read-only table of whole rows, one chosen at a time, its columns as wide as their content."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def open_kept(parent: QWidget, kind: type[W], name: str, user_id: str, make: Callable[[], W],
              refresh: Callable[[W], object]) -> None:
    """Open a supervisor's window-modal window kept for the session (the ledger, the reports, their
    archive and settings): hidden, not deleted, when closed, so work still on the database lane lands in
    a live object and the window keeps what was chosen; opened again it is refreshed. Another user's
    session gets a window of its own (their choices and records are not kept). `kind` must have a `user`
    with an `id`; `make` builds it with the object name `name`."""
    window = parent.findChild(kind, name)
    if window is not None and window.user.id != user_id:  # type: ignore[attr-defined]
        window.deleteLater()
        window.setObjectName("")
        window = None
    if window is None:
        window = make()
    else:
        refresh(window)
    window.open()


def confirm(parent: QWidget, name: str, title: str, text: str, yes: str, no: str,
            yes_role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole) -> bool:
    """Ask before doing something that cannot simply be undone; Enter and Escape choose `no`."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName(name)
    go = box.addButton(yes, yes_role)
    stay = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is go


class SubmitDialog(QDialog):
    """A form with OK and Cancel whose OK hands the values to the owner instead of closing."""

    submitted = Signal(tuple)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(SPACE["s"])
        self.form.setHorizontalSpacing(SPACE["m"])
        self.error = QLabel(self)
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["m"])
        layout.setSpacing(SPACE["m"])
        layout.addLayout(self.form)
        self.notes = QVBoxLayout()
        layout.addLayout(self.notes)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def finish_form(self) -> None:
        """After the subclass added its rows: Tab goes through the fields in order, then OK, then Cancel,
        and the first field has the keyboard (the buttons were made first, so they would lead)."""
        fields = [self.form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget() for row in range(self.form.rowCount())]
        fit_placeholder(*(field for field in fields if isinstance(field, QLineEdit)))  # read whole, never cut
        self.setMinimumWidth(max(self.minimumWidth(), 480))
        for index in range(self.notes.count()):  # notes under the form wrap instead of widening the dialog
            note = self.notes.itemAt(index).widget()
            if isinstance(note, QLabel):
                note.setWordWrap(True)
        chain = [w for w in fields if w is not None] + self.buttons.buttons()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if chain:
            chain[0].setFocus()

    def values(self) -> tuple:
        raise NotImplementedError

    def confirmed(self) -> bool:
        """A last question before submitting (default: none)."""
        return True

    def _submit(self) -> None:
        if not self.confirmed():
            return
        self.error.hide()  # an earlier refusal no longer applies
        self.set_busy(True)
        self.submitted.emit(self.values())

    def set_busy(self, busy: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()


class ApproverFields:
    """The approver's name and password, added to a SubmitDialog's form."""

    def __init__(self, dialog: SubmitDialog) -> None:
        self.name = QLineEdit(dialog)
        self.name.setObjectName("approverName")
        self.name.setMaxLength(USERNAME_MAX)
        self.password = QLineEdit(dialog)
        self.password.setObjectName("approverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        dialog.form.addRow(QCoreApplication.translate("ApproverFields", "Disetujui oleh (nama pengguna)"), self.name)
        dialog.form.addRow(QCoreApplication.translate("ApproverFields", "Kata sandi penyetuju"), self.password)

    def values(self) -> tuple[str, str]:
        return self.name.text(), self.password.text()

    def clear_password(self) -> None:
        self.password.clear()


class QuotaDialog(SubmitDialog):
    """Change today's quota of one served kecamatan. `values()` -> (kecamatan_code, limit, reason).

    A quota above twice the standing quota, or one that leaves more places today than there are
    blanko in stock, is asked about once more before it is saved."""

    def __init__(self, states: list[QuotaState], in_stock: int, parent: QWidget | None = None,
                 four_eyes: bool = False) -> None:
        super().__init__(self.tr("Ubah kuota hari ini"), parent)
        self.states = {s.kecamatan_code: s for s in states}
        self.in_stock = in_stock
        self.kecamatan = QComboBox(self)
        self.kecamatan.setObjectName("quotaKecamatan")
        for state in states:
            count = f"{state.used}/{state.limit}" + (self.tr(", per %1").replace("%1", f"{state.as_of:%H:%M}")
                                                     if state.as_of is not None else "")
            self.kecamatan.addItem(f"{state.kecamatan_name} ({count})", state.kecamatan_code)
        self.limit = QSpinBox(self)
        self.limit.setObjectName("quotaLimit")
        self.limit.setRange(0, 5000)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("quotaReason")
        self.reason.setPlaceholderText(self.tr("mis. antrean panjang, instruksi Kadis"))
        self.form.addRow(self.tr("Kecamatan"), self.kecamatan)
        self.form.addRow(self.tr("Kuota hari ini"), self.limit)
        self.form.addRow(self.tr("Alasan"), self.reason)
        self.approver = None
        if four_eyes:  # a raise at a station that is not enrolled: a second supervisor or admin approves
            self.approver = ApproverFields(self)
            self.notes.addWidget(QLabel(self.tr("Menaikkan kuota perlu persetujuan supervisor atau admin lain."),
                                        self))
        self.standing = QLabel(self)
        self.standing.setObjectName("quotaStanding")
        self.notes.addWidget(self.standing)
        self.notes.addWidget(QLabel(self.tr("Perubahan dicatat di log audit dengan nama Anda."), self))
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        self._kecamatan_changed()
        self.finish_form()

    def state(self) -> QuotaState:
        return self.states[self.kecamatan.currentData()]

    def _kecamatan_changed(self) -> None:
        state = self.states.get(self.kecamatan.currentData())
        if state:
            self.limit.setValue(state.limit)
            self.standing.setText(
                self.tr("Kuota tetap %1 kartu sehari; hari ini sudah terpakai %2. Blanko di stok: %3.")
                .replace("%1", str(state.standing)).replace("%2", str(state.used)).replace("%3", str(self.in_stock)))

    def values(self) -> tuple[str, int, str, tuple[str, str] | None]:
        approver = self.approver.values() if self.approver else None
        return self.kecamatan.currentData(), self.limit.value(), self.reason.text(), approver

    def show_error(self, text: str) -> None:
        if self.approver:
            self.approver.clear_password()
        super().show_error(text)

    def confirmed(self) -> bool:
        state, limit = self.state(), self.limit.value()
        if not self.reason.text().strip() or limit <= state.limit:
            return True  # lowering needs no second look; a missing reason is the service's sentence
        concerns = []
        if state.standing and limit > 2 * state.standing:
            concerns.append(self.tr("lebih dari dua kali kuota tetap (%1)").replace("%1", str(state.standing)))
        places = limit - state.used
        if places > self.in_stock:
            concerns.append(self.tr("%1 kartu lagi boleh dicetak hari ini, padahal blanko di stok hanya %2")
                            .replace("%1", str(places)).replace("%2", str(self.in_stock)))
        if not concerns:
            return True
        text = (self.tr("Kuota %1 hari ini menjadi %2: %3. Tetap simpan?")
                .replace("%1", state.kecamatan_name).replace("%2", str(limit)).replace("%3", "; ".join(concerns)))
        if not confirm(self, "quotaConfirm", self.windowTitle(), text, self.tr("Simpan"), self.tr("Ubah lagi")):
            self.limit.setFocus()
            return False
        return True


class ReceiveBlankoDialog(SubmitDialog):
    """Record blanko received at a station that is not enrolled: how many of how many requested, the
    delivery document, and the card maker's serial range printed on the box (kept beside our own serials).
    `values()` -> (quantity, batch, note, requested or None, box first, box last)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Terima blanko"), parent)
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName("blankoQuantity")
        self.quantity.setRange(1, 20000)
        self.quantity.setValue(100)
        self.requested = QSpinBox(self)
        self.requested.setObjectName("blankoRequested")
        self.requested.setRange(0, 1_000_000)
        self.requested.setSpecialValueText(self.tr("sama dengan yang diterima"))  # 0: the delivery was whole
        self.batch = QLineEdit(self)
        self.batch.setObjectName("blankoBatch")
        self.batch.setPlaceholderText(self.tr("nomor berita acara / batch"))
        self.box_first = QLineEdit(self)
        self.box_first.setObjectName("blankoBoxFirst")
        self.box_first.setMaxLength(NUMBER_MAX)
        self.box_first.setPlaceholderText(self.tr("tertera di kotak, boleh kosong"))
        self.box_last = QLineEdit(self)
        self.box_last.setObjectName("blankoBoxLast")
        self.box_last.setMaxLength(NUMBER_MAX)
        self.note = QLineEdit(self)
        self.note.setObjectName("blankoNote")
        self.form.addRow(self.tr("Jumlah blanko diterima"), self.quantity)
        self.form.addRow(self.tr("Jumlah yang diminta"), self.requested)
        self.form.addRow(self.tr("Batch / berita acara"), self.batch)
        self.form.addRow(self.tr("Nomor seri kotak, pertama"), self.box_first)
        self.form.addRow(self.tr("Nomor seri kotak, terakhir"), self.box_last)
        self.form.addRow(self.tr("Catatan"), self.note)
        self.notes.addWidget(QLabel(self.tr("Nomor seri kotak dicatat di samping nomor seri blanko stasiun ini."),
                                    self))
        self.finish_form()

    def values(self) -> tuple[int, str, str, int | None, str, str]:
        return (self.quantity.value(), self.batch.text(), self.note.text(), self.requested.value() or None,
                self.box_first.text(), self.box_last.text())
