"""The printer interface every implementation (USB, simulator, file, spooler) sits behind.

Drivers never talk to the operator: they raise `PrinterError` with a `Fault`, and report progress
through the optional callback. All calls on one printer come from that printer's own thread.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.domain.card import CardRaster


class PrinterState(enum.Enum):
    READY = "ready"
    PRINTING = "printing"
    ATTENTION = "attention"  # needs the operator: no cards, ribbon, cover, jam
    DISCONNECTED = "disconnected"
    UNKNOWN = "unknown"  # no valid reply came: never reported as ready


class Fault(enum.Enum):
    NO_CARD = "no_card"
    RIBBON = "ribbon"
    COVER_OPEN = "cover_open"
    JAM = "jam"
    DISCONNECTED = "disconnected"
    NO_REPLY = "no_reply"
    GARBLED = "garbled"
    COMMAND_ERROR = "command_error"
    # An OS print queue (spooler://) reports the job's fate, not the printer's:
    QUEUE_WAITING = "queue_waiting"  # the queue is stopped or did not start the job in time
    QUEUE_CANCELLED = "queue_cancelled"  # someone cancelled the job in the queue
    QUEUE_FAILED = "queue_failed"  # the queue aborted the job, or it never completed


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    fault: Fault | None = None
    detail: str = ""


# How a status's detail begins a note on the last card's reply (`Rlr;p` "NO CARD"/"ERR CARD"): such a
# reading may be stale, so the printer still reads as ready, but a fault it confirms is not cleared.
LAST_CARD_NOTE = "last card:"


@dataclass(frozen=True)
class PrinterIdentity:
    model: str
    serial: str
    firmware: str


@dataclass(frozen=True)
class CardJob:
    """One card to print: the front raster (and the back when the printer is duplex)."""

    job_id: str
    front: CardRaster
    back: CardRaster | None = None
    encode_chip: bool = False


@dataclass
class PrintProgress:
    step: str  # "sending", "printing", "done"
    fraction: float = 0.0
    extra: dict = field(default_factory=dict)


ProgressCallback = Callable[[PrintProgress], None]


class PrinterError(Exception):
    """A printer fault, and what became of the card.

    `card_consumed`: True = the blanko was used (spoiled), False = it is untouched (back to stock),
    None = nobody can tell (the job is left for a supervisor to settle).
    """

    def __init__(self, fault: Fault, detail: str = "", *, card_consumed: bool | None) -> None:
        super().__init__(f"{fault.value}: {detail}" if detail else fault.value)
        self.fault = fault
        self.detail = detail
        self.card_consumed = card_consumed
        # The card's commands as (label, bytes), where the driver sent a byte stream: kept for the support
        # bundle (desktop/services/failed_card.py).
        self.card_stream: list[tuple[str, bytes]] | None = None


class Printer(ABC):
    """A card printer, addressed by its URI (`usb://VID:PID/SERIAL`, `sim://NAME`, `file://PATH`, ...)."""

    uri: str

    @property
    def duplex(self) -> bool:
        """Whether the printer prints the back too (then a job carries the back raster)."""
        return bool(getattr(getattr(self, "options", None), "duplex", False))

    @property
    def bleed_mm(self) -> float:
        """How far past the card's edges the printer wants the card drawn (retransfer printers)."""
        return 0.0

    @abstractmethod
    def open(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def status(self) -> PrinterStatus: ...

    @abstractmethod
    def identity(self) -> PrinterIdentity: ...

    @abstractmethod
    def counters(self) -> dict[str, int]: ...

    @abstractmethod
    def print_card(self, job: CardJob, progress: ProgressCallback | None = None) -> None:
        """Print one card; return when it is ejected, raise PrinterError on a fault."""

    def cancel(self) -> None:  # noqa: B027 - optional for drivers that cannot cancel
        """Abort the card in progress, if the printer can."""

    def __enter__(self) -> Printer:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
