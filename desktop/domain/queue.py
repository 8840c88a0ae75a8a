"""The queue's rules (issue 25, docs/queue.md): services and priority groups, the places a station can
still promise today, the calling order, the recall rule and the estimated wait.

Pure: the service (desktop/services/queue.py) gathers the facts from the database and asks these.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.domain.text import QT_TRANSLATE_NOOP, Message, msg

_C = "Queue"

# key -> (label, the letter of the ticket number)
SERVICES: dict[str, tuple[str, str]] = {
    "baru": (QT_TRANSLATE_NOOP(_C, "KTP-el baru"), "B"),
    "hilang": (QT_TRANSLATE_NOOP(_C, "Hilang"), "H"),
    "rusak": (QT_TRANSLATE_NOOP(_C, "Rusak"), "R"),
    "perubahan_data": (QT_TRANSLATE_NOOP(_C, "Perubahan data"), "P"),
    "suket": (QT_TRANSLATE_NOOP(_C, "Suket ke KTP-el"), "S"),
}

PRIORITY_GROUPS: dict[str, str] = {
    "": QT_TRANSLATE_NOOP(_C, "Tidak ada"),
    "lansia": QT_TRANSLATE_NOOP(_C, "Lansia (60 tahun ke atas)"),
    "disabilitas": QT_TRANSLATE_NOOP(_C, "Penyandang disabilitas"),
    "hamil": QT_TRANSLATE_NOOP(_C, "Ibu hamil"),
}
ELDERLY_AGE = 60

# Ticket statuses. A ticket holds a place from `waiting` until it is served or leaves the queue.
WAITING, CALLED, SERVING, SERVED = "waiting", "called", "serving", "served"
NO_SHOW, SENT_ELSEWHERE, CANCELLED, LOST_PLACE = "no_show", "sent_elsewhere", "cancelled", "lost_place"
STATUSES = (WAITING, CALLED, SERVING, SERVED, NO_SHOW, SENT_ELSEWHERE, CANCELLED, LOST_PLACE)
HOLDING = (WAITING, CALLED, SERVING)  # statuses that hold one of the day's places
FINAL = (SERVED, SENT_ELSEWHERE, CANCELLED, LOST_PLACE)

# Event kinds of the log (queue_event; payload in the contract and docs/sync-protocol.md).
EVENT_KINDS = ("arrive", "call", "recall", "serve", "end", "no_show", "sent_elsewhere", "cancel", "lost_place",
               "turned_away")

# DOMAIN.md, blanko shortage: first-time applicants, disaster victims, suket holders with PRR, then
# lost/damaged, then data changes. Lower goes first.
DISASTER_RANK = 1
SHORTAGE_RANK = {"baru": 0, "suket": 2, "hilang": 3, "rusak": 3, "perubahan_data": 4}

RATE_DAYS = 14  # spoilage and printer rates are measured over this many days
BREAK_MINUTES = 30  # a longer gap between two cards of a printer is a pause, not the printer's pace
MIN_GAPS = 5  # fewer measured gaps than this: the default rate


def service_label(service: str) -> str:
    return SERVICES[service][0]


def ticket_code(service: str, seq: int) -> str:
    """The number shown: the service's letter and the day's running number over all services (B-007)."""
    return f"{SERVICES[service][1]}-{seq:03d}"


def is_elderly(birth_date: date | None, on: date) -> bool:
    """60 or older on `on` (the ticket's day), from the NIK's birth date."""
    if birth_date is None:
        return False
    years = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return years >= ELDERLY_AGE


def parse_hhmm(text: str) -> time:
    hours, _, minutes = text.strip().partition(":")
    return time(int(hours), int(minutes or 0))


def open_days(text: str) -> frozenset[int]:
    """ISO weekdays (1 = Monday) of a setting such as "1,2,3,4,5"."""
    return frozenset(int(part) for part in text.split(",") if part.strip())


def next_open_day(after: date, days: frozenset[int]) -> date | None:
    for step in range(1, 15):
        day = after + timedelta(days=step)
        if day.isoweekday() in days:
            return day
    return None


# --- the places ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Places:
    """What the station can still promise today: the least of its print rights, its usable blanko and
    its printers' capacity until closing; `waiting` tickets already hold places."""

    rights: int
    blanko: int
    capacity: int
    waiting: int
    why: str  # one sentence naming the limit that binds

    @property
    def known(self) -> int:
        return max(0, min(self.rights, self.blanko, self.capacity))

    @property
    def left(self) -> int:
        return self.known - self.waiting

    @property
    def short(self) -> bool:
        """Places are short (issue 25, item 2): tickets waiting >= places left."""
        return self.waiting >= self.left


def make_places(rights: int, blanko: int, capacity: int, waiting: int) -> Places:
    known = max(0, min(rights, blanko, capacity))
    if known == rights:
        why: Message = msg("Hak cetak hari ini tinggal {n}.", n=max(0, rights))
    elif known == blanko:
        why = msg("Blanko yang dapat dipakai tinggal {n} (stok dikurangi perkiraan rusak).", n=max(0, blanko))
    else:
        why = msg("Printer yang siap dapat mencetak sekitar {n} kartu lagi sampai jam tutup.", n=max(0, capacity))
    return Places(rights, blanko, capacity, waiting, why)


def usable_blanko(in_stock: int, spoiled: int, issued: int) -> int:
    """Blanko in stock less the spoilage rate of the last days: n cards use n / (1 - rate) blanko."""
    total = spoiled + issued
    rate = spoiled / total if total else 0.0
    return max(0, math.floor(in_stock * (1.0 - rate) + 1e-9))


def printer_rate(starts: Sequence[datetime], default: float) -> float:
    """Cards an hour of one printer, from the start times of its print jobs (sorted): the mean gap
    between two cards of one day, pauses longer than BREAK_MINUTES left out; too few gaps: `default`."""
    gaps = [
        (b - a).total_seconds() for a, b in zip(starts, starts[1:], strict=False)
        if a.date() == b.date() and 0 < (b - a).total_seconds() <= BREAK_MINUTES * 60
    ]
    if len(gaps) < MIN_GAPS:
        return default
    return 3600.0 / (sum(gaps) / len(gaps))


def hours_open(now: datetime, opens: time, closes: time) -> float:
    """Hours the office still prints today (local times): from now, or the opening, to the closing."""
    start = max(now, now.replace(hour=opens.hour, minute=opens.minute, second=0, microsecond=0))
    end = now.replace(hour=closes.hour, minute=closes.minute, second=0, microsecond=0)
    return max(0.0, (end - start).total_seconds() / 3600.0)


def capacity(rates: Iterable[float], hours: float) -> int:
    return max(0, math.floor(sum(rates) * hours + 1e-9))


# --- the order ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QueueEntry:
    """What the calling order needs of a ticket."""

    ticket_id: str
    seq: int
    service: str
    priority: str
    disaster: bool = False


def shortage_rank(entry: QueueEntry) -> int:
    return DISASTER_RANK if entry.disaster else SHORTAGE_RANK.get(entry.service, len(SHORTAGE_RANK))


def calling_order(entries: Iterable[QueueEntry], short: bool) -> list[QueueEntry]:
    """Priority groups first; then, when places are short, the shortage order; else by number."""
    return sorted(entries, key=lambda e: (0 if e.priority else 1, shortage_rank(e) if short else 0, e.seq))


def may_recall(calls_now: int, missed_after: int | None, recall_after: int) -> bool:
    """A missed number may be recalled once `recall_after` other numbers were called since it was missed."""
    return missed_after is not None and calls_now - missed_after >= recall_after


def recall_refusal(calls_now: int, missed_after: int | None, recall_after: int) -> Message:
    more = recall_after - (calls_now - (missed_after or 0))
    return msg("Nomor ini baru dapat dipanggil ulang setelah {n} nomor lain dipanggil.", n=max(1, more))


def mean_minutes(durations: Sequence[float], default: float) -> float:
    """Mean service time in minutes from measured durations (seconds); `default` when none."""
    kept = [d for d in durations if 0 < d <= 3 * 3600]
    return sum(kept) / len(kept) / 60.0 if kept else default


def estimated_wait(ahead: int, service_minutes: float) -> int:
    """Minutes until a ticket with `ahead` tickets before it is called (one counter serves the queue)."""
    return max(0, round(ahead * service_minutes))
