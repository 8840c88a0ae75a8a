"""A barcode scanner's burst recognised wherever the keyboard focus is in a window.

A scanner types a NIK as 16 digit keys and Enter, each key a few milliseconds after the last; nobody
types that fast. The filter watches the key presses of one window (installed on the application, so
it sees them before the focused widget acts on Enter) and measures the gaps with the events' own
timestamps (`QKeyEvent.timestamp()`). The digits reach the focused widget as they come (a person
typing must not wait); when Enter ends a burst of at least MIN_DIGITS digits with every gap at most
`max_gap_ms`, what the burst did to the focused widget is taken back (a line edit's text, a list's
choice), the Enter is kept from the widget, and the digits go to `on_scan`.

Not watched: password fields, modal dialogs, other windows, and the widgets `ignored` names (the NIK
field, which takes a scan itself). The digits are never logged.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

MIN_DIGITS = 16
DEFAULT_MAX_GAP_MS = 50
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
CHORDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


def _undo_for(widget: QWidget | None) -> Callable[[], None]:
    """How to put `widget` back as it is now, before a burst's digits reach it."""
    if isinstance(widget, QLineEdit):
        text, cursor = widget.text(), widget.cursorPosition()

        def restore_line() -> None:
            if widget.text() != text:
                widget.setText(text)
            widget.setCursorPosition(cursor)
        return restore_line
    if isinstance(widget, QComboBox) and not widget.isEditable():
        index = widget.currentIndex()

        def restore_choice() -> None:
            if widget.currentIndex() != index:  # keyboard search may have picked an entry
                widget.setCurrentIndex(index)
        return restore_choice
    return lambda: None


class ScanFilter(QObject):
    """Watches the key presses in the window of `within` while it is shown; `on_scan(digits)` is called
    for each burst, just after the Enter (so that it may ask a question in a dialog of its own)."""

    def __init__(self, within: QWidget, on_scan: Callable[[str], None], ignored: Callable[[QWidget], bool],
                 parent: QObject | None = None, max_gap_ms: int = DEFAULT_MAX_GAP_MS) -> None:
        super().__init__(parent)
        self.within = within
        self.on_scan = on_scan
        self.ignored = ignored
        self.max_gap_ms = max_gap_ms
        self._digits: list[str] = []
        self._last: int | None = None
        self._undo: Callable[[], None] = lambda: None
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        focus = QApplication.focusWidget()
        if watched is not (focus or QApplication.activeWindow()):
            return False  # the same press offered to the focused widget's parents, or another object
        if not self._watching(focus):
            self._reset()
            return False
        return self._key(event, focus)

    def _watching(self, focus: QWidget | None) -> bool:
        if focus is None or QApplication.activeModalWidget() is not None or not self.within.isVisible():
            return False
        if focus.window() is not self.within.window() or self.ignored(focus):
            return False
        return not (isinstance(focus, QLineEdit) and focus.echoMode() != QLineEdit.EchoMode.Normal)

    def _key(self, event: QKeyEvent, focus: QWidget) -> bool:
        now = event.timestamp()
        in_burst = self._last is not None and 0 <= now - self._last <= self.max_gap_ms
        text = event.text()
        if len(text) == 1 and text.isascii() and text.isdigit() and not event.modifiers() & CHORDS:
            if not in_burst:
                self._reset()
                self._undo = _undo_for(focus)
            self._digits.append(text)
            self._last = now
            return False  # the widget gets the digit: it may be a person typing
        if event.key() in ENTER and in_burst and len(self._digits) >= MIN_DIGITS:
            digits, undo = "".join(self._digits), self._undo
            self._reset()
            undo()
            QTimer.singleShot(0, self, lambda: self.on_scan(digits))
            return True
        self._reset()
        return False

    def _reset(self) -> None:
        self._digits.clear()
        self._last = None
        self._undo = lambda: None
