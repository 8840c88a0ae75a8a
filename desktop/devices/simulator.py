"""A simulated Evolis printer that receives the very bytes the USB driver sends.

`sim://NAME` opens the real `UsbEvolisPrinter` over a fake libusb backend (`sim_usb.py`) whose bulk
OUT endpoint feeds the parser below. The simulator keeps the panels it was sent, answers ACK/NACK
like the printer, takes `delay` seconds per card (and `panel_delay` per panel download), counts
cards, can save each printed card as a PNG, and injects faults.

Faults (`sim://NAME?faults=jam@2,ribbon`, or `set_faults(...)` at run time), each `name[@N]`:
the fault strikes card N counted from when the faults were set (default N = 1, the next card).

    no_card     the feeder is empty from card N on: `Ss` gets NACK F       (card not consumed)
    ribbon      the ribbon is out from card N on: `Ss` gets NACK R         (card not consumed)
    cover_open  the cover is open from card N on: `Ss` gets NACK C         (card not consumed)
    jam         card N jams while printing: `Se` gets NACK T; the printer
                stays jammed until `clear_faults()`                        (card consumed)
    unplug      the printer vanishes from the bus while card N's panels
                are being sent; it comes back with `replug()`/`clear_faults()` (card consumed)
    no_reply    the printer stops answering from card N on                (card not consumed)
    garbled     the printer answers rubbish from card N on                (card not consumed)

"From card N on" faults show in the status as soon as N - 1 cards have gone through.
Simulated printers live in a process-wide table, so reopening `sim://NAME` keeps its counters and
faults; the URI's parameters only apply when the name is first used.
"""

from __future__ import annotations

import logging
import struct
import threading
import time
import zlib
from collections import deque
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from desktop.devices import panels as pn
from desktop.devices.evolis import ACK, NACK, RIBBON_FRONT

log = logging.getLogger("ktp.devices")

SIM_FAULTS = ("no_card", "ribbon", "cover_open", "jam", "unplug", "no_reply", "garbled")
GARBAGE = b"\xfe\x00\x13\x9a"
VOLTS_HIGH, VOLTS_LOW = "4.80", "0.20"
RIBBON_PANELS = 1000  # a full YMCKO ribbon: 200 cards
KEEP_CARDS = 8  # printed card images kept in memory for tests and the GUI


class SimUnplugged(Exception):
    """The simulated printer is not on the bus."""


def parse_faults(spec: str | Iterable[str] | Mapping[str, int] | None) -> dict[str, int]:
    """`"jam@2,ribbon"` (or a list of such items, or {name: N}) -> {"jam": 2, "ribbon": 1}."""
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        items = [(str(k), int(v)) for k, v in spec.items()]
    else:
        parts = spec.split(",") if isinstance(spec, str) else list(spec)
        items = []
        for part in (p.strip() for p in parts):
            if not part:
                continue
            name, _, count = part.partition("@")
            try:
                items.append((name.strip(), int(count) if count else 1))
            except ValueError:
                raise ValueError(
                    f"bad fault {part!r}: the card number after @ must be a whole number"
                ) from None
    faults = {}
    for name, count in items:
        if name not in SIM_FAULTS:
            raise ValueError(f"unknown fault {name!r}; known: {', '.join(SIM_FAULTS)}")
        if count < 1:
            raise ValueError(f"bad fault {name}@{count}: cards are counted from 1")
        faults[name] = count
    return faults


def write_png(path: Path, rgb: np.ndarray) -> None:
    """Write an (h, w, 3) uint8 array as an RGB PNG (zlib only, no Qt)."""
    height, width, _ = rgb.shape
    rows = np.zeros((height, width * 3 + 1), dtype=np.uint8)  # filter byte 0 per row
    rows[:, 1:] = rgb.reshape(height, width * 3)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows.tobytes(), 3))
    path.write_bytes(data + chunk(b"IEND", b""))


