"""Who owns a print job: a per-job OS lock in the data folder, held for exactly the print call.

The process that prints a job takes `jobs/<job id>.lock` before the job's row exists and keeps it until
the outcome is recorded; the kernel drops it if that process dies, however it dies. So a job whose
lock is held is being printed right now (never offered for settlement or released), and a job whose
lock is free was left behind. A heartbeat could not tell this: `Se` may block for minutes.

The lock file also says who holds it (process, machine, start time), for display only.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop import platform as system
from desktop.store import durable, oslock
from desktop.store.files import LOCK_DIRNAME

log = logging.getLogger("ktp.store")

_JOB_ID = re.compile(r"^[0-9a-f-]{8,64}$")


@dataclass(frozen=True)
class LockOwner:
    """The process that holds a job's lock, as it described itself when it took the lock."""

    pid: int | None
    host: str
    started_at: datetime | None  # UTC

    def to_dict(self) -> dict:
        return {"pid": self.pid, "host": self.host,
                "started_at": self.started_at.isoformat() if self.started_at else None}


class JobLockHeld(Exception):
    """The job's lock is held by a live process."""

    def __init__(self, owner: LockOwner) -> None:
        super().__init__(f"job lock held by pid {owner.pid} on {owner.host}")
        self.owner = owner


class JobLocks:
    """The lock files of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(data_dir) / LOCK_DIRNAME

    def path(self, job_id: str) -> Path:
        if not _JOB_ID.match(job_id):
            raise ValueError(f"not a job id: {job_id!r}")
        return self.folder / f"{job_id}.lock"

    @contextmanager
    def hold(self, job_id: str) -> Iterator[None]:
        """Own a new job for the duration of the block (call before its row is written)."""
        with self._locked(job_id) as fd:
            owner = LockOwner(os.getpid(), socket.gethostname(), datetime.now(UTC))
            os.ftruncate(fd, 0)
            oslock.write_at(fd, json.dumps(owner.to_dict()).encode("utf-8"), 0)
            yield

    @contextmanager
    def take_over(self, job_id: str) -> Iterator[None]:
        """Hold a left-behind job's lock while settling it; JobLockHeld if its owner still runs."""
        with self._locked(job_id):
            yield

    def owner(self, job_id: str) -> LockOwner | None:
        """Who holds the job's lock right now, or None when nobody does (the job was left behind)."""
        try:
            fd = os.open(self.path(job_id), os.O_RDWR)
        except FileNotFoundError:
            return None
        try:
            if oslock.lock(fd, blocking=False):
                oslock.unlock(fd)
                return None
            return _read_owner(fd)
        finally:
            os.close(fd)

    @contextmanager
    def _locked(self, job_id: str) -> Iterator[int]:
        path = self.path(job_id)
        self.folder.mkdir(exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        held = False
        try:
            if not oslock.lock(fd, blocking=False):
                raise JobLockHeld(_read_owner(fd))
            held = True
            try:
                yield fd
            finally:
                # Gone before the lock is: whoever opened the old file finds it free and then reads the
                # job's final state from the database. (Windows cannot delete an open file.)
                if not system.WINDOWS:
                    _remove(path)
                oslock.unlock(fd)
        finally:
            os.close(fd)
            if held and system.WINDOWS:
                _remove(path)


def _read_owner(fd: int) -> LockOwner:
    try:
        data = json.loads(oslock.read_at(fd, 4096, 0).decode("utf-8"))
        started = data.get("started_at")
        return LockOwner(data.get("pid"), str(data.get("host") or "?"),
                         datetime.fromisoformat(started) if started else None)
    except (OSError, ValueError, AttributeError):  # caught mid-write: still held, owner unknown
        return LockOwner(None, "?", None)


def _remove(path: Path) -> None:
    try:
        durable.unlink(path)  # retried while a scanner holds it (Windows)
    except OSError as exc:  # a stale file is harmless: its job is settled in the database
        log.warning("could not remove %s: %s", path.name, exc)
