"""The simulator's own reading of the Evolis programming guide A5013: its tables and its panel decoder.

Written from the guide's text (Rev. E; section numbers are Rev. E's) and importing nothing from the
project (tests/unit/test_simulator_independent.py checks the imports): the simulator must be able to
disagree with the driver, so it neither decodes with the driver's `panels.py` nor answers from the
driver's capability table (`evolis_models.py`). The same decoder is the one
tests/unit/test_evolis_guide_decoder.py reads the `file://` stream with.

- §2 "General Working" and §8 `Db`: "the downloading will always be of 648 pixels by 1016 pixels",
  P1 the first transmitted pixel; every family of the guide has the same bitmap (DOTS).
- §8 `Db`: p2 is 2 (K, O: "1 byte = 8 pixels"), 32, 64 or 128 levels (5, 6, 7 bits), concatenated "in a
  way that each bit is useful"; the bit order is not given: most significant first (what the
  Dualys driver sent: PBM rows).
- §4 "Data compression": K and O line by line (`0x00` white, `0xFF` black, else N and the line's
  first N bytes); Y, M, C: MSB 0 one pixel, MSB 1 a value and a counter in the next byte, bits 6 (6-bit
  mode) or 6 and 5 (5-bit mode) adding 256 each; a counter of 0: "the line is blank".
- §8 `Pr`: the ribbons, and so the panels a card may have and their order (RIBBON_PANELS).
- §7 "Command per Printer Summary Table": which family has which command (MODEL_COMMANDS).

Strict where the guide leaves room for two readings: a panel must fill exactly the bitmap (no pixel
short, none past its end), a counter of 0 only at the start of a line, no extended counter whose low
byte is 0, no run across the end of a line. A driver that keeps to what every reading decodes alike
passes; anything else is refused, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ACK, NACK = 0x06, 0x15  # §5

LINES, PIXELS = 1016, 648  # §2: 1016 lines (the printing direction) of 648 pixels
BITS = {2: 1, 32: 5, 64: 6, 128: 7}  # §8 Db p2
COLOUR, MONO = "ymc", "ko"
LINE_BYTES = PIXELS // 8  # 81: §4 "N (1..81)"

# The card inside the bitmap, as docs/printers.md puts it (the guide does not place it): line i is card
# column i - 2, pixel j of a line is card row 637 - (j - 5).
CARD_W, CARD_H = 1011, 638
LEAD_LINES, LEAD_PIXELS = 2, 5


def _commands(names: str) -> frozenset[str]:
    return frozenset(names.split())


# §7 and the ticks above each command in §8. A command a model lacks is answered NACK 1 (§5).
_EVERY = _commands(
    "Ase Db Dbc Mc Mf Mh Mr Pbm Pc Pem Pkn Pl Pms Pnl Pnw Ppn Pr Prm Pwcs Pwj Pwr Px Py Rbm Rck Rco "
    "Rem Rfn Rkn Rl Rlr Rmi Rms Rnl Rnw Rpn Rps Rr Rrm Rro Rs Rsn Rtp Rx Ry Sa Sc Scom Scp Sdm Se "
    "Seb Ser Si Sib Sie Sp Srs Ss Ssd St Stt Wb Wcb Wl Wt"
)
_NOT_TATTOO = _commands("Dbp Dbpc Pmi Pmk Ppk Psm Psp Rcr Rks Rmk Rpk Rsm Rsp Sic Sv")
_QUANTUM_KIOSK = _commands("Pfm Piem Prs Pwm Rfm Rfv Riem Rrs Rsc Rse")
_DUALYS_QUANTUM = _commands("Scs Sr")
# ASSUMED: a model the guide does not have answers what the vendor's Windows driver was seen sending to
# a Dualys (dpavlin/Printer-EVOLIS, test.windows/: `Pmi;F;s`, `Sr`) besides every family's commands.
_OUTSIDE_THE_GUIDE = _EVERY | _commands("Pmi Sr")

MODEL_COMMANDS: dict[str, frozenset[str]] = {
    "tattoo": _EVERY,
    "pebble": _EVERY | _NOT_TATTOO,
    "dualys": _EVERY | _NOT_TATTOO | _DUALYS_QUANTUM,
    "quantum": _EVERY | _NOT_TATTOO | _QUANTUM_KIOSK | _DUALYS_QUANTUM,
    "kiosk": _EVERY | _NOT_TATTOO | _QUANTUM_KIOSK,
    "primacy": _OUTSIDE_THE_GUIDE,
    "zenius": _OUTSIDE_THE_GUIDE,
    "unknown": _OUTSIDE_THE_GUIDE,
}
MODEL_NAMES = {"tattoo": "Tattoo", "pebble": "New Pebble", "dualys": "Dualys", "quantum": "Quantum",
               "kiosk": "Kiosk", "primacy": "Primacy", "zenius": "Zenius", "unknown": "unknown model"}  # fmt: skip
DOTS = {model: (LINES, PIXELS) for model in MODEL_COMMANDS}  # (lines, pixels) of one panel


@dataclass(frozen=True)
class SimModel:
    """One row of the simulator's table: what the simulated printer understands."""

    family: str
    commands: frozenset[str]
    dots: tuple[int, int]

    def has(self, command: str) -> bool:
        return command in self.commands

    @property
    def label(self) -> str:
        return MODEL_NAMES[self.family]


