"""The server's own audit trail: who did what (admin actions from the API and the command line)."""

from __future__ import annotations

import getpass
import json

from server.models import AuditEntry


def record(actor: str, action: str, **details: object) -> None:
    """Write one audit row (call inside the action's transaction)."""
    AuditEntry.create(actor=actor, action=action, details=json.dumps(details, default=str, sort_keys=True))


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in this environment (a container)
        return "cli:unknown"


def recent(limit: int = 100) -> list[dict]:
    query = AuditEntry.select().order_by(AuditEntry.id.desc()).limit(limit)
    return [{"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
             "details": json.loads(e.details)} for e in query]
