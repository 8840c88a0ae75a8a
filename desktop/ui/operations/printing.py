"""Printing a card and settling a job whose outcome was not recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.ui.operations import CARDS, JOBS, LEASES, QUOTA, STOCK, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.devices.base import Printer
    from desktop.services.issuance import PrintRequest
    from desktop.services.session import CurrentUser


def print_card(services: Services, user: CurrentUser, request: PrintRequest, lane: str,
               printer: Callable[[], Printer], progress: Callable[[object], None]) -> Op:
    """On the printer's own lane; a failed print still used a blanko and may leave a job to settle."""
    issuance = services.issuance
    return Op("print", lane, lambda: issuance.print_card(user, request, printer(), progress),
              {CARDS, QUOTA, STOCK, LEASES}, changes_on_failure={JOBS, QUOTA, STOCK, LEASES})


def settle_job(services: Services, user: CurrentUser, job_id: str, outcome: str) -> Op:
    jobs = services.jobs
    return Op("job.settle", "db", lambda: jobs.settle(user, job_id, outcome), {JOBS, CARDS, QUOTA, STOCK})
