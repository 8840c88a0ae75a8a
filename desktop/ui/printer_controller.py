"""The station's printers seen from the GUI: each on its own lane, polled for status without blocking.

Signals: status_changed(uri, PrinterStatus); printers_changed() when the station's printers were
added or removed.

A card that failed on a printer fault (feeder empty, ribbon, cover, jam, ...) holds the printer at
"needs attention" in `shown()` (the header and the status bar) until a status read shows the fault
cleared or a card prints there: a printer's status does not always see the fault (an Evolis reads
ready with the feeder empty; its last card's "NO CARD" is only a note, which may be stale). The hold
is what the operator is told, not a lock: `statuses` and `next_ready` keep what the printer said, so
a refilled printer whose note is stale still prints, and its next card clears the hold.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import unquote

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop.devices.base import LAST_CARD_NOTE, Fault, Printer, PrinterIdentity, PrinterState, PrinterStatus
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.operations import Op, Operations, QueryOp
from desktop.ui.tasks import Failure, Success

log = logging.getLogger("ktp.ui.printer")

POLL_INTERVAL_MS = 3000
RIBBON_EVERY_S = 600  # a ready printer's ribbon count is read again after this long (and after each card)


@dataclass(frozen=True)
class PrinterDetails:
    uri: str
    status: PrinterStatus
    identity: PrinterIdentity
    counters: dict[str, int]


def printer_label(uri: str) -> str:
    """A printer's identity: its URI without the query (fault settings, delays)."""
    return uri.split("?", 1)[0]


_KIND_NAMES = {
    "usb": QT_TRANSLATE_NOOP("PrinterName", "Printer kartu USB %1"),
    "sim": QT_TRANSLATE_NOOP("PrinterName", "Printer simulasi %1"),
    "file": QT_TRANSLATE_NOOP("PrinterName", "Berkas %1"),
}


def printer_name(uri: str, configured: dict[str, str] | None = None) -> str:
    """What the operator calls a printer: the name it was given, else one made from its kind.

    The URI (`usb://0F49:0A00/SERIAL`) is for the IT officer; it shows in the printer page's tooltip.
    """
    if configured and uri in configured:
        return configured[uri]
    scheme, _, rest = printer_label(uri).partition("://")
    rest = unquote(rest)
    if scheme == "spooler":
        return rest  # the operating system's own name for the queue
    if scheme == "file":
        rest = PurePath(rest).name or rest
    kind = _KIND_NAMES.get(scheme)
    return QCoreApplication.translate("PrinterName", kind).replace("%1", rest) if kind else uri


def _default_opener(uri: str, profile_dir: Path | None = None) -> Printer:
    from desktop.devices.registry import open_printer

    return open_printer(uri, profile_dir)


