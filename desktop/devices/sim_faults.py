"""The simulator's fault names and their `name[@N]` syntax, and the PNG it saves of each printed card."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

# See simulator.py for what each does; the last five have replies the guide does not document.
SIM_FAULTS = (
    "no_card", "ribbon", "cover_open", "jam", "panel_jam", "panel_silent", "ribbon_end", "cover_mid",
    "unplug", "stall", "no_reply", "garbled", "card_inside", "winusb",
    "hopper_full", "reject_full", "cooling", "cleaning", "wrong_ribbon",
)  # fmt: skip
ASSUMED_FAULTS = ("hopper_full", "reject_full", "cooling", "cleaning", "wrong_ribbon")


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
