"""Leaving the work with a citizen half served: logging out and closing the window ask first, with
staying as the default (Enter, Escape), and the focus goes back to the NIK when the operator stays."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_logout(window: QWidget) -> bool:
    """Logging out clears the citizen on the page."""
    from desktop.ui.dialogs import confirm

    return confirm(window, "logoutDialog", QCoreApplication.translate("MainWindow", "Keluar"), QCoreApplication.translate(
        "MainWindow", "Penduduk yang sedang dilayani akan hilang dari layar. Tetap keluar?"),
        QCoreApplication.translate("MainWindow", "Keluar"), QCoreApplication.translate("MainWindow", "Tetap di sini"),
        QMessageBox.ButtonRole.DestructiveRole)


def confirm_close(window: QWidget, page) -> bool:
    """Closing the window with a citizen on the counter page (`page`, or None) asks as logging out does."""
    from desktop.ui.dialogs import confirm

    if page is None or not page.has_citizen:
        return True
    if confirm(window, "closeDialog", QCoreApplication.translate("MainWindow", "Tutup aplikasi"), QCoreApplication.translate(
            "MainWindow", "Penduduk yang sedang dilayani akan hilang dari layar. Tetap tutup aplikasi?"),
            QCoreApplication.translate("MainWindow", "Tutup"), QCoreApplication.translate("MainWindow", "Tetap di sini"),
            QMessageBox.ButtonRole.DestructiveRole):
        return True
    page.nik_edit.setFocus()
    return False
