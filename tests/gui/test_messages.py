"""One path for messages: the bar shows them (information fades, warnings stay), and the tests' own
recorder fails a test on what it did not declare."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.message import Level, MessageBridge, UserMessage
from desktop.ui.shell import message_bar
from desktop.ui.shell.message_bar import MessageBar
from tests.helpers.messages import Expected, Told


def test_information_fades_and_warnings_stay_until_dismissed(qtbot, monkeypatch, expect_message):
    monkeypatch.setattr(message_bar, "INFO_MS", 200)
    window = QWidget()
    qtbot.addWidget(window)
    bar = MessageBar(window)
    bridge = MessageBridge()
    bridge.info("Kuota diubah.")  # said before the bar exists: held
    bridge.attach(bar.add)
    window.show()
    expect_message("Server menolak.", Level.WARNING)
    bridge.warning("Server menolak.")
    assert bar.texts() == ["Kuota diubah.", "Server menolak."] and bar.isVisible()
    qtbot.waitUntil(lambda: bar.texts() == ["Server menolak."], timeout=3000)
    bar.lines[0].dismiss.click()
    assert bar.texts() == [] and not bar.isVisible()


def test_what_was_not_declared_fails_and_what_was_declared_must_come():
    record = Told()
    record.record(UserMessage(Level.WARNING, "Printer macet."))
    record.record(UserMessage(Level.INFO, "Kuota diubah."))  # information needs no declaration
    record.expected.append(Expected("Disk penuh"))
    assert record.problems() == ["the user was told, undeclared (WARNING): Printer macet.",
                                 "the user was never told: Disk penuh"]


def test_a_dialog_nobody_answers_is_closed_within_five_seconds(qtbot, told):
    box = QMessageBox(QMessageBox.Icon.Warning, "KTP-el Mandiri", "Tidak terduga")
    started = time.monotonic()
    QTimer.singleShot(0, box.exec)
    qtbot.waitUntil(lambda: bool(told.dialogs), timeout=8000)
    assert time.monotonic() - started < 7 and not box.isVisible()
    assert told.dialogs == ["a dialog nobody answered (QMessageBox): Tidak terduga"]
    told.dialogs.clear()  # this test's own dialog: it would fail the test at its end
