"""The simulated printer's firmware: it parses the command stream and answers it (see simulator.py).

Kept apart from the hardware and the fault switches (simulator.py): this is the part that speaks the
A5013 language, from its own copy of the guide's tables and its own panel decoder (`sim_guide.py`,
nothing of the driver's), and must only answer what the guide documents (replies it has to invent
are marked ASSUMED). A panel is refused (NACK 2, ASSUMED: the guide does not say what a printer does)
when it is not on the ribbon's side, comes twice or out of the ribbon's order, or does not fill exactly
the model's bitmap; `refusals` keeps why.
"""

from __future__ import annotations

import logging
import time

import numpy as np

from desktop.devices import sim_guide as guide
from desktop.devices.sim_guide import ACK, NACK

log = logging.getLogger("ktp.devices")

GARBAGE = b"\xfe\x00\x13\x9a"
VOLTS_HIGH, VOLTS_LOW = "4.80", "0.20"  # ASSUMED format
GUIDE_RIBBONS = frozenset(  # §8 `Pr`
    ("ymcko", "ymckos", "ymckok", "kb", "kw", "kr", "kbl", "kgr", "kgo", "ksi", "ksc", "ko", "h", "ho",
     "Ktc", "Ktp", "Ka")
)
COOLING_SECONDS = 1.0


