"""A scanner's burst to the verdict and the preview painted, through the real window (issue 23, "Measured").

The real `MainWindow` on the regency database of bench_lookup (3.5 M residents in full mode) and the
offscreen platform: the operator logs in (argon2 with the production parameters) and scans. Each scan
is 16 digit keys and Enter sent to the widget that has the focus, stamped 8 ms apart
(`QKeyEvent.timestamp()`) and sent 8 ms apart, as a scanner types; the focus is moved off the NIK
field first, so every burst goes through the scan filter (desktop/ui/scan_filter.py). The time runs
from the Enter press to the first paint of the preview with the citizen's card on it (the verdict,
the resident panel and the print state are set before: `CounterPage._verified`). Scans are of
existing residents only (a miss paints no card).

- scans in a row: one log-in, 10 unmeasured scans, then `SCANS` scans (p95; target < 100 ms);
- the first scan after each of 20 log-ins in one running application (log-out closes the pages, so each
  log-in builds them anew); this application first lets its start-up consistency checks end (on a 1-3 GB
  database `PRAGMA quick_check` takes a core for most of a minute), as a PC that has been on a while;
- the first scan of freshly started applications, made as soon as the counter shows: those checks run
  meanwhile.

Each session runs in a fresh `python -m bench.bench_scan` process, so the first scans see cold modules.
The number of residents is an option: `KTP_BENCH_RESIDENTS=N` (or `python -m bench scan --residents N`).
The process's CPU time for each scan (all its threads: the database and render lanes) is noted beside
the wall time, which on a loaded machine is mostly the wait for a core.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_lookup import FULL, QUICK
from bench.common import Result, bench_dir, percentile, wait_until
from bench.resident_db import clock, ensure_dataset, resident_count, sample_niks

NAME = "scan"
ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0
GAP_MS = 8  # between a scanner's keys
WARM = 10
SIZES = {False: {"scans": 200, "logins": 20, "fresh": 3}, True: {"scans": 30, "logins": 3, "fresh": 2}}


def run(quick: bool) -> list[Result]:
    import random

    size = QUICK if quick else FULL
    dataset = ensure_dataset(resident_count(size.residents), size.cards_per_day, size.history_days)
    counts = SIZES[quick]
    rng = random.Random(23)
    niks = sample_niks(dataset, WARM + counts["scans"] + counts["logins"] + counts["fresh"], rng)
    label = f"{dataset.residents:,} residents"
    load_before = os.getloadavg()[0]
    row = _session(dataset.data_dir, [niks[:WARM + counts["scans"]]] + [[nik] for nik in niks[-counts["logins"] + 1:]],
                   settled=True)
    rows = row["scans"]
    steady, steady_cpu = rows[0][WARM:], row["cpu"][0][WARM:]
    logins = [scans[0] for scans in rows]  # the first scan after each log-in, the application's very first too
    fresh = [_session(dataset.data_dir, [[nik]])["scans"][0][0] for nik in niks[-counts["logins"] - counts["fresh"]:
                                                                              -counts["logins"]]]
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    p95, login_p95 = percentile(steady, 95), percentile(logins, 95)
    return [
        Result(NAME, f"scan to verdict and preview painted, p95 of {len(steady)} ({label})", p95, "ms",
               target=f"< {TARGET_MS:.0f} ms", ok=p95 < TARGET_MS,
               note=f"p50 {percentile(steady, 50):.1f}, max {max(steady):.1f} ms; process CPU p50 "
                    f"{percentile(steady_cpu, 50):.1f} / p95 {percentile(steady_cpu, 95):.1f} ms; {load}"),
        Result(NAME, f"first scan after each of {len(logins)} log-ins, p95 ({label})", login_p95, "ms",
               target=f"< {TARGET_MS:.0f} ms", ok=login_p95 < TARGET_MS,
               note="one running application; each: " + ", ".join(f"{ms:.0f}" for ms in logins)),
        Result(NAME, f"first scan of a freshly started application, worst of {len(fresh)}", max(fresh), "ms",
               note="each: " + ", ".join(f"{ms:.0f}" for ms in fresh)),
    ]


def _session(data_dir: Path, logins: list[list[str]], settled: bool = False) -> dict:
    """One application process: for each entry of `logins`, log in, scan its NIKs, log out. `settled`: first
    wait for the start-up consistency checks (quick_check, audit chain) to end, as on a PC on for a while."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "PYTHONPYCACHEPREFIX": str(bench_dir() / "pycache")}  # compiled once, as an installed app is
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-m", "bench.bench_scan", str(data_dir), json.dumps(logins), str(settled)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"scan session failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- in the session's own process --------------------------------------------------------------------

