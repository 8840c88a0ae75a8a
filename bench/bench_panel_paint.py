"""The office panel kept open all day: 1,000 refreshes back to back on an injected clock (10 s apart),
over a year of a hub's cards (the data set of bench_office_panel.py).

Each refresh reads the figures (as the database lane does) and shows them; what is timed is the GUI's
part, showing and painting the page (`repaint()`, synchronous). Memory is the process's resident set
after the first 100 refreshes and after the last: kept open all day, the panel must not grow.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher

from bench.bench_office_panel import NOW, SERVED, _year
from bench.common import Result, percentile, wait_until
from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.domain.roles import Role

NAME = "panel_paint"
PAINT_TARGET_MS = 50.0


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run(quick: bool) -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    days, per_day, refreshes = (30, 50, 200) if quick else (365, 150, 1000)
    with tempfile.TemporaryDirectory(prefix="ktp-paint-") as tmp:
        clock = FixedClock(NOW)
        services = build_services(Path(tmp) / "data", clock=clock, hasher=PasswordHasher(time_cost=1, memory_cost=1024))
        admin = services.auth.create_first_admin("admin", "Admin", "bench-admin-9")
        services.auth.create_user(admin, "kasi", "Kasi Pelayanan", "bench-kasi-9", Role.SUPERVISOR)
        operator = services.auth.create_user(admin, "loket", "Petugas Loket", "bench-loket-9", Role.OPERATOR)
        station = services.stations.setup(admin, SERVED[0], list(SERVED))
        services.stations.add_printer(admin, "sim://paint-bench")
        _year(services, station.id, operator.id, days, per_day)
        window = MainWindow(services, poll_printers=False)
        window.resize(1366, 768)
        window.show()
        wait_until(app, lambda: window.stack.currentWidget() is window.login_page)
        window.login_page.username.setText("kasi")
        window.login_page.password.setText("bench-kasi-9")
        window.login_page.password.returnPressed.emit()
        wait_until(app, lambda: window.stack.currentWidget() is window.work)
        window.open_entry("panel")
        page = window.work_area.get("panel")
        wait_until(app, lambda: page.figures is not None)
        page.timer.stop()  # the refreshes below are the timer's, back to back
        panel, served = services.office_panel, station.served
        paints, cpu, rss = [], [], []
        for n in range(refreshes):
            clock.advance(seconds=10)
            figures = panel.figures(station.id, served)
            start, start_cpu = time.perf_counter(), time.thread_time()
            page._show(figures)
            page.repaint()
            paints.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            app.processEvents()
            if n in (99, refreshes - 1):
                rss.append(_rss_mb())
        window.shutdown()
        window.close()
        services.close()
    worst = max(paints)
    growth = rss[1] - rss[0]
    return [
        Result(NAME, f"paint after a refresh, worst of {refreshes}", worst, "ms", target=f"< {PAINT_TARGET_MS:.0f} ms",
               ok=worst < PAINT_TARGET_MS, note=f"paint p50 {percentile(paints, 50):.2f} ms, p95 "
                                                f"{percentile(paints, 95):.2f} ms; CPU of the thread p95 "
                                                f"{percentile(cpu, 95):.2f} ms, worst {max(cpu):.2f} ms; clock "
                                                f"advanced {timedelta(seconds=10 * refreshes)}"),
        Result(NAME, f"resident memory growth, refresh 100 to {refreshes}", growth, "MB", target="flat (< 5 MB)",
               ok=growth < 5, note=f"RSS {rss[0]:.1f} MB after 100 refreshes, {rss[1]:.1f} MB after {refreshes}"),
    ]
