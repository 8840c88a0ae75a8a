"""A simulated Evolis printer that receives the very bytes the USB driver sends.

`sim://NAME` opens the real `UsbEvolisPrinter` over a fake libusb backend (`sim_usb.py`) whose bulk
OUT endpoint feeds the parser below. The simulator is written to be able to disagree with the
driver: it takes its model's row of the guide's capability table and refuses (NACK 1) whatever that
model lacks, refuses a ribbon the guide does not list (NACK 2), parses `Dbc` with the header it was
told to expect, frames its values the way it was told (`framing=cr|lf|crlf|nul|ack`, the last being
a value ended by an ACK alone; `ackvalue=before` (or 1) for an ACK before each value, `ackvalue=after`
for one after its line end; `packet=N` to split replies into N-byte USB packets), takes `delay`
seconds per card (and `panel_delay` per panel download), and injects faults where they happen on a
real printer. Parameters: `sim://NAME?model=dualys&framing=nul&dbc=3`.

Its replies stay within what the programming guide A5013 documents (ACK, NACK + the §5 codes,
`Rlr;p` "NO CARD"/"ERR CARD", `Rlr;r` "ERR NEED CLEANING", numbers and voltages). Where the guide
is silent the simulator has to answer something; each such point is marked ASSUMED here and in
docs/printers.md, and is on the probe's checklist for a real printer:
- ASSUMED: before `Pem;4` a command is answered `OK` or `ERR <code>`, then a line end;
- ASSUMED: `Rlr;p`/`Rlr;r` answer `OK` when there is nothing to report; `Rem` answers `<current>;<saved>`;
  `Rmi`, `Rkn` and `Rck` answer a letter, a number and four hex digits;
  `Rse` answers volts as `4.80` (high) or `0.20` (low); counters are decimal numbers;
- ASSUMED: the card is taken from the feeder at `Ss`; `Srs` ejects a card that is not jammed.

Faults (`sim://NAME?faults=jam@2,ribbon`, or `set_faults(...)` at run time), each `name[@N]`: the
fault strikes card N counted from when the faults were set (default N = 1, the next card).

    no_card       the feeder is empty from card N on: `Ss` gets NACK F
    ribbon        the ribbon is out from card N on: `Ss` gets NACK R
    cover_open    the cover is open from card N on: `Ss` gets NACK C (Quantum/Kiosk: sensor too)
    jam           card N jams while printing: `Se` gets NACK T, the card stays inside until cleared
    panel_jam     card N jams while its first panel prints: the second panel gets NACK T
    panel_silent  the printer takes card N's second panel and then answers nothing until reset
    ribbon_end    the ribbon runs out in the middle of card N: its third panel gets NACK R
    cover_mid     the cover is opened while card N prints: `Se` gets NACK C, the card stays inside
    unplug        the printer leaves the bus while card N's second panel is being sent
    stall         the OUT endpoint stalls (EPIPE) in the middle of card N's second panel
    no_reply      the printer stops answering from card N on
    garbled       the printer answers rubbish from card N on
    card_inside   a card is already in the printer (as after a power cut): `Ss` gets NACK T (ASSUMED)
    winusb        libusb cannot open the device (Windows without WinUSB: "not supported")
  not documented by the guide, so their replies are ASSUMED:
    hopper_full   the output hopper is full: `Ss` gets NACK T
    reject_full   the reject box is full: `Ser` gets NACK T
    cooling       the print head is cooling: `Se` answers COOLING_SECONDS late
    cleaning      cleaning is due: `Rlr;r` says so, cards still print
    wrong_ribbon  the ribbon in the printer is not the one `Pr` named: `Ss` gets NACK R

Simulated printers live in a process-wide table, so reopening `sim://NAME` keeps its counters and
faults; the URI's parameters only apply when the name is first used.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from desktop.devices import sim_guide as guide
from desktop.devices.sim_faults import SIM_FAULTS, parse_faults, write_png
from desktop.devices.sim_firmware import SimFirmware

log = logging.getLogger("ktp.devices")

RIBBON_CARDS = 200  # a full YMCKO ribbon
KEEP_CARDS = 8  # printed card images kept in memory for tests and the GUI
FRAMINGS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "nul": b"\x00", "ack": b"\x06"}
ACK_VALUES = {False: "", True: "before", "0": "", "1": "before", "": "", "before": "before", "after": "after"}

__all__ = ["SIM_FAULTS", "SimUnplugged", "SimulatedEvolis", "parse_faults", "write_png"]


class SimUnplugged(Exception):
    """The simulated printer is not on the bus."""


class SimStalled(Exception):
    """The simulated endpoint stalled: the fake backend answers EPIPE until the halt is cleared."""


class SimulatedEvolis(SimFirmware):
    """The firmware and the hardware state of one simulated printer. Thread-safe."""

    VENDOR_ID = 0x0F49
    PRODUCT_ID = 0x0A00
    FIRMWARE = "SIM-1.0"

    def __init__(
        self,
        name: str,
        *,
        model: str = "zenius",
        framing: str = "cr",
        ack_value: bool | str = False,
        packet: int = 0,
        dbc_header: int = 4,
        delay: float = 0.0,
        panel_delay: float = 0.0,
        save_dir: str | Path | None = None,
        faults: str | Iterable[str] | Mapping[str, int] | None = None,
    ) -> None:
        if framing not in FRAMINGS:
            raise ValueError(f"unknown framing {framing!r}; known: {', '.join(FRAMINGS)}")
        if ack_value not in ACK_VALUES:
            raise ValueError(f"unknown ackvalue {ack_value!r}; known: 0, 1, before, after")
        if dbc_header not in (3, 4):
            raise ValueError("dbc must be 3 or 4")
        if packet < 0:
            raise ValueError("packet must not be negative")
        self.name = name
        self.capabilities = guide.sim_model(model)  # its own copy of the guide's table, not the driver's
        self.family = model
        self.MODEL = f"Evolis {self.capabilities.label} (simulated)"
        self.serial = f"SIM-{name}" if name else "SIM"
        self.value_end = FRAMINGS[framing]  # how a value ends in ACK/NACK mode
        self.line_end = b"\r" if framing == "ack" else self.value_end  # ASSUMED: before `Pem;4`, a line end
        self.ack_value = ACK_VALUES[ack_value]  # "", "before" or "after" (the value's line end)
        self.packet = packet
        self.dbc_header = dbc_header
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
        self.stalled = False  # the OUT endpoint answers EPIPE until its halt is cleared
        self.usb_resets = 0
        self.writes: deque[tuple[int, int]] = deque(maxlen=1000)  # (bytes, time-out ms) per bulk write
        self.commands: deque[str] = deque(maxlen=200)  # names of the commands received, in order
        # counters
        self.cards_started = 0
        self.cards_printed = 0
        self.cards_spoiled = 0
        self.panels_printed = 0
        self.cleanings = 0
        self.ribbon_cards_left = RIBBON_CARDS
        self.printed: deque[dict[str, np.ndarray]] = deque(maxlen=KEEP_CARDS)
        self.saved: list[Path] = []
        self.recording: bytearray | None = None
        self._faults: dict[str, int] = {}
        self._fault_base = 0
        self.jammed = False
        self.card_inside = False
        self._silent = False
        self._inbuf = bytearray()
        self.refusals: deque[str] = deque(maxlen=50)  # why each refused panel was refused, in order
        self._replies: deque[tuple[float, bytes]] = deque()
        self._power_on()
        self.set_faults(faults)

    def _power_on(self) -> None:
        self.ack_mode = False
        self.pem = 0
        self.ribbon = "ymcko"
        self.insertion = "F"
        self._in_sequence = False
        self._side: str | None = None
        self._card: dict[str, dict[str, tuple[np.ndarray, int]]] = {}
        self._panels_in_card = 0
        self._sent: list[str] = []  # the panels of the current side, in the order they came
        self._inbuf.clear()
        self._replies.clear()
        self._silent = False

    # -- control, from tests and the GUI -----------------------------------------------------

    def set_faults(self, faults: str | Iterable[str] | Mapping[str, int] | None) -> None:
        """Replace the armed faults; card numbers count from now."""
        parsed = parse_faults(faults)
        with self._cond:
            self._faults = parsed
            self._fault_base = self.cards_started
            if "card_inside" in parsed:
                self.card_inside = True
        if parsed:
            log.info("simulator %s: faults %s", self.name, ",".join(f"{k}@{v}" for k, v in parsed.items()))

    def clear_faults(self) -> None:
        """What the operator does: close the cover, refill cards and ribbon, clear the jam, plug in."""
        with self._cond:
            self._faults = {}
            self.jammed = False
            self.card_inside = False
            self.stalled = False
            self._silent = False
            self.ribbon_cards_left = RIBBON_CARDS
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

    @property
    def winusb_missing(self) -> bool:
        return "winusb" in self._faults

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

    def usb_reset(self) -> None:
        """A USB reset: the interface is released and the parser starts afresh (the card stays)."""
        with self._cond:
            self.usb_resets += 1
            self.stalled = False
            self._silent = False
            self._inbuf.clear()
            self._replies.clear()
            self.kernel_driver_active = True  # the kernel binds its driver again after a reset

    def clear_halt(self) -> None:
        with self._cond:
            self.stalled = False

    def start_recording(self) -> None:
        with self._cond:
            self.recording = bytearray()

    def unread_replies(self) -> int:
        """Replies sent (or due) that nobody has read yet: 0 once every command's answer was taken."""
        with self._cond:
            return len(self._replies)

    def last_card(self, side: str = "front") -> np.ndarray | None:
        """The last printed card side as a (638, 1011, 3) RGB array."""
        with self._cond:
            return self.printed[-1].get(side) if self.printed else None

    # -- the bus side, called by the fake USB backend ----------------------------------------

    def receive(self, data: bytes) -> None:
        with self._cond:
            if not self.plugged:
                raise SimUnplugged
            if self.stalled:
                raise SimStalled
            second_panel = self._in_sequence and self._panels_in_card == 1 and len(self._inbuf) > 1000
            if second_panel and self._due("unplug", mid_card=True):
                del self._faults["unplug"]
                self.unplug()
                log.info("simulator %s: unplugged in the middle of a card", self.name)
                raise SimUnplugged
            if second_panel and self._due("stall", mid_card=True):
                del self._faults["stall"]
                self.stalled = True
                log.info("simulator %s: endpoint stalled in the middle of a panel", self.name)
                raise SimStalled
            if self.recording is not None:
                self.recording += data
            self._inbuf += data
            self._parse()

    def take_reply(self, size: int, timeout: float) -> bytes | None:
        """The next reply whose time has come, waiting up to `timeout` s; None if there is none."""
        deadline = time.monotonic() + timeout
        size = min(size, self.packet) if self.packet else size
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

    def _strike(self, name: str) -> bool:
        """A one-off mid-card fault: True (and disarmed) when it strikes now."""
        if self._due(name, mid_card=True):
            del self._faults[name]
            return True
        return False

    # -- output -------------------------------------------------------------------------------

    @staticmethod
    def _compose(planes: dict[str, tuple[np.ndarray, int]]) -> np.ndarray:
        colour_levels = next((lv for _, lv in planes.values() if lv > 2), 32)
        card = {name: guide.panel_to_card(plane) for name, (plane, _) in planes.items()}
        return guide.card_picture(card, colour_levels)

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
