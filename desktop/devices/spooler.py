"""`spooler://NAME`: a card printer reached through the operating system's print queue.

For printers that only have a vendor driver (HID Fargo HDP5000, Zebra ZXP, Windows-only Evolis
drivers) or whose USB interface the WinUSB driver may not take. The card goes out as one page of
exactly 85.60 x 53.98 mm (plus the bleed on every side, for retransfer printers) with the card's
300 dpi raster on it at its own size: nothing is scaled or fitted.

Linux and macOS (CUPS, through libcups: desktop/devices/cups.py): the page is a PDF with the raster
stored losslessly, sent with the queue's own media of that size (a queue without one is refused
before any blanko is touched) and `print-scaling=none`. The station then follows the job in the
queue and turns its state into the print's outcome:
    completed                                -> the card is issued
    cancelled before it started processing   -> nothing was printed: the blanko goes back to stock
    not started after `start` seconds        -> the station cancels it; if it still had not started,
                                                the blanko goes back to stock
    cancelled or aborted after it started,   -> nobody knows whether a card came out: the job is left
    not completed `timeout` s after starting    for a supervisor to settle (the station cancels a job
                                                that overran, so it cannot print later unseen)
"Completed" is the queue's word: the driver has handed the whole job to the printer. A jam after
that is seen by the operator at the printer.

Windows (and where libcups is missing): Qt's QPrinter paints the raster on a page of the same size
for the vendor driver. Qt does not say which queue job it made, so the station cannot follow it:
the card counts as issued once the driver took the job. See docs/spooler.md.

URI parameters: `bleed=MM` (0 to 3 mm past the trim on every side), `start=S` (default 120),
`timeout=S` (default 300, as the vendor SDK waits for a card), `duplex=1` (a back, if the template
asks for one), `pdf=PATH` (paint into a PDF file through the Windows path instead of printing).
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import threading
import time

from desktop import platform as system
from desktop.devices import cups
from desktop.devices.base import (
    CardJob,
    Fault,
    Printer,
    PrinterError,
    PrinterIdentity,
    PrinterState,
    PrinterStatus,
    PrintProgress,
    ProgressCallback,
)
from desktop.devices.spooler_page import not_found, page_size_mm, spooler_uri
from desktop.domain.card import (
    CARD_DPI,
    CARD_HEIGHT_PX,
    CARD_WIDTH_PX,
    CardRaster,
    bleed_pixels,
)
from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.devices")

MAX_BLEED_MM = 3.0
START_TIMEOUT_S = 120.0
PRINT_TIMEOUT_S = 300.0
POLL_INTERVAL_S = 1.0
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


def _check_raster(raster: CardRaster, bleed_mm: float) -> None:
    extra = 2 * bleed_pixels(bleed_mm)
    if (raster.width, raster.height) != (CARD_WIDTH_PX + extra, CARD_HEIGHT_PX + extra):
        raise ValueError(
            f"a card raster with {bleed_mm} mm bleed must be {CARD_WIDTH_PX + extra}x{CARD_HEIGHT_PX + extra}, "
            f"got {raster.width}x{raster.height}"
        )


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
        _check_raster(raster, bleed_mm)
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


def uses_cups() -> bool:
    """Whether print queues are reached through CUPS here (else through Qt: Windows)."""
    return not system.WINDOWS and cups.available()


def list_spooler_printers() -> list[tuple[str, str, PrinterStatus]]:
    """(uri, make and model, status) of every OS printer queue."""
    if uses_cups():
        return [
            (spooler_uri(q.name), q.make_and_model or q.info or q.name, _queue_status(q))
            for q in cups.queues()
        ]
    from desktop.devices import qt_spooler

    return qt_spooler.list_printers()


class SpoolerPrinter(Printer):
    """A card printer behind an OS print queue (see the module docstring for the outcomes)."""

    def __init__(
        self, name: str, *, uri: str | None = None, pdf_path: str | None = None, bleed_mm: float = 0.0,
        start_timeout: float = START_TIMEOUT_S, print_timeout: float = PRINT_TIMEOUT_S, duplex: bool = False,
        poll_interval: float = POLL_INTERVAL_S,
    ) -> None:
        if not 0.0 <= bleed_mm <= MAX_BLEED_MM:
            raise ValueError(f"bleed must be between 0 and {MAX_BLEED_MM} mm")
        self.name = name
        self.uri = uri or spooler_uri(name)
        self.pdf_path = pdf_path
        self.bleed = bleed_mm
        self.start_timeout = start_timeout
        self.print_timeout = print_timeout
        self.poll_interval = poll_interval
        self._duplex = duplex
        self._cards = 0
        self._cancel = threading.Event()
        self._media: cups.Media | None = None

    @property
    def duplex(self) -> bool:
        return self._duplex

    @property
    def bleed_mm(self) -> float:
        return self.bleed

    @property
    def _cups(self) -> bool:
        return self.pdf_path is None and uses_cups()

    def open(self) -> None:
        if not self._cups:
            from desktop.devices import qt_spooler

            qt_spooler.check_printer(self)
            return
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
        if not self._cups:
            from desktop.devices import qt_spooler

            return qt_spooler.status(self)
        try:
            return _queue_status(cups.queue(self.name))
        except cups.CupsError as exc:
            return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, str(exc))

    def identity(self) -> PrinterIdentity:
        if not self._cups:
            from desktop.devices import qt_spooler

            return qt_spooler.identity(self)
        queue = cups.queue(self.name)
        model = (queue.make_and_model or queue.info) if queue else ""
        return PrinterIdentity(model=model or self.name, serial=self.name, firmware="")

    def counters(self) -> dict[str, int]:
        return {"cards_printed": self._cards}

    def cancel(self) -> None:
        """Cancel the card in progress in the queue (from any thread); the outcome follows the rules above."""
        self._cancel.set()

    def print_card(self, job: CardJob, progress: ProgressCallback | None = None) -> None:
        if job.encode_chip:
            raise PrinterError(Fault.COMMAND_ERROR, "the spooler cannot encode the chip", card_consumed=False)
        sides = [job.front] + ([job.back] if job.back is not None else [])
        for side in sides:
            _check_raster(side, self.bleed)
        self._cancel.clear()
        if not self._cups:
            from desktop.devices import qt_spooler

            qt_spooler.print_sides(self, sides, progress)
        else:
            self._print_cups(job, sides, progress or (lambda _update: None))
        self._cards += 1

    # -- CUPS --------------------------------------------------------------------------------

    def _print_cups(self, job: CardJob, sides: list[CardRaster], progress: ProgressCallback) -> None:
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
        self._follow(job_id, progress)

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

    def _follow(self, job_id: int, progress: ProgressCallback) -> None:
        """Wait for the queue's verdict on the job; raise PrinterError unless it completed."""
        submitted = time.monotonic()
        started: float | None = None
        while True:
            if self._cancel.is_set():
                self._cancel.clear()
                log.info("cancelling queue job %s on %s at the operator's request", job_id, self.uri)
                cups.cancel(self.name, job_id)
            state = self._job(job_id)
            now = time.monotonic()
            if state is None:
                raise PrinterError(Fault.QUEUE_FAILED, f"queue job {job_id} disappeared from the queue",
                                   card_consumed=started is not None)
            if state.state is cups.JobState.COMPLETED:
                log.info("queue job %s on %s completed", job_id, self.uri)
                progress(PrintProgress("done", 1.0, {"queue_job": job_id}))
                return
            if state.state in (cups.JobState.CANCELED, cups.JobState.ABORTED):
                fault = Fault.QUEUE_CANCELLED if state.state is cups.JobState.CANCELED else Fault.QUEUE_FAILED
                when = "after it started" if state.started else "before it started"
                raise PrinterError(fault, f"queue job {job_id} {state.state.name.lower()} {when}",
                                   card_consumed=state.started)
            if state.started:
                if started is None:
                    started = now
                    progress(PrintProgress("printing", 0.6, {"queue_job": job_id}))
                if now - started > self.print_timeout:
                    cups.cancel(self.name, job_id)  # so that it cannot print later, after it was settled
                    raise PrinterError(
                        Fault.QUEUE_FAILED,
                        f"queue job {job_id} not completed {self.print_timeout:.0f} s after it started; cancelled",
                        card_consumed=True,
                    )
            elif now - submitted > self.start_timeout:
                cups.cancel(self.name, job_id)
                after = self._job(job_id)
                if after is not None and (after.started or after.state is cups.JobState.COMPLETED):
                    continue  # it started after all: follow it as a started job
                raise PrinterError(
                    Fault.QUEUE_WAITING,
                    f"queue job {job_id} not started within {self.start_timeout:.0f} s; cancelled",
                    card_consumed=False,
                )
            time.sleep(self.poll_interval)

    def _job(self, job_id: int) -> cups.Job | None:
        try:
            return cups.job(self.name, job_id)
        except cups.CupsError as exc:
            # The server went away with our job in it: whatever happens, the outcome is not ours to know.
            raise PrinterError(Fault.QUEUE_FAILED, f"lost contact with the print queue: {exc}",
                               card_consumed=True) from exc
