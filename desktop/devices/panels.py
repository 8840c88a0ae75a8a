"""Card raster -> printer panels (Y, M, C, K, O), and the panels' byte forms for `Db` and `Dbc`.

Everything here follows the Evolis programming guide A5013 (Rev. D2 and E); section numbers are
Rev. E's. docs/printers.md explains the same with pictures and says which points the guide leaves
open; a test decodes our bytes with a decoder written from the guide's text alone.

Geometry (§2 "General Working", §8 `Db`). A panel is 648 x 1016 pixels at 300 dpi, sent line by
line, "P1 being the first transmitted pixel" in the printing direction: 1016 lines along the
direction the card travels, 648 pixels in each line. The card travels along its long side, so the
landscape card (1011 x 638) is turned a quarter turn clockwise (what the driver that ran on a real
Dualys did with `pnmflip -rotate270`):

    line i   (0..1015) = card column x = i - 2   (the card's left edge is printed first)
    pixel j  (0..647)  = card row    y = 637 - (j - 5)   (pixel 0 of a line is the card's bottom row)

The card is centred in the buffer: 2 white lines before it and 3 after (1016 - 1011), 5 white pixels
at each end of a line (648 - 638). "White" means no ink on any panel. This orientation is checked
on a real printer with the probe's test card (`ktp-mandiri printer-probe --test-card`).

Packing (§8 `Db`): "the data will be concatenated in a way that each bit is useful" (K and O:
1 byte = 8 pixels; 128 levels: 7 bytes = 8 pixels). The guide does not give the bit order; we
pack most significant bit first (what the Dualys driver sent: PBM rows, 1 = black), pixel after
pixel with no padding at line ends (648 pixels x 5/6/7 bits is a whole number of bytes anyway).
Sizes: K/O 82,296 bytes, YMC 411,480 / 493,776 / 576,072 at 32 / 64 / 128 levels. (The guide's own
84,624 / 423,120 / 507,744 / 592,368 are 676,992 x bits / 8 with 676,992 = 648 x 1016 + 14,624:
its totals and its panel size disagree; we follow the panel size.)

Colour. Subtractive: C = 255 - R, M = 255 - G, Y = 255 - B, scaled to 0..levels-1 (0 = no ink).
Near-pure black pixels (every channel <= BLACK_THRESHOLD, such as text and the NIK) go to the K resin
panel and are removed from YMC. The overlay O covers the card with a small uncovered margin.

Compressed panels (§4 "Data compression"), always all 1016 lines from line 0 (so the 4-field
header's "first line" is 0 and nothing depends on what a printer does with lines it was not sent):
- K and O, line by line: `0x00` a white line, `0xFF` a black line, or N (1..81) followed by the
  line's first N bytes (the rest of the 81 bytes are white).
- Y, M, C, line by line, one value per pixel (not packed). A byte with the MSB at 0 is one pixel
  (value in the low bits). A byte with the MSB at 1 carries the value in its low 5/6/7 bits and the
  next byte is the repeat counter; in 6-bit mode bit 6, in 5-bit mode bits 6 and 5, each add 256
  to the counter (so at most 255 / 511 / 767 pixels a run). A counter of 0 means "the line is
  blank". Where the guide leaves room for two readings we send only what both readings decode the
  same: counter 0 only at the start of a line (whole line blank, not "rest of line"), no counter
  whose low byte is 0 with extension bits set, and no run across the end of a line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardRaster

PANEL_PIXELS = 648  # pixels in a line (across the card's short side)
PANEL_LINES = 1016  # lines along the printing direction (the card's long side)
LINE_BYTES = PANEL_PIXELS // 8  # 81 bytes in a 1-bit line
LEVEL_BITS = {2: 1, 32: 5, 64: 6, 128: 7}
COLOUR_PANELS = ("y", "m", "c")
MONO_PANELS = ("k", "o")

BLACK_THRESHOLD = 32  # a pixel whose R, G and B are all at most this prints on K only
OVERLAY_MARGIN = 12  # pixels (about 1 mm) left without overlay around the card's edge

_LEAD_LINES = (PANEL_LINES - CARD_WIDTH_PX) // 2  # 2
_LEAD_PIXELS = (PANEL_PIXELS - CARD_HEIGHT_PX) // 2  # 5


def panel_size(levels: int) -> int:
    """Bytes of one uncompressed panel (`Db`) at `levels` (2 for K and O)."""
    return PANEL_PIXELS * PANEL_LINES * _bits(levels) // 8


def _bits(levels: int) -> int:
    try:
        return LEVEL_BITS[levels]
    except KeyError:
        raise ValueError(f"unsupported level count {levels}; use one of {sorted(LEVEL_BITS)}") from None


def levels_for(panel: str, colour_levels: int) -> int:
    return 2 if panel in MONO_PANELS else colour_levels


@dataclass(frozen=True)
class CardPanels:
    """One card side as panels: each an array of shape (PANEL_LINES, PANEL_PIXELS), dtype uint8.

    Y, M and C hold 0..levels-1 (ink amount); K and O hold 0 or 1 (1 = print).
    """

    levels: int
    planes: dict[str, np.ndarray]

    def __getitem__(self, panel: str) -> np.ndarray:
        return self.planes[panel]


# -- raster <-> buffer orientation ------------------------------------------------------------


def raster_array(raster: CardRaster) -> np.ndarray:
    """The raster as an (height, width, 3) uint8 array; rejects anything but a 1011 x 638 card."""
    if (raster.width, raster.height) != (CARD_WIDTH_PX, CARD_HEIGHT_PX):
        raise ValueError(
            f"card raster must be {CARD_WIDTH_PX}x{CARD_HEIGHT_PX} (landscape, 300 dpi), "
            f"got {raster.width}x{raster.height}"
        )
    return np.frombuffer(raster.rgb, dtype=np.uint8).reshape(raster.height, raster.width, 3)


def card_to_buffer(card: np.ndarray, fill: int = 0) -> np.ndarray:
    """Place a (638, 1011, ...) card array into the (1016, 648, ...) printing buffer, see module doc."""
    turned = np.rot90(card, k=-1)  # turned[i, j] = card[637 - j, i]
    buffer = np.full((PANEL_LINES, PANEL_PIXELS, *card.shape[2:]), fill, dtype=card.dtype)
    buffer[_LEAD_LINES : _LEAD_LINES + CARD_WIDTH_PX, _LEAD_PIXELS : _LEAD_PIXELS + CARD_HEIGHT_PX] = turned
    return buffer


def buffer_to_card(buffer: np.ndarray) -> np.ndarray:
    """The inverse of card_to_buffer: crop the card area and turn it back to landscape."""
    inner = buffer[_LEAD_LINES : _LEAD_LINES + CARD_WIDTH_PX, _LEAD_PIXELS : _LEAD_PIXELS + CARD_HEIGHT_PX]
    return np.ascontiguousarray(np.rot90(inner, k=1))


# -- colour separation ------------------------------------------------------------------------


def raster_to_panels(
    raster: CardRaster,
    levels: int = 32,
    *,
    black_threshold: int = BLACK_THRESHOLD,
    overlay_margin: int = OVERLAY_MARGIN,
    dither: tuple[int, int, int, int] | None = None,
) -> CardPanels:
    """Separate a card raster into Y, M, C (at `levels`), K (pure black) and O (overlay) panels.

    `dither` (x, y, width, height on the card): the K panel of that area is the photo dithered by
    error diffusion (`dithered`) instead of thresholded; for black-only ribbons."""
    if levels == 2:
        raise ValueError("colour panels need 32, 64 or 128 levels")
    _bits(levels)
    rgb = card_to_buffer(raster_array(raster), fill=255)
    channels = [rgb[:, :, index] for index in range(3)]  # R, G, B (numpy's .all(axis=2) is slow here)
    black = (channels[0] <= black_threshold) & (channels[1] <= black_threshold) & (channels[2] <= black_threshold)
    # ink (255 - channel: C from R, M from G, Y from B) scaled to 0..levels-1, through a table
    table = np.rint((255 - np.arange(256, dtype=np.float32)) * np.float32((levels - 1) / 255.0)).astype(np.uint8)
    not_black = (~black).view(np.uint8)  # 1 where the pixel keeps its colour ink
    planes = {name: table[channels[index]] * not_black for index, name in enumerate("cmy")}
    planes["k"] = black.astype(np.uint8)
    if dither is not None:
        planes["k"] = card_to_buffer(_with_dithered(buffer_to_card(planes["k"]), raster_array(raster), dither))
    overlay = np.zeros((CARD_HEIGHT_PX, CARD_WIDTH_PX), dtype=np.uint8)
    overlay[
        overlay_margin : CARD_HEIGHT_PX - overlay_margin, overlay_margin : CARD_WIDTH_PX - overlay_margin
    ] = 1
    planes["o"] = np.ascontiguousarray(card_to_buffer(overlay, fill=0))
    return CardPanels(levels=levels, planes=planes)


def dithered(rgb: np.ndarray) -> np.ndarray:
    """1 where a black-only ribbon prints: Floyd-Steinberg error diffusion of the grey (ITU-R 601 luma),
    exactly Pillow's convert("1"), so the photo's middle tones print as a dot pattern, not a blot."""
    from PIL import Image

    if rgb.size == 0:
        return np.zeros(rgb.shape[:2], dtype=np.uint8)
    bw = np.asarray(Image.fromarray(np.ascontiguousarray(rgb), "RGB").convert("1"), dtype=np.uint8)
    return (bw == 0).astype(np.uint8)


def _with_dithered(k: np.ndarray, rgb: np.ndarray, area: tuple[int, int, int, int]) -> np.ndarray:
    x, y, w, h = area
    left, top = max(0, x), max(0, y)
    right, bottom = min(CARD_WIDTH_PX, x + w), min(CARD_HEIGHT_PX, y + h)
    out = k.copy()
    if right > left and bottom > top:
        out[top:bottom, left:right] = dithered(rgb[top:bottom, left:right])
    return out


def panels_to_rgb(planes: dict[str, np.ndarray], levels: int) -> np.ndarray:
    """What the panels would print, as a (638, 1011, 3) uint8 card image (the overlay is clear)."""
    shape = (PANEL_LINES, PANEL_PIXELS)
    scale = np.float32(255.0 / (levels - 1))
    channels = []
    for name in ("c", "m", "y"):  # C absorbs red, M green, Y blue
        plane = planes.get(name)
        ink = np.zeros(shape, np.float32) if plane is None else plane.astype(np.float32) * scale
        channels.append(255 - np.rint(ink).astype(np.int16))
    rgb = np.clip(np.stack(channels, axis=2), 0, 255).astype(np.uint8)
    k = planes.get("k")
    if k is not None:
        rgb[k.astype(bool)] = 0
    return buffer_to_card(rgb)


# -- Db: plain packed panels ------------------------------------------------------------------


def pack_panel(plane: np.ndarray, levels: int) -> bytes:
    """The `Db` data of a panel: pixel values packed MSB-first at the level count's bit depth."""
    bits = _bits(levels)
    _check_plane(plane, levels)
    if bits == 1:
        return np.packbits(plane.astype(bool), axis=1).tobytes()
    # 8 pixels of `bits` bits make `bits` whole bytes: build each group as one big-endian integer
    groups = plane.reshape(-1, 8).astype(np.uint64)
    packed = groups[:, 0]
    for column in range(1, 8):
        packed = (packed << np.uint64(bits)) | groups[:, column]
    as_bytes = packed.astype(">u8").view(np.uint8).reshape(-1, 8)
    return as_bytes[:, 8 - bits :].tobytes()


