"""Queue tickets for the ticket-paper tests (issue 25 item 3): a view as the queue's service hands it over."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")
NIK = "3674011708900003"  # a citizen's NIK the operator typed: it must never reach the paper


@dataclass(frozen=True)
class TicketView:
    """The contract's TicketView (desktop/domain/queue.py, q25core's) field for field."""

    ticket_id: str
    code: str
    service: str
    service_label: str
    priority: str
    day: date
    issued_at: datetime
    estimated_wait_minutes: int | None
    station_name: str
    office_name: str
    status: str
    nik: str | None


def ticket_view(**changes) -> TicketView:
    view = TicketView(
        ticket_id=secrets.token_hex(16), code="B-007", service="baru", service_label="KTP-el baru", priority="",
        day=date(2026, 12, 7), issued_at=datetime(2026, 12, 7, 7, 12, tzinfo=JAKARTA), estimated_wait_minutes=45,
        station_name="Loket 1", office_name="Kecamatan Pamulang", status="waiting", nik=NIK,
    )
    return replace(view, **changes)
