"""A report (desktop/documents/document.py) as a real A4 PDF: the letterhead with the admin's logo, the
nomor surat, tables with their totals, signature blocks, "Halaman 1 dari N" and, for today's figures, the
SEMENTARA stamp on every page.

The text uses the shipped Liberation Sans (registered with reportlab under the names the card proof uses);
the canvas is invariant (no creation time, a fixed document id), so the same document gives the same bytes
each time it is made.
"""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from desktop.documents.document import Document, Table
from desktop.documents.letterhead import ReportSettings
from desktop.resources import resource_path

MARGIN = 18 * mm
STAMP = "SEMENTARA"
GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#e6e6e6")
STAMP_RED = colors.HexColor("#b01818")


def _registered(file_name: str) -> str:
    """A shipped font registered with reportlab under the name the card's renderer gives it (not through
    desktop.render, which loads Qt: the regency server draws reports without it)."""
    name = "KTP-" + file_name.removesuffix(".ttf")
    try:
        pdfmetrics.getFont(name)
    except KeyError:
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    return name


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    regular = _registered("LiberationSans-Regular.ttf")
    bold = _registered("LiberationSans-Bold.ttf")
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    return regular, bold


def _styles(large: bool) -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    size = 18 if large else 10
    return {
        "body": ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.3, alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=size * 0.92, leading=size * 1.15),
        "num": ParagraphStyle("num", fontName=regular, fontSize=size * 0.92, leading=size * 1.15, alignment=TA_RIGHT),
        "th": ParagraphStyle("th", fontName=bold, fontSize=size * 0.92, leading=size * 1.15),
        "title": ParagraphStyle("title", fontName=bold, fontSize=size * 1.35, leading=size * 1.7, alignment=TA_CENTER,
                                spaceBefore=4, spaceAfter=2),
        "center": ParagraphStyle("center", fontName=regular, fontSize=size, leading=size * 1.3, alignment=TA_CENTER),
        "head1": ParagraphStyle("head1", fontName=bold, fontSize=13, leading=16, alignment=TA_CENTER),
        "head2": ParagraphStyle("head2", fontName=regular, fontSize=9, leading=11, alignment=TA_CENTER),
        "section": ParagraphStyle("section", fontName=bold, fontSize=size, leading=size * 1.3, spaceBefore=6,
                                  spaceAfter=2),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8, leading=10),
        "mono": ParagraphStyle("mono", fontName="Courier", fontSize=7.5, leading=9.5),
        "sign": ParagraphStyle("sign", fontName=regular, fontSize=10, leading=13, alignment=TA_CENTER),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    text = f"{text:.2f}".replace(".", ",") if isinstance(text, float) else str(text)  # 0,05: the Indonesian comma
    indent = len(text) - len(text.lstrip(" "))  # a sub-item's leading spaces survive as an indent
    return Paragraph("&nbsp;" * (2 * indent) + escape(text.lstrip(" ")), style)


