"""Clock sanity: no printing while the computer's clock contradicts the station's own records.

Quotas are per office day, so moving the clock would open tomorrow's quota. Printing is refused
when the clock is earlier than the last recorded event (the latest accepted `at` of the audit chain,
kept as a watermark), or has jumped forward by more than a day since it. A forward gap is also what a
long weekend looks like, so a supervisor confirms the date and time (audited, `clock.confirmed`, in
the GUI or with `ktp-mandiri clock confirm`) and printing goes on; a clock that is behind must be
corrected, or, when the later events were written by a clock that was wrong, confirmed as well.

Within one boot of the computer the date may not move forward by more than the boot clock did
(desktop/boottime.py) since the first accepted event of that boot (the anchor): stepping the date on
by less than a day at a time no longer opens the next day's quota. Across boots only the one-day rule
holds (the computer may have been off for a weekend). A time server's correction of up to 15 minutes
(at boot or later) passes; against the fixed anchor that is all a person setting the date gains in a boot.

An entry recorded while the clock is in doubt (a log-in at a wrong time) is kept as it happened, but
only an accepted event moves the watermark: a refused print at a wrong time leaves nothing that
blocks printing once the clock is right again.
"""

from __future__ import annotations

from datetime import datetime

from peewee import fn

from desktop.boottime import BootReading
from desktop.clock import Clock
from desktop.domain.clock_rules import time_problem
from desktop.errors import UserFacingError
from desktop.settings import CLOCK_BOOT_ANCHOR, CLOCK_UNCONFIRMED, CLOCK_WATERMARK
from desktop.store.models import AuditLog

CONFIRMED = "clock.confirmed"


def note_event(at: datetime, action: str) -> None:
    """Called by audit.record for every entry, in its transaction: an accepted event moves the watermark."""
    boot = getattr(at, "boot", None)
    if action == CONFIRMED:
        CLOCK_UNCONFIRMED.set(None)
        CLOCK_WATERMARK.set(at)
        _set_anchor(boot, at)
        return
    if _problem(at, boot) is not None:
        return  # recorded as it happened, but a time in doubt moves nothing
    watermark = watermark_at()
    if watermark is None or at > watermark:
        CLOCK_WATERMARK.set(at)
    anchor = _anchor()
    if boot is not None and (anchor is None or not boot.same_boot(anchor[0])):
        _set_anchor(boot, at)


def clock_problem(clock: Clock) -> str | None:
    """Why printing must wait for the clock (one sentence), or None."""
    now = clock.now_utc()
    return _problem(now, getattr(now, "boot", None), clock)


def _problem(now: datetime, boot: BootReading | None, clock: Clock | None = None) -> str | None:
    """What is wrong with the time `now` (read with the boot clock `boot`), or None: the domain's rules
    over this station's records."""
    zone = clock.zone if clock is not None else Clock().zone
    return time_problem(now, watermark_at(), CLOCK_UNCONFIRMED.get(), _anchor(), boot, zone)


def check_clock(clock: Clock) -> None:
    problem = clock_problem(clock)
    if problem is not None:
        raise UserFacingError(problem, code="clock")


def watermark_at() -> datetime | None:
    value = CLOCK_WATERMARK.get()
    if value is not None:
        return value
    latest = AuditLog.select(fn.MAX(AuditLog.at)).scalar()  # a station from before the watermark
    return datetime.fromisoformat(str(latest)) if latest else None


def _anchor() -> tuple[BootReading, datetime] | None:
    value = CLOCK_BOOT_ANCHOR.get()
    if value is None:
        return None
    return BootReading(value["boot"], value["seconds"]), datetime.fromisoformat(value["at"])


def _set_anchor(boot: BootReading | None, at: datetime) -> None:
    CLOCK_BOOT_ANCHOR.set(None if boot is None else {"boot": boot.boot, "seconds": boot.seconds,
                                                     "at": at.isoformat()})
