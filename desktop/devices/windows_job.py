"""A card's job in the Windows spooler, followed after Qt handed the page to the driver.

The job is found by its unique document name (`KTP-el <job prefix>`, EnumJobsW), then read by its id
(GetJobW) at every look; `JobWatch` (desktop/devices/windows_spooler.py) turns its status bits into the
outcome, and the printer's own state (paused, offline, out of cards) is shown while the job waits.
Cancelling deletes the job (SetJobW JOB_CONTROL_DELETE). The loop around it is the one CUPS jobs have
(`SpoolerPrinter._follow`).
"""

from __future__ import annotations

import logging

from desktop.devices import winspool_api
from desktop.devices.base import Fault, PrinterError
from desktop.devices.spooler import Look
from desktop.devices.windows_spooler import JOB_DELETED, JOB_DELETING, JobWatch, Outcome, printer_problem

log = logging.getLogger("ktp.devices")


class WindowsQueueJob:
    """The job named `document` on the Windows printer `printer`, submitted at `submitted` (monotonic s)."""

    def __init__(self, printer: str, document: str, submitted: float, start_timeout: float,
                 print_timeout: float) -> None:
        self.printer = printer
        self.document = document
        self.watch = JobWatch(submitted, start_timeout, print_timeout)
        self.ref = 0  # the spooler's job id, once found by its name
        self.deleted = False

    def cancel(self) -> None:
        try:
            if not self.ref:
                self._read()  # cancelled before the first look: find the job by its name first
            if not self.ref:
                return
            winspool_api.delete_job(self.printer, self.ref)
        except OSError as exc:  # followed on: the next look says where the job is
            log.warning("could not delete job %s on %s: %s", self.ref, self.printer, exc)
            return
        self.deleted = True

    def look(self, now: float) -> Look:
        try:
            current = self._read()
            status = current.status if current is not None else None
            if status is None and self.deleted and self.watch.printing_since is None:
                # Gone after the station deleted it, never seen printing: the deletion took it.
                status = JOB_DELETED
            verdict = self.watch.observe(status, now)
            if verdict.outcome is Outcome.WAITING:
                return Look(printing=self.watch.printing_since is not None,
                            shown=verdict.shown or self._printer_problem())
        except OSError as exc:
            # The spooler stopped answering with our job in it: whatever happens, the outcome is not ours to know.
            return Look(failure=PrinterError(Fault.QUEUE_FAILED, f"lost contact with the Windows spooler: {exc}",
                                             card_consumed=None))
        if verdict.outcome is Outcome.ISSUED:
            return Look(printing=True, done=True)
        if verdict.outcome is Outcome.RELEASED:
            return Look(failure=PrinterError(Fault.QUEUE_CANCELLED, f"job {self.ref}: {verdict.shown}",
                                             card_consumed=False))
        if current is not None and not status & (JOB_DELETING | JOB_DELETED):
            self.cancel()  # stuck past its time-out: it must not print later, after it was settled
        fault = Fault.QUEUE_CANCELLED if status is not None and status & (JOB_DELETING | JOB_DELETED) \
            else Fault.QUEUE_FAILED
        return Look(failure=PrinterError(fault, f"job {self.ref}: {verdict.shown}", card_consumed=None))

    def _read(self) -> winspool_api.WindowsJob | None:
        if not self.ref:
            named = [job for job in winspool_api.jobs(self.printer) if job.document == self.document]
            if not named:
                return None
            found = max(named, key=lambda job: job.job_id)
            self.ref = found.job_id
            log.info("card's job is %s on the Windows printer %s", self.ref, self.printer)
            return found
        return winspool_api.job(self.printer, self.ref)

    def _printer_problem(self) -> str:
        """The printer's own state while the job waits (a paused printer leaves its jobs' bits clear)."""
        printer = winspool_api.printer(self.printer)
        return (printer_problem(printer.status, printer.attributes) or "") if printer is not None else ""
