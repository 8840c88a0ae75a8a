"""The queue (issue 25): tickets issued at the door, called and settled at the counter. Every change
announces QUEUE, after which the door page, the counter's calling box and the now-serving window read
the queue again (the names below are what the now-serving window flashes on)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import QUEUE, Op, QueryOp

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser

CALLED = frozenset({"queue.call", "queue.recall"})  # the changes that put a number on the screen


def door_state(services: Services) -> QueryOp:
    """(places, the tickets waiting in calling order) for the door page."""
    queue = services.queue
    return QueryOp("db", lambda: (queue.places(), queue.waiting()))


def check_nik(services: Services, nik: str) -> QueryOp:
    """The sentence why no card can be printed for `nik` today, or None."""
    queue = services.queue
    return QueryOp("db", lambda: queue.check_nik(nik))


def issue_ticket(services: Services, user: CurrentUser, service: str, nik: str | None, priority: str,
                 next_day: bool = False, disaster_reason: str = "") -> Op:
    """Issued (with its ticket) or TurnedAway (why, the alternatives, the next open day)."""
    queue = services.queue
    if next_day:
        return Op("queue.issue_next_day", "db",
                  lambda: queue.issue_next_day(user, service, nik, priority, disaster_reason), {QUEUE})
    return Op("queue.issue", "db", lambda: queue.issue(user, service, nik, priority, disaster_reason), {QUEUE})


def reprint_ticket(services: Services, user: CurrentUser, ticket_id: str) -> Op:
    queue = services.queue
    return Op("queue.reprint", "db", lambda: queue.reprint(user, ticket_id), {QUEUE})


def cancel_ticket(services: Services, user: CurrentUser, ticket_id: str) -> Op:
    queue = services.queue
    return Op("queue.cancel", "db", lambda: queue.cancel(user, ticket_id), {QUEUE})


def counter_state(services: Services) -> QueryOp:
    """How many wait, for the counter's calling box."""
    queue = services.queue
    return QueryOp("db", queue.count_waiting)


def call_next(services: Services, user: CurrentUser) -> Op:
    """The ticket called (None: nobody waits)."""
    queue = services.queue
    return Op("queue.call", "db", lambda: queue.call_next(user), {QUEUE})


def recall(services: Services, user: CurrentUser, ticket_id: str) -> Op:
    """A missed number called again; refused with the rule's sentence before its time."""
    queue = services.queue
    return Op("queue.recall", "db", lambda: queue.recall(user, ticket_id), {QUEUE})


def settle(services: Services, user: CurrentUser, ticket_id: str, how: str) -> Op:
    """The called ticket served ("end"), missed ("no_show") or sent to another service ("send_elsewhere")."""
    queue = services.queue
    action = {"end": queue.end, "no_show": queue.no_show, "send_elsewhere": queue.send_elsewhere}[how]
    return Op(f"queue.{how}", "db", lambda: action(user, ticket_id), {QUEUE})


def serve(services: Services, user: CurrentUser, ticket_id: str) -> Op:
    """The called citizen stands at the counter: service starts."""
    queue = services.queue
    return Op("queue.serve", "db", lambda: queue.serve(user, ticket_id), {QUEUE})


def recheck(services: Services) -> QueryOp:
    """The tickets that lost their place since the last check (each told once), reverse priority order."""
    queue = services.queue
    return QueryOp("db", queue.recheck)


def now_serving(services: Services, limit: int) -> QueryOp:
    queue = services.queue
    return QueryOp("db", lambda: queue.now_serving(limit))

