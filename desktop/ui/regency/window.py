"""The regency window: sign in against the server (a one-time password is changed first), then the
regency pages of the registry under a small header, their menus filtered by the account's role. The idle
lock of the station applies; its password is checked at the server. The token lives in the session
object only, never on disk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roles import RegencyRole
from desktop.errors import UserFacingError
from desktop.ui import pages
from desktop.ui.button_enter import ButtonEnter
from desktop.ui.login_page import LoginPage
from desktop.ui.message import MessageBridge
from desktop.ui.operations import Operations, QueryOp
from desktop.ui.pages.regency.common import LANE, RegencyContext
from desktop.ui.screen_lock import ScreenLock
from desktop.ui.shell.errors import ErrorPresenter
from desktop.ui.shell.menus import Menus
from desktop.ui.shell.message_bar import MessageBar
from desktop.ui.shell.work_area import WorkArea
from desktop.ui.style import STYLESHEET
from desktop.ui.tasks import TaskRunner
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.regency.session import RegencySession, RegencyUser


class RegencyLock(ScreenLock):
    """The station's idle lock, its password checked by the server (a log-in throttled as any)."""

    def _record(self, action: str) -> None:
        pass  # the regency's audit is the server's: a lock on this desk is not one of its facts

    def _unlock(self, password: str) -> None:
        session = self.services
        if self.user is None or session is None:
            return
        QueryOp(LANE, lambda: session.check_password(password)).success(self._unlocked).failure(
            self._refused).run_in(self.ops)


class RegencyHeader(QFrame):
    def __init__(self, server: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headerBar")
        layout = QHBoxLayout(self)
        self.place = QLabel(self.tr("Kabupaten — server %1").replace("%1", server), self)
        self.place.setObjectName("headerStation")
        self.who = QLabel(self)
        self.who.setObjectName("headerUser")
        self.logout = QPushButton(self.tr("Keluar"), self)
        self.logout.setObjectName("logoutButton")
        layout.addWidget(self.place)
        layout.addStretch(1)
        layout.addWidget(self.who)
        layout.addWidget(self.logout)


class RegencyWindow(QMainWindow):
    def __init__(self, session: RegencySession, runner: TaskRunner | None = None, interactive: bool = True,
                 lock_ms: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.user: RegencyUser | None = None
        self.runner = runner or TaskRunner(self)
        self.messages = MessageBridge(self)
        self.errors = ErrorPresenter(self, self.messages, interactive, None)
        self.ops = Operations(self.runner, self.errors, self)
        self.setWindowTitle(self.tr("KTP-el Mandiri — panel kabupaten"))
        self.setStyleSheet(STYLESHEET)
        self.resize(QSize(1280, 720))
        ButtonEnter(self)  # Enter on a focused button presses it, as Space does
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.login_page = LoginPage(None, self.stack)
        server = QLabel(self.tr("Panel kabupaten. Server: %1").replace("%1", session.url), self.login_page)
        server.setObjectName("regencyServer")
        server.setWordWrap(True)
        self.login_page.findChild(QFrame, "loginCard").layout().insertWidget(1, server)
        self.stack.addWidget(self.login_page)
        self.work = QWidget(self)
        self.work.setObjectName("workPage")
        QVBoxLayout(self.work).setContentsMargins(0, 0, 0, 0)
        self.header = RegencyHeader(session.url, self.work)
        self.message_bar = MessageBar(self.work)
        for widget in (self.header, self.message_bar):
            self.work.layout().addWidget(widget)
        self.messages.attach(self.message_bar.add)
        self.stack.addWidget(self.work)
        lock_args = {} if lock_ms is None else {"interval_ms": lock_ms}
        self.screen_lock = RegencyLock(self.stack, self.work, self.menuBar(), self.ops, parent=self, **lock_args)
        self.work_area = WorkArea(self.work, pages.REGENCY)
        self.menus = Menus(self.menuBar(), self, self.open_entry, mode=pages.REGENCY)
        self.logout_action = QAction(self.tr("Keluar"), self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+L"))
        self.addAction(self.logout_action)
        for logout in (self.screen_lock.logout_requested, self.header.logout.clicked, self.logout_action.triggered):
            logout.connect(self.logout)
        self.login_page.login_requested.connect(self._log_in)
        self.login_page.username.setFocus()

    # --- signing in -----------------------------------------------------------------------------
    def _log_in(self, username: str, password: str) -> None:
        session = self.session
        QueryOp(LANE, lambda: session.log_in(username, password)).success(self._logged_in).failure(
            lambda exc: self.errors.on_page(self.login_page, exc)).run_in(self.ops)

    def _logged_in(self, user: RegencyUser) -> None:
        if user.must_change_password:
            from desktop.ui.regency.password import change_password

            if not change_password(self.session, self.ops, self, True, self._show_work):
                self.session.log_out()
                self.login_page.reset()
            return
        self._show_work(user)

    def _show_work(self, user: RegencyUser) -> None:
        self.user = user
        self.screen_lock.set_session(self.session, user)
        self.work_area.close_all()
        available = self.work_area.available(user)
        if not available:
            self.login_page.show_error(error_text(UserFacingError(self.tr("Akun ini tidak punya halaman di panel "
                                                                          "kabupaten."))))
            return
        role = {RegencyRole.ADMIN: self.tr("admin kabupaten"),
                RegencyRole.SUPERVISOR: self.tr("supervisor kabupaten")}.get(user.role, user.role)
        self.header.who.setText(f"{user.username} ({role})")
        self.menus.update(user)
        self.stack.setCurrentWidget(self.work)
        self.work_area.open(available[0], self.page_context()).focus_first()

    def page_context(self) -> RegencyContext:
        return RegencyContext(self.session, self.ops, self, lambda: self.user)

    def open_entry(self, entry: pages.Page) -> None:
        if not entry.allowed(self.user):
            return
        if entry.menu == pages.WORK_AREA:
            self.work_area.open(entry, self.page_context()).focus_first()
            return
        entry.load()(self.page_context())

    # --- leaving --------------------------------------------------------------------------------
    def logout(self) -> None:
        self.user = None
        self.screen_lock.set_session(None, None)
        self.work_area.close_all()
        self.menus.update(None)
        session = self.session
        QueryOp(LANE, session.log_out).quietly().run_in(self.ops)  # the token is forgotten
        self.login_page.reset()
        self.stack.setCurrentWidget(self.login_page)

    def shutdown(self) -> None:
        self.screen_lock.set_session(None, None)
        self.runner.shutdown()
        self.session.log_out()
