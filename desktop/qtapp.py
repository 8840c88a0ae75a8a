"""The one Qt application object of a command-line process (the GUI makes its own QApplication).

Drawing the card and printing through the OS spooler need a QGuiApplication; on a server without a
display Qt's default platform would abort the process, so there the offscreen platform is chosen.
"""

from __future__ import annotations

import os
import sys

from desktop import platform as system

_gui_app = None  # keeps the QGuiApplication made by ensure_gui_app() alive


def headless() -> bool:
    """True on a Linux/BSD machine without a display (and no platform chosen through QT_QPA_PLATFORM),
    where Qt's default platform would abort the process instead of drawing."""
    if system.WINDOWS or system.MACOS or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_gui_app() -> None:
    """Create a QGuiApplication for command-line use; Qt needs one before it can load fonts or print.

    An application made elsewhere (the GUI, pytest-qt) is reused: Qt allows only one per process.
    """
    global _gui_app
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        argv = [sys.argv[0] if sys.argv else "ktp-mandiri"]
        if headless():  # a server or an SSH session: drawing needs no screen
            argv += ["-platform", "offscreen"]
        _gui_app = QGuiApplication(argv)
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError("drawing the card needs a QGuiApplication, but a plain QCoreApplication exists")
