"""Time as the station sees it: UTC for storage, the office's local date for quotas."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.boottime import BootReading, system_boot_clock

OFFICE_TIMEZONE = "Asia/Jakarta"


class ClockReading(datetime):
    """A naive UTC time from `Clock.now_utc()` that also holds the boot clock read at the same moment
    (`boot`, None when unknown): what the clock check compares a recorded event with. A time computed
    from it has no boot reading: only a time straight from the clock carries one."""

    boot: BootReading | None = None

    @classmethod
    def of(cls, at: datetime, boot: BootReading | None) -> ClockReading:
        reading = cls(at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond)
        reading.boot = boot
        return reading


class Clock:
    def __init__(self, timezone: str = OFFICE_TIMEZONE) -> None:
        self.zone = ZoneInfo(timezone)

    def now_utc(self) -> datetime:
        """Naive UTC, as stored in the database (a ClockReading, with the boot clock)."""
        boot = system_boot_clock().read()
        return ClockReading.of(datetime.now(UTC).replace(tzinfo=None), boot)

    def now_local(self) -> datetime:
        return datetime.now(self.zone)

    def today(self) -> date:
        return self.now_local().date()


class FixedClock(Clock):
    """A clock that stands still (tests, benchmarks, reproducible demos).

    With `boot` it also has a boot clock: `advance` is time passing (both move), `set_date` is
    someone changing the computer's date (only the wall clock moves)."""

    def __init__(self, at: datetime, timezone: str = OFFICE_TIMEZONE, boot: BootReading | None = None) -> None:
        super().__init__(timezone)
        self._at = at if at.tzinfo else at.replace(tzinfo=self.zone)
        self.boot = boot

    def now_utc(self) -> datetime:
        return ClockReading.of(self._at.astimezone(UTC).replace(tzinfo=None), self.boot)

    def now_local(self) -> datetime:
        return self._at.astimezone(self.zone)

    def advance(self, **delta: float) -> None:
        step = timedelta(**delta)
        self._at += step
        if self.boot is not None:
            self.boot = BootReading(self.boot.boot, self.boot.seconds + step.total_seconds())

    def set_date(self, **delta: float) -> None:
        self._at += timedelta(**delta)
