"""The byte stream checked against the Evolis programming guide A5013, by a decoder written here.

Nothing in this file uses desktop/devices/panels.py or evolis.py to read bytes back: the decoder
(the stream's split below, the panels' decoding in `desktop/devices/sim_guide.py`, the simulator's own,
which imports nothing of the project: test_simulator_independent.py) follows the guide's text (Rev. E:
§3 framing, §4 "Data compression", §8 `Db`/`Dbc`) and the geometry written down in docs/printers.md. It decodes what `ktp-mandiri print --printer file://...`
wrote into card pictures and compares them with the raster the printer was given. Hand-computed
byte vectors pin the rules in both directions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest

from desktop.app import main
from desktop.devices.sim_guide import (
    card_picture,
    decode_db,
    decode_dbc_colour,
    decode_dbc_mono,
    ink_outside_the_card,
    panel_to_card,
)
from tests.helpers.fixtures import add_resident, make_station

ESC, CR = 0x1B, 0x0D
LINES, PIXELS = 1016, 648  # §2: the bitmap is 1016 lines of 648 pixels
BITS = {2: 1, 32: 5, 64: 6, 128: 7}  # §8 Db p2


# -- the decoder ------------------------------------------------------------------------------


@dataclass
class Command:
    name: str
    params: list[str]
    data: bytes | None = None


def split_stream(stream: bytes, dbc_fields: int) -> list[Command]:
    """§3: ESC name ; p1 ; ... CR. `Db` carries 648 x 1016 x bits / 8 bytes, `Dbc` its byte count."""
    out, i = [], 0
    while i < len(stream):
        assert stream[i] == ESC, f"byte {i} is {stream[i]:#x}, not the start of a command"
        j = i + 1
        while stream[j] not in (ord(";"), CR):
            j += 1
        name = stream[i + 1 : j].decode()
        if name in ("Db", "Dbc"):
            fields = 2 if name == "Db" else dbc_fields
            params = []
            for _ in range(fields):
                k = stream.index(b";", j + 1)
                params.append(stream[j + 1 : k].decode())
                j = k
            size = PIXELS * LINES * BITS[int(params[1])] // 8 if name == "Db" else int(params[-1])
            data = stream[j + 1 : j + 1 + size]
            assert len(data) == size
            assert stream[j + 1 + size] == CR, f"{name} not ended by CR after {size} bytes"
            out.append(Command(name, params, data))
            i = j + 2 + size
        else:
            end = stream.index(b"\r", i)
            parts = stream[i + 1 : end].decode().split(";")
            out.append(Command(parts[0], parts[1:]))
            i = end + 1
    return out


def decode_card(stream: bytes, dbc_fields: int = 4) -> tuple[list[Command], dict[str, np.ndarray], int]:
    """The stream's commands, its front panels as card-shaped arrays, and its colour level count."""
    commands = split_stream(stream, dbc_fields)
    panels, colour_levels = {}, 32
    for command in commands:
        if command.name not in ("Db", "Dbc"):
            continue
        panel, levels = command.params[0], int(command.params[1])
        if panel in "ymc":
            colour_levels = levels
            assert levels in (32, 64, 128)
        else:
            assert levels == 2
        if command.name == "Db":
            plane = decode_db(command.data, levels)
        else:
            if dbc_fields == 4:
                assert command.params[2] == "0"  # the first line: every line is sent
            assert int(command.params[-1]) == len(command.data)
            plane = decode_dbc_mono(command.data) if levels == 2 else decode_dbc_colour(command.data, levels)
        assert not ink_outside_the_card(plane), "ink outside the card"
        panels[panel] = panel_to_card(plane)
    return commands, panels, colour_levels


def assert_prints_the_raster(picture: np.ndarray, raster: np.ndarray, levels: int, black_at: int) -> None:
    black = (raster <= black_at).all(axis=2)
    assert (picture[black] == 0).all(), "a black pixel of the raster is not black on the card"
    tolerance = math.ceil(255 / (levels - 1) / 2)
    difference = np.abs(picture[~black].astype(np.int32) - raster[~black])
    assert difference.max() <= tolerance, difference.max()