class SimFirmware:
    """Mixed into SimulatedEvolis: the command parser, the replies and one handler per command.

    Uses the device's state (`_inbuf`, `_replies`, `ack_mode`, the card in progress, the counters)
    and its fault checks (`_due`, `_strike`); called with the device's lock held.
    """

    _card: dict[str, dict[str, tuple[np.ndarray, int]]]

    # -- the command parser -------------------------------------------------------------------

    def _parse(self) -> None:
        buf = self._inbuf
        while buf:
            if buf[0] != 0x1B:
                start = buf.find(b"\x1b")
                log.debug("simulator %s: %d bytes outside a command", self.name, len(buf) if start < 0 else start)
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
        for _ in range(2 if name == "Db" else self.dbc_header):
            semi = buf.find(b";", pos, pos + 16)
            if semi < 0:
                if len(buf) > pos + 16:
                    self._drop_input(f"bad {name} header")
                return False
            fields.append(bytes(buf[pos:semi]).decode("ascii", "replace"))
            pos = semi + 1
        try:
            levels = int(fields[1])
            size = guide.panel_bytes(levels, self.capabilities.dots) if name == "Db" else int(fields[-1])
        except (ValueError, KeyError):
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
        self.refusals.append(why)
        self._inbuf.clear()
        self._answer_error("1")

    # -- replies ------------------------------------------------------------------------------

    def _reply(self, data: bytes, delay: float = 0.0) -> None:
        if self._silent:
            return
        self._replies.append((time.monotonic() + delay, data))
        self._cond.notify_all()

    def _answer_ok(self, delay: float = 0.0) -> None:
        self._reply(bytes([ACK]) if self.ack_mode else b"OK" + self.line_end, delay)

    def _answer_error(self, code: str, delay: float = 0.0) -> None:
        self._reply(bytes([NACK]) + code.encode() if self.ack_mode else f"ERR {code}".encode() + self.line_end, delay)

    def _answer_text(self, text: str) -> None:
        if not self.ack_mode:
            self._reply(text.encode("ascii") + self.line_end)
            return
        before = bytes([ACK]) if self.ack_value == "before" else b""
        after = bytes([ACK]) if self.ack_value == "after" else b""
        self._reply(before + text.encode("ascii") + self.value_end + after)

    # -- commands -----------------------------------------------------------------------------

    def _execute(self, name: str, params: list[str], data: bytes | None) -> None:
        self.commands.append(name)
        if name == "Srs" and self._silent:
            self._silent = False  # the reset brings a silent printer back
        if self._due("no_reply") or self._silent:
            return
        if self._due("garbled"):
            self._reply(GARBAGE)
            return
        handler = getattr(self, f"_cmd_{name}", None)
        if handler is None or not self.capabilities.has(name):
            self._answer_error("1")  # §5: a command this model does not have
            return
        handler(params, data)

    def _cmd_Pem(self, params: list[str], data: bytes | None) -> None:
        if params == ["4"]:  # §8 Pem: ACK/NACK mode, the stored mode unchanged
            self.ack_mode = True
            self._answer_ok()
        elif len(params) == 1 and params[0].isdigit():
            self._answer_ok()
            self.pem = int(params[0])
            self.ack_mode = bool(self.pem & 8)  # ASSUMED: bit 4 (value 8) is the ACK/NACK protocol
        else:
            self._answer_error("2")

    def _cmd_Pr(self, params: list[str], data: bytes | None) -> None:
        if params and params[0] in GUIDE_RIBBONS:
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
        elif self.jammed or self.card_inside or self._due("hopper_full"):
            self._answer_error("T")
        elif self._due("no_card"):
            self._answer_error("F")
        elif self._due("ribbon") or self._due("wrong_ribbon") or self.ribbon_cards_left <= 0:
            self._answer_error("R")
        else:
            self.cards_started += 1
            self._in_sequence, self.card_inside = True, True
            self._side, self._card, self._panels_in_card, self._sent = "front", {"front": {}}, 0, []
            self._answer_ok()

    def _cmd_Sr(self, params: list[str], data: bytes | None) -> None:
        self._select_side("front")

    def _cmd_Sv(self, params: list[str], data: bytes | None) -> None:
        self._select_side("back")

    def _select_side(self, side: str) -> None:
        if not self._in_sequence:
            self._answer_error("1")
            return
        if side != self._side:
            self._sent = []
        self._side = side
        self._card.setdefault(side, {})
        self._answer_ok()

    def _cmd_Db(self, params: list[str], data: bytes | None) -> None:
        self._download(params[0], params[1], data or b"", None)

    def _cmd_Dbc(self, params: list[str], data: bytes | None) -> None:
        first = params[2] if self.dbc_header == 4 else "0"
        self._download(params[0], params[1], data or b"", first)

    def _download(self, panel: str, levels_text: str, data: bytes, first_line: str | None) -> None:
        if not self._in_sequence or self._side is None:
            self._answer_error("1")
            return
        allowed = ("2",) if panel in guide.MONO else ("32", "64", "128") if panel in guide.COLOUR else ()
        dots = self.capabilities.dots
        if levels_text not in allowed:
            self._refuse(f"panel {panel!r} at {levels_text!r} levels: §8 Db has y, m, c at 32/64/128, k and o at 2")
            return
        if first_line is not None and not (first_line.isdigit() and int(first_line) < dots[0]):
            self._refuse(f"Dbc first line {first_line!r} is not a line of the bitmap")
            return
        why = guide.check_panel_order(self.ribbon, self._side, self._sent, panel)
        if why:
            self._refuse(why)
            return
        levels = int(levels_text)
        try:
            if first_line is None:
                plane = guide.decode_db(data, levels, dots)
            elif levels == 2:
                plane = guide.decode_dbc_mono(data, int(first_line), dots)
            else:
                plane = guide.decode_dbc_colour(data, levels, int(first_line), dots)
        except guide.Refused as exc:
            self._refuse(f"panel {panel}: {exc}")
            return
        self._sent.append(panel)
        self._panels_in_card += 1
        second, third = self._panels_in_card == 2, self._panels_in_card == 3
        if second and self._strike("panel_jam"):
            self._spoil_in_printer("the card jammed while printing its first panel", stuck=True)
            self._answer_error("T")
            return
        if third and self._strike("ribbon_end"):
            self.ribbon_cards_left = 0
            self._spoil_in_printer("the ribbon ran out in the middle of a card", stuck=False)
            self._answer_error("R")
            return
        if second and self._strike("panel_silent"):
            self._silent = True
            log.info("simulator %s: silent after a panel download", self.name)
            return
        self._card[self._side][panel] = (plane, levels)
        self._answer_ok(self.panel_delay)

    def _refuse(self, why: str) -> None:
        self.refusals.append(why)
        log.info("simulator %s refused a panel: %s", self.name, why)
        self._answer_error("2")

    def _spoil_in_printer(self, why: str, *, stuck: bool) -> None:
        """The card being printed is spoiled and stays in the printer (stuck: until cleared by hand)."""
        self._in_sequence = False
        self.jammed = self.jammed or stuck
        self.cards_spoiled += 1
        log.info("simulator %s: %s", self.name, why)

    def _cmd_Se(self, params: list[str], data: bytes | None) -> None:
        if not self._in_sequence:
            self._answer_error("1")
            return
        if self._strike("jam"):
            self._spoil_in_printer("card jammed", stuck=True)
            self._answer_error("T", self.delay / 2)
            return
        if self._strike("cover_mid"):
            self._spoil_in_printer("the cover was opened while printing", stuck=False)
            self._answer_error("C", self.delay / 2)
            return
        self._in_sequence, self.card_inside = False, False
        card = {side: self._compose(planes) for side, planes in self._card.items() if planes}
        self.cards_printed += 1
        self.panels_printed += sum(len(p) for p in self._card.values())
        self.ribbon_cards_left = max(0, self.ribbon_cards_left - 1)
        self.printed.append(card)
        self._save(card)
        self._answer_ok(self.delay + (COOLING_SECONDS if self._due("cooling") else 0.0))

    def _cmd_Ser(self, params: list[str], data: bytes | None) -> None:
        if self._due("reject_full") or self.jammed:  # ASSUMED: a stuck card cannot be moved
            self._answer_error("T")
            return
        if self._in_sequence:
            self.cards_spoiled += 1  # a card abandoned in the middle of its sequence
        self._in_sequence, self.card_inside = False, False
        self._answer_ok()

    _cmd_Seb = _cmd_Ser

    def _cmd_Srs(self, params: list[str], data: bytes | None) -> None:
        """§8: "resets the printer like when we restart it" (ACK/NACK mode off again)."""
        if self._in_sequence and self._panels_in_card:
            self.cards_spoiled += 1
        if not self.jammed:
            self.card_inside = False  # ASSUMED: a card that is not stuck is ejected
        pem = self.pem
        self._power_on()
        self.pem = pem
        self._answer_ok()

    def _cmd_Scp(self, params: list[str], data: bytes | None) -> None:
        self.cleanings += 1
        self._faults.pop("cleaning", None)
        self._answer_ok(self.delay)

    def _cmd_St(self, params: list[str], data: bytes | None) -> None:
        self._answer_ok(self.delay)

    def _cmd_Rtp(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(self.MODEL)

    def _cmd_Rsn(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(self.serial)

    def _cmd_Rfv(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(self.FIRMWARE)

    def _cmd_Rr(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(self.ribbon)

    def _cmd_Rcr(self, params: list[str], data: bytes | None) -> None:
        self._answer_text("OK")  # §8: OK when the ribbon is not on its black (end) mark

    def _cmd_Rmi(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(self.insertion)  # ASSUMED format: the letter Pmi set

    def _cmd_Rkn(self, params: list[str], data: bytes | None) -> None:
        self._answer_text("1")  # ASSUMED format: the print head kit number

    def _cmd_Rck(self, params: list[str], data: bytes | None) -> None:
        self._answer_text("5A3C")  # ASSUMED format: the firmware checksum

    def _cmd_Rem(self, params: list[str], data: bytes | None) -> None:
        self._answer_text(f"{self.pem};{self.pem}")

    def _cmd_Rco(self, params: list[str], data: bytes | None) -> None:
        values = {
            "p": self.panels_printed,
            "c": self.cards_started,
            "a": 1000,
            "m": 1000,
            "n": self.cleanings,
            "I": 0 if self._due("ribbon") else self.ribbon_cards_left,
        }
        if len(params) == 1 and params[0] in values:
            self._answer_text(str(values[params[0]]))
        else:
            self._answer_error("2")

    def _cmd_Rlr(self, params: list[str], data: bytes | None) -> None:
        if params == ["p"]:
            if self.card_inside:
                self._answer_text("ERR CARD")
            elif self._due("no_card"):
                self._answer_text("NO CARD")
            else:
                self._answer_text("OK")
        elif params == ["r"]:
            self._answer_text("ERR NEED CLEANING" if self._due("cleaning") else "OK")
        else:
            self._answer_error("2")

    def _cmd_Rse(self, params: list[str], data: bytes | None) -> None:
        sensors = {
            "o": self._due("cover_open"),
            "p": self.card_inside,
            "m": not self._due("no_card"),
            "c": False,
            "r": False,
        }
        if len(params) == 1 and params[0] in sensors:
            self._answer_text(VOLTS_HIGH if sensors[params[0]] else VOLTS_LOW)
        else:
            self._answer_error("2")
