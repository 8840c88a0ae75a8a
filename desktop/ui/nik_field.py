"""The NIK field, typed by hand or by a barcode scanner (which types the digits, then Enter)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QKeyEvent, QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.domain.nik import normalize_nik

NIK_LENGTH = 16


class _AtMostOneNik(QValidator):
    """Refuses an edit that would hold more than one NIK's worth of characters (a paste of two NIKs).

    Anything shorter is Acceptable: the page explains a malformed NIK itself, and QLineEdit only
    emits returnPressed for acceptable input.
    """

    def validate(self, text: str, pos: int):
        if len(normalize_nik(text)) > NIK_LENGTH:
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


class NikEdit(QLineEdit):
    """Holds at most one NIK, and a new scan replaces the old one.

    A scanner types into whatever the field holds. When the field already holds a whole NIK and no
    text is selected, the next digit starts a new NIK instead of being appended (two scans used to
    make 32 digits). After Enter the text is selected, so a rescan of a mistyped NIK replaces it too.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(_AtMostOneNik(self))
        self.setMaxLength(40)  # 16 digits and the spaces, dots or dashes people write between them
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        self.setFont(big)
        self.returnPressed.connect(self.selectAll)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.text()
        if (len(key) == 1 and key.isascii() and key.isdigit() and not self.hasSelectedText()
                and len(normalize_nik(self.text())) >= NIK_LENGTH):
            self.clear()
        super().keyPressEvent(event)
