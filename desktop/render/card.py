"""The card as pixels, in two layers, drawn from `layout.plan_front`.

- The print layer (`render_front`, `render_back`): the personal data on white, white meaning "no ink".
  It is all the printer receives; the blanko already carries the security design.
- The blanko art (`blanko_front`, `blanko_back`): the card maker's pre-printed design, for the preview
  and the proof only.
- The preview (`compose`, `render_preview`): the print layer laid over the blanko art the way ink
  lands on a printed card: each channel multiplied, so white leaves the blanko as it is and black
  stays black. The print layer's bytes go in unchanged, so the preview shows what the printer gets.

The PDF proof (`render_card_pdf`, in pdf.py) draws the very same plan, so what is previewed, printed
and proofed cannot drift apart.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGlyphRun, QImage, QPainter

from desktop.domain.card import CARD_DPI, CARD_HEIGHT_PX, CARD_WIDTH_PX, CardData, CardRaster, bleed_pixels
from desktop.domain.registration import CENTRE_X, CENTRE_Y, IDENTITY, Registration
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


def render_front(card: CardData, template: Template | None = None, bleed_mm: float = 0.0,
                 registration: Registration = IDENTITY) -> QImage:
    """The front's print layer at 300 dpi: 1011 x 638 px (plus the bleed on every side), RGB888,
    white wherever the printer lays no ink; laid out where `registration` puts it (the printer's
    correction, desktop/domain/registration.py): text through the painter's transform, the photo and
    the signature scaled once into their moved boxes, so nothing is resampled afterwards."""
    t = template or default_template()
    ensure_gui_app()
    plan = plan_front(card, t)
    # Decode first: an exception while a QPainter is active on an image crashes Qt when both go away.
    photo = _decode(photo_png_for(card), "Foto")
    signature = _decode(signature_png_for(card), "Tanda tangan")
    bleed = bleed_pixels(bleed_mm)
    img = QImage(CARD_WIDTH_PX + 2 * bleed, CARD_HEIGHT_PX + 2 * bleed, QImage.Format.Format_RGB32)
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(img)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.translate(bleed, bleed)
        _draw_photo(painter, photo, registration.map_rect(plan.photo))
        _draw_signature(painter, signature, registration.map_rect(plan.signature))
        apply_registration(painter, registration)
        for box in plan.texts:
            _draw_text(painter, box)
    finally:
        painter.end()
    return _finish(img)


def apply_registration(painter: QPainter, registration: Registration) -> None:
    """Make the painter draw layout coordinates where the registration puts them."""
    if registration.identity:
        return
    painter.translate(CENTRE_X + registration.offset_x, CENTRE_Y + registration.offset_y)
    painter.scale(registration.scale_x, registration.scale_y)
    painter.translate(-CENTRE_X, -CENTRE_Y)


def render_front_raster(card: CardData, template: Template | None = None, bleed_mm: float = 0.0,
                        registration: Registration = IDENTITY) -> CardRaster:
    """The front's print layer as the printer gets it, with the photo's box marked as continuous tone."""
    t = template or default_template()
    raster = to_raster(render_front(card, t, bleed_mm, registration))
    bleed = bleed_pixels(bleed_mm)
    x, y, w, h = (round(v) for v in registration.map_rect(plan_front(card, t).photo))
    return replace(raster, halftone=(x + bleed, y + bleed, w, h))


@lru_cache(maxsize=8)
def _back_art(template: Template, bleed: int) -> QImage:
    back = template.blanko.back
    img = background_image(back.background, bleed).copy()
    painter = QPainter(img)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(bleed, bleed)
        for box in layout_back(template):
            _draw_text(painter, box)
    finally:
        painter.end()
    return _finish(img)


def blanko_front(template: Template | None = None) -> QImage:
    """The pre-printed front of a blanko (security background): preview and proof only."""
    ensure_gui_app()
    return _finish(background_image((template or default_template()).blanko.front).copy())


def blanko_back(template: Template | None = None) -> QImage:
    """The pre-printed back of a blanko (a neutral stand-in with REPUBLIK INDONESIA; no personal data)."""
    ensure_gui_app()
    return _back_art(template or default_template(), 0).copy()


def render_back(template: Template | None = None, bleed_mm: float = 0.0) -> QImage | None:
    """The back's print layer: None, since the blanko's back is pre-printed, unless the template
    asks (`print.back`) for the back art to be printed as well."""
    t = template or default_template()
    if not t.print.back:
        return None
    ensure_gui_app()
    return _back_art(t, bleed_pixels(bleed_mm)).copy()


def to_raster(img: QImage) -> CardRaster:
    """The printer's input: RGB888 rows without Qt's 4-byte row padding."""
    if img.format() != QImage.Format.Format_RGB888:
        img = img.convertToFormat(QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    rows = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    rgb = rows.reshape(h, img.bytesPerLine())[:, : w * 3].tobytes()
    return CardRaster(width=w, height=h, rgb=rgb)


def raster_image(raster: CardRaster) -> QImage:
    """A CardRaster as a QImage that owns its pixels (300 dpi)."""
    img = QImage(raster.rgb, raster.width, raster.height, raster.width * 3, QImage.Format.Format_RGB888)
    return _finish(img.copy())


def compose(layer: CardRaster, art: QImage) -> QImage:
    """The print layer over the blanko art: each channel multiplied (ink on a printed card), rounded.

    out = round(art * layer / 255): a white layer pixel leaves the art unchanged, a black one is black.
    """
    ink = np.frombuffer(layer.rgb, dtype=np.uint8).reshape(layer.height, layer.width, 3)
    base = to_raster(art)
    if (base.width, base.height) != (layer.width, layer.height):
        raise ValueError(f"print layer {layer.width}x{layer.height} does not fit the art {base.width}x{base.height}")
    paper = np.frombuffer(base.rgb, dtype=np.uint8).reshape(layer.height, layer.width, 3)
    # Round half up in integers: a * b / 255 is never exactly halfway between two integers.
    mixed = (paper.astype(np.uint32) * ink * 2 + 255) // 510
    return raster_image(CardRaster(layer.width, layer.height, mixed.astype(np.uint8).tobytes()))


def render_preview(card: CardData, template: Template | None = None,
                   registration: Registration = IDENTITY) -> QImage:
    """The finished card as the operator will hand it over: the print layer (as the chosen printer's
    registration lays it out, i.e. the bytes it gets) over the blanko art."""
    t = template or default_template()
    return compose(to_raster(render_front(card, t, registration=registration)), blanko_front(t))


def counter_preview(renderer, card: CardData,
                    registration: Registration = IDENTITY) -> tuple[QImage, CardRaster, QImage]:
    """What the counter shows for a citizen: the finished card (the print layer `renderer` makes for the
    printer, laid out with its registration, over the blanko art), that print layer, and the photo on
    it. Drawn on the render lane for each scan, and once after start-up to warm fonts and art."""
    from desktop.render.portrait import portrait_png

    layer = renderer(card, 0.0, registration)
    photo_png = card.photo_png or portrait_png(card.nik, card.birth_date.year, card.sex)
    return compose(layer, blanko_front()), layer, QImage.fromData(photo_png)


__all__ = [
    "blanko_back",
    "blanko_front",
    "compose",
    "counter_preview",
    "raster_image",
    "render_back",
    "render_card_pdf",
    "apply_registration",
    "render_front",
    "render_front_raster",
    "render_preview",
    "to_raster",
]
