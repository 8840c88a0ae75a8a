"""The bar under the header: one line per message; information fades after 8 s, warnings and errors
stay until dismissed ("Tutup"). Hidden while empty, so it takes no room."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.message import Level, UserMessage
from desktop.ui.style import PALETTE

INFO_MS = 8000
MAX_LINES = 4

_COLOURS = {Level.INFO: PALETTE["ok_bg"], Level.WARNING: PALETTE["warn_bg"], Level.ERROR: PALETTE["action_bg"]}


class MessageLine(QFrame):
    def __init__(self, message: UserMessage, parent: QWidget) -> None:
        super().__init__(parent)
        self.message = message
        self.setObjectName("messageLine")
        self.setStyleSheet(f"#messageLine {{ background: {_COLOURS[message.level]}; border-radius: 3px; }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        self.label = QLabel(message.text, self)
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.dismiss = QPushButton(self.tr("Tutup"), self)
        self.dismiss.setObjectName("messageDismiss")
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the NIK keeps the keyboard
        layout.addWidget(self.dismiss)


class MessageBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 0, 8, 0)
        self.lines: list[MessageLine] = []
        self._waiting: list[MessageLine] = []  # information not yet seen: its 8 s start when shown
        self.hide()

    def add(self, message: UserMessage) -> None:
        for line in self.lines:  # the same sentence again: once is enough
            if line.message == message:
                return
        line = MessageLine(message, self)
        line.dismiss.clicked.connect(lambda: self.remove(line))
        self._layout.addWidget(line)
        self.lines.append(line)
        while len(self.lines) > MAX_LINES:
            self.remove(self.lines[0])
        if message.level == Level.INFO:
            self._waiting.append(line)
        self.setVisible(True)
        self._start_fading()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._start_fading()

    def _start_fading(self) -> None:
        if not self.isVisible() or (self.window() is not None and not self.window().isVisible()):
            return
        waiting, self._waiting = self._waiting, []
        for line in waiting:
            QTimer.singleShot(INFO_MS, line, lambda line=line: self.remove(line))

    def texts(self) -> list[str]:
        return [line.message.text for line in self.lines]

    def remove(self, line: MessageLine) -> None:
        if line in self.lines:
            self.lines.remove(line)
            line.deleteLater()
        if not self.lines:
            self.hide()
