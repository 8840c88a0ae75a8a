"""The queue ticket's paper (issue 25 item 3) from the UI: the `TICKET_PRINTER` setting read on the database
lane, the ticket printed on its own lane (`ticket`: a receipt printer's USB handle is used by one thread; on
Windows a print queue's page is drawn with pdfium, which shares the `pdf` lane), then whether the paper came out
recorded on the ticket. The caller gets the `TicketOutcome` and shows the number on screen when it says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.devices.ticket_printers import TicketOutcome, print_ticket
from desktop.ui.operations import Op, QueryOp

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.queue import TicketView
    from desktop.ui.operations import Operations


def ticket_lane(target: str) -> str:
    from desktop import platform as system

    if system.WINDOWS and target.strip().startswith("spooler:"):
        return "pdf"
    return "ticket"


def print_paper(ops: Operations, services: Services, view: TicketView,
                done: Callable[[TicketOutcome], None], origin: object | None = None) -> None:
    """Print `view` where the station's tickets go; `done(outcome)` on the GUI thread once it is recorded."""
    queue = services.queue

    def recorded(outcome: TicketOutcome) -> None:
        Op("queue.ticket_paper", "db", lambda: queue.mark_printed(view.ticket_id, outcome.printed), ()).success(
            lambda _none: done(outcome)).run_in(ops, origin)

    def target_read(target: str) -> None:
        if not target:
            done(TicketOutcome(False))  # on screen only: nothing to record
            return
        QueryOp(ticket_lane(target), lambda: print_ticket(view, target)).success(recorded).run_in(ops, origin)

    QueryOp("db", lambda: queue.settings()["ticket_printer"] or "").success(target_read).run_in(ops, origin)
