"""The station's reports (issue 22): the daily report under 300 ms, the monthly recap of 29 kecamatan and
about 90,000 cards under 2 s.

- daily: a hub serving two kecamatan that printed 150 cards a day for a year (bench_office_panel's data);
  the PDF of yesterday's daily report, made as `ktp-mandiri report daily` makes it (figures, words, PDF);
- monthly: a station serving the 29 kecamatan of Kabupaten Tangerang that printed 3,000 cards a day for
  the 30 days of November 2026 (90,000 cards); the landscape recap of that month.

Each is timed after a warm-up (the fonts are parsed once per process, as in the application). The verdict is on
the CPU time of the thread that makes the report: on this shared 2-core machine (load 7-14 while the other
engineers' suites run) the wall time is the CPU time plus the wait for a core, and the CPU time is what a quiet
office PC shows as wall time (as bench_office_panel reads it). Both are in the table.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher

from bench.bench_office_panel import _times, _year
from bench.common import Result, percentile
from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.domain.roles import Role
from desktop.services.reports import ReportRequest

NAME = "reports"
DAILY_TARGET_MS = 300.0
MONTHLY_TARGET_S = 2.0
HUB = ("36.74.06", "36.74.07")
REGENCY = "36.03"  # Kabupaten Tangerang: 29 kecamatan


def _station(tmp: str, now: datetime, served: tuple[str, ...] | None, regency: str | None = None):
    services = build_services(Path(tmp) / "data", clock=FixedClock(now),
                              hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    if served is None:
        served = tuple(region.code for region in services.regions.kecamatan_in(regency))
    admin = services.auth.create_first_admin("admin", "Admin", "bench-admin-9")
    supervisor = services.auth.create_user(admin, "kasi", "Kasi Pelayanan", "bench-kasi-9", Role.SUPERVISOR)
    operator = services.auth.create_user(admin, "loket", "Petugas Loket", "bench-loket-9", Role.OPERATOR)
    station = services.stations.setup(admin, served[0], list(served))
    services.stock.receive(supervisor, station.id, 2000, "BA-BENCH")
    return services, supervisor, operator, station


def run(quick: bool) -> list[Result]:
    results = []
    days, per_day, repeat = (30, 50, 10) if quick else (365, 150, 40)
    with tempfile.TemporaryDirectory(prefix="ktp-reports-") as tmp:
        services, supervisor, operator, station = _station(tmp, datetime(2026, 12, 7, 14, 0), HUB)
        cards = _year(services, station.id, operator.id, days, per_day)
        station = services.stations.require()
        yesterday = services.clock.today() - timedelta(days=1)
        request = ReportRequest("daily", yesterday, HUB[0])
        wall, cpu = _times(lambda: services.reports.make(supervisor, station, request), repeat, warmup=2)
        size = len(services.reports.make(supervisor, station, request).data)
        services.close()
    p95 = percentile(cpu, 95)
    results.append(Result(NAME, f"daily report PDF, CPU p95 ({cards:,} cards over {days} days)", p95, "ms",
                          target=f"< {DAILY_TARGET_MS:.0f} ms", ok=p95 < DAILY_TARGET_MS,
                          note=f"wall p50 {percentile(wall, 50):.0f} ms, p95 {percentile(wall, 95):.0f} ms; "
                               f"CPU p50 {percentile(cpu, 50):.0f} ms; {size:,} bytes"))

    month_days, month_per_day, repeat = (5, 300, 3) if quick else (30, 3000, 5)
    with tempfile.TemporaryDirectory(prefix="ktp-recap-") as tmp:
        # The cards of November: the bench's generator writes `days` days back from today and half of today.
        services, supervisor, operator, station = _station(tmp, datetime(2026, 12, 1, 0, 30), None, REGENCY)
        served = services.stations.require().served
        started = time.perf_counter()
        cards = _year(services, station.id, operator.id, month_days, month_per_day, served)
        generated = time.perf_counter() - started
        services.clock.advance(days=6)
        station = services.stations.require()
        request = ReportRequest("monthly", date(2026, 11, 1))
        wall, cpu = _times(lambda: services.reports.make(supervisor, station, request), repeat, warmup=1)
        made = services.reports.make(supervisor, station, request)
        services.close()
    worst = max(cpu) / 1000
    results.append(Result(NAME, f"monthly recap PDF, CPU worst of {repeat} ({len(served)} kecamatan, {cards:,} cards)",
                          worst, "s", target=f"< {MONTHLY_TARGET_S:.0f} s", ok=worst < MONTHLY_TARGET_S,
                          note=f"wall median {percentile(wall, 50):.0f} ms, worst {max(wall):.0f} ms; "
                               f"{len(made.data):,} bytes; data generated in {generated:.0f} s"))
    results += _drawn(made.data)
    return results


def _drawn(data: bytes) -> list[Result]:
    """The recap's pages as the preview draws them (pdfium on the pdf lane) and as the office printer gets them
    (300 dpi, into a PDF through Qt's print engine): shown for reading, no target in the issue."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPrintSupport import QPrinter

    from desktop.services.reports.pages import render
    from desktop.ui.pages.reports.pdf_view import PREVIEW_DPI
    from desktop.ui.pages.reports.printing import print_pdf

    _app = QGuiApplication.instance() or QGuiApplication(["bench"])
    wall, cpu = _times(lambda: render(data, PREVIEW_DPI), 3, warmup=1)
    pages = len(render(data, 36))
    results = [Result(NAME, f"monthly recap preview, {pages} pages at {PREVIEW_DPI} dpi, CPU worst of 3", max(cpu), "ms",
                      note=f"wall worst {max(wall):.0f} ms")]
    with tempfile.TemporaryDirectory(prefix="ktp-print-") as tmp:
        def printed() -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(Path(tmp) / "printed.pdf"))
            print_pdf(data, printer)

        wall, cpu = _times(printed, 2, warmup=0)
        size = (Path(tmp) / "printed.pdf").stat().st_size
    results.append(Result(NAME, f"monthly recap printed ({pages} pages, 300 dpi, into a PDF), CPU worst of 2",
                          max(cpu), "ms", note=f"wall worst {max(wall):.0f} ms; {size:,} bytes sent"))
    return results
