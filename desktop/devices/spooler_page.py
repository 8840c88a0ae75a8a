"""What both ways to an OS print queue share (CUPS in desktop/devices/spooler.py, Qt's Windows engine in
desktop/devices/qt_spooler.py): the printer's URI, the page the card goes on, the sentence for a queue
that is not there."""

from __future__ import annotations

from urllib.parse import quote

from desktop.domain.card import CARD_HEIGHT_MM, CARD_WIDTH_MM
from desktop.domain.text import msg
from desktop.errors import UserFacingError


def spooler_uri(name: str) -> str:
    return f"spooler://{quote(name, safe='')}"


def page_size_mm(bleed_mm: float) -> tuple[float, float]:
    """The page the card is printed on: the card plus the bleed on every side."""
    return CARD_WIDTH_MM + 2 * bleed_mm, CARD_HEIGHT_MM + 2 * bleed_mm


def not_found(uri: str) -> UserFacingError:
    return UserFacingError(
        msg("Printer '{uri}' tidak ditemukan di sistem. Periksa nama antrean printer di pengaturan sistem "
            "operasi.", uri=uri),
        code="printer_not_found",
    )
