"""The station's files through their Windows branches, run here (desktop/platform.py's flags patched):
a fake `os.fsync` that behaves as Windows' FlushFileBuffers (EBADF on a handle not opened for writing)
and renames that meet an antivirus scanner's sharing violation (WinError 32) for a while."""

from __future__ import annotations

import os
import sqlite3

import pytest

from desktop.errors import UserFacingError
from desktop.store import backup, durable
from tests.helpers.platforms import WindowsFiles, force_platform
from tests.unit.test_backup import version_3_station


def a_database(tmp_path):
    path = tmp_path / "ktp-mandiri.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("CREATE TABLE issued_card (nik TEXT)")
    conn.execute("INSERT INTO issued_card VALUES ('3674064508900001')")
    conn.commit()
    conn.close()
    return path


def rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT nik FROM issued_card").fetchall()
    finally:
        conn.close()


def test_a_backup_on_windows_syncs_through_a_handle_opened_for_writing(tmp_path, monkeypatch):
    db = a_database(tmp_path)
    files = WindowsFiles(monkeypatch)
    out = tmp_path / "flashdisk.sqlite3"
    assert backup.backup_to(db, out) > 0
    assert rows(out) == [("3674064508900001",)]
    assert not (tmp_path / "flashdisk.sqlite3.part").exists()
    assert files.replace_attempts == 1


def test_a_copy_held_by_a_scanner_for_a_moment_is_still_put_in_place(tmp_path, monkeypatch):
    db = a_database(tmp_path)
    files = WindowsFiles(monkeypatch, busy_replaces=3)
    out = tmp_path / "backups" / "ktp-mandiri-2026-12-07.sqlite3"
    out.parent.mkdir()
    assert backup.backup_to(db, out) > 0
    assert files.replace_attempts == 4 and rows(out) == [("3674064508900001",)]


def test_a_copy_held_longer_is_refused_in_one_sentence_and_leaves_no_part_file(tmp_path, monkeypatch):
    db = a_database(tmp_path)
    monkeypatch.setattr(durable, "SHARING_RETRY_S", 0.3)
    WindowsFiles(monkeypatch, busy_replaces=10_000)
    out = tmp_path / "copy.sqlite3"
    with pytest.raises(UserFacingError) as refused:
        backup.backup_to(db, out)
    assert "copy.sqlite3" in str(refused.value)
    assert not out.exists() and not (tmp_path / "copy.sqlite3.part").exists()


def test_linux_keeps_a_read_only_handle_and_does_not_retry_a_refused_rename(tmp_path, monkeypatch):
    """The same fakes on the Linux branch: the first refusal is final (Linux has no sharing violations)."""
    db = a_database(tmp_path)
    files = WindowsFiles(monkeypatch, busy_replaces=1)
    force_platform(monkeypatch, "linux")
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    with pytest.raises(UserFacingError):
        backup.backup_to(db, tmp_path / "copy.sqlite3")
    assert files.replace_attempts == 1