class SimulatedEvolis:
    """The firmware and the hardware state of one simulated printer. Thread-safe."""

    VENDOR_ID = 0x0F49
    PRODUCT_ID = 0x0A00
    MODEL = "Evolis Zenius (simulated)"
    FIRMWARE = "SIM-1.0"

    def __init__(
        self,
        name: str,
        *,
        delay: float = 0.0,
        panel_delay: float = 0.0,
        save_dir: str | Path | None = None,
        faults: str | Iterable[str] | Mapping[str, int] | None = None,
    ) -> None:
        self.name = name
        self.serial = f"SIM-{name}" if name else "SIM"
        self.delay = float(delay)
        self.panel_delay = float(panel_delay)
        self.save_dir = Path(save_dir) if save_dir else None
        self._cond = threading.Condition(threading.RLock())
        # hardware, read and changed by the fake USB backend
        self.plugged = True
        self.generation = 0  # bumped on every re-plug: old handles stop working
        self.kernel_driver_active = True  # `usblp` holds the interface after plugging in
        self.kernel_driver_api = True  # False: behave like Windows (NotImplementedError)
        self.configuration = 1
        self.set_configuration_calls = 0
        self.busy_until = 0.0  # another program holds the interface until then
        self.writes: deque[tuple[int, int]] = deque(maxlen=1000)  # (bytes, time-out ms) per bulk write
        # counters
        self.cards_started = 0
        self.cards_printed = 0
        self.cards_spoiled = 0
        self.ribbon_panels_left = RIBBON_PANELS
        self.printed: deque[dict[str, np.ndarray]] = deque(maxlen=KEEP_CARDS)
        self.saved: list[Path] = []
        self.recording: bytearray | None = None
        self._faults: dict[str, int] = {}
        self._fault_base = 0
        self.jammed = False
        self._power_on()
        self.set_faults(faults)

    def _power_on(self) -> None:
        self.ack_mode = False
        self.ribbon = "ymcko"
        self.insertion = "F"
        self._in_sequence = False
        self._side: str | None = None
        self._card: dict[str, dict[str, tuple[np.ndarray, int]]] = {}
        self._inbuf = bytearray()
        self._replies: deque[tuple[float, bytes]] = deque()

    # -- control, from tests and the GUI -----------------------------------------------------

    def set_faults(self, faults: str | Iterable[str] | Mapping[str, int] | None) -> None:
        """Replace the armed faults; card numbers count from now."""
        parsed = parse_faults(faults)
        with self._cond:
            self._faults = parsed
            self._fault_base = self.cards_started
        if parsed:
            log.info("simulator %s: faults %s", self.name, ",".join(f"{k}@{v}" for k, v in parsed.items()))

    def clear_faults(self) -> None:
        """What the operator does: close the cover, refill cards and ribbon, clear the jam, plug in."""
        with self._cond:
            self._faults = {}
            self.jammed = False
            self.ribbon_panels_left = RIBBON_PANELS
            if not self.plugged:
                self.replug()

    @property
    def faults(self) -> dict[str, int]:
        with self._cond:
            return dict(self._faults)

    def armed_faults(self) -> dict[str, int]:
        """Each armed fault and the card, counted from now, it strikes (1: the next card; 0: in place now)."""
        with self._cond:
            done = self.cards_started - self._fault_base
            armed = {name: max(1, card - done) for name, card in self._faults.items()}
            if self.jammed:
                armed["jam"] = 0
            if not self.plugged:
                armed["unplug"] = 0
            return armed

    def unplug(self) -> None:
        with self._cond:
            self.plugged = False
            self._cond.notify_all()

    def replug(self) -> None:
        """Back on the bus, freshly powered: not in ACK mode, `usblp` bound again."""
        with self._cond:
            self.plugged = True
            self.generation += 1
            self.kernel_driver_active = True
            self.configuration = 1
            self._power_on()

    def start_recording(self) -> None:
        with self._cond:
            self.recording = bytearray()

    def last_card(self, side: str = "front") -> np.ndarray | None:
        """The last printed card side as a (638, 1011, 3) RGB array."""
        with self._cond:
            return self.printed[-1].get(side) if self.printed else None

    # -- the bus side, called by the fake USB backend ----------------------------------------

    def receive(self, data: bytes) -> None:
        with self._cond:
            if not self.plugged:
                raise SimUnplugged
            if self._due("unplug", mid_card=True) and self._card.get(self._side or "", {}):
                del self._faults["unplug"]
                self.cards_spoiled += 1
                self.unplug()
                log.info("simulator %s: unplugged in the middle of a card", self.name)
                raise SimUnplugged
            if self.recording is not None:
                self.recording += data
            self._inbuf += data
            self._parse()

    def take_reply(self, size: int, timeout: float) -> bytes | None:
        """The next reply whose time has come, waiting up to `timeout` s; None if there is none."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                if not self.plugged:
                    raise SimUnplugged
                now = time.monotonic()
                if self._replies and self._replies[0][0] <= now:
                    ready, reply = self._replies.popleft()
                    if len(reply) > size:
                        self._replies.appendleft((ready, reply[size:]))
                        reply = reply[:size]
                    return reply
                if now >= deadline:
                    return None
                wake = deadline if not self._replies else min(deadline, self._replies[0][0])
                self._cond.wait(max(0.0005, wake - now))

    # -- faults -------------------------------------------------------------------------------

    def _due(self, name: str, *, mid_card: bool = False) -> bool:
        """Whether fault `name` strikes now: during card N (mid-card) or once N - 1 cards went by."""
        count = self._faults.get(name)
        if count is None:
            return False
        started = self.cards_started - self._fault_base
        if mid_card:
            return self._in_sequence and started >= count
        done = started - (1 if self._in_sequence else 0)
        return done >= count - 1

    # -- the command parser -------------------------------------------------------------------

    def _parse(self) -> None:
        buf = self._inbuf
        while buf:
            if buf[0] != 0x1B:
                start = buf.find(b"\x1b")
                log.debug(
                    "simulator %s: %d bytes outside a command", self.name, len(buf) if start < 0 else start
                )
                self._answer_error("1")
                if start < 0:
                    buf.clear()
                    return
                del buf[:start]
            ends = [i for i in (buf.find(b";"), buf.find(b"\r")) if i > 0]
            if not ends:
                return  # the command name has not all come yet
            name = bytes(buf[1 : min(ends)]).decode("ascii", "replace")
            if name in ("Db", "Dbc"):
                if not self._take_download(name):
                    return
                continue
            end = buf.find(b"\r")
            if end < 0:
                return
            params = bytes(buf[1:end]).decode("ascii", "replace").split(";")[1:]
            del buf[: end + 1]
            self._execute(name, params, None)

    def _take_download(self, name: str) -> bool:
        """Take one whole `Db`/`Dbc` off the input if it has all arrived."""
        buf = self._inbuf
        fields, pos = [], len(name) + 2
        for _ in range(2 if name == "Db" else 4):
            semi = buf.find(b";", pos, pos + 16)
            if semi < 0:
                if len(buf) > pos + 16:
                    self._drop_input("bad download header")
                return False
            fields.append(bytes(buf[pos:semi]).decode("ascii", "replace"))
            pos = semi + 1
        try:
            levels = int(fields[1])
            size = pn.panel_size(levels) if name == "Db" else int(fields[3])
        except ValueError:
            self._drop_input(f"bad {name} parameters {fields}")
            return False
        if len(buf) < pos + size + 1:
            return False
        if buf[pos + size] != 0x0D:
            self._drop_input(f"{name} data of the wrong length")
            return False
        data = bytes(buf[pos : pos + size])
        del buf[: pos + size + 1]
        self._execute(name, fields, data)
        return True

    def _drop_input(self, why: str) -> None:
        log.debug("simulator %s: %s; input dropped", self.name, why)
        self._inbuf.clear()
        self._answer_error("1")

    # -- replies ------------------------------------------------------------------------------

    def _reply(self, data: bytes, delay: float = 0.0) -> None:
        self._replies.append((time.monotonic() + delay, data))
        self._cond.notify_all()

    def _answer_ok(self, delay: float = 0.0) -> None:
        self._reply(bytes([ACK]) if self.ack_mode else b"OK\r", delay)

    def _answer_error(self, code: str, delay: float = 0.0) -> None:
        self._reply(bytes([NACK]) + code.encode() if self.ack_mode else f"ERR {code}\r".encode(), delay)

    def _answer_text(self, text: str) -> None:
        self._reply(text.encode("ascii") + b"\r")

    # -- commands -----------------------------------------------------------------------------

    def _execute(self, name: str, params: list[str], data: bytes | None) -> None:
        if self._due("no_reply"):
            return
        if self._due("garbled"):
            self._reply(GARBAGE)
            return
        handler = getattr(self, f"_cmd_{name}", None)
        if handler is None:
            self._answer_error("1")
            return
        handler(params, data)

    def _cmd_Pem(self, params: list[str], data: bytes | None) -> None:
        if params == ["4"]:
            self.ack_mode = True
            self._answer_ok()
        else:
            self._answer_error("2")

    def _cmd_Pr(self, params: list[str], data: bytes | None) -> None:
        if len(params) == 1 and params[0] in RIBBON_FRONT:
            self.ribbon = params[0]
            self._answer_ok()
        else:
            self._answer_error("2")

    def _cmd_Pmi(self, params: list[str], data: bytes | None) -> None:
        if params and params[0] in ("F", "M", "B"):
            self.insertion = params[0]
            self._answer_ok()
        else:
            self._answer_error("2")

    def _cmd_Pc(self, params: list[str], data: bytes | None) -> None:
        self._answer_ok()

    def _cmd_Ss(self, params: list[str], data: bytes | None) -> None:
        if self._in_sequence:
            self._answer_error("1")
        elif self._due("cover_open"):
            self._answer_error("C")
        elif self.jammed:
            self._answer_error("T")
        elif self._due("no_card"):
            self._answer_error("F")
        elif self._due("ribbon") or self.ribbon_panels_left <= 0:
            self._answer_error("R")
        else:
            self.cards_started += 1
            self._in_sequence = True
            self._side, self._card = None, {}
            self._answer_ok()

    def _cmd_Sr(self, params: list[str], data: bytes | None) -> None:
        self._select_side("front")

    def _cmd_Sv(self, params: list[str], data: bytes | None) -> None:
        self._select_side("back")

    def _select_side(self, side: str) -> None:
        if not self._in_sequence:
            self._answer_error("1")
            return
        self._side = side
        self._card.setdefault(side, {})
        self._answer_ok()

    def _cmd_Db(self, params: list[str], data: bytes | None) -> None:
        self._download(params[0], int(params[1]), data or b"", None)

    def _cmd_Dbc(self, params: list[str], data: bytes | None) -> None:
        try:
            first = int(params[2])
        except ValueError:
            self._answer_error("2")
            return
        self._download(params[0], int(params[1]), data or b"", first)

    def _download(self, panel: str, levels: int, data: bytes, first_line: int | None) -> None:
        if not self._in_sequence or self._side is None:
            self._answer_error("1")
            return
        allowed = (2,) if panel in pn.MONO_PANELS else (32, 64, 128) if panel in pn.COLOUR_PANELS else ()
        if levels not in allowed:
            self._answer_error("2")
            return
        try:
            if first_line is None:
                plane = pn.unpack_panel(data, levels)
            else:
                plane = pn.decompress_panel(data, levels, first_line)
        except ValueError as exc:
            log.debug("simulator %s: bad panel %s: %s", self.name, panel, exc)
            self._answer_error("2")
            return
        self._card[self._side][panel] = (plane, levels)
        self._answer_ok(self.panel_delay)

    def _cmd_Se(self, params: list[str], data: bytes | None) -> None:
        if not self._in_sequence:
            self._answer_error("1")
            return
        jam = self._due("jam", mid_card=True)
        self._in_sequence = False
        if jam:
            del self._faults["jam"]
            self.jammed = True
            self.cards_spoiled += 1
            log.info("simulator %s: card jammed", self.name)
            self._answer_error("T", self.delay / 2)
            return
        card = {side: self._compose(planes) for side, planes in self._card.items() if planes}
        self.cards_printed += 1
        self.ribbon_panels_left = max(0, self.ribbon_panels_left - sum(len(p) for p in self._card.values()))
        self.printed.append(card)
        self._save(card)
        self._answer_ok(self.delay)

    def _cmd_Ser(self, params: list[str], data: bytes | None) -> None:
        if self._in_sequence:
            self._in_sequence = False
            self.cards_spoiled += 1
        self._answer_ok()

    _cmd_Seb = _cmd_Ser

    def _cmd_Srs(self, params: list[str], data: bytes | None) -> None:
        self._in_sequence = False
        self._answer_ok()

    def _cmd_Rtp(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(self.MODEL)

    def _cmd_Rsn(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(self.serial)

    def _cmd_Rfv(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(self.FIRMWARE)

    def _cmd_Rco(self, params: list[str], data: bytes | None) -> None:
        values = {"a": self.cards_printed, "r": 0 if self._due("ribbon") else self.ribbon_panels_left}
        if params and params[0] in values:
            self._answer_text(str(values[params[0]]))
        else:
            self._answer_error("2")

    def _cmd_Rlr(self, params: list[str], data: bytes | None) -> None:
        if self._due("no_card"):
            self._answer_text("NO CARD")
        elif self.jammed:
            self._answer_text("ERR CARD")
        else:
            self._answer_text("OK")

    def _cmd_Rse(self, params: list[str], data: bytes | None) -> None:
        sensors = {
            "o": self._due("cover_open"),
            "p": self.jammed or self._in_sequence,
            "m": not self._due("no_card"),
        }
        if params and params[0] in sensors:
            self._answer_text(VOLTS_HIGH if sensors[params[0]] else VOLTS_LOW)
        else:
            self._answer_error("2")

    # -- output -------------------------------------------------------------------------------

    @staticmethod
    def _compose(planes: dict[str, tuple[np.ndarray, int]]) -> np.ndarray:
        colour_levels = next((lv for _, lv in planes.values() if lv > 2), 32)
        return pn.panels_to_rgb({name: plane for name, (plane, _) in planes.items()}, colour_levels)

    def _save(self, card: dict[str, np.ndarray]) -> None:
        if self.save_dir is None:
            return
        self.save_dir.mkdir(parents=True, exist_ok=True)
        for side, rgb in card.items():
            path = self.save_dir / f"{self.name or 'sim'}-{self.cards_printed:04d}-{side}.png"
            write_png(path, rgb)
            self.saved.append(path)


_TABLE: dict[str, SimulatedEvolis] = {}
_TABLE_LOCK = threading.Lock()


def get_simulator(name: str, **settings) -> SimulatedEvolis:
    """The simulated printer called `name`, made with `settings` if it does not exist yet."""
    with _TABLE_LOCK:
        sim = _TABLE.get(name)
        if sim is None:
            sim = _TABLE[name] = SimulatedEvolis(name, **settings)
        return sim


def simulators() -> list[SimulatedEvolis]:
    with _TABLE_LOCK:
        return list(_TABLE.values())


def forget_simulators() -> None:
    """Drop every simulated printer (tests)."""
    with _TABLE_LOCK:
        _TABLE.clear()