def unpack_panel(data: bytes, levels: int) -> np.ndarray:
    """Decode `Db` data back to a (1016, 648) array of pixel values."""
    bits = _bits(levels)
    if len(data) != panel_size(levels):
        raise ValueError(f"a {levels}-level panel is {panel_size(levels)} bytes, got {len(data)}")
    raw = np.unpackbits(np.frombuffer(data, dtype=np.uint8))
    if bits == 1:
        return raw.reshape(PANEL_LINES, PANEL_PIXELS)
    weights = (1 << np.arange(bits - 1, -1, -1)).astype(np.uint8)
    values = raw.reshape(-1, bits) @ weights
    return values.astype(np.uint8).reshape(PANEL_LINES, PANEL_PIXELS)


def _check_plane(plane: np.ndarray, levels: int) -> None:
    if plane.shape != (PANEL_LINES, PANEL_PIXELS):
        raise ValueError(f"panel must be {PANEL_LINES}x{PANEL_PIXELS} values, got {plane.shape}")
    if plane.size and int(plane.max()) >= levels:
        raise ValueError(f"panel value {int(plane.max())} out of range for {levels} levels")


# -- Dbc: compressed panels (guide §4) --------------------------------------------------------

RUN_FLAG = 0x80
BLANK_LINE = bytes([RUN_FLAG, 0x00])  # a flagged byte with counter 0: the line is blank
_MAX_COUNT = {5: 767, 6: 511, 7: 255}  # 255 + 256 for each extension bit


