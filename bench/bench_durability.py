"""What syncing every commit costs the station (issue "station integrity": a printed card must be on
disk before "Tercetak" is shown, so the database runs with synchronous=FULL instead of NORMAL).

Each mode writes the same small transaction (one audit-sized row) 300 times, one commit each, into a
WAL database in the benchmark folder (on the disk the station's data would use), and reports the
commit's latency. A print makes 5 commits that reach the disk (traced in tests/unit/test_durability.py:
5 fdatasync calls on the write-ahead log from log-in to "Tercetak"), so the cost per card is about 5
times the difference; a card takes 15-30 s on a real printer.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time

from bench.common import Result, bench_dir, percentile

NAME = "durability"
COMMITS_PER_PRINT = 5


def _commit_latencies(path, synchronous: int, count: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = wal")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        conn.execute("CREATE TABLE IF NOT EXISTS entry (seq INTEGER PRIMARY KEY, body TEXT)")
        samples = []
        for number in range(count):
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO entry (body) VALUES (?)", ("x" * 400 + str(number),))
            conn.execute("COMMIT")
            samples.append((time.perf_counter() - started) * 1000)
        return samples
    finally:
        conn.close()


def run(quick: bool) -> list[Result]:
    count = 100 if quick else 300
    results = []
    medians = {}
    with tempfile.TemporaryDirectory(prefix="ktp-bench-durability-", dir=bench_dir()) as folder:
        for label, mode in (("NORMAL", 1), ("FULL", 2)):
            samples = _commit_latencies(f"{folder}/{label}.sqlite3", mode, count)
            medians[label] = percentile(samples, 50)
            results.append(Result(NAME, f"commit p50, synchronous={label}", medians[label], "ms"))
            results.append(Result(NAME, f"commit p95, synchronous={label}", percentile(samples, 95), "ms"))
    added = max(0.0, medians["FULL"] - medians["NORMAL"]) * COMMITS_PER_PRINT
    results.append(Result(NAME, f"added per printed card ({COMMITS_PER_PRINT} commits)", added, "ms",
                          target="< 100 ms", ok=added < 100, note="a card takes 15-30 s on a real printer"))
    return results
