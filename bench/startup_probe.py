"""Run in a fresh process by bench_startup: start a window and report when it is on screen.

    python -m bench.startup_probe bare T0
    python -m bench.startup_probe app T0 DATA_DIR

T0 is the parent's time.time() just before it started this process, so interpreter start-up and
imports are counted. `app` goes through the real entry point (`desktop.app.main`, as main.py does):
argument parsing, translators, fonts, build_services, MainWindow, show. It only creates the
QApplication first, which run_gui reuses, so that an event filter can watch for the first paint.

Three moments of the app: shown (the login page painted), usable (the start page chosen: MainWindow
asked the database lane whether users exist; with users the login page stays) and checked (the
start-up consistency checks, `PRAGMA quick_check` and the audit chain, have run on the database lane).
One JSON line goes to stdout: {"ready_ms": ..., "marks": {...}}, all in ms since T0.
"""

from __future__ import annotations

import time

STARTED = time.time()  # before any other import: what the interpreter itself took shows in the marks

import json  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget  # noqa: E402


class FirstPaint(QObject):
    """Notes when a widget with the watched object name (or the watched widget) first paints."""

    def __init__(self, t0: float, watch_name: str | None = None) -> None:
        super().__init__()
        self.t0 = t0
        self.watch_name = watch_name
        self.watched: QWidget | None = None
        self.painted_ms: float | None = None
        self.painted_widget: QWidget | None = None
        self.on_paint = lambda: None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.painted_ms is None and event.type() == QEvent.Type.Paint:
            hit = obj is self.watched or (self.watch_name is not None and obj.objectName() == self.watch_name)
            if hit:
                self.painted_ms = (time.time() - self.t0) * 1000
                self.painted_widget = obj  # type: ignore[assignment]
                QTimer.singleShot(0, self.on_paint)
        return False


def bare(t0: float) -> dict:
    app = QApplication(sys.argv[:1])
    marks = {"interpreter": (STARTED - t0) * 1000, "qapplication": (time.time() - t0) * 1000}
    watcher = FirstPaint(t0)
    app.installEventFilter(watcher)  # app-wide, as for the app, so both pay the same filter cost
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1280, 720)  # MainWindow's size: the same number of pixels to paint
    watcher.watched = window
    watcher.on_paint = app.quit
    window.show()
    app.exec()
    marks["painted"] = watcher.painted_ms
    return {"ready_ms": watcher.painted_ms, "marks": marks}


def app_main(t0: float, data_dir: str) -> dict:
    app = QApplication(sys.argv[:1])
    marks = {"interpreter": (STARTED - t0) * 1000, "qapplication": (time.time() - t0) * 1000}
    watcher = FirstPaint(t0, watch_name="loginPage")
    app.installEventFilter(watcher)
    ready: dict[str, float | str] = {}

    def check_ready() -> None:
        # The paint alone is not enough: has_users() may still be running and could switch the page.
        window = watcher.painted_widget.window() if watcher.painted_widget is not None else None
        if window is None:
            return
        current = window.stack.currentWidget().objectName()
        now = (time.time() - t0) * 1000
        if window.load_error is not None or (window.start_page_ready and current != "loginPage"):
            # Not raised here: the app's excepthook would open a modal dialog nobody can close.
            ready["error"] = f"the app showed {current!r}, not the login page: is the data dir prepared?"
            app.quit()
            return
        # Usable: the start page is chosen (users exist: the log-in page stays).
        if window.start_page_ready and "ms" not in ready:
            ready["ms"] = max(watcher.painted_ms or 0.0, now)
        # Checked: the consistency checks queued behind it (database pages, audit chain) have run.
        if "ms" in ready and window.consistency_checked:
            ready["checked_ms"] = now
            app.quit()  # run_gui then shuts the window and the services down as on a normal exit
            return
        QTimer.singleShot(1, check_ready)

    watcher.on_paint = check_ready
    from desktop.app import main

    status = main(["--data-dir", data_dir])
    if "error" in ready:
        raise RuntimeError(ready["error"])
    if status != 0 or "ms" not in ready:
        raise RuntimeError(f"the app exited with status {status} before its login page was ready")
    marks["login_painted"] = watcher.painted_ms
    marks["checked"] = ready["checked_ms"]
    return {"ready_ms": ready["ms"], "marks": marks}


if __name__ == "__main__":
    kind, t0_text = sys.argv[1], sys.argv[2]
    result = bare(float(t0_text)) if kind == "bare" else app_main(float(t0_text), sys.argv[3])
    print(json.dumps(result), flush=True)
