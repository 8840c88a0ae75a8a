"""A station the regency revoked stops for good (issue 20, item 4; docs/sync-protocol.md, "Revocation").

The first server answer that says `revoked` (a sync round, a lease exchange, a claim, any request on
the station's token) is recorded here: the setting `station.revoked` and the audit entry
`regency.revoked`, in one transaction. Printing asks `revoked()` through the lease service's
station check, the path a suspension takes, so no print starts after it; a print already past its
checks finishes and is recorded as usual. The audit entry ties the state to the chain: removing the
setting from the database file does not lift it, and removing the entry breaks the chain.
"""

from __future__ import annotations

import logging
from datetime import datetime

from desktop.domain.text import msg
from desktop.services import audit
from desktop.settings import STATION_REVOKED
from desktop.store.models import AuditLog

log = logging.getLogger("ktp.sync")

ACTION = "regency.revoked"
REVOKED_CODE = "revoked"  # the server's error code (docs/sync-protocol.md, "Errors")


def revoked_sentence():
    return msg("Stasiun ini sudah dicabut oleh admin kabupaten: pencetakan berhenti untuk seterusnya. Hubungi "
               "petugas TI kabupaten; catatan stasiun diserahkan dengan ktp-mandiri backup --out.")


def revoked() -> bool:
    """True once the regency said this station is revoked (the setting, or its entry in the chain)."""
    return STATION_REVOKED.is_set() or AuditLog.select().where(AuditLog.action == ACTION).exists()


def note_revoked(at: datetime, via: str, said: str) -> bool:
    """Record the regency's answer `revoked` (once); True when this call recorded it. `via` names the
    request that got it, `said` is the server's sentence (kept as one printable line)."""
    db = AuditLog._meta.database
    if revoked() or db.in_transaction():  # inside another's transaction: the next round records it
        return False
    with db.atomic("IMMEDIATE"):
        if revoked():
            return False
        STATION_REVOKED.set(at)
        line = " ".join("".join(c if c.isprintable() else " " for c in str(said)).split())[:400]
        audit.record(ACTION, None, at=at, via=via[:80], said=line)
    log.error("the regency revoked this station (answer to %s): printing stopped for good", via)
    return True
