"""The screen lock: after 10 idle minutes the work page is covered until the user's password is given.

The work page stays as it is underneath (the citizen on it, a card still printing); only the lock
page is shown and the menus are off. Unlocking is throttled like a log-in. "Keluar" logs out instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserFacingError
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.ui.operations import Operations

IDLE_LOCK_MS = 10 * 60 * 1000
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
})


class IdleWatcher(QObject):
    """Any key, click, mouse move or wheel anywhere in the application restarts the countdown.

    Signals: idle_reached."""

    idle_reached = Signal()

    def __init__(self, interval_ms: int = IDLE_LOCK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle_reached)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def start(self) -> None:
        # Watching only while someone is logged in: an application-wide filter in Python makes PySide
        # wrap every object that gets an event, ~35 ms of type set-up before the log-in window could
        # paint (bench/bench_startup.py, docs/benchmarks.md).
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)


class LockPage(QWidget):
    """Signals: unlock_requested(password), logout_requested."""

    unlock_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        frame = QFrame(self)
        frame.setObjectName("loginCard")
        frame.setMaximumWidth(520)
        layout = QVBoxLayout(frame)
        title = QLabel(self.tr("Layar terkunci"), frame)
        title.setObjectName("pageTitle")
        self.who = QLabel(frame)
        self.who.setWordWrap(True)
        self.password = QLineEdit(frame)
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Kata sandi"))
        self.error = QLabel(frame)
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        self.unlock = QPushButton(self.tr("Buka kunci"), frame)
        self.unlock.setObjectName("unlockButton")
        self.unlock.setDefault(True)
        self.logout = QPushButton(self.tr("Keluar"), frame)
        self.logout.setObjectName("lockLogoutButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock)
        buttons.addStretch(1)
        buttons.addWidget(self.logout)
        for widget in (title, self.who, self.password, self.error):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        outer.addWidget(frame)
        self.unlock.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.logout.clicked.connect(self.logout_requested)

    def show_for(self, full_name: str, username: str) -> None:
        self.who.setText(
            self.tr("%1 (%2): masukkan kata sandi untuk melanjutkan. Pekerjaan di halaman tetap seperti semula; "
                    "layar terkunci sendiri setelah 10 menit tanpa kegiatan.").replace("%1", full_name)
            .replace("%2", username)
        )
        self.error.hide()
        self.password.clear()
        self.unlock.setEnabled(True)
        self.password.setFocus()

    def _submit(self) -> None:
        if self.unlock.isEnabled():
            self.unlock.setEnabled(False)
            self.unlock_requested.emit(self.password.text())

    def show_error(self, text: str) -> None:
        self.unlock.setEnabled(True)
        self.error.setText(text)
        self.error.show()
        self.password.clear()
        self.password.setFocus()


class ScreenLock(QObject):
    """Covers `work` in `stack` with a LockPage after the idle time, and uncovers it for the password.

    Signals: logout_requested (the user chose "Keluar" on the lock page)."""

    logout_requested = Signal()

    def __init__(self, stack: QStackedWidget, work: QWidget, menus: QWidget, ops: Operations,
                 interval_ms: int = IDLE_LOCK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack, self.work, self.menus, self.ops = stack, work, menus, ops
        self.page = LockPage(stack)
        stack.addWidget(self.page)
        self.services: Services | None = None
        self.user: CurrentUser | None = None
        self.watcher = IdleWatcher(interval_ms, self)
        self.watcher.idle_reached.connect(self.lock)
        self.page.unlock_requested.connect(self._unlock)
        self.page.logout_requested.connect(self.logout_requested)

    @property
    def locked(self) -> bool:
        return self.stack.currentWidget() is self.page

    def set_session(self, services: Services | None, user: CurrentUser | None) -> None:
        """Start counting for a logged-in user; stop (and uncover) at log-out."""
        self.services, self.user = services, user
        if user is None:
            self.watcher.stop()
            self.menus.setEnabled(True)
        else:
            self.watcher.start()

    def lock(self) -> None:
        if self.user is None or self.locked or self.stack.currentWidget() is not self.work:
            return
        _close_open_dialogs()
        self.menus.setEnabled(False)
        self.page.show_for(self.user.full_name, self.user.username)
        self.stack.setCurrentWidget(self.page)
        self._record("screen.lock")

    def _record(self, action: str) -> None:
        from desktop.ui.operations.session import record_lock

        record_lock(self.services, self.user, action).quietly().run_in(self.ops)

    def _unlock(self, password: str) -> None:
        from desktop.ui.operations.session import unlock_screen

        if self.user is None:
            return
        unlock_screen(self.services, self.user, password).success(self._unlocked).failure(self._refused).run_in(
            self.ops)

    def _unlocked(self, _user: CurrentUser) -> None:
        self.menus.setEnabled(True)
        self.stack.setCurrentWidget(self.work)
        self.watcher.start()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, UserFacingError):
            self.ops.on_error(exc)  # a bug: the error presenter
            return
        self.page.show_error(error_text(exc))


def _close_open_dialogs(close: Callable[[QDialog], None] = QDialog.reject) -> None:
    """A dialog left open would sit above the lock page: cancel it (nothing in it was confirmed)."""
    for _ in range(10):  # dialogs opened from dialogs, innermost first
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            return
        close(dialog)
