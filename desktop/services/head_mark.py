"""The audit head a station last reached, kept beside its database: a rolled-back station knows it.

A backup put back (as the README's restore says), a write-ahead log cut by a power cut or a database
copied in from elsewhere silently undoes printed cards: their blanko are `in_stock` again and their
citizens printable again, and the chain of what is left still verifies. So after every print the
station writes its audit head ("seq:hash") to `ktp-mandiri.head` beside the database, and before every
print it compares: a database that does not hold the entry the file names (shorter, or another
chain), or a database that says it had such a file when the file is gone, stops printing with one
sentence until a supervisor has accepted the restore (`ktp-mandiri audit accept-restore`, audited).

The file catches accidents and a restore done by the book, not a determined user of the station's OS
account, who can rewrite the file as well (docs/audit-chain.md); the regency's copy of the chain and
the head printed on the signed daily report are the checks that person cannot reach.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.roles import Permission
from desktop.domain.text import Message, msg
from desktop.errors import UserFacingError
from desktop.services import audit, restore_count
from desktop.services.session import CurrentUser
from desktop.settings import HEAD_FILE_MADE
from desktop.store import durable
from desktop.store.files import HEAD_FILENAME
from desktop.store.models import AuditLog

log = logging.getLogger("ktp.audit")

FILENAME = HEAD_FILENAME


@dataclass(frozen=True)
class Mark:
    seq: int
    hash: str


@dataclass(frozen=True)
class Rollback:
    """What the database lacks against the head file (`marked` None: the file itself is missing)."""

    marked: Mark | None
    database_seq: int
    other_chain: bool = False

    def finding(self) -> Message:
        """What was found, in one sentence."""
        if self.marked is None:
            return msg("Berkas penanda {file} hilang dari folder data, padahal database ini pernah memilikinya: "
                       "database mungkin dipulihkan atau disalin.", file=FILENAME)
        if self.other_chain:
            return msg("Database stasiun bukan lanjutan dari catatan terakhirnya (entri audit #{seq} berbeda): "
                       "database mungkin disalin dari tempat lain.", seq=self.marked.seq)
        return msg("Database stasiun mundur: catatan terakhirnya sampai entri audit #{marked}, database hanya sampai "
                   "#{held} ({lost} entri hilang, misalnya kartu yang sudah dicetak).", marked=self.marked.seq,
                   held=self.database_seq, lost=self.marked.seq - self.database_seq)

    def sentence(self) -> Message:
        return msg("{finding} Pencetakan dihentikan sampai supervisor memeriksa dan menerima pemulihan "
                   "(ktp-mandiri audit accept-restore --user NAMA).", finding=self.finding())


class HeadMark:
    def __init__(self, data_dir: Path, db: SqliteDatabase, clock: Clock) -> None:
        self.path = Path(data_dir) / FILENAME
        self.db = db
        self.clock = clock
        # Two printers may finish at once: one writer at a time (they share the part file), and the
        # head read under the lock, so the file never goes back to an older head than one written.
        self._writing = threading.Lock()

    def read(self) -> Mark | None:
        try:
            seq, digest = self.path.read_text(encoding="ascii").strip().split(":", 1)
            return Mark(int(seq), digest)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, UnicodeDecodeError):
            return Mark(-1, "")  # unreadable: compared as another chain, never as "nothing to check"

    def rollback(self) -> Rollback | None:
        """What stands between this database and its head file; None when the database holds it."""
        head = audit.head()
        held = head.seq if head else 0
        marked = self.read()
        if marked is None:
            return Rollback(None, held) if HEAD_FILE_MADE.get() else None
        if marked.seq > held:
            return Rollback(marked, held)
        entry = AuditLog.get_or_none(AuditLog.seq == marked.seq) if marked.seq > 0 else None
        if marked.seq < 0 or (entry is not None and entry.hash != marked.hash):
            return Rollback(marked, held, other_chain=True)
        return None

    def require_current(self) -> None:
        """Before a print: refuse on a rolled-back database; make the file for a database that has none."""
        problem = self.rollback()
        if problem is not None:
            raise UserFacingError(problem.sentence(), code="rolled_back")
        restore_count.require_counted(self.db)  # an accepted restore: the blanko at hand counted first
        if not self.path.exists():
            self.write()

    def write(self) -> None:
        """The database's current head into the file (after the commit that made it); a failure is logged:
        the print is recorded, and the file only lags behind."""
        with self._writing:
            head = audit.head()
            try:
                durable.write_text(self.path, f"{head.seq}:{head.hash}\n" if head else "0:\n")
                if not HEAD_FILE_MADE.get():
                    with self.db.atomic("IMMEDIATE"):
                        HEAD_FILE_MADE.set(True)
            except OSError as exc:
                log.warning("the audit head file could not be written: %s", exc)

    def accept(self, user: CurrentUser) -> Rollback | None:
        """A supervisor looked: the database as it is becomes the station's record (audited)."""
        user.require(Permission.RESOLVE_PRINT)
        problem = self.rollback()
        if problem is None:
            return None
        with self.db.atomic("IMMEDIATE"):
            audit.record("audit.restore_accepted", user, at=self.clock.now_utc(),
                         marked_seq=problem.marked.seq if problem.marked else None,
                         marked_hash=problem.marked.hash if problem.marked else None,
                         database_seq=problem.database_seq, other_chain=problem.other_chain)
        self.write()
        return problem