def compress_panel(plane: np.ndarray, levels: int) -> bytes:
    """The `Dbc` data of a whole panel (lines 0..1015). See the module doc for the format."""
    _check_plane(plane, levels)
    if levels == 2:
        return _compress_mono(plane)
    return _compress_colour(plane, _bits(levels))


def decompress_panel(data: bytes, levels: int, first_line: int = 0) -> np.ndarray:
    """Decode `Dbc` data to a (1016, 648) array; lines before `first_line` and after the data are white.

    Raises ValueError on data that breaks the format (a length byte over 81, a run past the panel).
    """
    bits = _bits(levels)
    if not 0 <= first_line < PANEL_LINES:
        raise ValueError(f"first line {first_line} outside 0..{PANEL_LINES - 1}")
    if levels == 2:
        return _decompress_mono(data, first_line)
    return _decompress_colour(data, bits, first_line)


def _compress_mono(plane: np.ndarray) -> bytes:
    packed = np.packbits(plane.astype(bool), axis=1)  # (1016, 81)
    nonzero = packed != 0
    black = (packed == 0xFF).all(axis=1)
    # N = index of the last non-white byte + 1 (0 for an all-white line)
    lengths = np.where(nonzero.any(axis=1), LINE_BYTES - np.argmax(nonzero[:, ::-1], axis=1), 0)
    out = bytearray()
    for row, n, full in zip(packed, lengths.tolist(), black.tolist(), strict=True):
        if full:
            out.append(0xFF)
        else:
            out.append(n)
            out += row[:n].tobytes()
    return bytes(out)


