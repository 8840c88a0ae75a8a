"""The regency server for tests: a real `ktp-mandiri-server` process (uvicorn, 2 workers on
PostgreSQL) on a free port, and its database bound in the test process for setting up stations,
users and residents through the server's own functions.

Starting a server costs seconds, so a test module keeps one per back end (and office time, see
tests/helpers/leases.py) and each test gets it over a database emptied as a fresh one is: every
table but the schema version, identities restarted, a new server generation. A test that stops or
restarts its server (killing or restoring it is its subject) gets a new one for the next test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers.command_line import call_entry_point
from tests.helpers.postgres import Cluster

ADMIN_PASSWORD = "rahasia-kabupaten"
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Regency:
    backend: str
    database_url: str
    data_dir: Path
    port: int = 0
    workers: int = 1
    process: subprocess.Popen | None = None
    tls: tuple[str, str] | None = None
    extra_env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        """The server's output, the access log included (appended to across restarts)."""
        return self.data_dir / f"server-{self.port}.log"

    def cli(self, *args: str, password: str | None = None, check: bool = True, sudo_user: str = "petugas"
            ) -> subprocess.CompletedProcess:
        """`ktp-mandiri-server ARGS` on this database, through its entry point in this process (the
        admin's commands are not about their process); the test's own binding is kept."""
        from server.cli import main
        from server.db import database

        argv = ["--database-url", self.database_url, *args]
        bound = getattr(database, "obj", None)
        try:
            # run by an officer through sudo, as the docs say (sudo_user "": the officer unknown)
            done = call_entry_point(main, argv, KTP_SERVER_PASSWORD=password or ADMIN_PASSWORD, SUDO_USER=sudo_user)
        finally:
            if database.obj is not bound:  # the command opened its own
                if hasattr(database.obj, "close_all"):
                    database.obj.close_all()
                database.obj.close()
                database.initialize(bound)
        done = subprocess.CompletedProcess(["ktp-mandiri-server", *argv], done.returncode, done.stdout, done.stderr)
        if check:
            done.check_returncode()
        return done

    def start(self) -> None:
        chosen = bool(self.port)
        for _ in range(3):
            self.port = self.port or free_port()
            try:
                return self._start()
            except PortTaken:  # another test run took the free port first
                if chosen:
                    raise
                self.port = 0
        raise RuntimeError("no free port for the server")

    def _start(self) -> None:
        cmd = [sys.executable, "-m", "tests.helpers.light_server", "--database-url", self.database_url, "serve", "--port",
               str(self.port), "--workers", str(self.workers)]
        if self.tls:
            cmd += ["--tls-cert", self.tls[0], "--tls-key", self.tls[1]]
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
                                        env={**os.environ, **self.extra_env}, cwd=ROOT)  # tests.helpers found
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.log_path.read_text(errors="replace")
                self.stop()
                if "address already in use" in output:
                    raise PortTaken(self.port)
                raise RuntimeError(f"server exited: {output}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                if self.tls or _healthy(self.url):
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not start")

    def stop(self, kill: bool = False) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, 9 if kill else 15)
            self.process.wait(timeout=30)
        self.process = None
        if getattr(self, "log", None):
            self.log.close()

    def bind(self) -> None:
        """Use this database from the test process (server functions, direct checks). Accounts made
        here get light argon2 parameters, as the stations' fixtures do (tests/helpers/fixtures.py); a
        hash carries its parameters, so the servers and stations verify it as any other."""
        from argon2 import PasswordHasher

        from server.db import database, make_database
        from server.security import set_hasher

        set_hasher(PasswordHasher(time_cost=1, memory_cost=1024))

        if getattr(database, "obj", None) is not None:
            if hasattr(database.obj, "close_all"):  # pooled connections other threads gave back
                database.obj.close_all()
            database.obj.close()
        database.initialize(make_database(self.database_url))

    def empty(self) -> None:
        """Make the database what a fresh one is: no rows but the schema version, identities from 1
        again, and a generation of its own. Binds it here."""
        from server.db import connection, is_postgres

        self.bind()
        self.__dict__.pop("_admin_token", None)  # tests/helpers/leases.py admin_call: its session is gone
        with connection() as db, db.atomic():
            tables = [t for t in db.get_tables() if t != "schema_version"]
            if is_postgres(db):
                db.execute_sql("SET LOCAL lock_timeout = '30s'")  # fail, not hang, on a session left open
                names = ", ".join(f'"{t}"' for t in tables)
                db.execute_sql(f"TRUNCATE {names} RESTART IDENTITY")
                mark = "%s"
            else:
                db.execute_sql("PRAGMA defer_foreign_keys = ON")
                for table in tables:
                    db.execute_sql(f'DELETE FROM "{table}"')
                db.execute_sql("DELETE FROM sqlite_sequence")
                mark = "?"
            # What the first migration writes (server/migrations.py).
            db.execute_sql(f'INSERT INTO "server_meta" ("key", "value") VALUES ({mark}, {mark})',
                           ("generation", str(uuid.uuid4())))


