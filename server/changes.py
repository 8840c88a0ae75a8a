"""The change log stations pull, and the gap-safe cursor (docs/sync-protocol.md).

On PostgreSQL each change row carries the id of the transaction that wrote it. Rows of transactions
below the snapshot's xmin are final (no transaction that can still commit has a smaller id), so the
pull returns only those, in (txid, id) order. On SQLite writers are serialised and txid is 0.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from server.db import database, insert_rows, is_postgres
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
    # One COPY on PostgreSQL (a push of 500 cards adds 500 `card` changes), one prepared statement on SQLite.
    insert_rows(Change, ("txid", "kind", "key", "scope", "op", "at", "data"),
                [(txid, kind, key, scope, op, now, dumps(data)) for kind, key, scope, op, data in rows])


# The columns of a compact page's `cards` (docs/sync-protocol.md, "Compact pages"): a card change's data
# as card_view makes it, one list a field, plus `change`, the change ids.
CARD_COLUMNS = ("id", "nik", "kecamatan_code", "day", "station", "station_name", "blanko", "reason", "issued_at",
                "spoiled", "reprint_approval")


@dataclass(frozen=True)
class Page:
    changes: list[dict]
    cursor: str
    more: bool
    cards: dict[str, list] | None = None  # a compact page's card changes, by column (None: none, or objects)


def scope_tag(served: list[str]) -> str:
    """Names the set of kecamatan a cursor was made for (docs/sync-protocol.md, "A changed scope")."""
    return hashlib.sha256(",".join(sorted(served)).encode()).hexdigest()[:8]


_CURSOR = re.compile(r"(-1|0|[1-9][0-9]{0,18})\.(0|[1-9][0-9]{0,18})(?:\.([0-9a-f]{8}))?")


def parse_cursor(cursor: str | None) -> tuple[int, int, str | None]:
    """(txid, id, scope tag) of a cursor as the server makes them; the tag is None in a cursor made
    before scopes had one. 422 for anything else, and for one beyond what this server has issued (it
    would put the station past every future change)."""
    if not cursor:
        return (-1, 0, None)
    found = _CURSOR.fullmatch(cursor)
    if found is None:
        raise invalid("Kursor sinkronisasi tidak sah.")
    txid, change_id = int(found[1]), int(found[2])
    top_txid, top_id = _issued()
    if txid > top_txid or change_id > top_id:
        raise invalid("Kursor sinkronisasi tidak sah: lebih jauh dari yang pernah diberikan server ini.")
    return txid, change_id, found[3]


def _issued() -> tuple[int, int]:
    """The largest txid and id a cursor of this server can hold: a row's (txid, id), or on PostgreSQL
    (horizon, 0) with the horizon below the next transaction id."""
    db = database.obj
    top_txid, top_id = db.execute_sql('SELECT MAX("txid"), MAX("id") FROM "change_log"').fetchone()
    if is_postgres(db):
        xmax = db.execute_sql("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint").fetchone()[0]
        return max(top_txid or 0, xmax), top_id or 0
    return max(top_txid or 0, 0), top_id or 0


def horizon() -> int | None:
    """Every transaction below this id has finished: rows with a smaller txid are final.

    None on SQLite, where commit order is id order and every row visible is final.
    """
    db = database.obj
    if is_postgres(db):
        return db.execute_sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").fetchone()[0]
    return None


def pull(scopes: list[str], cursor: str | None, limit: int = DEFAULT_PAGE, *, scope_tag: str = "",
         compact: bool = False) -> Page:
    """The next page of changes in `scopes` after `cursor` (never one that may still be committing).

    A cursor made for another set of kecamatan (its tag differs from `scope_tag`) starts again from
    the beginning: a newly served kecamatan's earlier changes are behind it. `compact`: the page's
    `card` changes come as columns in `Page.cards`, the others as objects.
    """
    txid, change_id, tag = parse_cursor(cursor)
    after = (txid, change_id) if tag in (None, scope_tag) else (-1, 0)
    limit = max(1, min(limit, MAX_PAGE))
    db = database.obj
    # The horizon is read before the rows: rows below it were final already, so the later snapshot
    # of the second statement sees every one of them.
    top = horizon()
    param = "%s" if is_postgres(db) else "?"
    marks = ", ".join([param] * len(scopes))
    # Keyset paging on the (txid, id) index: the row value comparison is the index's own order, so a
    # page deep into a large transaction (a first pull of 250,000 cards) starts where the last ended
    # instead of filtering every row before it.
    sql = (
        'SELECT "id", "txid", "kind", "key", "op", "at", "data" FROM "change_log" '
        f'WHERE "scope" IN ({marks}) AND "txid" < {param} AND ("txid", "id") > ({param}, {param}) '
        f'ORDER BY "txid", "id" LIMIT {param}'
    )
    bound = top if top is not None else 1
    rows = db.execute_sql(sql, (*scopes, bound, after[0], after[1], limit)).fetchall()
    cards = None
    if compact:
        card_rows = [row for row in rows if row[2] == "card"]
        rows_left = [row for row in rows if row[2] != "card"]
        cards = _card_columns(card_rows) if card_rows else None
    else:
        rows_left = rows
    changes = [
        {"id": row[0], "kind": row[2], "key": row[3], "op": row[4],
         "at": row[5].isoformat() if isinstance(row[5], datetime) else str(row[5]), "data": json.loads(row[6])}
        for row in rows_left
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
    return Page(changes, f"{next_cursor[0]}.{next_cursor[1]}" + (f".{scope_tag}" if scope_tag else ""), more, cards)


def _card_columns(rows: list[tuple]) -> dict[str, list]:
    """`card` change rows as columns: `change` (the change ids) and one list per CARD_COLUMNS field."""
    loaded = [json.loads(row[6]) for row in rows]
    columns: dict[str, list] = {"change": [row[0] for row in rows]}
    for name in CARD_COLUMNS:
        columns[name] = [data.get(name) for data in loaded]
    return columns
