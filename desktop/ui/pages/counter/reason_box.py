"""The counter's third step: the reason for printing and the documents it asks for (their checks and
numbers), in a box of fixed height so that a new reason never moves the rest of the page.

Signals: documents_changed() after the reason changed and its documents were laid out anew;
changed() when a document is ticked or its number edited.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.reasons import REASONS
from desktop.ui.style import BOX_MARGINS
from desktop.ui.text import tr_message


class ReasonBox(QGroupBox):
    documents_changed = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("3. Alasan dan dokumen"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*BOX_MARGINS)
        self.reason = QComboBox(self)
        self.reason.setObjectName("reasonCombo")
        self.reason.addItem(self.tr("— pilih alasan pencetakan —"), "")
        for reason in REASONS.values():
            self.reason.addItem(tr_message(reason.label), reason.key)
        layout.addWidget(self.reason)
        docs = QWidget(self)
        self.docs_layout = QVBoxLayout(docs)
        self.docs_layout.setContentsMargins(0, 0, 0, 0)
        self.docs_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        docs.setFixedHeight(self._documents_height())  # room for the reason with the most documents
        layout.addWidget(docs)
        self.doc_checks: dict[str, QCheckBox] = {}
        self.doc_numbers: dict[str, QLineEdit] = {}
        self.reason.currentIndexChanged.connect(self._reason_changed)

    def _documents_height(self) -> int:
        # Measured on widgets styled as the shown ones will be (the window's stylesheet), then dropped.
        probes = QCheckBox("X", self), QLineEdit(self)
        for probe in probes:
            probe.ensurePolished()
        check, number = (probe.sizeHint().height() for probe in probes)
        for probe in probes:
            probe.deleteLater()
        spacing = max(self.docs_layout.spacing(), 0)
        heights = [sum(check + (number + spacing if doc.needs_number else 0) for doc in reason.documents)
                   + spacing * (len(reason.documents) - 1) for reason in REASONS.values()]
        return max(heights)

    def _reason_changed(self) -> None:
        for widget in list(self.doc_checks.values()) + list(self.doc_numbers.values()):
            self.docs_layout.removeWidget(widget)
            widget.deleteLater()
        self.doc_checks.clear()
        self.doc_numbers.clear()
        key = self.reason.currentData()
        if key:
            for doc in REASONS[key].documents:
                check = QCheckBox(tr_message(doc.label), self)
                check.setObjectName(f"doc_{doc.key}")
                check.toggled.connect(self.changed)
                self.docs_layout.addWidget(check)
                self.doc_checks[doc.key] = check
                if doc.needs_number:
                    number = QLineEdit(self)
                    number.setObjectName(f"docnum_{doc.key}")
                    number.setPlaceholderText(self.tr("Nomor surat"))
                    number.textChanged.connect(self.changed)
                    self.docs_layout.addWidget(number)
                    self.doc_numbers[doc.key] = number
        self.documents_changed.emit()