class PrinterController(QObject):
    status_changed = Signal(str, object)
    printers_changed = Signal()

    def __init__(
        self, ops: Operations, uris: list[str], opener: Callable[[str], Printer] | None = None,
        parent: QObject | None = None, poll: bool = True, names: dict[str, str] | None = None,
        profile_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.uris = list(uris)
        self.names = dict(names or {})
        self._opener = opener or (lambda uri: _default_opener(uri, profile_dir))
        self._printers: dict[str, Printer] = {}  # touched only on each printer's own lane
        self._busy: set[str] = set()
        self._polling: set[str] = set()
        self.statuses: dict[str, PrinterStatus] = {}
        self._held: dict[str, PrinterStatus] = {}  # a fault the last card met, shown until it is seen cleared
        self.ribbons: dict[str, int | None] = {}  # cards the ribbon has left, as the printer last said
        self._ribbon_read: dict[str, float] = {}  # when (monotonic) each printer's counters were asked
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        if poll:
            self._timer.start()

    def next_ready(self, candidates: list[str] | None = None) -> str | None:
        """The first ready printer that is not printing, among candidates (default: all), in order."""
        for uri in candidates or self.uris:
            status = self.statuses.get(uri)
            if status and status.state == PrinterState.READY and uri not in self._busy:
                return uri
        return None

    def shown(self, uri: str) -> PrinterStatus | None:
        """The state to show for a printer: what it last said, or the fault its last card met while that
        still holds (module doc); None before its first reading."""
        status = self.statuses.get(uri)
        held = self._held.get(uri)
        if held is not None and status is not None and status.state == PrinterState.READY:
            return held
        return status

    def name(self, uri: str) -> str:
        return printer_name(uri, self.names)

    def report(self) -> list[dict]:
        """Each printer's name, state and ribbon left as plain data, for the regency panel."""
        return [{"name": self.name(uri), "state": shown.state.value if (shown := self.shown(uri)) else "unknown", "ribbon_left": self.ribbons.get(uri)} for uri in self.uris]

    def is_busy(self, uri: str) -> bool:
        return uri in self._busy

    def lane(self, uri: str) -> str:
        return f"printer:{uri}"

    def _printer(self, uri: str) -> Printer:
        printer = self._printers.get(uri)
        if printer is None:
            printer = self._opener(uri)
            printer.open()
            self._printers[uri] = printer
        return printer

    def _status_on_lane(self, uri: str) -> PrinterStatus:
        try:
            return self._printer(uri).status()
        except Exception as exc:
            self._printers.pop(uri, None)
            log.info("printer %s unreachable: %s", uri, exc)
            return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, str(exc))

    def refresh(self) -> None:
        for uri in self.uris:
            if uri in self._busy or uri in self._polling:
                continue
            self._polling.add(uri)
            QueryOp(self.lane(uri), lambda uri=uri: self._status_on_lane(uri)).success(
                lambda status, uri=uri: self._got_status(uri, status)).quietly().run_in(self.ops)

    def _got_status(self, uri: str, status: PrinterStatus) -> None:
        self._polling.discard(uri)
        if uri not in self.uris:  # taken off the station while its status was being read
            return
        if uri in self._busy:
            status = PrinterStatus(PrinterState.PRINTING)
        elif uri in self._held and status.state == PrinterState.READY and not status.detail.startswith(LAST_CARD_NOTE):
            del self._held[uri]  # read ready with no word of the last card's fault: cleared
        self.statuses[uri] = status
        self.status_changed.emit(uri, status)
        if status.state == PrinterState.READY and uri not in self._busy \
                and time.monotonic() - self._ribbon_read.get(uri, -RIBBON_EVERY_S) >= RIBBON_EVERY_S:
            self._ribbon_read[uri] = time.monotonic()
            QueryOp(self.lane(uri), lambda: self._printer(uri).counters()).success(
                lambda counters: self._note_ribbon(uri, counters)).failure(lambda _exc: None).run_in(self.ops)

    def printer_on_lane(self, uri: str) -> Printer:
        """The open printer; only from the printer's own lane (an operation running there)."""
        return self._printer(uri)

    def cancel(self, uri: str) -> None:
        """Cancel the card the printer is printing, where it can (an OS print queue deletes its job). Called on
        the GUI thread while the print runs on the printer's lane: a printer's `cancel` may come from any thread."""
        printer = self._printers.get(uri)
        if printer is not None:
            printer.cancel()

    def run_job(self, uri: str, op: Op, on_success: Success, on_failure: Failure, origin: object = None) -> None:
        """Run the operation (on the printer's lane); the printer shows as printing meanwhile."""
        self._busy.add(uri)
        self._got_status(uri, PrinterStatus(PrinterState.PRINTING))

        def done(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def finish(value: Any) -> None:
                self._busy.discard(uri)
                fault = getattr(value, "fault", None)
                if isinstance(fault, Fault):  # shown at once, before any dialog about the card
                    held = PrinterStatus(PrinterState.ATTENTION, fault, getattr(value, "detail", "") or str(value))
                    self._held[uri] = self.statuses[uri] = held
                    self.status_changed.emit(uri, held)
                elif callback is on_success:
                    self._held.pop(uri, None)
                self._ribbon_read.pop(uri, None)  # a card took ribbon: read the count at the next ready
                callback(value)
                self.refresh()

            return finish

        op.success(done(on_success)).failure(done(on_failure)).run_in(self.ops, origin)

    def details(self, uri: str, on_success: Success, on_failure: Failure) -> None:
        """Identity, counters and status of one printer, read on its own lane."""

        def read() -> PrinterDetails:
            printer = self._printer(uri)
            return PrinterDetails(uri, printer.status(), printer.identity(), printer.counters())

        def got(details: PrinterDetails) -> None:
            self._note_ribbon(uri, details.counters)
            on_success(details)

        QueryOp(self.lane(uri), read).success(got).failure(on_failure).run_in(self.ops)

    def _note_ribbon(self, uri: str, counters: dict[str, int]) -> None:
        left = counters.get("ribbon_cards_left")
        left = left if isinstance(left, int) else None  # a spooler queue tells none
        if uri in self.statuses and self.ribbons.get(uri, -1) != left:
            self.ribbons[uri] = left
            self.status_changed.emit(uri, self.statuses[uri])  # the regency's report follows

    def set_printers(self, uris: list[str], names: dict[str, str]) -> None:
        """The station's printers changed (one added or removed): use these from now on.

        A printer no longer in the list is closed on its own lane; one printing finishes its card.
        """
        gone = [uri for uri in self.uris if uri not in uris]
        self.uris = list(uris)
        self.names = dict(names)
        for uri in gone:
            self.statuses.pop(uri, None)
            self._held.pop(uri, None)
            QueryOp(self.lane(uri), lambda uri=uri: self._close_on_lane(uri)).quietly().run_in(self.ops)
        self.printers_changed.emit()
        self.refresh()

    def _close_on_lane(self, uri: str) -> None:
        printer = self._printers.pop(uri, None)
        if printer is not None:
            printer.close()

    def shutdown(self) -> None:
        self._timer.stop()
        for uri in list(self._printers):
            QueryOp(self.lane(uri), lambda uri=uri: self._printers.pop(uri).close()).quietly().run_in(self.ops)
