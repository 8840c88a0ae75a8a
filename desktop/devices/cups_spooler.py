"""The spooler backend through CUPS (libcups, desktop/devices/cups.py): Linux and macOS print queues.

The card goes out as a PDF with the raster stored losslessly, with the queue's own media of the card's
size (a queue without one is refused before any blanko is touched) and `print-scaling=none`; the
station then follows the job in the queue and turns its state into the print's outcome (the table is
in desktop/devices/spooler.py).
"""

from __future__ import annotations

import io
import logging
import os
import tempfile

from desktop.devices import cups
from desktop.devices.base import (
    CardJob,
    Fault,
    PrinterError,
    PrinterIdentity,
    PrinterState,
    PrinterStatus,
    PrintProgress,
    ProgressCallback,
)
from desktop.devices.spooler import (
    PAUSED_TEXT,
    Look,
    SpoolerPrinter,
    check_raster,
    not_found,
    page_size_mm,
    spooler_uri,
)
from desktop.domain.card import CARD_DPI, CardRaster
from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.devices")

PT_PER_MM = 72 / 25.4

# printer-state-reasons (RFC 8011 / PWG 5100.9) that stop a card printer, by the fault they mean.
_REASON_FAULTS = {
    "media-empty": Fault.NO_CARD,
    "media-needed": Fault.NO_CARD,
    "media-jam": Fault.JAM,
    "door-open": Fault.COVER_OPEN,
    "cover-open": Fault.COVER_OPEN,
    "marker-supply-empty": Fault.RIBBON,
    "toner-empty": Fault.RIBBON,
    "offline": Fault.DISCONNECTED,  # CUPS backends say "offline-report" when the device does not answer
}


