"""The station's files through their Windows branches, run here (desktop/platform.py's flags patched):
a fake `os.fsync` that behaves as Windows' FlushFileBuffers (EBADF on a handle not opened for writing)
and renames that meet an antivirus scanner's sharing violation (WinError 32) for a while."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest

from desktop.errors import UserFacingError
from desktop.store import backup, durable
from tests.helpers.platforms import force_platform


class WindowsFiles:
    """os.open/os.fsync/os.replace as Windows answers them; `busy_replaces` sharing violations first."""

    def __init__(self, monkeypatch, busy_replaces: int = 0) -> None:
        self.read_only: set[int] = set()
        self.busy_replaces = busy_replaces
        self.replace_attempts = 0
        real_open, real_close, real_replace = os.open, os.close, os.replace

        def fake_open(path, flags, *args, **kwargs):
            fd = real_open(path, flags, *args, **kwargs)
            if flags & (os.O_WRONLY | os.O_RDWR) == 0:
                self.read_only.add(fd)
            return fd

        def fake_close(fd):
            self.read_only.discard(fd)
            real_close(fd)

        def fake_fsync(fd):
            if fd in self.read_only:  # FlushFileBuffers needs GENERIC_WRITE
                raise OSError(errno.EBADF, "Bad file descriptor")

        def fake_replace(source, target):
            self.replace_attempts += 1
            if self.replace_attempts <= self.busy_replaces:
                busy = PermissionError(errno.EACCES, "The process cannot access the file because it is being "
                                                     "used by another process")
                busy.winerror = 32
                raise busy
            real_replace(source, target)

        force_platform(monkeypatch, "windows")
        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "close", fake_close)
        monkeypatch.setattr(os, "fsync", fake_fsync)
        monkeypatch.setattr(os, "replace", fake_replace)


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