def test_a_windows_station_copies_its_database_and_then_upgrades_it(tmp_path, monkeypatch):
    """The first schema upgrade on Windows: the copy before it is synced through a handle opened for
    writing and put in place past a scanner; the station then opens at the latest version."""
    from desktop.store.backup import BACKUP_DIRNAME
    from desktop.store.db import open_database
    from desktop.store.migrations import LATEST_VERSION

    db_file = version_3_station(tmp_path / "data")
    files = WindowsFiles(monkeypatch, busy_replaces=2)
    open_database(db_file).close()
    copies = list((tmp_path / "data" / BACKUP_DIRNAME).glob("ktp-mandiri-before-v3-*.sqlite3"))
    assert len(copies) == 1 and files.fsyncs >= 1 and files.replace_attempts == 3
    conn = sqlite3.connect(copies[0])
    assert conn.execute("SELECT value FROM setting").fetchone()[0] == "kept-as-it-was"
    conn.close()
    conn = sqlite3.connect(db_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    conn.close()


def test_the_eighth_daily_copy_removes_the_oldest_even_while_a_scanner_holds_it(tmp_path, monkeypatch):
    from datetime import date, timedelta

    db = a_database(tmp_path)
    files = WindowsFiles(monkeypatch, busy_unlinks=2)
    first = date(2026, 12, 1)
    for day in range(backup.DAILY_KEEP + 1):
        backup.daily_backup(tmp_path, db, first + timedelta(days=day))
    kept = sorted(p.name for p in (tmp_path / backup.BACKUP_DIRNAME).iterdir())
    assert len(kept) == backup.DAILY_KEEP and kept[0] == "ktp-mandiri-2026-12-02.sqlite3"
    assert files.unlink_attempts >= 3


def test_a_job_lock_on_windows_is_one_byte_per_handle_and_its_file_goes_after_a_scanner(tmp_path, monkeypatch):
    from desktop.store.joblocks import JobLockHeld, JobLocks
    from tests.helpers.platforms import FakeMsvcrt

    files = WindowsFiles(monkeypatch, busy_unlinks=1)
    FakeMsvcrt().install(monkeypatch)
    locks, job = JobLocks(tmp_path), "0123abcd-0000-0000-0000-000000000001"
    with locks.hold(job):
        owner = locks.owner(job)
        assert owner is not None and owner.pid == os.getpid()  # the holder's own bytes stay readable
        with pytest.raises(JobLockHeld), locks.take_over(job):
            pass
    assert locks.owner(job) is None and not locks.path(job).exists()
    assert files.unlink_attempts == 2


def test_a_blocking_lock_on_windows_gives_up_after_ten_tries(tmp_path, monkeypatch):
    from desktop.store import oslock
    from tests.helpers.platforms import FakeMsvcrt

    force_platform(monkeypatch, "windows")
    msvcrt = FakeMsvcrt().install(monkeypatch)
    path = tmp_path / "journal"
    path.write_bytes(b"x")
    first, second = os.open(path, os.O_RDWR), os.open(path, os.O_RDWR)
    try:
        assert oslock.lock(first, blocking=False) and not oslock.lock(second, blocking=False)
        with pytest.raises(OSError):
            oslock.lock(second, blocking=True)
        assert msvcrt.waits == [1.0] * 10
        oslock.unlock(first)
        assert oslock.lock(second, blocking=True)
    finally:
        os.close(first)
        os.close(second)


def test_the_side_journal_on_windows_keeps_outcomes_through_byte_locks_and_flushed_handles(tmp_path, monkeypatch):
    from datetime import datetime

    from desktop.store.journal import SIZE, JournalEntry, OutcomeJournal
    from tests.helpers.platforms import FakeMsvcrt

    files = WindowsFiles(monkeypatch)
    msvcrt = FakeMsvcrt().install(monkeypatch)
    journal = OutcomeJournal(tmp_path / "ktp-mandiri.journal")
    journal.prepare()
    assert (tmp_path / "ktp-mandiri.journal").stat().st_size == SIZE
    first = JournalEntry("job-1", "good", "u1", datetime(2026, 12, 7, 1, 2, 3))
    journal.append(first)
    journal.append(JournalEntry("job-2", "nothing", "u1", datetime(2026, 12, 7, 1, 3, 0)))
    kept = journal.entries()
    assert [(e.job_id, e.outcome, e.slot) for e in kept] == [("job-1", "good", 0), ("job-2", "nothing", 1)]
    journal.clear(kept[0])
    assert [e.job_id for e in journal.entries()] == ["job-2"]
    assert files.fsyncs >= 3 and msvcrt.held == {}  # every lock given back

    from desktop.store import oslock

    other = os.open(journal.path, os.O_RDWR)  # another process writing its outcome right now
    try:
        assert oslock.lock(other, blocking=False)
        with pytest.raises(OSError):
            journal.append(first)  # Windows' LK_LOCK gave up after ten tries: the caller reports it
        assert msvcrt.waits == [1.0] * 10
    finally:
        oslock.unlock(other)
        os.close(other)
    assert [e.job_id for e in journal.entries()] == ["job-2"]
