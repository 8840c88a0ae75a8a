"""The main window: a shell that owns its components (sign-in, menus and work area built from the page
registry, header data, start-up checks, the unfinished-job question, the regency link, the error
presenter) and shows the sign-in page, then the work under the status header."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from desktop.domain.roles import Role
from desktop.ui import pages
from desktop.ui.header import HeaderBar
from desktop.ui.message import MessageBridge
from desktop.ui.operations import PRINTERS, SETTINGS, Change, Operations, QueryOp
from desktop.ui.operations.checks import check_database
from desktop.ui.operations.session import load_station, log_out
from desktop.ui.screen_lock import ScreenLock
from desktop.ui.shell.checks import StartupChecks
from desktop.ui.shell.context import PageContext, ShellState
from desktop.ui.shell.errors import ErrorPresenter
from desktop.ui.shell.header_feed import HeaderFeed
from desktop.ui.shell.leaving import confirm_close, confirm_logout
from desktop.ui.shell.menus import Menus
from desktop.ui.shell.message_bar import MessageBar
from desktop.ui.shell.recovery import UnfinishedJobs
from desktop.ui.shell.signin import SignIn
from desktop.ui.shell.sync import SyncLink
from desktop.ui.shell.warm_up import StartUp
from desktop.ui.shell.work_area import WorkArea
from desktop.ui.style import STYLESHEET
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the work page's modules load after log-in, keeping start-up short (bench/)
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo

Loaded = tuple["Services", list, Path]


class MainWindow(QMainWindow):
    """Takes ready services (tests) or a loader that opens them on the database lane (the app), so the
    log-in page is on screen while the database opens."""

    def __init__(
        self, services: Services | None = None, demo_credentials: list | None = None,
        log_file: Path | None = None, runner: TaskRunner | None = None, poll_printers: bool = True,
        loader: Callable[[], Loaded] | None = None, interactive: bool = True,
    ) -> None:
        super().__init__()
        self.runner = runner or TaskRunner(self)
        self.messages = MessageBridge(self)
        self.errors = ErrorPresenter(self, self.messages, interactive, log_file)
        self.ops = Operations(self.runner, self.errors, self)
        self.state = ShellState(services, self.ops, self, log_file, bool(demo_credentials))
        self.load_error: str | None = None
        self.shut_down = False
        self.poll_printers = poll_printers
        self.setWindowTitle(self.tr("KTP-el Mandiri"))
        self.setStyleSheet(STYLESHEET)
        self.resize(QSize(1280, 720))

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.signin = SignIn(self.state, self.stack, self.errors, demo_credentials, self)
        self.work = QWidget(self)
        self.work.setObjectName("workPage")
        QVBoxLayout(self.work).setContentsMargins(0, 0, 0, 0)
        self.header = HeaderBar(self.work)
        self.message_bar = MessageBar(self.work)
        for widget in (self.header, self.message_bar):
            self.work.layout().addWidget(widget)
        self.messages.attach(self.message_bar.add)
        self.stack.addWidget(self.work)
        self.screen_lock = ScreenLock(self.stack, self.work, self.menuBar(), self.ops, parent=self)
        self.menus = Menus(self.menuBar(), self, self.open_entry)
        self.logout_action = QAction(self.tr("Keluar"), self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+L"))
        self.addAction(self.logout_action)
        self.work_area = WorkArea(self.work)
        self.checks = StartupChecks(self.state, self.refresh_header, self)
        self.header_feed = HeaderFeed(self.state, self.header, self.checks.keep_backup, self)
        self.sync = SyncLink(self.state, self.header, self)
        self.recovery = UnfinishedJobs(self.state, self)
        self.sync.status_changed.connect(self.header_feed.status.bar.show_sync)

        for logout in (self.screen_lock.logout_requested, self.header.logout.clicked, self.logout_action.triggered):
            logout.connect(self.logout)
        self.signin.signed_in.connect(self._logged_in)
        self.signin.enrol_requested.connect(lambda: self.open_entry("enrol"))
        self.ops.bus.changed.connect(self._changed)
        self.start_up = StartUp(self.state, self.signin, self, loader and (lambda: QueryOp("db", loader).success(
            self._services_ready).failure(self._load_failed).run_in(self.ops)))  # after the first paint
        if services is not None:
            QueryOp("db", services.auth.has_users).success(self.start_up.choose_start_page).run_in(self.ops)
            self.checks.check_audit()
        else:
            self.login_page.set_loading(True)

    # --- what tests, the smoke test and the start-up benchmark look at ---------------------------
    services = property(lambda self: self.state.services)
    station = property(lambda self: self.state.station)
    printers = property(lambda self: self.state.printers)
    demo = property(lambda self: self.state.demo)
    login_page = property(lambda self: self.signin.login_page)
    first_run_page = property(lambda self: self.signin.first_run_page)
    start_page_ready = property(lambda self: self.signin.ready)
    consistency_checked = property(lambda self: self.checks.checked)
    sync_controller = property(lambda self: self.sync.controller)
    counter_page = property(lambda self: self.work_area.get("counter"))

    @property
    def user(self) -> CurrentUser | None:
        return self.state.user

    @user.setter
    def user(self, user: CurrentUser | None) -> None:
        self.state.user = user

    # --- start -------------------------------------------------------------------------------------
    def _services_ready(self, loaded: Loaded) -> None:
        self.state.services, credentials, self.state.log_file = loaded
        self.errors.log_file = self.state.log_file
        if credentials:
            self.state.demo = True
            self.login_page.set_demo_credentials(credentials)
        QueryOp("db", self.services.auth.has_users).success(self.start_up.choose_start_page).run_in(self.ops)
        check_database(self.services).success(lambda _none: self.checks.check_audit()).failure(
            self._load_failed).run_in(self.ops)

    def _load_failed(self, exc: BaseException) -> None:
        self.load_error = self.errors.load_failed(exc)
        self.close()

    def _logged_in(self, user: CurrentUser) -> None:
        self.state.user = user
        self.screen_lock.set_session(self.services, user)
        load_station(self.services, self.demo).success(self._show_work).run_in(self.ops)

    def _show_work(self, loaded: tuple[StationInfo, dict[str, list[str]], list[str]]) -> None:
        from desktop.devices.registry import profile_dir_in
        from desktop.ui.printer_controller import PrinterController

        station, self.state.demo_niks, uris = loaded
        self.state.station = station
        if self.printers is None:
            self.state.printers = PrinterController(self.ops, uris, parent=self, poll=self.poll_printers,
                                                    names=station.printer_names,
                                                    profile_dir=profile_dir_in(self.services.data_dir))
            self.header_feed.watch(self.printers)
            self._report_printers(self.printers)
        self.work_area.close_all()
        first = self.work_area.available(self.user)[0]
        page = self.work_area.open(first, self.page_context())
        role_label = {Role.OPERATOR: self.tr("operator"), Role.SUPERVISOR: self.tr("supervisor"),
                      Role.ADMIN: self.tr("admin"), Role.ANTRIAN: self.tr("antrian")}.get(Role(self.user.role), self.user.role)
        self.header.set_station(station.name, self.user.full_name, role_label)
        self.header.start_clock(self.services.clock.now_local)
        self.header_feed.show_printers()
        self.menus.update(self.user)
        self.stack.setCurrentWidget(self.work)
        self.refresh_header()
        self.printers.refresh()
        self.header_feed.timer.start()
        self.sync.start()
        page.focus_first()
        self.recovery.check()
        self.checks.tell_supervisor()
        self.checks.ask_supervisor(self.page_context())

    # --- pages and changes -------------------------------------------------------------------------
    def page_context(self) -> PageContext:
        state = self.state
        return PageContext(state.services, self.ops, self, state.user, state.station, state.printers,
                           self.screen_lock, self.sync, state.demo_niks, lambda: state.user,
                           lambda user: setattr(state, "user", user))

    def open_entry(self, entry: pages.Page | str) -> None:
        if isinstance(entry, str):
            entry = next(p for p in pages.pages() if p.name == entry)
        if entry.menu == pages.WORK_AREA:  # a page of the work area: shown in place of the current one
            if self.station is not None and entry.allowed(self.user):
                self.work_area.open(entry, self.page_context()).focus_first()
            return
        entry.load()(self.page_context())

    def _changed(self, change: Change) -> None:
        if self.user is None:
            if change.name == "enrol":  # from the first-run page: the regency's users can log in now
                self.signin.choose_start_page(True)
        elif change.touches(SETTINGS, PRINTERS) and self.station is not None:
            QueryOp("db", self.services.stations.require).success(self._station_loaded).run_in(self.ops)

    def _station_loaded(self, station: StationInfo) -> None:
        self.state.station = station
        self.sync.start()  # enrolled from the menu: the background sync starts

    def refresh_header(self) -> None:
        self.header_feed.refresh()

    def _report_printers(self, printers) -> None:
        """The regency panel sees the station's printers: their states go with the next sync round."""
        printers.status_changed.connect(lambda *_: self.services.sync.note_printers(printers.report()))

    def sync_now(self) -> None:
        self.sync.sync_now()

    # --- log-out and lifecycle ---------------------------------------------------------------------
    def logout(self) -> None:
        page = self.counter_page
        if page is not None and page.printing:
            self.messages.warning(self.tr("Tunggu sampai kartu selesai dicetak sebelum keluar."))
            return
        if page is not None and page.has_citizen and not confirm_logout(self):
            page.nik_edit.setFocus()
            return
        if self.user is not None:
            log_out(self.services, self.user).quietly().run_in(self.ops)
        self.state.user = None
        self.screen_lock.set_session(None, None)
        self.header_feed.stop()
        self.work_area.close_all()
        self.menus.update(None)
        self.login_page.reset()
        self.stack.setCurrentWidget(self.login_page)

    def shutdown(self) -> None:
        self.shut_down = True
        self.header_feed.timer.stop()
        self.sync.stop()
        self.screen_lock.set_session(None, None)
        if self.printers is not None:
            self.printers.shutdown()
        self.runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.counter_page is not None and self.counter_page.printing:
            self.messages.warning(self.tr("Tunggu sampai kartu selesai dicetak sebelum menutup aplikasi."))
            event.ignore()
            return
        if not (self.shut_down or self.user is None or confirm_close(self, self.counter_page)):  # ends: no question
            event.ignore()
            return
        event.accept()
