"""Start-up and housekeeping work: the audit chain check, its recorded failure, today's backup copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import Op, QueryOp

if TYPE_CHECKING:
    from desktop.composition import Services


def verify_audit(services: Services) -> QueryOp:
    """On a lane and connection of its own: a year of entries takes seconds."""
    from desktop.services.audit_verify import verify_file
    from desktop.store.files import DB_FILENAME

    path = services.data_dir / DB_FILENAME
    return QueryOp("audit", lambda: verify_file(path))


def check_database(services: Services) -> QueryOp:
    """Every page of the database read (PRAGMA quick_check), on a lane and connection of its own: the
    counter's look-ups on the database lane do not queue behind it (bench/bench_scan.py)."""
    from desktop.store.db import check_integrity_apart
    from desktop.store.files import DB_FILENAME

    path = services.data_dir / DB_FILENAME
    return QueryOp("integrity", lambda: check_integrity_apart(path))


def record_audit_failure(services: Services, problem) -> Op:
    from desktop.services.audit_verify import record_failure

    clock = services.clock
    return Op("audit.failure", "db", lambda: record_failure(clock, problem), ())


def daily_backup(services: Services) -> Op | None:
    """Today's copy of the database on its own lane and connection, when one is due."""
    from desktop.store.backup import daily_backup_due, keep_daily_backup

    data_dir, today = services.data_dir, services.clock.today()
    if not daily_backup_due(data_dir, today):
        return None
    return Op("backup", "backup", lambda: keep_daily_backup(data_dir, today), ())


def backup_reminder(services: Services) -> QueryOp:
    from desktop.services.backup_reminder import backup_reminder as reminder

    clock, data_dir = services.clock, services.data_dir
    return QueryOp("db", lambda: reminder(data_dir, clock.now_utc()))
