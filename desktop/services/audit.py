"""The audit trail: a hash chain of entries, each appended in the same transaction as its action.

`record()` appends one entry (desktop/domain/audit_chain.py has its canonical form; docs/audit-chain.md
explains it for the regency server). It must run inside `db.atomic("IMMEDIATE")`, or opens one itself:
reading the head and writing the next entry under the write lock is what keeps two processes from
forking the chain. Entries that change user roles, quotas or blanko states carry `effects`;
`desktop/services/audit_verify.py` checks the chain and that the tables hold what the effects say.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from peewee import Database

from desktop.domain.audit_chain import (
    GENESIS,
    ORIGIN_SERVER,
    ORIGIN_STATION,
    ChainEntry,
    canonical_json,
    plain,
)
from desktop.services import clock_guard, row_claims
from desktop.services.session import CurrentUser
from desktop.settings import AUDIT_HEAD
from desktop.store.models import AuditLog, Outbox


class ChainNotLocked(RuntimeError):
    """A program error: an entry appended outside BEGIN IMMEDIATE could fork the chain."""


_claimed = threading.local()  # rows written in this thread's transaction, claimed by its next entry


def claim(table: str, key: str) -> None:
    """A covered row (desktop/services/row_claims.py) was written in this transaction: the next entry
    recorded holds its digest. Call after the write, before the entry."""
    pending = getattr(_claimed, "rows", None)
    if pending is None:
        pending = _claimed.rows = {}
    pending[(table, key)] = None


def _claimed_rows(db: Database) -> list[dict]:
    """The pending rows as they stand now (a row of a rolled-back transaction reads as it really is)."""
    pending = getattr(_claimed, "rows", None)
    if not pending:
        return []
    _claimed.rows = {}
    by_table: dict[str, list] = {}
    for table, key in pending:
        if table != "login_throttle":
            by_table.setdefault(table, []).append(key)
    current = {table: iter(row_claims.current_effects(db, table, keys)) for table, keys in by_table.items()}
    return [row_claims.lock_effect(db, key) if table == "login_throttle" else next(current[table])
            for table, key in pending]


def record(
    action: str, user: CurrentUser | None, *, at: datetime, effects: Iterable[dict] = (),
    origin: str = ORIGIN_STATION, server_change_id: str | None = None, **details: object,
) -> ChainEntry:
    """Append one entry; `at` is the service clock's naive UTC time (the clock check compares it).

    An entry applied from the regency server has origin="server" and the server's change id.
    """
    db = AuditLog._meta.database
    if not db.in_transaction():
        with db.atomic("IMMEDIATE"):
            return record(action, user, at=at, effects=effects, origin=origin, server_change_id=server_change_id,
                          **details)
    if not _immediate(db):
        raise ChainNotLocked(f"audit entry {action!r} appended outside BEGIN IMMEDIATE")
    if origin not in (ORIGIN_STATION, ORIGIN_SERVER) or (origin == ORIGIN_SERVER) != bool(server_change_id):
        raise ValueError("an entry from the server carries its change id, and only such an entry does")
    last = AuditLog.select(AuditLog.seq, AuditLog.hash).order_by(AuditLog.seq.desc()).first()
    entry = ChainEntry(
        seq=(last.seq if last else 0) + 1, prev_hash=last.hash if last else GENESIS, at=at, origin=origin,
        server_change_id=server_change_id, user_id=user.id if user else None,
        username=user.username if user else None, action=action, details=plain(details),
        effects=plain(list(effects) + _claimed_rows(db)),
    )
    digest = entry.hash()
    clock_guard.note_event(at, action)  # before the insert: compared with the events before this one
    row = AuditLog.create(
        seq=entry.seq, prev_hash=entry.prev_hash, hash=digest, at=at, origin=origin,
        server_change_id=server_change_id, user=entry.user_id, username=entry.username, action=action,
        details=canonical_json(entry.details), effects=canonical_json(entry.effects),
    )
    AUDIT_HEAD.set((entry.seq, digest))
    row_claims.index_entry(db, entry.seq, entry.effects)
    enqueue("audit_log", row.id, "insert", entry.to_dict())
    return entry


def _immediate(db: Database) -> bool:
    """True inside a transaction begun with BEGIN IMMEDIATE (or EXCLUSIVE)."""
    outermost = db._state.transactions[0]
    args, kwargs = getattr(outermost, "_begin_args", ((), {}))
    lock = kwargs.get("lock_type") or (args[0] if args else None) or getattr(db, "_lock_type", None)
    return str(lock or "").upper() in ("IMMEDIATE", "EXCLUSIVE")


def enqueue(entity: str, entity_id: str, op: str, payload: dict) -> None:
    """Queue a local write for the regency server (call inside the write's transaction)."""
    row = Outbox.create(entity=entity, entity_id=entity_id, op=op, payload=json.dumps(payload, default=str))
    if entity != "audit_log":  # the entry's own event carries its hash: the server checks those
        claim("outbox", row.id)


@dataclass(frozen=True)
class ChainHead:
    seq: int
    hash: str
    at: datetime

    @property
    def short(self) -> str:
        return f"#{self.seq} {self.hash[:16]}"


def head() -> ChainHead | None:
    """The last entry of the chain (None for a station with no entry yet)."""
    row = AuditLog.select(AuditLog.seq, AuditLog.hash, AuditLog.at).order_by(AuditLog.seq.desc()).first()
    return ChainHead(row.seq, row.hash, row.at) if row and row.seq is not None else None


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    username: str | None
    action: str
    details: dict


def recent(limit: int = 100, action: str | None = None) -> list[AuditEntry]:
    query = AuditLog.select().order_by(AuditLog.seq.desc()).limit(limit)
    if action:
        query = query.where(AuditLog.action == action)
    return [AuditEntry(row.seq, row.at, row.username, row.action, json.loads(row.details)) for row in query]
