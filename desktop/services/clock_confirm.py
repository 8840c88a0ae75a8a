"""A supervisor confirms the computer's date and time (Supervisor > Pastikan tanggal dan jam, or
`ktp-mandiri clock confirm`): an audit entry, which the clock check (desktop/services/clock_guard.py)
takes as the new watermark. Apart from the check, because the audit chain calls the check for every
entry it appends."""

from __future__ import annotations

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.clock_rules import MAX_GAP
from desktop.domain.roles import Permission
from desktop.services import audit
from desktop.services.clock_guard import CONFIRMED, watermark_at
from desktop.services.session import CurrentUser
from desktop.settings import CLOCK_UNCONFIRMED


def confirm_clock(db: SqliteDatabase, clock: Clock, actor: CurrentUser) -> None:
    """A supervisor says the computer's date and time are right: printing may go on from now."""
    actor.require(Permission.CONFIRM_CLOCK)
    now = clock.now_utc()
    with db.atomic("IMMEDIATE"):
        watermark = watermark_at()
        # The gap the supervisor vouches for: the last accepted event, when the clock is a day past it.
        gap_since = watermark if watermark is not None and now > watermark + MAX_GAP else None
        audit.record(CONFIRMED, actor, at=now, previous=watermark,
                     unconfirmed_since=CLOCK_UNCONFIRMED.get() or gap_since)
