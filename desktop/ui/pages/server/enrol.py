"""Enrolling the station with the regency server: the dialog and the operation.

After it, the enrol operation's change event lets the shell go on (the log-in page on a first run,
the background sync otherwise).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.fit import fit_placeholder
from desktop.ui.operations.sync import enrol

if TYPE_CHECKING:
    from desktop.ui.shell.context import PageContext


def open_enrol(ctx: PageContext) -> None:
    dialog = EnrolDialog(ctx.parent)
    dialog.setObjectName("enrolDialog")
    if dialog.exec() != EnrolDialog.DialogCode.Accepted:
        return
    url, code, ca_file = dialog.values()

    def enrolled(_report) -> None:
        ctx.ops.messages.info(
            QCoreApplication.translate("EnrolDialog", "Stasiun terdaftar di server kabupaten dan sudah tersinkron."))

    enrol(ctx.services, url, code, ca_file).success(enrolled).failure(ctx.ops.on_action_failed).run_in(ctx.ops)


class EnrolDialog(QDialog):
    """Server address, the one-time code from the regency admin, and (optionally) the certificate to trust."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Daftarkan ke server kabupaten"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Masukkan alamat server kabupaten dan kode pendaftaran sekali pakai dari admin "
                               "kabupaten. Setelah terdaftar, pengguna, penduduk dan kuota datang dari server."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(self)
        self.url.setObjectName("enrolUrl")
        self.url.setPlaceholderText(self.tr("https://ktp.kabupaten.go.id"))
        self.code = QLineEdit(self)
        self.code.setObjectName("enrolCode")
        self.code.setPlaceholderText(self.tr("XXXX-XXXX-XXXX-XXXX"))
        self.ca_file = QLineEdit(self)
        self.ca_file.setObjectName("enrolCaFile")
        self.ca_file.setPlaceholderText(self.tr("kosongkan bila sertifikat server dipercaya sistem"))
        form.addRow(self.tr("Alamat server"), self.url)
        form.addRow(self.tr("Kode pendaftaran"), self.code)
        form.addRow(self.tr("Berkas sertifikat (PEM)"), self.ca_file)
        fit_placeholder(self.url, self.code, self.ca_file)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str, str | None]:
        return self.url.text().strip(), self.code.text().strip(), self.ca_file.text().strip() or None
