"""Daily quota rules: how many cards a kecamatan may still print today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

DEFAULT_DAILY_QUOTA = 100


@dataclass(frozen=True)
class QuotaState:
    kecamatan_code: str
    kecamatan_name: str
    day: date
    limit: int
    issued: int  # cards printed today
    in_progress: int  # print jobs holding a place right now (a card in the printer)
    raised: bool = False  # today's limit differs from the standing quota
    standing: int = 0  # the kecamatan's standing daily quota (today's limit unless a supervisor changed it)
    # An enrolled station: `issued` is the server's count for the kecamatan at this time (naive UTC) plus
    # this station's cards the server had not acknowledged then (office time); None: this station's own count.
    as_of: datetime | None = None

    @property
    def used(self) -> int:
        return self.issued + self.in_progress

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def exhausted(self) -> bool:
        return self.used >= self.limit


def validate_limit(value: int) -> int:
    if not 0 <= value <= 5000:
        raise ValueError("kuota harian harus antara 0 dan 5000 kartu")
    return value
