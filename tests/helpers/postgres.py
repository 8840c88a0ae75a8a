"""A throw-away PostgreSQL cluster for the tests: one per test session, a fresh database per test.

Uses the server binaries of Debian's `postgresql` package (/usr/lib/postgresql/*/bin). initdb and
pg_ctl refuse to run as root, so as root they run as the `postgres` user through runuser. The cluster
listens only on a Unix socket in a temporary folder. Without PostgreSQL the tests that need it skip,
except when KTP_CI=1 or KTP_REQUIRE_PG=1, where that is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def required() -> bool:
    return os.environ.get("KTP_CI") == "1" or os.environ.get("KTP_REQUIRE_PG") == "1"


def find_bin_dir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]),
                            reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    return Path(found).resolve().parent if found else None


@dataclass
class Cluster:
    bin_dir: Path
    root: Path
    socket_dir: Path
    port: int
    as_postgres: bool

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data_dir), "--auth=trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8" if Path("/usr/lib/locale/C.utf8").exists() else "--locale=C")
        options = (f"-k {self.socket_dir} -c listen_addresses='' -p {self.port} -F -c max_connections=200 "
                   "-c shared_buffers=64MB -c synchronous_commit=off")
        self._run("pg_ctl", "-D", str(self.data_dir), "-o", options, "-l", str(self.root / "log"), "-w",
                  "-t", "60", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop", check=False)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg2

        conn = psycopg2.connect(dbname=database, user="postgres", host=str(self.socket_dir), port=self.port)
        conn.autocommit = True
        try:
            conn.cursor().execute(statement)
        finally:
            conn.close()

    def new_database(self, template: str | None = None) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        self.sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name


def start_cluster() -> Cluster:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server binaries not found (apt-get install postgresql)")
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="ktp-pg-"))
    socket_dir = root / "sock"
    socket_dir.mkdir()
    if as_postgres:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")
        root.chmod(0o755)
    cluster = Cluster(bin_dir, root, socket_dir, 5432, as_postgres)
    cluster.start()
    return cluster


EXTERNAL_ENV = "KTP_TEST_PG"  # "SOCKET_DIR:PORT" of a cluster .ci/run started (trust auth, user postgres)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    external = os.environ.get(EXTERNAL_ENV)
    if external:
        socket_dir, _, port = external.rpartition(":")
        yield Cluster(Path("/"), Path(socket_dir), Path(socket_dir), int(port), False)
        return
    try:
        import psycopg2  # noqa: F401 - the server extra must be installed

        cluster = start_cluster()
    except (FileNotFoundError, ImportError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or exc
        if required():
            pytest.fail(f"PostgreSQL is required here (KTP_CI/KTP_REQUIRE_PG) but could not start: {detail}")
        pytest.skip(f"PostgreSQL not available: {detail}")
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    """A database with the server's schema, copied for each test (faster than migrating each)."""
    from peewee import PostgresqlDatabase

    from server.migrations import migrate

    name = pg_cluster.new_database()
    db = PostgresqlDatabase(name, user="postgres", host=str(pg_cluster.socket_dir), port=pg_cluster.port)
    db.connect()
    migrate(db)
    db.close()
    return name
