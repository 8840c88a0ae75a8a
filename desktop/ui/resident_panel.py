"""Box 2 of the verify page: the resident's data, photo and record status, and whether they may be printed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QWidget

from desktop.domain.card import SEX_LABELS
from desktop.domain.card_history import SHOWN, card_line
from desktop.services.residents import Verification
from desktop.ui.style import BOX_MARGINS, PALETTE
from desktop.ui.text import tr_message


class ResidentPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("2. Data penduduk"), parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(*BOX_MARGINS)
        self.photo = QLabel(self)
        self.photo.setObjectName("residentPhoto")
        self.photo.setFixedSize(114, 152)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid #b7c2cc; background: #f1f4f7;")
        grid.addWidget(self.photo, 0, 0, Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("name", self.tr("Nama")), ("birth", self.tr("Tempat/Tgl Lahir")), ("sex", self.tr("Jenis Kelamin")),
            ("address", self.tr("Alamat")), ("village", self.tr("Kel/Desa")), ("kecamatan", self.tr("Kecamatan")),
            ("status", self.tr("Status rekaman")), ("history", self.tr("Riwayat KTP-el")),
        ):
            value = QLabel("—", self)
            value.setObjectName(f"field_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key in ("name", "address", "history"):  # two lines kept: they wrap on narrow (scaled) windows
                value.ensurePolished()
                value.setMinimumHeight(2 * value.fontMetrics().lineSpacing() + 4)
            form.addRow(label, value)
            self.fields[key] = value
        grid.addLayout(form, 0, 1)
        grid.setColumnStretch(1, 1)
        self.status_box = QLabel(self)
        self.status_box.setObjectName("statusBox")
        self.status_box.setWordWrap(True)
        # Three lines kept for it whether shown or not: a new citizen never moves what is below.
        self.status_box.ensurePolished()
        self.status_box.setFixedHeight(3 * self.status_box.fontMetrics().lineSpacing() + 16)
        policy = self.status_box.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.status_box.setSizePolicy(policy)
        self.status_box.hide()
        grid.addWidget(self.status_box, 1, 0, 1, 2)
        grid.setRowStretch(2, 1)

    def show_resident(self, verification: Verification) -> None:
        """The resident's data and record status; never "can be printed" for one who will be refused."""
        resident, status = verification.resident, verification.status
        self.fields["name"].setText(resident.name)
        self.fields["birth"].setText(f"{resident.birth_place}, {resident.birth_date:%d-%m-%Y}")
        self.fields["sex"].setText(SEX_LABELS.get(resident.sex, resident.sex))
        self.fields["address"].setText(self.tr("%1 RT %2/RW %3").replace("%1", resident.address)
                                       .replace("%2", f"{resident.rt:03d}").replace("%3", f"{resident.rw:03d}"))
        self.fields["village"].setText(resident.village_name)
        self.fields["kecamatan"].setText(resident.kecamatan_name)
        self.fields["status"].setText(tr_message(status.label))  # the code (PRR, SFE) is no word for people
        # The last cards of the NIK from any station of the regency (DOMAIN.md, "One card per citizen").
        shown = verification.history[:SHOWN]
        self.fields["history"].setText("\n".join(tr_message(card_line(card)) for card in shown) if shown
                                       else self.tr("Belum ada KTP-el yang tercatat untuk NIK ini."))
        if status.printable and not verification.printable:
            # The record is ready, but not here and now: printed today, quota used up, another kecamatan.
            after = self.tr("KTP-el tidak dapat dicetak untuk penduduk ini sekarang; alasannya tertulis di bawah "
                            "pratinjau kartu.")
        else:
            after = self.tr("Langkah berikutnya:") + " " + tr_message(status.next_step)
        self.status_box.setText(f"<b>{tr_message(status.explanation)}</b><br>{after}")
        self.status_box.setStyleSheet(
            "padding: 6px; border-radius: 4px; "
            + (f"background: {PALETTE['ok_bg']}; color: {PALETTE['text']};" if verification.printable
               else f"background: {PALETTE['action_bg']}; color: {PALETTE['text']};")
        )
        self.status_box.show()

    def set_photo(self, photo: QImage) -> None:
        self.photo.setPixmap(QPixmap.fromImage(photo).scaled(
            self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def clear(self) -> None:
        for label in self.fields.values():
            label.setText("—")
        self.photo.clear()
        self.status_box.hide()
