"""The calibration card: marks where the blanko's pre-printed labels and photo box are, each with a ruler.

Printed on a real blanko (or a white card for a quick check) with the printer's current registration,
it shows how far the personal layer lands from the pre-printed design. Each mark is a cross of 1-dot
lines at a point of the layout (A: the NIK label's start on its baseline, B: the last row's label,
C and D: the photo box's top-left and bottom-left corners), moved by the registration as the card's
text would be. Its rulers are true size: a small tick every 3 dots (0.25 mm), a long one every 12
dots (1 mm), up to 24 dots (2 mm) each way. The person reads, on the rulers of A and C (across) and of
A and B (down), how many dots the pre-printed label lies right of or below the cross (negative: left
or above); desktop/domain/registration.corrected turns the readings into the new registration.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QPen

from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardRaster
from desktop.domain.registration import Registration
from desktop.render.card import apply_registration, to_raster
from desktop.render.fonts import ensure_gui_app, register_qt_font
from desktop.render.layout import plan_front
from desktop.render.samples import sample_cards
from desktop.render.template import Template, default_template

ARM = 32  # dots each way of a mark's cross
TICK_STEP = 3  # dots between small ticks (0.25 mm)
LONG_TICK = 12  # dots between long ticks (1 mm)
RULER = 24  # dots each way the ruler reaches (2 mm)
FONT_FILE = "LiberationSans-Bold.ttf"


@dataclass(frozen=True)
class CalibrationMarks:
    """The layout points the marks stand for (as drawn, before the registration), in dots."""

    a: tuple[float, float]  # the NIK label
    b: tuple[float, float]  # the last row's label
    c: tuple[float, float]  # the photo box, top left
    d: tuple[float, float]  # the photo box, bottom left

    def named(self) -> dict[str, tuple[float, float]]:
        return {"A": self.a, "B": self.b, "C": self.c, "D": self.d}

    @property
    def axes(self) -> tuple[float, float, float, float]:
        """(left x, right x, top y, bottom y): what the readings on A, C (across) and A, B (down) refer to."""
        return self.a[0], self.c[0], self.a[1], self.b[1]


def calibration_marks(template: Template | None = None) -> CalibrationMarks:
    t = template or default_template()
    plan = plan_front(sample_cards()["ordinary"], t)
    boxes = {box.key: box for box in plan.texts}
    labels = [box for box in plan.texts if box.key.endswith(".label") and box.region == "rows"]
    first, last = boxes["nik.label"], max(labels, key=lambda box: box.origins[0][1])
    x, y, w, h = plan.photo
    return CalibrationMarks(
        a=(round(first.origins[0][0]), first.origins[0][1]),
        b=(round(last.origins[0][0]), last.origins[0][1]),
        c=(round(x), round(y)),
        d=(round(x), round(y + h)),
    )


def marks_at(registration: Registration, template: Template | None = None) -> dict[str, tuple[int, int]]:
    """Where each mark's cross is drawn on the card under `registration` (whole dots)."""
    return {name: (round(px), round(py)) for name, (px, py) in
            ((name, registration.map(*point)) for name, point in calibration_marks(template).named().items())}


def _font(pixels: int) -> QFont:
    families = QFontDatabase.applicationFontFamilies(register_qt_font(FONT_FILE))
    font = QFont(families[0] if families else "Liberation Sans")
    font.setPixelSize(pixels)
    return font


def _mark(painter: QPainter, name: str, x: int, y: int) -> None:
    painter.drawLine(QLineF(x - ARM, y, x + ARM, y))
    painter.drawLine(QLineF(x, y - ARM, x, y + ARM))
    for step in range(-RULER // TICK_STEP, RULER // TICK_STEP + 1):
        if step == 0:
            continue
        offset = step * TICK_STEP
        length = 9 if offset % LONG_TICK == 0 else 5
        painter.drawLine(QLineF(x + offset, y + 3, x + offset, y + 3 + length))  # across, under the arm
        painter.drawLine(QLineF(x + 3, y + offset, x + 3 + length, y + offset))  # down, right of the arm
    painter.setFont(_font(22))
    painter.drawText(QRectF(x + 8, y - ARM, 28, 28), Qt.AlignmentFlag.AlignCenter, name)


def calibration_card(registration: Registration, printer: str, template: Template | None = None) -> CardRaster:
    """The calibration card for one printer, laid out with its current registration (black only)."""
    ensure_gui_app()
    image = QImage(CARD_WIDTH_PX, CARD_HEIGHT_PX, QImage.Format.Format_RGB888)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(QColor(0, 0, 0))
        pen.setWidth(1)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        for name, (x, y) in marks_at(registration, template).items():
            _mark(painter, name, x, y)
        painter.save()
        apply_registration(painter, registration)
        painter.setFont(_font(24))
        painter.drawText(QRectF(330, 150, 340, 34), Qt.AlignmentFlag.AlignLeft, "KARTU KALIBRASI")
        painter.setFont(_font(16))
        lines = [
            printer,
            f"geser x {registration.offset_x:+d}, y {registration.offset_y:+d} titik; skala x "
            f"{(registration.scale_x - 1) * 100:+.2f} %, y {(registration.scale_y - 1) * 100:+.2f} %",
            "Garis kecil = 3 titik (0,25 mm), garis panjang = 12 titik (1 mm).",
            "Baca di A dan C: label pracetak di kanan (+) / kiri (-) silang;",
            "di A dan B: label pracetak di bawah (+) / atas (-) silang.",
        ]
        for row, line in enumerate(lines):
            painter.drawText(QPointF(330, 210 + row * 24), line)
        painter.restore()
    finally:
        painter.end()
    return to_raster(image)