def _decompress_mono(data: bytes, first_line: int) -> np.ndarray:
    packed = np.zeros((PANEL_LINES, LINE_BYTES), dtype=np.uint8)
    line, i = first_line, 0
    while i < len(data):
        if line >= PANEL_LINES:
            raise ValueError("compressed 1-bit panel runs past line 1015")
        head = data[i]
        i += 1
        if head == 0xFF:
            packed[line] = 0xFF
        elif head:
            if head > LINE_BYTES:
                raise ValueError(f"line {line}: length byte {head} is over {LINE_BYTES}")
            if i + head > len(data):
                raise ValueError(f"line {line}: data ends inside the line")
            packed[line, :head] = np.frombuffer(data, dtype=np.uint8, count=head, offset=i)
            i += head
        line += 1
    return np.unpackbits(packed, axis=1)


def _compress_colour(plane: np.ndarray, bits: int) -> bytes:
    """Runs within each line; a blank line is one flagged byte with counter 0."""
    most = _MAX_COUNT[bits]
    flat = plane.ravel()
    starts_mask = np.ones(flat.size, dtype=bool)
    starts_mask[1:] = flat[1:] != flat[:-1]
    starts_mask[::PANEL_PIXELS] = True  # every line starts a run: runs never cross a line end
    starts = np.flatnonzero(starts_mask)
    counts = np.diff(np.append(starts, flat.size))
    values = flat[starts].astype(np.uint8)
    blank = ~plane.any(axis=1)[starts // PANEL_PIXELS]  # a blank line is exactly one run of 0
    full, rest = np.divmod(counts, most)  # runs of `most`, then what is left
    # a counter of 256 or 512 would have a low byte of 0: send one pixel less and a single pixel
    split = (rest == 256) | (rest == 512)
    tail = np.where(split, rest - 1, np.where(rest >= 2, rest, 0))
    single = (rest == 1) | split
    full[blank], tail[blank], single[blank] = 0, 0, False
    sizes = 2 * full + 2 * (tail > 0) + single + 2 * blank
    offsets = np.cumsum(sizes) - sizes
    out = np.empty(int(sizes.sum()), dtype=np.uint8)

    def put_runs(at: np.ndarray, count: np.ndarray, value: np.ndarray) -> None:
        high = count >> 8
        extension = np.where(high >= 1, 0x40, 0) | np.where(high >= 2, 0x20, 0)
        out[at] = RUN_FLAG | extension | value
        out[at + 1] = count & 0xFF

    if full.any():
        in_group = np.arange(int(full.sum())) - np.repeat(np.cumsum(full) - full, full)
        put_runs(np.repeat(offsets, full) + 2 * in_group, np.full(int(full.sum()), most), np.repeat(values, full))
    after_full = offsets + 2 * full
    runs = tail > 0
    put_runs(after_full[runs], tail[runs], values[runs])
    singles_at = after_full + 2 * runs
    out[singles_at[single]] = values[single]
    out[offsets[blank]] = RUN_FLAG
    out[offsets[blank] + 1] = 0
    return out.tobytes()


def _decompress_colour(data: bytes, bits: int, first_line: int) -> np.ndarray:
    out = np.zeros(PANEL_LINES * PANEL_PIXELS, dtype=np.uint8)
    value_mask = (1 << bits) - 1
    pos, i, end = first_line * PANEL_PIXELS, 0, len(data)
    while i < end:
        head = data[i]
        if head < RUN_FLAG:
            if head > value_mask:
                raise ValueError(f"pixel value {head} out of range for {bits} bits")
            if pos >= out.size:
                raise ValueError("compressed colour panel runs past the end of the panel")
            out[pos] = head
            pos += 1
            i += 1
            continue
        if i + 1 >= end:
            raise ValueError("compressed colour panel ends on a run byte without its counter")
        count = data[i + 1]
        if bits <= 6 and head & 0x40:
            count += 256
        if bits == 5 and head & 0x20:
            count += 256
        i += 2
        if count == 0:  # "the line is blank": from here to the end of the line
            pos += PANEL_PIXELS - pos % PANEL_PIXELS
            continue
        if pos + count > out.size:
            raise ValueError("compressed colour panel runs past the end of the panel")
        out[pos : pos + count] = head & value_mask
        pos += count
    return out.reshape(PANEL_LINES, PANEL_PIXELS)
