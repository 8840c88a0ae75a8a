"""Answering the application's modal dialogs from a test, as an operator would click them."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_dialog(name: str, button_text: str, seen: list[str]) -> None:
    """Once the message box `name` is open, note its text and buttons in `seen` and click `button_text`.

    If that button is missing another one is clicked: a modal dialog left open would hang the test.
    """

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == name:
            seen.append(box.text() + "\n" + " | ".join(b.text() for b in box.buttons()))
            wanted = [b for b in box.buttons() if b.text() == button_text]
            (wanted or box.buttons())[0].click()
            return
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def when_dialog(name: str, act) -> None:
    """Once a dialog named `name` is on screen (usually inside its own event loop), call act(dialog)."""

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == name and widget.isVisible():
                act(widget)
                return
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
