"""Opening the station database: file checks, pragmas, migrations, and errors an operator can act on."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from peewee import CharField, DatabaseError, Field, OperationalError, SqliteDatabase, TextField

from desktop.domain.stored_values import sqlite_value
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.paths import no_station
from desktop.store.backup import backup_if_migrating
from desktop.store.errors import damaged, not_writable, storage_error, unreadable
from desktop.store.migrations import LATEST_VERSION, migrate
from desktop.store.models import database

log = logging.getLogger("ktp.store")

QUICK_CHECK_MAX_BYTES = 128 * 1024 * 1024

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    # FULL: every commit's write-ahead log is synced before the commit returns, so a card is on disk
    # before "Tercetak" is shown; NORMAL let a power cut take back the last cards already handed over
    # (tests/unit/test_durability.py; the cost per commit is in bench/bench_durability.py).
    "synchronous": 2,
    "cache_size": -16000,
}


def open_database(path: Path | str, *, integrity_check: bool = True, create: bool = True) -> SqliteDatabase:
    """Open (creating it only when `create`) and migrate the database; bind the models to it.

    Raises UserFacingError for a missing or empty file (unless `create`), a folder in its place, a file
    this user may not read or write, a full disk, a corrupt file or a file from a newer version; the
    existing file is never overwritten or deleted.
    """
    is_memory = str(path) == ":memory:"
    if not is_memory:
        path = Path(path)
        _check_file(path, create)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        db.connect(reuse_if_open=True)
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        # quick_check reads every page: cheap for a kecamatan's file, seconds for a regency-sized one
        # (bench/), where it is left to maintenance rather than delaying every start.
        if integrity_check and not is_memory and path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            quick_check(db)
        if not is_memory:
            backup_if_migrating(db, path)
        before = migrate(db)
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        db.close()
        raise (storage_error(exc, path) or damaged(path, exc)) from exc
    except UserFacingError:  # no copy before the migration (a full disk): the file is left as it was
        db.close()
        raise
    if before > LATEST_VERSION:
        db.close()
        raise UserFacingError(
            msg("Database di {path} dibuat oleh versi KTP-el Mandiri yang lebih baru. Perbarui aplikasi ini"
                " sebelum membukanya.", path=path)
        )
    if before != LATEST_VERSION:
        log.info("database migrated from version %s to %s", before, LATEST_VERSION)
    database.initialize(db)
    return db


def _check_file(path: Path, create: bool) -> None:
    """Refuse, untouched, what is not this station's database before SQLite opens (or makes) it."""
    if path.is_dir():
        raise UserFacingError(
            msg("{path} adalah folder, bukan berkas database. Pindahkan folder itu atau pilih folder data lain "
                "dengan --data-dir.", path=path),
            code="storage_directory",
        )
    try:
        size = path.stat().st_size if path.exists() else None
        if not create and not size:
            raise no_station(path.parent)
        if size and not _looks_like_sqlite(path):
            raise UserFacingError(
                msg("Berkas database {path} rusak atau bukan database KTP-el Mandiri. Berkas tidak diubah; "
                    "hubungi petugas TI kabupaten untuk memulihkannya dari cadangan.", path=path)
            )
        if size and not os.access(path, os.R_OK):
            raise unreadable(path)
        if size and not os.access(path, os.W_OK):
            raise not_writable(path)
    except PermissionError as exc:
        raise unreadable(path) from exc
    if size and _is_foreign(path):
        raise UserFacingError(
            msg("Berkas {path} adalah database lain, bukan database KTP-el Mandiri. Berkas tidak "
                "diubah; pilih folder data lain dengan --data-dir.", path=path)
        )


def quick_check(db: SqliteDatabase) -> None:
    """Read every page; raises DatabaseError naming the first problem."""
    result = db.execute_sql("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise DatabaseError(result)


def check_integrity(db: SqliteDatabase, path: Path) -> None:
    """The full check, as a UserFacingError; the GUI runs it right after the log-in page is up."""
    try:
        quick_check(db)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise (storage_error(exc, path) or damaged(path, exc)) from exc


def check_integrity_apart(path: Path) -> None:
    """`check_integrity` on a read-only connection of its own: on a regency-sized database quick_check
    reads for most of a minute, and the application's connection (the database lane) stays free for the
    counter meanwhile (WAL: readers do not wait for each other)."""
    db = SqliteDatabase(str(path), pragmas={"query_only": 1, "busy_timeout": 5000})
    try:
        check_integrity(db, path)
    finally:
        db.close()


def _is_foreign(path: Path) -> bool:
    """Tables but no schema version of ours: another program's database (read-only look, no pragmas)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False  # damaged: the full open below reports it
    return version == 0 and tables > 0


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def insert_rows(db: SqliteDatabase, model, rows: list[dict], conflict: str = "") -> None:
    """Rows of one model through one prepared statement: for pages of thousands of rows several
    times faster than peewee's insert_many, which builds an expression for every value. Each value
    goes through its field's `db_value` as peewee would; `conflict` is an ON CONFLICT clause."""
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    db.cursor().executemany(
        f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks}) {conflict}',
        zip(*(_column(f, [row[f.name] for row in rows]) for f in fields), strict=True))


def _column(field, values: list) -> list:
    """One column's values as stored. A text column's str values and None are what `db_value` would
    give back unchanged, so only the others go through it (a first pull writes a million values)."""
    if (isinstance(field, (CharField, TextField)) and type(field).db_value is Field.db_value
            and type(field).adapt is CharField.adapt):
        return [v if v is None or type(v) is str else sqlite_value(field.db_value(v)) for v in values]
    return [sqlite_value(field.db_value(v)) for v in values]
