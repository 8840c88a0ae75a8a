"""Time as the station sees it: UTC for storage, the office's local date for quotas."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

OFFICE_TIMEZONE = "Asia/Jakarta"


class Clock:
    def __init__(self, timezone: str = OFFICE_TIMEZONE) -> None:
        self.zone = ZoneInfo(timezone)

    def now_utc(self) -> datetime:
        """Naive UTC, as stored in the database."""
        return datetime.now(UTC).replace(tzinfo=None)

    def now_local(self) -> datetime:
        return datetime.now(self.zone)

    def today(self) -> date:
        return self.now_local().date()


class FixedClock(Clock):
    """A clock that stands still (tests, benchmarks, reproducible demos)."""

    def __init__(self, at: datetime, timezone: str = OFFICE_TIMEZONE) -> None:
        super().__init__(timezone)
        self._at = at if at.tzinfo else at.replace(tzinfo=self.zone)

    def now_utc(self) -> datetime:
        return self._at.astimezone(UTC).replace(tzinfo=None)

    def now_local(self) -> datetime:
        return self._at.astimezone(self.zone)

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self._at += timedelta(**delta)