def sim_model(family: str) -> SimModel:
    if family not in MODEL_COMMANDS:
        raise ValueError(f"unknown model {family!r}; known: {', '.join(MODEL_COMMANDS)}")
    return SimModel(family, MODEL_COMMANDS[family], DOTS[family])

# §8 Pr: the panels of each ribbon in the order they pass the head, front and back (`ymckok`'s sixth
# panel, a second K, is the back's). Monochrome ribbons are one K panel; "ko" is "Black TT + Varnish".
# Hologram and thermal ribbons are listed for `Pr`, with the single 1-bit panel we take them to take.
_MONO = {name: ("k", "k") for name in ("kb", "kw", "kr", "kbl", "kgr", "kgo", "ksi", "ksc", "Ka", "Ktc", "Ktp")}
RIBBON_PANELS: dict[str, tuple[str, str]] = {
    "ymcko": ("ymcko", "ymcko"),
    "ymckos": ("ymcko", "ymcko"),
    "ymckok": ("ymcko", "k"),
    "ko": ("ko", "ko"),
    "h": ("k", "k"),
    "ho": ("k", "k"),
    **_MONO,
}


class Refused(ValueError):
    """A panel the guide's reading does not accept; the message says why."""


def _short(what: str, done: int, wanted: int) -> Refused:
    return Refused(f"{what} fills {done:,} of the bitmap's {wanted:,} pixels")


def panel_bytes(levels: int, dots: tuple[int, int] = (LINES, PIXELS)) -> int:
    """§8 Db: 648 x 1016 x bits / 8 bytes (the guide's own totals assume 676,992 pixels: see the docs)."""
    lines, pixels = dots
    return lines * pixels * BITS[levels] // 8


def decode_db(data: bytes, levels: int, dots: tuple[int, int] = (LINES, PIXELS)) -> np.ndarray:
    """§8 Db: pixels concatenated 'so that each bit is useful', first pixel first, MSB first."""
    lines, pixels = dots
    bits = BITS[levels]
    if len(data) != panel_bytes(levels, dots):
        raise Refused(f"Db of {len(data):,} bytes, the bitmap at {levels} levels is {panel_bytes(levels, dots):,}")
    values = np.zeros(lines * pixels, dtype=np.int32)
    as_bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8))
    for b in range(bits):  # bit b of a pixel is the (bits - 1 - b)-th power of two
        values = values * 2 + as_bits[b::bits]
    return values.reshape(lines, pixels)


def decode_dbc_mono(data: bytes, first_line: int = 0, dots: tuple[int, int] = (LINES, PIXELS)) -> np.ndarray:
    """§4 K and O: per line 0x00 white, 0xFF black, or N (1..81) and the line's first N bytes."""
    lines_wanted, pixels = dots
    line_bytes = pixels // 8
    lines, i = [], 0
    while i < len(data):
        n = data[i]
        if n == 0x00:
            lines.append(bytes(line_bytes))
            i += 1
        elif n == 0xFF:
            lines.append(b"\xff" * line_bytes)
            i += 1
        elif n > line_bytes:
            raise Refused(f"line {first_line + len(lines)} starts with {n}, more than the {line_bytes} bytes of a line")
        elif i + 1 + n > len(data):
            raise Refused(f"line {first_line + len(lines)}: the data ends inside the line")
        else:
            lines.append(data[i + 1 : i + 1 + n] + bytes(line_bytes - n))
            i += 1 + n
    if first_line + len(lines) != lines_wanted:
        raise _short("the 1-bit Dbc panel", (first_line + len(lines)) * pixels, lines_wanted * pixels)
    plane = np.zeros((lines_wanted, pixels), dtype=np.int32)
    if lines:
        plane[first_line:] = np.unpackbits(np.frombuffer(b"".join(lines), dtype=np.uint8)).reshape(-1, pixels)
    return plane


