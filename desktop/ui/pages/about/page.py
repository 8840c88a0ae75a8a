"""About KTP-el Mandiri: the version and the third parties' licences."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class AboutBox(QMessageBox):
    def __init__(self, parent: QWidget) -> None:
        from desktop import version

        super().__init__(QMessageBox.Icon.Information, "", "", parent=parent)
        self.setWindowTitle(self.tr("Tentang KTP-el Mandiri"))
        self.setObjectName("aboutDialog")
        self.setText(self.tr("KTP-el Mandiri versi %1 — cetak KTP-el di kantor kecamatan.").replace("%1", version()))
        self.setInformativeText(self.tr(
            "Pihak ketiga: data kode wilayah dari cahyadsn/wilayah (MIT License, (c) 2017-2025 Cahya DSN); "
            "huruf Liberation Sans (SIL Open Font License 1.1); Qt for Python (LGPLv3)."))
        self.addButton(self.tr("Tutup"), QMessageBox.ButtonRole.AcceptRole)


def open_about(ctx) -> None:
    AboutBox(ctx.parent).exec()
