"""The guilloche-like security background, generated from a few template numbers (no copied artwork).

It is part of the blanko art: the card maker pre-prints the real one, so the station draws it only
for the preview and the PDF proof (and for the back when the template asks for a printed back).

The curves are computed once per template (numpy, in px at 300 dpi) and drawn by both backends:
a cached QImage for the raster, vector paths for the PDF, so both show the same lines.

Each family of waves is one curve repeated at shifted positions. The PDF draws that curve once as
a form and places it 30 times, which keeps the page small: compressing a page of 10,000 separate
points took ~25 ms, half the PDF's time budget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX
from desktop.render.layout import mm
from desktop.render.template import Guilloche

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.pathobject import PDFPathObject

ROSETTE_TURNS = 11  # the rolling circle goes round this many times before the curve closes
PHASE_STEP = 0.42  # radians between neighbouring waves: what makes the bands drift into a moire


@dataclass(frozen=True, eq=False)
class Strand:
    """One polyline (px) in one colour, drawn once at each offset."""

    colour: int  # index into the template's colours
    points: np.ndarray  # N x 2
    offsets: tuple[tuple[float, float], ...]


def _hypotrochoid(cx: float, cy: float, radius: float, loops: int) -> np.ndarray:
    """A circle of radius 11/loops rolling inside the unit circle, scaled so it reaches `radius`."""
    r = ROSETTE_TURNS / loops
    d = 0.8 * r
    t = np.linspace(0, 2 * math.pi * ROSETTE_TURNS, 120 * ROSETTE_TURNS + 1)
    x = (1 - r) * np.cos(t) + d * np.cos((1 - r) / r * t)
    y = (1 - r) * np.sin(t) - d * np.sin((1 - r) / r * t)
    scale = radius / (1 - r + d)
    return np.column_stack((cx + x * scale, cy + y * scale))


@lru_cache(maxsize=8)
def guilloche(spec: Guilloche) -> tuple[Strand, ...]:
    """The background's strands, the same for every card of one template."""
    amp, length, spacing = mm(spec.wave_amplitude_mm), mm(spec.wave_length_mm), mm(spec.wave_spacing_mm)
    # One wave period wider than the card on the left: a phase shift is a shift to the left.
    x = np.linspace(-length - mm(1), CARD_WIDTH_PX + mm(1), 4 + round(25 * (CARD_WIDTH_PX + length) / length))
    # A slow swell of the amplitude makes the bands pinch and widen like engraved security paper.
    swell = 0.55 + 0.45 * np.cos(2 * math.pi * x / (3.3 * length))
    base = np.column_stack((x, amp * swell * np.sin(2 * math.pi * x / length)))
    strands = []
    for family in range(2):
        offsets = []
        for k in range(spec.waves):
            # The second family runs in counter-phase, so the two colours cross and interlace.
            phase = (k * PHASE_STEP if family == 0 else math.pi - k * PHASE_STEP) % (2 * math.pi)
            offsets.append((phase / (2 * math.pi) * length, -amp + k * spacing + spacing / 2 * family))
        strands.append(Strand(family % len(spec.colors), base, tuple(offsets)))
    if spec.rosette_radius_mm > 0:
        cx, cy, radius = mm(spec.rosette_x_mm), mm(spec.rosette_y_mm), mm(spec.rosette_radius_mm)
        # Two nested spirograph rings (hypotrochoids), the classic engraved rosette.
        for ring, scale in enumerate((1.0, 0.56)):
            pts = _hypotrochoid(cx, cy, radius * scale, spec.rosette_loops)
            strands.append(Strand((ring + 1) % len(spec.colors), pts, ((0.0, 0.0),)))
    return tuple(strands)


@lru_cache(maxsize=4)
def background_image(spec: Guilloche, bleed_px: int = 0) -> QImage:
    """The background at 300 dpi, drawn once; callers copy it before painting on it.

    With `bleed_px` the image is that much larger on every side and the card sits inside it; the
    waves reach about 1 mm past the card's edges, the rest of the bleed is the paper colour.
    """
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

    img = QImage(CARD_WIDTH_PX + 2 * bleed_px, CARD_HEIGHT_PX + 2 * bleed_px, QImage.Format.Format_RGB32)
    img.fill(QColor(spec.paper))
    painter = QPainter(img)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(bleed_px, bleed_px)
        width = mm(spec.line_width_mm)
        for strand in guilloche(spec):
            painter.setPen(
                QPen(
                    QColor(spec.colors[strand.colour]), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap
                )
            )
            polygon = QPolygonF([QPointF(float(x), float(y)) for x, y in strand.points])
            for dx, dy in strand.offsets:
                painter.drawPolyline(polygon.translated(dx, dy))
    finally:
        painter.end()
    return img


@lru_cache(maxsize=16)
def _pdf_path(spec: Guilloche, index: int) -> tuple[PDFPathObject, tuple[float, float, float, float]]:
    """One strand as a reportlab path in points (y up) around its own origin, and its bounding box."""
    from reportlab.pdfgen.pathobject import PDFPathObject

    k = 72 / 300
    pts = guilloche(spec)[index].points
    xs = np.round(pts[:, 0] * k, 2)
    ys = np.round(-pts[:, 1] * k, 2)
    path = PDFPathObject()
    path.moveTo(float(xs[0]), float(ys[0]))
    for x, y in zip(xs[1:].tolist(), ys[1:].tolist(), strict=True):
        path.lineTo(x, y)
    pad = 1.0  # half the line width and then some: the form's box must not clip the stroke
    return path, (float(xs.min()) - pad, float(ys.min()) - pad, float(xs.max()) + pad, float(ys.max()) + pad)


def draw_pdf_background(c: Canvas, spec: Guilloche, page_height_pt: float, prefix: str) -> None:
    """Paper colour, then every strand, each through one form; `prefix` keeps the form names of
    different backgrounds in one document apart."""
    from reportlab.lib.colors import HexColor

    k = 72 / 300
    c.setFillColor(HexColor(spec.paper))
    c.rect(0, 0, CARD_WIDTH_PX * k + 1, page_height_pt + 1, stroke=0, fill=1)
    for index, strand in enumerate(guilloche(spec)):
        path, box = _pdf_path(spec, index)
        name = f"{prefix}{index}"
        c.beginForm(name, *box)
        c.setStrokeColor(HexColor(spec.colors[strand.colour]))
        c.setLineWidth(mm(spec.line_width_mm) * k)
        c.setLineCap(1)
        c.drawPath(path, stroke=1, fill=0)
        c.endForm()
        for dx, dy in strand.offsets:
            c.saveState()
            c.translate(dx * k, page_height_pt - dy * k)
            c.doForm(name)
            c.restoreState()
