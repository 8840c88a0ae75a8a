"""`ktp-mandiri-server check` (issue 20, item 1): one line per check (or --json) and the monitoring
exit code (0 ok, 1 warning, 2 critical, 3 unknown), each threshold met by a real thing: certificates
made by openssl to run out in 3, 20 or 400 days, backup files aged by their modification time, a
small file system really filled, stations whose last contact is old in a real database, the clock's
tools answering, PostgreSQL reached or not."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from server import checks
from server.cli import main
from tests.helpers.command_line import call_entry_point
from tests.helpers.disks import host_disk_status
from tests.helpers.prerequisites import missing, require_root, require_tool

HOUR = 3600


def check(url: str, backups: Path, *args: str) -> tuple[int, dict]:
    done = call_entry_point(main, ["--database-url", url, "check", "--backup-dir", str(backups), "--json", *args])
    assert done.stderr == ""
    result = json.loads(done.stdout)
    assert done.returncode == result["exit_code"]
    return done.returncode, result


def of(result: dict, name: str) -> list[tuple[str, str]]:
    return [(c["status"], c["message"]) for c in result["checks"] if c["check"] == name]


def certificate(folder: Path, days: int, name: str = "server.crt") -> Path:
    folder.mkdir(exist_ok=True)
    cert = folder / name
    subprocess.run([require_tool("openssl", "openssl"), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", str(folder / f"{name}.key"),
                    "-out", str(cert), "-days", str(days), "-subj", "/CN=ktp.example"], check=True,
                   capture_output=True)
    return cert


def backup(folder: Path, hours_old: float, suffix: str = ".sqlite3") -> Path:
    folder.mkdir(exist_ok=True)
    made = folder / f"ktp-mandiri-server-{len(list(folder.iterdir())):08d}-000000{suffix}"
    made.write_bytes(b"SQLite format 3\0")
    stamp = time.time() - hours_old * HOUR
    os.utime(made, (stamp, stamp))
    return made


@pytest.fixture
def database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'regency.sqlite3'}"
    assert call_entry_point(main, ["--database-url", url, "migrate"]).returncode == 0
    return url


def test_a_set_up_in_order_is_ok_line_by_line(database, tmp_path):
    cert = certificate(tmp_path / "tls", 400)
    certificate(tmp_path / "tls", 3650, "ca.crt")
    backup(tmp_path / "backups", 2)
    done = call_entry_point(main, ["--database-url", database, "check", "--tls-cert", str(cert),
                                   "--backup-dir", str(tmp_path / "backups")],
                            PATH=str(fake_tools(tmp_path, timedatectl="yes")))
    lines = done.stdout.splitlines()
    disk = host_disk_status(tmp_path)
    assert done.returncode == (0 if disk == "ok" else 1), done.stdout
    assert lines[0].startswith(f"OK certificate: sertifikat server {cert} berlaku sampai ")
    assert lines[0].endswith("(399 hari)")
    assert lines[1].startswith(f"OK certificate: CA kabupaten {tmp_path / 'tls' / 'ca.crt'} berlaku sampai ")
    assert lines[2:4] == [f"OK database: terhubung, skema versi {latest()}",
                          "OK backup: cadangan terbaru ktp-mandiri-server-00000000-000000.sqlite3, 2 jam lalu"]
    word = "OK" if disk == "ok" else "PERINGATAN"
    assert lines[4].startswith(f"{word} disk: database dan cadangan: ")  # one file system, said once
    assert lines[5:] == ["OK stations: semua stasiun terdaftar terlihat dalam 3 hari terakhir",
                         "OK clock: jam tersinkron (timedatectl)"]


def latest() -> int:
    from server.migrations import LATEST_VERSION

    return LATEST_VERSION


@pytest.mark.parametrize(("days", "status"), [(400, "ok"), (20, "warning"), (3, "critical")])
def test_certificate_thresholds(database, tmp_path, days, status):
    cert = certificate(tmp_path / "tls", days)
    backup(tmp_path / "backups", 1)
    code, result = check(database, tmp_path / "backups", "--tls-cert", str(cert))
    [(found, message)] = of(result, "certificate")
    assert found == status and message.endswith(f"({days - 1} hari)")
    if status == "critical":
        assert code == 2


def test_a_missing_certificate_is_critical(database, tmp_path):
    code, result = check(database, tmp_path, "--tls-cert", str(tmp_path / "tls" / "server.crt"))
    assert of(result, "certificate") == [("critical", f"sertifikat server {tmp_path / 'tls' / 'server.crt'} "
                                                      "tidak ada: server tidak dapat mulai")]
    assert code == 2


@pytest.mark.parametrize(("hours", "status"), [(25, "ok"), (27, "warning"), (71, "warning"), (73, "critical")])
def test_backup_thresholds(database, tmp_path, hours, status):
    backup(tmp_path / "backups", hours + 30)  # older ones do not count
    backup(tmp_path / "backups", hours, ".dump")
    (tmp_path / "backups" / ".ktp-mandiri-server-x.dump.partial").write_bytes(b"")  # nor one being written
    code, result = check(database, tmp_path / "backups")
    [(found, message)] = of(result, "backup")
    assert (found, message) == (status, f"cadangan terbaru ktp-mandiri-server-00000001-000000.dump, {hours} jam lalu")
    if status == "critical":
        assert code == 2


def test_no_backup_at_all_is_critical(database, tmp_path):
    (tmp_path / "backups").mkdir()
    code, result = check(database, tmp_path / "backups")
    assert of(result, "backup") == [("critical", f"belum ada cadangan di {tmp_path / 'backups'}")]
    assert code == 2 and result["status"] == "critical"


@pytest.fixture
def small_disk(tmp_path):
    """A real 4 MB file system (tmpfs) for the backups."""
    require_root("mounting a small file system")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        missing(f"mount -t tmpfs ({mounted.stderr.strip()})")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_file_system_under_15_percent_free_is_a_warning(database, small_disk):
    backups = small_disk / "backups"
    backup(backups, 1)
    (small_disk / "filler").write_bytes(b"\0" * (3 * 2**20 + 512 * 2**10))  # 3.5 of 4 MB: 12 % free
    code, result = check(database, backups)
    [database_disk, backup_disk] = sorted(of(result, "disk"), key=lambda f: "cadangan" in f[1])
    assert database_disk[0] == host_disk_status(Path(database.removeprefix("sqlite:///")))
    assert backup_disk[0] == "warning" and backup_disk[1].startswith("cadangan: ")
    assert f"bebas di {backups}" in backup_disk[1]
    assert code == 1 or (code == 2 and result["status"] == "critical")
    (small_disk / "filler").write_bytes(b"\0" * (3 * 2**20))  # 3 of 4 MB: 25 % free
    assert of(check(database, backups)[1], "disk")[1][0] == "ok"


def test_a_station_not_seen_for_3_days_is_a_warning(database, tmp_path):
    for name in ("Kecamatan Pamulang", "Kecamatan Setu", "Kecamatan Serpong", "Kecamatan Ciputat"):
        done = call_entry_point(main, ["--database-url", database, "--officer", "penguji", "station", "add",
                                       "--name", name, "--kecamatan", "36.74.06"])
        assert done.returncode == 0, done.stderr
    now = datetime.now(UTC).replace(tzinfo=None)
    with sqlite3.connect(database.removeprefix("sqlite:///")) as db:
        seen = {"Kecamatan Pamulang": 2, "Kecamatan Setu": 4, "Kecamatan Serpong": 10}  # Ciputat never enrolled
        for name, days in seen.items():
            db.execute("UPDATE station SET enrolled_at = ?, last_seen_at = ? WHERE name = ?",
                       (now - timedelta(days=30), now - timedelta(days=days, minutes=1), name))
        db.execute("UPDATE station SET revoked_at = ? WHERE name = 'Kecamatan Serpong'", (now,))  # revoked: gone
        setu = db.execute("SELECT code FROM station WHERE name = 'Kecamatan Setu'").fetchone()[0]
    backup(tmp_path / "backups", 1)
    _, result = check(database, tmp_path / "backups")
    assert of(result, "stations") == [("warning", f"tidak terlihat lebih dari 3 hari: {setu} (Kecamatan Setu, "
                                                  "4 hari)")]


def fake_tools(tmp_path: Path, **answers: str) -> Path:
    """A PATH whose timedatectl / chronyc print what those tools print (systemd and chrony do not run
    here); a tool given None is absent."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    scripts = {"timedatectl": "#!/bin/sh\necho {}\n",
               "chronyc": "#!/bin/sh\nprintf 'Reference ID    : 00000000 ()\\nLeap status     : {}\\n'\n"}
    for tool, answer in answers.items():
        (folder / tool).write_text(scripts[tool].format(answer))
        (folder / tool).chmod(0o755)
    return folder


