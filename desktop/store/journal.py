"""The side journal: where the outcome of a print goes when the database cannot take it.

A card came out (or was spoiled, or never left the feeder) but the database write failed: the disk is
full, the disk fails, another program holds the database too long. The outcome must not be lost, and
asking a supervisor later would be a guess. So each process start makes sure the journal exists at its
full, fixed size (written with zero bytes, so its blocks are allocated and later writes into it need no
new space on ext4/NTFS), and a failed outcome write is put into one of its slots with `fsync`. The next
start applies the slots to the database without a question and clears them.

Format: SLOTS slots of SLOT_SIZE bytes. A free slot starts with a zero byte; a used one holds
`KTPJ1 <crc32 of the JSON, 8 hex> <JSON>\\n` padded with zero bytes. A slot whose checksum does not
match (a write torn by a power cut) is ignored: its job stays unfinished for a supervisor to settle.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.store import durable, oslock

log = logging.getLogger("ktp.store")

SLOT_SIZE = 512
SLOTS = 128
SIZE = SLOT_SIZE * SLOTS
_MAGIC = b"KTPJ1 "
OUTCOMES = ("good", "spoiled", "nothing")


@dataclass(frozen=True)
class JournalEntry:
    """A print outcome waiting to be written to the database."""

    job_id: str
    outcome: str  # good / spoiled / nothing (the blanko is issued / written off / back in stock)
    user_id: str
    at: datetime  # UTC, when the outcome happened
    fault: str | None = None
    detail: str = ""
    slot: int = -1

    def encode(self) -> bytes:
        detail = self.detail
        while True:
            body = json.dumps(
                {"job": self.job_id, "outcome": self.outcome, "user": self.user_id, "at": self.at.isoformat(),
                 "fault": self.fault, "detail": detail},
                ensure_ascii=True, separators=(",", ":"),
            ).encode("ascii")
            record = _MAGIC + f"{zlib.crc32(body):08x} ".encode() + body + b"\n"
            if len(record) <= SLOT_SIZE or not detail:
                return record
            detail = detail[: len(detail) // 2]

    @classmethod
    def decode(cls, slot: int, raw: bytes) -> JournalEntry | None:
        end = raw.find(b"\n")
        if not raw.startswith(_MAGIC) or end < 0:
            return None
        crc, _, body = raw[len(_MAGIC):end].partition(b" ")
        try:
            if int(crc, 16) != zlib.crc32(body):
                return None
            data = json.loads(body)
            if data["outcome"] not in OUTCOMES:
                return None
            return cls(data["job"], data["outcome"], data["user"], datetime.fromisoformat(data["at"]),
                       data.get("fault"), data.get("detail") or "", slot)
        except (ValueError, KeyError, TypeError):
            return None


class OutcomeJournal:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def prepare(self) -> None:
        """Make sure the journal exists at its full size, its blocks written; OSError on a full disk."""
        try:
            if self.path.stat().st_size >= SIZE:
                return
        except FileNotFoundError:
            pass
        os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
        with self._open() as fd:
            size = os.fstat(fd).st_size
            if size < SIZE:  # never shrunk: slots past the end of an older, smaller file stay
                oslock.write_at(fd, bytes(SIZE - size), size)
                os.fsync(fd)
        durable.sync_folder(self.path.parent)

    @property
    def ready(self) -> bool:
        try:
            return self.path.stat().st_size >= SIZE
        except OSError:
            return False

    def append(self, entry: JournalEntry) -> None:
        """Write the entry into a free slot and fsync; OSError if it cannot be kept."""
        record = entry.encode()
        with self._open() as fd:
            for slot in range(SLOTS):
                raw = oslock.read_at(fd, SLOT_SIZE, slot * SLOT_SIZE)
                if not raw[:1].strip(b"\0") or JournalEntry.decode(slot, raw) is None:
                    oslock.write_at(fd, record.ljust(SLOT_SIZE, b"\0"), slot * SLOT_SIZE)
                    os.fsync(fd)
                    log.warning("outcome of job %s kept in the side journal (slot %d)", entry.job_id, slot)
                    return
        raise OSError(errno.ENOSPC, "the side journal is full")

    def entries(self) -> list[JournalEntry]:
        """The outcomes waiting to be applied, oldest slot first."""
        if not self.path.exists():
            return []
        with self._open() as fd:
            data = oslock.read_at(fd, SIZE, 0)
        found = []
        for slot in range(len(data) // SLOT_SIZE):
            raw = data[slot * SLOT_SIZE:(slot + 1) * SLOT_SIZE]
            if not raw[:1].strip(b"\0"):
                continue
            entry = JournalEntry.decode(slot, raw)
            if entry is None:
                log.warning("side journal slot %d is unreadable (a torn write); ignored", slot)
            else:
                found.append(entry)
        return found

    def clear(self, entry: JournalEntry) -> None:
        """Free the entry's slot once the database holds its outcome."""
        with self._open() as fd:
            if JournalEntry.decode(entry.slot, oslock.read_at(fd, SLOT_SIZE, entry.slot * SLOT_SIZE)) == entry:
                oslock.write_at(fd, bytes(SLOT_SIZE), entry.slot * SLOT_SIZE)
                os.fsync(fd)

    @contextmanager
    def _open(self) -> Iterator[int]:
        """The journal opened and locked against the other processes of this data folder."""
        fd = os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            oslock.lock(fd, blocking=True)
            try:
                yield fd
            finally:
                oslock.unlock(fd)
        finally:
            os.close(fd)
