"""Waits and service times from hand-built event logs whose answers are worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.queue_times import Event, Spread, minutes, queue_day

T0 = datetime(2026, 12, 7, 0, 0)  # 07:00 WIB


def at(minute: float) -> datetime:
    return T0 + timedelta(minutes=minute)


def ticket(tid: str, service: str, *steps: tuple[str, float]) -> list[Event]:
    return [Event(tid, service, kind, at(m)) for kind, m in steps]


def test_a_served_ticket_waits_from_arrival_to_its_first_call_and_is_served_from_serve_to_end():
    events = ticket("a", "baru", ("arrive", 0), ("call", 12), ("serve", 13), ("end", 20))
    day = queue_day(events)
    assert (day.total.tickets, day.total.served, day.total.still_open) == (1, 1, 0)
    assert day.total.wait == Spread(1, 720.0, 720.0)
    assert day.total.service_time == Spread(1, 420.0, 420.0)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two_and_p90_a_value_that_happened():
    events = []
    for n, wait in enumerate([5, 1, 3, 10, 2, 4, 6, 8, 7, 9]):  # minutes, given out of order
        events += ticket(f"t{n}", "baru", ("arrive", 0), ("call", wait))
    wait = queue_day(events).total.wait
    assert wait.count == 10
    assert wait.median == 5.5 * 60  # (5 + 6) / 2
    assert wait.p90 == 9 * 60  # rank ceil(0.9 * 10) = 9 of 1..10
    eleven = events + ticket("t10", "baru", ("arrive", 0), ("call", 11))
    assert queue_day(eleven).total.wait.p90 == 10 * 60  # rank ceil(9.9) = 10 of 1..11


def test_a_missed_number_recalled_and_served_counts_once_as_served_and_its_wait_ends_at_the_first_call():
    events = ticket("a", "hilang", ("arrive", 0), ("call", 10), ("no_show", 12), ("recall", 30), ("serve", 31),
                    ("end", 41))
    day = queue_day(events)
    assert (day.total.served, day.total.no_shows) == (1, 0)
    assert day.total.wait.median == 600.0
    assert day.total.service_time.median == 600.0


def test_outcomes_per_service_and_in_total():
    events = (ticket("b1", "baru", ("arrive", 0), ("call", 5), ("serve", 6), ("end", 10))
              + ticket("b2", "baru", ("arrive", 1), ("call", 11), ("no_show", 12))
              + ticket("b3", "baru", ("arrive", 2), ("lost_place", 40))
              + ticket("r1", "rusak", ("arrive", 3), ("call", 13), ("sent_elsewhere", 14))
              + ticket("r2", "rusak", ("arrive", 4), ("cancel", 8))
              + ticket("r3", "rusak", ("arrive", 5))
              + ticket("x1", "suket", ("turned_away", 50))
              + ticket("x2", "baru", ("turned_away", 51)))
    day = queue_day(reversed(events), order=("baru", "hilang", "rusak", "suket"))
    t = day.total
    assert (t.tickets, t.served, t.no_shows, t.lost_places, t.sent_elsewhere, t.cancelled, t.turned_away,
            t.still_open) == (6, 1, 1, 1, 1, 1, 2, 1)
    assert [f.service for f in day.by_service] == ["baru", "rusak", "suket"]
    baru, rusak, suket = day.by_service
    assert (baru.tickets, baru.served, baru.no_shows, baru.lost_places, baru.turned_away) == (3, 1, 1, 1, 1)
    assert baru.wait == Spread(2, 450.0, 600.0)  # 5 and 10 minutes
    assert (rusak.tickets, rusak.sent_elsewhere, rusak.cancelled, rusak.still_open) == (3, 1, 1, 1)
    assert (suket.tickets, suket.turned_away) == (0, 1)
    assert t.wait.count == 3 and t.service_time.count == 1


def test_no_events_is_an_empty_day_with_unknown_times():
    day = queue_day([])
    assert day.empty and day.by_service == ()
    assert day.total.wait == Spread(0, None, None)
    assert minutes(day.total.wait.median) == "-" and minutes(754) == "13 mnt"
