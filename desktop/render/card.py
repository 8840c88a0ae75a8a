"""The card as pixels: the raster the printer gets and the preview shows, drawn from `layout.plan_front`.

The PDF proof (`render_card_pdf`, in pdf.py) draws the very same plan, so what is previewed, printed
and proofed cannot drift apart.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGlyphRun, QImage, QPainter

from desktop.domain.card import CARD_DPI, CardData, CardRaster
from desktop.errors import UserFacingError
from desktop.render.background import background_image
from desktop.render.fonts import ensure_gui_app, font_metrics, raw_font
from desktop.render.images import contain_rect, cover_crop, photo_png_for, signature_png_for
from desktop.render.layout import Rect, TextBox, layout_back, plan_front
from desktop.render.pdf import render_card_pdf
from desktop.render.template import Template, default_template

DOTS_PER_METER = round(CARD_DPI / 0.0254)  # 11811: tells viewers and printers the image is 300 dpi


def _decode(data: bytes, what: str) -> QImage:
    img = QImage.fromData(data)
    if img.isNull():
        raise UserFacingError(
            f"{what} penduduk tidak dapat dibaca; ambil ulang {what.lower()} atau unduh ulang datanya.",
            code="card_image",
        )
    return img


def _draw_text(painter: QPainter, box: TextBox) -> None:
    """Place each glyph at the design-metric position the layout (and the PDF) uses."""
    font = raw_font(box.font, box.size_pt)
    fm = font_metrics(box.font)
    painter.setPen(QColor(box.color))
    for line, (x, y) in zip(box.lines, box.origins, strict=True):
        if not line:
            continue
        glyphs = font.glyphIndexesForString(line)
        if len(glyphs) != len(line):  # characters outside the BMP: let Qt space them
            advances = [a.x() for a in font.advancesForGlyphIndexes(glyphs)]
        else:
            advances = fm.advances_px(line, box.size_pt)
        positions = []
        pen = 0.0
        for advance in advances:
            positions.append(QPointF(pen, 0.0))
            pen += advance
        run = QGlyphRun()
        run.setRawFont(font)
        run.setGlyphIndexes(glyphs)
        run.setPositions(positions)
        painter.drawGlyphRun(QPointF(x, y), run)


def _draw_photo(painter: QPainter, photo: QImage, box: Rect) -> None:
    # Snap the box to whole pixels and scale once: a crisp edge and no resampling seams.
    x, y, w, h = (round(v) for v in box)
    sx, sy, sw, sh = cover_crop(photo.width(), photo.height(), w, h)
    part = photo.copy(round(sx), round(sy), round(sw), round(sh))
    scaled = part.scaled(
        w, h, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    painter.drawImage(x, y, scaled)


def _draw_signature(painter: QPainter, signature: QImage, box: Rect) -> None:
    x, y, w, h = contain_rect(signature.width(), signature.height(), box)
    if w < 1 or h < 1:
        return
    painter.drawImage(QRectF(x, y, w, h), signature)


def _finish(img: QImage) -> QImage:
    out = img.convertToFormat(QImage.Format.Format_RGB888)
    out.setDotsPerMeterX(DOTS_PER_METER)
    out.setDotsPerMeterY(DOTS_PER_METER)
    return out


def render_front(card: CardData, template: Template | None = None) -> QImage:
    """The front at 300 dpi: 1011 x 638 px, Format_RGB888, from the one template."""
    t = template or default_template()
    ensure_gui_app()
    plan = plan_front(card, t)
    # Decode first: an exception while a QPainter is active on an image crashes Qt when both go away.
    photo = _decode(photo_png_for(card), "Foto")
    signature = _decode(signature_png_for(card), "Tanda tangan")
    img = background_image(t.background).copy()
    painter = QPainter(img)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        _draw_photo(painter, photo, plan.photo)
        _draw_signature(painter, signature, plan.signature)
        for box in plan.texts:
            _draw_text(painter, box)
    finally:
        painter.end()
    return _finish(img)


@lru_cache(maxsize=4)
def _back(template: Template) -> QImage:
    img = background_image(template.back.background).copy()
    painter = QPainter(img)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for box in layout_back(template):
            _draw_text(painter, box)
    finally:
        painter.end()
    return _finish(img)


def render_back(card: CardData | None = None, template: Template | None = None) -> QImage:
    """The back: a neutral placeholder with REPUBLIK INDONESIA; it carries no personal data, so
    `card` is accepted for symmetry with render_front and not used."""
    ensure_gui_app()
    return _back(template or default_template()).copy()


def to_raster(img: QImage) -> CardRaster:
    """The printer's input: RGB888 rows without Qt's 4-byte row padding."""
    if img.format() != QImage.Format.Format_RGB888:
        img = img.convertToFormat(QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    rows = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    rgb = rows.reshape(h, img.bytesPerLine())[:, : w * 3].tobytes()
    return CardRaster(width=w, height=h, rgb=rgb)


__all__ = ["render_back", "render_card_pdf", "render_front", "to_raster"]
