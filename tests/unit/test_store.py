"""The station database: migrations, pragmas, and clear errors that never destroy a file."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.errors import UserFacingError
from desktop.store.db import open_database
from desktop.store.files import DB_FILENAME
from desktop.store.migrations import LATEST_VERSION
from desktop.store.models import Resident
from tests.helpers.fixtures import add_resident


def test_new_database_is_migrated_with_wal_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / DB_FILENAME)
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"resident", "user", "blanko", "print_job", "issued_card", "audit_log", "outbox"} <= tables
    db.close()


def test_reopening_keeps_rows_and_does_not_migrate_again(tmp_path):
    db = open_database(tmp_path / DB_FILENAME)
    nik = add_resident()
    db.close()
    db = open_database(tmp_path / DB_FILENAME)
    assert Resident.get(Resident.nik == nik).name == "SITI RAHMAWATI"
    db.close()


def test_corrupt_file_gets_one_sentence_and_is_left_untouched(tmp_path):
    path = tmp_path / DB_FILENAME
    garbage = b"this is not a database at all" * 100
    path.write_bytes(garbage)
    with pytest.raises(UserFacingError, match="rusak"):
        open_database(path)
    assert path.read_bytes() == garbage


def test_damaged_sqlite_pages_are_reported_not_overwritten(tmp_path):
    path = tmp_path / DB_FILENAME
    db = open_database(path)
    add_resident()
    db.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # wipe the second page
    path.write_bytes(bytes(data))
    with pytest.raises(UserFacingError, match="rusak"):
        open_database(path)
    assert path.read_bytes() == bytes(data)


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(UserFacingError, match="lebih baru"):
        open_database(path)


def test_version_1_database_is_upgraded_in_place(tmp_path):
    from peewee import SqliteDatabase

    from desktop.store.migrations import MIGRATIONS

    path = tmp_path / DB_FILENAME
    old = SqliteDatabase(str(path))
    MIGRATIONS[0](old)
    old.execute_sql("PRAGMA user_version = 1")
    old.execute_sql(
        "INSERT INTO setting (key, value) VALUES ('station_id', 'kept')"
    )
    old.close()
    db = open_database(path)
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    indexes = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"issued_card_kecamatan_day", "issued_card_nik_day", "print_job_nik"} <= indexes
    assert db.execute_sql("SELECT value FROM setting").fetchone()[0] == "kept"
    db.close()


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(UserFacingError, match="database lain"):
        open_database(path)
    assert path.read_bytes() == before


def test_the_approvals_migration_finds_the_reprint_column_the_claims_migration_added(tmp_path):
    """Issue 17's claims migration adds print_job.reprint_approval too: whichever runs second goes on."""
    from peewee import SqliteDatabase

    from desktop.store.migrations import MIGRATIONS

    path = tmp_path / DB_FILENAME
    old = SqliteDatabase(str(path))
    approvals = next(i for i, m in enumerate(MIGRATIONS) if m.__name__.endswith("_approvals"))
    for migration in MIGRATIONS[:approvals]:
        migration(old)
    old.execute_sql('ALTER TABLE "print_job" ADD COLUMN "reprint_approval" VARCHAR(255)')  # as the claims' does
    old.execute_sql(f"PRAGMA user_version = {approvals}")
    old.close()
    db = open_database(path)
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    columns = [row[1] for row in db.execute_sql('PRAGMA table_info("print_job")')]
    assert columns.count("reprint_approval") == 1
    tables = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "approval" in tables
    db.close()


def test_the_page_check_on_its_own_connection_finds_damage_and_leaves_the_file(tmp_path):
    from desktop.store.db import check_integrity_apart

    path = tmp_path / DB_FILENAME
    db = open_database(path)
    for serial in range(1, 400):
        add_resident(serial=serial)
    db.close()
    check_integrity_apart(path)  # a sound file: nothing to say
    data = bytearray(path.read_bytes())
    data[-8192:-4096] = b"\xa5" * 4096  # a page of the residents overwritten, as a bad sector leaves it
    path.write_bytes(bytes(data))
    with pytest.raises(UserFacingError, match="rusak"):
        check_integrity_apart(path)
    assert path.read_bytes() == bytes(data)


def test_the_page_check_reads_beside_the_applications_open_write(tmp_path):
    """The counter's connection (the database lane) may be writing: the check reads its own snapshot."""
    from desktop.store.db import check_integrity_apart

    path = tmp_path / DB_FILENAME
    db = open_database(path)
    with db.atomic():
        add_resident()
        check_integrity_apart(path)
    db.close()
