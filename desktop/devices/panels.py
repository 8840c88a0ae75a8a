"""Card raster -> printer panels (Y, M, C, K, O), and the panels' byte forms for `Db` and `Dbc`.

Geometry. An Evolis panel is 648 x 1016 pixels at 300 dpi, sent line by line, "pixel 1 first in the
printing direction": 1016 lines along the direction the card travels, 648 pixels in each line. The
card travels along its long side, so the landscape card (1011 x 638) is turned a quarter turn
clockwise (the same turn as `pnmflip -rotate270` in the public Printer::EVOLIS driver):

    line i   (0..1015) = card column x = i - 2   (the card's left edge is printed first)
    pixel j  (0..647)  = card row    y = 637 - (j - 5)   (pixel 1 of a line is the card's bottom row)

The card is centred in the buffer: 2 white lines before it and 3 after (1016 - 1011), 5 white pixels
at each end of a line (648 - 638). "White" means no ink on any panel. This orientation follows the
public driver; check it once on a real printer with a test card (`sim://` and `file://` only prove
that it is self-consistent). Backs (duplex) are laid out the same way.

Panel sizes follow from that geometry: 1 bit a pixel (K, O) = 648 * 1016 / 8 = 82,296 bytes; YMC
packed MSB-first at 5, 6 or 7 bits a pixel (32, 64, 128 levels) = 411,480, 493,776, 576,072 bytes.
(PRINTERS.md's 84,624 / 423,120 / 507,744 / 592,368 are 676,992 pixels, which no 648-pixel line
count gives; we follow the geometry and the 81-byte lines of `Dbc`.)

Colour. Subtractive: C = 255 - R, M = 255 - G, Y = 255 - B, scaled to 0..levels-1 (0 = no ink).
Near-pure black pixels (every channel <= BLACK_THRESHOLD, such as text and the NIK) go to the K resin
panel and are removed from YMC. The overlay O covers the card with a small uncovered margin.

Compressed forms (`Dbc;<panel>;<levels>;<first line>;<byte count>;<data>`), lines before
`first line` and anything after the data are white:
- K and O, line by line: `0x00` a white line, `0xFF` a black line, or N (1..81) followed by the
  line's first N bytes (the rest of the 81 bytes are white).
- Y, M, C: a stream of pixel values (one value per pixel, not packed) in the same order as `Db`;
  runs may cross line ends. A byte with the high bit clear is one pixel of that value (0..127); a
  byte with the high bit set, 0x80 | (n - 1), is a run of n pixels (1..128) of the value in the next
  byte. Because values are at most 127, every byte >= 0x80 is a run byte and the stream parses
  without look-back.
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
    pad = [
        (_LEAD_LINES, PANEL_LINES - CARD_WIDTH_PX - _LEAD_LINES),
        (_LEAD_PIXELS, PANEL_PIXELS - CARD_HEIGHT_PX - _LEAD_PIXELS),
    ] + [(0, 0)] * (card.ndim - 2)
    return np.pad(turned, pad, constant_values=fill)


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
) -> CardPanels:
    """Separate a card raster into Y, M, C (at `levels`), K (pure black) and O (overlay) panels."""
    if levels == 2:
        raise ValueError("colour panels need 32, 64 or 128 levels")
    _bits(levels)
    rgb = card_to_buffer(raster_array(raster), fill=255)
    black = (rgb <= black_threshold).all(axis=2)
    ink = 255 - rgb  # (lines, pixels, 3) as C, M, Y
    scale = np.float32((levels - 1) / 255.0)
    values = np.rint(ink.astype(np.float32) * scale).astype(np.uint8)
    values[black] = 0
    planes = {"c": values[:, :, 0], "m": values[:, :, 1], "y": values[:, :, 2]}
    planes = {name: np.ascontiguousarray(plane) for name, plane in planes.items()}
    planes["k"] = black.astype(np.uint8)
    overlay = np.zeros((CARD_HEIGHT_PX, CARD_WIDTH_PX), dtype=np.uint8)
    overlay[
        overlay_margin : CARD_HEIGHT_PX - overlay_margin, overlay_margin : CARD_WIDTH_PX - overlay_margin
    ] = 1
    planes["o"] = np.ascontiguousarray(card_to_buffer(overlay, fill=0))
    return CardPanels(levels=levels, planes=planes)


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
    shifts = np.arange(bits - 1, -1, -1, dtype=np.uint8)
    planes = (plane.reshape(-1, 1) >> shifts) & 1
    return np.packbits(planes.astype(np.uint8).ravel()).tobytes()


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


# -- Dbc: compressed panels -------------------------------------------------------------------


def compress_panel(plane: np.ndarray, levels: int) -> tuple[int, bytes]:
    """The `Dbc` form of a panel: (first line, compressed data). See the module doc for the format."""
    _check_plane(plane, levels)
    if levels == 2:
        return _compress_mono(plane)
    return _compress_colour(plane)


def decompress_panel(data: bytes, levels: int, first_line: int = 0) -> np.ndarray:
    """Decode `Dbc` data back to a (1016, 648) array; raises ValueError on malformed data."""
    _bits(levels)
    if not 0 <= first_line < PANEL_LINES:
        raise ValueError(f"first line {first_line} outside 0..{PANEL_LINES - 1}")
    if levels == 2:
        return _decompress_mono(data, first_line)
    return _decompress_colour(data, levels, first_line)


def _compress_mono(plane: np.ndarray) -> tuple[int, bytes]:
    packed = np.packbits(plane.astype(bool), axis=1)  # (1016, 81)
    nonzero = packed != 0
    used = np.flatnonzero(nonzero.any(axis=1))
    if used.size == 0:
        return 0, b""
    first, last = int(used[0]), int(used[-1])
    rows = packed[first : last + 1]
    full = (rows == 0xFF).all(axis=1)
    # N = index of the last non-white byte + 1 (0 for an all-white line)
    lengths = LINE_BYTES - np.argmax(nonzero[first : last + 1, ::-1], axis=1)
    lengths[~nonzero[first : last + 1].any(axis=1)] = 0
    out = bytearray()
    for row, n, black in zip(rows, lengths.tolist(), full.tolist(), strict=True):
        if black:
            out.append(0xFF)
        elif n == 0:
            out.append(0x00)
        else:
            out.append(n)
            out += row[:n].tobytes()
    return first, bytes(out)


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


def _compress_colour(plane: np.ndarray) -> tuple[int, bytes]:
    used_lines = np.flatnonzero(plane.any(axis=1))
    if used_lines.size == 0:
        return 0, b""
    first = int(used_lines[0])
    flat = plane[first:].ravel()
    end = int(np.flatnonzero(flat)[-1]) + 1
    flat = flat[:end]
    starts = np.concatenate(([0], np.flatnonzero(flat[1:] != flat[:-1]) + 1))
    lengths = np.diff(np.append(starts, end))
    values = flat[starts]
    full, rest = np.divmod(lengths, 128)  # full runs of 128, then what is left
    rest_bytes = np.where(rest >= 2, 2, rest)
    sizes = 2 * full + rest_bytes
    offsets = np.cumsum(sizes) - sizes
    out = np.empty(int(sizes.sum()), dtype=np.uint8)
    if full.any():
        in_group = np.arange(int(full.sum())) - np.repeat(np.cumsum(full) - full, full)
        pos = np.repeat(offsets, full) + 2 * in_group
        out[pos] = 0xFF
        out[pos + 1] = np.repeat(values, full)
    base = offsets + 2 * full
    runs = rest >= 2
    out[base[runs]] = (0x80 | (rest[runs] - 1)).astype(np.uint8)
    out[base[runs] + 1] = values[runs]
    singles = rest == 1
    out[base[singles]] = values[singles]
    return first, out.tobytes()


def _decompress_colour(data: bytes, levels: int, first_line: int) -> np.ndarray:
    raw = np.frombuffer(data, dtype=np.uint8)
    is_run = raw >= 0x80
    if raw.size and is_run[-1]:
        raise ValueError("compressed colour panel ends on a run byte without its value")
    run_value = np.zeros_like(is_run)
    run_value[1:] = is_run[:-1]
    if (is_run & run_value).any():
        raise ValueError("run byte followed by another run byte")
    counts = np.where(is_run, (raw & 0x7F).astype(np.int64) + 1, 1)
    tokens = ~run_value
    value_at = np.where(is_run, np.roll(raw, -1), raw)
    values, counts = value_at[tokens], counts[tokens]
    if values.size and int(values.max()) >= levels:
        raise ValueError(f"pixel value {int(values.max())} out of range for {levels} levels")
    pixels = np.repeat(values, counts)
    total = PANEL_LINES * PANEL_PIXELS
    start = first_line * PANEL_PIXELS
    if start + pixels.size > total:
        raise ValueError("compressed colour panel runs past the end of the panel")
    out = np.zeros(total, dtype=np.uint8)
    out[start : start + pixels.size] = pixels
    return out.reshape(PANEL_LINES, PANEL_PIXELS)
