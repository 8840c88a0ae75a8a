"""The change log stations pull, and the gap-safe cursor (docs/sync-protocol.md).

On PostgreSQL each change row carries the id of the transaction that wrote it. Rows of transactions
below the snapshot's xmin are final (no transaction that can still commit has a smaller id), so the
pull returns only those, in (txid, id) order. On SQLite writers are serialised and txid is 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from server.db import database, is_postgres
from server.errors import invalid
from server.models import Change, utcnow

MAX_PAGE = 5000
DEFAULT_PAGE = 2000


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(data: object) -> str:
    return json.dumps(data, default=_json_default, separators=(",", ":"), ensure_ascii=False)


def record(kind: str, key: str, scopes: list[str] | tuple[str, ...], data: dict, op: str = "upsert") -> None:
    """Add a change for each scope (call inside the write's transaction)."""
    record_many([(kind, key, scope, op, data) for scope in scopes])


def record_many(rows: list[tuple[str, str, str, str, dict]]) -> None:
    """Insert (kind, key, scope, op, data) changes in bulk inside the caller's transaction."""
    if not rows:
        return
    db = database.obj
    now = utcnow()
    txid = db.execute_sql("SELECT pg_current_xact_id()::text::bigint").fetchone()[0] if is_postgres(db) else 0
    for start in range(0, len(rows), 1000):
        Change.insert_many(
            [{"txid": txid, "kind": kind, "key": key, "scope": scope, "op": op, "at": now, "data": dumps(data)}
             for kind, key, scope, op, data in rows[start:start + 1000]]
        ).execute()


@dataclass(frozen=True)
class Page:
    changes: list[dict]
    cursor: str
    more: bool


def parse_cursor(cursor: str | None) -> tuple[int, int]:
    if not cursor:
        return (-1, 0)
    try:
        txid, _, change_id = cursor.partition(".")
        value = (int(txid), int(change_id))
    except ValueError:
        raise invalid("Kursor sinkronisasi tidak sah.") from None
    if value[0] < -1 or value[1] < 0:
        raise invalid("Kursor sinkronisasi tidak sah.")
    return value


def horizon() -> int | None:
    """Every transaction below this id has finished: rows with a smaller txid are final.

    None on SQLite, where commit order is id order and every row visible is final.
    """
    db = database.obj
    if is_postgres(db):
        return db.execute_sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").fetchone()[0]
    return None


def pull(scopes: list[str], cursor: str | None, limit: int = DEFAULT_PAGE) -> Page:
    """The next page of changes in `scopes` after `cursor` (never one that may still be committing)."""
    after = parse_cursor(cursor)
    limit = max(1, min(limit, MAX_PAGE))
    db = database.obj
    # The horizon is read before the rows: rows below it were final already, so the later snapshot
    # of the second statement sees every one of them.
    top = horizon()
    param = "%s" if is_postgres(db) else "?"
    marks = ", ".join([param] * len(scopes))
    sql = (
        'SELECT "id", "txid", "kind", "key", "op", "at", "data" FROM "change_log" '
        f'WHERE "scope" IN ({marks}) AND "txid" < {param} '
        f'AND ("txid" > {param} OR ("txid" = {param} AND "id" > {param})) '
        f'ORDER BY "txid", "id" LIMIT {param}'
    )
    bound = top if top is not None else 1
    rows = db.execute_sql(sql, (*scopes, bound, after[0], after[0], after[1], limit)).fetchall()
    changes = [
        {"id": row[0], "kind": row[2], "key": row[3], "op": row[4],
         "at": row[5].isoformat() if isinstance(row[5], datetime) else str(row[5]), "data": json.loads(row[6])}
        for row in rows
    ]
    marks_seen = [after]
    if rows:
        marks_seen.append((rows[-1][1], rows[-1][0]))
    more = len(rows) == limit
    if not more and top is not None:
        # Everything below the horizon has been delivered: start at the horizon next time.
        marks_seen.append((top, 0))
    # A cursor never moves backwards (a station may come back with one from a busier moment).
    next_cursor = max(marks_seen)
    return Page(changes, f"{next_cursor[0]}.{next_cursor[1]}", more)
