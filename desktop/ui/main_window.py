"""The main window: first-run set-up, log-in, then the operator's page under the status header."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from desktop.domain.roles import Permission, Role
from desktop.errors import UserFacingError
from desktop.ui.header import HeaderBar
from desktop.ui.idle_lock import ScreenLock
from desktop.ui.login_page import LoginPage
from desktop.ui.security_actions import SecurityActions
from desktop.ui.style import STYLESHEET
from desktop.ui.tasks import TaskRunner
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:  # the work page's modules load after log-in, keeping start-up short (bench/)
    from desktop.services.container import Services
    from desktop.services.jobs import UnfinishedJob
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo
    from desktop.ui.printers import PrinterController
    from desktop.ui.verify_page import VerifyPage

Loaded = tuple["Services", list, Path]

log = logging.getLogger("ktp.ui")

HEADER_REFRESH_MS = 30000


def _reference_card():
    from desktop.render.samples import sample_cards

    return sample_cards()["ordinary"]


class MainWindow(SecurityActions, QMainWindow):
    """Takes ready services (tests) or a loader that opens them on the database lane (the app), so the
    log-in page is on screen while the database opens."""

    def __init__(
        self, services: Services | None = None, demo_credentials: list | None = None,
        log_file: Path | None = None, runner: TaskRunner | None = None, poll_printers: bool = True,
        loader: Callable[[], Loaded] | None = None, interactive: bool = True,
    ) -> None:
        super().__init__()
        self.services = services
        self.interactive = interactive  # False for --smoke-test: no modal dialog may wait for a person
        self.load_error: str | None = None
        self.start_page_ready = False  # the log-in or first-run page is chosen and can be used
        self._error_showing = False
        self.runner = runner or TaskRunner(self)
        self.log_file = log_file
        self.demo = bool(demo_credentials)
        self.poll_printers = poll_printers
        self.user: CurrentUser | None = None
        self.station: StationInfo | None = None
        self.printers: PrinterController | None = None
        self.verify_page: VerifyPage | None = None
        self.supervisor_actions = None  # made at first use (desktop/ui/supervisor.py)
        self.setWindowTitle(self.tr("KTP-el Mandiri"))
        self.setStyleSheet(STYLESHEET)
        self.resize(QSize(1280, 720))

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.login_page = LoginPage(demo_credentials, self)
        self.login_page.setObjectName("loginPage")
        self.first_run_page = None
        self.work = QWidget(self)
        self.work.setObjectName("workPage")
        work_layout = QVBoxLayout(self.work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        self.header = HeaderBar(self.work)
        work_layout.addWidget(self.header)
        for page in (self.login_page, self.work):
            self.stack.addWidget(page)
        self.screen_lock = ScreenLock(self.stack, self.work, self.menuBar(), self.runner, parent=self)
        self.screen_lock.logout_requested.connect(self.logout)
        self._build_menu()

        self.login_page.login_requested.connect(self._login)
        self.header.logout.clicked.connect(self.logout)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(HEADER_REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh_header)
        self.audit_problem = None  # what the start-up check of the audit chain found, until a supervisor saw it
        self.consistency_checked = False  # the start-up checks (database pages, audit chain) have run (bench/)
        if services is not None:
            self.runner.run("db", services.auth.has_users, self._choose_start_page, self._fatal)
            self._check_audit()
        else:
            self.login_page.set_loading(True)
            self.runner.run("db", loader, self._services_ready, self._load_failed)

    def _services_ready(self, loaded: Loaded) -> None:
        self.services, credentials, self.log_file = loaded
        if credentials:
            self.demo = True
            self.login_page.set_demo_credentials(credentials)
        self.runner.run("db", self.services.auth.has_users, self._choose_start_page, self._fatal)
        self.runner.run("db", self.services.check_integrity, lambda _none: self._check_audit(), self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.load_error = error_text(exc) if isinstance(exc, UserFacingError) else repr(exc)
        if not isinstance(exc, UserFacingError):
            log.error("could not open the data: %s\n%s", exc, getattr(exc, "__ktp_traceback__", ""))
        if self.interactive:
            QMessageBox.critical(self, self.tr("KTP-el Mandiri"), self.load_error)
        self.close()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Supervisor"))
        self.quota_action = QAction(self.tr("Ubah kuota hari ini…"), self)
        self.quota_action.setObjectName("quotaAction")
        self.quota_action.triggered.connect(self.open_quota_dialog)
        self.blanko_action = QAction(self.tr("Terima blanko…"), self)
        self.blanko_action.setObjectName("blankoAction")
        self.blanko_action.triggered.connect(self.open_blanko_dialog)
        menu.addAction(self.quota_action)
        menu.addAction(self.blanko_action)
        self._build_security_menus(menu)
        server_menu = self.menuBar().addMenu(self.tr("Se&rver"))
        self.sync_action = QAction(self.tr("Sinkronkan sekarang"), self)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.setShortcut(QKeySequence("F9"))
        self.sync_action.triggered.connect(self.sync_now)
        self.enrol_action = QAction(self.tr("Daftarkan ke server kabupaten…"), self)
        self.enrol_action.setObjectName("enrolAction")
        self.enrol_action.triggered.connect(self.open_enrol_dialog)
        server_menu.addAction(self.sync_action)
        server_menu.addAction(self.enrol_action)
        self.sync_controller = None
        printer_menu = self.menuBar().addMenu(self.tr("&Printer"))
        self.printer_action = QAction(self.tr("Status dan penghitung printer…"), self)
        self.printer_action.setObjectName("printerAction")
        self.printer_action.triggered.connect(self.open_printer_dialog)
        printer_menu.addAction(self.printer_action)
        help_menu = self.menuBar().addMenu(self.tr("&Bantuan"))
        about = QAction(self.tr("Tentang KTP-el Mandiri"), self)
        about.setObjectName("aboutAction")
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self.logout_action = QAction(self.tr("Keluar"), self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+L"))
        self.logout_action.triggered.connect(self.logout)
        self.addAction(self.logout_action)
        self._update_actions()

    def _update_actions(self) -> None:
        user = self.user
        self.quota_action.setEnabled(bool(user and user.can(Permission.RAISE_QUOTA)))
        self.blanko_action.setEnabled(bool(user and user.can(Permission.RECEIVE_BLANKO)))
        self.printer_action.setEnabled(bool(user))
        self._update_security_actions(user)
        self.sync_action.setEnabled(bool(user))
        self.enrol_action.setEnabled(bool(user and user.can(Permission.MANAGE_USERS)))

    # --- start, first run, log-in -------------------------------------------------------------
    def _choose_start_page(self, has_users: bool) -> None:
        self.start_page_ready = True
        self.login_page.set_loading(False)
        if has_users:
            self.stack.setCurrentWidget(self.login_page)
            return
        from desktop.ui.login_page import FirstRunPage

        self.first_run_page = FirstRunPage(self.services.regions, self)
        self.first_run_page.setObjectName("firstRunPage")
        self.first_run_page.setup_requested.connect(self._first_run)
        self.first_run_page.enrol_requested.connect(self.open_enrol_dialog)
        self.stack.addWidget(self.first_run_page)
        self.stack.setCurrentWidget(self.first_run_page)

    def _first_run(self, form: dict) -> None:
        services = self.services

        def setup() -> CurrentUser:
            user = services.auth.create_first_admin(form["username"], form["full_name"], form["password"])
            services.stations.setup(user, form["kecamatan"], form["served"])
            return user

        self.runner.run("db", setup, self._logged_in, lambda exc: self._page_error(self.first_run_page, exc))

    def _login(self, username: str, password: str) -> None:
        self.runner.run(
            "db", lambda: self.services.auth.login(username, password),
            lambda user: self._password_checked(user, password), lambda exc: self._page_error(self.login_page, exc),
        )

    def _page_error(self, page, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            page.show_error(error_text(exc))
        else:
            self._fatal(exc)

    def _logged_in(self, user: CurrentUser) -> None:
        self.user = user
        self.screen_lock.set_session(self.services, user)
        self.runner.run("db", self._load_station, self._show_work, self._fatal)

    def _load_station(self) -> tuple[StationInfo, dict[str, list[str]], list[str]]:
        from desktop.services.demo import sample_niks
        from desktop.ui.printer_setup import station_printers

        station = self.services.stations.require()
        self.services.regions  # noqa: B018 - load the region names here, not on the first keystroke
        return station, (sample_niks() if self.demo else {}), station_printers(station)

    def _show_work(self, loaded: tuple[StationInfo, dict[str, list[str]], list[str]]) -> None:
        from desktop.devices.registry import profile_dir_in
        from desktop.ui.printers import PrinterController
        from desktop.ui.verify_page import VerifyPage

        station, demo_niks, uris = loaded
        self.station = station
        if self.printers is None:
            self.printers = PrinterController(self.runner, uris, parent=self, poll=self.poll_printers,
                                              names=station.printer_names,
                                              profile_dir=profile_dir_in(self.services.data_dir))
            self.printers.status_changed.connect(self._printer_status)
            self.printers.printers_changed.connect(self._printers_changed)
        if self.verify_page is not None:
            self.verify_page.deleteLater()
        self.verify_page = VerifyPage(self.services, self.runner, self.printers, station, self.user, demo_niks,
                                      self.work)
        self.verify_page.setObjectName("verifyPage")
        self.verify_page.card_printed.connect(self._after_print)
        self.work.layout().addWidget(self.verify_page, 1)
        role_label = {Role.OPERATOR: self.tr("operator"), Role.SUPERVISOR: self.tr("supervisor"),
                      Role.ADMIN: self.tr("admin")}.get(Role(self.user.role), self.user.role)
        self.header.set_station(station.name, self.user.full_name, role_label)
        self.header.start_clock(self.services.clock.now_local)
        self._printer_status("", None)
        self._update_actions()
        self.stack.setCurrentWidget(self.work)
        self.refresh_header()
        self.printers.refresh()
        self.refresh_timer.start()
        self._start_sync()
        self.verify_page.nik_edit.setFocus()
        self._check_unfinished()
        self._tell_audit_problem()
        if self.user.can(Permission.CONFIRM_CLOCK):
            self.ask_clock(always=False)  # after a weekend the supervisor confirms the date at log-in
        # The first card reads the font files (~0.3 s): do it now, not in front of the first citizen.
        renderer = self.services.issuance.renderer
        self.runner.run("render", lambda: renderer(_reference_card()))

    # --- the regency server ----------------------------------------------------------------------
    def _start_sync(self) -> None:
        """Background sync for an enrolled station (a standalone one never talks to a server)."""
        from desktop.ui.sync_ui import SyncController

        if self.station is not None and self.station.enrolled and self.sync_controller is None:
            self.sync_controller = SyncController(self.services, self.runner, self)
            self.sync_controller.status_changed.connect(self.header.set_sync)
            self.sync_controller.status_changed.connect(lambda _status: self.refresh_header())
            self.sync_controller.round_failed.connect(self._sync_refused)
            self.sync_controller.start()

    def sync_now(self) -> None:
        if self.sync_controller is not None:
            self.sync_controller.sync_now()
        elif self.interactive:
            QMessageBox.information(self, self.tr("Sinkronisasi"),
                                    self.tr("Stasiun ini belum didaftarkan ke server kabupaten; ia bekerja mandiri."))

    def _sync_refused(self, message: str) -> None:
        if self.interactive and self.user is not None:
            QMessageBox.warning(self, self.tr("Sinkronisasi"), message)

    def open_enrol_dialog(self) -> None:
        from desktop.ui.sync_ui import EnrolDialog

        dialog = EnrolDialog(self)
        dialog.setObjectName("enrolDialog")
        if dialog.exec() != EnrolDialog.DialogCode.Accepted:
            return
        url, code, ca_file = dialog.values()
        sync = self.services.sync

        def enrol():
            sync.enrol(url, code, ca_file)
            return sync.round()

        self.runner.run("sync", enrol, self._enrolled, self._action_failed)

    def _enrolled(self, _report) -> None:
        QMessageBox.information(self, self.tr("Server kabupaten"),
                                self.tr("Stasiun terdaftar di server kabupaten dan sudah tersinkron."))
        if self.user is None:  # from the first-run page: the regency's users can log in now
            self._choose_start_page(True)
        else:  # enrolled from the menu: the station's record changed
            self.runner.run("db", self.services.stations.require, self._enrolled_station)

    def _enrolled_station(self, station: StationInfo) -> None:
        self.station = station
        self._start_sync()

    def _check_unfinished(self) -> None:
        # Jobs whose owner still runs (this window's printer lanes, a command-line print) hold their
        # lock and are not left behind; queued ones that sent nothing are released without a question.
        station_id, jobs = self.station.id, self.services.jobs
        self.runner.run("db", lambda: jobs.left_behind(station_id), self._ask_unfinished, self._fatal)

    def _after_print(self, result) -> None:
        self.refresh_header()
        if self.sync_controller is not None and self.station is not None:
            self.sync_controller.renew_if_low(self.station.served)  # in the background, never in the way
        if result is None and self.user is not None and self.user.can(Permission.RESOLVE_PRINT):
            self._check_unfinished()  # a print with an uncertain outcome: a supervisor settles it now

    def _ask_unfinished(self, jobs: list[UnfinishedJob]) -> None:
        """The application stopped mid-card last time: ask what came out of the printer, job by job
        (the rules: desktop/services/recovery.py)."""
        from desktop.services import recovery

        user, step = self.user, recovery.next_step(self.user, jobs)
        if step is None:
            return
        if step.job is None:
            QMessageBox.information(self, self.tr("Pencetakan terhenti"), tr_message(recovery.waiting_message(step.waiting)))
            return
        job = step.job
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Pencetakan terhenti"), "", parent=self)
        box.setObjectName("recoveryDialog")
        box.setText(tr_message(recovery.question(job, self.printers.name(job.printer_uri))))
        box.setInformativeText(tr_message(recovery.MEANING))
        answers = {box.addButton(tr_message(label), QMessageBox.ButtonRole.ActionRole): outcome
                   for outcome, label in recovery.ANSWERS.items()}
        # Enter (a scanner's last key) and Escape must not decide what happens to a blanko.
        later = box.addButton(tr_message(recovery.LATER), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.setEscapeButton(later)
        box.exec()
        outcome = answers.get(box.clickedButton())
        if outcome is None:  # closed without an answer: ask again at the next log-in
            return
        service, rest = self.services.jobs, list(step.rest)
        self.runner.run(
            "db", lambda: service.settle(user, job.job_id, outcome),
            lambda _none: (self.refresh_header(), self._ask_unfinished(rest)), self._action_failed,
        )

    def logout(self) -> None:
        if self.verify_page is not None and self.verify_page.printing:
            QMessageBox.information(self, self.tr("Sedang mencetak"),
                                    self.tr("Tunggu sampai kartu selesai dicetak sebelum keluar."))
            return
        if self.verify_page is not None and self.verify_page.has_citizen and not self._confirm_logout():
            self.verify_page.nik_edit.setFocus()
            return
        if self.user is not None:
            self.runner.run("db", lambda user=self.user: self.services.auth.logout(user))
        self.user = None
        self.screen_lock.set_session(None, None)
        self.refresh_timer.stop()
        if self.verify_page is not None:
            self.verify_page.deleteLater()
            self.verify_page = None
        self._update_actions()
        self.login_page.reset()
        self.stack.setCurrentWidget(self.login_page)

    def _confirm_logout(self) -> bool:
        """Logging out clears the citizen on the page: ask, with staying as the default (Enter, Escape)."""
        from desktop.ui.dialogs import confirm

        return confirm(self, "logoutDialog", self.tr("Keluar"),
                       self.tr("Penduduk yang sedang dilayani akan hilang dari layar. Tetap keluar?"),
                       self.tr("Keluar"), self.tr("Tetap di sini"), QMessageBox.ButtonRole.DestructiveRole)

    # --- header ----------------------------------------------------------------------------------
    def refresh_header(self) -> None:
        station = self.station
        if station is None:
            return
        self._keep_backup()  # a station left running overnight makes the next day's copy too
        services = self.services

        def load():
            from desktop.services import audit
            from desktop.services.clock_guard import clock_problem

            leases = services.leases.status(station.served) if services.leases.enrolled() else None
            return (services.quota.states(station.served), services.stock.summary(station.id), audit.head(),
                    clock_problem(services.clock), leases, services.clock.now_utc())

        self.runner.run("db", load, self._header_loaded, self._fatal)

    def _header_loaded(self, loaded) -> None:
        states, stock, head, clock_problem, leases, now = loaded
        user = self.user
        self.header.set_leases(leases, now, user is not None and user.can(Permission.RECEIVE_BLANKO))
        self.header.set_audit_head(head)
        self.header.set_clock_problem(tr_message(clock_problem) if clock_problem else None)
        self.header.set_quota(states)
        self.header.set_stock(stock)
        if self.verify_page is not None:
            self.verify_page.set_stock(stock.in_stock)

    def _printers_changed(self) -> None:
        if self.verify_page is not None:
            self.verify_page.printers_changed()
        self._printer_status("", None)

    def _printer_status(self, uri: str, status) -> None:
        printers = self.printers
        if printers is None:
            return
        self.header.set_printers([(printers.name(u), printers.statuses.get(u)) for u in printers.uris])
        if self.verify_page is not None:
            self.verify_page.set_printer_status(uri, status)

    # --- supervisor actions ------------------------------------------------------------------------
    def open_quota_dialog(self) -> None:
        if self.station is not None and self.user is not None:
            self._supervisor().change_quota(self.station, self.user)

    def open_blanko_dialog(self) -> None:
        if self.station is not None and self.user is not None:
            self._supervisor().receive_blanko(self.station, self.user)

    def _supervisor(self):
        from desktop.ui.supervisor import SupervisorActions

        if self.supervisor_actions is None:
            self.supervisor_actions = SupervisorActions(self.services, self.runner, self._fatal, self)
            self.supervisor_actions.changed.connect(self._after_supervisor_action)
        return self.supervisor_actions

    def open_printer_dialog(self) -> None:
        if self.printers is None:
            return
        dialog = self.printer_dialog()
        dialog.exec()
        dialog.deleteLater()
        self.printers.refresh()

    def printer_dialog(self):
        """The printer page; for a user who may set the station up, with adding and removing printers."""
        from desktop.ui.printer_page import PrinterDialog
        from desktop.ui.printer_setup import PrinterSetup

        setup = None
        if PrinterSetup.allowed(self.user) and self.station is not None:
            setup = PrinterSetup(self.services, self.runner, self.printers, self.user, self.station)
            setup.station_changed.connect(self._station_changed)
        dialog = PrinterDialog(self.printers, self, setup)
        dialog.setObjectName("printerDialog")
        return dialog

    def _station_changed(self, station: StationInfo) -> None:
        self.station = station

    def _after_supervisor_action(self) -> None:
        self.refresh_header()
        if self.verify_page is not None:
            self.verify_page.refresh_verification()

    def _action_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            QMessageBox.warning(self, self.tr("Tidak dapat disimpan"), error_text(exc))
        else:
            self._fatal(exc)

    def _fatal(self, exc: BaseException) -> None:
        log.error("unexpected error: %s\n%s", exc, getattr(exc, "__ktp_traceback__", ""))
        if self._error_showing:  # one dialog at a time: a timer must not pile them up
            return
        from peewee import DatabaseError, OperationalError

        if isinstance(exc, UserFacingError):  # a storage fault (full disk, read-only file) met in the background
            title, text = self.tr("KTP-el Mandiri"), error_text(exc)
        elif isinstance(exc, OperationalError | DatabaseError):
            title = self.tr("Database bermasalah")
            # SQLite's own words are in the log above, not in the sentence.
            text = self.tr("Database tidak dapat dipakai saat ini. Tidak ada data yang hilang; coba lagi sebentar "
                           "lagi. Jika berulang, tutup aplikasi lain yang membuka data ini atau hubungi petugas TI.")
        else:
            title = self.tr("Kesalahan program")
            text = self.tr("Terjadi kesalahan program yang tidak terduga. Data yang sudah tersimpan aman.\n"
                           "Kirim berkas log ini ke petugas TI: %1").replace("%1", str(self.log_file or "-"))
        self._error_showing = True
        try:
            QMessageBox.critical(self, title, text)
        finally:
            self._error_showing = False

    def _about(self) -> None:
        from desktop import version

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Tentang KTP-el Mandiri"), "", parent=self)
        box.setObjectName("aboutDialog")
        box.setText(self.tr("KTP-el Mandiri versi %1 — cetak KTP-el di kantor kecamatan.").replace("%1", version()))
        box.setInformativeText(self.tr(
            "Pihak ketiga: data kode wilayah dari cahyadsn/wilayah (MIT License, (c) 2017-2025 Cahya DSN); "
            "huruf Liberation Sans (SIL Open Font License 1.1); Qt for Python (LGPLv3)."))
        box.addButton(self.tr("Tutup"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    # --- lifecycle -------------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.refresh_timer.stop()
        if self.sync_controller is not None:
            self.sync_controller.stop()
        self.screen_lock.set_session(None, None)
        if self.printers is not None:
            self.printers.shutdown()
        self.runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.verify_page is not None and self.verify_page.printing:
            QMessageBox.information(self, self.tr("Sedang mencetak"),
                                    self.tr("Tunggu sampai kartu selesai dicetak sebelum menutup aplikasi."))
            event.ignore()
            return
        event.accept()
