"""Starting the GUI: data directory, logging, services, Qt application, translator, main window."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLocale, QLockFile, QTranslator, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.errors import UserFacingError
from desktop.logging_setup import log_file_in
from desktop.paths import demo_data_dir, prepare_data_dir, resolve_data_dir
from desktop.resources import resource_path
from desktop.ui.text import error_text

log = logging.getLogger("ktp.ui")
qt_log = logging.getLogger("ktp.qt")


def qt_message(mode, context, message: str) -> None:
    qt_log.warning("%s", message)


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Bahasa Indonesia is the source language; English comes from resources/translations.

    Qt's own strings (standard buttons, context menus) are English in Qt and Qt ships no Indonesian
    translation: in Indonesian they come from our resources/translations/qt_id.ts.
    """
    translators = []
    if lang != "en":
        # By name: QLocale.Language and QLocale.Country are enums of 369 and 288 members that PySide makes
        # on first use, ~15 ms before the log-in window is painted (bench/bench_startup.py).
        QLocale.setDefault(QLocale("id_ID"))
    translator = QTranslator(app)
    if translator.load(str(resource_path("translations", "ktp_en.qm" if lang == "en" else "qt_id.qm"))):
        app.installTranslator(translator)
        translators.append(translator)
    else:
        log.warning("translation for %s not found", lang)
    return translators