class PortTaken(RuntimeError):
    pass


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/v1/health", timeout=2) as response:
            return json.loads(response.read())["status"] == "ok"
    except (OSError, urllib.error.URLError, ValueError):
        return False


def new_regency(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Regency:
    if backend == "postgres":
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        template = request.getfixturevalue("pg_template")
        url, workers = cluster.url(cluster.new_database(template)), 2
    else:
        url, workers = f"sqlite:///{tmp_path / 'regency.sqlite3'}", 1
        from server.db import make_database
        from server.migrations import migrate

        db = make_database(url)
        migrate(db)
        db.close()
    regency = Regency(backend, url, tmp_path, workers=workers)
    regency.bind()
    return regency


class Servers:
    """The running servers of one test module, one per back end and environment (an office time)."""

    def __init__(self, root: Path, request: pytest.FixtureRequest) -> None:
        self.root, self.request = root, request
        self.running: dict[tuple, tuple[Regency, subprocess.Popen, float]] = {}

    def get(self, backend: str, extra_env: dict[str, str] | None = None, younger_than: float | None = None) -> Regency:
        """The module's server of `backend` started with `extra_env` (and less than `younger_than`
        seconds ago), over an emptied database."""
        extra_env = extra_env or {}
        key = (backend, tuple(sorted(extra_env.items())))
        kept = self.running.pop(key, None)
        if kept is not None:
            server, process, started = kept
            young = younger_than is None or time.monotonic() - started < younger_than
            if server.process is process and process.poll() is None and server.extra_env == extra_env and young:
                server.empty()
                self.running[key] = kept
                return server
            server.stop(kill=True)  # the last test stopped, restarted or changed it, or it is too old
        folder = self.root / f"{backend}-{uuid.uuid4().hex[:6]}"
        folder.mkdir()
        server = new_regency(backend, folder, self.request)
        server.extra_env = dict(extra_env)
        server.start()
        self.running[key] = (server, server.process, time.monotonic())
        return server

    def stop(self) -> None:
        for server, _, _ in self.running.values():
            server.stop(kill=True)  # nothing of a throw-away server to keep
        self.running.clear()


@pytest.fixture(scope="module")
def regency_servers(request, tmp_path_factory) -> Iterator[Servers]:
    """This module's regency servers (tests/conftest.py keeps a module that uses them on one worker)."""
    servers = Servers(tmp_path_factory.mktemp("regency"), request)
    yield servers
    servers.stop()


# The back ends a server test runs on unless it asks for more: SQLite. A test whose subject is
# PostgreSQL's behaviour (row and advisory locks under concurrency, what its types cannot hold, commits
# seen by a killed server, its snapshots, pg_dump/restore) asks for both with
# `@pytest.mark.parametrize("regency", BOTH, indirect=True)` (or regency_db, office, hub); the list of
# those and why is in docs/decisions.md ("PostgreSQL where it is the subject").
BACKENDS = ["sqlite"]
BOTH = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def regency(request, regency_servers) -> Regency:
    """A running server over a database as fresh as a new one (SQLite unless the test asks for more)."""
    return regency_servers.get(request.param)


@pytest.fixture(params=BACKENDS)
def regency_db(request, tmp_path) -> Iterator[Regency]:
    """A fresh server database (SQLite unless the test asks for more), bound here, with no server process."""
    yield new_regency(request.param, tmp_path, request)
