"""Clock sanity: no printing while the computer's clock contradicts the station's own records.

Quotas are per office day, so moving the clock would open tomorrow's quota. Printing is refused
when the clock is earlier than the last recorded event (the latest `at` of the audit chain, kept as
a watermark), or has jumped forward by more than a day since it. A forward gap is also what a long
weekend looks like, so a supervisor confirms the date and time (audited, `clock.confirmed`) and
printing goes on; a clock that is behind must be corrected, or, when the later events were written
by a clock that was wrong, confirmed by a supervisor as well.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from peewee import SqliteDatabase, fn

from desktop.clock import Clock
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.settings import CLOCK_UNCONFIRMED, CLOCK_WATERMARK
from desktop.store.models import AuditLog

MAX_GAP = timedelta(days=1)
SLACK = timedelta(minutes=2)  # a time server nudging the clock back is not a problem
CONFIRMED = "clock.confirmed"


def note_event(at: datetime, action: str) -> None:
    """Called by audit.record for every entry, in its transaction: keep the watermark, flag a jump."""
    watermark = _watermark()
    if action == CONFIRMED:
        CLOCK_UNCONFIRMED.set(None)
        CLOCK_WATERMARK.set(at)
        return
    if watermark is not None and at > watermark + MAX_GAP and CLOCK_UNCONFIRMED.get() is None:
        CLOCK_UNCONFIRMED.set(watermark)
    if watermark is None or at > watermark:
        CLOCK_WATERMARK.set(at)


def clock_problem(clock: Clock) -> str | None:
    """Why printing must wait for the clock (one sentence), or None."""
    now = clock.now_utc()
    watermark = _watermark()
    if watermark is None:
        return None
    if now < watermark - SLACK:
        return msg("Jam komputer ({now}) lebih awal dari kegiatan terakhir yang tercatat ({last}); betulkan "
                   "tanggal dan jam komputer, atau minta supervisor memastikannya, sebelum mencetak.",
                   now=_local(clock, now), last=_local(clock, watermark))
    since = CLOCK_UNCONFIRMED.get()
    if since is not None or now > watermark + MAX_GAP:
        return msg("Jam komputer ({now}) lebih dari sehari sesudah kegiatan terakhir yang tercatat ({last}); "
                   "minta supervisor memastikan tanggal dan jam (menu Supervisor) sebelum mencetak.",
                   now=_local(clock, now), last=_local(clock, since or watermark))
    return None


def check_clock(clock: Clock) -> None:
    problem = clock_problem(clock)
    if problem is not None:
        raise UserFacingError(problem, code="clock")


def confirm_clock(db: SqliteDatabase, clock: Clock, actor: CurrentUser) -> None:
    """A supervisor says the computer's date and time are right: printing may go on from now."""
    actor.require(Permission.CONFIRM_CLOCK)
    now = clock.now_utc()
    with db.atomic("IMMEDIATE"):
        audit.record(CONFIRMED, actor, at=now, previous=_watermark(), unconfirmed_since=CLOCK_UNCONFIRMED.get())


def _watermark() -> datetime | None:
    value = CLOCK_WATERMARK.get()
    if value is not None:
        return value
    latest = AuditLog.select(fn.MAX(AuditLog.at)).scalar()  # a station from before the watermark
    return datetime.fromisoformat(str(latest)) if latest else None


def _local(clock: Clock, at: datetime) -> str:
    return at.replace(tzinfo=UTC).astimezone(clock.zone).strftime("%d-%m-%Y %H:%M")
