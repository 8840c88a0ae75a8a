"""What goes on the card: plain data handed from the services to the renderer and the printer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# ID-1 / CR80 card at the printers' 300 dpi.
CARD_WIDTH_MM = 85.60
CARD_HEIGHT_MM = 53.98
CARD_DPI = 300
CARD_WIDTH_PX = round(CARD_WIDTH_MM / 25.4 * CARD_DPI)  # 1011
CARD_HEIGHT_PX = round(CARD_HEIGHT_MM / 25.4 * CARD_DPI)  # 638


def bleed_pixels(bleed_mm: float) -> int:
    """A bleed (drawn past the card's edges, on every side) in whole pixels at 300 dpi."""
    return round(bleed_mm / 25.4 * CARD_DPI)


# Jenis Kelamin as the card writes it, from the record's L / P.
SEX_LABELS = {"L": "LAKI-LAKI", "P": "PEREMPUAN"}


@dataclass(frozen=True)
class CardData:
    """Everything printed on the front of one e-KTP, values as they appear (capitals applied by the renderer)."""

    nik: str
    name: str
    birth_place: str
    birth_date: date
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    blood_type: str  # "A", "B", "AB", "O" or "-"
    address: str
    rt: int
    rw: int
    village: str  # kelurahan / desa name
    kecamatan: str
    regency: str  # full header line, e.g. "KABUPATEN TANGERANG" or "KOTA TANGERANG SELATAN"
    province: str  # e.g. "BANTEN"
    religion: str
    marital_status: str
    occupation: str
    issue_place: str  # e.g. "KAB. TANGERANG"
    issue_date: date
    nationality: str = "WNI"
    valid_until: str = "SEUMUR HIDUP"
    photo_png: bytes | None = field(default=None, repr=False)
    signature_png: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CardRaster:
    """A rendered card side: RGB888 pixels, row-major, no row padding, at 300 dpi."""

    width: int
    height: int
    rgb: bytes = field(repr=False)
    # The continuous-tone area (the photo), x, y, width, height in these pixels: a black-only ribbon
    # dithers it and thresholds the rest (text and lines stay sharp). None: everything is line art.
    halftone: tuple[int, int, int, int] | None = None

    def __post_init__(self) -> None:
        if len(self.rgb) != self.width * self.height * 3:
            raise ValueError(
                f"raster of {self.width}x{self.height} needs {self.width * self.height * 3} bytes, got {len(self.rgb)}"
            )