def _scan(app, window, nik: str, stamp: list[int]) -> tuple[float, float]:
    """Burst + Enter from wherever the focus is; ms from the Enter to the card's preview painted, and the
    process's CPU ms over the same span."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    page = window.counter_page
    if QApplication.focusWidget() is page.nik_edit:  # the NIK field takes a scan itself: not the filter's
        page.reason.setFocus()
    loop = QEventLoop()
    painted: list[float] = []

    class Painted(QObject):
        def eventFilter(self, watched, event) -> bool:
            if (event.type() == QEvent.Type.Paint and not painted and page.preview.image is not None
                    and page.verification is not None and page.verification.nik.nik == nik):
                painted.append(time.perf_counter())
                QTimer.singleShot(0, loop.quit)  # after this paint has finished
            return False

    watcher = Painted()
    page.preview.installEventFilter(watcher)
    stamp[0] += 1000
    started = cpu = 0.0
    for key, char in [(Qt.Key(Qt.Key.Key_0 + int(ch)), ch) for ch in nik] + [(Qt.Key.Key_Return, "\r")]:
        if key == Qt.Key.Key_Return:
            started, cpu = time.perf_counter(), time.process_time()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            event.setTimestamp(stamp[0])
            QApplication.sendEvent(QApplication.focusWidget() or window, event)
        stamp[0] += GAP_MS
        if key != Qt.Key.Key_Return:
            app.processEvents()  # what each key does to the focused widget, then the scanner's gap
            time.sleep(GAP_MS / 1000)
    QTimer.singleShot(60_000, loop.quit)
    if not painted:
        loop.exec()
    page.preview.removeEventFilter(watcher)
    if not painted:
        raise RuntimeError("no preview was painted within a minute of the scan")
    return (painted[0] - started) * 1000, (time.process_time() - cpu) * 1000


def _log_in(app, window) -> None:
    from desktop.services.demo_accounts import DEMO_USERS

    username, _name, password, _role = next(u for u in DEMO_USERS if u[0] == "operator")
    wait_until(app, lambda: window.stack.currentWidget() is window.login_page and window.start_page_ready, 120)
    window.login_page.username.setText(username)
    window.login_page.password.setText(password)
    window.login_page.password.returnPressed.emit()
    wait_until(app, lambda: window.counter_page is not None and window.counter_page.isVisible(), 120)


def session(data_dir: str, logins: list[list[str]], settled: bool) -> dict:
    from PySide6.QtWidgets import QApplication

    from desktop.composition import build_services
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    services = build_services(Path(data_dir), clock=clock())
    window = MainWindow(services)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    if settled:
        wait_until(app, lambda: window.consistency_checked, seconds=900)
    stamp = [10_000]
    scans: list[list[float]] = []
    cpus: list[list[float]] = []
    for niks in logins:
        _log_in(app, window)
        times = [_scan(app, window, nik, stamp) for nik in niks]
        scans.append([wall for wall, _cpu in times])
        cpus.append([cpu for _wall, cpu in times])
        window.counter_page.reset_for_next()  # no citizen left: log-out does not ask
        window.logout()
    window.shutdown()
    window.close()
    services.close()
    return {"scans": scans, "cpu": cpus}


if __name__ == "__main__":
    print(json.dumps(session(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] == "True")), flush=True)