# -- the stream `ktp-mandiri print --printer file://...` writes -------------------------------


def print_to_file(tmp_path, monkeypatch, query: str) -> tuple[bytes, np.ndarray]:
    """Print one card through the command line; (the file's bytes, the raster the printer got)."""
    from desktop.devices.file import FilePrinter

    station = make_station(tmp_path)
    nik = add_resident(name="SITI RAHMAWATI")
    data_dir = str(station.services.data_dir)
    station.services.close()
    given = []
    original = FilePrinter.print_card

    def recording(self, job, progress=None):
        given.append(job.front)
        return original(self, job, progress)

    monkeypatch.setattr(FilePrinter, "print_card", recording)
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    out = tmp_path / "card.evolis"
    assert main(["--data-dir", data_dir, "print", nik, "--printer", f"file://{out}{query}", "--reason", "hilang",
                 "--user", "operator", "--documents", "all", "--letter-number", "LP/1/XI/2026"]) == 0
    [raster] = given
    print_to_file.halftone = raster.halftone  # the photo's box, as the renderer marked it
    rgb = np.frombuffer(raster.rgb, dtype=np.uint8).reshape(raster.height, raster.width, 3).astype(np.int32)
    return out.read_bytes(), rgb


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """The card renderer needs a Qt application."""


@pytest.mark.parametrize(
    ("query", "levels", "dbc_fields"),
    [("", 32, 0), ("?levels=64", 64, 0), ("?levels=128", 128, 0),
     ("?compress=dbc4", 32, 4), ("?compress=dbc3&levels=64", 64, 3), ("?compress=dbc4&levels=128", 128, 4)],
)  # fmt: skip
def test_the_printed_stream_decodes_to_the_raster_the_printer_was_given(tmp_path, monkeypatch, query, levels,
                                                                        dbc_fields):
    stream, raster = print_to_file(tmp_path, monkeypatch, query)
    commands, panels, colour_levels = decode_card(stream, dbc_fields or 4)
    download = "Dbc" if dbc_fields else "Db"
    assert [c.name for c in commands] == ["Pem", "Pr", "Ss", download, download, download, download, download, "Se"]
    assert commands[0].params == ["4"] and commands[1].params == ["ymcko"]
    assert [c.params[0] for c in commands if c.name == download] == list("ymcko")
    assert colour_levels == levels
    assert_prints_the_raster(card_picture(panels, levels), raster, levels, black_at=32)
    overlay = panels["o"]
    assert overlay[20:-20, 20:-20].all() and overlay.mean() > 0.9  # varnish over the card, not past it


def test_a_black_ribbon_gets_one_k_panel_of_everything_dark(tmp_path, monkeypatch):
    """Everything dark outside the photo prints on K (thresholded at 127, sharp); the photo is dithered
    (tests/unit/test_black_ribbon_dither.py)."""
    stream, raster = print_to_file(tmp_path, monkeypatch, "?ribbon=kb")
    commands, panels, _ = decode_card(stream)
    assert [c.name for c in commands] == ["Pem", "Pr", "Ss", "Db", "Se"]
    assert set(panels) == {"k"}
    x, y, w, h = print_to_file.halftone
    outside = np.ones(raster.shape[:2], dtype=bool)
    outside[y : y + h, x : x + w] = False
    picture = card_picture(panels, 32)
    expected = np.where((raster <= 127).all(axis=2)[..., None], 0, 255)
    assert (picture[outside] == expected[outside]).all()


# -- hand-computed vectors -----------------------------------------------------------------------


def test_db_k_line_by_hand():
    from desktop.devices import panels as pn

    plane = np.zeros((LINES, PIXELS), dtype=np.uint8)
    plane[0, [0, 9, 647]] = 1  # pixel 0 -> 0x80 of byte 0, pixel 9 -> 0x40 of byte 1, 647 -> 0x01 of byte 80
    data = pn.pack_panel(plane, 2)
    assert data[:81] == b"\x80\x40" + bytes(78) + b"\x01"
    assert np.array_equal(decode_db(data, 2), plane)


