"""The four-eyes dialogs: a second person (supervisor or admin) types their own name and password at this
PC. The rules are the services' (desktop/services/approvals.py); a refusal is shown in the dialog and
what was typed stays, except the password."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from desktop.domain.spoilage import CAUSES
from desktop.ui.dialogs import ApproverFields, SubmitDialog
from desktop.ui.text import tr_message


class ReprintDialog(SubmitDialog):
    """The operator's "Minta cetak ulang": why the first card came back, and the approver.
    `values()` -> (cause key, approver name, password)."""

    def __init__(self, name: str, blanko: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Minta cetak ulang"), parent)
        self.setObjectName("reprintDialog")
        intro = QLabel(self.tr("KTP-el %1 hari ini (blanko %2) dikembalikan dan dicatat rusak; kuotanya kembali. "
                               "Kartu baru dicetak dengan persetujuan ini.").replace("%1", name).replace("%2", blanko),
                       self)
        intro.setObjectName("reprintIntro")
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)  # above the form: not a field in the Tab order
        self.cause = QComboBox(self)
        self.cause.setObjectName("reprintCause")
        for key, label in CAUSES.items():
            self.cause.addItem(tr_message(label), key)
        self.form.addRow(self.tr("Sebab kartu pertama rusak"), self.cause)
        self.approver = ApproverFields(self)
        self.notes.addWidget(QLabel(self.tr("Yang menyetujui: supervisor atau admin selain Anda. Dicatat di log "
                                            "audit dengan kedua nama."), self))
        self.finish_form()

    def values(self) -> tuple[str, str, str]:
        return (self.cause.currentData(), *self.approver.values())

    def show_error(self, text: str) -> None:
        self.approver.clear_password()
        super().show_error(text)
