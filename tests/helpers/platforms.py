"""Running a Windows (or macOS) branch here: the flags of desktop/platform.py, patched for one test,
and the file calls as Windows answers them (`WindowsFiles`)."""

from __future__ import annotations

import errno
import os

from desktop import platform as system

SYSTEMS = ("windows", "macos", "linux")


def force_platform(monkeypatch, name: str) -> None:
    """Make the code under test take `name`'s branches (the flags are read at call time)."""
    assert name in SYSTEMS, name
    monkeypatch.setattr(system, "WINDOWS", name == "windows")
    monkeypatch.setattr(system, "MACOS", name == "macos")
    monkeypatch.setattr(system, "LINUX", name == "linux")


def sharing_violation() -> PermissionError:
    """What Windows raises on renaming or deleting a file another process (a scanner) holds open."""
    busy = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another "
                                         "process")
    busy.winerror = 32  # type: ignore[attr-defined]
    return busy


class WindowsFiles:
    """os.open/os.fsync/os.replace/os.unlink as Windows answers them, with the Windows flag forced:
    `fsync` of a descriptor not opened for writing fails with EBADF (FlushFileBuffers needs write
    access); the first `busy_replaces` renames and `busy_unlinks` deletions meet a sharing violation
    (WinError 32), as while an antivirus scanner holds the file that was just written."""

    def __init__(self, monkeypatch, busy_replaces: int = 0, busy_unlinks: int = 0) -> None:
        self.read_only: set[int] = set()
        self.busy_replaces, self.busy_unlinks = busy_replaces, busy_unlinks
        self.replace_attempts = self.unlink_attempts = self.fsyncs = 0
        real_open, real_close, real_replace, real_unlink = os.open, os.close, os.replace, os.unlink

        def fake_open(path, flags, *args, **kwargs):
            fd = real_open(path, flags, *args, **kwargs)
            if flags & (os.O_WRONLY | os.O_RDWR) == 0:
                self.read_only.add(fd)
            return fd

        def fake_close(fd):
            self.read_only.discard(fd)
            real_close(fd)

        def fake_fsync(fd):
            if fd in self.read_only:
                raise OSError(errno.EBADF, "Bad file descriptor")
            self.fsyncs += 1

        def fake_replace(source, target):
            self.replace_attempts += 1
            if self.replace_attempts <= self.busy_replaces:
                raise sharing_violation()
            real_replace(source, target)

        def fake_unlink(path, *args, **kwargs):
            if os.path.exists(path):
                self.unlink_attempts += 1
                if self.unlink_attempts <= self.busy_unlinks:
                    raise sharing_violation()
            real_unlink(path, *args, **kwargs)

        force_platform(monkeypatch, "windows")
        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "close", fake_close)
        monkeypatch.setattr(os, "fsync", fake_fsync)
        monkeypatch.setattr(os, "replace", fake_replace)
        monkeypatch.setattr(os, "unlink", fake_unlink)


class FakeMsvcrt:
    """`msvcrt.locking` as Windows answers it: byte-range locks per open handle (a second handle of the
    same process conflicts like another process), `LK_NBLCK` raising EACCES when another handle holds the
    byte, `LK_LOCK` trying 10 times a second apart and then failing (EDEADLOCK). Install with
    `install(monkeypatch)`: `import msvcrt` then finds it."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self) -> None:
        self.held: dict[tuple[int, int, int], int] = {}  # (device, inode, offset) -> the handle holding it
        self.waits: list[float] = []  # the pauses LK_LOCK took (not slept)

    def install(self, monkeypatch) -> FakeMsvcrt:
        import sys

        previous_close = os.close

        def close(fd: int) -> None:  # a closed handle (its process gone) holds nothing
            self.held = {key: holder for key, holder in self.held.items() if holder != fd}
            previous_close(fd)

        monkeypatch.setitem(sys.modules, "msvcrt", self)
        monkeypatch.setattr(os, "close", close)
        return self

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        assert nbytes == 1, "the station locks one byte"
        if mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise PermissionError(errno.EACCES, "Permission denied")
            del self.held[key]
            return
        for _attempt in range(10 if mode in (self.LK_LOCK, self.LK_RLCK) else 1):
            holder = self.held.get(key)
            if holder is None:
                self.held[key] = fd
                return
            if mode in (self.LK_NBLCK, self.LK_NBRLCK):
                raise PermissionError(errno.EACCES, "Permission denied")
            self.waits.append(1.0)
        raise OSError(errno.EDEADLK, "Resource deadlock avoided")

