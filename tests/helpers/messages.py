"""What the user was told, and nothing else: a recorder in place of the message bridge's display, and
a watch on logged warnings and on dialogs (qutebrowser's messagemock and logfail).

- `expect_message(fragment)`: the test declares a warning or error the user is to be told; one that
  was not declared fails the test, and so does a declared one that never came.
- `expect_log(fragment)`: a warning or error logged by the application (`ktp.*`) that the test expects.
- A modal dialog open for 5 s that nobody answers is closed and fails the test (not the 180 s time-out).
"""

from __future__ import annotations

import itertools
import logging
import time
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.ui.message import Level, MessageBridge, UserMessage

DIALOG_GRACE_S = 5.0


@dataclass
class Expected:
    fragment: str
    level: Level | None = None
    matched: list[str] = field(default_factory=list)

    def matches(self, text: str, level: Level | None = None) -> bool:
        return self.fragment in text and (self.level is None or level is None or level == self.level)

    def seen(self) -> bool:
        return bool(self.matched)


class Told:
    """Every message the bridge passed on, in order."""

    def __init__(self) -> None:
        self.messages: list[UserMessage] = []
        self.expected: list[Expected] = []
        self.logs: list[logging.LogRecord] = []
        self.expected_logs: list[Expected] = []
        self.dialogs: list[str] = []

    def texts(self, level: Level | None = None) -> list[str]:
        return [m.text for m in self.messages if level is None or m.level == level]

    def saw(self, fragment: str) -> bool:
        return any(fragment in text for text in self.texts())

    def record(self, message: UserMessage) -> None:
        self.messages.append(message)
        for expected in self.expected:
            if expected.matches(message.text, message.level):
                expected.matched.append(message.text)

    def problems(self) -> list[str]:
        found = []
        for message in self.messages:
            hits = [e for e in self.expected if e.matches(message.text, message.level)]
            if message.level >= Level.WARNING and not hits:
                found.append(f"the user was told, undeclared ({message.level.name}): {message.text}")
        found += [f"the user was never told: {e.fragment}" for e in self.expected if not e.matched]
        for record in self.logs:
            text = record.getMessage()
            hits = [e for e in self.expected_logs if e.matches(text)]
            for expected in hits:
                expected.matched.append(text)
            if not hits:
                found.append(f"logged, undeclared ({record.levelname} {record.name}): {text.splitlines()[0]}")
        found += [f"never logged: {e.fragment}" for e in self.expected_logs if not e.matched]
        return found + self.dialogs


class _LogWatch(logging.Handler):
    def __init__(self, told: Told) -> None:
        super().__init__(logging.WARNING)
        self.told = told

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != "ktp.messages":  # those are checked as messages
            self.told.logs.append(record)


_WATCH_TOKEN = "ktpTestWatchToken"  # a dynamic property: which dialog the watch is timing


def _watch_dialogs(told: Told) -> QTimer:
    seen: dict[int, float] = {}  # token -> when first seen, since the last moment without a dialog
    tokens = itertools.count(1)

    def check() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            seen.clear()
            return
        # The dialog is known by a token kept on it, not by its Python id(): an id is reused by the
        # next dialog once one is gone, which made a fresh dialog look 5 s old in a walk of many dialogs.
        token = box.property(_WATCH_TOKEN)
        if token is None:
            token = next(tokens)
            box.setProperty(_WATCH_TOKEN, token)
        first = seen.setdefault(token, time.monotonic())
        if time.monotonic() - first < DIALOG_GRACE_S:
            return
        seen.pop(token, None)
        text = box.text() if isinstance(box, QMessageBox) else box.windowTitle()
        told.dialogs.append(f"a dialog nobody answered ({box.objectName() or type(box).__name__}): {text}")
        if isinstance(box, QDialog):
            box.reject()
        else:
            box.close()

    timer = QTimer()
    timer.setInterval(200)
    timer.timeout.connect(check)
    timer.start()
    return timer


@pytest.fixture(autouse=True)
def told(qapp, monkeypatch):
    """The recorder: what the bridge showed (the bar still shows it), logged warnings, stuck dialogs."""
    record = Told()
    original = MessageBridge.show

    def show(self, message: UserMessage) -> None:
        record.record(message)
        original(self, message)

    monkeypatch.setattr(MessageBridge, "show", show)
    handler = _LogWatch(record)
    logger = logging.getLogger("ktp")
    logger.addHandler(handler)
    timer = _watch_dialogs(record)
    yield record
    timer.stop()
    logger.removeHandler(handler)
    problems = record.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def expect_message(told):
    def declare(fragment: str, level: Level | None = None) -> Expected:
        expected = Expected(fragment, level)
        expected.matched += [m.text for m in told.messages if expected.matches(m.text, m.level)]
        told.expected.append(expected)
        return expected

    return declare


@pytest.fixture
def expect_log(told):
    def declare(fragment: str) -> Expected:
        expected = Expected(fragment)
        told.expected_logs.append(expected)
        return expected

    return declare
