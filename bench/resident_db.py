"""A regency-sized station database (millions of residents), built once and cached between runs.

`desktop.services.demo.generate_residents` goes through peewee at ~6,500 rows/s, so 3.5 million
residents would take ten minutes. Here the schema still comes from `open_database` (the real
migrations, users and station through the real services), and only the bulk rows are written with
raw sqlite3 `executemany`, journal and fsync off, and the resident indexes dropped during the load
and recreated afterwards from the very same migration SQL. The result is checked against a freshly
migrated schema, so the benchmarks read exactly what the app would create.

Besides residents it holds a history of issued cards (and their print jobs and blanko), so that
`verify`'s quota counts scan a realistic day rather than an empty table.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.common import bench_dir
from desktop.clock import FixedClock
from desktop.domain.nik import build_nik
from desktop.domain.regions import default_regions
from desktop.services import demo
from desktop.store.db import open_database
from desktop.store.files import DB_FILENAME
from desktop.store.migrations import SCHEMA_V1, migrate

# Bump when the generated content changes, so a cached database from older code is rebuilt.
BUILD_VERSION = 1
# A fixed "now" (office local time): the history and today's quota rows line up with the clock.
BENCH_NOW = datetime(2026, 3, 2, 10, 0)
REGENCIES = ("36.03", "36.74")  # Kabupaten Tangerang and Kota Tangerang Selatan: ~4.7M people
SEED = 2026
# Existing NIKs get serials from 1 upwards per (kecamatan, birth date, sex); they stay far below
# this, so NIKs with a serial at or above it are valid and certainly absent (the misses).
MISS_SERIAL_FLOOR = 9000
RESIDENT_INDEXES = ("resident_nik", "resident_kecamatan_code")
CHUNK = 20_000
RESIDENTS_ENV = "KTP_BENCH_RESIDENTS"


@dataclass(frozen=True)
class Dataset:
    data_dir: Path  # a complete station data directory: build_services(data_dir) opens it
    db_path: Path
    residents: int
    kecamatan: tuple[str, ...]  # where the residents live, i.e. every kecamatan with residents
    build_seconds: float | None  # None when the cached copy was reused
    size_bytes: int


def resident_count(default: int) -> int:
    """The regency database's size for this run: `--residents N` (KTP_BENCH_RESIDENTS), else `default`."""
    return int(os.environ.get(RESIDENTS_ENV) or default)


def clock() -> FixedClock:
    return FixedClock(BENCH_NOW)


def ensure_dataset(residents: int, cards_per_day: int, history_days: int) -> Dataset:
    """The cached database for these sizes, building it first if it is missing or outdated."""
    root = bench_dir()
    final = root / f"residents-{residents}"
    marker = final / "dataset.json"
    spec = {"version": BUILD_VERSION, "residents": residents, "cards_per_day": cards_per_day,
            "history_days": history_days}
    build_seconds = None
    if not (marker.exists() and json.loads(marker.read_text()).get("spec") == spec):
        # Built under another name and renamed at the end: an interrupted build is never reused.
        building = root / f"residents-{residents}.building"
        shutil.rmtree(building, ignore_errors=True)
        needed = residents * 450 + 200_000_000  # ~300 bytes a resident, plus the index sort's temp space
        free = shutil.disk_usage(root).free
        if free < needed:
            raise RuntimeError(f"{root} has {free / 1e9:.1f} GB free, the build needs about {needed / 1e9:.1f} GB")
        building.mkdir(parents=True)
        started = time.perf_counter()
        _build(building / DB_FILENAME, residents, cards_per_day, history_days)
        build_seconds = time.perf_counter() - started
        (building / "dataset.json").write_text(json.dumps({"spec": spec, "build_seconds": build_seconds}))
        shutil.rmtree(final, ignore_errors=True)
        building.rename(final)
    db_path = final / DB_FILENAME
    return Dataset(final, db_path, residents, _kecamatan(), build_seconds, db_path.stat().st_size)


