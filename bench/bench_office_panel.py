"""The office panel's data over a year of a station's own cards (issue 18: under 20 ms).

A hub station serving two kecamatan printed 150 cards a day for 365 days (3% of blanko spoiled, a
reprint now and then); its database is written row by row in bulk (no audit chain: the panel's figures
do not read it). Timed, each after a warm-up, as the page asks for them on the database lane:

- `figures`: today's per-kecamatan figures, jobs waiting, reprints, stock and its 14-day rate (every 10 s);
- `history`: the 30 days of the chart (when its tab is shown);
- today's cards: the ids of the list and one block of 100 rows.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher

from bench.common import Result, percentile
from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.domain.nik import build_nik
from desktop.domain.roles import Role
from desktop.services.panel_lists import CardFilter
from desktop.store.models import Blanko, BlankoMovement, IssuedCard, PrintJob, Resident, new_id

NAME = "office_panel"
TARGET_MS = 20.0
SERVED = ("36.74.06", "36.74.07")
NOW = datetime(2026, 12, 7, 14, 0)  # 14:00 WIB: most of the day's cards are printed


def _year(services, station_id: str, operator_id: str, days: int, per_day: int, served: tuple[str, ...] = SERVED) -> int:
    """`days` days of cards (and today's first half) spread over the `served` kecamatan; the cards made."""
    rng = random.Random(18)
    today = services.clock.today()
    cards = 0
    with services.db.atomic():
        for back in range(days, -1, -1):
            day = today - timedelta(days=back)
            residents, blanko, jobs, issued, moves = [], [], [], [], []
            for n in range(per_day if back else per_day // 2):
                kecamatan = served[n % len(served)]
                nik = build_nik(kecamatan, date(1990, 1, 1) + timedelta(days=(back * per_day + n) % 9000), "L",
                                (back * per_day + n) % 9999 + 1)
                resident_id, blanko_id, job_id = new_id(), new_id(), new_id()
                at = datetime.combine(day, datetime.min.time()) + timedelta(hours=1, minutes=n * 2)
                spoiled = rng.random() < 0.03
                residents.append({"id": resident_id, "nik": nik + str(back), "name": f"PENDUDUK {back} {n}",
                                  "birth_place": "TANGERANG", "birth_date": date(1990, 1, 1), "sex": "L",
                                  "blood_type": "O", "address": "JL. RAYA", "rt": 1, "rw": 1,
                                  "village_code": kecamatan + ".1001", "kecamatan_code": kecamatan, "religion": "ISLAM",
                                  "marital_status": "KAWIN", "occupation": "KARYAWAN", "nationality": "WNI",
                                  "record_status": "PRINT_READY_RECORD", "source": "bench", "updated_at": at})
                blanko.append({"id": blanko_id, "serial": f"BENCH-{back:03d}-{n:04d}", "batch": "BA", "station": station_id,
                               "state": "spoiled" if spoiled else "issued", "received_at": at, "updated_at": at})
                jobs.append({"id": job_id, "resident": resident_id, "nik": nik, "reason": "hilang", "documents": "[]",
                             "operator": operator_id, "station": station_id, "kecamatan_code": kecamatan, "day": day,
                             "printer_uri": "sim://bench", "blanko": blanko_id,
                             "state": "failed" if spoiled else "done", "created_at": at, "updated_at": at})
                moves.append({"id": new_id(), "kind": "reserve", "quantity": 1, "blanko": blanko_id,
                              "station": station_id, "job_id": job_id, "at": at})
                if spoiled:
                    moves.append({"id": new_id(), "kind": "spoil", "quantity": 1, "blanko": blanko_id,
                                  "station": station_id, "job_id": job_id, "reason": "print_failed:jam", "at": at})
                    continue
                moves.append({"id": new_id(), "kind": "issue", "quantity": 1, "blanko": blanko_id,
                              "station": station_id, "job_id": job_id, "at": at})
                issued.append({"id": new_id(), "job": job_id, "resident": resident_id, "nik": nik, "reason": "hilang",
                               "blanko": blanko_id, "printer_uri": "sim://bench", "operator": operator_id,
                               "station": station_id, "kecamatan_code": kecamatan, "day": day,
                               "issued_at": at.replace(tzinfo=UTC).replace(tzinfo=None)})
            for model, rows in ((Resident, residents), (Blanko, blanko), (PrintJob, jobs), (BlankoMovement, moves),
                                (IssuedCard, issued)):
                for chunk in range(0, len(rows), 400):
                    model.insert_many(rows[chunk:chunk + 400]).execute()
            cards += len(issued)
    return cards


def _times(call, repeat: int, warmup: int = 5) -> tuple[list[float], list[float]]:
    """Wall and this thread's CPU milliseconds of each call (on a loaded machine the CPU time is what a
    quiet one would show as wall time)."""
    for _ in range(warmup):
        call()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        call()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    return wall, cpu


def run(quick: bool) -> list[Result]:
    days, per_day, repeat = (30, 50, 30) if quick else (365, 150, 200)
    with tempfile.TemporaryDirectory(prefix="ktp-panel-") as tmp:
        services = build_services(Path(tmp) / "data", clock=FixedClock(NOW),
                                  hasher=PasswordHasher(time_cost=1, memory_cost=1024))
        admin = services.auth.create_first_admin("admin", "Admin", "bench-admin-9")
        supervisor = services.auth.create_user(admin, "kasi", "Kasi Pelayanan", "bench-kasi-9", Role.SUPERVISOR)
        operator = services.auth.create_user(admin, "loket", "Petugas Loket", "bench-loket-9", Role.OPERATOR)
        station = services.stations.setup(admin, SERVED[0], list(SERVED))
        services.stock.receive(supervisor, station.id, 2000, "BA-BENCH")
        cards = _year(services, station.id, operator.id, days, per_day)
        panel, lists = services.office_panel, services.panel_lists
        figures = _times(lambda: panel.figures(station.id, station.served), repeat)
        history = _times(lambda: panel.history(station.served), repeat)
        ids = lists.card_ids(supervisor, CardFilter(), audited=False)
        card_list = _times(lambda: lists.card_ids(supervisor, CardFilter(), audited=False), repeat)
        rows = _times(lambda: lists.card_rows(ids[:100]), repeat)
        services.close()
    size = f"{cards:,} cards over {days} days, {len(ids)} today"
    target = f"< {TARGET_MS:.0f} ms"
    results = []
    for metric, (wall, cpu), timed in ((f"figures ({size})", figures, True), ("30-day history", history, True),
                                       ("today's card ids", card_list, False),
                                       ("one block of 100 card rows", rows, False)):
        p50, p95, cpu95 = percentile(wall, 50), percentile(wall, 95), percentile(cpu, 95)
        results.append(Result(NAME, f"{metric} p95", p95, "ms", target=target if timed else "",
                              ok=(p95 < TARGET_MS) if timed else None,
                              note=f"{metric}: p50 {p50:.2f} ms wall; p95 {cpu95:.2f} ms CPU of the thread"))
    refresh = [f + c for f, c in zip(figures[0], card_list[0], strict=True)]
    results.append(Result(NAME, "a 10 s refresh (figures + card ids) p95", percentile(refresh, 95), "ms",
                          target=target, ok=percentile(refresh, 95) < TARGET_MS))
    return results
