"""Supervisor dialogs: change today's quota, record a blanko receipt."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.quota import QuotaState


class QuotaDialog(QDialog):
    """Change today's quota of one served kecamatan. `values()` -> (kecamatan_code, limit, reason)."""

    def __init__(self, states: list[QuotaState], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ubah kuota hari ini"))
        self.states = {s.kecamatan_code: s for s in states}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kecamatan = QComboBox(self)
        self.kecamatan.setObjectName("quotaKecamatan")
        for state in states:
            self.kecamatan.addItem(f"{state.kecamatan_name} ({state.used}/{state.limit})", state.kecamatan_code)
        self.limit = QSpinBox(self)
        self.limit.setObjectName("quotaLimit")
        self.limit.setRange(0, 5000)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("quotaReason")
        self.reason.setPlaceholderText(self.tr("mis. antrean panjang, instruksi Kadis"))
        form.addRow(self.tr("Kecamatan"), self.kecamatan)
        form.addRow(self.tr("Kuota hari ini"), self.limit)
        form.addRow(self.tr("Alasan"), self.reason)
        layout.addLayout(form)
        note = QLabel(self.tr("Perubahan dicatat di log audit dengan nama Anda."), self)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        self._kecamatan_changed()

    def _kecamatan_changed(self) -> None:
        state = self.states.get(self.kecamatan.currentData())
        if state:
            self.limit.setValue(state.limit)

    def values(self) -> tuple[str, int, str]:
        return self.kecamatan.currentData(), self.limit.value(), self.reason.text()


class ReceiveBlankoDialog(QDialog):
    """Record blanko received from the regency. `values()` -> (quantity, batch, note)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Terima blanko"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName("blankoQuantity")
        self.quantity.setRange(1, 20000)
        self.quantity.setValue(100)
        self.batch = QLineEdit(self)
        self.batch.setObjectName("blankoBatch")
        self.batch.setPlaceholderText(self.tr("nomor berita acara / batch"))
        self.note = QLineEdit(self)
        self.note.setObjectName("blankoNote")
        form.addRow(self.tr("Jumlah blanko"), self.quantity)
        form.addRow(self.tr("Batch / berita acara"), self.batch)
        form.addRow(self.tr("Catatan"), self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[int, str, str]:
        return self.quantity.value(), self.batch.text(), self.note.text()
