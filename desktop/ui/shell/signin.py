"""Before the work: the start page (log-in, or the first run on an empty station), the log-in itself
and the password a reset (or demo) account must change first.

Signals: signed_in(CurrentUser).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from desktop.ui.login_page import LoginPage
from desktop.ui.operations import QueryOp
from desktop.ui.operations.session import log_in, set_up_station

if TYPE_CHECKING:
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo
    from desktop.ui.shell.context import ShellState
    from desktop.ui.shell.errors import ErrorPresenter


class SignIn(QObject):
    signed_in = Signal(object)
    enrol_requested = Signal()

    def __init__(self, state: ShellState, stack: QStackedWidget, errors: ErrorPresenter,
                 demo_credentials: list | None, parent: QObject) -> None:
        super().__init__(parent)
        self.state, self.stack, self.errors = state, stack, errors
        self.ready = False  # the log-in or first-run page is chosen and can be used
        self.login_page = LoginPage(demo_credentials, stack)
        self.login_page.setObjectName("loginPage")
        self.login_page.login_requested.connect(self._login)
        self.first_run_page = None
        stack.addWidget(self.login_page)

    def choose_start_page(self, has_users: bool) -> None:
        self.ready = True
        self.login_page.set_loading(False)
        QueryOp("db", self.state.services.stations.current).success(self._name_station).run_in(self.state.ops)
        if has_users:
            self.stack.setCurrentWidget(self.login_page)
            return
        from desktop.ui.login_page import FirstRunPage

        self.first_run_page = FirstRunPage(self.state.services.regions, self.stack)
        self.first_run_page.setObjectName("firstRunPage")
        self.first_run_page.setup_requested.connect(self._first_run)
        self.first_run_page.enrol_requested.connect(self.enrol_requested)
        self.stack.addWidget(self.first_run_page)
        self.stack.setCurrentWidget(self.first_run_page)
        self._station_elsewhere()

    def _station_elsewhere(self) -> None:
        """Windows: another account of this PC holds its station; no second one without an admin's choice."""
        from desktop import station_account
        from desktop.errors import UserFacingError

        try:
            problem = station_account.held_elsewhere()
        except UserFacingError as exc:  # a marker that cannot be read: said, and nothing made
            problem = str(exc)
        if problem:
            self.first_run_page.held_elsewhere(problem)

    def _name_station(self, station: StationInfo | None) -> None:
        """The station in the window's title and on the log-in page: two windows side by side tell apart."""
        if station is not None:
            self.stack.window().setWindowTitle(self.tr("KTP-el Mandiri — %1").replace("%1", station.name))
            self.login_page.set_station(station.name)

    def _first_run(self, form: dict) -> None:
        set_up_station(self.state.services, form).success(self.signed_in.emit).failure(
            lambda exc: self.errors.on_page(self.first_run_page, exc)).run_in(self.state.ops, self)

    def _login(self, username: str, password: str) -> None:
        log_in(self.state.services, username, password).success(lambda user: self._password_checked(user, password)) \
            .failure(lambda exc: self.errors.on_page(self.login_page, exc)).run_in(self.state.ops, self)

    def _password_checked(self, user: CurrentUser, password: str) -> None:
        """A reset (or demo) password is changed before anything else."""
        if not user.must_change_password:
            self.signed_in.emit(user)
            return
        from desktop.ui.pages.accounts.page import change_password

        change_password(self.state.parent, self.state.services, self.state.ops, user, self.signed_in.emit,
                        self.login_page.reset, forced_old=password)
