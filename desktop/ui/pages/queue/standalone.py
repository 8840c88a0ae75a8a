"""`ktp-mandiri --now-serving`: the now-serving screen alone, in a process of its own, for a TV on a second
display of the station's PC (or a PC beside it on the same data folder). No log-in: it shows ticket
numbers only (never a NIK or a name) and changes nothing; it reads the queue every few seconds.
With --exit-when-ready it quits with 0 once the numbers are on screen (the installers' smoke run)."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop.ui.application import gui_application, prepare_data


def run_now_serving(args: argparse.Namespace) -> int:
    from desktop.composition import build_services
    from desktop.logging_setup import setup_logging
    from desktop.ui.message import MessageBridge
    from desktop.ui.operations import Operations
    from desktop.ui.pages.queue.now_serving import NowServingWindow
    from desktop.ui.shell.errors import ErrorPresenter
    from desktop.ui.tasks import TaskRunner

    app = gui_application(args.lang)
    data_dir, log_file = prepare_data(args)  # no instance lock: it runs beside the station's window
    setup_logging(data_dir, gui=True)
    services = build_services(data_dir, integrity_check=False)
    holder = QWidget()  # the runner's and the presenter's owner; never shown
    runner = TaskRunner(holder)
    ops = Operations(runner, ErrorPresenter(holder, MessageBridge(holder), interactive=False, log_file=log_file), holder)
    station = services.stations.current()
    window = NowServingWindow(services, ops, None, station.name if station is not None else "")
    try:
        if args.exit_when_ready:
            window.show()
            ready = QTimer(window)
            ready.timeout.connect(lambda: _ready(app, window))
            ready.start(50)
            QTimer.singleShot(30_000, lambda: app.exit(1))
        else:
            window.showFullScreen()
        return app.exec()
    finally:
        runner.shutdown()
        services.close()


def _ready(app, window) -> None:
    if window.isVisible() and window.loaded:
        print(f"ktp-mandiri: layar nomor dipanggil tampil: {window.number.text()}", flush=True)
        app.exit(0)
