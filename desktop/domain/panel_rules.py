"""The rules of the quota panels (issue 18): green/amber/red and why, the blanko's days left at the last
14 days' rate. One set of rules for the office panel at a station (desktop/services/office_panel.py)
and the regency panel at the server (server/regency_panel.py); pure, no database.
"""

from __future__ import annotations

from desktop.domain.spoilage import cause_of
from desktop.domain.text import Message, msg

GREEN, AMBER, RED = "green", "amber", "red"
RATE_DAYS = 14  # the stock's days left are reckoned at the rate of the last 14 days
STOCK_DAYS_AMBER = 3.0  # fewer days of blanko than this: order now
REMAINING_AMBER = 0.1  # less than a tenth of today's quota left
RIBBON_AMBER = 25  # cards


def days_left(in_stock: int, rate: float) -> float | None:
    """How many days the stock lasts at `rate` blanko a day (None: nothing was used lately)."""
    return None if rate <= 0 else in_stock / rate


def stored_cause(reason: str | None) -> str:
    """The cause key of a stored spoilage reason; a returned card's is stored as `returned:<cause>`."""
    if reason and reason.startswith("returned:"):
        reason = reason.partition(":")[2]
    return cause_of(reason)


def stock_findings(in_stock: int, left: float | None) -> tuple[list[Message], list[Message]]:
    """(red, amber) reasons about the blanko in stock."""
    if in_stock <= 0:
        return [msg("Stok blanko habis.")], []
    if left is not None and left < STOCK_DAYS_AMBER:
        return [], [msg("Blanko tinggal {count}, cukup sekitar {days} hari.", count=in_stock, days=f"{left:.1f}")]
    return [], []


def quota_findings(name: str, quota: int, printed: int, remaining: int, rights: int | None, in_progress: int = 0
                   ) -> tuple[list[Message], list[Message]]:
    """(red, amber) reasons about one kecamatan's day: its quota used up or nearly, the rights the
    regency leased to the station all used (`rights` None: not an enrolled station)."""
    red: list[Message] = []
    amber: list[Message] = []
    if remaining == 0:
        red.append(msg("Kuota {name} hari ini habis ({printed} dari {quota}).", name=name, printed=printed,
                       quota=quota))
    elif quota and remaining < REMAINING_AMBER * quota:
        amber.append(msg("Kuota {name} tinggal {remaining}.", name=name, remaining=remaining))
    if rights is not None and remaining and rights - printed - in_progress <= 0:
        amber.append(msg("Hak cetak {name} dari kabupaten sudah terpakai semua.", name=name))
    return red, amber


def ribbon_low(ribbon_left: int | None) -> bool:
    return ribbon_left is not None and ribbon_left < RIBBON_AMBER


def level(red: list, amber: list) -> str:
    return RED if red else AMBER if amber else GREEN
