"""Log-in timing: a known name with a wrong password against a name that does not exist.

The answer's time must not tell which names exist (issue 7): both paths verify one argon2 hash with
the production parameters (the unknown name against a dummy hash), count the failure in the
database and append an audit entry. Each attempt starts a fresh 15-minute window (the station's
clock is moved on), so no attempt meets a lock; known and unknown attempts alternate, so a noisy
moment on the shared machine hits both alike.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.common import Result, median, percentile

NAME = "login"
TARGET = 0.10  # the two medians within 10 % of each other


def run(quick: bool) -> list[Result]:
    from desktop.clock import FixedClock
    from desktop.errors import UserFacingError
    from desktop.services.container import build_services

    attempts = 10 if quick else 50
    with tempfile.TemporaryDirectory(prefix="ktp-bench-login-") as folder:
        clock = FixedClock(datetime(2026, 11, 23, 8, 0))
        services = build_services(Path(folder) / "data", clock=clock)  # the production argon2 parameters
        services.auth.create_first_admin("kepala", "Kepala Seksi", "sandi-kepala-2026")
        samples: dict[str, list[float]] = {"known": [], "unknown": []}
        cpu: dict[str, list[float]] = {"known": [], "unknown": []}
        names = {"known": "kepala", "unknown": "tidak.ada"}
        for number in range(attempts + 3):
            order = ("known", "unknown") if number % 2 == 0 else ("unknown", "known")
            for kind in order:
                clock.advance(minutes=16)  # a new window: every attempt is an ordinary first failure
                started, cpu_started = time.perf_counter(), time.process_time()
                try:
                    services.auth.login(names[kind], "salah-sandi")
                except UserFacingError as exc:
                    if exc.code != "login_failed":
                        raise RuntimeError(f"unexpected answer: {exc}") from exc
                else:
                    raise RuntimeError("a wrong password was accepted")
                if number >= 3:  # the first three rounds warm up argon2 and SQLite
                    samples[kind].append((time.perf_counter() - started) * 1000)
                    cpu[kind].append((time.process_time() - cpu_started) * 1000)
        services.close()

    known, unknown = median(samples["known"]), median(samples["unknown"])
    gap = abs(unknown - known) / known
    spread = ", ".join(f"{kind} p10-p90 {percentile(v, 10):.1f}-{percentile(v, 90):.1f} ms"
                       for kind, v in samples.items())
    cpu_known, cpu_unknown = median(cpu["known"]), median(cpu["unknown"])
    return [
        Result(NAME, f"known name, wrong password (median of {attempts})", known, "ms", note=spread),
        Result(NAME, f"unknown name (median of {attempts})", unknown, "ms"),
        Result(NAME, "difference of the medians", gap * 100, "%", target=f"<= {TARGET * 100:.0f} %",
               ok=gap <= TARGET),
        # CPU time of this process (argon2's lanes included): the work done, whatever else the machine runs.
        Result(NAME, "CPU time, known / unknown (medians)", cpu_unknown and cpu_known / cpu_unknown, "x",
               note=f"CPU medians: known {cpu_known:.1f} ms, unknown {cpu_unknown:.1f} ms"),
    ]
