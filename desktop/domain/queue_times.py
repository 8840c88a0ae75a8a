"""Waits and service times from the queue's event log (issue 25): one pure function, the same at the
station (office panel, daily report) and at the regency server (its daily report).

A ticket's **wait** runs from its `arrive` to its first `call` (a recall is not a new wait); its
**service time** from its last `serve` to its `end`. A ticket's outcome is its last event of those that
decide one (`end` served, `no_show`, `sent_elsewhere`, `cancel`, `lost_place`; a later `call`, `recall`
or `serve` reopens it: a missed number recalled and served counts as served, not as a no-show). A
citizen turned away at the door has a `turned_away` event and no ticket. The median is the middle value
(the mean of the two middle ones for an even count); the p90 is the nearest-rank 90th percentile (the
value at rank ceil(0.9 n)): a value that happened, never one interpolated between two citizens.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

OUTCOMES = frozenset({"end", "no_show", "sent_elsewhere", "cancel", "lost_place"})
REOPENS = frozenset({"call", "recall", "serve"})


class Event(NamedTuple):
    """One logged event as both logs store it: `Event(*row)` from a (ticket_id, service, kind, at) row."""

    ticket_id: str
    service: str
    kind: str
    at: datetime


@dataclass(frozen=True)
class Spread:
    """Durations in seconds: how many, their median and their p90 (None when there are none)."""

    count: int
    median: float | None
    p90: float | None

    @staticmethod
    def of(seconds: list[float]) -> Spread:
        if not seconds:
            return Spread(0, None, None)
        ordered = sorted(seconds)
        return Spread(len(ordered), float(statistics.median(ordered)),
                      float(ordered[math.ceil(0.9 * len(ordered)) - 1]))


@dataclass(frozen=True)
class QueueFigures:
    """The figures of one service (`service` its key) or of all of them (`service` "")."""

    service: str
    tickets: int  # tickets issued (an `arrive`)
    served: int
    no_shows: int
    sent_elsewhere: int
    cancelled: int
    lost_places: int
    turned_away: int  # citizens told at the door that no card could be printed for them today
    still_open: int  # tickets without an outcome yet (waiting, called or being served)
    wait: Spread  # arrive -> first call
    service_time: Spread  # last serve -> end


@dataclass(frozen=True)
class QueueDay:
    total: QueueFigures
    by_service: tuple[QueueFigures, ...]  # services that had a ticket or a turned-away citizen, in `order`

    @property
    def empty(self) -> bool:
        return self.total.tickets == 0 and self.total.turned_away == 0


def _figures(service: str, events: list[Event]) -> QueueFigures:
    by_ticket: dict[str, list[Event]] = {}
    for event in events:
        by_ticket.setdefault(event.ticket_id, []).append(event)
    outcomes: dict[str, str | None] = {}
    waits: list[float] = []
    services: list[float] = []
    turned_away = 0
    for ticket, own in by_ticket.items():
        kinds = [e.kind for e in own]
        if "arrive" not in kinds:
            turned_away += "turned_away" in kinds
            continue
        outcome = None
        for e in own:
            if e.kind in OUTCOMES:
                outcome = e.kind
            elif e.kind in REOPENS:
                outcome = None
        outcomes[ticket] = outcome
        arrived = next(e.at for e in own if e.kind == "arrive")
        called = next((e.at for e in own if e.kind == "call"), None)
        if called is not None:
            waits.append((called - arrived).total_seconds())
        if outcome == "end":
            ended = max(i for i, e in enumerate(own) if e.kind == "end")
            started = [e.at for e in own[:ended] if e.kind == "serve"]
            if started:
                services.append((own[ended].at - started[-1]).total_seconds())
    counted = list(outcomes.values())
    return QueueFigures(service, len(outcomes), counted.count("end"), counted.count("no_show"),
                        counted.count("sent_elsewhere"), counted.count("cancel"), counted.count("lost_place"),
                        turned_away, counted.count(None), Spread.of(waits), Spread.of(services))


def queue_day(events: Iterable[Event], order: Iterable[str] = ()) -> QueueDay:
    """The day's figures from its events (any order: they are taken by time, ties as given), in total and
    per service (`order` the services' keys in the order to show them; others follow by name)."""
    ordered = sorted((Event(*e) for e in events), key=lambda e: e.at)
    per: dict[str, list[Event]] = {}
    for event in ordered:
        per.setdefault(event.service, []).append(event)
    keys = [k for k in order if k in per] + sorted(k for k in per if k not in set(order))
    return QueueDay(_figures("", ordered), tuple(_figures(k, per[k]) for k in keys))


def minutes(seconds: float | None) -> str:
    """A duration as whole minutes for a panel or a report ("12 mnt"), "-" when unknown."""
    return "-" if seconds is None else f"{round(seconds / 60)} mnt"
