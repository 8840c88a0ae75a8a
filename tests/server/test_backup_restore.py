"""The regency server's backup and restore, done as docs/server-install.md (sections 5 and 6) tells the
IT officer: `ktp-mandiri-server-backup` (installer/server/server_backup.py) dumps a server filled on one
PostgreSQL cluster; that cluster is stopped and deleted; a second cluster made fresh by initdb gets the
`ktp-server` role and an empty database owned by it; the dump is restored there by that (unprivileged)
role, and `ktp-mandiri-server serve` started on it serves the same data over HTTP under a new
generation, and takes new writes. SQLite, the one-machine default, round-trips the same way."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.postgres import Cluster, required, start_cluster
from tests.helpers.prerequisites import require_tool
from tests.helpers.regency import ADMIN_PASSWORD, Regency
from tests.server.test_protocol import call

pytestmark = pytest.mark.timeout(900)
BACKUP_TOOL = Path(__file__).resolve().parents[2] / "installer" / "server" / "server_backup.py"
ROLE = "ktp-server"  # the service's user, as in docs/server-install.md
PAMULANG, SETU = "36.74.06", "36.74.07"


def backup_tool(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The backup tool run by the server's Python, as install-server.sh installs it, by an officer
    through sudo (a restore's `restored` is audited under that officer's name)."""
    proc = subprocess.run([sys.executable, str(BACKUP_TOOL), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SUDO_USER": "petugas"})
    assert not check or proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


def fill(server: Regency) -> None:
    """What a regency has set up before its first backup: schema, admin, stations, a quota, a user."""
    for args in (("migrate",), ("admin", "create", "ti_kabupaten"),
                 ("station", "add", "--name", "Kecamatan Pamulang", "--kecamatan", f"{PAMULANG},{SETU}"),
                 ("station", "add", "--name", "Kecamatan Setu", "--kecamatan", SETU),
                 ("quota", "set", PAMULANG, "120"),
                 ("user", "add", "siti", "--role", "supervisor", "--kecamatan", PAMULANG)):
        server.cli(*args)


def backup(url: str, folder: Path) -> Path:
    out = backup_tool("--database-url", url, "--backup-dir", str(folder)).stdout
    made = Path(out.split("Cadangan: ", 1)[1].strip())
    assert made.parent == folder and stat.S_IMODE(made.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == [made.name]  # no partial file left behind
    return made


def admin_token(server: Regency) -> str:
    status, reply = call(server.url + "/v1/admin/login", "POST", {"username": "ti_kabupaten", "password": ADMIN_PASSWORD})
    assert status == 200, reply
    return reply["token"]


def served(server: Regency) -> dict:
    """What the running server shows its admin: generation, stations, users' audit trail."""
    token = admin_token(server)
    status, health = call(server.url + "/v1/health")
    assert status == 200, health
    stations = call(server.url + "/v1/admin/stations", token=token)[1]
    trail = call(server.url + "/v1/admin/audit?limit=1000", token=token)[1]
    return {"generation": health["generation"], "stations": stations, "audit": trail, "token": token}


def assert_restore_audited(before: dict, after: dict) -> None:
    """Every audit row of the original is there unchanged; above it the restore's new generation (and
    the admin's log-in that read the trail)."""
    assert after["generation"] != before["generation"], "a restored server starts a new generation"
    login, restore, *kept = after["audit"]
    assert login["action"] == "admin.login"
    assert restore["action"] == "server.new_generation" and restore["details"] == {
        "before": before["generation"], "after": after["generation"]}
    assert kept == before["audit"]


def start(url: str, folder: Path) -> Regency:
    folder.mkdir(exist_ok=True)
    server = Regency("restore", url, folder)
    server.start()
    return server


def served_once(url: str, folder: Path) -> dict:
    """What a server started on the database at `url` shows (served()); stopped again."""
    server = start(url, folder)
    try:
        return served(server)
    finally:
        server.stop()


def filled_and_served(url: str, folder: Path) -> dict:
    fill(Regency("original", url, folder))
    return served_once(url, folder)


def require_pg_tools() -> None:
    for tool in ("pg_dump", "pg_restore"):
        require_tool(tool, "postgresql-client")


def role_url(cluster: Cluster, database: str) -> str:
    return f"postgresql://{ROLE}@/{database}?host={cluster.socket_dir}&port={cluster.port}"


def fresh_cluster_with_empty_database() -> tuple[Cluster, str]:
    """initdb'd now, with the service's role and an empty database it owns (docs: createuser, createdb)."""
    try:
        cluster = start_cluster()
    except (FileNotFoundError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or exc
        if required():
            pytest.fail(f"PostgreSQL is required here (KTP_CI/KTP_REQUIRE_PG) but could not start: {detail}")
        pytest.skip(f"PostgreSQL not available: {detail}")
    cluster.sql(f'CREATE ROLE "{ROLE}" LOGIN')
    cluster.sql(f'CREATE DATABASE ktp_mandiri OWNER "{ROLE}"')
    return cluster, role_url(cluster, "ktp_mandiri")


def remove(cluster: Cluster | None) -> None:
    if cluster is not None:
        cluster.stop()
        shutil.rmtree(cluster.root, ignore_errors=True)


def test_backup_restored_into_a_fresh_postgresql_cluster_serves_the_same_data(tmp_path):
    require_pg_tools()
    first = second = None
    try:
        first, source = fresh_cluster_with_empty_database()
        before = filled_and_served(source, tmp_path)
        dump = backup(source, tmp_path / "backups")
        remove(first)  # the machine is lost: only the backup file is left
        assert not first.root.exists()
        first = None

        second, target = fresh_cluster_with_empty_database()
        done = backup_tool("--database-url", target, "--restore", str(dump))
        assert f"Dipulihkan dari {dump}" in done.stdout

        restored = start(target, tmp_path / "restored")
        try:
            after = served(restored)
            status, added = call(restored.url + "/v1/admin/stations", "POST",
                                 {"name": "Kecamatan Ciputat", "kecamatan": ["36.74.01"]}, token=after["token"])
            assert status == 200, added  # the restored database takes writes (sequences, ownership)
            names = [s["name"] for s in call(restored.url + "/v1/admin/stations", token=after["token"])[1]]
        finally:
            restored.stop()
    finally:
        remove(first)
        remove(second)

    assert after["stations"] == before["stations"]
    assert [s["name"] for s in after["stations"]] == ["Kecamatan Pamulang", "Kecamatan Setu"]
    assert names == ["Kecamatan Pamulang", "Kecamatan Setu", "Kecamatan Ciputat"]
    assert after["generation"] != before["generation"], "a restored server starts a new generation"
    assert_restore_audited(before, after)
    assert {e["action"] for e in before["audit"]} >= {"admin.create", "station.add", "quota.set_standing", "user.save"}


def test_a_restore_into_a_database_that_is_not_empty_changes_nothing(tmp_path):
    require_pg_tools()
    cluster = None
    try:
        cluster, url = fresh_cluster_with_empty_database()
        server = Regency("postgres", url, tmp_path)
        fill(server)
        dump = backup(url, tmp_path / "backups")
        server.cli("station", "add", "--name", "Kecamatan Ciputat", "--kecamatan", "36.74.01")
        refused = backup_tool("--database-url", url, "--restore", str(dump), check=False)
        assert refused.returncode == 1
        assert refused.stderr.startswith("ktp-mandiri-server-backup: pg_restore gagal:"), refused.stderr
        listed = server.cli("station", "list").stdout
    finally:
        remove(cluster)
    assert [line.split("\t")[1] for line in listed.splitlines()] == [
        "Kecamatan Pamulang", "Kecamatan Setu", "Kecamatan Ciputat"]  # all or nothing: nothing was applied


def test_sqlite_backup_is_a_checked_copy_and_restores_only_into_an_empty_place(tmp_path):
    source = f"sqlite:///{tmp_path / 'server' / 'ktp-mandiri-server.sqlite3'}"
    (tmp_path / "server").mkdir()
    before = filled_and_served(source, tmp_path)
    made = backup(source, tmp_path / "backups")
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

    refused = backup_tool("--database-url", source, "--restore", str(made), check=False)
    assert refused.returncode == 1 and "sudah ada" in refused.stderr
    target = tmp_path / "restored" / "ktp-mandiri-server.sqlite3"
    backup_tool("--database-url", f"sqlite:///{target}", "--restore", str(made))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    after = served_once(f"sqlite:///{target}", tmp_path / "restored")
    assert after["stations"] == before["stations"]
    assert_restore_audited(before, after)


def test_the_backup_tool_says_in_one_sentence_what_is_wrong(tmp_path):
    missing = backup_tool("--database-url", f"sqlite:///{tmp_path / 'nothing.sqlite3'}",
                          "--backup-dir", str(tmp_path / "b"), check=False)
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"ktp-mandiri-server-backup: database SQLite {tmp_path / 'nothing.sqlite3'} tidak ada."
    assert not any((tmp_path / "b").iterdir())
    no_file = backup_tool("--database-url", f"sqlite:///{tmp_path / 'x.sqlite3'}", "--restore",
                          str(tmp_path / "gone.dump"), check=False)
    assert no_file.returncode == 1 and "tidak ada" in no_file.stderr
    assert not os.path.exists(tmp_path / "x.sqlite3")
