"""A dialog's wished size, bounded by the window it belongs to (docs/ui-style.md, "Short screens"): the
main window is as large as the screen lets it be, so a dialog sized this way never reaches past the
screen at 125 % or 150 %; its layout's least size still wins where it is larger."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

PLACEHOLDER_ROOM = 32  # the field's frame and text margins around a placeholder


def resize_within_window(dialog: QWidget, width: int, height: int) -> None:
    parent = dialog.parentWidget()
    if parent is not None:
        room = parent.window().size()
        width, height = min(width, room.width()), min(height, room.height())
    dialog.resize(width, height)


def fit_placeholder(*fields: QLineEdit) -> None:
    """Each field at least as wide as its placeholder: a hint is read whole, never cut."""
    for field in fields:
        if field.placeholderText():
            field.ensurePolished()
            needed = field.fontMetrics().horizontalAdvance(field.placeholderText()) + PLACEHOLDER_ROOM
            field.setMinimumWidth(max(field.minimumWidth(), needed))
