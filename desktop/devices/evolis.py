"""The Evolis A5013 command language: framing, ACK/NACK replies, reads, status and the card sequence.

Everything that knows the dialect lives here, over a small `Transport` (write bytes, read with a
time-out), so the same code drives a USB printer, the simulator and the `file://` writer. Another
dialect (Magicard, old Zebra) would sit beside this module with the same shape.

Framing: a command is ESC + name + `;`-separated parameters + CR (`\\x1bPr;ymcko\\r`). `Db` and `Dbc`
carry binary data after their last `;`; its length is known from the panel and level count (`Db`)
or given as the byte count (`Dbc`), so a CR inside the data is not an end of command.

Replies in ACK/NACK mode (`Pem;4`), as read here:
- a command that sets or does something is answered by ACK (0x06), or NACK (0x15) + one code byte;
- a read (`R...`) is answered by its value as printable ASCII ended by CR, or NACK + code.
Anything else (unknown byte, NACK with an unknown code, a non-printable character in a value, a
value that does not parse) is a garbled reply; silence until the time-out is no reply. Neither is
ever taken as "ready".

Status, as this module reads it (the letters and thresholds come from the public guide and are the
part to check first against a real printer): `Rse;o` cover sensor volts (high = open), `Rlr;p` last
card reply (`NO CARD`, `ERR CARD`, anything else = fine), `Rco;r` ribbon panels left (0 = ribbon
out). `Rlr;p` can be stale on a real printer until the next card.

Blanko accounting: a card counts as consumed once `Ss` was acknowledged (the printer took a card
from the feeder). A fault before that (no card, ribbon, cover, no reply to `Ss`) leaves it in the
feeder; any fault after it (jam, unplugging, a reply lost mid-card) spoils it.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from desktop.devices import panels as pn
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
from desktop.domain.card import CardRaster

log = logging.getLogger("ktp.devices")

ESC = b"\x1b"
CR = b"\r"
ACK = 0x06
NACK = 0x15

NACK_FAULTS: dict[str, Fault] = {
    "1": Fault.COMMAND_ERROR,  # command error
    "2": Fault.COMMAND_ERROR,  # parameter error
    "T": Fault.JAM,  # time-out / mechanical: the card is stuck
    "C": Fault.COVER_OPEN,
    "F": Fault.NO_CARD,  # feeder empty
    "R": Fault.RIBBON,  # ribbon ended or missing
    "K": Fault.COMMAND_ERROR,  # magnetic stripe errors
    "D": Fault.COMMAND_ERROR,
    "W": Fault.COMMAND_ERROR,
}
NACK_DETAIL = {
    "1": "command error",
    "2": "parameter error",
    "T": "mechanical time-out (card jam)",
    "C": "cover open",
    "F": "feeder empty",
    "R": "ribbon ended or missing",
    "K": "magnetic stripe error (K)",
    "D": "magnetic stripe error (D)",
    "W": "magnetic stripe error (W)",
}

# Panels printed on each side, per ribbon type.
RIBBON_FRONT = {
    "ymcko": "ymcko",
    "ymckos": "ymcko",
    "ymckok": "ymcko",
    "ymckoko": "ymcko",
    "ko": "ko",
    "kb": "k",
    "k": "k",
}
RIBBON_BACK = {"ymckok": "k", "ymckoko": "ko"}
INSERTION_MODES = ("F", "M", "B")
COUNTERS = {"cards_printed": "a", "ribbon_panels_left": "r"}  # Rco letters
SENSOR_HIGH_VOLTS = 2.5
MAX_VALUE_LENGTH = 256
READ_SLICE = 1.0  # seconds: the longest single read while waiting for a reply

_PARAM_OK = re.compile(r"^[\x21-\x3a\x3c-\x7e]*$")  # printable, no ';'
_VOLTS = re.compile(r"^\d{1,2}(\.\d{1,3})?$")


class Transport(Protocol):
    """The byte pipe under a session: a USB endpoint pair, the simulator, or a file."""

    def write(self, data: bytes) -> None:
        """Send all of `data`; raise TransportGone if the device went away."""

    def read(self, timeout: float) -> bytes:
        """Return what arrived within `timeout` seconds (b"" if nothing); TransportGone if gone."""


class TransportGone(Exception):
    """The device disappeared (unplugged, powered off) during I/O."""


class ProtocolError(Exception):
    """No valid reply to a command."""


class NoReply(ProtocolError):
    pass


class GarbledReply(ProtocolError):
    pass


class Nack(ProtocolError):
    def __init__(self, command: str, code: str) -> None:
        super().__init__(f"{command}: NACK {code} ({NACK_DETAIL.get(code, 'unknown')})")
        self.command = command
        self.code = code

    @property
    def fault(self) -> Fault:
        return NACK_FAULTS.get(self.code, Fault.COMMAND_ERROR)


def fault_of(exc: ProtocolError | TransportGone) -> Fault:
    """The Fault a protocol or transport failure stands for."""
    if isinstance(exc, Nack):
        return exc.fault
    if isinstance(exc, NoReply):
        return Fault.NO_REPLY
    if isinstance(exc, GarbledReply):
        return Fault.GARBLED
    if isinstance(exc, TransportGone):
        return Fault.DISCONNECTED
    return Fault.COMMAND_ERROR


def printer_error(exc: ProtocolError | TransportGone, *, card_consumed: bool) -> PrinterError:
    return PrinterError(fault_of(exc), str(exc) or "printer disconnected", card_consumed=card_consumed)


def frame(name: str, *params: str | int, data: bytes | None = None) -> bytes:
    """One command on the wire: ESC name[;param...][;data] CR."""
    if not name.isalpha():
        raise ValueError(f"bad command name {name!r}")
    text = [name]
    for param in params:
        value = str(param)
        if not _PARAM_OK.match(value):
            raise ValueError(f"bad parameter {value!r} for {name}")
        text.append(value)
    head = ";".join(text).encode("ascii")
    if data is None:
        return ESC + head + CR
    return ESC + head + b";" + bytes(data) + CR


@dataclass(frozen=True)
class Reply:
    ack: bool
    value: str = ""


def parse_reply(buffer: bytes, *, text: bool, allow_ok: bool = False) -> tuple[Reply | None, int]:
    """Parse one reply at the start of `buffer`: (reply, bytes used), or (None, 0) if incomplete.

    Raises Nack for NACK + a known code, GarbledReply for anything that cannot be a valid reply.
    `text` says a value is expected (a read); `allow_ok` also accepts `OK` + CR as an ACK (the
    reply to `Pem;4` from a printer that was not yet in ACK/NACK mode).
    """
    if not buffer:
        return None, 0
    first = buffer[0]
    if first == NACK:
        if len(buffer) < 2:
            return None, 0
        code = chr(buffer[1])
        if code not in NACK_FAULTS:
            raise GarbledReply(f"NACK with unknown code {buffer[1]:#04x}")
        raise Nack("", code)
    if not text and first == ACK:
        return Reply(True), 1
    if not text and not allow_ok:
        raise GarbledReply(f"expected ACK or NACK, got {bytes(buffer[:16])!r}")
    end = buffer.find(CR)
    body = buffer if end < 0 else buffer[:end]
    if any(b < 0x20 or b > 0x7E for b in body):
        raise GarbledReply(f"non-printable reply {bytes(buffer[:16])!r}")
    if end < 0:
        if len(buffer) > MAX_VALUE_LENGTH:
            raise GarbledReply("reply without end")
        return None, 0
    value = body.decode("ascii").strip()
    if not text:
        if value != "OK":
            raise GarbledReply(f"expected ACK, got {value!r}")
        return Reply(True), end + 1
    if not value:
        raise GarbledReply("empty reply")
    return Reply(True, value), end + 1


@dataclass(frozen=True)
class EvolisOptions:
    ribbon: str = "ymcko"
    insertion: str = "F"  # feeder
    levels: int = 32
    compress: bool = True
    duplex: bool = False  # the printer turns the card over and prints the back
    reply_timeout: float = 5.0  # an ordinary command
    data_timeout: float = 30.0  # the reply to a panel download, after its last byte went out
    print_timeout: float = 120.0  # `Se`: the printer prints and ejects before it answers

    def __post_init__(self) -> None:
        if self.ribbon not in RIBBON_FRONT:
            raise ValueError(f"unknown ribbon {self.ribbon!r}; use one of {sorted(RIBBON_FRONT)}")
        if self.insertion not in INSERTION_MODES:
            raise ValueError(f"unknown insertion mode {self.insertion!r}")
        if self.levels not in (32, 64, 128):
            raise ValueError("levels must be 32, 64 or 128")


def panel_frame(panel: str, plane, levels: int, *, compress: bool) -> bytes:
    """The `Db` (or, when it is smaller, `Dbc`) command that downloads one panel."""
    if compress:
        first, data = pn.compress_panel(plane, levels)
        if len(data) < pn.panel_size(levels):
            return frame("Dbc", panel, levels, first, len(data), data=data)
    return frame("Db", panel, levels, data=pn.pack_panel(plane, levels))


def side_frames(raster: CardRaster, panel_names: str, options: EvolisOptions) -> list[tuple[str, bytes]]:
    """(panel, command) for each panel of one card side, in ribbon order."""
    mono = not any(p in panel_names for p in pn.COLOUR_PANELS)
    # With no colour panels, everything dark goes to K, not only pure black.
    threshold = 127 if mono else pn.BLACK_THRESHOLD
    separated = pn.raster_to_panels(raster, options.levels, black_threshold=threshold)
    return [
        (p, panel_frame(p, separated[p], pn.levels_for(p, options.levels), compress=options.compress))
        for p in panel_names
    ]


def card_frames(job: CardJob, options: EvolisOptions) -> list[tuple[str, bytes]]:
    """The whole card sequence as (label, command bytes): Ss, Sr, Db..., [Sv, Db...], Se."""
    if job.encode_chip:  # never issue a card whose chip was silently left blank
        raise PrinterError(Fault.COMMAND_ERROR, "chip encoding is not supported yet", card_consumed=False)
    frames = [("Ss", frame("Ss")), ("Sr", frame("Sr"))]
    frames += side_frames(job.front, RIBBON_FRONT[options.ribbon], options)
    if job.back is not None:
        frames.append(("Sv", frame("Sv")))
        frames += side_frames(
            job.back, RIBBON_BACK.get(options.ribbon, RIBBON_FRONT[options.ribbon]), options
        )
    frames.append(("Se", frame("Se")))
    return frames


class EvolisSession:
    """One conversation with an Evolis printer over a transport. Not thread-safe: one printer thread."""

    def __init__(self, transport: Transport, options: EvolisOptions | None = None) -> None:
        self.transport = transport
        self.options = options or EvolisOptions()
        self._dirty = False  # a reply went missing or was garbled: drain before the next command

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
        name = command[1:].split(b";", 1)[0].rstrip(CR).decode("ascii", "replace")
        if self._dirty:
            self.drain()
            self._dirty = False
        try:
            return self._exchange(name, command, text=text, timeout=timeout, allow_ok=allow_ok)
        except (NoReply, GarbledReply):
            self._dirty = True
            raise

    def _exchange(self, name: str, command: bytes, *, text: bool, timeout: float, allow_ok: bool) -> Reply:
        self.transport.write(command)
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
                if used < len(buffer):
                    log.debug("%s: %d extra bytes after the reply ignored", name, len(buffer) - used)
                return reply
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if buffer:
                    raise GarbledReply(f"{name}: incomplete reply {buffer[:16]!r}")
                raise NoReply(f"{name}: no reply within {timeout:g} s")
            # In slices: a blocking USB read holds off Python's signal handlers, and the command line's
            # second Ctrl-C ("stop without waiting") must act within a second while `Se` waits minutes.
            # Replies are single short packets, so a slice that ends empty loses nothing.
            buffer += self.transport.read(min(remaining, READ_SLICE))

    def command(self, name: str, *params: str | int, timeout: float | None = None) -> None:
        self.exchange(frame(name, *params), text=False, timeout=timeout or self.options.reply_timeout)

    def query(self, name: str, *params: str | int, timeout: float | None = None) -> str:
        reply = self.exchange(frame(name, *params), text=True, timeout=timeout or self.options.reply_timeout)
        return reply.value

    # -- printer operations ------------------------------------------------------------------

    def setup(self) -> None:
        """ACK/NACK mode, ribbon type, insertion from the feeder."""
        self.exchange(frame("Pem", 4), text=False, timeout=self.options.reply_timeout, allow_ok=True)
        self.command("Pr", self.options.ribbon)
        self.command("Pmi", self.options.insertion)

    def identity(self) -> PrinterIdentity:
        return PrinterIdentity(model=self.query("Rtp"), serial=self.query("Rsn"), firmware=self.query("Rfv"))

    def counters(self) -> dict[str, int]:
        result = {}
        for key, letter in COUNTERS.items():
            result[key] = _parse_int(self.query("Rco", letter), f"Rco;{letter}")
        return result

    def status(self) -> PrinterStatus:
        """Read the sensors; TransportGone propagates (the caller owns reconnecting)."""
        try:
            volts = _parse_volts(self.query("Rse", "o"))
            if volts > SENSOR_HIGH_VOLTS:
                return PrinterStatus(PrinterState.ATTENTION, Fault.COVER_OPEN, "cover open")
            last = self.query("Rlr", "p").upper()
            if last == "NO CARD":
                return PrinterStatus(PrinterState.ATTENTION, Fault.NO_CARD, "feeder empty")
            if last == "ERR CARD":
                return PrinterStatus(PrinterState.ATTENTION, Fault.JAM, "card jammed")
            left = _parse_int(self.query("Rco", COUNTERS["ribbon_panels_left"]), "Rco")
            if left == 0:
                return PrinterStatus(PrinterState.ATTENTION, Fault.RIBBON, "ribbon ended")
            return PrinterStatus(PrinterState.READY)
        except ProtocolError as exc:
            fault = fault_of(exc)
            if isinstance(exc, Nack) and fault is not Fault.COMMAND_ERROR:
                return PrinterStatus(PrinterState.ATTENTION, fault, str(exc))
            return PrinterStatus(PrinterState.UNKNOWN, fault, str(exc))

    def print_card(
        self,
        job: CardJob,
        progress: ProgressCallback | None = None,
        frames: Iterable[tuple[str, bytes]] | None = None,
    ) -> None:
        """Send one card sequence and wait for the eject; raise PrinterError on any fault."""
        frames = list(frames if frames is not None else card_frames(job, self.options))
        total = sum(len(data) for _, data in frames)
        sent = 0
        picked = False
        try:
            for label, data in frames:
                if label == "Se" and progress:
                    progress(PrintProgress("printing", 0.9))
                if label == "Se":
                    timeout = self.options.print_timeout
                elif label in pn.COLOUR_PANELS + pn.MONO_PANELS:
                    timeout = self.options.data_timeout
                else:
                    timeout = self.options.reply_timeout
                self.exchange(data, text=False, timeout=timeout)
                if label == "Ss":
                    picked = True
                sent += len(data)
                if progress and label != "Se":
                    progress(PrintProgress("sending", 0.9 * sent / total, {"panel": label}))
        except (ProtocolError, TransportGone) as exc:
            if picked and isinstance(exc, Nack) and exc.fault is Fault.COMMAND_ERROR:
                self._reject_card()
            raise printer_error(exc, card_consumed=picked) from None
        if progress:
            progress(PrintProgress("done", 1.0))

    def _reject_card(self) -> None:
        try:
            self.command("Ser")
        except (ProtocolError, TransportGone) as exc:
            log.warning("could not send the spoiled card to the reject box: %s", exc)


def _parse_int(value: str, what: str) -> int:
    if not value.isdigit():
        raise GarbledReply(f"{what}: expected a number, got {value!r}")
    return int(value)


def _parse_volts(value: str) -> float:
    if not _VOLTS.match(value):
        raise GarbledReply(f"Rse: expected volts, got {value!r}")
    return float(value)
