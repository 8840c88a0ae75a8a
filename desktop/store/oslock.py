"""Advisory file locks that the kernel drops when their process dies, and positioned reads/writes.

POSIX: `fcntl.flock` on the whole file. It belongs to the open file, not to the process, so a second
`open()` of the same file in the same process (the GUI looking at its own printer lanes) conflicts
like another process would. Windows: `msvcrt.locking` on one byte far past the data, so the bytes
that say who holds the lock stay readable.

flock is local to one machine: on a network share two stations would not see each other's locks,
which is why the data folder must be on a local disk (README).
"""

from __future__ import annotations

import os

from desktop import platform as system

_WINDOWS_LOCK_OFFSET = 1 << 30  # past any content; Windows allows locking beyond the end of a file


def lock(fd: int, *, blocking: bool) -> bool:
    """Take the exclusive lock on an open file; False if another holder has it (non-blocking only)."""
    if system.WINDOWS:
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        mode = msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK
        try:
            msvcrt.locking(fd, mode, 1)
        except OSError:
            if blocking:
                raise
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def unlock(fd: int) -> None:
    if system.WINDOWS:
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def read_at(fd: int, size: int, offset: int) -> bytes:
    """`os.pread`, which Windows lacks."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


def write_at(fd: int, data: bytes, offset: int) -> None:
    """Write all of `data` at `offset` (`os.pwrite`, which Windows lacks)."""
    view = memoryview(data)
    while view:
        if hasattr(os, "pwrite"):
            written = os.pwrite(fd, view, offset)
        else:
            os.lseek(fd, offset, os.SEEK_SET)
            written = os.write(fd, view)
        view, offset = view[written:], offset + written