def sample_niks(dataset: Dataset, count: int, rng: random.Random) -> list[str]:
    """`count` NIKs of existing residents, uniformly at random (rowids run 1..N: rows are never deleted)."""
    con = sqlite3.connect(dataset.db_path)
    try:
        rowids = [rng.randint(1, dataset.residents) for _ in range(count)]
        return [con.execute("SELECT nik FROM resident WHERE rowid = ?", (r,)).fetchone()[0] for r in rowids]
    finally:
        con.close()


def miss_niks(dataset: Dataset, count: int, rng: random.Random) -> list[str]:
    """Valid NIKs that no resident has: the operator typed a real-looking NIK of someone not in the data."""
    today = BENCH_NOW.date()
    return [
        build_nik(rng.choice(dataset.kecamatan), today - timedelta(days=rng.randint(18 * 365, 70 * 365)),
                  rng.choice("LP"), rng.randint(MISS_SERIAL_FLOOR, 9999))
        for _ in range(count)
    ]


def _kecamatan() -> tuple[str, ...]:
    regions = default_regions()
    return tuple(k.code for reg in REGENCIES for k in regions.kecamatan_in(reg))


def _build(path: Path, residents: int, cards_per_day: int, history_days: int) -> None:
    regions = default_regions()
    db = open_database(path)  # the real schema, by the real migrations
    demo.setup_demo(db, clock(), regions, residents=0, blanko=0)  # users, station, quotas, printer
    station_id = db.execute_sql("SELECT id FROM station").fetchone()[0]
    operator_id = db.execute_sql("SELECT id FROM user WHERE username = 'operator'").fetchone()[0]
    db.close()

    con = sqlite3.connect(path, isolation_level=None)
    try:
        # Nobody else has the file and a failed build is thrown away, so durability buys nothing here.
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -1000000")  # 1 GB: the id index's random inserts stay in memory
        for name in RESIDENT_INDEXES:
            con.execute(f'DROP INDEX "{name}"')
        want = cards_per_day * (history_days + 1) + 100
        stride = max(1, residents // want)
        picked: list[tuple[str, str, str]] = []  # (id, nik, kecamatan) of residents who got cards
        con.execute("BEGIN")
        for chunk in _resident_rows(residents, regions):
            _insert(con, "resident", chunk)
            picked.extend((row[0], row[1], row[11]) for row in chunk[::stride])
        con.execute("COMMIT")
        # Sorting once is much faster than 3.5M random inserts into the NIK index.
        for sql in SCHEMA_V1:
            if any(f'INDEX "{name}"' in sql for name in RESIDENT_INDEXES):
                con.execute(sql)
        con.execute("BEGIN")
        _history(con, picked, station_id, operator_id, cards_per_day, history_days)
        con.execute("COMMIT")
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"bench database has dangling foreign keys: {problems[:5]}")
        con.execute("PRAGMA journal_mode = WAL")  # as the app leaves it
    finally:
        con.close()
    _check_schema(path)


