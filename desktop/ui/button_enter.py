"""Enter on a focused button does what the button says, in a whole window (Space already does).

Qt presses a focused push button on Enter only inside a dialog (its "auto default" buttons); in a main
window Enter on "4. Cetak KTP-el" did nothing. The filter, installed on the application for one window,
clicks a focused, enabled push or tool button that would not take the Enter itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QToolButton, QWidget

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ButtonEnter(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or event.key() not in ENTER:
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if not isinstance(watched, QPushButton | QToolButton) or watched is not QApplication.focusWidget():
            return False
        if watched.window() is not self.window or not watched.isEnabled() or _takes_enter(watched):
            return False
        watched.click()
        return True


def _takes_enter(button: QAbstractButton) -> bool:
    return isinstance(button, QPushButton) and (button.autoDefault() or button.isDefault())
