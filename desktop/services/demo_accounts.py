"""The demo's accounts and the mark of a demo database: what the log-in needs to know of the demo
(a demo password is refused outside a demo database), apart from the demo's data generator."""

from __future__ import annotations

from desktop.domain.roles import Role
from desktop.settings import DEMO_STATION

DEMO_USERS = (
    ("operator", "Siti Rahmawati", "operator123", Role.OPERATOR),
    ("supervisor", "Budi Santoso", "supervisor123", Role.SUPERVISOR),
    ("admin", "Admin Disdukcapil", "admin12345", Role.ADMIN),
)

DEMO_KEY = DEMO_STATION.key  # the stored key, for devtools/regency_demo.py (which marks the regency's demo station)


def is_demo_database() -> bool:
    """True for a database made by --demo or demo-data (synthetic residents, demo passwords allowed)."""
    return DEMO_STATION.get()


def mark_demo_database() -> None:
    DEMO_STATION.set(True)
