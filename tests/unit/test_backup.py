"""Backups: `ktp-mandiri backup --out F` is consistent while another process writes, a copy is taken
before every migration, and once a day with the last 7 kept."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.app import main
from desktop.clock import Clock
from desktop.errors import UserFacingError
from desktop.store.backup import BACKUP_DIRNAME, daily_backup
from desktop.store.db import open_database
from desktop.store.files import DB_FILENAME
from tests.helpers.fixtures import make_station
from tests.helpers.processes import ROOT, run_cli

WRITER = """
import sys, time
from argon2 import PasswordHasher
from pathlib import Path
from desktop.services import audit
from desktop.composition import build_services
services = build_services(Path(sys.argv[1]), hasher=PasswordHasher(time_cost=1, memory_cost=1024))
Path(sys.argv[2]).write_text("writing")
while not Path(sys.argv[3]).exists():
    with services.db.atomic("IMMEDIATE"):
        for n in range(20):  # one transaction of 20 entries: a torn copy would show a half
            audit.record("test.write", None, at=services.clock.now_utc(), n=n)
services.close()
"""


def _chain_and_count(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    count, top = conn.execute("SELECT count(*), max(seq) FROM audit_log").fetchone()
    writes = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'test.write'").fetchone()[0]
    conn.close()
    assert count == top
    return count, writes


def test_a_backup_taken_while_another_process_writes_is_whole_and_checked(tmp_path, capsys):
    data = tmp_path / "data"
    make_station(tmp_path).services.close()
    started, stop = tmp_path / "started", tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data), str(started), str(stop)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True)
    try:
        while not started.exists():
            assert writer.poll() is None, writer.stderr.read()
        copies = []
        for n in range(3):
            out = tmp_path / f"copy{n}" / DB_FILENAME
            out.parent.mkdir()
            done = run_cli(data, "backup", "--out", str(out))
            assert done.returncode == 0, done.stderr
            assert "Cadangan database dibuat" in done.stdout
            copies.append(out)
    finally:
        stop.touch()
        assert writer.wait(timeout=60) == 0, writer.stderr.read()
    for out in copies:
        assert not Path(f"{out}-wal").exists()  # one self-contained file
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        _count, writes = _chain_and_count(out)
        assert writes % 20 == 0  # whole transactions only
        assert main(["--data-dir", str(out.parent), "audit", "verify"]) == 0, capsys.readouterr()
    assert len({_chain_and_count(out)[1] for out in copies}) > 1  # the writer really wrote in between


def test_a_backup_onto_the_database_itself_or_into_no_folder_is_refused(tmp_path, capsys):
    data = tmp_path / "data"
    make_station(tmp_path).services.close()
    before = (data / DB_FILENAME).read_bytes()
    assert main(["--data-dir", str(data), "backup", "--out", str(data / DB_FILENAME)]) == 1
    assert "database itu sendiri" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "backup", "--out", str(tmp_path / "tidak-ada" / "x.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert "tidak ada" in err and "Traceback" not in err
    assert (data / DB_FILENAME).read_bytes()[:100] == before[:100]


def test_one_copy_a_day_and_the_last_seven_are_kept(tmp_path):
    st = make_station(tmp_path)
    data = st.services.data_dir
    first = date(2026, 11, 1)
    for n in range(9):
        assert daily_backup(data, data / DB_FILENAME, first + timedelta(days=n)) is not None
    assert daily_backup(data, data / DB_FILENAME, first + timedelta(days=8)) is None  # already made today
    kept = sorted(p.name for p in (data / BACKUP_DIRNAME).iterdir())
    assert kept == [f"ktp-mandiri-2026-11-{day:02d}.sqlite3" for day in range(3, 10)]
    st.services.close()


def test_any_command_on_the_station_makes_todays_copy(tmp_path, capsys):
    data = tmp_path / "data"
    make_station(tmp_path).services.close()
    assert not (data / BACKUP_DIRNAME).exists()
    assert main(["--data-dir", str(data), "jobs"]) == 0
    copies = list((data / BACKUP_DIRNAME).iterdir())
    assert [p.name for p in copies] == [f"ktp-mandiri-{Clock().today().isoformat()}.sqlite3"]  # the office's date
    conn = sqlite3.connect(copies[0])
    assert conn.execute("SELECT count(*) FROM user").fetchone()[0] == 3
    conn.close()


def version_3_station(data: Path) -> Path:
    """A station's database at schema version 3 (its next start upgrades it); its file."""
    from peewee import SqliteDatabase

    from desktop.store.migrations import MIGRATIONS

    data.mkdir()
    old = SqliteDatabase(str(data / DB_FILENAME))
    for version in range(3):
        MIGRATIONS[version](old)
    old.execute_sql("PRAGMA user_version = 3")
    old.execute_sql("INSERT INTO setting VALUES ('station_id', 'kept-as-it-was')")
    old.close()
    return data / DB_FILENAME


def test_a_copy_is_taken_before_a_migration(tmp_path):
    data = tmp_path / "data"
    version_3_station(data)
    open_database(data / DB_FILENAME).close()
    copies = list((data / BACKUP_DIRNAME).glob("ktp-mandiri-before-v3-*.sqlite3"))
    assert len(copies) == 1
    conn = sqlite3.connect(copies[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert conn.execute("SELECT value FROM setting").fetchone()[0] == "kept-as-it-was"
    conn.close()
    open_database(data / DB_FILENAME).close()  # up to date now: no second copy
    assert len(list((data / BACKUP_DIRNAME).iterdir())) == 1
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    open_database(fresh / DB_FILENAME).close()  # a new database has nothing to keep
    assert not (fresh / BACKUP_DIRNAME).exists()


@pytest.mark.skipif(os.name == "nt", reason="a file in place of the backups folder")
def test_without_a_copy_there_is_no_migration(tmp_path):
    data = tmp_path / "data"
    version_3_station(data)
    (data / BACKUP_DIRNAME).write_text("a file where the backups folder should be")
    with pytest.raises(UserFacingError, match="Salinan database tidak dapat ditulis"):
        open_database(data / DB_FILENAME)
    conn = sqlite3.connect(data / DB_FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()
    shutil.rmtree(data)
