"""One path for what the user is told (qutebrowser's message bridge): information, warnings and errors
from any layer are logged and shown in the message bar under the header (desktop/ui/shell/message_bar.py).

Messages said before a bar is attached are held and shown when it is. Modal dialogs are only for
decisions; everything else comes through here. Tests record what passes (tests/gui/conftest.py).

Signals: shown(UserMessage).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("ktp.messages")


class Level(enum.IntEnum):
    INFO = logging.INFO
    WARNING = logging.WARNING
    ERROR = logging.ERROR


@dataclass(frozen=True)
class UserMessage:
    level: Level
    text: str
    page: str = ""  # the page it also stays on ("counter" for a print failure), if any


class MessageBridge(QObject):
    shown = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: list[UserMessage] = []
        self._attached = False

    def info(self, text: str, page: str = "") -> None:
        self.show(UserMessage(Level.INFO, text, page))

    def warning(self, text: str, page: str = "") -> None:
        self.show(UserMessage(Level.WARNING, text, page))

    def error(self, text: str, page: str = "") -> None:
        self.show(UserMessage(Level.ERROR, text, page))

    def show(self, message: UserMessage) -> None:
        # The sentence, not a citizen's data: messages name jobs and blanko, never a NIK at INFO.
        log.log(message.level, "%s", message.text)
        if self._attached:
            self.shown.emit(message)
        else:
            self._held.append(message)

    def attach(self, receiver) -> None:
        """Connect the bar; what was said before it existed is shown now."""
        self.shown.connect(receiver)
        self._attached = True
        held, self._held = self._held, []
        for message in held:
            self.shown.emit(message)