def decode_dbc_colour(
    data: bytes, levels: int, first_line: int = 0, dots: tuple[int, int] = (LINES, PIXELS), *, strict: bool = True
) -> np.ndarray:
    """§4 Y, M, C: MSB 0 = one pixel; MSB 1 = value in the low bits and a counter in the next byte,
    bits 6 (6-bit mode) or 6 and 5 (5-bit mode) adding 256 each; a counter of 0 = the line is blank.

    `strict` (the simulator, the tests) also refuses what the guide leaves open: counter 0 anywhere but
    at a line start, an extended counter with a low byte of 0, a run over a line end.
    """
    lines, pixels = dots
    total = lines * pixels
    bits = BITS[levels]
    value_bits = (1 << bits) - 1
    out = np.zeros(total, dtype=np.int32)
    pos, i = first_line * pixels, 0
    while i < len(data):
        byte = data[i]
        if pos >= total:
            raise Refused(f"data left after the bitmap's {total:,} pixels (byte {i:,} of {len(data):,})")
        if byte & 0x80 == 0:
            if byte > value_bits:
                raise Refused(f"pixel value {byte} is more than {bits} bits")
            out[pos] = byte
            pos, i = pos + 1, i + 1
            continue
        if i + 1 >= len(data):
            raise Refused("the data ends on a run byte without its counter")
        counter = data[i + 1]
        extension = 0
        if bits == 6 and byte & 0x40:
            extension = 256
        if bits == 5:
            extension = 256 * (bool(byte & 0x40) + bool(byte & 0x20))
        i += 2
        if counter == 0 and extension == 0:
            if strict and pos % pixels:
                raise Refused(f"counter 0 in the middle of line {pos // pixels}")
            pos += pixels - pos % pixels
            continue
        count = counter + extension
        if strict and counter == 0:
            raise Refused(f"an extended counter ({count}) with a low byte of 0 on line {pos // pixels}")
        if strict and pos // pixels != (pos + count - 1) // pixels:
            raise Refused(f"a run of {count} from pixel {pos % pixels} crosses the end of line {pos // pixels}")
        if pos + count > total:
            raise Refused(f"a run of {count} goes past the bitmap's last pixel")
        out[pos : pos + count] = byte & value_bits
        pos += count
    if pos != total:
        raise _short(f"the {levels}-level Dbc panel", pos, total)
    return out.reshape(lines, pixels)


def ink_outside_the_card(panel: np.ndarray) -> bool:
    """Whether a panel has ink in the bitmap's margins around the card (docs/printers.md's geometry)."""
    return bool(
        panel[:LEAD_LINES].any() or panel[LEAD_LINES + CARD_W :].any()
        or panel[:, :LEAD_PIXELS].any() or panel[:, LEAD_PIXELS + CARD_H :].any()
    )  # fmt: skip


def panel_to_card(panel: np.ndarray) -> np.ndarray:
    """The card's part of a panel, turned back to the landscape card (rows y, columns x)."""
    inner = panel[LEAD_LINES : LEAD_LINES + CARD_W, LEAD_PIXELS : LEAD_PIXELS + CARD_H]  # [x, 637 - y]
    return inner[:, ::-1].T


def card_picture(panels: dict[str, np.ndarray], levels: int) -> np.ndarray:
    """What card-shaped panels print on a white card: C, M, Y take away red, green, blue; K is black
    (an (h, w, 3) uint8 image; the overlay is clear)."""
    picture = np.full((CARD_H, CARD_W, 3), 255.0)
    for channel, name in enumerate("cmy"):
        if name in panels:
            picture[:, :, channel] -= panels[name] * 255.0 / (levels - 1)
    if "k" in panels:
        picture[panels["k"] == 1] = 0
    return np.clip(np.rint(picture), 0, 255).astype(np.uint8)


def check_panel_order(ribbon: str, side: str, sent: list[str], panel: str) -> str | None:
    """Why `panel` may not come now on this side of a card with `ribbon` (None when it may): it must be
    one of the ribbon's panels for the side, not sent before, and after the ones already sent."""
    front, back = RIBBON_PANELS.get(ribbon, ("", ""))
    allowed = back if side == "back" else front
    if panel not in allowed:
        return f"panel {panel} is not on a {ribbon} ribbon's {side} ({', '.join(allowed) or 'none'})"
    if panel in sent:
        return f"panel {panel} sent twice for the {side}"
    if sent and allowed.index(panel) < allowed.index(sent[-1]):
        return f"panel {panel} after {sent[-1]}: the {ribbon} ribbon's order is {', '.join(allowed)}"
    return None
