"""The regency's reports at the server (issue 22, "Measured"), on PostgreSQL:

- the data: the 29 kecamatan of Kabupaten Tangerang, one station each and a hub serving two of them, the
  whole of last month at about 3,000 cards a day (about 90,000 cards, made with COPY here only), 1% of them
  with a spoiled blanko, each box of 500 blanko arrived at its station;
- the monthly recap of the regency (landscape PDF, per day, per kecamatan, per hub), made as
  `ktp-mandiri-server report monthly` and GET /v1/admin/reports/monthly make it (server/reports.py, in this
  process on the same database): worst of the timed calls against < 2 s;
- the complete daily report of one kecamatan for a day of that month: p95 against < 300 ms.

Both are timed after a warm-up (the fonts are parsed once per process, as in the server). The wall time and
this thread's CPU time are both shown; PostgreSQL's own work is in the wall time only.
"""

from __future__ import annotations

import time
import uuid
from datetime import date, timedelta

from bench.common import Result, percentile, regency_server
from bench.regency_cards import (
    KABUPATEN_TANGERANG,
    NULL,
    CardLines,
    analyze_and_reopen,
    copy_rows,
    kecamatan_codes,
)

NAME = "server_reports"
CARDS_A_DAY = 103  # a kecamatan: x 29 x 30 days, about 90,000
MONTHLY_TARGET_S = 2.0
DAILY_TARGET_MS = 300.0


def run(quick: bool) -> list[Result]:
    with regency_server("ktp-bench-server-reports-") as (regency, _work):
        month, cards = _seed(regency.database_url)
        monthly_wall, monthly_cpu, size = _timed("monthly", month, None, 2 if quick else 5)
        code = _first_code()
        daily_wall, daily_cpu, daily_size = _timed("daily", month + timedelta(days=9), code, 10 if quick else 40)
    worst = max(monthly_wall) / 1000
    daily_p95 = percentile(daily_wall, 95)
    return [
        Result(NAME, f"monthly recap PDF at the server, worst of {len(monthly_wall)} (29 kecamatan, {cards:,} cards)",
               worst, "s", target=f"< {MONTHLY_TARGET_S:.0f} s", ok=worst < MONTHLY_TARGET_S,
               note=f"wall median {percentile(monthly_wall, 50):.0f} ms; this thread's CPU worst "
                    f"{max(monthly_cpu):.0f} ms; {size:,} bytes"),
        Result(NAME, "complete daily report of one kecamatan, PDF p95", daily_p95, "ms",
               target=f"< {DAILY_TARGET_MS:.0f} ms", ok=daily_p95 < DAILY_TARGET_MS,
               note=f"p50 {percentile(daily_wall, 50):.0f} ms; CPU p95 {percentile(daily_cpu, 95):.0f} ms; "
                    f"{daily_size:,} bytes"),
    ]


def _first_code() -> str:
    from desktop.domain.regions import default_regions

    return default_regions().kecamatan_in(KABUPATEN_TANGERANG)[0].code


def _timed(kind: str, day: date, kecamatan: str | None, repeat: int) -> tuple[list[float], list[float], int]:
    from server import reports
    from server.db import connection

    ask = reports.ReportAsk(kind, day, kecamatan)
    with connection():
        size = len(reports.make(ask).data)  # warm: fonts, the regions, the connection
        wall, cpu = [], []
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.thread_time()
            reports.make(ask)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
    return wall, cpu, size


def _seed(url: str) -> tuple[date, int]:
    """Last month's cards, spoilage and arrived boxes for 29 kecamatan; (the month's first day, cards)."""
    from server import leases, registry
    from server.db import connection, database, make_database
    from server.migrations import migrate

    database.initialize(make_database(url))
    codes = kecamatan_codes()
    month = (leases.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    with connection():
        migrate(database.obj)
        leases.receive_blanko("bench", 100_000, "BA-BENCH", requested=120_000)
        stations = [registry.add_station("bench", f"Loket {code}", [code])[0]["id"] for code in codes]
        hub = registry.add_station("bench", "Hub Utara", codes[:2])[0]["id"]
    raw = database.obj.connection()
    cursor = raw.cursor()
    lines, ranges = CardLines(), []
    day = month
    while day.month == month.month:
        for station_id, code in [*zip(stations, codes, strict=True), (hub, codes[1])]:
            per_day = CARDS_A_DAY if station_id != hub else 20
            ranges.append(f"{uuid.uuid4()}\t{station_id}\t{lines.number}\t{lines.number + per_day + 9}\t"
                          f"{day} 00:30:00\t{day} 00:40:00\n")
            lines.day(station_id, code, day, per_day, lambda n: uuid.uuid4() if n == 5 else NULL)
            lines.number += 10
        day += timedelta(days=1)
    lines.write_cards(cursor)
    lines.write_spoils(cursor)
    copy_rows(cursor, "blanko_range", "id, station_id, first_number, last_number, granted_at, confirmed_at", ranges)
    analyze_and_reopen(url)
    return month, lines.count
