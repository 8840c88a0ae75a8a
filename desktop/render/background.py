"""The guilloche-like security background, generated from a few template numbers (no copied artwork).

The curves are computed once per template (numpy, in px at 300 dpi) and drawn by both backends:
a cached QImage for the raster, cached reportlab path objects for the PDF, so the PDF proof stays
vector and both show the same lines.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX
from desktop.render.layout import mm
from desktop.render.template import Guilloche

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from reportlab.pdfgen.pathobject import PDFPathObject

ROSETTE_TURNS = 11  # the rolling circle goes round this many times before the curve closes


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
def guilloche_lines(spec: Guilloche) -> tuple[tuple[int, np.ndarray], ...]:
    """Polylines as (colour index, N x 2 array of px), the same for every card of one template."""
    out: list[tuple[int, np.ndarray]] = []
    # ~25 points per wave period: the chords stay within 0.2 px of the curve, and the PDF stays small.
    x = np.linspace(
        -mm(1), CARD_WIDTH_PX + mm(1), 4 + round(25 * (CARD_WIDTH_PX + mm(2)) / mm(spec.wave_length_mm))
    )
    amp, length, spacing = mm(spec.wave_amplitude_mm), mm(spec.wave_length_mm), mm(spec.wave_spacing_mm)
    # A slow swell of the amplitude makes the bands pinch and widen like engraved security paper.
    swell = 0.55 + 0.45 * np.cos(2 * math.pi * x / (3.3 * length))
    for k in range(spec.waves):
        y0 = -amp + k * spacing
        for family in range(2):
            # The second family runs in counter-phase, so the two colours cross and interlace.
            phase = k * 0.42 if family == 0 else math.pi - k * 0.42
            y = y0 + spacing / 2 * family + amp * swell * np.sin(2 * math.pi * x / length + phase)
            out.append((family % len(spec.colors), np.column_stack((x, y))))
    if spec.rosette_radius_mm > 0 and spec.rosette_loops > 0:
        cx, cy, radius = mm(spec.rosette_x_mm), mm(spec.rosette_y_mm), mm(spec.rosette_radius_mm)
        # Two nested spirograph rings (hypotrochoids), the classic engraved rosette.
        for ring, scale in enumerate((1.0, 0.56)):
            out.append(
                ((ring + 1) % len(spec.colors), _hypotrochoid(cx, cy, radius * scale, spec.rosette_loops))
            )
    return tuple(out)


@lru_cache(maxsize=4)
def background_image(spec: Guilloche) -> QImage:
    """The background at 300 dpi, drawn once; callers copy it before painting on it."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

    img = QImage(CARD_WIDTH_PX, CARD_HEIGHT_PX, QImage.Format.Format_RGB32)
    img.fill(QColor(spec.paper))
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pens = [
        QPen(QColor(c), mm(spec.line_width_mm), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        for c in spec.colors
    ]
    for colour, pts in guilloche_lines(spec):
        painter.setPen(pens[colour])
        painter.drawPolyline(QPolygonF([QPointF(float(px), float(py)) for px, py in pts]))
    painter.end()
    return img


@lru_cache(maxsize=4)
def pdf_background_paths(spec: Guilloche, page_height_pt: float) -> tuple[tuple[int, PDFPathObject], ...]:
    """The same polylines as reportlab paths in points (y up), one path per colour, built once."""
    from reportlab.pdfgen.pathobject import PDFPathObject

    k = 72 / 300
    paths = [PDFPathObject() for _ in spec.colors]
    for colour, pts in guilloche_lines(spec):
        path = paths[colour]
        xs = np.round(pts[:, 0] * k, 2)
        ys = np.round(page_height_pt - pts[:, 1] * k, 2)
        path.moveTo(xs[0], ys[0])
        for px, py in zip(xs[1:].tolist(), ys[1:].tolist(), strict=True):
            path.lineTo(px, py)
    return tuple(enumerate(paths))
