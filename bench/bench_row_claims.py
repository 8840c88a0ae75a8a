"""The print-time check of the rows that decide a print (desktop/services/row_claims.py) with a year of data.

A kecamatan office printing 200 cards a day for 250 working days: 50,000 cards, each with its job,
its event for the regency and the entry that claims them (plus the blanko's state). The check a print
runs reads, through the claim index, the citizen's cards and jobs, the quota day's 200 cards, the
quotas, the next blanko and the operator, and recomputes the hash of each entry it relies on.
Target: at most 20 ms p95 (issue 19). Also `audit verify` on that year, and what its comparison of
every covered row (and of the claim index) with the chain adds to it.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.common import Result, percentile

NAME = "row_claims"
PER_DAY = 200
SAMPLES = 400
TARGET_MS = 20.0


def run(quick: bool) -> list[Result]:
    from desktop.clock import FixedClock
    from desktop.composition import build_services
    from desktop.domain.audit_chain import blanko_effect
    from desktop.services import audit, row_claims
    from desktop.store.models import Blanko, IssuedCard, PrintJob, Resident

    days = 25 if quick else 250
    cards = days * PER_DAY
    with tempfile.TemporaryDirectory(prefix="ktp-bench-claims-") as folder:
        clock = FixedClock(datetime(2026, 1, 5, 1, 0))
        services = build_services(Path(folder) / "data", clock=clock)
        admin = services.auth.create_first_admin("kepala", "Kepala Seksi", "sandi-kepala-2026")
        station = services.stations.setup(admin, "36.74.06", ["36.74.06"])
        for box in range(0, cards + 100, 20_000):  # a receipt takes at most 20,000
            services.stock.receive(admin, station.id, min(20_000, cards + 100 - box), f"BA-2026-{box // 20_000 + 1:03d}")
        niks = [f"3674060{n:09d}" for n in range(cards)]
        for start in range(0, cards, 1000):  # as the regency's pull writes them: a page, its claims, its entry
            with services.db.atomic("IMMEDIATE"):
                Resident.insert_many([dict(
                    nik=nik, name="WARGA", birth_place="TANGERANG", birth_date=date(1990, 1, 1), sex="L",
                    address="JL. RAYA", rt=1, rw=1, village_code="36.74.06.1001", kecamatan_code="36.74.06",
                    religion="ISLAM", marital_status="KAWIN", occupation="PETANI") for nik in niks[start:start + 1000]
                ]).execute()
                for nik in niks[start:start + 1000]:
                    audit.claim("resident", nik)
                audit.record("sync.residents", None, at=clock.now_utc(), count=1000)
        residents = dict(Resident.select(Resident.nik, Resident.id).tuples())
        blanko = dict(Blanko.select(Blanko.serial, Blanko.id).tuples())
        started = time.perf_counter()
        for start in range(0, cards, 1000):  # the year, 1,000 cards per transaction
            with services.db.atomic("IMMEDIATE"):
                for number in range(start, min(cards, start + 1000)):
                    day = date(2026, 1, 5) + timedelta(days=number // PER_DAY)
                    serial = f"BLK-{number + 1:07d}"
                    job = PrintJob.create(resident=residents[niks[number]], nik=niks[number], reason="baru",
                                          documents="[]", operator=admin.id, station=station.id,
                                          kecamatan_code="36.74.06", day=day, printer_uri="sim://bench",
                                          blanko=blanko[serial], state="done")
                    audit.claim("print_job", job.id)
                    card = IssuedCard.create(job=job.id, resident=residents[niks[number]], nik=niks[number],
                                             reason="baru", blanko=blanko[serial], printer_uri="sim://bench",
                                             operator=admin.id, station=station.id, kecamatan_code="36.74.06",
                                             day=day)
                    audit.claim("issued_card", card.id)
                    audit.enqueue("issued_card", card.id, "insert", {"nik": niks[number], "blanko": serial})
                    Blanko.update(state="issued").where(Blanko.serial == serial).execute()
                    audit.record("print.done", admin, at=clock.now_utc(), effects=[blanko_effect(serial, "issued")],
                                 job=job.id)
                    clock.advance(seconds=1)
        build_s = time.perf_counter() - started
        check = row_claims.Untouched(services.db)
        last_day = str(date(2026, 1, 5) + timedelta(days=days - 1))
        next_serial = f"BLK-{cards + 1:07d}"
        rng = random.Random(19)
        samples = []
        for _ in range(SAMPLES):
            nik = rng.choice(niks)
            begun = time.perf_counter()
            with services.db.atomic("IMMEDIATE"):  # as a print runs it: inside its write transaction
                found = check.problems(nik=nik, kecamatan="36.74.06", day=last_day, serial=next_serial,
                                       user_id=admin.id)
            samples.append((time.perf_counter() - begun) * 1000)
            if found:
                raise RuntimeError(f"an untouched station reported {found}")
        size_mb = (Path(folder) / "data" / "ktp-mandiri.sqlite3").stat().st_size / 1e6
        verify_s, rows_s, index_s = _verify_costs(services.db)
        services.close()
    p95 = percentile(samples, 95)
    return [
        Result(NAME, f"print-time row check p50 ({cards:,} cards, {PER_DAY} on the quota day)",
               percentile(samples, 50), "ms"),
        Result(NAME, f"print-time row check p95 ({cards:,} cards, {PER_DAY} on the quota day)", p95, "ms",
               target=f"<= {TARGET_MS:.0f} ms", ok=p95 <= TARGET_MS,
               note=f"database {size_mb:.0f} MB; the year written in {build_s:.0f} s"),
        Result(NAME, f"audit verify, whole ({cards:,} cards and residents)", verify_s, "s"),
        Result(NAME, "audit verify: of which the covered rows compared", rows_s, "s",
               note=f"{rows_s / verify_s:.0%} of the check"),
        Result(NAME, "audit verify: of which the claim index compared", index_s, "s",
               note=f"{index_s / verify_s:.0%} of the check"),
    ]


def _verify_costs(db) -> tuple[float, float, float]:
    """`audit verify` on the year, and the two parts issue 19 added to it: every covered row compared with
    its last claim, and the claim index with the one the chain implies (each after a replay of its own)."""
    from desktop.services.audit_verify import (
        Replay,
        covered_row_differences,
        index_differs,
        replay_chain,
        verify_chain,
    )

    begun = time.perf_counter()
    if not verify_chain(db).ok:
        raise RuntimeError("an untouched station did not verify")
    whole = time.perf_counter() - begun
    with db.atomic():
        replay = Replay()
        replay_chain(db, None, replay)
        begun = time.perf_counter()
        if covered_row_differences(db, replay):
            raise RuntimeError("an untouched station has rows differing from their claims")
        rows = time.perf_counter() - begun
        begun = time.perf_counter()
        if index_differs(db, replay):
            raise RuntimeError("an untouched station's claim index differs")
        index = time.perf_counter() - begun
    return whole, rows, index
