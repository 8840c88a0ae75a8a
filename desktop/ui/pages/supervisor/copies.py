"""The Supervisor menu's "Cadangkan ke flash disk…" and "Buat paket dukungan…": the same copies as
`ktp-mandiri backup --out` and `ktp-mandiri support-bundle --out` (on Windows the command line is hard to
reach), to a folder typed in (the home folder at first), made off the GUI thread, audited
(desktop/services/station_copies.py). The dialog stays open: one sentence says where the file is and its
size, or why it was not made."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop.store.errors import megabytes
from desktop.ui.operations.copies import make_support_bundle, take_backup
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.services.station_copies import Copy
    from desktop.ui.shell.context import PageContext

class CopyDialog(QDialog):
    """A folder field, the one button that makes the copy, and the sentence saying how it went."""

    def __init__(self, ctx: PageContext, bundle: bool) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.bundle = ctx, bundle
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("supportBundleDialog" if bundle else "backupDialog")
        self.setWindowTitle(self.tr("Buat paket dukungan") if bundle else self.tr("Cadangkan ke flash disk"))
        about = QLabel(self.tr(
            "Paket dukungan berisi versi aplikasi, log tanpa NIK dan nama, printer, antrian CUPS, susunan perintah "
            "kartu terakhir yang gagal (tanpa data panel) dan pemeriksaan log audit, untuk petugas TI kabupaten.") if bundle else self.tr(
            "Salinan database stasiun yang sudah diperiksa. Simpan flash disk itu di tempat terkunci: "
            "isinya data penduduk."), self)
        about.setWordWrap(True)
        self.folder = QLineEdit(str(Path.home()), self)
        self.folder.setObjectName("copyFolder")
        self.folder.setPlaceholderText(self.tr("Folder tujuan, mis. flash disk"))
        self.make = QPushButton(self.tr("Buat paket") if bundle else self.tr("Cadangkan"), self)
        self.make.setObjectName("copyMake")
        self.make.setDefault(True)
        self.status = QLabel(self)
        self.status.setObjectName("copyStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton(self.tr("Tutup"), self)
        close.setObjectName("copyClose")
        form = QFormLayout()
        form.addRow(self.tr("Folder"), self.folder)
        self.card_stream = self._card_stream_choice(form) if bundle else None
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.make)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(560, 220)
        self.make.clicked.connect(self.start)
        close.clicked.connect(self.close)

    def start(self) -> None:
        text, user = self.folder.text().strip(), self.ctx.user
        if not text or user is None:
            return
        self.make.setEnabled(False)
        self.status.setText(self.tr("Sedang dibuat…"))
        if self.bundle:
            with_stream = self.card_stream.isChecked()
            if with_stream and not self._confirm_card_stream():
                self.make.setEnabled(True)
                self.status.setText(self.tr("Paket dukungan tidak dibuat."))
                return
            op = make_support_bundle(self.ctx.services, user, Path(text), with_stream)
        else:
            op = take_backup(self.ctx.services, user, Path(text))
        op.success(self._made).failure(self._failed).run_in(self.ctx.ops, self)

    def _card_stream_choice(self, form: QFormLayout) -> QCheckBox:
        """The last failed card's real panel data, off unless asked for (and then confirmed)."""
        box = QCheckBox(self.tr("Sertakan data panel asli kartu terakhir yang gagal (foto, nama dan NIK warga)"),
                        self)
        box.setObjectName("copyCardStream")
        form.addRow("", box)
        return box

    def _confirm_card_stream(self) -> bool:
        ask = QMessageBox(QMessageBox.Icon.Warning, self.tr("Sertakan data kartu warga?"), self.tr(
            "Data panel kartu yang gagal adalah foto, nama dan NIK warga dalam bentuk piksel. Sertakan hanya bila "
            "petugas TI kabupaten memintanya, dan kirim paketnya lewat jalur resmi."), parent=self)
        ask.setObjectName("cardStreamConfirm")
        include = ask.addButton(self.tr("Sertakan"), QMessageBox.ButtonRole.AcceptRole)
        ask.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        ask.setDefaultButton(QMessageBox.StandardButton.NoButton)
        ask.exec()
        return ask.clickedButton() is include

    def _made(self, made: Copy) -> None:
        self.make.setEnabled(True)
        said = (self.tr("Paket dukungan dibuat: %1 (%2).") if self.bundle
                else self.tr("Cadangan database dibuat dan sudah diperiksa: %1 (%2)."))
        self.status.setText(said.replace("%1", str(made.path)).replace("%2", megabytes(made.size)))

    def _failed(self, exc: BaseException) -> None:
        self.make.setEnabled(True)
        self.status.setText(error_text(exc))


def open_backup(ctx: PageContext) -> QDialog | None:
    return _open(ctx, bundle=False)


def open_support_bundle(ctx: PageContext) -> QDialog | None:
    return _open(ctx, bundle=True)


def _open(ctx: PageContext, bundle: bool) -> QDialog | None:
    if ctx.user is None:
        return None
    dialog = CopyDialog(ctx, bundle)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
