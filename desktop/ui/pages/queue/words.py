"""How the queue's words are shown: the services and priority groups of desktop/domain/queue.py in the
user's language, a ticket in one line, an estimated wait."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.domain.queue import PRIORITY_GROUPS, SERVICES
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.services.queue import TicketView



def service_choices() -> list[tuple[str, str]]:
    """(key, label) of each service, in the contract's order."""
    return [(key, tr_message(label)) for key, (label, _letter) in SERVICES.items()]


def priority_choices() -> list[tuple[str, str]]:
    """(key, label) of each priority group, "" (none) first."""
    return [(key, tr_message(label)) for key, label in PRIORITY_GROUPS.items()]


def priority_label(key: str) -> str:
    """The group's name; nothing for a ticket without priority."""
    return tr_message(PRIORITY_GROUPS.get(key, key)) if key else ""


def wait_text(minutes: int | None) -> str:
    if minutes is None:
        return QCoreApplication.translate("Queue", "perkiraan tunggu belum diketahui")
    if minutes < 1:
        return QCoreApplication.translate("Queue", "segera dipanggil")
    return QCoreApplication.translate("Queue", "perkiraan tunggu %1 menit").replace("%1", str(minutes))


def ticket_line(view: TicketView) -> str:
    """"B-007 · KTP-el baru · Lansia (60 tahun ke atas)": what the operator reads out."""
    parts = [view.code, tr_message(view.service_label)]
    if view.priority:
        parts.append(priority_label(view.priority))
    return " · ".join(parts)
