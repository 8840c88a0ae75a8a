"""NIK lookup in a regency-sized database: the service layer against a bare prepared sqlite3 query.

The operator types or scans a NIK and the verify page shows the resident; at a hub that serves a
whole regency the station holds millions of residents. Three passes over the same random NIKs
(mostly existing ones, some valid-looking misses), each with its own warm-up:

- `ResidentService.find(nik)`: peewee query plus the ResidentView with region names (target p99 < 0.5 ms);
- `ResidentService.verify(nik, served)`: NIK parsing (twice), find, record status and the quota counts;
- raw `sqlite3` `SELECT * FROM resident WHERE nik = ?` (a cached prepared statement): the floor.

Times are per call, on the GUI's own database connection settings, with the OS page cache warm (the
database file is far smaller than RAM, as on the station PC after some minutes of work).
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bench.common import Result, percentile
from bench.resident_db import Dataset, clock, ensure_dataset, miss_niks, resident_count, sample_niks
from desktop.composition import build_services
from desktop.services.residents import Verification
from desktop.store.db import PRAGMAS

NAME = "lookup"
T = TypeVar("T")
FIND_P99_TARGET_MS = 0.5
MISS_SHARE = 0.05  # scanner typos and residents not yet synced from the regency server


@dataclass
class Timing:
    wall: list[float]  # ms
    cpu: list[float]  # ms of this thread's CPU time
    found: int = 0  # calls whose output showed a resident


@dataclass(frozen=True)
class Size:
    residents: int
    lookups: int
    warmup: int
    cards_per_day: int  # issued across the regency each day (the quota counts scan one day)
    history_days: int


FULL = Size(residents=3_500_000, lookups=20_000, warmup=2_000, cards_per_day=2_000, history_days=60)
QUICK = Size(residents=50_000, lookups=2_000, warmup=300, cards_per_day=100, history_days=10)


def run(quick: bool) -> list[Result]:
    size = QUICK if quick else FULL
    dataset = ensure_dataset(resident_count(size.residents), size.cards_per_day, size.history_days)
    rng = random.Random(7)
    misses = round(size.lookups * MISS_SHARE)
    niks = sample_niks(dataset, size.lookups - misses, rng) + miss_niks(dataset, misses, rng)
    rng.shuffle(niks)
    warm = sample_niks(dataset, size.warmup, rng) + miss_niks(dataset, size.warmup // 20, rng)
    label = f"{dataset.residents:,} residents"
    results = [_dataset_row(dataset)]

    raw, close_raw = _raw_lookup(dataset)
    try:
        raw_timing = _timed(raw, _is_row, warm, niks)
    finally:
        close_raw()

    started = time.perf_counter()
    services = build_services(dataset.data_dir, clock=clock())
    open_ms = (time.perf_counter() - started) * 1000
    try:
        residents = services.residents
        served = dataset.kecamatan  # a hub serving every kecamatan: each hit runs the quota counts
        find_timing = _timed(residents.find, _is_row, warm, niks)
        verify_timing = _timed(lambda nik: residents.verify(nik, served), _ran_quota, warm, niks)
    finally:
        services.close()
    hits = size.lookups - misses
    if not raw_timing.found == find_timing.found == verify_timing.found == hits:
        raise RuntimeError(f"{hits} existing NIKs, but raw sqlite3 found {raw_timing.found}, find "
                           f"{find_timing.found}, and verify ran the quota counts {verify_timing.found} times")

    results.append(Result(NAME, "build_services (open_database + quick_check)", open_ms, "ms",
                          note=f"opening the {dataset.size_bytes / 1e9:.2f} GB database once, warm OS cache"))
    for metric, timing, target in (
        ("find", find_timing, True), ("verify", verify_timing, False), ("raw sqlite3", raw_timing, False),
    ):
        times = timing.wall
        p99 = percentile(times, 99)
        results.append(Result(NAME, f"{metric} p50 ({label})", percentile(times, 50), "ms"))
        results.append(Result(
            NAME, f"{metric} p99 ({label})", p99, "ms",
            target=f"< {FIND_P99_TARGET_MS} ms" if target else "",
            ok=(p99 < FIND_P99_TARGET_MS) if target else None,
            note=(f"{len(times):,} lookups, {MISS_SHARE:.0%} misses; max {max(times):.2f} ms; CPU time "
                  f"p50 {percentile(timing.cpu, 50):.3f} / p99 {percentile(timing.cpu, 99):.3f} ms"
                  + ("; every hit ran the quota counts" if metric == "verify" else "")),
        ))
    find_p50, raw_p50 = percentile(find_timing.wall, 50), percentile(raw_timing.wall, 50)
    results.append(Result(NAME, "find / raw sqlite3 (p50 ratio)", find_p50 / raw_p50, "x",
                          note="what peewee and the ResidentView cost on top of the bare query"))
    return results


def _dataset_row(dataset: Dataset) -> Result:
    if dataset.build_seconds is None:
        note = f"cached in {dataset.data_dir} (delete it to rebuild)"
    else:
        note = (f"built in {dataset.build_seconds:.0f} s "
                f"({dataset.residents / dataset.build_seconds:,.0f} residents/s incl. indexes and history)")
    return Result(NAME, f"database size ({dataset.residents:,} residents)", dataset.size_bytes / 1e6, "MB",
                  note=note)


def _raw_lookup(dataset: Dataset) -> tuple[Callable[[str], object], Callable[[], None]]:
    # Same cache size as the app's connection, so only the Python layers differ.
    con = sqlite3.connect(dataset.db_path, check_same_thread=False)
    con.execute(f"PRAGMA cache_size = {PRAGMAS['cache_size']}")
    sql = "SELECT * FROM resident WHERE nik = ?"  # sqlite3 keeps it prepared in its statement cache

    def lookup(nik: str) -> object:
        return con.execute(sql, (nik,)).fetchone()

    return lookup, con.close


def _is_row(output: object) -> bool:
    return output is not None


def _ran_quota(verification: Verification) -> bool:
    return verification.quota is not None


def _timed(call: Callable[[str], T], present: Callable[[T], bool], warm: Sequence[str],
           niks: Sequence[str]) -> Timing:
    """Per-call wall and CPU milliseconds, and how many calls found a resident (`present`).

    The warm-up NIKs are other residents, so no measured row is in SQLite's cache beforehand. The
    outputs are dropped at once: keeping 20,000 of them would make the garbage collector's full
    passes, and so the tail, slower than in the app. The thread's CPU time leaves out time the
    process was not running (other work on a 2-core machine), which tells a slow call from a
    descheduled one; the wall time is what is judged.
    """
    for nik in warm:
        call(nik)
    wall_ns, cpu_ns = time.perf_counter_ns, time.thread_time_ns
    timing = Timing([], [])
    for nik in niks:
        wall, cpu = wall_ns(), cpu_ns()
        output = call(nik)
        cpu, wall = cpu_ns() - cpu, wall_ns() - wall
        timing.wall.append(wall / 1e6)
        timing.cpu.append(cpu / 1e6)
        timing.found += present(output)
    return timing
