"""The regency server's admin log-in timing: a known name with a wrong password against a name that
does not exist (issue 17, item 7; the station's own log-in is bench_login.py).

Both must do the same work: count the attempt under the throttle's lock, verify one argon2 hash with
the production parameters (the unknown name against the dummy hash) and write an audit entry. Each
attempt comes from another client address, so none meets a lock; known and unknown attempts
alternate, so a noisy moment on the shared machine hits both alike. In-process on SQLite: the HTTP
layer in front is the same for both.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import Result, login_timing

NAME = "admin_login"
TARGET = 0.10  # the two medians within 10 % of each other


def run(quick: bool) -> list[Result]:
    from argon2 import PasswordHasher

    from server import security
    from server.db import connection, database, make_database
    from server.errors import ApiError
    from server.migrations import migrate

    attempts = 10 if quick else 50
    names = {"known": "kepala", "unknown": "tidak.ada"}

    def attempt(kind: str, number: int) -> None:
        address = f"10.{number // 250}.{number % 250}.{1 if kind == 'known' else 2}"  # never a locked one
        try:
            security.admin_login(names[kind], "salah-sandi", address)
        except ApiError as exc:
            if exc.code != "unauthenticated":
                raise RuntimeError(f"unexpected answer: {exc}") from exc
        else:
            raise RuntimeError("a wrong password was accepted")

    with tempfile.TemporaryDirectory(prefix="ktp-bench-admin-login-") as folder:
        db = make_database(f"sqlite:///{Path(folder) / 'server.sqlite3'}")
        migrate(db)
        database.initialize(db)
        security.set_hasher(PasswordHasher())  # the production parameters
        with connection():
            security.create_admin("bench", "kepala", "Kepala Seksi", "sandi-kepala-2026")
            results = login_timing(NAME, attempts, attempt, TARGET)
        db.close()
    return results
