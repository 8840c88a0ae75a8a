"""Registration: where one printer puts the personal layer on the pre-printed blanko, and its correction.

Each printer places the page a little differently (up to about 1 mm), and a retransfer printer's driver
may stretch the card over its larger print area (about 2.3 % x 3.7 %). The correction is an offset in
whole dots and a scale per axis about the card's centre: a point (x, y) of the layout is drawn at

    x' = cx + (x - cx) * scale_x + offset_x,     y' = cy + (y - cy) * scale_y + offset_y

with (cx, cy) the centre of the 1011 x 638 card. The renderer lays the layer out with this geometry
(text stays sharp); nothing resamples the raster. No Qt, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.card import CARD_DPI, CARD_HEIGHT_PX, CARD_WIDTH_PX
from desktop.domain.text import msg
from desktop.errors import UserFacingError

MAX_OFFSET_MM = 2.0
MAX_OFFSET_DOTS = int(MAX_OFFSET_MM / 25.4 * CARD_DPI)  # 23: whole dots within +/-2 mm
MAX_SCALE_PERCENT = 5.0
CENTRE_X = CARD_WIDTH_PX / 2
CENTRE_Y = CARD_HEIGHT_PX / 2


@dataclass(frozen=True)
class Registration:
    offset_x: int = 0  # dots, positive: to the right
    offset_y: int = 0  # dots, positive: down
    scale_x: float = 1.0
    scale_y: float = 1.0

    @property
    def identity(self) -> bool:
        return self == IDENTITY

    def map(self, x: float, y: float) -> tuple[float, float]:
        """Where a point of the layout lands in the print layer."""
        return (CENTRE_X + (x - CENTRE_X) * self.scale_x + self.offset_x,
                CENTRE_Y + (y - CENTRE_Y) * self.scale_y + self.offset_y)

    def map_rect(self, rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x, y, w, h = rect
        left, top = self.map(x, y)
        return left, top, w * self.scale_x, h * self.scale_y

    def to_dict(self) -> dict:
        return {"offset_x": self.offset_x, "offset_y": self.offset_y,
                "scale_x": round(self.scale_x, 6), "scale_y": round(self.scale_y, 6)}


IDENTITY = Registration()


def checked(offset_x: int, offset_y: int, scale_x_percent: float, scale_y_percent: float) -> Registration:
    """A registration from what a person entered (scales as a percentage change, 0 = as drawn); one
    sentence when a value is out of the limits."""
    for value in (offset_x, offset_y):
        if not isinstance(value, int) or abs(value) > MAX_OFFSET_DOTS:
            raise UserFacingError(
                msg("Geseran harus bilangan bulat titik antara -{max} dan {max} (2 mm).", max=MAX_OFFSET_DOTS),
                code="registration_offset")
    for value in (scale_x_percent, scale_y_percent):
        if not (abs(value) <= MAX_SCALE_PERCENT):  # also refuses NaN
            raise UserFacingError(
                msg("Skala harus antara -{max} % dan +{max} %.", max=f"{MAX_SCALE_PERCENT:g}"),
                code="registration_scale")
    return Registration(offset_x, offset_y, round(1 + scale_x_percent / 100, 6), round(1 + scale_y_percent / 100, 6))


def percent(scale: float) -> float:
    return round((scale - 1) * 100, 4)


def _axis(centre: float, scale: float, offset: float, near: float, far: float,
          read_near: float, read_far: float) -> tuple[float, float]:
    """One axis corrected from two readings: at the marks meant for `near` and `far` (layout dots), the
    pre-printed label stood `read_*` dots past (positive: right or down) the printed mark.

    The printer now takes layout point p to Q(p), an affine map with Q(near) = near - read_near and
    Q(far) = far - read_far; the new correction R' = R o Q^-1 makes the printed point land on p."""
    q1 = ((far - read_far) - (near - read_near)) / (far - near)
    q0 = (near - read_near) - q1 * near
    new_scale = scale / q1
    new_offset = ((centre - q0) / q1 - centre) * scale + offset
    return new_scale, new_offset


def corrected(current: Registration, marks: tuple[float, float, float, float],
              readings: tuple[float, float, float, float]) -> Registration:
    """The registration after a calibration card: `marks` are the layout positions (left x, right x,
    top y, bottom y) the card's marks stand for, `readings` what the person read on each mark's ruler
    (dots; positive when the pre-printed label is right of or below the mark). Refused past the limits."""
    left, right, top, bottom = marks
    read_left, read_right, read_top, read_bottom = readings
    sx, dx = _axis(CENTRE_X, current.scale_x, current.offset_x, left, right, read_left, read_right)
    sy, dy = _axis(CENTRE_Y, current.scale_y, current.offset_y, top, bottom, read_top, read_bottom)
    return checked(round(dx), round(dy), round((sx - 1) * 100, 4), round((sy - 1) * 100, 4))


def registration_key(serial: str | None, uri: str) -> str:
    """A printer's registration is its own: by serial number, or by URI where it has none."""
    serial = (serial or "").strip()
    return f"serial:{serial}" if serial else f"uri:{uri.split('?', 1)[0]}"
