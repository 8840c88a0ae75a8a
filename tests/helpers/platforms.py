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



class FakeClock:
    """A monotonic clock the test moves: `sleep(s)` moves it on at once (the follow loop's pause)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class FakeWinspool:
    """winspool.drv as Windows answers it, with ctypes-shaped functions (`EnumPrintersW`, `OpenPrinterW`,
    `ClosePrinter`, `EnumJobsW`, `GetJobW`, `SetJobW`) filling real `PRINTER_INFO_2W`/`JOB_INFO_1W`
    structures, and the last error as `ctypes.get_last_error()` gives it. Each job follows a script of
    status bits over the injected clock: [(seconds after submission, JOB_STATUS_* bits, or None = gone)].
    `SetJobW(JOB_CONTROL_DELETE)` makes the job show JOB_STATUS_DELETING (with JOB_STATUS_PRINTING when it
    was printing) at the next read, and gone after that. Install with `install(monkeypatch)`."""

    def __init__(self, clock: FakeClock, printers: list[tuple[str, str, str, int]]) -> None:
        self.clock = clock
        self.printers = {name: [port, driver, status] for name, port, driver, status in printers}
        self.jobs: dict[int, dict] = {}
        self.handles: dict[int, str] = {}
        self.deleted: list[int] = []
        self.last_error = 0
        self._keep: list = []
        self._next_job = 41

    def install(self, monkeypatch) -> FakeWinspool:
        import ctypes

        from desktop.devices import winspool_api

        monkeypatch.setattr(winspool_api, "_winspool", self)
        monkeypatch.setattr(ctypes, "get_last_error", lambda: self.last_error, raising=False)
        monkeypatch.setattr(ctypes, "WinError", lambda code=None: OSError(f"[WinError {code}]"), raising=False)
        return self

    def submit(self, printer: str, document: str, script: list[tuple[float, int | None]]) -> int:
        """A job arrives in `printer`'s queue now (what Qt's EndDoc does)."""
        self._next_job += 1
        self.jobs[self._next_job] = {"printer": printer, "document": document, "script": script,
                                     "at": self.clock(), "deleted": None}
        return self._next_job

    def status(self, job_id: int) -> int | None:
        from desktop.devices.windows_spooler import JOB_DELETING, JOB_PRINTING

        job = self.jobs[job_id]
        if job["deleted"] is not None:
            if self.clock() > job["deleted"][0]:
                return None
            return JOB_DELETING | (job["deleted"][1] & JOB_PRINTING)
        elapsed = self.clock() - job["at"]
        current: int | None = 0
        for after, bits in job["script"]:
            if after <= elapsed:
                current = bits
        return current

    def _present(self, printer: str) -> list[int]:
        return [i for i, job in sorted(self.jobs.items()) if job["printer"] == printer and self.status(i) is not None]

    def _strings(self, *texts: str) -> list:
        import ctypes

        buffers = [ctypes.create_unicode_buffer(text) for text in texts]
        self._keep += buffers
        return [ctypes.cast(b, ctypes.c_wchar_p) for b in buffers]

    def _fill(self, structure, rows: list, buffer, size, needed, returned, write) -> int:
        import ctypes

        width = ctypes.sizeof(structure)
        needed._obj.value = width * len(rows)
        if buffer is None or size < needed._obj.value:
            self.last_error = 122  # ERROR_INSUFFICIENT_BUFFER
            return 0
        for index, row in enumerate(rows):
            write(structure.from_buffer(buffer, index * width), row)
        returned._obj.value = len(rows)
        return 1

    def EnumPrintersW(self, flags, name, level, buffer, size, needed, returned) -> int:
        from desktop.devices.winspool_api import PRINTER_INFO_2W

        def write(info, row) -> None:
            printer, (port, driver, status) = row
            info.pPrinterName, info.pPortName, info.pDriverName = self._strings(printer, port, driver)
            info.Status, info.cJobs = status, len(self._present(printer))

        return self._fill(PRINTER_INFO_2W, list(self.printers.items()), buffer, size, needed, returned, write)

    def OpenPrinterW(self, name, handle, defaults) -> int:
        if name not in self.printers:
            self.last_error = 1801  # ERROR_INVALID_PRINTER_NAME
            return 0
        handle._obj.value = 0x100 + len(self.handles)
        self.handles[handle._obj.value] = name
        return 1

    def ClosePrinter(self, handle) -> int:
        self.handles.pop(handle.value)
        return 1

    def _write_job(self, info, job_id: int) -> None:
        job = self.jobs[job_id]
        info.JobId, info.Status = job_id, self.status(job_id)
        info.pPrinterName, info.pDocument = self._strings(job["printer"], job["document"])

    def EnumJobsW(self, handle, first, count, level, buffer, size, needed, returned) -> int:
        assert level == 1
        return self._fill(type(self)._job_info(), self._present(self.handles[handle.value]), buffer, size, needed,
                          returned, self._write_job)

    def GetJobW(self, handle, job_id, level, buffer, size, needed) -> int:
        import ctypes

        assert level == 1
        if job_id not in self._present(self.handles[handle.value]):
            self.last_error = 87  # ERROR_INVALID_PARAMETER: no such job
            return 0
        structure = self._job_info()
        needed._obj.value = ctypes.sizeof(structure)
        if size < needed._obj.value:
            self.last_error = 122
            return 0
        self._write_job(structure.from_buffer(buffer), job_id)
        return 1

    def SetJobW(self, handle, job_id, level, info, command) -> int:
        assert (level, info, command) == (0, None, 5)  # JOB_CONTROL_DELETE
        if job_id not in self._present(self.handles[handle.value]):
            self.last_error = 87
            return 0
        self.jobs[job_id]["deleted"] = (self.clock(), self.status(job_id))
        self.deleted.append(job_id)
        return 1

    @staticmethod
    def _job_info():
        from desktop.devices.winspool_api import JOB_INFO_1W

        return JOB_INFO_1W
