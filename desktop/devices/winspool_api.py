"""Windows' spooler API (winspool.drv) through ctypes: the printers with their port, driver, status
and job count, and the jobs of a queue with their status bits. desktop/devices/windows_spooler.py
decides what those mean.

The structures use fixed-size types (`c_uint32` for DWORD, not `ctypes.wintypes`, whose DWORD is a C
`long`: 8 bytes on Linux), so their x64 layout is the same wherever they are defined and is tested
here. The library itself is loaded only when a function below is called, on Windows.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from desktop.devices.windows_spooler import is_virtual_printer

DWORD = ctypes.c_uint32
WORD = ctypes.c_uint16
LPWSTR = ctypes.c_wchar_p

PRINTER_ENUM_LOCAL = 0x2
PRINTER_ENUM_CONNECTIONS = 0x4
ERROR_INVALID_PARAMETER = 87  # GetJobW/SetJobW on a job id the spooler no longer has
ERROR_INSUFFICIENT_BUFFER = 122
JOB_CONTROL_DELETE = 5


class SYSTEMTIME(ctypes.Structure):
    _fields_ = [(name, WORD) for name in ("wYear", "wMonth", "wDayOfWeek", "wDay", "wHour", "wMinute", "wSecond",
                                          "wMilliseconds")]


class PRINTER_INFO_2W(ctypes.Structure):
    _fields_ = [
        ("pServerName", LPWSTR), ("pPrinterName", LPWSTR), ("pShareName", LPWSTR), ("pPortName", LPWSTR),
        ("pDriverName", LPWSTR), ("pComment", LPWSTR), ("pLocation", LPWSTR), ("pDevMode", ctypes.c_void_p),
        ("pSepFile", LPWSTR), ("pPrintProcessor", LPWSTR), ("pDatatype", LPWSTR), ("pParameters", LPWSTR),
        ("pSecurityDescriptor", ctypes.c_void_p), ("Attributes", DWORD), ("Priority", DWORD),
        ("DefaultPriority", DWORD), ("StartTime", DWORD), ("UntilTime", DWORD), ("Status", DWORD),
        ("cJobs", DWORD), ("AveragePPM", DWORD),
    ]


class JOB_INFO_1W(ctypes.Structure):
    _fields_ = [
        ("JobId", DWORD), ("pPrinterName", LPWSTR), ("pMachineName", LPWSTR), ("pUserName", LPWSTR),
        ("pDocument", LPWSTR), ("pDatatype", LPWSTR), ("pStatus", LPWSTR), ("Status", DWORD), ("Priority", DWORD),
        ("Position", DWORD), ("TotalPages", DWORD), ("PagesPrinted", DWORD), ("Submitted", SYSTEMTIME),
    ]


@dataclass(frozen=True)
class WindowsPrinter:
    name: str
    port: str
    driver: str
    status: int
    attributes: int
    jobs: int


@dataclass(frozen=True)
class WindowsJob:
    job_id: int
    document: str
    status: int


_winspool = None


def winspool():
    """winspool.drv, loaded on first use (it exists on Windows only)."""
    global _winspool
    if _winspool is None:
        library = ctypes.WinDLL("winspool.drv", use_last_error=True)  # type: ignore[attr-defined]
        library.EnumPrintersW.argtypes = [DWORD, LPWSTR, DWORD, ctypes.c_void_p, DWORD, ctypes.POINTER(DWORD),
                                          ctypes.POINTER(DWORD)]
        library.OpenPrinterW.argtypes = [LPWSTR, ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p]
        library.ClosePrinter.argtypes = [ctypes.c_void_p]
        library.EnumJobsW.argtypes = [ctypes.c_void_p, DWORD, DWORD, DWORD, ctypes.c_void_p, DWORD,
                                      ctypes.POINTER(DWORD), ctypes.POINTER(DWORD)]
        library.GetJobW.argtypes = [ctypes.c_void_p, DWORD, DWORD, ctypes.c_void_p, DWORD, ctypes.POINTER(DWORD)]
        library.SetJobW.argtypes = [ctypes.c_void_p, DWORD, DWORD, ctypes.c_void_p, DWORD]
        for function in (library.EnumPrintersW, library.OpenPrinterW, library.ClosePrinter, library.EnumJobsW,
                         library.GetJobW, library.SetJobW):
            function.restype = ctypes.c_int
        _winspool = library
    return _winspool


def _last_error() -> int:
    return ctypes.get_last_error()  # type: ignore[attr-defined]  # Windows' ctypes only


def _failure() -> OSError:
    return ctypes.WinError(_last_error())  # type: ignore[attr-defined]


def _filled(call) -> tuple[ctypes.Array, int]:
    """A winspool enumeration: asked once for the size, then with a buffer of that size."""
    needed, count = DWORD(0), DWORD(0)
    call(None, 0, ctypes.byref(needed), ctypes.byref(count))
    while True:
        buffer = ctypes.create_string_buffer(max(needed.value, 1))
        if call(buffer, needed.value, ctypes.byref(needed), ctypes.byref(count)):
            return buffer, count.value
        if _last_error() != ERROR_INSUFFICIENT_BUFFER:
            raise _failure()


def printers() -> list[WindowsPrinter]:
    """The printers of this PC and the ones it is connected to (level 2: port, driver, status)."""
    api = winspool()
    buffer, count = _filled(lambda buf, size, needed, returned: api.EnumPrintersW(
        PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS, None, 2, buf, size, needed, returned))
    infos = ctypes.cast(buffer, ctypes.POINTER(PRINTER_INFO_2W))
    return [WindowsPrinter(info.pPrinterName or "", info.pPortName or "", info.pDriverName or "", info.Status,
                           info.Attributes, info.cJobs) for info in (infos[i] for i in range(count))]


def card_printers() -> list[WindowsPrinter]:
    """The printers that may be card printers: Windows' PDF, XPS, OneNote and fax printers left out."""
    return [p for p in printers() if not is_virtual_printer(p.port, p.driver)]