class _Rule(Flowable):
    """The letterhead's double line."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 4

    def draw(self) -> None:
        self.canv.setLineWidth(1.6)
        self.canv.line(0, 3, self.width, 3)
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 0, self.width, 0)


def _letterhead(settings: ReportSettings, width: float, st: dict) -> list[Flowable]:
    lines = [_p(line.upper(), st["head1"]) for line in (settings.regency, settings.dinas, settings.office) if line]
    if settings.address:
        lines.append(_p(settings.address, st["head2"]))
    logo_w = 22 * mm
    if settings.logo_png:
        reader = ImageReader(io.BytesIO(settings.logo_png))
        w, h = reader.getSize()
        scale = min(logo_w / w, logo_w / h)
        logo = Image(io.BytesIO(settings.logo_png), width=w * scale, height=h * scale)
    else:
        logo = ""
    table = PdfTable([[logo, lines, ""]], colWidths=[logo_w + 2 * mm, width - 2 * (logo_w + 2 * mm), logo_w + 2 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [table, Spacer(1, 2 * mm), _Rule(width), Spacer(1, 3 * mm)]


def _table(block: Table, width: float, st: dict) -> list[Flowable]:
    out: list[Flowable] = []
    if block.title:
        out.append(_p(block.title, st["section"]))
    if not block.rows:
        out.append(_p(block.empty, st["body"]))
        return [KeepTogether(out)]
    th_num = ParagraphStyle("thn", parent=st["th"], alignment=TA_RIGHT)
    numeric = [any(isinstance(row[i], int | float) for row in block.rows) for i in range(len(block.header))]
    data = [[_p(h, th_num if numeric[i] else st["th"]) for i, h in enumerate(block.header)]]
    for row in block.rows:
        data.append([_p(v, st["num"] if isinstance(v, int | float) else st["cell"]) for v in row])
    if block.total is not None:
        bold = ParagraphStyle("tb", parent=st["num"], fontName=_fonts()[1])
        bold_left = ParagraphStyle("tbl", parent=st["cell"], fontName=_fonts()[1])
        data.append([_p(v, bold if isinstance(v, int | float) else bold_left) for v in block.total])
    fractions = block.widths or tuple(1 / len(block.header) for _ in block.header)
    table = PdfTable(data, colWidths=[width * f for f in fractions], repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    if block.total is not None:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black))
    table.setStyle(TableStyle(style))
    if len(block.rows) <= 12:  # a short table stays with its title
        return [KeepTogether([*out, table])]
    return [*out, table]


def _signatures(doc: Document, width: float, st: dict) -> list[Flowable]:
    per_row = 3 if len(doc.signers) > 2 else 2
    cells = []
    for signer in doc.signers:
        name = f"<u><b>{escape(signer.name)}</b></u>" if signer.name else "(..................................)"
        nip = f"NIP. {escape(signer.nip)}" if signer.nip else "NIP. .................................."
        cells.append([_p(signer.title, st["sign"]), Spacer(1, 16 * mm), Paragraph(name, st["sign"]),
                      Paragraph(nip, st["sign"])])
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    if rows and len(rows[-1]) < per_row:
        rows[-1] = [""] * (per_row - len(rows[-1])) + rows[-1]  # a lone signer signs on the right
    table = PdfTable(rows, colWidths=[width / per_row] * per_row)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    place = PdfTable([["", _p(doc.place_date, st["sign"])]], colWidths=[width / 2, width / 2])
    return [Spacer(1, 6 * mm), KeepTogether([place, table])]


def _numbered(stamp: bool, number: str):
    regular, _bold = _fonts()

    class NumberedCanvas(Canvas):
        """Holds each page until the last is known: "Halaman i dari N" on every one."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, _height = self._pagesize
            self.setFont(regular, 8)
            self.setFillColor(colors.black)
            self.drawString(MARGIN, 10 * mm, number)
            self.drawRightString(width - MARGIN, 10 * mm, f"Halaman {self._pageNumber} dari {total}")
            if stamp:  # a boxed stamp in the top corner of every page (not over the figures)
                height = self._pagesize[1]
                self.saveState()
                self.setStrokeColor(STAMP_RED)
                self.setFillColor(STAMP_RED)
                self.setLineWidth(1.5)
                self.setFont(_fonts()[1], 14)
                text_w = self.stringWidth(STAMP, _fonts()[1], 14)
                self.rect(width - MARGIN - text_w - 8, height - 14 * mm, text_w + 8, 8 * mm)
                self.drawRightString(width - MARGIN - 4, height - 14 * mm + 2.8 * mm, STAMP)
                self.restoreState()

    return NumberedCanvas


def render(doc: Document, settings: ReportSettings) -> bytes:
    """The document's PDF bytes (the same document gives the same bytes)."""
    page = landscape(A4) if doc.landscape else A4
    st = _styles(doc.large)
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=page, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                 bottomMargin=MARGIN + 4 * mm, invariant=1, title=doc.title, author="KTP-el Mandiri",
                                 creator="KTP-el Mandiri", subject=doc.number)
    width = page[0] - 2 * MARGIN
    story: list[Flowable] = _letterhead(settings, width, st)
    title = doc.title + (f" ({STAMP})" if doc.provisional else "")
    story.append(_p(title, st["title"]))
    if not doc.large:
        story.append(_p(f"Nomor: {doc.number}", st["center"]))
    story.append(Spacer(1, 3 * mm))
    for line in doc.subtitle:
        story.append(_p(line, st["body"]))
    story.append(Spacer(1, 2 * mm))
    for block in doc.blocks:
        if isinstance(block, Table):
            story.extend(_table(block, width, st))
        else:
            story.append(Spacer(1, 2 * mm))
            story.append(_p(block, st["body"]))
    for note in doc.footnotes:
        story.append(Spacer(1, 2 * mm))
        story.append(_p(note, st["small"] if not doc.large else st["body"]))
    if doc.signers:
        story.extend(_signatures(doc, width, st))
    else:
        story.append(Spacer(1, 4 * mm))
        story.append(_p(doc.place_date, st["body"]))
    if doc.audit_head is not None:
        seq, digest = doc.audit_head
        story.append(Spacer(1, 5 * mm))
        story.append(KeepTogether([
            _p(f"Kepala rantai audit stasiun: entri #{seq}, hash", st["mono"]), _p(digest, st["mono"]),
            _p(f"Periksa kemudian dengan: ktp-mandiri audit verify --head {seq}:{digest}", st["mono"])]))
    template.build(story, canvasmaker=_numbered(doc.provisional, f"Nomor: {doc.number}"))
    return out.getvalue()
