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
that is seen by the operator at the printer. A stopped (paused) queue, a held job or a printer that
needs someone is shown to the operator at the next reading ("antrian printer dijeda"), with the choice
to wait or to cancel the card (`cancel`), instead of after the time-out.

Windows (and where libcups is missing): Qt's QPrinter paints the raster on a page of the same size
for the vendor driver, under a unique document name (`KTP-el <job prefix>`); on Windows the station
then finds that job in the spooler (winspool.drv, desktop/devices/winspool_api.py) and follows it
with the table in desktop/devices/windows_spooler.py. See docs/spooler.md.

Both backends follow their job with one loop (`SpoolerPrinter._follow`): a backend's `QueueJob` says
what one look at the job shows (`Look`); the loop reports it as progress ("printing", "waiting" with
the reason shown to the operator, "done"), cancels the job when the operator asks, and ends with the
verdict.

URI parameters: `bleed=MM` (0 to 3 mm past the trim on every side), `start=S` (default 120),
`timeout=S` (default 300, as the vendor SDK waits for a card), `duplex=1` (a back, if the template
asks for one), `pdf=PATH` (paint into a PDF file through the Windows path instead of printing).

One printer class per backend: `CupsSpoolerPrinter` (desktop/devices/cups_spooler.py) and
`QtSpoolerPrinter` (desktop/devices/qt_spooler.py); what they share is here (`SpoolerPrinter`, the
URI, the page the card goes on, the sentence for a missing queue), and `desktop/devices/registry.py`
picks the backend for a URI on this platform (`spooler_backend`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from desktop.devices.base import (
    CardJob,
    Fault,
    Printer,
    PrinterError,
    PrinterStatus,
    PrintProgress,
    ProgressCallback,
)
from desktop.domain.card import (
    CARD_HEIGHT_MM,
    CARD_HEIGHT_PX,
    CARD_WIDTH_MM,
    CARD_WIDTH_PX,
    CardRaster,
    bleed_pixels,
)
from desktop.domain.text import msg
from desktop.errors import UserFacingError

MAX_BLEED_MM = 3.0
START_TIMEOUT_S = 120.0
PRINT_TIMEOUT_S = 300.0
POLL_INTERVAL_S = 1.0

log = logging.getLogger("ktp.devices")

PAUSED_TEXT = msg("antrian printer dijeda")


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


def check_raster(raster: CardRaster, bleed_mm: float) -> None:
    extra = 2 * bleed_pixels(bleed_mm)
    if (raster.width, raster.height) != (CARD_WIDTH_PX + extra, CARD_HEIGHT_PX + extra):
        raise ValueError(
            f"a card raster with {bleed_mm} mm bleed must be {CARD_WIDTH_PX + extra}x{CARD_HEIGHT_PX + extra}, "
            f"got {raster.width}x{raster.height}"
        )


@dataclass(frozen=True)
class Look:
    """What one look at a job in the OS queue shows."""

    printing: bool = False  # the queue has started it: a card may be coming out
    done: bool = False  # the queue has finished it: the card is issued
    failure: PrinterError | None = None  # the queue's verdict against it (released, or a supervisor's)
    shown: str = ""  # why it waits, for the operator ("antrian printer dijeda"); "" while it just prints


class QueueJob(Protocol):
    """One job a backend sent to its queue, as the follow loop sees it."""

    ref: int  # the queue's job id, for the log and the progress reports

    def look(self, now: float) -> Look:
        """Read the job's state now (monotonic seconds) and say what it means; may cancel it on a time-out."""
        ...

    def cancel(self) -> None:
        """Ask the queue to delete the job (the operator cancelled the card)."""
        ...


class SpoolerPrinter(Printer):
    """A card printer behind an OS print queue; a backend class sends the sides (`_print_sides`) and says
    how its queue is (open, status, identity, `queues`)."""

    def __init__(
        self, name: str, *, uri: str | None = None, bleed_mm: float = 0.0, start_timeout: float = START_TIMEOUT_S,
        print_timeout: float = PRINT_TIMEOUT_S, duplex: bool = False, poll_interval: float = POLL_INTERVAL_S,
    ) -> None:
        if not 0.0 <= bleed_mm <= MAX_BLEED_MM:
            raise ValueError(f"bleed must be between 0 and {MAX_BLEED_MM} mm")
        self.name = name
        self.uri = uri or spooler_uri(name)
        self.bleed = bleed_mm
        self.start_timeout = start_timeout
        self.print_timeout = print_timeout
        self.poll_interval = poll_interval
        self._duplex = duplex
        self._cards = 0
        self._cancel = threading.Event()
        # The follow loop's clock and pause; a pause ends early when the operator cancels. Tests swap both.
        self.clock: Callable[[], float] = time.monotonic
        self.sleep: Callable[[float], object] = self._cancel.wait

    @staticmethod
    def queues() -> list[tuple[str, str, PrinterStatus]]:
        """(uri, make and model, status) of every print queue this backend reaches."""
        raise NotImplementedError

    @property
    def duplex(self) -> bool:
        return self._duplex

    @property
    def bleed_mm(self) -> float:
        return self.bleed

    def counters(self) -> dict[str, int]:
        return {"cards_printed": self._cards}

    def cancel(self) -> None:
        """Cancel the card in progress in the queue (from any thread), where the backend can."""
        self._cancel.set()

    def print_card(self, job: CardJob, progress: ProgressCallback | None = None) -> None:
        if job.encode_chip:
            raise PrinterError(Fault.COMMAND_ERROR, "the spooler cannot encode the chip", card_consumed=False)
        sides = [job.front] + ([job.back] if job.back is not None else [])
        for side in sides:
            check_raster(side, self.bleed)
        self._cancel.clear()
        self._print_sides(job, sides, progress or (lambda _update: None))
        self._cards += 1

    def _print_sides(self, job: CardJob, sides: list[CardRaster], progress: ProgressCallback) -> None:
        raise NotImplementedError

    def _follow(self, job: QueueJob, progress: ProgressCallback, fraction: float = 0.6) -> None:
        """Follow the job in the queue until its verdict: return when the card is issued, raise PrinterError
        otherwise. Each change of what the operator must know is reported at once ("waiting", with the
        reason under `shown` and whether the queue is paused), so a paused queue is seen within one poll."""
        printing, shown = False, ""
        while True:
            if self._cancel.is_set():
                self._cancel.clear()
                log.info("cancelling queue job %s on %s at the operator's request", job.ref, self.uri)
                job.cancel()
            look = job.look(self.clock())
            extra = {"queue_job": job.ref}
            if look.failure is not None:
                log.info("queue job %s on %s: %s", job.ref, self.uri, look.failure)
                raise look.failure
            started = look.printing and not printing
            if started:
                printing = True
                progress(PrintProgress("printing", fraction, extra))
            if look.done:
                log.info("queue job %s on %s completed", job.ref, self.uri)
                progress(PrintProgress("done", 1.0, extra))
                return
            if look.shown != shown:
                shown = look.shown
                if shown:
                    log.info("queue job %s on %s waits: %s", job.ref, self.uri, shown)
                    progress(PrintProgress("waiting", fraction, {**extra, "shown": shown,
                                                                 "paused": shown == PAUSED_TEXT}))
                elif not started:
                    progress(PrintProgress("printing" if printing else "sending", fraction, extra))
            self.sleep(self.poll_interval)
