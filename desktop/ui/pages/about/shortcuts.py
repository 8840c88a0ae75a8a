"""Bantuan > Pintasan keyboard: every shortcut of the station in one list, the counter's first.

The pages' and menus' own shortcuts come from the page registry (desktop/ui/pages/), so a page that
declares one is listed without an edit here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui import pages

_C = "Shortcuts"
# The counter's keys and the window's, in the order of the work.
FIXED: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP(_C, "Pindai kartu"), QT_TRANSLATE_NOOP(
        _C, "NIK penduduk baru, di mana pun kursor berada (kecuali kolom kata sandi dan jendela dialog)")),
    ("Enter", QT_TRANSLATE_NOOP(_C, "Periksa NIK; menjalankan perintah yang sedang terpilih")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP(_C, "Ke isian berikutnya / sebelumnya")),
    (QT_TRANSLATE_NOOP(_C, "Spasi"), QT_TRANSLATE_NOOP(_C, "Centang dokumen; menjalankan perintah yang sedang terpilih")),
    ("F2, Ctrl+N", QT_TRANSLATE_NOOP(_C, "Ke kolom NIK")),
    ("Ctrl+P", QT_TRANSLATE_NOOP(_C, "Cetak KTP-el")),
    ("Esc", QT_TRANSLATE_NOOP(_C, "Penduduk berikutnya (mengosongkan halaman)")),
    ("F6", QT_TRANSLATE_NOOP(_C, "Panggil nomor antrian berikutnya (loket)")),
    ("Ctrl+R", QT_TRANSLATE_NOOP(_C, "Cetak ulang nomor antrian yang dipilih (pintu antrian)")),
    ("Ctrl+L", QT_TRANSLATE_NOOP(_C, "Keluar")),
)


def shortcut_rows(mode: str = pages.STATION) -> list[tuple[str, str]]:
    """(keys, what they do), translated: the counter's and the window's, then the registry's."""
    translate = QCoreApplication.translate
    rows = [(translate(_C, keys), translate(_C, what)) for keys, what in FIXED]  # key names as they are
    for page in pages.pages(mode):
        if page.shortcut:
            shown = QKeySequence(page.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            rows.append((shown, QCoreApplication.translate("Pages", page.title).replace("&", "")))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Pintasan keyboard"))
        layout = QVBoxLayout(self)
        rows = "".join(f"<tr><td style='padding-right:16px'><b>{keys}</b></td><td>{what}</td></tr>"
                       for keys, what in shortcut_rows())
        table = QLabel(f"<table>{rows}</table>", self)
        table.setObjectName("shortcutTable")
        table.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def open_shortcuts(ctx) -> None:
    ShortcutsDialog(ctx.parent).exec()