@contextmanager
def _opened(printer: str) -> Iterator[ctypes.c_void_p]:
    api = winspool()
    handle = ctypes.c_void_p()
    if not api.OpenPrinterW(printer, ctypes.byref(handle), None):
        raise _failure()
    try:
        yield handle
    finally:
        api.ClosePrinter(handle)


def _job_of(info: JOB_INFO_1W) -> WindowsJob:
    return WindowsJob(info.JobId, info.pDocument or "", info.Status)


def jobs(printer: str) -> list[WindowsJob]:
    """The jobs in one printer's queue, with their status bits (EnumJobsW, level 1)."""
    api = winspool()
    with _opened(printer) as handle:
        buffer, count = _filled(lambda buf, size, needed, returned: api.EnumJobsW(
            handle, 0, 0xFFFF, 1, buf, size, needed, returned))
    infos = ctypes.cast(buffer, ctypes.POINTER(JOB_INFO_1W))
    return [_job_of(infos[i]) for i in range(count)]


def job(printer: str, job_id: int) -> WindowsJob | None:
    """One job's status now (GetJobW, level 1); None once the spooler no longer has it."""
    api = winspool()
    with _opened(printer) as handle:
        needed = DWORD(0)
        while True:
            buffer = ctypes.create_string_buffer(max(needed.value, ctypes.sizeof(JOB_INFO_1W)))
            if api.GetJobW(handle, job_id, 1, buffer, len(buffer), ctypes.byref(needed)):
                return _job_of(JOB_INFO_1W.from_buffer(buffer))
            error = _last_error()
            if error == ERROR_INVALID_PARAMETER:
                return None
            if error != ERROR_INSUFFICIENT_BUFFER:
                raise _failure()


def delete_job(printer: str, job_id: int) -> None:
    """Ask the spooler to delete the job (SetJobW JOB_CONTROL_DELETE); a job already gone is no error."""
    api = winspool()
    with _opened(printer) as handle:
        if not api.SetJobW(handle, job_id, 0, None, JOB_CONTROL_DELETE) and _last_error() != ERROR_INVALID_PARAMETER:
            raise _failure()


def printer(name: str) -> WindowsPrinter | None:
    """One printer as `printers()` lists it, or None."""
    return next((p for p in printers() if p.name == name), None)