def card_pdf(sides: list[CardRaster], bleed_mm: float = 0.0) -> bytes:
    """One page per side at the card's size plus the bleed, each raster at its own 300 dpi size,
    centred (a fraction of a pixel at most), stored losslessly."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    width_mm, height_mm = page_size_mm(bleed_mm)
    page = (width_mm * PT_PER_MM, height_mm * PT_PER_MM)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=page, invariant=1, pageCompression=1)
    canvas.setTitle("KTP-el")
    canvas.setCreator("KTP-el Mandiri")
    for raster in sides:
        check_raster(raster, bleed_mm)
        w, h = raster.width * 72 / CARD_DPI, raster.height * 72 / CARD_DPI
        image = Image.frombytes("RGB", (raster.width, raster.height), raster.rgb)
        canvas.drawImage(ImageReader(image), (page[0] - w) / 2, (page[1] - h) / 2, w, h)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _queue_status(queue: cups.Queue | None) -> PrinterStatus:
    if queue is None:
        return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, "no such printer queue")
    reasons = ", ".join(queue.reasons)
    for reason in queue.reasons:
        fault = _REASON_FAULTS.get(reason.removesuffix("-error").removesuffix("-report").removesuffix("-warning"))
        if fault is not None and not reason.endswith("-warning"):
            return PrinterStatus(PrinterState.ATTENTION, fault, f"queue: {reasons}")
    if queue.state is cups.QueueState.STOPPED or not queue.accepting:
        why = "stopped" if queue.state is cups.QueueState.STOPPED else "not accepting jobs"
        return PrinterStatus(PrinterState.ATTENTION, None, f"queue {why}" + (f": {reasons}" if reasons else ""))
    if queue.state is cups.QueueState.PROCESSING:
        return PrinterStatus(PrinterState.PRINTING, None, "queue printing")
    if queue.state is cups.QueueState.IDLE:
        return PrinterStatus(PrinterState.READY, None, "queue idle")
    return PrinterStatus(PrinterState.UNKNOWN, None, "queue state unknown")


class CupsSpoolerPrinter(SpoolerPrinter):
    """A card printer behind a CUPS queue (the outcomes: desktop/devices/spooler.py)."""

    _media: cups.Media | None = None

    @staticmethod
    def queues() -> list[tuple[str, str, PrinterStatus]]:
        return [(spooler_uri(q.name), q.make_and_model or q.info or q.name, _queue_status(q)) for q in cups.queues()]

    def open(self) -> None:
        try:
            queue = cups.queue(self.name)
        except cups.CupsError as exc:
            raise UserFacingError(
                msg("Layanan cetak sistem (CUPS) tidak dapat dihubungi ({detail}). Periksa bahwa layanan "
                    "CUPS berjalan.", detail=str(exc)),
                code="printer_not_found",
            ) from exc
        if queue is None:
            raise not_found(self.uri)
        width, height = page_size_mm(self.bleed)
        self._media = cups.media_by_size(self.name, width, height)
        if self._media is None:
            raise UserFacingError(
                msg("Antrean printer '{name}' tidak punya ukuran kertas kartu {width} x {height} mm; kartu "
                    "tidak dikirim agar tidak diperkecil. Pasang driver printer kartu yang benar atau pilih "
                    "ukuran kartu di pengaturan antrean.", name=self.name, width=f"{width:.2f}".replace(".", ","),
                    height=f"{height:.2f}".replace(".", ",")),
                code="queue_page_size",
            )
        log.info("opened %s (media %s)", self.uri, self._media.name)

    def close(self) -> None:
        self._media = None

    def status(self) -> PrinterStatus:
        try:
            return _queue_status(cups.queue(self.name))
        except cups.CupsError as exc:
            return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, str(exc))

    def identity(self) -> PrinterIdentity:
        queue = cups.queue(self.name)
        model = (queue.make_and_model or queue.info) if queue else ""
        return PrinterIdentity(model=model or self.name, serial=self.name, firmware="")

    def _print_sides(self, job: CardJob, sides: list[CardRaster], progress: ProgressCallback) -> None:
        if self._media is None:
            raise PrinterError(Fault.DISCONNECTED, "the print queue is not open", card_consumed=False)
        status = self.status()
        if status.state in (PrinterState.ATTENTION, PrinterState.DISCONNECTED):
            # Nothing is queued while the queue cannot print: the blanko stays where it is.
            raise PrinterError(status.fault or Fault.QUEUE_WAITING, status.detail, card_consumed=False)
        options = {"media": self._media.name, "print-scaling": "none", "fit-to-page": "false",
                   "sides": "two-sided-long-edge" if len(sides) > 1 else "one-sided"}
        job_id = self._submit(card_pdf(sides, self.bleed), f"KTP-el {job.job_id[:8]}", options)
        progress(PrintProgress("sending", 0.5, {"queue_job": job_id}))
        self._follow(CupsQueueJob(self, job_id, self.clock()), progress)

    def _submit(self, pdf: bytes, title: str, options: dict[str, str]) -> int:
        # The page holds personal data: a private file, removed as soon as the queue has its copy.
        fd, path = tempfile.mkstemp(prefix="ktp-card-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(pdf)
            return cups.submit(self.name, path, title, options)
        except cups.CupsError as exc:
            raise PrinterError(Fault.QUEUE_WAITING, f"the queue refused the job: {exc}", card_consumed=False) from exc
        finally:
            os.unlink(path)

    def _job(self, job_id: int) -> cups.Job | None:
        try:
            return cups.job(self.name, job_id)
        except cups.CupsError as exc:
            # The server went away with our job in it: whatever happens, the outcome is not ours to know.
            raise PrinterError(Fault.QUEUE_FAILED, f"lost contact with the print queue: {exc}",
                               card_consumed=True) from exc


HELD_TEXT = msg("pekerjaan ditahan di antrian printer")
STOPPED_TEXT = msg("antrian printer menghentikan pekerjaan; periksa printer")


class CupsQueueJob:
    """One job in a CUPS queue, read for the follow loop (the table: desktop/devices/spooler.py)."""

    def __init__(self, printer: CupsSpoolerPrinter, job_id: int, submitted: float) -> None:
        self.printer = printer
        self.ref = job_id
        self.submitted = submitted
        self.started: float | None = None

    def cancel(self) -> None:
        try:
            cups.cancel(self.printer.name, self.ref)
        except cups.CupsError as exc:  # followed on: the next look says where the job is
            log.warning("could not cancel queue job %s on %s: %s", self.ref, self.printer.uri, exc)

    def look(self, now: float) -> Look:
        job_id, state = self.ref, self.printer._job(self.ref)
        if state is None:
            return Look(failure=PrinterError(Fault.QUEUE_FAILED, f"queue job {job_id} disappeared from the queue",
                                             card_consumed=self.started is not None))
        if state.state is cups.JobState.COMPLETED:
            return Look(printing=True, done=True)
        if state.state in (cups.JobState.CANCELED, cups.JobState.ABORTED):
            fault = Fault.QUEUE_CANCELLED if state.state is cups.JobState.CANCELED else Fault.QUEUE_FAILED
            when = "after it started" if state.started else "before it started"
            return Look(failure=PrinterError(fault, f"queue job {job_id} {state.state.name.lower()} {when}",
                                             card_consumed=state.started))
        if state.started:
            if self.started is None:
                self.started = now
            if now - self.started > self.printer.print_timeout:
                self.cancel()  # so that it cannot print later, after it was settled
                return Look(failure=PrinterError(
                    Fault.QUEUE_FAILED,
                    f"queue job {job_id} not completed {self.printer.print_timeout:.0f} s after it started; cancelled",
                    card_consumed=True))
        elif now - self.submitted > self.printer.start_timeout:
            self.cancel()
            after = self.printer._job(job_id)
            if after is not None and (after.started or after.state is cups.JobState.COMPLETED):
                return Look(printing=True)  # it started after all: followed as a started job
            return Look(failure=PrinterError(
                Fault.QUEUE_WAITING, f"queue job {job_id} not started within {self.printer.start_timeout:.0f} s; cancelled",
                card_consumed=False))
        return Look(printing=state.started, shown=self._waiting_for(state))

    def _waiting_for(self, state: cups.Job) -> str:
        """Why the job does not go on, in words for the operator ("" when nothing holds it): a stopped
        (paused) queue, a held or stopped job, a printer the queue reports needing someone."""
        try:
            queue = cups.queue(self.printer.name)
        except cups.CupsError:
            queue = None  # the job's own state was just read: the next look tells whether the server went
        if queue is not None and queue.state is cups.QueueState.STOPPED:
            return PAUSED_TEXT
        if state.state is cups.JobState.HELD:
            return HELD_TEXT
        if state.state is cups.JobState.STOPPED:
            return STOPPED_TEXT
        status = _queue_status(queue) if queue is not None else None
        if status is not None and status.fault is not None:
            return msg("antrian printer melaporkan: {reasons}", reasons=", ".join(queue.reasons))
        return ""
