"""How many blanko a kecamatan asks the regency for (issue 22): the average daily issue over the last
three months, times the working days of the next month, less what it holds and what is on its way:

    request = ceil(average x working days next month) - (stock + allocated not yet received), at least 0

"Average daily issue" is per working day (Monday to Friday, less the holidays given): the office prints on
working days, and the next month's need is reckoned in working days too. The three months are the three
whole calendar months before the month of the request (a request made on 7 December looks at September,
October and November), so the figure does not move during the month it is asked in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS_BACK = 3


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def last_of_month(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


def working_days(first: date, last: date, holidays: Iterable[date] = ()) -> int:
    """Monday to Friday from `first` to `last` (both included), less the holidays among them."""
    if last < first:
        return 0
    off = set(holidays)
    count = 0
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in off:
            count += 1
        day += timedelta(days=1)
    return count


@dataclass(frozen=True)
class RequestPeriod:
    """The months a request on `day` looks back at and the month it asks for."""

    history_first: date
    history_last: date
    next_first: date
    next_last: date


def request_period(day: date) -> RequestPeriod:
    start = first_of_month(day)
    return RequestPeriod(add_months(start, -MONTHS_BACK), start - timedelta(days=1), add_months(start, 1),
                         last_of_month(add_months(start, 1)))


@dataclass(frozen=True)
class BlankoRequest:
    issued: int  # cards issued in the history months
    history_working_days: int
    next_working_days: int
    stock: int  # blanko on hand (in stock or in a printer)
    allocated: int  # allocated by the regency and not received yet

    @property
    def average_daily(self) -> float:
        return self.issued / self.history_working_days if self.history_working_days else 0.0

    @property
    def need(self) -> int:
        """Blanko the next month will use, rounded up: half a card is a card."""
        return math.ceil(round(self.average_daily * self.next_working_days, 6))

    @property
    def requested(self) -> int:
        return max(0, self.need - (self.stock + self.allocated))