def test_the_clock_by_timedatectl_then_chrony_then_the_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_tools(tmp_path, timedatectl="no")))
    assert checks.clock().status == "warning" and "(timedatectl)" in checks.clock().message
    (tmp_path / "bin" / "timedatectl").write_text("#!/bin/sh\necho 'Failed to connect to bus' >&2\nexit 1\n")
    fake_tools(tmp_path, chronyc="Not synchronised")
    assert checks.clock().status == "warning" and "(chronyc)" in checks.clock().message
    fake_tools(tmp_path, chronyc="Normal")
    assert checks.clock() == checks.Finding("clock", "ok", "jam tersinkron (chronyc)")
    (tmp_path / "bin" / "chronyc").unlink()
    kernel = checks.adjtimex()  # this machine's kernel answers, whatever its state
    assert kernel is not None
    assert checks.clock().message.startswith("jam tersinkron (adjtimex)" if kernel else "jam TIDAK tersinkron "
                                             "(adjtimex)")
    unknown = checks.clock(readers=(checks.timedatectl, checks.chronyc))
    assert unknown.status == "unknown" and "tidak dapat dibaca" in unknown.message


def test_the_worst_finding_decides_the_exit_code():
    found = [checks.Finding("clock", "unknown", ""), checks.Finding("backup", "warning", "")]
    assert checks.report(found)["exit_code"] == 1
    assert checks.report([*found, checks.Finding("database", "critical", "")])["exit_code"] == 2
    assert checks.report(found[:1])["exit_code"] == 3
    assert checks.report([checks.Finding("disk", "ok", "")])["exit_code"] == 0


