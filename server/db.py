"""The server's database: PostgreSQL (pooled, one connection per request) or SQLite for one machine.

Both are reached through peewee. Endpoints run as plain `def` functions on the thread pool; each one
opens its connection in its own thread with `connection()` (peewee keeps connection state per
thread) and gives it back to the pool at the end of the request.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from peewee import Database, DatabaseProxy, PostgresqlDatabase, SqliteDatabase
from playhouse.pool import PooledPostgresqlDatabase

from desktop.domain.stored_values import sqlite_value

database = DatabaseProxy()

SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10000, "synchronous": 1}


CONNECT_TIMEOUT = 3  # seconds (libpq's connect_timeout; a `?connect_timeout=` in the URL wins)


def make_database(url: str) -> Database:
    """`postgresql://user:pw@host:port/name?host=/socket/dir` or `sqlite:///path/to/file.sqlite3`."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        params = {
            "user": unquote(parsed.username) if parsed.username else None,
            "password": unquote(parsed.password) if parsed.password else None,
            "host": query.pop("host", None) or parsed.hostname,
            "port": parsed.port or query.pop("port", None),
            **query,
        }
        params = {k: v for k, v in params.items() if v not in (None, "")}
        params.setdefault("connect_timeout", CONNECT_TIMEOUT)  # an unreachable server stops a start quickly
        return PooledPostgresqlDatabase(
            parsed.path.lstrip("/"), max_connections=32, stale_timeout=300, timeout=30, **params
        )
    if parsed.scheme == "sqlite":
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else parsed.path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, check_same_thread=False, timeout=10)
    raise ValueError(f"unsupported database URL scheme {parsed.scheme!r} (postgresql:// or sqlite:///)")


def is_postgres(db: Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, PostgresqlDatabase)


def write_transaction(db: Database | None = None):
    """A write transaction; on SQLite the write lock is taken at BEGIN, so reads inside are current."""
    db = db or database.obj
    return db.atomic("IMMEDIATE") if isinstance(db, SqliteDatabase) else db.atomic()


@contextlib.contextmanager
def connection() -> Iterator[Database]:
    """One connection for the current request (thread), returned to the pool afterwards."""
    db = database.obj
    opened = db.connect(reuse_if_open=True)
    try:
        yield db
    finally:
        if opened and not db.is_closed():
            db.close()


def upsert(model, values: dict, key: str) -> None:
    """INSERT ... ON CONFLICT (key) DO UPDATE, the same on both databases (no SQLite-only REPLACE)."""
    field_ = getattr(model, key)
    model.insert(**values).on_conflict(
        conflict_target=[field_], preserve=[getattr(model, name) for name in values if name != key]).execute()


def insert_rows(model, columns: Sequence[str], rows: list[tuple], conflict: str = "") -> None:
    """Many rows at once, the values passed as they are: for a batch of 500 several times faster than
    peewee's insert_many, which builds an expression for every value. On PostgreSQL the rows go by
    COPY (through a temporary table when there is a `conflict` clause to honour); on SQLite through
    one prepared statement. `columns` are column names; `conflict` an ON CONFLICT clause, the same
    text on both databases."""
    if not rows:
        return
    db = database.obj
    table = model._meta.table_name
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = db.cursor()
    if not is_postgres(db):
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks}) {conflict}',
                           [tuple(map(sqlite_value, row)) for row in rows])
        return
    text = io.StringIO("".join("\t".join(map(_copy_value, row)) + "\n" for row in rows))
    if not conflict:
        cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN', text)
        return
    staged = f"staged_{table}"  # this connection's own, emptied at every commit
    cursor.execute(f'CREATE TEMPORARY TABLE IF NOT EXISTS "{staged}" (LIKE "{table}" INCLUDING DEFAULTS) '
                   'ON COMMIT DELETE ROWS')  # defaults: a column the COPY does not name gets its own
    cursor.copy_expert(f'COPY "{staged}" ({names}) FROM STDIN', text)
    cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "{staged}" {conflict}')
    cursor.execute(f'TRUNCATE "{staged}"')


def _copy_value(value) -> str:
    """A value in COPY's text format: NULL as \\N; backslash, tab and line ends escaped."""
    if value is None:
        return "\\N"
    text = str(sqlite_value(value))  # dates and times in the same text as SQLite gets them
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text
