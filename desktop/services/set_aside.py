"""A supervisor sets aside records changed outside the application, so the station can print again.

A row the audit entries do not explain (a card deleted, a job's outcome edited, a lock lifted, a
blanko put back in stock) stops printing (desktop/services/row_claims.py). After a supervisor has
looked, one `audit.set_aside` entry records each such item as it now stands, with what the chain
had said: the change is not undone (the physical cards and blanko decide what is true), but it is
on the record, and the chain explains the tables again. An entry that was itself edited or removed
is not set aside: that is a restore (`audit accept-restore`) or a matter for the regency.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.audit_chain import ChainEntry
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit, row_claims
from desktop.services.audit_verify import Replay, replay_chain, state_differences, unqueued_entry
from desktop.services.session import CurrentUser
from desktop.store.models import AuditLog, Outbox


@dataclass(frozen=True)
class SetAside:
    items: list[str]  # one sentence each, as `audit verify` reported them
    seq: int | None  # the entry that recorded them (None: nothing to set aside)


def set_aside(db: SqliteDatabase, clock: Clock, user: CurrentUser) -> SetAside:
    user.require(Permission.RESOLVE_PRINT)
    with db.atomic("IMMEDIATE"):
        replay = Replay()
        chain = replay_chain(db, None, replay)
        if chain.problem is not None:
            raise UserFacingError(msg(
                "Rantai audit sendiri rusak di entri #{seq}: {problem} Ini tidak dapat disisihkan; hubungi admin "
                "kabupaten.", seq=chain.problem.seq, problem=chain.problem.message), code="chain_broken")
        differences = state_differences(db, replay)
        if not differences:
            return SetAside([], None)
        items = [str(problem.message) for problem, _effect in differences]
        effects = [effect for _problem, effect in differences if effect is not None]
        unqueued = unqueued_entry(db, replay)
        entry = audit.record("audit.set_aside", user, at=clock.now_utc(), effects=effects, items=items)
        row_claims.rebuild_index(db)
        if unqueued is not None:  # the regency gets the entries it never got, and judges them
            _queue(db, unqueued)
    return SetAside(items, entry.seq)


def _queue(db: SqliteDatabase, first: int) -> None:
    """Queue the events of entries `first`.. that have none (each in its sent form)."""
    queued = {seq for (seq,) in db.execute_sql(
        "SELECT json_extract(payload, '$.seq') FROM outbox WHERE entity = 'audit_log'")}
    for row in AuditLog.select().where(AuditLog.seq >= first).order_by(AuditLog.seq):
        if row.seq not in queued:
            entry = ChainEntry(row.seq, row.prev_hash, row.at, row.origin, row.server_change_id, row.user_id,
                               row.username, row.action, json.loads(row.details), json.loads(row.effects))
            # Dated as the entry: the outbox sends in that order, so the regency gets them in chain order.
            Outbox.create(entity="audit_log", entity_id=row.id, op="insert", created_at=row.at,
                          payload=json.dumps(entry.to_dict(), default=str))
