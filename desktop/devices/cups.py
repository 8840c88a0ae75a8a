"""The CUPS print queues of Linux and macOS, through libcups (`libcups.so.2`, already needed by Qt's
print support) called with ctypes: submit a file, read a job's state, cancel it, list queues.

Only the small stable part of the CUPS 2.x C API is used (`cupsPrintFile2`, `cupsGetJobs2`,
`cupsCancelJob2`, `cupsGetDests2`, `cupsGetDestMediaBySize`). Every call opens its own connection to
the server (`$CUPS_SERVER`, a path or host[:port], else libcups' default), so each printer thread has
its own and a test's private `cupsd` is reached even after libcups was used elsewhere in the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import enum
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from desktop import platform as system

log = logging.getLogger("ktp.devices")

WHICHJOBS_ALL = -1
HTTP_ENCRYPTION_IF_REQUESTED = 0
AF_UNSPEC = 0
CONNECT_TIMEOUT_MS = 10_000
MEDIA_TOLERANCE_MM = 0.3  # a PPD gives sizes in whole or tenth points: 85.60 mm is 242.65 pt


class JobState(enum.IntEnum):
    """IPP job-state (RFC 8011 section 5.3.7)."""

    PENDING = 3
    HELD = 4
    PROCESSING = 5
    STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9


class QueueState(enum.IntEnum):
    """IPP printer-state (RFC 8011 section 5.4.11)."""

    IDLE = 3
    PROCESSING = 4
    STOPPED = 5


class CupsError(Exception):
    """libcups is missing, the server cannot be reached, or it refused a request."""


class _Option(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


class _Dest(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("instance", ctypes.c_char_p),
        ("is_default", ctypes.c_int),
        ("num_options", ctypes.c_int),
        ("options", ctypes.POINTER(_Option)),
    ]


class _Job(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_int),
        ("dest", ctypes.c_char_p),
        ("title", ctypes.c_char_p),
        ("user", ctypes.c_char_p),
        ("format", ctypes.c_char_p),
        ("state", ctypes.c_int),
        ("size", ctypes.c_int),
        ("priority", ctypes.c_int),
        ("completed_time", ctypes.c_long),  # time_t
        ("creation_time", ctypes.c_long),
        ("processing_time", ctypes.c_long),
    ]


class _Size(ctypes.Structure):
    _fields_ = [("media", ctypes.c_char * 128)] + [
        (name, ctypes.c_int) for name in ("width", "length", "bottom", "left", "right", "top")
    ]


@dataclass(frozen=True)
class Job:
    id: int
    state: JobState
    processing_time: int  # 0 while the job never started processing (CUPS' time-at-processing)
    completed_time: int

    @property
    def started(self) -> bool:
        return self.processing_time > 0 or self.state in (JobState.PROCESSING, JobState.COMPLETED)


@dataclass(frozen=True)
class Queue:
    name: str
    info: str
    make_and_model: str
    state: QueueState | None
    reasons: tuple[str, ...]  # printer-state-reasons without "none"
    accepting: bool


@dataclass(frozen=True)
class Media:
    name: str  # the PWG or PPD media name to ask for (media=...)
    width_mm: float
    length_mm: float


def _library_name() -> str | None:
    if system.WINDOWS:
        return None
    return ctypes.util.find_library("cups") or ("libcups.so.2" if system.LINUX else None)


@lru_cache(maxsize=1)
def _lib() -> ctypes.CDLL:
    name = _library_name()
    if name is None:
        raise CupsError("libcups is not available on this system")
    try:
        lib = ctypes.CDLL(name)
    except OSError as exc:
        raise CupsError(f"libcups could not be loaded ({exc})") from exc
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    signatures = {
        "httpConnect2": (p, [s, i, p, i, i, i, i, p]),
        "httpClose": (None, [p]),
        "cupsServer": (s, []),
        "ippPort": (i, []),
        "cupsLastErrorString": (s, []),
        "cupsAddOption": (i, [s, s, i, ctypes.POINTER(ctypes.POINTER(_Option))]),
        "cupsFreeOptions": (None, [i, ctypes.POINTER(_Option)]),
        "cupsGetOption": (s, [s, i, ctypes.POINTER(_Option)]),
        "cupsPrintFile2": (i, [p, s, s, s, i, ctypes.POINTER(_Option)]),
        "cupsGetJobs2": (i, [p, ctypes.POINTER(ctypes.POINTER(_Job)), s, i, i]),
        "cupsFreeJobs": (None, [i, ctypes.POINTER(_Job)]),
        "cupsCancelJob2": (i, [p, s, i, i]),
        "cupsGetDests2": (i, [p, ctypes.POINTER(ctypes.POINTER(_Dest))]),
        "cupsGetNamedDest": (ctypes.POINTER(_Dest), [p, s, s]),
        "cupsFreeDests": (None, [i, ctypes.POINTER(_Dest)]),
        "cupsCopyDestInfo": (p, [p, ctypes.POINTER(_Dest)]),
        "cupsFreeDestInfo": (None, [p]),
        "cupsGetDestMediaBySize": (i, [p, ctypes.POINTER(_Dest), p, i, i, ctypes.c_uint, ctypes.POINTER(_Size)]),
        "cupsGetPPD2": (s, [p, s]),
        "cupsUser": (s, []),
        "ippNewRequest": (p, [i]),
        "ippAddString": (p, [p, i, i, s, s, s]),
        "ippAddInteger": (p, [p, i, i, s, i]),
        "cupsDoRequest": (p, [p, p, s]),
        "ippDelete": (None, [p]),
        "ippFirstAttribute": (p, [p]),
        "ippNextAttribute": (p, [p]),
        "ippGetName": (s, [p]),
        "ippGetGroupTag": (i, [p]),
        "ippAttributeString": (ctypes.c_size_t, [p, ctypes.c_char_p, ctypes.c_size_t]),
    }
    for function, (restype, argtypes) in signatures.items():
        f = getattr(lib, function)
        f.restype, f.argtypes = restype, argtypes
    return lib


def available() -> bool:
    """Whether libcups can be used here (Linux, macOS, BSD with CUPS' client library)."""
    try:
        _lib()
    except CupsError:
        return False
    return True


def _text(value: bytes | None) -> str:
    return value.decode("utf-8", "replace") if value else ""


def _last_error() -> str:
    return _text(_lib().cupsLastErrorString()) or "unknown CUPS error"


def server() -> str:
    """The CUPS server this process talks to: $CUPS_SERVER, else libcups' default."""
    return os.environ.get("CUPS_SERVER") or _text(_lib().cupsServer())


@contextmanager
def _connection() -> Iterator[int]:
    lib = _lib()
    host = server()
    port = lib.ippPort()
    if not host.startswith("/") and ":" in host and not host.startswith("["):
        host, _, port_text = host.rpartition(":")
        port = int(port_text) if port_text.isdigit() else port
    http = lib.httpConnect2(host.encode(), port, None, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1,
                            CONNECT_TIMEOUT_MS, None)
    if not http:
        raise CupsError(f"the CUPS server {host} cannot be reached")
    try:
        yield http
    finally:
        lib.httpClose(http)


def _dest_option(dest: _Dest, name: str) -> str:
    return _text(_lib().cupsGetOption(name.encode(), dest.num_options, dest.options))


def _queue(dest: _Dest) -> Queue:
    state = _dest_option(dest, "printer-state")
    reasons = tuple(r for r in _dest_option(dest, "printer-state-reasons").split(",") if r and r != "none")
    return Queue(
        name=_text(dest.name),
        info=_dest_option(dest, "printer-info"),
        make_and_model=_dest_option(dest, "printer-make-and-model"),
        state=QueueState(int(state)) if state.isdigit() and int(state) in (3, 4, 5) else None,
        reasons=reasons,
        accepting=_dest_option(dest, "printer-is-accepting-jobs") != "false",
    )


def queues() -> list[Queue]:
    """Every queue of the server (no network discovery: only queues an administrator set up)."""
    lib = _lib()
    with _connection() as http:
        dests = ctypes.POINTER(_Dest)()
        count = lib.cupsGetDests2(http, ctypes.byref(dests))
        try:
            return [_queue(dests[i]) for i in range(count) if not dests[i].instance]
        finally:
            lib.cupsFreeDests(count, dests)


def queue(name: str) -> Queue | None:
    lib = _lib()
    with _connection() as http:
        dest = lib.cupsGetNamedDest(http, name.encode(), None)
        if not dest:
            return None
        try:
            return _queue(dest.contents)
        finally:
            lib.cupsFreeDests(1, dest)


def queue_options(name: str) -> dict[str, str]:
    """Every option the server holds for the queue (what `lpoptions -p NAME` prints: the defaults an
    administrator set, its make and model, state and URIs), or {} when there is no such queue."""
    lib = _lib()
    with _connection() as http:
        dest = lib.cupsGetNamedDest(http, name.encode(), None)
        if not dest:
            return {}
        try:
            options = dest.contents.options
            return {_text(options[i].name): _text(options[i].value) for i in range(dest.contents.num_options)}
        finally:
            lib.cupsFreeDests(1, dest)


def media_by_size(name: str, width_mm: float, length_mm: float) -> Media | None:
    """The queue's media of this size (within 0.3 mm), in either orientation, or None."""
    lib = _lib()
    with _connection() as http:
        dest = lib.cupsGetNamedDest(http, name.encode(), None)
        if not dest:
            return None
        info = lib.cupsCopyDestInfo(http, dest)
        try:
            if not info:
                return None
            for w, h in ((width_mm, length_mm), (length_mm, width_mm)):
                size = _Size()
                found = lib.cupsGetDestMediaBySize(http, dest, info, round(w * 100), round(h * 100), 0,
                                                   ctypes.byref(size))
                # libcups answers with some media even for sizes far from any it has: check the size.
                if found and abs(size.width / 100 - w) <= MEDIA_TOLERANCE_MM >= abs(size.length / 100 - h):
                    return Media(_text(size.media), size.width / 100, size.length / 100)
            return None
        finally:
            if info:
                lib.cupsFreeDestInfo(info)
            lib.cupsFreeDests(1, dest)


def submit(name: str, path: str, title: str, options: dict[str, str]) -> int:
    """Print the file on the queue; the job id. CupsError if the server refused it."""
    lib = _lib()
    opts = ctypes.POINTER(_Option)()
    count = 0
    for key, value in options.items():
        count = lib.cupsAddOption(key.encode(), value.encode(), count, ctypes.byref(opts))
    try:
        with _connection() as http:
            job_id = lib.cupsPrintFile2(http, name.encode(), path.encode(), title.encode(), count, opts)
            if job_id <= 0:
                raise CupsError(_last_error())
            return job_id
    finally:
        lib.cupsFreeOptions(count, opts)


def _jobs(name: str) -> list[tuple[Job, str]]:
    """Every job of the queue (any state) with its title, copied out of libcups' list."""
    lib = _lib()
    with _connection() as http:
        jobs = ctypes.POINTER(_Job)()
        count = lib.cupsGetJobs2(http, ctypes.byref(jobs), name.encode(), 0, WHICHJOBS_ALL)
        if count < 0:
            raise CupsError(_last_error())
        try:
            return [(Job(j.id, JobState(j.state), int(j.processing_time), int(j.completed_time)), _text(j.title))
                    for j in (jobs[i] for i in range(count))]
        finally:
            lib.cupsFreeJobs(count, jobs)


def job(name: str, job_id: int) -> Job | None:
    """The job's state as the server reports it now, or None if the server no longer knows it."""
    return next((found for found, _title in _jobs(name) if found.id == job_id), None)


def cancel(name: str, job_id: int) -> None:
    """Ask the server to cancel the job (it may already have finished: then nothing changes)."""
    lib = _lib()
    with _connection() as http:
        status = lib.cupsCancelJob2(http, name.encode(), job_id, 0)
        if status > 0xFF:  # IPP status codes below 0x0100 are successes
            log.warning("CUPS did not cancel job %s on %s: %s", job_id, name, _last_error())


IPP_OP_GET_JOB_ATTRIBUTES = 0x0009
IPP_TAG_OPERATION, IPP_TAG_JOB = 0x01, 0x02
IPP_TAG_INTEGER, IPP_TAG_NAME, IPP_TAG_KEYWORD, IPP_TAG_URI = 0x21, 0x42, 0x44, 0x45


def ppd(name: str) -> bytes | None:
    """The queue's PPD as the server holds it; None for a queue without one (IPP Everywhere, raw)."""
    lib = _lib()
    with _connection() as http:
        path = lib.cupsGetPPD2(http, name.encode())
    if not path:
        return None
    try:
        with open(path, "rb") as source:
            return source.read()
    finally:
        os.unlink(path)  # libcups' temporary copy


def last_job(name: str, title_prefix: str) -> int | None:
    """The newest job of the queue whose title starts with `title_prefix` (any state), or None."""
    return max((found.id for found, title in _jobs(name) if title.startswith(title_prefix)), default=None)


def job_attributes(name: str, job_id: int) -> dict[str, str]:
    """Every job attribute the server reports for the job (IPP Get-Job-Attributes), as text."""
    lib = _lib()
    request = lib.ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
    lib.ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, b"printer-uri", None,
                     f"ipp://localhost/printers/{name}".encode())
    lib.ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, b"job-id", job_id)
    lib.ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, b"requesting-user-name", None, lib.cupsUser())
    lib.ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, b"requested-attributes", None, b"all")
    with _connection() as http:
        response = lib.cupsDoRequest(http, request, b"/")  # frees the request
    if not response:
        raise CupsError(_last_error())
    try:
        found, buffer = {}, ctypes.create_string_buffer(4096)
        attribute = lib.ippFirstAttribute(response)
        while attribute:
            key = _text(lib.ippGetName(attribute))
            if key and lib.ippGetGroupTag(attribute) == IPP_TAG_JOB:
                lib.ippAttributeString(attribute, buffer, len(buffer))
                found[key] = _text(buffer.value)
            attribute = lib.ippNextAttribute(response)
        return found
    finally:
        lib.ippDelete(response)
