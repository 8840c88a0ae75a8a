"""The rules of Windows' print spooler, as pure functions (no Qt, no ctypes): which of the driver's own
paper sizes the card goes on, what a job's status bits mean for the card, whether a printer may be sent
a card now, and which printers are not card printers at all.

Qt's Windows print engine applies a page only when the driver lists that size, and card drivers list
CR80 in portrait (53.98 x 85.60 mm) with landscape chosen separately; a custom 85.60 x 53.98 page is
silently ignored. So the station picks the driver's own size that holds the card within 0.3 mm in
either orientation, sets the orientation that makes it the card's shape, and checks the result.

The job's status is the `Status` of `JOB_INFO_1W` (winspool.h `JOB_STATUS_*`), read while the job is
followed (desktop/devices/winspool_api.py reads it; `JobWatch` decides; desktop/devices/windows_job.py
follows the card's job with it):
    seen PRINTING or PRINTED, then gone or completed     -> the card is issued
    DELETING/DELETED before it was seen printing          -> nothing printed: the blanko goes back
    ERROR, OFFLINE, PAPEROUT, BLOCKED_DEVQ,               -> shown to the operator, still waiting
      USER_INTERVENTION
    PAUSED                                                 -> shown ("antrian printer dijeda"), waiting
    gone without being seen printing, or deleted after     -> nobody knows whether a card came out:
      it printed, or still not done past the time-out        a supervisor's decision
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from desktop.devices.spooler import PAUSED_TEXT
from desktop.domain.card import CARD_HEIGHT_MM, CARD_WIDTH_MM
from desktop.domain.text import msg

PAGE_TOLERANCE_MM = 0.3

# winspool.h JOB_STATUS_*
JOB_PAUSED = 0x1
JOB_ERROR = 0x2
JOB_DELETING = 0x4
JOB_SPOOLING = 0x8
JOB_PRINTING = 0x10
JOB_OFFLINE = 0x20
JOB_PAPEROUT = 0x40
JOB_PRINTED = 0x80
JOB_DELETED = 0x100
JOB_BLOCKED_DEVQ = 0x200
JOB_USER_INTERVENTION = 0x400
JOB_RESTART = 0x800
JOB_COMPLETE = 0x1000

# winspool.h PRINTER_STATUS_* and PRINTER_ATTRIBUTE_WORK_OFFLINE
PRINTER_PAUSED = 0x1
PRINTER_ERROR = 0x2
PRINTER_PENDING_DELETION = 0x4
PRINTER_PAPER_JAM = 0x8
PRINTER_PAPER_OUT = 0x10
PRINTER_PAPER_PROBLEM = 0x40
PRINTER_OFFLINE = 0x80
PRINTER_NOT_AVAILABLE = 0x1000
PRINTER_NO_TONER = 0x40000
PRINTER_USER_INTERVENTION = 0x100000
PRINTER_DOOR_OPEN = 0x400000
ATTRIBUTE_WORK_OFFLINE = 0x400

_ATTENTION = {  # job bits the operator can act on, in the order they are named
    JOB_PAPEROUT: msg("printer kehabisan kartu"),
    JOB_OFFLINE: msg("printer offline"),
    JOB_BLOCKED_DEVQ: msg("driver printer menahan pekerjaan"),
    JOB_USER_INTERVENTION: msg("printer menunggu tindakan petugas"),
    JOB_ERROR: msg("printer melaporkan galat"),
}

_PRINTER_PROBLEMS = (  # printer bits that refuse a card before it is sent, in the order they are named
    (PRINTER_PAUSED, PAUSED_TEXT),
    (PRINTER_OFFLINE | PRINTER_NOT_AVAILABLE, msg("printer offline")),
    (PRINTER_PAPER_OUT, msg("printer kehabisan kartu")),
    (PRINTER_PAPER_JAM, msg("kartu macet di printer")),
    (PRINTER_DOOR_OPEN, msg("tutup printer terbuka")),
    (PRINTER_NO_TONER, msg("ribbon printer habis")),
    (PRINTER_USER_INTERVENTION, msg("printer menunggu tindakan petugas")),
    (PRINTER_ERROR | PRINTER_PAPER_PROBLEM, msg("printer melaporkan galat")),
    (PRINTER_PENDING_DELETION, msg("printer sedang dihapus dari Windows")),
)

# Ports and drivers of Windows' own virtual printers: never a card printer.
VIRTUAL_PORTS = {"portprompt:", "nul:", "xpsport:", "shrfax:"}
VIRTUAL_DRIVERS = ("microsoft print to pdf", "microsoft xps document writer", "microsoft shared fax driver")


@dataclass(frozen=True)
class Paper:
    """One paper size the driver lists (`DeviceCapabilities` DC_PAPERS/DC_PAPERSIZE, or Qt's
    `QPrinterInfo.supportedPageSizes()`), in millimetres as listed (portrait as a rule)."""

    name: str
    width_mm: float
    height_mm: float
    ident: int = 0  # the driver's DMPAPER_* number, where known


@dataclass(frozen=True)
class PageChoice:
    paper: Paper
    landscape: bool  # the orientation that turns the listed size into the card's shape (wider than high)

    def size_mm(self) -> tuple[float, float]:
        """The page as it will be printed (the orientation applied): width, height."""
        w, h = self.paper.width_mm, self.paper.height_mm
        return (h, w) if self.landscape else (w, h)


def card_page_mm(bleed_mm: float) -> tuple[float, float]:
    return CARD_WIDTH_MM + 2 * bleed_mm, CARD_HEIGHT_MM + 2 * bleed_mm


def choose_page(offered: list[Paper], bleed_mm: float = 0.0,
                tolerance_mm: float = PAGE_TOLERANCE_MM) -> PageChoice | None:
    """The driver's paper that is the card (plus the bleed) within `tolerance_mm` on both sides, in either
    orientation; the closest one when several are; None when the driver has none."""
    width, height = card_page_mm(bleed_mm)
    best: tuple[float, PageChoice] | None = None
    for paper in offered:
        for landscape, (w, h) in ((False, (paper.width_mm, paper.height_mm)),
                                  (True, (paper.height_mm, paper.width_mm))):
            off = max(abs(w - width), abs(h - height))
            if off <= tolerance_mm and (best is None or off < best[0]):
                best = (off, PageChoice(paper, landscape))
    return best[1] if best else None


def page_matches(got_mm: tuple[float, float], bleed_mm: float = 0.0, tolerance_mm: float = PAGE_TOLERANCE_MM) -> bool:
    """Whether the page the driver reports after the choice (width, height, orientation applied) is the card."""
    width, height = card_page_mm(bleed_mm)
    return abs(got_mm[0] - width) <= tolerance_mm and abs(got_mm[1] - height) <= tolerance_mm


def printer_problem(status: int, attributes: int = 0, jobs: int = 0) -> str | None:
    """Why a card must not be sent to the printer now (`PRINTER_INFO_2W` Status, Attributes, cJobs), in
    words for the operator; None when it may. Another job in the queue comes first: the card would wait
    behind it, and the station could not tell which job the printer is working on."""
    if attributes & ATTRIBUTE_WORK_OFFLINE:
        return msg("printer diatur 'Use Printer Offline' di Windows")
    for bits, text in _PRINTER_PROBLEMS:
        if status & bits:
            return text
    if jobs:
        return msg("{jobs} pekerjaan lain masih di antrian printer", jobs=jobs)
    return None


def is_virtual_printer(port: str, driver: str) -> bool:
    """Windows' own printers that make files or faxes: Microsoft Print to PDF, XPS Document Writer,
    OneNote, Fax (by their port or their driver)."""
    ports = {p.strip().lower() for p in (port or "").split(",")}
    name = (driver or "").strip().lower()
    return bool(ports & VIRTUAL_PORTS) or name.startswith(VIRTUAL_DRIVERS) or "onenote" in name


class Outcome(enum.Enum):
    WAITING = "waiting"  # not decided yet; `Verdict.shown` may say why (paused, out of cards, ...)
    ISSUED = "issued"
    RELEASED = "released"  # nothing was printed: the blanko goes back to stock
    SUPERVISOR = "supervisor"  # nobody knows whether a card came out


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    shown: str = ""  # for the operator while waiting, or why the supervisor must decide


class JobWatch:
    """One spooler job followed from submission: `observe(status, now)` with the job's `Status` bits,
    or None once the job is no longer in the queue. `started_at` is when it was submitted (monotonic s);
    a job not seen printing within `start_timeout` s, or not done `print_timeout` s after it was first
    seen printing, is left to a supervisor."""

    def __init__(self, started_at: float, start_timeout: float, print_timeout: float) -> None:
        self.started_at = started_at
        self.start_timeout = start_timeout
        self.print_timeout = print_timeout
        self.printing_since: float | None = None

    def observe(self, status: int | None, now: float) -> Verdict:
        if status is not None and status & (JOB_PRINTING | JOB_PRINTED | JOB_COMPLETE) and self.printing_since is None:
            self.printing_since = now
        seen = self.printing_since is not None
        if status is None:
            if seen:
                return Verdict(Outcome.ISSUED)
            return Verdict(Outcome.SUPERVISOR, msg("pekerjaan hilang dari antrian sebelum terlihat dicetak"))
        if status & (JOB_DELETING | JOB_DELETED):
            if seen:
                return Verdict(Outcome.SUPERVISOR, msg("pekerjaan dibatalkan saat sedang dicetak"))
            return Verdict(Outcome.RELEASED, msg("pekerjaan dibatalkan di antrian sebelum dicetak"))
        if status & (JOB_PRINTED | JOB_COMPLETE):
            return Verdict(Outcome.ISSUED)
        if status & JOB_PAUSED:
            shown = PAUSED_TEXT
        else:
            shown = next((text for bit, text in _ATTENTION.items() if status & bit), "")
        if seen and now - self.printing_since > self.print_timeout:
            return Verdict(Outcome.SUPERVISOR, msg("kartu tidak selesai dicetak dalam batas waktu"))
        if not seen and now - self.started_at > self.start_timeout:
            return Verdict(Outcome.SUPERVISOR, msg("pekerjaan tidak mulai dicetak dalam batas waktu"))
        return Verdict(Outcome.WAITING, shown)
