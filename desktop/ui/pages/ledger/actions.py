"""The ledger window's two records: a blanko written off as spoiled, and the daily destruction before
witnesses. Both need four eyes: a second supervisor or admin types their own name and password in the
dialog (desktop/services/approvals.py). Each dialog stays open while the service works; a refusal is
shown in it with what was typed kept, except the approver's password."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.domain.blanko import BOOKED_BY_APP, SPOIL_REASONS
from desktop.ui.dialogs import ApproverFields, SubmitDialog
from desktop.ui.text import tr_message


class SpoilDialog(SubmitDialog):
    """A blanko in stock written off. `values()` -> (reason code, serial or "", note, (approver, password))."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Catat blanko rusak"), parent)
        self.setObjectName("spoilDialog")
        self.reason = QComboBox(self)
        self.reason.setObjectName("spoilReason")
        for code, label in SPOIL_REASONS.items():
            if code not in BOOKED_BY_APP:
                self.reason.addItem(tr_message(label), code)
        self.serial = QLineEdit(self)
        self.serial.setObjectName("spoilSerial")
        self.serial.setPlaceholderText(self.tr("kosong: blanko berikutnya di stok"))
        self.note = QLineEdit(self)
        self.note.setObjectName("spoilNote")
        self.form.addRow(self.tr("Penyebab"), self.reason)
        self.form.addRow(self.tr("Nomor seri"), self.serial)
        self.form.addRow(self.tr("Keterangan"), self.note)
        self.approver = ApproverFields(self)
        self.notes.addWidget(QLabel(self.tr("Blanko rusak menunggu pemusnahan harian. Yang menyetujui: supervisor "
                                            "atau admin selain Anda; dicatat di log audit dengan kedua nama."), self))
        self.finish_form()

    def values(self) -> tuple[str, str, str, tuple[str, str]]:
        return self.reason.currentData(), self.serial.text().strip(), self.note.text(), self.approver.values()

    def show_error(self, text: str) -> None:
        self.approver.clear_password()
        super().show_error(text)


class DestroyDialog(SubmitDialog):
    """The daily destruction of every spoiled blanko.
    `values()` -> ([(name, NIP), (name, NIP)], (approver, password))."""

    def __init__(self, awaiting: list[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Catat pemusnahan blanko rusak"), parent)
        self.setObjectName("destroyDialog")
        self.witnesses: list[tuple[QLineEdit, QLineEdit]] = []
        for n in (1, 2):
            name, nip = QLineEdit(self), QLineEdit(self)
            name.setObjectName(f"witnessName{n}")
            nip.setObjectName(f"witnessNip{n}")
            nip.setInputMask("999999999999999999;_")
            self.form.addRow(self.tr("Saksi %1, nama").replace("%1", str(n)), name)
            self.form.addRow(self.tr("Saksi %1, NIP").replace("%1", str(n)), nip)
            self.witnesses.append((name, nip))
        self.approver = ApproverFields(self)
        shown = ", ".join(awaiting[:5]) + (", …" if len(awaiting) > 5 else "")
        summary = QLabel(self.tr("%1 blanko rusak dimusnahkan (dibakar atau dipotong) di hadapan saksi: %2")
                         .replace("%1", str(len(awaiting))).replace("%2", shown), self)
        summary.setObjectName("destroySummary")
        summary.setWordWrap(True)
        self.notes.addWidget(summary)
        self.notes.addWidget(QLabel(self.tr("Yang menyetujui: supervisor atau admin selain Anda; dicatat di log "
                                            "audit dengan kedua nama."), self))
        self.finish_form()

    def values(self) -> tuple[list[tuple[str, str]], tuple[str, str]]:
        return [(name.text(), nip.text().replace("_", "")) for name, nip in self.witnesses], self.approver.values()

    def show_error(self, text: str) -> None:
        self.approver.clear_password()
        super().show_error(text)
