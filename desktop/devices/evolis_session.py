"""One conversation with an Evolis printer: set-up, reads, status, and a card with its fault outcome.

Reads follow the model's row of the capability table (`evolis_models.py`): a command the model
lacks is never sent. A printer is READY when it gave a valid reply and no known fault; faults the
printer only reports while printing show up on the next card. Status reads wait a few seconds and
report "unknown" after that; the print path waits 30 s for a reply and 5 minutes for `Se` (the
vendor SDK's values: a printer whose head is cooling pauses). Every NACK is logged with its command.

When did the card leave the feeder? The guide does not say (Ss "indicates the beginning of a
command sequence"; §21's example has the printer print each panel while the next one downloads).
So the outcome of a fault is decided by what we know, and asked where we do not (docs/printers.md
has the table, each row has a test):
- no complete panel reached the printer (a fault at set-up, `Ss`, `Sr` or inside the first panel's
  data): nothing can have been printed, the blanko is untouched -> card_consumed False;
- NACK F (feeder) at any step: no card came in -> False;
- otherwise the readings are taken (`Rlr;p`, and the card presence sensor `Rse;p` where the model has
  one), but neither settles it: "ERR CARD" is, by the guide's words, a card "inside the printing
  module or ... inside the feeder", and the sensor's levels are assumed. So the job is left for a
  supervisor to settle (None), unless the first office confirmed on this printer what the reading
  means (`confirmed` in its profile, CONFIRMABLE in evolis_models): then a card inside -> True
  (spoiled). No answer, or the printer gone -> None as well.
After a NACK or time-out in the middle of a download the printer's parser is reset before anything
else is sent: the stalled endpoint is cleared, `Srs` sent, and the USB device reset when `Srs` gets
no answer (§8 S: `Srs` "resets the printer like when we restart it", so the set-up is sent again).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from desktop.devices import panels as pn
from desktop.devices.base import (
    LAST_CARD_NOTE,
    CardJob,
    Fault,
    PrinterIdentity,
    PrinterState,
    PrinterStatus,
    PrintProgress,
    ProgressCallback,
)
from desktop.devices.evolis import (
    READ_SLICE,
    EvolisOptions,
    GarbledReply,
    Nack,
    NoReply,
    ProtocolError,
    Reply,
    TransportGone,
    card_frames,
    command_name,
    fault_of,
    frame,
    parse_int,
    parse_reply,
    parse_volts,
    printer_error,
)
from desktop.devices.evolis_models import MINIMUM, SENSOR_ON_VOLTS, Capabilities, capabilities_for

log = logging.getLogger("ktp.devices")

# Counters shown to people, by `Rco` letter (§8 R). `I` is "not accurate" by the guide's own words.
COUNTERS = {"cards_inserted": "c", "panels_printed": "p", "ribbon_cards_left": "I"}
CARD_INSIDE_REPLY = "ERR CARD"  # §8 `Rlr;p`: a card "inside the printing module or ... inside the feeder"
NO_CARD_REPLY = "NO CARD"
NEEDS_CLEANING_REPLY = "ERR NEED CLEANING"  # §8 `Rlr;r`


class EvolisSession:
    """One conversation with an Evolis printer over a transport. Not thread-safe: one printer thread."""

    def __init__(
        self, transport, options: EvolisOptions | None = None, capabilities: Capabilities | None = None
    ) -> None:
        self.transport = transport
        self.options = options or EvolisOptions()
        if capabilities is None and self.options.model:
            capabilities = capabilities_for(self.options.model)
        self._fixed = capabilities is not None  # a profile or the URI said which model this is
        self.capabilities = capabilities or MINIMUM
        self.model = ""
        self.needs_setup = True
        # Input may be pending (a reply that went missing or was garbled, or an ACK trailing a value in a
        # later USB read): drain it before the next command, so that it never answers that command.
        self._dirty = False

    # -- low level --------------------------------------------------------------------------

    def drain(self, timeout: float = 0.01) -> bytes:
        """Throw away stale input (a late reply to an earlier command)."""
        stale = b""
        while True:
            chunk = self.transport.read(timeout)
            if not chunk:
                break
            stale += chunk
        if stale:
            log.debug("discarded %d stale bytes from the printer", len(stale))
        return stale

    def exchange(self, command: bytes, *, text: bool, timeout: float, allow_ok: bool = False) -> Reply:
        """Send one framed command and wait for its reply."""
        self.send(command)
        return self.await_reply(command_name(command), text=text, timeout=timeout, allow_ok=allow_ok)

    def send(self, command: bytes) -> None:
        if self._dirty:
            self.drain()
            self._dirty = False
        try:
            self.transport.write(command)
        except NoReply:
            self._dirty = True
            raise

    def await_reply(self, name: str, *, text: bool, timeout: float, allow_ok: bool = False) -> Reply:
        try:
            reply = self._await(name, text=text, timeout=timeout, allow_ok=allow_ok)
            if text:
                self._dirty = True  # value+CR+ACK may have its ACK still on the way
            return reply
        except Nack as nack:
            log.warning("printer answered %s with NACK %s (%s)", name, nack.code, str(nack).split("(", 1)[-1][:-1])
            raise
        except (NoReply, GarbledReply):
            self._dirty = True
            raise

    def _await(self, name: str, *, text: bool, timeout: float, allow_ok: bool) -> Reply:
        buffer = b""
        deadline = time.monotonic() + timeout
        while True:
            try:
                reply, used = parse_reply(buffer, text=text, allow_ok=allow_ok)
            except Nack as nack:
                raise Nack(name, nack.code) from None
            except GarbledReply as exc:
                raise GarbledReply(f"{name}: {exc}") from None
            if reply is not None:
                if buffer[used:].strip(b"\r\n\x00"):
                    log.debug("%s: %d extra bytes after the reply ignored", name, len(buffer) - used)
                return reply
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if buffer.strip(b"\r\n\x00"):
                    raise GarbledReply(f"{name}: incomplete reply {buffer[:16]!r}")
                raise NoReply(f"{name}: no reply within {timeout:g} s")
            # In slices: a blocking USB read holds off Python's signal handlers, and the command line's
            # second Ctrl-C ("stop without waiting") must act within a second while `Se` waits minutes.
            # A slice that ends empty loses nothing: what arrives later is read by the next slice.
            buffer += self.transport.read(min(remaining, READ_SLICE))

    def command(self, name: str, *params: str | int, timeout: float | None = None) -> None:
        self.exchange(frame(name, *params), text=False, timeout=timeout or self.options.reply_timeout)

    def query(self, name: str, *params: str | int, timeout: float | None = None) -> str:
        """A read (`R...`); waits the short status time-out unless told otherwise."""
        reply = self.exchange(frame(name, *params), text=True, timeout=timeout or self.options.status_timeout)
        return reply.value

    # -- set-up and reads --------------------------------------------------------------------

    def setup(self) -> None:
        """ACK/NACK mode (§8 `Pem;4`), the model (`Rtp`), ribbon type (`Pr`), feeder (`Pmi`)."""
        quick = self.options.status_timeout
        self.exchange(frame("Pem", 4), text=False, timeout=quick, allow_ok=True)
        if not self._fixed:
            self.identify()
        self.command("Pr", self.options.ribbon, timeout=quick)
        if self.capabilities.has("Pmi"):
            self.command("Pmi", self.options.insertion, *self.capabilities.insertion_extra, timeout=quick)
        self.needs_setup = False

    def ensure_setup(self) -> None:
        if self.needs_setup:
            self.setup()

    def identify(self) -> None:
        """Read `Rtp` and take the model's row of the capability table."""
        self.model = self.query("Rtp")
        self.capabilities = capabilities_for(self.model)
        log.info("printer model %r: %s (%s table)", self.model, self.capabilities.label, self.capabilities.source)

    def identity(self) -> PrinterIdentity:
        firmware = self.query("Rfv") if self.capabilities.has("Rfv") else ""
        return PrinterIdentity(model=self.query("Rtp"), serial=self.query("Rsn"), firmware=firmware)

    def counters(self) -> dict[str, int]:
        """The counters the model has; one the printer refuses is left out (and logged), not fatal."""
        result = {}
        for key, letter in COUNTERS.items():
            if letter not in self.capabilities.counters:
                continue
            try:
                result[key] = parse_int(self.query("Rco", letter), f"Rco;{letter}")
            except Nack as nack:
                if nack.fault is not Fault.COMMAND_ERROR:
                    raise
        return result

    def status(self) -> PrinterStatus:
        """READY after a valid reply and no known fault; TransportGone propagates."""
        caps = self.capabilities
        try:
            self.ensure_setup()
            if "o" in caps.sensors and parse_volts(self.query("Rse", "o"), "Rse;o") >= SENSOR_ON_VOLTS:
                return PrinterStatus(PrinterState.ATTENTION, Fault.COVER_OPEN, "cover open (sensor)")
            notes = []
            if caps.has("Rlr"):
                last = self.query("Rlr", "p").upper()
                if last in (NO_CARD_REPLY, CARD_INSIDE_REPLY):
                    # the last card's reply: it may be stale, so it is shown, not held against the printer
                    notes.append(f"{LAST_CARD_NOTE} {last}")
                if self.query("Rlr", "r").upper() == NEEDS_CLEANING_REPLY:
                    notes.append("cleaning needed")
            else:
                self.query("Rtp")
            return PrinterStatus(PrinterState.READY, None, "; ".join(notes))
        except ProtocolError as exc:
            fault = fault_of(exc)
            if isinstance(exc, Nack) and fault is not Fault.COMMAND_ERROR:
                return PrinterStatus(PrinterState.ATTENTION, fault, str(exc))
            return PrinterStatus(PrinterState.UNKNOWN, fault, str(exc))

    def card_inside(self) -> bool | None:
        """True when a reading confirmed on this printer says a card is inside; None otherwise (see the
        module doc: the supervisor decides). Every reading taken is logged for the supervisor's trail."""
        caps = self.capabilities
        inside: bool | None = None
        if "p" in caps.sensors:
            volts = parse_volts(self.query("Rse", "p"), "Rse;p")
            log.info("after the fault: Rse;p %.2f V (%s)", volts, _taken("Rse;p", caps))
            if volts >= SENSOR_ON_VOLTS and "Rse;p" in caps.confirmed:
                inside = True
        if caps.has("Rlr"):
            last = self.query("Rlr", "p")
            log.info("after the fault: Rlr;p %r (%s)", last, _taken("Rlr;p", caps))
            if last.upper() == CARD_INSIDE_REPLY and "Rlr;p" in caps.confirmed:
                inside = True
        return inside

    # -- recovery ------------------------------------------------------------------------------

    def recover(self) -> None:
        """Bring a printer whose parser may be inside a download back to a command boundary."""
        clear = getattr(self.transport, "clear_halt", None)
        if clear is not None:
            clear()
        self.drain()
        self._dirty = False
        try:
            self.exchange(frame("Srs"), text=False, timeout=self.options.status_timeout, allow_ok=True)
        except Nack:
            pass  # it answered: its parser is at a command boundary again
        except (NoReply, GarbledReply) as exc:
            reset = getattr(self.transport, "reset", None)
            log.warning("no answer to Srs after a failed download (%s); %s", exc,
                        "resetting the USB device" if reset else "nothing more to try")
            if reset is not None:
                reset()
            self.drain()
            self._dirty = False
        self.needs_setup = True

    # -- a card ----------------------------------------------------------------------------------

    def print_card(
        self,
        job: CardJob,
        progress: ProgressCallback | None = None,
        frames: Iterable[tuple[str, bytes]] | None = None,
    ) -> None:
        """Send one card sequence and wait for the eject; raise PrinterError on any fault."""
        try:
            self.ensure_setup()
        except (ProtocolError, TransportGone) as exc:
            raise printer_error(exc, card_consumed=False) from None
        frames = list(frames if frames is not None else card_frames(job, self.options, self.capabilities))
        total = sum(len(data) for _, data in frames)
        sent, panels_in, opened, step = 0, 0, False, ""
        try:
            for label, data in frames:
                step = label
                if label in ("Ss", "Se"):
                    # Whatever is pending now is a late answer to an earlier command: were it an ACK, it
                    # would "start" a card not started or "finish" one still printing.
                    self._dirty = True
                if label == "Se":
                    if progress:
                        progress(PrintProgress("printing", 0.9))
                    timeout = self.options.print_timeout
                else:
                    timeout = self.options.reply_timeout
                self.send(data)
                name = command_name(data)
                if label in pn.COLOUR_PANELS + pn.MONO_PANELS:
                    panels_in += 1  # the whole panel is in the printer: it may start printing it
                    name = f"{name};{label}"
                self.await_reply(name, text=False, timeout=timeout)
                opened = opened or label == "Ss"
                sent += len(data)
                if progress and label != "Se":
                    progress(PrintProgress("sending", 0.9 * sent / total, {"panel": label}))
        except (ProtocolError, TransportGone) as exc:
            log.warning("card %s failed at %s: %s", job.job_id, step, exc)
            if isinstance(exc, Nack) and step in pn.COLOUR_PANELS + pn.MONO_PANELS:
                panels_in -= 1  # the printer refused that panel: it will not print it
            consumed = self._after_failure(exc, step, opened, panels_in > 0)
            raise printer_error(exc, card_consumed=consumed) from None
        if progress:
            progress(PrintProgress("done", 1.0))

    def _after_failure(
        self, exc: ProtocolError | TransportGone, step: str, opened: bool, printing: bool
    ) -> bool | None:
        """Reset what needs resetting and find out where the card is: see the module doc."""
        if isinstance(exc, TransportGone):
            return None if printing else False
        try:
            if not isinstance(exc, Nack):
                self.recover()
            elif opened and step != "Se" and not printing:
                self.recover()  # end the sequence the printer still holds open
            if not printing or (isinstance(exc, Nack) and exc.code == "F"):
                return False
            self.ensure_setup()
            inside = self.card_inside()
            if step != "Se":
                self._reject_card()  # the sequence may still be open: a half-printed card to the reject box
            return inside
        except (ProtocolError, TransportGone) as follow_up:
            log.warning("could not find out where the card is after the fault: %s", follow_up)
            return None if printing else False

    def _reject_card(self) -> None:
        try:
            self.command("Ser", timeout=self.options.reply_timeout)
        except (ProtocolError, TransportGone) as exc:
            log.warning("could not send the spoiled card to the reject box: %s", exc)


def _taken(reading: str, caps: Capabilities) -> str:
    return "confirmed on this printer" if reading in caps.confirmed else "not confirmed: the supervisor decides"
