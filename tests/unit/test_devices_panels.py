"""Card raster -> panels: geometry, colour separation, and Db / Dbc byte forms with round trips."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from desktop.devices import panels as pn
from desktop.domain.card import CardRaster
from tests.helpers.usb_fake import COLOUR_BLOCK, NIK_BAR, card_array, card_raster, raster_difference

SHAPE = (pn.PANEL_LINES, pn.PANEL_PIXELS)


def test_panel_sizes_follow_648_by_1016():
    assert SHAPE == (1016, 648)
    assert pn.panel_size(2) == 82_296 == 81 * 1016
    assert pn.panel_size(32) == 411_480
    assert pn.panel_size(64) == 493_776
    assert pn.panel_size(128) == 576_072


@pytest.mark.parametrize("levels", [2, 32, 64, 128])
def test_packed_panels_have_exactly_the_panel_size(levels):
    plane = np.full(SHAPE, levels - 1, dtype=np.uint8)
    data = pn.pack_panel(plane, levels)
    assert len(data) == pn.panel_size(levels)
    assert set(data) == {0xFF}  # every bit set when every pixel is at the top level


def test_five_bit_packing_is_msb_first():
    plane = np.zeros(SHAPE, dtype=np.uint8)
    plane[0, :8] = [1, 2, 3, 4, 5, 6, 7, 31]
    # 00001 00010 00011 00100 00101 00110 00111 11111
    assert pn.pack_panel(plane, 32)[:5] == bytes([0b00001000, 0b10000110, 0b01000010, 0b10011000, 0b11111111])


def test_one_bit_packing_is_msb_first_81_bytes_a_line():
    plane = np.zeros(SHAPE, dtype=np.uint8)
    plane[0, 0] = 1
    plane[1, 647] = 1
    data = pn.pack_panel(plane, 2)
    assert data[0] == 0x80 and data[80] == 0
    assert data[81] == 0 and data[161] == 0x01


def test_card_is_turned_a_quarter_clockwise_and_centred():
    planes = pn.raster_to_panels(card_raster())
    # the card's top-left red dot: line 2 (first card column), pixel 642 (the card's top row)
    # red = magenta + yellow ink, no cyan
    assert (planes["y"][2, 642], planes["m"][2, 642], planes["c"][2, 642]) == (31, 31, 0)
    assert planes["m"][2, 641] == 0 and planes["m"][3, 642] == 0  # its neighbours are white
    # the white border around the card has no ink in any panel
    for name in "ymck":
        assert not planes[name][:2].any() and not planes[name][-3:].any()
        assert not planes[name][:, :5].any() and not planes[name][:, -5:].any()
    back = pn.buffer_to_card(pn.card_to_buffer(card_array()))
    assert np.array_equal(back, card_array())


def test_pure_black_goes_to_k_only():
    planes = pn.raster_to_panels(card_raster())
    card_k = pn.buffer_to_card(planes["k"])
    rows, cols = NIK_BAR
    assert card_k[rows, cols].all()
    assert not card_k[COLOUR_BLOCK].any()
    for name in "ymc":
        assert not pn.buffer_to_card(planes[name])[rows, cols].any()


def test_colour_is_subtractive_and_quantised():
    planes = pn.raster_to_panels(card_raster(), levels=32)
    block = {name: set(np.unique(pn.buffer_to_card(planes[name])[COLOUR_BLOCK])) for name in "cmy"}
    # (200, 60, 110): cyan 55/255, magenta 195/255, yellow 145/255 of 31 levels
    assert block == {"c": {7}, "m": {24}, "y": {18}}


def test_overlay_covers_the_card_but_a_margin():
    overlay = pn.buffer_to_card(pn.raster_to_panels(card_raster())["o"])
    margin = pn.OVERLAY_MARGIN
    assert overlay[margin:-margin, margin:-margin].all()
    assert not overlay[:margin].any() and not overlay[:, -margin:].any()


def test_panels_reassemble_to_the_card():
    planes = pn.raster_to_panels(card_raster(), levels=64)
    largest, mean = raster_difference(card_array(), pn.panels_to_rgb(planes.planes, 64))
    assert largest <= 3 and mean < 0.5


@pytest.mark.parametrize("size", [(1012, 638), (638, 1011), (1011, 637)])
def test_wrong_raster_size_is_refused(size):
    width, height = size
    with pytest.raises(ValueError, match="1011x638"):
        pn.raster_to_panels(CardRaster(width, height, bytes(width * height * 3)))


def test_bad_levels_and_shapes_are_refused():
    with pytest.raises(ValueError):
        pn.raster_to_panels(card_raster(), levels=16)
    with pytest.raises(ValueError):
        pn.pack_panel(np.zeros((10, 10), np.uint8), 2)
    with pytest.raises(ValueError):
        pn.pack_panel(np.full(SHAPE, 32, np.uint8), 32)
    with pytest.raises(ValueError):
        pn.unpack_panel(b"\x00" * 84_624, 2)


# -- compressed forms (byte-exact vectors are in test_evolis_guide_decoder.py) ----------------


def test_white_panels_compress_to_one_marker_a_line():
    assert pn.compress_panel(np.zeros(SHAPE, np.uint8), 2) == bytes(pn.PANEL_LINES)
    assert pn.compress_panel(np.zeros(SHAPE, np.uint8), 32) == b"\x80\x00" * pn.PANEL_LINES
    assert not pn.decompress_panel(b"", 32, 0).any()


@pytest.mark.parametrize(
    ("data", "levels", "first"),
    [(b"\x52" + b"\x00" * 82, 2, 0), (b"\x05\x01", 2, 0), (b"\x00" * 17, 2, 1000), (b"\x85", 32, 0),
     (b"\x40", 32, 0), (b"\xff\xff" * 5200, 32, 0), (b"", 32, 1016)],
)  # fmt: skip
def test_malformed_compressed_data_is_refused(data, levels, first):
    with pytest.raises(ValueError):
        pn.decompress_panel(data, levels, first)


# -- round trips ----------------------------------------------------------------------------


def panels_of(levels: int):
    """Random panels that look like cards: mostly flat areas with some noise."""
    top = levels - 1

    @st.composite
    def build(draw):
        plane = np.zeros(SHAPE, dtype=np.uint8)
        for _ in range(draw(st.integers(0, 6))):
            r0 = draw(st.integers(0, SHAPE[0] - 1))
            c0 = draw(st.integers(0, SHAPE[1] - 1))
            r1 = draw(st.integers(r0 + 1, SHAPE[0]))
            c1 = draw(st.integers(c0 + 1, SHAPE[1]))
            plane[r0:r1, c0:c1] = draw(st.integers(0, top))
        noise = draw(hnp.arrays(np.uint8, (8, 64), elements=st.integers(0, top)))
        row = draw(st.integers(0, SHAPE[0] - 8))
        plane[row : row + 8, :64] = noise
        return plane

    return build()


@pytest.mark.parametrize("levels", [2, 32, 64, 128])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_db_and_dbc_round_trip(levels, data):
    plane = data.draw(panels_of(levels))
    assert np.array_equal(pn.unpack_panel(pn.pack_panel(plane, levels), levels), plane)
    assert np.array_equal(pn.decompress_panel(pn.compress_panel(plane, levels), levels), plane)


def test_photo_like_noise_round_trips_at_every_level():
    rng = np.random.default_rng(7)
    for levels in (32, 64, 128):
        plane = rng.integers(0, levels, SHAPE, dtype=np.uint8)
        assert np.array_equal(pn.decompress_panel(pn.compress_panel(plane, levels), levels), plane)
        assert np.array_equal(pn.unpack_panel(pn.pack_panel(plane, levels), levels), plane)