def test_db_five_six_and_seven_bit_pixels_by_hand():
    from desktop.devices import panels as pn

    plane = np.zeros((LINES, PIXELS), dtype=np.uint8)
    plane[0, :3] = [1, 2, 3]
    # 5 bits: 00001 00010 00011 -> 00001000 10000110 0...
    assert pn.pack_panel(plane, 32)[:2] == bytes([0b00001000, 0b10000110])
    # 6 bits: 000001 000010 000011 -> 00000100 00100000 11...
    assert pn.pack_panel(plane, 64)[:3] == bytes([0b00000100, 0b00100000, 0b11000000])
    # 7 bits: 0000001 0000010 0000011 -> 00000010 00001000 00011...
    assert pn.pack_panel(plane, 128)[:3] == bytes([0b00000010, 0b00001000, 0b00011000])
    for levels in (32, 64, 128):
        assert np.array_equal(decode_db(pn.pack_panel(plane, levels), levels), plane)


def test_dbc_k_lines_by_hand():
    from desktop.devices import panels as pn

    plane = np.zeros((LINES, PIXELS), dtype=np.uint8)
    plane[0, :12] = 1  # 0xFF 0xF0: two useful bytes
    plane[1] = 1  # a black line
    plane[3, 647] = 1  # only the last byte: N = 81
    expected = b"\x02\xff\xf0" + b"\xff" + b"\x00" + b"\x51" + bytes(80) + b"\x01" + bytes(LINES - 4)
    assert pn.compress_panel(plane, 2) == expected
    assert np.array_equal(decode_dbc_mono(expected), plane)


@pytest.mark.parametrize(
    ("levels", "run"),
    [(32, b"\xe5\x58"),  # 600 = 256 (bit 6) + 256 (bit 5) + 88; value 5
     (64, b"\xc5\xff\x85\x59"),  # 511 = 256 (bit 6) + 255, then 89
     (128, b"\x85\xff\x85\xff\x85\x5a")],  # no extension in 7-bit mode: 255 + 255 + 90
)  # fmt: skip
def test_dbc_colour_run_with_the_counter_extension_and_a_blank_line_by_hand(levels, run):
    from desktop.devices import panels as pn

    plane = np.zeros((LINES, PIXELS), dtype=np.uint8)
    plane[0, :600] = 5
    plane[0, 600] = 3  # a single pixel: MSB 0
    plane[2, :2] = 7
    # line 0: the run, one pixel, 47 white pixels as a run of 0; line 1 blank: counter 0;
    # line 2: a run of two 7s, then 646 0s (5-bit: bits 6 and 5 + 134; 6-bit: bit 6 + 255, then 135;
    # 7-bit: 255 + 255 + 136)
    tail = {32: b"\xe0\x86", 64: b"\xc0\xff\x80\x87", 128: b"\x80\xff\x80\xff\x80\x88"}[levels]
    expected = run + b"\x03" + b"\x80\x2f" + b"\x80\x00" + b"\x87\x02" + tail + b"\x80\x00" * (LINES - 3)
    assert pn.compress_panel(plane, levels) == expected
    assert np.array_equal(decode_dbc_colour(expected, levels), plane)


def test_a_counter_of_0_blanks_the_rest_of_the_line():
    # what the guide's "counter = 0: the line is blank" means after some pixels; we never send it there
    data = b"\x07\x80\x00" + b"\x80\x00" * (LINES - 1)
    plane = decode_dbc_colour(data, 32, strict=False)
    assert plane[0, 0] == 7 and not plane[0, 1:].any() and not plane[1:].any()


def test_dbc_headers_have_three_or_four_fields():
    from desktop.devices.evolis import panel_frame

    plane = np.zeros((LINES, PIXELS), dtype=np.uint8)
    data = b"\x80\x00" * LINES
    assert panel_frame("y", plane, 32, compression="dbc3") == b"\x1bDbc;y;32;2032;" + data + b"\r"  # §4
    assert panel_frame("y", plane, 32, compression="dbc4") == b"\x1bDbc;y;32;0;2032;" + data + b"\r"  # §8
    assert panel_frame("k", plane, 2).startswith(b"\x1bDb;k;2;")
    assert panel_frame("y", plane, 32) == b"\x1bDb;y;32;" + bytes(411_480) + b"\r"
