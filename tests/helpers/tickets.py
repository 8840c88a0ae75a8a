"""Queue tickets for the ticket-paper tests (issue 25 item 3): a view as the queue's service hands it over."""

from __future__ import annotations

import secrets
import subprocess
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop.services.queue import TicketView
from tests.helpers.prerequisites import require_tool

JAKARTA = ZoneInfo("Asia/Jakarta")
NIK = "3674011708900003"  # a citizen's NIK the operator typed: it must never reach the paper


def ticket_view(**changes) -> TicketView:
    """A ticket as the queue's service hands it to the paper (with the NIK the operator typed)."""
    view = TicketView(
        ticket_id=secrets.token_hex(16), code="B-007", service="baru", service_label="KTP-el baru", priority="",
        day=date(2026, 12, 7), issued_at=datetime(2026, 12, 7, 7, 12, tzinfo=JAKARTA), estimated_wait_minutes=45,
        station_name="Loket 1", office_name="Kecamatan Pamulang", status="waiting", nik=NIK,
    )
    return replace(view, **changes)


def pdf_text(pdf: Path) -> str:
    """The PDF's text as poppler reads it (pdftotext), whitespace runs made single spaces."""
    tool = require_tool("pdftotext", "poppler-utils")
    out = subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def pdf_qr_codes(pdf: Path, workdir: Path) -> list[str]:
    """Every QR code on the PDF's pages as a reader sees it: the pages drawn at 200 dpi (pdftoppm), then
    decoded by zbar (zbarimg), which knows nothing of how the code was made."""
    pdftoppm = require_tool("pdftoppm", "poppler-utils")
    zbarimg = require_tool("zbarimg", "zbar-tools")
    prefix = workdir / f"{pdf.stem}-page"
    subprocess.run([pdftoppm, "-r", "200", "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(workdir.glob(f"{prefix.name}*.png"))
    assert pages, f"pdftoppm drew no page of {pdf}"
    found = subprocess.run([zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", *map(str, pages)],
                           capture_output=True, text=True)
    assert found.returncode in (0, 4), found.stderr  # 4: no code found (the test then says what it expected)
    return found.stdout.split()
