"""The audit chain: what appending an entry costs, and how long `audit verify` takes for a year of work.

A kecamatan office printing 200 cards a day writes about 6 entries per card (print start and done,
blanko reserve and issue, log-ins and log-outs spread over the day): some 300,000 entries a year.
The full run builds 300,000 entries with 20,000 blanko; the GUI runs the same check on its database
lane after every start.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.common import Result

NAME = "audit"
SINGLES = 500  # appends timed one transaction each


def _reserve(audit, blanko_effect, user, clock, number: int, blanko: int) -> None:
    serial = f"BLK-{number % blanko + 1:07d}"
    audit.record("blanko.reserve", user, at=clock.now_utc(), effects=[blanko_effect(serial, "in_stock")],
                 job=f"job-{number}")
    clock.advance(seconds=20)


def run(quick: bool) -> list[Result]:
    from desktop.clock import FixedClock
    from desktop.composition import build_services
    from desktop.domain.audit_chain import blanko_effect
    from desktop.services import audit
    from desktop.services.audit_verify import verify_file

    entries = 20_000 if quick else 300_000
    blanko = 2_000 if quick else 20_000
    with tempfile.TemporaryDirectory(prefix="ktp-bench-audit-") as folder:
        clock = FixedClock(datetime(2026, 1, 5, 8, 0))
        services = build_services(Path(folder) / "data", clock=clock)
        admin = services.auth.create_first_admin("kepala", "Kepala Seksi", "sandi-kepala-2026")
        station = services.stations.setup(admin, "36.74.06", ["36.74.06"])
        services.stock.receive(admin, station.id, blanko, "BA-2026-001")
        written = 0
        while written < entries - SINGLES:  # the bulk of the year, 1,000 entries per transaction
            with services.db.atomic("IMMEDIATE"):
                for _ in range(min(1000, entries - SINGLES - written)):
                    _reserve(audit, blanko_effect, admin, clock, written, blanko)
                    written += 1
        started = time.perf_counter()
        for _ in range(SINGLES):  # as the station writes them: one entry per transaction
            with services.db.atomic("IMMEDIATE"):
                _reserve(audit, blanko_effect, admin, clock, written, blanko)
            written += 1
        append_ms = (time.perf_counter() - started) * 1000 / SINGLES
        started = time.perf_counter()
        result = verify_file(Path(folder) / "data" / "ktp-mandiri.sqlite3")  # as the GUI runs it
        verify_s = time.perf_counter() - started
        size_mb = (Path(folder) / "data" / "ktp-mandiri.sqlite3").stat().st_size / 1e6
        services.close()
    if not result.ok:
        raise RuntimeError(f"the chain did not verify: {result.problem}")
    return [
        Result(NAME, "append one entry (own transaction, mean)", append_ms, "ms"),
        Result(NAME, f"audit verify, {result.entries:,} entries and {blanko:,} blanko", verify_s, "s",
               note=f"database {size_mb:.0f} MB after the entries"),
        Result(NAME, "audit verify per 1,000 entries", verify_s * 1000 / result.entries * 1000, "ms"),
    ]
