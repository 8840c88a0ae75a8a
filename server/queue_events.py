"""The stations' queue event logs at the regency (issue 25, docs/sync-protocol.md "Queue events"): each
`queue_event` a station pushes is checked field by field (it comes from another machine), stored once
per event id, and read back as the day's waits and service times (desktop/domain/queue_times.py)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta

from desktop.domain.queue import EVENT_KINDS, PRIORITY_GROUPS, SERVICES
from desktop.domain.queue_times import Event, QueueDay, queue_day
from server.db import insert_rows
from server.errors import invalid
from server.models import QueueEvent, Station

ENTITY = "queue_event"
KINDS = frozenset(EVENT_KINDS)
LETTERS = {service: letter for service, (_label, letter) in SERVICES.items()}  # the ticket number's letter
PRIORITIES = frozenset(PRIORITY_GROUPS)
FIELDS = frozenset({"day", "ticket", "code", "service", "priority", "kind", "at", "kecamatan"})
CODE = re.compile(r"[A-Z]-[0-9]{3,4}")
TICKET_ID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# An event's time is UTC; the office's day runs from 17:00 UTC the day before (WIB) to 16:00 UTC (WIT).
NEAR = timedelta(days=1)


def _text(data: dict, key: str, number: int) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise invalid(f"Peristiwa {number}: antrean tanpa {key} berupa teks; tidak ada yang diterapkan.")
    return value


def fields(event: dict, number: int) -> dict:
    """The row of one pushed queue event, or 422 with one sentence naming the event's number."""
    data = event["data"]
    if not isinstance(data, dict):
        raise invalid(f"Peristiwa {number}: data antrean harus berupa objek; tidak ada yang diterapkan.")
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        # A NIK above all never leaves the station with a queue event.
        raise invalid(f"Peristiwa {number}: peristiwa antrean tidak boleh memuat {', '.join(unknown)}; "
                      "tidak ada yang diterapkan.")
    if event.get("op") != "insert":
        raise invalid(f"Peristiwa {number}: peristiwa antrean hanya ditambahkan (op insert); tidak ada yang diterapkan.")
    values = {key: _text(data, key, number) for key in sorted(FIELDS)}
    try:
        event_id = str(uuid.UUID(str(event["entity_id"])))
    except ValueError:
        raise invalid(f"Peristiwa {number}: id peristiwa antrean bukan UUID; tidak ada yang diterapkan.") from None
    kind, service, code = values["kind"], values["service"], values["code"]
    if kind not in KINDS:
        raise invalid(f"Peristiwa {number}: jenis peristiwa antrean {kind!r} tidak dikenal; tidak ada yang diterapkan.")
    if service not in LETTERS:
        raise invalid(f"Peristiwa {number}: layanan {service!r} tidak dikenal; tidak ada yang diterapkan.")
    if values["priority"] not in PRIORITIES:
        raise invalid(f"Peristiwa {number}: kelompok prioritas {values['priority']!r} tidak dikenal; "
                      "tidak ada yang diterapkan.")
    if not TICKET_ID.fullmatch(values["ticket"]):
        raise invalid(f"Peristiwa {number}: id tiket {values['ticket']!r} tidak sah; tidak ada yang diterapkan.")
    # A citizen turned away holds no ticket number.
    if not (kind == "turned_away" and code == "") and not (CODE.fullmatch(code) and code[0] == LETTERS[service]):
        raise invalid(f"Peristiwa {number}: nomor antrean {code!r} tidak sesuai layanan {service}; "
                      "tidak ada yang diterapkan.")
    try:
        day = date.fromisoformat(values["day"]) if len(values["day"]) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise invalid(f"Peristiwa {number}: tanggal antrean {values['day']!r} tidak sah; tidak ada yang diterapkan.")
    return {"id": event_id, "kecamatan_code": values["kecamatan"], "day": day, "ticket_id": values["ticket"],
            "code": code, "service": service, "priority": values["priority"], "kind": kind,
            "at": _utc(values["at"], day, number)}


def _utc(text: str, day: date, number: int) -> datetime:
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        at = None
    if at is None or at.utcoffset() != timedelta(0):
        raise invalid(f"Peristiwa {number}: waktu antrean {text!r} bukan waktu UTC; tidak ada yang diterapkan.")
    at = at.astimezone(UTC).replace(tzinfo=None)
    if not day - NEAR <= at.date() <= day + NEAR:
        raise invalid(f"Peristiwa {number}: waktu antrean {text} jauh dari harinya ({day.isoformat()}); "
                      "tidak ada yang diterapkan.")
    return at


def apply(station: Station, events: list[dict], now: datetime) -> None:
    """Store the batch's queue events; one sent again (a replay after a lost reply or a restore) is kept once."""
    rows = [fields(e, n) for n, e in enumerate(events, start=1) if e["entity"] == ENTITY]
    columns = ("id", "station_id", "kecamatan_code", "day", "ticket_id", "code", "service", "priority", "kind", "at",
               "received_at")
    insert_rows(QueueEvent, columns, [(r["id"], station.id, *(r[c] for c in columns[2:-1]), now) for r in rows],
                'ON CONFLICT ("id") DO NOTHING')


def figures(kecamatan: str, day: date, received_before: datetime | None = None) -> QueueDay:
    """A kecamatan's queue of a day, over every station that queued for it (as the server knew it before
    `received_before`: a past day's report stays the same)."""
    where = (QueueEvent.kecamatan_code == kecamatan) & (QueueEvent.day == day)
    if received_before is not None:
        where &= QueueEvent.received_at < received_before
    rows = (QueueEvent.select(QueueEvent.ticket_id, QueueEvent.service, QueueEvent.kind, QueueEvent.at)
            .where(where).order_by(QueueEvent.at).tuples())
    return queue_day((Event(*r) for r in rows), SERVICES)
