"""The regency panel over a year of cards (issue 18, "Measured"), on PostgreSQL with the real server:

- 29 kecamatan of Kabupaten Tangerang, one station each, one year of cards (about 1,000,000 rows, made
  with COPY here only), 1% of them with a spoiled blanko, today's leases, two printers a station;
- the panel's data at the server (server/regency_panel.py, in this process on the same database):
  p50/p95 against < 100 ms; the same through the HTTP API (2 workers) for reading;
- 30 panels refreshing every 10 s against the server: the CPU share of the server's processes (and of
  PostgreSQL's, when the cluster is this benchmark's own) from /proc, with the load average then.
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from bench.common import Result, percentile, regency_server
from bench.regency_cards import CardLines, analyze_and_reopen, copy_rows, kecamatan_codes

CARDS_A_DAY = 95  # x 29 kecamatan x 365 days: about 1,000,000
PASSWORD = "bench-kabupaten-1"
TICKS = os.sysconf("SC_CLK_TCK")


def run(quick: bool) -> list[Result]:
    with regency_server("ktp-bench-regency-panel-") as (regency, work):
        days = 30 if quick else 365
        rows = _seed(regency.database_url, days)
        timings, cpu = _in_process(40 if quick else 200)
        regency.start()
        token = _login(regency.url)
        http = _over_http(regency.url, token, 20 if quick else 100)
        share = _thirty_panels(regency, token, 20 if quick else 60)
    load = os.getloadavg()
    note = f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end"
    return [
        Result("regency_panel", f"panel data at the server p50 (29 kecamatan, {rows:,} cards)", percentile(timings, 50),
               "ms", "< 100 ms", percentile(timings, 50) < 100, note=note),
        Result("regency_panel", "panel data at the server p95", percentile(timings, 95), "ms", "< 100 ms",
               percentile(timings, 95) < 100),
        Result("regency_panel", "the same, CPU time of this process p50 / p95", percentile(cpu, 50), "ms",
               note=f"p95 {percentile(cpu, 95):.1f} ms (PostgreSQL's own work not included)"),
        Result("regency_panel", "GET /v1/admin/panel p50 (HTTP, gzip, 2 workers)", percentile(http, 50), "ms"),
        Result("regency_panel", "GET /v1/admin/panel p95", percentile(http, 95), "ms"),
        Result("regency_panel", "30 panels every 10 s: server processes' CPU", share["server"], "% of one core",
               note=f"over {share['seconds']:.0f} s, {share['requests']} requests, p95 {share['p95']:.0f} ms"),
        Result("regency_panel", "30 panels every 10 s: PostgreSQL's CPU", share["postgres"], "% of one core",
               note="n/a: an external cluster" if share["postgres"] != share["postgres"] else ""),
    ]


def _seed(url: str, days: int) -> int:
    from server import leases, registry, security
    from server.db import connection, database, make_database
    from server.migrations import migrate
    from server.models import Station, utcnow

    database.initialize(make_database(url))
    codes = kecamatan_codes()
    with connection():
        migrate(database.obj)
        security.create_admin("bench", "kepala", "Kepala", PASSWORD, first=True)
        leases.receive_blanko("bench", 100_000, "BA-BENCH")
        today = leases.today()
        stations = []
        for code in codes:
            registry.set_quota("bench", code, 100)
            station, _ = registry.add_station("bench", f"Loket {code}", [code])
            stations.append(station["id"])
        Station.update(last_seen_at=utcnow(), enrolled_at=utcnow(), blanko_usable=400).execute()
    raw = database.obj.connection()
    cursor = raw.cursor()
    lines = CardLines()
    for offset in range(days, -1, -1):
        day = today - timedelta(days=offset)
        for station_id, code in zip(stations, codes, strict=True):
            lines.day(station_id, code, day, CARDS_A_DAY if offset else CARDS_A_DAY // 2)
        if len(lines.cards) > 200_000 or offset == 0:
            lines.write_cards(cursor)
    lines.write_spoils(cursor)
    now = utcnow()
    copy_rows(cursor, "quota_lease", "station_id, kecamatan_code, day, granted, returned, used, wanted, updated_at",
              [f"{s}\t{c}\t{today}\t60\t0\t47\t0\t{now}\n" for s, c in zip(stations, codes, strict=True)])
    copy_rows(cursor, "station_printer", "station_id, name, state, ready, ribbon_left, reported_at",
              [f"{s}\t{name}\tready\tt\t{left}\t{now}\n" for s in stations for name, left in
               (("Evolis Primacy", 180), ("Evolis Loket 2", 20))])
    analyze_and_reopen(url)
    return lines.count


def _in_process(samples: int) -> tuple[list[float], list[float]]:
    from server import regency_panel
    from server.db import connection

    timings, cpu = [], []
    with connection():
        regency_panel.panel()  # warm
        for _ in range(samples):
            started, cpu_started = time.perf_counter(), time.process_time()
            regency_panel.panel()
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
    return timings, cpu


def _login(url: str) -> str:
    request = urllib.request.Request(url + "/v1/admin/login", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"username": "kepala", "password": PASSWORD}).encode())
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["token"]


def _get_panel(url: str, token: str) -> float:
    request = urllib.request.Request(url + "/v1/admin/panel", headers={"Authorization": f"Bearer {token}",
                                                                      "Accept-Encoding": "gzip"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _over_http(url: str, token: str, samples: int) -> list[float]:
    _get_panel(url, token)
    return [_get_panel(url, token) for _ in range(samples)]


def _cpu_ticks(pids: set[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def _family(root: int) -> set[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        found.add(pid)
        todo += children.get(pid, [])
    return found


def _postmaster(regency) -> int | None:
    from server.db import database

    row = database.obj.execute_sql("SELECT setting FROM pg_settings WHERE name = 'data_directory'").fetchone()
    pid_file = Path(row[0]) / "postmaster.pid" if row else None
    try:
        return int(pid_file.read_text().splitlines()[0]) if pid_file else None
    except (OSError, ValueError):
        return None


def _thirty_panels(regency, token: str, seconds: int) -> dict:
    from server.db import connection

    with connection():
        postmaster = _postmaster(regency)
    server = _family(regency.process.pid)
    database = _family(postmaster) if postmaster else set()
    timings: list[float] = []
    stop = threading.Event()

    def panel_window(offset: float) -> None:
        if stop.wait(offset):
            return
        while not stop.is_set():
            timings.append(_get_panel(regency.url, token))
            stop.wait(10)

    threads = [threading.Thread(target=panel_window, args=(n / 3,), daemon=True) for n in range(30)]
    server_before, database_before, started = _cpu_ticks(server), _cpu_ticks(database), time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    server_share = (_cpu_ticks(server) - server_before) / TICKS / elapsed * 100
    database_share = ((_cpu_ticks(database) - database_before) / TICKS / elapsed * 100) if database else float("nan")
    return {"server": server_share, "postgres": database_share, "seconds": elapsed, "requests": len(timings),
            "p95": percentile(timings, 95) if timings else float("nan")}

