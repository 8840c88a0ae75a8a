"""Log-in timing: a known name with a wrong password against a name that does not exist.

The answer's time must not tell which names exist (issue 7): both paths verify one argon2 hash with
the production parameters (the unknown name against a dummy hash), count the failure in the
database and append an audit entry. Each attempt starts a fresh 15-minute window (the station's
clock is moved on), so no attempt meets a lock; known and unknown attempts alternate, so a noisy
moment on the shared machine hits both alike.

The same in fresh command-line processes (issue 19): each `ktp-mandiri users list` process makes its
own dummy hash, which cost a second argon2 hash there (median 1,202 vs 606 ms). The count is cleared
between processes (outside the timing) so no attempt meets a lock.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.common import Result, login_timing, median, percentile

NAME = "login"
TARGET = 0.10  # the two medians within 10 % of each other


def run(quick: bool) -> list[Result]:
    from desktop.clock import FixedClock
    from desktop.composition import build_services
    from desktop.errors import UserFacingError

    attempts = 10 if quick else 50
    names = {"known": "kepala", "unknown": "tidak.ada"}
    with tempfile.TemporaryDirectory(prefix="ktp-bench-login-") as folder:
        clock = FixedClock(datetime(2026, 11, 23, 8, 0))
        services = build_services(Path(folder) / "data", clock=clock)  # the production argon2 parameters
        services.auth.create_first_admin("kepala", "Kepala Seksi", "sandi-kepala-2026")

        def attempt(kind: str, number: int) -> None:
            clock.advance(minutes=16)  # a new window: every attempt is an ordinary first failure
            try:
                services.auth.login(names[kind], "salah-sandi")
            except UserFacingError as exc:
                if exc.code != "login_failed":
                    raise RuntimeError(f"unexpected answer: {exc}") from exc
            else:
                raise RuntimeError("a wrong password was accepted")

        results = login_timing(NAME, attempts, attempt, TARGET)
        services.close()
    return results + _processes(3 if quick else 15)


def _processes(attempts: int) -> list[Result]:
    """Whole `ktp-mandiri users list` processes with a wrong password, a known name against an unknown one."""
    from desktop.clock import Clock
    from desktop.composition import build_services

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="ktp-bench-login-cli-") as folder:
        data = Path(folder) / "data"
        services = build_services(data, clock=Clock())
        admin = services.auth.create_first_admin("kepala", "Kepala Seksi", "sandi-kepala-2026")
        services.stations.setup(admin, "36.74.06")
        services.close()
        env = {**os.environ, "KTP_MANDIRI_PASSWORD": "salah-sandi", "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("DISPLAY", None)
        samples: dict[str, list[float]] = {"known": [], "unknown": []}
        cpu: dict[str, list[float]] = {"known": [], "unknown": []}
        names = {"known": "kepala", "unknown": "tidak.ada"}
        for number in range(attempts + 1):
            for kind in ("known", "unknown") if number % 2 == 0 else ("unknown", "known"):
                conn = sqlite3.connect(data / "ktp-mandiri.sqlite3")
                with conn:
                    conn.execute("DELETE FROM login_throttle")
                conn.close()
                started, cpu_started = time.perf_counter(), _children_cpu()
                proc = subprocess.run(
                    [sys.executable, str(root / "main.py"), "--data-dir", str(data), "users", "list", "--user",
                     names[kind]], env=env, cwd=root, capture_output=True, text=True, timeout=120)
                elapsed, cpu_used = (time.perf_counter() - started) * 1000, (_children_cpu() - cpu_started) * 1000
                if proc.returncode != 1 or "kata sandi salah" not in proc.stderr:
                    raise RuntimeError(f"unexpected answer ({proc.returncode}): {proc.stderr.strip()}")
                if number:  # the first round warms the disk cache
                    samples[kind].append(elapsed)
                    cpu[kind].append(cpu_used)
    known, unknown = median(samples["known"]), median(samples["unknown"])
    ratio = unknown / known
    spread = ", ".join(f"{kind} p10-p90 {percentile(v, 10):.0f}-{percentile(v, 90):.0f} ms"
                       for kind, v in samples.items())
    return [
        Result(NAME, f"command line, known name, wrong password (median of {attempts} processes)", known, "ms",
               note="whole processes: " + spread),
        Result(NAME, f"command line, unknown name (median of {attempts} processes)", unknown, "ms"),
        Result(NAME, "command line, unknown / known", ratio, "x", target=f"<= {1 + TARGET:.2f} x",
               ok=ratio <= 1 + TARGET),
        # CPU time of the processes (argon2's lanes included): the work done, whatever else the machine runs.
        Result(NAME, "command line, CPU time unknown / known (medians)", median(cpu["unknown"]) / median(cpu["known"]),
               "x", note=f"CPU medians: known {median(cpu['known']):.0f} ms, unknown {median(cpu['unknown']):.0f} ms"),
    ]


def _children_cpu() -> float:
    """User + system seconds of this process's finished children (Linux, macOS)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
