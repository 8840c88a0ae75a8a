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
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
            "Paket dukungan berisi versi aplikasi, log tanpa NIK dan nama, printer dan pemeriksaan log audit, "
            "untuk petugas TI kabupaten.") if bundle else self.tr(
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
        op = (make_support_bundle if self.bundle else take_backup)(self.ctx.services, user, Path(text))
        op.success(self._made).failure(self._failed).run_in(self.ctx.ops, self)

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
