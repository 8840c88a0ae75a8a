"""Log-in timing: a known name with a wrong password against a name that does not exist.

The answer's time must not tell which names exist (issue 7): both paths verify one argon2 hash with
the production parameters (the unknown name against a dummy hash), count the failure in the
database and append an audit entry. Each attempt starts a fresh 15-minute window (the station's
clock is moved on), so no attempt meets a lock; known and unknown attempts alternate, so a noisy
moment on the shared machine hits both alike.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from bench.common import Result, login_timing

NAME = "login"
TARGET = 0.10  # the two medians within 10 % of each other


def run(quick: bool) -> list[Result]:
    from desktop.clock import FixedClock
    from desktop.errors import UserFacingError
    from desktop.services.container import build_services

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
    return results
