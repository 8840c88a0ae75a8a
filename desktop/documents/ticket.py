"""The queue ticket (issue 25 item 3) as a small document: what it says (`ticket_text`, shared by every way it
is printed) and the same as a PDF (`ticket_pdf`) on a 58 mm or 80 mm roll or an A6 sheet.

A ticket says the office, its number in large print, the service, the day it is for, the time it was taken,
the estimated wait and what to do if it is lost, with a QR code that holds the ticket's random id and nothing
else (never the NIK: the NIK is not on the paper at all). A receipt printer driven in ESC/POS prints the same
text (desktop/devices/escpos_ticket.py).

Free of Qt and of the database. The PDF is invariant (no creation time), so one ticket gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from desktop.documents.pdf import _fonts
from desktop.domain.dates_id import clock_time, weekday_date
from desktop.domain.queue import PRIORITY_GROUPS
from desktop.domain.text import msg

# Paper the ticket is made for: (page width, printable width) in mm; a roll's page is as long as the ticket.
PAPERS = {"58": (58.0, 48.0), "80": (80.0, 72.0), "a6": (105.0, 89.0)}
A6_HEIGHT_MM = 148.0
DEFAULT_PAPER = "80"


class TicketFields(Protocol):
    """What the ticket needs of the queue's `TicketView` (desktop/services/queue.py)."""

    ticket_id: str
    code: str
    service_label: str
    priority: str
    day: date
    issued_at: datetime
    estimated_wait_minutes: int | None
    station_name: str
    office_name: str


@dataclass(frozen=True)
class TicketText:
    """The ticket's words, top to bottom (Bahasa Indonesia: the citizen's paper), and the QR's content."""

    office: str
    station: str
    heading: str
    code: str
    service: str
    priority: str  # "" when none
    day: str
    issued: str
    wait: str
    lost: str
    qr: str


def wait_text(minutes: int | None) -> str:
    if minutes is None:
        return msg("Perkiraan tunggu: belum dapat diperkirakan")
    if minutes < 5:
        return msg("Perkiraan tunggu: kurang dari 5 menit")
    if minutes < 90:
        return msg("Perkiraan tunggu: sekitar {minutes} menit", minutes=minutes)
    hours, rest = divmod(minutes, 60)
    return msg("Perkiraan tunggu: sekitar {hours} jam {minutes} menit", hours=hours, minutes=rest)


def ticket_text(view: TicketFields) -> TicketText:
    if not view.ticket_id or not view.ticket_id.isalnum():
        raise ValueError("a ticket id is letters and digits only")  # the QR holds it and nothing else
    issued = view.issued_at
    same_day = issued.date() == view.day
    return TicketText(
        office=view.office_name,
        station=view.station_name,
        heading=msg("NOMOR ANTRIAN"),
        code=view.code,
        service=view.service_label,
        priority=msg("Prioritas: {group}", group=PRIORITY_GROUPS[view.priority]) if view.priority else "",
        day=msg("Untuk hari {day}", day=weekday_date(view.day)),
        issued=(msg("Diambil pukul {time}", time=clock_time(issued)) if same_day else
                msg("Diambil {day} pukul {time}", day=weekday_date(issued.date()), time=clock_time(issued))),
        wait=wait_text(view.estimated_wait_minutes),
        lost=msg("Karcis hilang? Sebutkan nomor Anda kepada petugas untuk dicetak ulang."),
        qr=view.ticket_id,
    )


@dataclass(frozen=True)
class _Row:
    text: str
    bold: bool
    size: float  # points


def _rows(text: TicketText, paper: str) -> list[tuple[str, list[_Row]]]:
    """The ticket's blocks above and below the QR code, in drawing order."""
    big = {"58": 44.0, "80": 56.0, "a6": 64.0}[paper]
    above = [_Row(text.office, True, 11), _Row(text.station, False, 8), _Row("", False, 4),
             _Row(text.heading, False, 10), _Row(text.code, True, big), _Row(text.service, True, 14)]
    if text.priority:
        above.append(_Row(text.priority, True, 10))
    above += [_Row("", False, 4), _Row(text.day, False, 9), _Row(text.issued, False, 9), _Row(text.wait, True, 10)]
    below = [_Row(text.lost, False, 8)]
    return [("above", above), ("below", below)]


def ticket_pdf(view: TicketFields, paper: str = DEFAULT_PAPER) -> bytes:
    """The ticket as a one-page PDF for `paper` ("58", "80" or "a6")."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {sorted(PAPERS)}")
    text = ticket_text(view)
    regular, bold = _fonts()
    page_w, printable = (v * mm for v in PAPERS[paper])
    qr_side = min(printable, 40 * mm)
    blocks = []
    for place, rows in _rows(text, paper):
        wrapped = []
        for row in rows:
            font = bold if row.bold else regular
            for part in simpleSplit(row.text, font, row.size, printable) or [""]:
                wrapped.append((part, font, row.size))
        blocks.append((place, wrapped))
    margin = 4 * mm
    content = sum(size * 1.25 for _place, rows in blocks for _t, _f, size in rows) + qr_side + 2 * margin
    page_h = A6_HEIGHT_MM * mm if paper == "a6" else content
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(page_w, page_h), invariant=1, pageCompression=1)
    canvas.setTitle(f"Karcis antrian {text.code}")
    canvas.setCreator("KTP-el Mandiri")
    y = page_h - margin - max(0.0, (page_h - content) / 2)
    for place, rows in blocks:
        if place == "below":
            _draw_qr(canvas, text.qr, (page_w - qr_side) / 2, y - qr_side, qr_side)
            y -= qr_side
        for part, font, size in rows:
            y -= size * 1.25
            canvas.setFont(font, size)
            canvas.drawCentredString(page_w / 2, y + size * 0.25, part)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_qr(canvas: Canvas, value: str, x: float, y: float, side: float) -> None:
    widget = QrCodeWidget(value, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (right - left), 0, 0, side / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
