"""Copies of the station database: on request, before every migration, and once a day (last 7 kept).

For cards printed offline the station's database is the only record. Copies are made with SQLite's
online backup API from a read transaction, so they are consistent while the application keeps
writing; each is written under a temporary name, checked, made a single file (no WAL), synced and
only then renamed into place.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

from desktop import platform as system
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.store import durable
from desktop.store.errors import storage_error

log = logging.getLogger("ktp.backup")

BACKUP_DIRNAME = "backups"
DAILY_KEEP = 7
DAILY_NAME = "ktp-mandiri-{day}.sqlite3"
_DAILY = re.compile(r"^ktp-mandiri-\d{4}-\d{2}-\d{2}\.sqlite3$")


def copy_database(source: sqlite3.Connection, out: Path) -> int:
    """A consistent, checked copy of `source` at `out` (replacing it atomically); returns its size."""
    out = Path(out)
    part = out.with_name(out.name + ".part")
    try:
        durable.unlink(part)
        target = sqlite3.connect(part)
        try:
            source.backup(target)  # all pages in one step: one read snapshot of the source
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problem = target.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            target.close()
        if problem != "ok":
            raise UserFacingError(msg("Salinan database tidak lolos pemeriksaan ({problem}); salinan tidak "
                                      "disimpan.", problem=problem), code="backup_check")
        if not system.WINDOWS:
            part.chmod(0o600)
        durable.sync_file(part)
        durable.replace(part, out)  # retried while an antivirus scanner holds the new copy (Windows)
        durable.sync_folder(out.parent)
    except (OSError, sqlite3.Error) as exc:
        part.unlink(missing_ok=True)
        raise (storage_error(exc, out) or _not_written(out, exc)) from exc
    return out.stat().st_size


def _not_written(out: Path, exc: BaseException) -> UserFacingError:
    return UserFacingError(msg("Salinan database tidak dapat ditulis ke {path} ({exc}).", path=out, exc=exc),
                           code="backup_failed")


def backup_to(db_path: Path, out: Path) -> int:
    """`ktp-mandiri backup --out F`: a copy of the station's database file at `db_path`."""
    out = Path(out).expanduser()
    if out.resolve() in {Path(db_path).resolve(), Path(f"{db_path}-wal").resolve()}:
        raise UserFacingError(msg("Tujuan cadangan adalah database itu sendiri; pilih berkas lain."))
    if not out.parent.is_dir():
        raise UserFacingError(msg("Folder {folder} tidak ada; buat dulu atau pilih tujuan lain.", folder=out.parent))
    source = _connect(db_path)
    try:
        return copy_database(source, out)
    finally:
        source.close()


def daily_backup(data_dir: Path, db_path: Path, today: date) -> Path | None:
    """Today's copy in backups/, unless it exists; older daily copies beyond the last 7 are removed."""
    folder = Path(data_dir) / BACKUP_DIRNAME
    out = folder / DAILY_NAME.format(day=today.isoformat())
    if out.exists():
        return None
    folder.mkdir(mode=0o700, exist_ok=True)
    source = _connect(db_path)
    try:
        copy_database(source, out)
    finally:
        source.close()
    for old in sorted(p for p in folder.iterdir() if _DAILY.match(p.name))[:-DAILY_KEEP]:
        durable.unlink(old)
    log.info("daily backup written: %s", out.name)
    return out


def keep_daily_backup(data_dir: Path, today: date) -> Path | None:
    """The daily copy when it is due; a failure (a full disk) is logged and the station goes on."""
    from desktop.store.files import DB_FILENAME

    try:
        return daily_backup(data_dir, Path(data_dir) / DB_FILENAME, today)
    except (UserFacingError, OSError, sqlite3.Error) as exc:
        log.warning("daily backup not written: %s", exc)
        return None


def daily_backup_due(data_dir: Path, today: date) -> bool:
    return not (Path(data_dir) / BACKUP_DIRNAME / DAILY_NAME.format(day=today.isoformat())).exists()


def backup_if_migrating(db, db_path: Path) -> Path | None:
    """Before a migration changes a station's file, a copy of it as it was (kept, not rotated)."""
    from desktop.store.migrations import LATEST_VERSION, schema_version

    version = schema_version(db)
    if not 0 < version < LATEST_VERSION:
        return None  # a new file, an up-to-date one, or one from a newer version (refused later)
    return backup_before_migration(db.connection(), db_path, version)


def backup_before_migration(source: sqlite3.Connection, db_path: Path, version: int) -> Path:
    folder = Path(db_path).parent / BACKUP_DIRNAME
    out = folder / f"ktp-mandiri-before-v{version}-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise (storage_error(exc, out) or _not_written(out, exc)) from exc
    copy_database(source, out)
    log.info("copy before migrating from version %s: %s", version, out.name)
    return out


def _connect(db_path: Path) -> sqlite3.Connection:
    """Its own connection (the copy reads while the application's connection writes); never creates."""
    return sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=rw", uri=True, timeout=30)
