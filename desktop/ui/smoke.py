"""`ktp-mandiri --smoke-test`: can this installation work? Exit 0 when it can, 1 naming the step that failed.

Meant for the installed bundle (installers, IT officers, CI) as much as for a checkout. Each step
prints its name before it runs, so even a crash inside Qt leaves the step on the screen:

    pustaka sistem   every library the installed bundle's files need (from a checkout: the ones of the
                     platform plugin Qt will use) opens, and the display answers; a missing one is
                     named with its Debian package (desktop/system_libraries.py)
    platform Qt      the platform plugin Qt will use (xcb, wayland, offscreen, windows) loads with
                     the libraries it links to, then the application object is created
    folder data      a fresh temporary folder (deleted afterwards), or the one given with --data-dir;
                     never the user's own data folder or $KTP_MANDIRI_DATA
    migrasi database the database opens and every migration runs
    jendela utama    the main window is on screen with its first page ready
    render kartu     the reference card as raster and as PDF proof (fonts, reportlab, images), the proof
                     drawn again by pdfium (the reports' preview and office printing)
    backend libusb   pyusb finds a libusb library and lists the USB bus with it

Without a display (no DISPLAY / WAYLAND_DISPLAY, QT_QPA_PLATFORM unset) Qt's offscreen platform is
used. The window step reports how long after the start it was ready; the bench sets
KTP_MANDIRI_STARTED_AT (time.time() at spawn) to count the process start too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop import platform as system
from desktop.errors import UserFacingError

PROCESS_T0 = time.time()  # imported right after argument parsing: close to the process start
WINDOW_TIMEOUT_S = 60.0


class StepFailed(Exception):
    def __init__(self, step: str, reason: str) -> None:
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


def _step(name: str, action: Callable[[], str]) -> None:
    print(f"smoke test: {name} ...", end=" ", flush=True)
    began = time.perf_counter()
    try:
        detail = action()
    except UserFacingError as exc:
        print("GAGAL", flush=True)
        print(f"ktp-mandiri: {exc}", file=sys.stderr, flush=True)
        raise StepFailed(name, str(exc)) from exc
    except Exception as exc:
        print(f"GAGAL: {type(exc).__name__}: {exc}", flush=True)
        raise StepFailed(name, f"{type(exc).__name__}: {exc}") from exc
    took = f"{(time.perf_counter() - began) * 1000:.0f} ms"
    print(f"OK ({detail}; {took})" if detail else f"OK ({took})", flush=True)


def platform_name() -> str:
    """The platform plugin Qt will start with; picks offscreen where there is no display."""
    from desktop.system_libraries import window_platform

    chosen = window_platform()
    if chosen == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return chosen


def check_platform_plugin(name: str) -> str:
    """Load the platform plugin's library the way Qt will, so a missing plugin or a library it needs
    is named here instead of ending the process inside QApplication."""
    from PySide6.QtCore import QCoreApplication, QPluginLoader

    searched = []
    for folder in QCoreApplication.libraryPaths():
        platforms = Path(folder) / "platforms"
        searched.append(str(platforms))
        for candidate in sorted(platforms.glob(f"*q{name}*")) if platforms.is_dir() else []:
            stem = candidate.name.split(".")[0].removeprefix("lib")
            if stem != f"q{name}" and not stem.startswith(f"q{name}-"):
                continue
            loader = QPluginLoader(str(candidate))
            if not loader.load():
                raise RuntimeError(f"plugin {candidate} tidak dapat dimuat: {loader.errorString()}")
            return f"{name}: {candidate}"
    raise RuntimeError(f"plugin platform '{name}' tidak ada di {', '.join(searched) or '(tidak ada folder plugin)'}")


def check_system_libraries() -> str:
    from desktop.system_libraries import display_problem, installation_problem, window_platform

    problem = installation_problem() or display_problem(window_platform())
    if problem:
        raise UserFacingError(problem)
    return "lengkap" if system.LINUX else "tidak diperiksa di sistem ini"


def migrate_database(data_dir: Path) -> str:
    from desktop.store.db import open_database
    from desktop.store.files import DB_FILENAME
    from desktop.store.migrations import LATEST_VERSION, schema_version

    db = open_database(data_dir / DB_FILENAME)
    try:
        version = schema_version(db)
    finally:
        db.close()
    if version != LATEST_VERSION:
        raise RuntimeError(f"versi skema {version}, seharusnya {LATEST_VERSION}")
    return f"versi skema {version}"


def open_main_window(app, args: argparse.Namespace, data_dir: Path, started: float):
    from PySide6.QtCore import QEventLoop

    from desktop.logging_setup import log_file_in
    from desktop.ui.application import load_services
    from desktop.ui.main_window import MainWindow

    log_file = log_file_in(data_dir)
    window = MainWindow(log_file=log_file, loader=lambda: load_services(args, data_dir, log_file),
                        interactive=False)
    window.showMaximized()
    deadline = time.monotonic() + WINDOW_TIMEOUT_S
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if window.load_error is not None:
            raise UserFacingError(window.load_error)
        handle = window.windowHandle()
        if window.start_page_ready and handle is not None and handle.isExposed():
            shown_ms = (time.time() - started) * 1000
            return window, f"siap {shown_ms:.0f} ms setelah mulai, {window.width()} x {window.height()}"
        time.sleep(0.005)
    window.shutdown()
    raise RuntimeError(f"jendela belum siap setelah {WINDOW_TIMEOUT_S:.0f} detik")


def render_reference_card(data_dir: Path) -> str:
    from desktop.render.card import render_card_pdf, render_front
    from desktop.render.samples import sample_cards

    card = sample_cards()["ordinary"]
    image = render_front(card)
    if image.isNull():
        raise RuntimeError("gambar kartu kosong")
    pdf = data_dir / "smoke-card.pdf"
    render_card_pdf(card, pdf)
    size = pdf.stat().st_size
    from desktop.services.reports.pages import render

    drawn = render(pdf.read_bytes(), 72)
    pdf.unlink()
    return f"{image.width()} x {image.height()} piksel, PDF {size:,} byte, pdfium {drawn[0].width} x {drawn[0].height}"


def load_usb_backend() -> str:
    import usb.core

    from desktop.devices.usb import default_backend

    backend = default_backend()
    if backend is None:
        raise RuntimeError("pustaka libusb tidak ditemukan (pyusb: NoBackendError)")
    devices = list(usb.core.find(find_all=True, backend=backend))
    library = getattr(getattr(backend, "lib", None), "_name", "?")
    return f"{library}, {len(devices)} perangkat USB"


def run_smoke(args: argparse.Namespace) -> int:
    started = float(os.environ.get("KTP_MANDIRI_STARTED_AT") or PROCESS_T0)
    own_dir = None if args.data_dir else Path(tempfile.mkdtemp(prefix="ktp-mandiri-smoke-"))
    state: dict = {}
    try:
        _step("pustaka sistem", check_system_libraries)
        _step("platform Qt", lambda: check_platform_plugin(platform_name()))
        _step("aplikasi Qt", lambda: _make_app(state, args))
        _step("folder data", lambda: _prepare(state, args, own_dir))
        _step("migrasi database", lambda: migrate_database(state["data_dir"]))
        _step("jendela utama", lambda: _window(state, args, started))
        _step("render kartu", lambda: render_reference_card(state["data_dir"]))
        _step("backend libusb", load_usb_backend)
    except StepFailed as failed:
        print(f"smoke test: GAGAL pada langkah '{failed.step}'", flush=True)
        return 1
    finally:
        _close(state)
        if own_dir is not None:
            shutil.rmtree(own_dir, ignore_errors=True)
    print("smoke test: OK", flush=True)
    return 0


def _make_app(state: dict, args: argparse.Namespace) -> str:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from desktop.ui.application import install_translators, qt_message

    app = QApplication.instance() or QApplication(sys.argv[:1])
    qInstallMessageHandler(qt_message)
    app.setApplicationName("KTP-el Mandiri")
    app.setOrganizationName("Disdukcapil")
    state["translators"] = install_translators(app, args.lang or "id")
    state["app"] = app
    return app.platformName()


def _prepare(state: dict, args: argparse.Namespace, own_dir: Path | None) -> str:
    from desktop.paths import prepare_data_dir, resolve_data_dir
    from desktop.ui.application import single_instance

    data_dir = prepare_data_dir(own_dir or resolve_data_dir(args.data_dir))
    state["lock"] = single_instance(data_dir)
    state["data_dir"] = data_dir
    return str(data_dir) + (" (sementara)" if own_dir else "")


def _window(state: dict, args: argparse.Namespace, started: float) -> str:
    window, detail = open_main_window(state["app"], args, state["data_dir"], started)
    state["window"] = window
    return detail


def _close(state: dict) -> None:
    window = state.get("window")
    if window is not None:
        window.shutdown()
        if window.services is not None:
            window.services.close()
    if state.get("lock") is not None:
        state["lock"].unlock()
