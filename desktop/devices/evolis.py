"""The Evolis A5013 command language: framing, replies, and the byte form of a card.

Everything that knows the dialect lives here and in `evolis_session.py` (the conversation), over a
small `Transport` (write bytes, read with a time-out), so the same code drives a USB printer, the
simulator and the `file://` writer. Section numbers are those of the programming guide A5013 Rev. E;
docs/printers.md has the whole picture.

Framing (§3): a command is ESC + name + `;`-separated parameters + CR (`\\x1bPr;ymcko\\r`). `Db` and
`Dbc` carry binary data after their last `;`; its length is known from the panel and level count
(`Db`) or given as the byte count (`Dbc`), so a CR inside the data is not an end of command.

Replies (§5 "Definition of the ACK/NACK protocol", set with `Pem;4`, §8 P): a command is answered by
ACK (0x06), or NACK (0x15) + one code byte. How a read's value is framed is not in the guide; real
printers differ, so we accept exactly: value+CR, value+LF (and CRLF), value+NUL (the driver that ran
on a Dualys read up to a NUL), ACK+value+CR, value+CR+ACK and value+ACK (no line end), each also
split over any number of USB reads; and we skip line ends or NULs left over from the previous reply.
An ACK that trails a value is part of that value's reply: taken with it when it has arrived, and
drained before the next command when it comes in a later USB read (the session drains after every
value and always before `Ss` and `Se`), so it never answers the next command. Anything else
(unknown byte, NACK with an unknown code, a non-printable character in a value) is a garbled reply;
silence until the time-out is no reply. Neither is ever taken as "ready".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from desktop.devices import panels as pn
from desktop.devices.base import CardJob, Fault, PrinterError
from desktop.devices.evolis_models import MINIMUM, Capabilities
from desktop.domain.card import CardRaster

ESC = b"\x1b"
CR = b"\r"
ACK = 0x06
NACK = 0x15
LINE_ENDS = b"\r\n\x00"  # what may end a value (besides an ACK right after it)

NACK_FAULTS: dict[str, Fault] = {  # §5
    "1": Fault.COMMAND_ERROR,  # command error
    "2": Fault.COMMAND_ERROR,  # parameter error
    "T": Fault.JAM,  # time-out / mechanical error
    "C": Fault.COVER_OPEN,
    "F": Fault.NO_CARD,  # feeder error
    "R": Fault.RIBBON,  # ribbon error
    "K": Fault.COMMAND_ERROR,  # magnetic checksum error
    "D": Fault.COMMAND_ERROR,  # magnetic data error
    "W": Fault.COMMAND_ERROR,  # writing magnetic data error
}
NACK_DETAIL = {
    "1": "command error",
    "2": "parameter error",
    "T": "time-out or mechanical error",
    "C": "cover open",
    "F": "feeder error",
    "R": "ribbon error",
    "K": "magnetic checksum error",
    "D": "magnetic data error",
    "W": "magnetic writing error",
}

# Ribbons (§8 `Pr`) this station prints with, and the panels printed on each side. The guide's
# others (ymckos half panel needs `Dbp`; h/ho hologram; Ktc/Ktp/Ka) are refused, as is anything
# the guide does not list.
RIBBON_FRONT = {
    "ymcko": "ymcko",
    "ymckok": "ymcko",
    "ko": "ko",
    **{mono: "k" for mono in ("kb", "kw", "kr", "kbl", "kgr", "kgo", "ksi", "ksc")},
}
RIBBON_BACK = {"ymckok": "k"}
INSERTION_MODES = ("F", "M", "B")  # §8 `Pmi`
COMPRESSIONS = ("none", "dbc3", "dbc4")  # plain `Db`; `Dbc` with the §4 (3-field) or §8 (4-field) header
MAX_VALUE_LENGTH = 256
READ_SLICE = 1.0  # seconds: the longest single read while waiting for a reply

_PARAM_OK = re.compile(r"^[\x21-\x3a\x3c-\x7e]*$")  # printable, no ';'


class Transport(Protocol):
    """The byte pipe under a session: a USB endpoint pair, the simulator, or a file.

    A transport may also have `clear_halt()` (clear a stalled endpoint) and `reset()` (reset the
    device): the session calls them when they exist, after a failed download.
    """

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


class Stalled(NoReply):
    """The endpoint stalled (EPIPE): cleared, the printer is still there."""


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


def printer_error(exc: ProtocolError | TransportGone, *, card_consumed: bool | None) -> PrinterError:
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


def command_name(command: bytes) -> str:
    """`Db` for b"\\x1bDb;k;2;...": the name of a framed command, for logs and errors."""
    return command[1:].split(b";", 1)[0].rstrip(CR).decode("ascii", "replace")


@dataclass(frozen=True)
class Reply:
    ack: bool
    value: str = ""


def parse_reply(buffer: bytes, *, text: bool, allow_ok: bool = False) -> tuple[Reply | None, int]:
    """Parse one reply at the start of `buffer`: (reply, bytes used), or (None, 0) if incomplete.

    Raises Nack for NACK + a known code, GarbledReply for anything that cannot be a valid reply.
    `text` says a value is expected (a read); `allow_ok` also accepts `OK` as an ACK (the reply to
    `Pem;4` or `Srs` from a printer that is not in ACK/NACK mode).
    """
    start = 0
    while start < len(buffer) and buffer[start] in LINE_ENDS:
        start += 1  # the LF of an earlier CRLF, or NUL padding
    if start == len(buffer):
        return None, 0
    first = buffer[start]
    if first == NACK:
        if len(buffer) < start + 2:
            return None, 0
        code = chr(buffer[start + 1])
        if code not in NACK_FAULTS:
            raise GarbledReply(f"NACK with unknown code {buffer[start + 1]:#04x}")
        raise Nack("", code)
    if first == ACK:
        if not text:
            return Reply(True), start + 1
        start += 1  # an ACK before the value
    elif not text and not allow_ok:
        raise GarbledReply(f"expected ACK or NACK, got {bytes(buffer[start : start + 16])!r}")
    terminators = LINE_ENDS + bytes([ACK]) if text else LINE_ENDS
    ends = [i for i in (buffer.find(bytes([b]), start) for b in terminators) if i >= 0]
    end = min(ends) if ends else -1
    body = buffer[start:] if end < 0 else buffer[start:end]
    if any(b < 0x20 or b > 0x7E for b in body):
        raise GarbledReply(f"non-printable reply {bytes(buffer[:16])!r}")
    if end < 0:
        if len(body) > MAX_VALUE_LENGTH:
            raise GarbledReply("reply without end")
        return None, 0
    value = body.decode("ascii").strip()
    if not text:
        if value != "OK":
            raise GarbledReply(f"expected ACK, got {value!r}")
        return Reply(True), end + 1
    if not value:
        raise GarbledReply("empty reply")
    used = end + 1
    if buffer[end] != ACK and buffer[used : used + 1] == bytes([ACK]):
        used += 1  # value+CR+ACK: the trailing ACK belongs to this reply
    return Reply(True, value), used


@dataclass(frozen=True)
class EvolisOptions:
    ribbon: str = "ymcko"
    insertion: str = "F"  # feeder
    levels: int = 32
    compression: str | None = None  # None: a saved profile's choice, else plain `Db` (the safe one)
    duplex: bool = False  # the printer turns the card over and prints the back
    model: str | None = None  # a family key forcing the capability table row (URI `model=`)
    reply_timeout: float = 30.0  # a command on the print path, after its last byte went out
    print_timeout: float = 300.0  # `Se`: the printer prints and ejects first; a hot head pauses
    status_timeout: float = 3.0  # reads and set-up: a status poll reports "unknown" after this

    def __post_init__(self) -> None:
        if self.ribbon not in RIBBON_FRONT:
            raise ValueError(f"unknown ribbon {self.ribbon!r}; use one of {sorted(RIBBON_FRONT)}")
        if self.insertion not in INSERTION_MODES:
            raise ValueError(f"unknown insertion mode {self.insertion!r}")
        if self.levels not in (32, 64, 128):
            raise ValueError("levels must be 32, 64 or 128")
        if self.compression is not None and self.compression not in COMPRESSIONS:
            raise ValueError(f"compression must be one of {', '.join(COMPRESSIONS)}")


def panel_frame(panel: str, plane, levels: int, *, compression: str | None = None) -> bytes:
    """The command that downloads one panel: `Db`, or `Dbc` with the chosen header.

    dbc3: `Dbc;panel;levels;byte count;data` (§4); dbc4: `Dbc;panel;levels;0;byte count;data` (§8,
    the third field being the first line, always 0 here: every line is sent).
    """
    if compression in (None, "none"):
        return frame("Db", panel, levels, data=pn.pack_panel(plane, levels))
    data = pn.compress_panel(plane, levels)
    if compression == "dbc3":
        return frame("Dbc", panel, levels, len(data), data=data)
    if compression == "dbc4":
        return frame("Dbc", panel, levels, 0, len(data), data=data)
    raise ValueError(f"unknown compression {compression!r}")


def side_frames(raster: CardRaster, panel_names: str, options: EvolisOptions) -> list[tuple[str, bytes]]:
    """(panel, command) for each panel of one card side, in ribbon order."""
    mono = not any(p in panel_names for p in pn.COLOUR_PANELS)
    # With no colour panels, everything dark goes to K, not only pure black; the photo is dithered.
    threshold = 127 if mono else pn.BLACK_THRESHOLD
    separated = pn.raster_to_panels(raster, options.levels, black_threshold=threshold,
                                    dither=raster.halftone if mono else None)
    return [
        (p, panel_frame(p, separated[p], pn.levels_for(p, options.levels), compression=options.compression))
        for p in panel_names
    ]


def card_frames(
    job: CardJob, options: EvolisOptions, capabilities: Capabilities = MINIMUM
) -> list[tuple[str, bytes]]:
    """The whole card sequence as (label, command bytes): Ss, [Sr], Db..., [Sv, Db...], Se (§8 S, §21).

    `Sr` goes out only to models that have it (the side is the front without it); a back needs `Sv`.
    """
    if job.encode_chip:  # never issue a card whose chip was silently left blank
        raise PrinterError(Fault.COMMAND_ERROR, "chip encoding is not supported yet", card_consumed=False)
    if job.back is not None and not capabilities.has("Sv"):
        raise PrinterError(
            Fault.COMMAND_ERROR, f"{capabilities.label} has no Sv: it cannot print the back", card_consumed=False
        )
    frames = [("Ss", frame("Ss"))]
    if capabilities.has("Sr"):
        frames.append(("Sr", frame("Sr")))
    frames += side_frames(job.front, RIBBON_FRONT[options.ribbon], options)
    if job.back is not None:
        frames.append(("Sv", frame("Sv")))
        frames += side_frames(
            job.back, RIBBON_BACK.get(options.ribbon, RIBBON_FRONT[options.ribbon]), options
        )
    frames.append(("Se", frame("Se")))
    return frames


def parse_int(value: str, what: str) -> int:
    if not value.isdigit():
        raise GarbledReply(f"{what}: expected a number, got {value!r}")
    return int(value)


_VOLTS = re.compile(r"^\d{1,2}([.,]\d{1,3})?\s*V?$", re.IGNORECASE)


def parse_volts(value: str, what: str) -> float:
    if not _VOLTS.match(value):
        raise GarbledReply(f"{what}: expected volts, got {value!r}")
    return float(value.rstrip("vV ").replace(",", "."))
