"""A PDF proof at the card's exact physical size, drawn from the same plan as the raster.

Positions come from `layout.plan_front` in px at 300 dpi and are only converted to points here;
text uses the same font files (registered with reportlab by `fonts.font_metrics`); the background
is the same polylines, kept as vectors.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from PIL import Image
from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm as MM
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from desktop.domain.card import CARD_DPI, CARD_HEIGHT_MM, CARD_WIDTH_MM, CardData
from desktop.errors import UserFacingError
from desktop.render.background import draw_pdf_background
from desktop.render.fonts import font_metrics
from desktop.render.images import contain_rect, cover_crop, photo_png_for, signature_png_for
from desktop.render.layout import Rect, TextBox, layout_back, plan_front
from desktop.render.template import Template, default_template

PAGE_SIZE = (CARD_WIDTH_MM * MM, CARD_HEIGHT_MM * MM)  # 85.60 x 53.98 mm in points
PT_PER_PX = 72 / CARD_DPI


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Write streams as plain binary instead of ASCII85: without reportlab's C accelerator, the
    pure-Python ASCII85 encoder alone takes ~100 ms per card. The setting is global in reportlab,
    so it is restored afterwards."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _open(data: bytes, what: str) -> Image.Image:
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except Exception as exc:  # PIL raises several types for a damaged file
        raise UserFacingError(
            f"{what} penduduk tidak dapat dibaca; ambil ulang {what.lower()} atau unduh ulang datanya.",
            code="card_image",
        ) from exc
    return img


def _box_pt(box: Rect) -> tuple[float, float, float, float]:
    """A px box (y down) as reportlab's x, y of the lower-left corner, width, height (y up)."""
    x, y, w, h = box
    return x * PT_PER_PX, PAGE_SIZE[1] - (y + h) * PT_PER_PX, w * PT_PER_PX, h * PT_PER_PX


def _texts(c: Canvas, boxes: list[TextBox] | tuple[TextBox, ...]) -> None:
    for box in boxes:
        c.setFillColor(HexColor(box.color))
        c.setFont(font_metrics(box.font).pdf_name, box.size_pt)
        for line, (x, y) in zip(box.lines, box.origins, strict=True):
            if line:
                c.drawString(x * PT_PER_PX, PAGE_SIZE[1] - y * PT_PER_PX, line)


def _photo(c: Canvas, data: bytes, box: Rect) -> None:
    img = _open(data, "Foto").convert("RGB")
    sx, sy, sw, sh = cover_crop(img.width, img.height, box[2], box[3])
    img = img.crop((round(sx), round(sy), round(sx + sw), round(sy + sh)))
    # The proof needs no more than the printer's 300 dpi; a camera-sized photo would slow the PDF.
    size = (max(1, round(box[2])), max(1, round(box[3])))
    if img.width > size[0]:
        img = img.resize(size, Image.Resampling.LANCZOS)
    c.drawImage(ImageReader(img), *_box_pt(box))


def _signature(c: Canvas, data: bytes, box: Rect) -> None:
    img = _open(data, "Tanda tangan").convert("RGBA")
    fitted = contain_rect(img.width, img.height, box)
    if fitted[2] < 1 or fitted[3] < 1:
        return
    c.drawImage(ImageReader(img), *_box_pt(fitted), mask="auto")


def render_card_pdf(
    card: CardData,
    path: Path | str | BinaryIO,
    *,
    back: bool = True,
    template: Template | None = None,
) -> None:
    """Write the front (and, unless back=False, the back) as pages of exactly 85.60 x 53.98 mm."""
    t = template or default_template()
    plan = plan_front(card, t)
    target = str(path) if isinstance(path, Path | str) else path
    with _binary_streams():
        # invariant: no timestamp or random id, so the same card gives the same file.
        c = Canvas(target, pagesize=PAGE_SIZE, invariant=1, pageCompression=1)
        c.setTitle("KTP-el (proof)")
        c.setCreator("KTP-el Mandiri")
        draw_pdf_background(c, t.background, PAGE_SIZE[1], "front")
        _photo(c, photo_png_for(card), plan.photo)
        _signature(c, signature_png_for(card), plan.signature)
        _texts(c, plan.texts)
        c.showPage()
        if back:
            draw_pdf_background(c, t.back.background, PAGE_SIZE[1], "back")
            _texts(c, layout_back(t))
            c.showPage()
        c.save()
