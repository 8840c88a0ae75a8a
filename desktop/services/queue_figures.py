"""The station's queue of a day as waits, service times and counts (issue 25, item 5): its event log read
and handed to the pure function (desktop/domain/queue_times.py), for the office panel and the daily report."""

from __future__ import annotations

from datetime import date, datetime

from desktop.domain.queue import SERVICES
from desktop.domain.queue_times import Event, QueueDay, queue_day
from desktop.store.models import QueueEvent


def day_figures(day: date, before: datetime | None = None) -> QueueDay:
    """The day's queue (events before `before`, naive UTC, when given: a past day's report stays the same)."""
    where = QueueEvent.day == day
    if before is not None:
        where &= QueueEvent.at < before
    rows = (QueueEvent.select(QueueEvent.ticket_id, QueueEvent.service, QueueEvent.kind, QueueEvent.at)
            .where(where).order_by(QueueEvent.at).tuples())
    return queue_day((Event(*row) for row in rows), SERVICES)