def gui_application(lang: str | None) -> QApplication:
    """The application object a window runs in (the station's or the regency's): its names and icon,
    Qt's own messages into the log, the translations."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("KTP-el Mandiri")
    app.setOrganizationName("Disdukcapil")
    app.setWindowIcon(QIcon(str(resource_path("icons", "ktp-mandiri.png"))))
    qInstallMessageHandler(qt_message)
    install_translators(app, lang or "id")
    return app


def prepare_data(args: argparse.Namespace) -> tuple[Path, Path]:
    """The data directory (a throw-away one in demo mode) and its log file; fast, on the GUI thread."""
    data_dir = demo_data_dir() if args.demo and not args.data_dir else resolve_data_dir(args.data_dir)
    prepare_data_dir(data_dir)
    return data_dir, log_file_in(data_dir)


def load_services(args: argparse.Namespace, data_dir: Path, log_file: Path):
    """Start logging and open the database (demo mode fills it first); runs on the database lane."""
    from desktop.composition import build_services
    from desktop.logging_setup import setup_logging
    from desktop.services.demo import setup_demo

    setup_logging(data_dir, gui=True)
    # The full page check runs right after the log-in page is up (MainWindow), not before it.
    services = build_services(data_dir, integrity_check=False)  # a new station: the first-run page
    credentials = []
    if args.demo and not services.auth.has_users():
        credentials = setup_demo(services.db, services.clock, services.regions, residents=args.demo_residents)
    elif getattr(args, "window_column", None):
        credentials = demo_accounts_shown()  # the regency demo's stations: their accounts on the log-in page
    services.jobs.start()
    return services, credentials, log_file


def single_instance(data_dir: Path) -> QLockFile:
    """One window per data directory: two would both offer to settle the same unfinished print."""
    lock = QLockFile(str(data_dir / "ktp-mandiri.lock"))
    if not lock.tryLock(200):
        raise UserFacingError(
            "KTP-el Mandiri sudah berjalan dengan folder data ini. Gunakan jendela yang sudah terbuka."
        )
    return lock


def run_gui(args: argparse.Namespace) -> int:
    from desktop.ui.main_window import MainWindow

    app = gui_application(args.lang)
    in_loop = _quit_on_sigterm(app)
    try:
        data_dir, log_file = prepare_data(args)
        instance_lock = single_instance(data_dir)
    except UserFacingError as exc:
        QMessageBox.critical(None, "KTP-el Mandiri", error_text(exc))
        return 1
    _install_excepthook(log_file)
    try:
        window = MainWindow(log_file=log_file, loader=lambda: load_services(args, data_dir, log_file))
        if args.window_column:
            place_in_column(window, args.window_column)
        else:
            window.showMaximized()  # operators have 1366x768 screens: use all of it
        watch = _ReadyWatch(app, window, args.demo) if args.exit_when_ready else None
        try:
            in_loop.append(True)
            code = app.exec()
            return watch.status(code) if watch else code
        finally:
            window.shutdown()
            if window.services is not None:
                window.services.close()
    finally:
        instance_lock.unlock()
        if args.demo and not args.data_dir:
            _remove_demo_data(data_dir)


def demo_accounts_shown() -> list:
    """The demo accounts, for a demo database made outside --demo (the regency demo's stations)."""
    from desktop.services.demo import DemoCredentials
    from desktop.services.demo_accounts import DEMO_USERS, is_demo_database

    if not is_demo_database():
        return []
    return [DemoCredentials(username, password, str(role)) for username, _name, password, role in DEMO_USERS]


def place_in_column(window, column: str) -> None:
    """Show `window` in column N of M of the screen's free area ("2/2": the right half)."""
    try:
        number, count = (int(part) for part in column.split("/"))
    except ValueError:
        number, count = 1, 1
    count = max(count, 1)
    number = min(max(number, 1), count)
    area = window.screen().availableGeometry()
    width = area.width() // count
    window.show()
    frame = window.frameGeometry().size() - window.geometry().size()  # the window manager's borders
    window.move(area.x() + (number - 1) * width, area.y())
    window.resize(max(width - frame.width(), 400), max(area.height() - frame.height(), 300))


def _quit_on_sigterm(app: QApplication) -> list[bool]:
    """SIGTERM (the regency demo stopping, a session ending) leaves the event loop, or run_gui before
    the loop, so the `finally` of run_gui runs: the services close and a demo's folder is removed.
    Python runs a signal handler only between bytecodes, hence the idle timer that gives it a turn
    while Qt waits. Returns the list run_gui marks when its loop starts."""
    import signal

    from PySide6.QtCore import QTimer

    in_loop: list[bool] = []

    def terminated(_signum, _frame) -> None:
        if in_loop:
            app.exit(143)
        else:
            raise SystemExit(143)

    signal.signal(signal.SIGTERM, terminated)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(200)
    return in_loop


READY_TIMEOUT_S = 120


class _ReadyWatch:
    """`dev.py demo --smoke`: quits with 0 once the log-in page is on screen (with the demo accounts in
    demo mode); the run fails when the data could not be opened or nothing was ready in time."""

    def __init__(self, app: QApplication, window, demo: bool) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.app, self.window, self.demo = app, window, demo
        self.ready = False
        self.clock = QElapsedTimer()
        self.clock.start()
        self.timer = QTimer(window)
        self.timer.timeout.connect(self._check)
        self.timer.start(50)

    def _check(self) -> None:
        window = self.window
        handle = window.windowHandle()
        shown = handle is not None and handle.isExposed() and window.stack.currentWidget() is window.login_page
        if shown and window.start_page_ready and (window.demo or not self.demo):
            print(f"ktp-mandiri: halaman log-in tampil setelah {self.clock.elapsed()} ms", flush=True)
            self.ready = True
            self.app.exit(0)
        elif window.load_error is not None or self.clock.elapsed() > READY_TIMEOUT_S * 1000:
            self.timer.stop()
            self.app.exit(1)

    def status(self, code: int) -> int:
        if self.ready:
            return code
        reason = self.window.load_error or f"belum tampil setelah {READY_TIMEOUT_S} detik"
        print(f"ktp-mandiri: halaman log-in tidak tampil: {reason}", file=sys.stderr)
        return 1


def _remove_demo_data(data_dir: Path) -> None:
    """The demo's data folder is a throw-away one (made in the temp folder at start): leave nothing behind."""
    from desktop.logging_setup import stop_logging

    stop_logging()
    shutil.rmtree(data_dir, ignore_errors=True)
    if data_dir.exists():
        print(f"ktp-mandiri: folder demo {data_dir} tidak dapat dihapus seluruhnya.", file=sys.stderr)


def _install_excepthook(log_file: Path) -> None:
    def hook(exc_type, exc, tb) -> None:
        log.critical("unhandled error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "KTP-el Mandiri",
                "Terjadi kesalahan program yang tidak terduga. Data yang sudah tersimpan aman.\n"
                f"Kirim berkas log ini ke petugas TI: {log_file}",
            )

    sys.excepthook = hook
