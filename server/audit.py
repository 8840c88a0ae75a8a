"""The server's own audit trail: who did what (admin actions from the API and the command line)."""

from __future__ import annotations

import getpass
import json

from server.models import AuditEntry


def record(actor: str, action: str, **details: object) -> None:
    """Write one audit row (call inside the action's transaction)."""
    AuditEntry.create(actor=actor, action=action, details=json.dumps(details, default=str, sort_keys=True))


SERVICE_ACCOUNTS = frozenset({"root", "ktp-server"})  # who they are says nothing about the officer
SYSTEM_ENV = "KTP_SERVER_SYSTEM_ACTOR"  # set by a systemd unit (the backup timer: "backup")
SYSTEM_ACTORS = frozenset({"backup"})


def cli_actor(officer: str | None = None) -> str:
    """Who a command-line action is audited as (issue 20, item 3): the officer behind sudo
    (`cli:NAME (sudo)`), else the officer named by --officer (`cli:NAME (stated)`), else a system
    unit (`system:backup`), else the logged-in user when it is a person's account (`cli:NAME`).
    Never the service account or root alone: then --officer is required."""
    import os

    sudo = os.environ.get("SUDO_USER", "").strip()
    if sudo and sudo != "root":
        return f"cli:{sudo[:64]} (sudo)"
    if officer is not None:
        officer = " ".join(officer.split())[:64]
        if not officer:
            from server.errors import invalid

            raise invalid("--officer tidak boleh kosong.")
        return f"cli:{officer} (stated)"
    system = os.environ.get(SYSTEM_ENV, "")
    if system in SYSTEM_ACTORS:
        return f"system:{system}"
    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment (a container)
        user = ""
    if user and user not in SERVICE_ACCOUNTS:
        return f"cli:{user}"
    from server.errors import invalid

    raise invalid("Petugas yang menjalankan perintah ini tidak diketahui: jalankan lewat sudo atau beri "
                  "--officer NAMA.")


def recent(limit: int = 100) -> list[dict]:
    query = AuditEntry.select().order_by(AuditEntry.id.desc()).limit(limit)
    return [{"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
             "details": json.loads(e.details)} for e in query]
