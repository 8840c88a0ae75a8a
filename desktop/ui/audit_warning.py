"""Telling a supervisor that the start-up check found the audit log changed outside the application
(a warning in the message bar: the counter keeps working, the warning stays until dismissed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.services.audit_verify import Problem


class AuditWarning(QObject):
    def text(self, problem: Problem) -> str:
        return (
            self.tr("Pemeriksaan log audit saat aplikasi dimulai menemukan masalah pada entri #%1: %2")
            .replace("%1", str(problem.seq)).replace("%2", tr_message(problem.message))
            + " "
            + self.tr("Pencetakan tetap dapat berjalan dan temuan ini sudah dicatat. Laporkan ke petugas TI "
                      "kabupaten; mereka dapat memeriksanya dengan perintah: ktp-mandiri audit verify.")
        )
