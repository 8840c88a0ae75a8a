"""The simulator judges the driver's bytes by its own reading of the guide (issue 24 item 5).

Its firmware and panel decoder import nothing of the driver (checked here on the source's imports),
and the wrong streams of the issue are refused (docs/printers.md, "What the simulator refuses"):
every `Dbc` run count minus 1, the value shifted into the extension bits, YMC panels on a `kb`
ribbon, panels out of the ribbon's order, the same panel twice, panels that do not fill the bitmap.
The streams are made by the station's own encoder and then broken, and fed to the simulator's input
as the USB backend does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from desktop.devices import panels as pn
from desktop.devices.evolis import frame, panel_frame
from desktop.devices.simulator import SimulatedEvolis
from tests.helpers.usb_fake import card_raster

DEVICES = Path(__file__).resolve().parents[2] / "desktop" / "devices"
SIMULATOR = {"simulator", "sim_firmware", "sim_guide", "sim_faults", "sim_usb"}
ACK, NACK = b"\x06", b"\x15"


def _imports(module: str) -> set[str]:
    tree = ast.parse((DEVICES / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "desktop.devices":
                found |= {f"desktop.devices.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("module", sorted(SIMULATOR))
def test_the_simulator_imports_nothing_of_the_driver(module):
    ours = {name for name in _imports(module) if name.startswith("desktop")}
    outside = {name for name in ours if name.removeprefix("desktop.devices.") not in SIMULATOR | {"desktop.devices"}}
    assert not outside, f"{module}.py imports {sorted(outside)}"
    if module == "sim_guide":  # the decoder: not even the rest of the simulator
        assert not ours


# -- feeding streams ------------------------------------------------------------------------------


def simulator(model: str = "dualys") -> SimulatedEvolis:
    sim = SimulatedEvolis("judge", model=model)
    assert talk(sim, frame("Pem", 4)) == [ACK]
    return sim


def talk(sim: SimulatedEvolis, *commands: bytes) -> list[bytes]:
    """Each command's reply (what the printer answered), in order."""
    replies = []
    for command in commands:
        sim.receive(command)
        reply = b""
        while (part := sim.take_reply(4096, 0.01)) is not None:
            reply += part
        replies.append(reply)
    return replies


def card_panels(levels: int = 32) -> pn.CardPanels:
    return pn.raster_to_panels(card_raster(), levels)


def dbc(panel: str, data: bytes, levels: int) -> bytes:
    return frame("Dbc", panel, levels, 0, len(data), data=data)


def colour_runs(data: bytes, change) -> bytes:
    """The §4 colour data with `change(head, count) -> (head, count)` applied to every run (not to a
    blank line's 0x80 0x00); the count includes its extension bits (5-bit mode)."""
    out, i = bytearray(), 0
    while i < len(data):
        head = data[i]
        if head < 0x80:
            out.append(head)
            i += 1
            continue
        low = data[i + 1]
        count = low + 256 * (bool(head & 0x40) + bool(head & 0x20))
        if count:
            head, count = change(head & 0x9F, count)
            head |= (0x40 if count >= 256 else 0) | (0x20 if count >= 512 else 0)
            low = count & 0xFF
        out += bytes([head, low])
        i += 2
    return bytes(out)


def minus_one(head: int, count: int) -> tuple[int, int]:
    return head, count - 1


def value_into_extension(head: int, count: int) -> tuple[int, int]:
    return 0x80 | (((head & 0x1F) << 2) & 0x7F), count  # the value's top bits land on bits 6 and 5


def test_the_good_stream_prints():
    sim = simulator()
    panels = card_panels()
    frames = [frame("Ss"), frame("Sr")] + [panel_frame(p, panels[p], pn.levels_for(p, 32), compression="dbc4")
                                           for p in "ymcko"] + [frame("Se")]
    assert talk(sim, *frames) == [ACK] * len(frames)
    assert sim.cards_printed == 1 and not sim.refusals


@pytest.mark.parametrize("change", [minus_one, value_into_extension])
def test_a_broken_compressed_colour_panel_is_refused(change):
    sim = simulator()
    good = pn.compress_panel(card_panels()["y"], 32)
    broken = colour_runs(good, change)
    assert broken != good
    assert talk(sim, frame("Ss"), frame("Sr"), dbc("y", broken, 32)) == [ACK, ACK, NACK + b"2"]
    [why] = sim.refusals
    assert why.startswith("panel y: ")

    assert talk(sim, frame("Se")) == [ACK] and "front" not in sim.printed[-1]  # nothing of it printed


def test_colour_panels_on_a_black_ribbon_are_refused():
    sim = simulator()
    panels = card_panels()
    replies = talk(sim, frame("Pr", "kb"), frame("Ss"), frame("Sr"),
                   *[panel_frame(p, panels[p], pn.levels_for(p, 32)) for p in "ymck"])
    assert replies == [ACK, ACK, ACK, NACK + b"2", NACK + b"2", NACK + b"2", ACK]
    assert all("not on a kb ribbon's front" in why for why in sim.refusals) and len(sim.refusals) == 3


def test_panels_out_of_the_ribbon_s_order_are_refused():
    sim = simulator()
    panels = card_panels()
    k, y = (panel_frame(p, panels[p], pn.levels_for(p, 32)) for p in "ky")
    assert talk(sim, frame("Ss"), k, y) == [ACK, ACK, NACK + b"2"]
    assert sim.refusals[-1] == "panel y after k: the ymcko ribbon's order is y, m, c, k, o"


def test_the_same_panel_twice_is_refused():
    sim = simulator()
    m = panel_frame("m", card_panels()["m"], 32, compression="dbc4")
    assert talk(sim, frame("Ss"), m, m) == [ACK, ACK, NACK + b"2"]
    assert sim.refusals[-1] == "panel m sent twice for the front"


def test_the_back_follows_the_ribbon_s_back_panels():
    sim = simulator()
    panels = card_panels()
    frames = [frame("Pr", "ymckok"), frame("Ss"), frame("Sr"),
              *[panel_frame(p, panels[p], pn.levels_for(p, 32)) for p in "ymcko"], frame("Sv")]
    assert talk(sim, *frames) == [ACK] * len(frames)
    assert talk(sim, panel_frame("y", panels["y"], 32)) == [NACK + b"2"]  # ymckok: the back is K only
    assert talk(sim, panel_frame("k", panels["k"], 2), frame("Se")) == [ACK, ACK]


@pytest.mark.parametrize("lines", [1015, 1017])
def test_a_compressed_panel_of_the_wrong_number_of_lines_is_refused(lines):
    plane = np.zeros((pn.PANEL_LINES, pn.PANEL_PIXELS), dtype=np.uint8)
    data = pn.compress_panel(plane, 2)[: lines] if lines < pn.PANEL_LINES else pn.compress_panel(plane, 2) + b"\x00"
    sim = simulator()
    assert talk(sim, frame("Ss"), dbc("k", data, 2)) == [ACK, NACK + b"2"]
    assert "fills" in sim.refusals[-1]


def test_a_plain_panel_one_byte_too_long_is_refused():
    sim = simulator()
    data = pn.pack_panel(card_panels()["k"], 2) + b"\x00"
    assert talk(sim, frame("Ss"), frame("Db", "k", 2, data=data)) == [ACK, NACK + b"1"]
    assert "wrong length" in sim.refusals[-1]
