"""Telling a supervisor that the start-up check found the audit log changed outside the application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.services.audit_verify import Problem


class AuditWarning(QMessageBox):
    """Window-modal but not waiting (`open`, not `exec`): the counter keeps working behind it."""

    def __init__(self, problem: Problem, parent: QWidget) -> None:
        super().__init__(QMessageBox.Icon.Warning, "", "", parent=parent)
        self.setObjectName("auditWarning")
        self.setWindowTitle(self.tr("Log audit diubah di luar aplikasi"))
        self.setText(
            self.tr("Pemeriksaan log audit saat aplikasi dimulai menemukan masalah pada entri #%1: %2")
            .replace("%1", str(problem.seq)).replace("%2", tr_message(problem.message))
        )
        self.setInformativeText(
            self.tr("Pencetakan tetap dapat berjalan dan temuan ini sudah dicatat. Laporkan ke petugas TI "
                    "kabupaten; mereka dapat memeriksanya dengan perintah: ktp-mandiri audit verify.")
        )
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.button(QMessageBox.StandardButton.Ok).setText(self.tr("Tutup"))


def show_audit_warning(parent: QWidget, problem: Problem) -> AuditWarning:
    box = AuditWarning(problem, parent)
    box.open()
    return box
