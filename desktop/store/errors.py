"""Storage failures told as what they are: a full disk, a file this user may not write or read, a disk
that fails, a database another program keeps locked, a damaged file.

"Damaged, restore from backup" is only ever said for a damaged file: said for a full disk it would
have an office throw away the day's records. A disk with no byte left is full whatever SQLite calls it:
growing the WAL index (`-shm`) there fails as SQLITE_IOERR_SHMSIZE, "disk I/O error".

SQLite's own words ("disk I/O error", "database disk image is malformed") are English and tell the
operator nothing to do: they go to the log, never into the sentence.
"""

from __future__ import annotations

import errno
import logging
import math
import shutil
import sqlite3
from pathlib import Path

from peewee import DatabaseError

from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.store")

# What a database write or a data-folder file may raise when the storage under it fails.
STORAGE_ERRORS = (DatabaseError, sqlite3.Error, OSError)

MIN_FREE_BYTES = 100_000_000  # room for the write-ahead log, a day's growth, logs and a backup copy
# Below this, an I/O error is the disk being full: SQLite grows its files by a page or a 32 KiB WAL-index
# chunk at a time, and a failing write there has no room rather than a bad sector.
NEARLY_FULL_BYTES = 1_000_000

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def sqlite_error_name(exc: BaseException) -> str | None:
    """SQLite's own code (`SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`, ...) behind a peewee or sqlite3 error."""
    cause = _sqlite_cause(exc)
    return cause.sqlite_errorname if cause is not None else None


def _sqlite_cause(exc: BaseException) -> BaseException | None:
    """The sqlite3 error that says what happened, in the chain of `exc`.

    A failed commit is followed by a failed rollback ("no transaction is active", plain SQLITE_ERROR):
    the first specific code in the chain is the one that counts.
    """
    seen: set[int] = set()
    found = []
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlite_errorname", None):
            found.append(current)
        current = current.__cause__ or current.__context__
    return next((e for e in found if e.sqlite_errorname != "SQLITE_ERROR"), found[0] if found else None)


def storage_error(exc: BaseException, db_path: Path | str) -> UserFacingError | None:
    """The one sentence for a storage failure, or None when `exc` is not one (a bug, a logic error)."""
    if isinstance(exc, UserFacingError):
        return exc
    path = Path(db_path)
    cause = _sqlite_cause(exc)
    name = cause.sqlite_errorname if cause is not None else ""
    os_errno = exc.errno if isinstance(exc, OSError) else None
    log.warning("storage fault at %s: %s (%s)", path, cause or exc, name or os_errno)
    io_error = name.startswith("SQLITE_IOERR") or os_errno == errno.EIO
    if name == "SQLITE_FULL" or os_errno in _FULL_ERRNOS or (io_error and _nearly_full(path.parent)):
        return disk_full(path.parent)
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or os_errno in _DENIED_ERRNOS:
        return not_writable(path)
    if name.startswith("SQLITE_CANTOPEN"):
        return unreadable(path)
    if io_error:
        return UserFacingError(
            msg("Disk gagal membaca atau menulis data di {folder}. Periksa disk itu; data yang sudah tersimpan "
                "tidak diubah.", folder=path.parent),
            code="storage_io",
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return UserFacingError(
            msg("Database di {path} sedang dikunci program lain terlalu lama. Coba lagi sebentar lagi; bila "
                "berulang, tutup program lain yang membuka folder data ini.", path=path),
            code="storage_busy",
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return damaged(path, cause)
    return None


def storage_problem(exc: BaseException) -> UserFacingError | None:
    """`storage_error` for the station's open database (a command's or a GUI task's failure), or None.

    An OSError about a file outside the data folder (an output path the user chose) is left to the
    code that wrote it.
    """
    from desktop.store.models import database

    if not isinstance(exc, STORAGE_ERRORS) or isinstance(exc, UserFacingError) or database.obj is None:
        return None
    db_path = Path(database.obj.database)
    filename = exc.filename if isinstance(exc, OSError) else None
    if filename and db_path.parent.resolve() not in Path(filename).resolve().parents:
        return None
    return storage_error(exc, db_path)


def disk_full(folder: Path) -> UserFacingError:
    need = free_space_needed(folder)
    free = _free_bytes(folder) or 0
    return UserFacingError(
        msg("Disk penuh: data di {folder} tidak dapat disimpan (sisa {free}). Sediakan sedikitnya {need} ruang "
            "kosong di disk itu (hapus berkas lain, bukan isi folder data), lalu coba lagi; data yang sudah "
            "tersimpan aman.", folder=folder, free=megabytes(free), need=megabytes(need)),
        code="disk_full",
    )


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _nearly_full(folder: Path) -> bool:
    free = _free_bytes(folder)
    return free is not None and free < NEARLY_FULL_BYTES


def free_space_needed(folder: Path) -> int:
    """Free space to ask for: at least MIN_FREE_BYTES, and twice the database (a backup copy and growth)."""
    size = sum(_size(p) for p in folder.glob("ktp-mandiri.sqlite3*"))
    return max(MIN_FREE_BYTES, 2 * size)


def megabytes(size: int) -> str:
    return f"{math.ceil(size / 1_000_000)} MB"


def not_writable(path: Path) -> UserFacingError:
    return UserFacingError(
        msg("Database di {path} tidak dapat ditulis. Pastikan folder data dapat ditulis oleh pengguna ini, "
            "atau pilih folder lain dengan --data-dir.", path=path),
        code="storage_read_only",
    )


def unreadable(path: Path) -> UserFacingError:
    return UserFacingError(
        msg("Database di {path} tidak dapat dibuka oleh pengguna ini. Jalankan KTP-el Mandiri dengan akun "
            "pemilik folder data, perbaiki izinnya, atau pilih folder lain dengan --data-dir.", path=path),
        code="storage_unreadable",
    )


def damaged(path: Path | str, exc: BaseException) -> UserFacingError:
    log.error("database %s is damaged: %s", path, exc)
    return UserFacingError(
        msg("Database di {path} rusak. Berkas tidak diubah; hubungi petugas TI kabupaten untuk memulihkannya dari "
            "cadangan.", path=path),
        code="storage_damaged",
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