def _resident_rows(count: int, regions) -> Iterator[list[tuple]]:
    """Residents like demo.generate_residents makes them, as raw rows in the table's column order."""
    rng = random.Random(SEED)
    rnd, choice = rng.random, rng.choice
    today = BENCH_NOW.date()
    kecamatan = _kecamatan()
    villages = {k: [v.code for v in regions.villages_in(k)] or [k + ".1001"] for k in kecamatan}
    statuses = [s for s, weight in demo.RECORD_STATUSES for _ in range(weight)]
    religions = [r for r, weight in demo.RELIGIONS for _ in range(weight)]
    oldest, youngest = (today - timedelta(days=80 * 365)).toordinal(), (today - timedelta(days=17 * 365 + 5)).toordinal()
    adult_married = (today - timedelta(days=25 * 365)).toordinal()
    # The NIK's serial is the running number per kecamatan, birth date and sex, as at Dukcapil.
    # Ages span less than a century, so the ordinal stands in for DDMMYY without clashes.
    serials: dict[int, int] = {}
    now = BENCH_NOW.isoformat(" ")
    chunk: list[tuple] = []
    for i in range(count):
        home = kecamatan[i % len(kecamatan)]
        origin_index = i % len(kecamatan) if rnd() < 0.9 else int(rnd() * len(kecamatan))
        sex = "L" if rnd() < 0.5 else "P"
        ordinal = oldest + int(rnd() * (youngest - oldest + 1))
        key = (ordinal * len(kecamatan) + origin_index) * 2 + (sex == "P")
        serial = serials.get(key, 0) + 1
        serials[key] = serial
        if serial >= MISS_SERIAL_FLOOR:
            raise RuntimeError("too many residents share a birth date: misses would no longer be misses")
        born = date.fromordinal(ordinal)
        first_names = demo.MALE_NAMES if sex == "L" else demo.FEMALE_NAMES
        name = f"{choice(first_names)} {choice(demo.FAMILY_NAMES)}"
        if rnd() < 0.3:
            name = f"{choice(first_names)} {name}"
        chunk.append((
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            build_nik(kecamatan[origin_index], born, sex, serial),
            name.upper(), choice(demo.BIRTH_PLACES), born.isoformat(), sex, choice(demo.BLOOD_TYPES),
            f"JL. {choice(demo.STREETS).upper()} NO. {1 + int(rnd() * 250)}",
            1 + int(rnd() * 15), 1 + int(rnd() * 12), choice(villages[home]), home, choice(religions),
            "KAWIN" if ordinal < adult_married and rnd() < 0.75 else "BELUM KAWIN", choice(demo.OCCUPATIONS),
            "WNI", choice(statuses), None, None, "demo", now,
        ))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _history(
    con: sqlite3.Connection, picked: list[tuple[str, str, str]], station_id: str, operator_id: str,
    cards_per_day: int, history_days: int,
) -> None:
    """Issued cards for the past days and today (each with its done job and issued blanko), plus a
    few jobs still in the printer today: what the quota counts of `verify` look at."""
    rng = random.Random(SEED + 1)
    today = BENCH_NOW.date()
    blanko, jobs, cards = [], [], []
    people = itertools.cycle(picked)  # a tiny data set gives some people several cards; harmless
    for back in range(history_days, -1, -1):
        day = (today - timedelta(days=back)).isoformat()
        stamp = f"{day} 03:00:00"
        in_progress = 20 if back == 0 else 0
        for n in range(cards_per_day + in_progress):
            resident_id, nik, kecamatan = next(people)
            blanko_id, job_id = str(uuid.UUID(int=rng.getrandbits(128), version=4)), str(uuid.UUID(int=rng.getrandbits(128), version=4))
            done = n < cards_per_day
            blanko.append((blanko_id, f"BENCH-{len(blanko) + 1:07d}", "BENCH-HISTORY", station_id,
                           "issued" if done else "reserved", stamp, stamp))
            jobs.append((job_id, resident_id, nik, "baru", '["kk"]', None, operator_id, station_id, kecamatan,
                         day, "sim://bench", blanko_id, "done" if done else "queued", None, None, stamp, stamp))
            if done:
                cards.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), job_id, resident_id, nik,
                              "baru", blanko_id, "sim://bench", operator_id, station_id, kecamatan, day, stamp))
    _insert(con, "blanko", blanko)
    _insert(con, "print_job", jobs)
    _insert(con, "issued_card", cards)


def _insert(con: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
    """Rows holding the table's first columns in order (later migrations add columns at the end,
    which keep their defaults)."""
    names = [row[1] for row in con.execute(f'PRAGMA table_info("{table}")')][:len(rows[0])]
    columns = ", ".join(f'"{n}"' for n in names)
    con.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(names))})', rows)


def _check_schema(path: Path) -> None:
    """The bulk path must leave exactly the schema the migrations create."""
    from peewee import SqliteDatabase

    fresh = SqliteDatabase(":memory:")
    migrate(fresh)
    query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    expected = fresh.execute_sql(query).fetchall()
    version = fresh.execute_sql("PRAGMA user_version").fetchone()[0]
    fresh.close()
    con = sqlite3.connect(path)
    try:
        actual = con.execute(query).fetchall()
        actual_version = con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()
    if actual != expected or actual_version != version:
        raise RuntimeError("the bench database's schema differs from the migrated schema")
