"""The regency server for tests: a real `ktp-mandiri-server` process (uvicorn, 2 workers on
PostgreSQL) on a free port, over a fresh database, and the same database bound in the test process
for setting up stations, users and residents through the server's own functions."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers.postgres import Cluster

ADMIN_PASSWORD = "rahasia-kabupaten"


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

    def cli(self, *args: str, password: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "KTP_SERVER_PASSWORD": password or ADMIN_PASSWORD}
        return subprocess.run([sys.executable, "-m", "server.cli", "--database-url", self.database_url, *args],
                              capture_output=True, text=True, env=env, check=check, timeout=120)

    def start(self) -> None:
        self.port = self.port or free_port()
        cmd = [sys.executable, "-m", "server.cli", "--database-url", self.database_url, "serve", "--port",
               str(self.port), "--workers", str(self.workers)]
        if self.tls:
            cmd += ["--tls-cert", self.tls[0], "--tls-key", self.tls[1]]
        self.log = open(self.data_dir / f"server-{self.port}.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
                                        env={**os.environ, **self.extra_env})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {(self.data_dir / f'server-{self.port}.log').read_text()}")
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
        """Use this database from the test process (server functions, direct checks)."""
        from server.db import database, make_database

        if getattr(database, "obj", None) is not None:
            database.obj.close()
        database.initialize(make_database(self.database_url))


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


@pytest.fixture(params=["sqlite", "postgres"])
def regency(request, tmp_path) -> Iterator[Regency]:
    """A running server on a fresh database of each backend."""
    server = new_regency(request.param, tmp_path, request)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def regency_db(request, tmp_path) -> Iterator[Regency]:
    """A fresh server database of each backend, bound here, with no server process."""
    yield new_regency(request.param, tmp_path, request)
