"""For cards printed offline the station's database is the only record, and its daily copies sit on the
same disk: a supervisor is reminded when no copy has been taken with `ktp-mandiri backup --out` (to
a flash disk, another PC) for over 7 days. A station set up less than 7 days ago is not reminded yet.
Whether the copy really left the PC cannot be seen from here; the README asks for it. The time is kept
in a small file beside the database, not in it: a copy is taken while the application writes, and
waiting for the database's write lock must never make it fail."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from peewee import fn

from desktop.domain.text import Message, msg
from desktop.store import durable
from desktop.store.files import BACKUP_TAKEN_FILENAME
from desktop.store.models import AuditLog

log = logging.getLogger("ktp.backup")

REMIND_AFTER = timedelta(days=7)


def note_backup_taken(data_dir: Path, at: datetime) -> None:
    """`backup --out` copied the database at `at` (naive UTC); a failure to note it is only logged."""
    try:
        durable.write_text(Path(data_dir) / BACKUP_TAKEN_FILENAME, at.isoformat() + "\n")
    except OSError as exc:
        log.warning("the time of the copy could not be noted: %s", exc)


def backup_taken(data_dir: Path) -> datetime | None:
    try:
        return datetime.fromisoformat((Path(data_dir) / BACKUP_TAKEN_FILENAME).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def backup_reminder(data_dir: Path, now: datetime) -> Message | None:
    """The sentence for a supervisor, or None (`now`: naive UTC)."""
    taken = backup_taken(data_dir)
    if taken is not None:
        if now - taken <= REMIND_AFTER:
            return None
        return msg("Salinan database terakhir dengan 'ktp-mandiri backup --out' dibuat {days} hari lalu. Buat salinan "
                   "ke flashdisk atau komputer lain sekarang: untuk kartu yang dicetak tanpa jaringan, database "
                   "stasiun ini satu-satunya catatan.", days=(now - taken).days)
    first = AuditLog.select(fn.MIN(AuditLog.at)).scalar()
    started = datetime.fromisoformat(str(first)) if first else None
    if started is None or now - started <= REMIND_AFTER:
        return None
    return msg("Belum pernah ada salinan database dengan 'ktp-mandiri backup --out'. Buat salinan ke flashdisk atau "
               "komputer lain sekarang: untuk kartu yang dicetak tanpa jaringan, database stasiun ini satu-satunya "
               "catatan.")