def test_postgresql_reached_or_not(pg_cluster, pg_template, tmp_path):
    url = pg_cluster.url(pg_cluster.new_database(pg_template))
    backup(tmp_path / "backups", 1, ".dump")
    _, result = check(url, tmp_path / "backups")
    assert of(result, "database") == [("ok", f"terhubung, skema versi {latest()}")]
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute("SHOW data_directory")  # the test's role may read it (superuser)
        data_directory = cursor.fetchone()[0]
    disks = of(result, "disk")
    assert any(f"bebas di {data_directory}" in message for _, message in disks), disks

    unreachable = f"postgresql://ktp-server@127.0.0.1:{closed_port()}/ktp_mandiri"
    code, result = check(unreachable, tmp_path / "backups")
    [(status, message)] = of(result, "database")
    assert status == "critical" and message.startswith("tidak dapat dibuka (")
    assert of(result, "stations") == [("unknown", "database tidak dapat dibuka")]
    assert code == 2
    text = call_entry_point(main, ["--database-url", unreachable, "check", "--backup-dir", str(tmp_path / "backups")])
    assert text.returncode == 2
    assert f"KRITIS database: {message}" in text.stdout.splitlines()


def closed_port() -> int:
    from tests.helpers.regency import free_port

    return free_port()


def test_a_missing_sqlite_database_is_critical_and_not_created(tmp_path):
    gone = tmp_path / "data" / "ktp-mandiri-server.sqlite3"
    code, result = check(f"sqlite:///{gone}", tmp_path)
    assert of(result, "database") == [("critical", f"tidak dapat dibuka (berkas SQLite {gone} tidak ada)")]
    assert code == 2 and not gone.exists()


def test_a_key_the_server_could_not_use_is_critical_in_the_words_of_serve(database, tmp_path):
    cert = certificate(tmp_path / "tls", 400)
    other = certificate(tmp_path / "tls", 400, "other.crt")
    backup(tmp_path / "backups", 1)
    code, result = check(database, tmp_path / "backups", "--tls-cert", str(cert), "--tls-key",
                         f"{cert}.key")
    assert [s for s, _ in of(result, "certificate")] == ["ok"]
    code, result = check(database, tmp_path / "backups", "--tls-cert", str(cert), "--tls-key", f"{other}.key")
    ok, refused = of(result, "certificate")
    assert ok[0] == "ok" and refused[0] == "critical"
    assert refused[1].startswith(f"Sertifikat TLS {cert} dan kunci {other}.key tidak dapat dipakai (")
    assert code == 2
