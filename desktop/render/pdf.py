"""A PDF proof of the card at its exact physical size, drawn from the same plan as the raster.

One page per view, each with the card at 85.60 x 53.98 mm (the page's TrimBox) and a caption
below it that says what the view is:
1. the finished card: the print layer over the blanko art (multiplied, like the preview), the art
   marked as pre-printed and not printed by the station;
2. the print layer alone: what the printer receives;
3. the back (unless back=False): the blanko's pre-printed back, or, when the template asks for the
   back to be printed, marked as printed.

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
from desktop.render.layout import Rect, TextBox, layout_back, plan_front, wrap
from desktop.render.template import Template, default_template

PAGE_SIZE = (CARD_WIDTH_MM * MM, CARD_HEIGHT_MM * MM)  # the card: 85.60 x 53.98 mm in points
SLUG = 9 * MM  # the caption band under the card, outside the trim
PT_PER_PX = 72 / CARD_DPI
CAPTION_PT = 5.5
PRINT_LAYER = "printlayer"
CAPTIONS = {
    "finished": "Depan - kartu jadi (pratinjau): lapisan cetak di atas blanko. Latar belakang = BLANKO "
    "PRACETAK: sudah tercetak di blanko oleh pembuat kartu, printer stasiun tidak mencetaknya.",
    "print": "Depan - lapisan cetak: hanya ini yang diterima printer (kepala, NIK, label dan isian, foto, "
    "tempat dan tanggal terbit, tanda tangan).",
    "back_art": "Belakang - BLANKO PRACETAK: sudah tercetak di blanko; printer stasiun tidak mencetak sisi "
    "belakang.",
    "back_printed": "Belakang - dicetak printer stasiun pada printer dua sisi (template: print.back = true).",
}


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


def _photo(data: bytes, box: Rect) -> ImageReader:
    img = _open(data, "Foto").convert("RGB")
    sx, sy, sw, sh = cover_crop(img.width, img.height, box[2], box[3])
    img = img.crop((round(sx), round(sy), round(sx + sw), round(sy + sh)))
    # The proof needs no more than the printer's 300 dpi; a camera-sized photo would slow the PDF.
    size = (max(1, round(box[2])), max(1, round(box[3])))
    if img.width > size[0]:
        img = img.resize(size, Image.Resampling.LANCZOS)
    return ImageReader(img)


def _signature(data: bytes, box: Rect) -> tuple[ImageReader, Rect] | None:
    img = _open(data, "Tanda tangan").convert("RGBA")
    fitted = contain_rect(img.width, img.height, box)
    if fitted[2] < 1 or fitted[3] < 1:
        return None
    return ImageReader(img), fitted


def _caption(c: Canvas, kind: str, font: str) -> None:
    fm = font_metrics(font)
    c.setFillColor(HexColor("#333333"))
    c.setFont(fm.pdf_name, CAPTION_PT)
    width_px = (PAGE_SIZE[0] - 3 * MM) / PT_PER_PX
    for i, line in enumerate(wrap(CAPTIONS[kind], fm, CAPTION_PT, width_px)):
        c.drawString(1.5 * MM, SLUG - 2.8 * MM - i * CAPTION_PT * 1.2, line)


def _page(c: Canvas, kind: str, font: str) -> None:
    """Start a view: the caption in the slug, the TrimBox on the card, and the card's origin at the
    slug's top, so the drawing code below works in card coordinates."""
    c.setTrimBox((0, SLUG, PAGE_SIZE[0], SLUG + PAGE_SIZE[1]))
    _caption(c, kind, font)
    c.setStrokeColor(HexColor("#999999"))
    c.setLineWidth(0.3)
    c.line(0, SLUG - 0.3, PAGE_SIZE[0], SLUG - 0.3)  # the card's lower edge, just outside the trim
    c.translate(0, SLUG)
    card = c.beginPath()
    card.rect(0, 0, *PAGE_SIZE)
    c.clipPath(card, stroke=0, fill=0)  # the background's waves run past the card's edges


def _print_layer_form(c: Canvas, plan, photo: ImageReader, signature: tuple[ImageReader, Rect] | None) -> None:
    """The print layer as one form, placed on two pages but stored (and compressed) once."""
    c.beginForm(PRINT_LAYER, 0, 0, *PAGE_SIZE)
    c.drawImage(photo, *_box_pt(plan.photo))
    if signature is not None:
        c.drawImage(signature[0], *_box_pt(signature[1]), mask="auto")
    _texts(c, plan.texts)
    c.endForm()


def render_card_pdf(
    card: CardData,
    path: Path | str | BinaryIO,
    *,
    back: bool = True,
    template: Template | None = None,
) -> None:
    """Write the proof: the finished front, the print layer, and (unless back=False) the back."""
    t = template or default_template()
    plan = plan_front(card, t)
    photo = _photo(photo_png_for(card), plan.photo)
    signature = _signature(signature_png_for(card), plan.signature)
    target = str(path) if isinstance(path, Path | str) else path
    caption_font = t.fonts.regular
    with _binary_streams():
        # invariant: no timestamp or random id, so the same card gives the same file.
        c = Canvas(target, pagesize=(PAGE_SIZE[0], PAGE_SIZE[1] + SLUG), invariant=1, pageCompression=1)
        c.setTitle("KTP-el (proof)")
        c.setCreator("KTP-el Mandiri")
        _print_layer_form(c, plan, photo, signature)
        _page(c, "finished", caption_font)
        draw_pdf_background(c, t.blanko.front, PAGE_SIZE[1], "front")
        c.saveState()
        c.setBlendMode("Multiply")  # ink on the printed blanko, as in the raster preview
        c.doForm(PRINT_LAYER)
        c.restoreState()
        c.showPage()
        _page(c, "print", caption_font)
        c.doForm(PRINT_LAYER)
        c.showPage()
        if back:
            _page(c, "back_printed" if t.print.back else "back_art", caption_font)
            draw_pdf_background(c, t.blanko.back.background, PAGE_SIZE[1], "back")
            _texts(c, layout_back(t))
            c.showPage()
        c.save()
