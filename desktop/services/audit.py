"""The audit trail of sensitive actions, written in the same transaction as the action itself."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from desktop.services.session import CurrentUser
from desktop.store.models import AuditLog, Outbox


def record(action: str, user: CurrentUser | None, **details: object) -> None:
    entry = AuditLog.create(
        user=user.id if user else None,
        username=user.username if user else None,
        action=action,
        details=json.dumps(details, default=str, sort_keys=True),
    )
    enqueue("audit_log", entry.id, "insert", {"action": action, "username": entry.username, **details})


def enqueue(entity: str, entity_id: str, op: str, payload: dict) -> None:
    """Queue a local write for the regency server (call inside the write's transaction)."""
    Outbox.create(entity=entity, entity_id=entity_id, op=op, payload=json.dumps(payload, default=str))


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    username: str | None
    action: str
    details: dict


def recent(limit: int = 100, action: str | None = None) -> list[AuditEntry]:
    query = AuditLog.select().order_by(AuditLog.at.desc()).limit(limit)
    if action:
        query = query.where(AuditLog.action == action)
    return [AuditEntry(row.at, row.username, row.action, json.loads(row.details)) for row in query]
