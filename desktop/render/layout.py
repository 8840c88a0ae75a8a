"""Where every word of the card goes, computed once from the template and shared by raster and PDF.

All geometry is in pixels at 300 dpi from the card's top-left corner (the PDF converts to points).
Text is measured with the font files' design metrics, so the layout needs no Qt and is the same on
every machine. A value that does not fit wraps up to its row's line limit, then shrinks step by step
down to the template's minimum size; only then is the last line cut with an ellipsis. When the rows
together run past the bottom of their area, all rows shrink together.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

from desktop.domain.card import CARD_DPI, CARD_HEIGHT_PX, CARD_WIDTH_PX, SEX_LABELS, CardData
from desktop.render.fonts import PX_PER_PT, FontMetrics, font_metrics
from desktop.render.template import Template, default_template

SHRINK_STEP_PT = 0.25
ELLIPSIS = "\u2026"
Rect = tuple[float, float, float, float]  # x, y, width, height in px


def mm(value: float) -> float:
    return value / 25.4 * CARD_DPI


@dataclass(frozen=True)
class TextBox:
    """One piece of text as laid out: its lines, where their baselines start, and the box it fills."""

    key: str  # e.g. "name.value", "header.province", "issue.date"
    lines: tuple[str, ...]
    origins: tuple[tuple[float, float], ...]  # baseline start of each line, px
    rect: Rect  # the ink box: widest line x (ascent + descent + line gaps), px
    limit: Rect  # the room the text was given; rect always lies inside it
    size_pt: float
    font: str  # the font file from the template
    color: str
    region: str  # "header", "rows", "column" or "back"

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def font_px(self) -> float:
        return self.size_pt * PX_PER_PT


@dataclass(frozen=True)
class FrontLayout:
    texts: tuple[TextBox, ...]
    photo: Rect
    signature: Rect  # the image is fitted inside, keeping its proportions


def _width(fm: FontMetrics, text: str, size_pt: float) -> float:
    return fm.text_width_px(text, size_pt)


def wrap(text: str, fm: FontMetrics, size_pt: float, width: float) -> list[str]:
    """Greedy word wrap; a word longer than the line is broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if _width(fm, candidate, size_pt) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while _width(fm, word, size_pt) > width and len(word) > 1:
            cut = 1
            while cut < len(word) and _width(fm, word[: cut + 1], size_pt) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]


def _ellipsize(line: str, fm: FontMetrics, size_pt: float, width: float) -> str:
    line = line.rstrip()
    while line and _width(fm, line + ELLIPSIS, size_pt) > width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS


def fit(
    text: str, fm: FontMetrics, size_pt: float, min_pt: float, width: float, max_lines: int
) -> tuple[list[str], float]:
    """The largest size (down to min_pt) at which `text` wraps into max_lines lines of `width` px."""
    size = size_pt
    while True:
        lines = wrap(text, fm, size, width)
        # A single character can be wider than a very narrow box; that must shrink too.
        if len(lines) <= max_lines and all(_width(fm, ln, size) <= width for ln in lines):
            return lines, size
        if size <= min_pt + 1e-9:
            break
        size = max(min_pt, size - SHRINK_STEP_PT)
    kept = lines[:max_lines]
    kept[-1] = _ellipsize(kept[-1], fm, size, width)
    # A single character wider than the box (absurd template) must still not escape it.
    return [ln if _width(fm, ln, size) <= width else "" for ln in kept], size


class _Builder:
    """Collects text boxes; `place` turns fitted lines into a TextBox anchored at a baseline."""

    def __init__(self, template: Template) -> None:
        self.t = template
        self.boxes: list[TextBox] = []
        # A line is never shorter than the fonts' ascent + descent, so tight spacing cannot overlap lines.
        extent = max(
            font_metrics(f).ascent + font_metrics(f).descent
            for f in (template.fonts.regular, template.fonts.bold)
        )
        self.spacing = max(template.line_spacing, extent)

    def line_height(self, size_pt: float) -> float:
        return size_pt * PX_PER_PT * self.spacing

    def first_baseline(self, top: float, size_pt: float, fm: FontMetrics) -> float:
        # Half the extra line spacing above, half below: rows look evenly spaced.
        px = size_pt * PX_PER_PT
        return top + (self.line_height(size_pt) - (fm.ascent + fm.descent) * px) / 2 + fm.ascent * px

    def place(
        self,
        key: str,
        text: str,
        *,
        bold: bool,
        size_pt: float,
        limit: Rect,
        baseline: float,
        max_lines: int = 1,
        align: str = "left",
        color: str | None = None,
        region: str,
        min_pt: float | None = None,
    ) -> TextBox:
        font = self.t.fonts.bold if bold else self.t.fonts.regular
        fm = font_metrics(font)
        lines, size = fit(
            text, fm, size_pt, self.t.min_font_pt if min_pt is None else min_pt, limit[2], max_lines
        )
        px = size * PX_PER_PT
        step = self.line_height(size)
        lx, _, lw, _ = limit
        origins = []
        widest = 0.0
        for i, line in enumerate(lines):
            w = _width(fm, line, size)
            widest = max(widest, w)
            x = lx + (lw - w) / 2 if align == "center" else lx
            # Baselines on whole pixels: Qt snaps glyphs vertically anyway, so the PDF must too,
            # and every line of the raster gets the same crisp rendering.
            origins.append((x, float(round(baseline + i * step))))
        left = lx + (lw - widest) / 2 if align == "center" else lx
        top = origins[0][1] - fm.ascent * px
        height = origins[-1][1] - origins[0][1] + (fm.ascent + fm.descent) * px
        box = TextBox(
            key=key,
            lines=tuple(lines),
            origins=tuple(origins),
            rect=(left, top, widest, height),
            limit=limit,
            size_pt=size,
            font=font,
            color=color or self.t.colors.text,
            region=region,
        )
        self.boxes.append(box)
        return box


def _sex(value: str) -> str:
    v = value.strip().upper()
    if v in ("L", "LAKI-LAKI", "LAKI LAKI", "M"):
        return SEX_LABELS["L"]
    if v in ("P", "PEREMPUAN", "F", "W"):
        return SEX_LABELS["P"]
    return v


def _clean(value: str) -> str:
    return " ".join(value.split()).upper()


def front_values(card: CardData) -> dict[str, str]:
    """The printed form of each field: capitals, DD-MM-YYYY dates, RT/RW as 001/002."""
    return {
        "name": _clean(card.name),
        "birth": f"{_clean(card.birth_place)}, {card.birth_date:%d-%m-%Y}",
        "sex": _sex(card.sex),
        "address": _clean(card.address),
        "rt_rw": f"{card.rt:03d}/{card.rw:03d}",
        "village": _clean(card.village),
        "kecamatan": _clean(card.kecamatan),
        "religion": _clean(card.religion),
        "marital_status": _clean(card.marital_status),
        "occupation": _clean(card.occupation),
        "nationality": _clean(card.nationality),
        "valid_until": _clean(card.valid_until),
        "blood": _clean(card.blood_type) or "-",
    }


def _rows(b: _Builder, values: dict[str, str], size_pt: float, cut: dict[str, int]) -> float:
    """Lay the label/value rows out at one size; returns the bottom of the last row."""
    t, r = b.t, b.t.rows
    regular = font_metrics(t.fonts.regular)
    label_w = mm(r.colon_x_mm - r.label_x_mm) - mm(0.5)  # keep labels clear of the colons
    value_x, value_right = mm(r.value_x_mm), mm(r.value_right_mm)
    y = mm(r.top_mm)
    for f in fields(t.fields):
        key = f.name
        spec = getattr(t.fields, key)
        baseline = b.first_baseline(y, size_pt, regular)
        row_h = b.line_height(size_pt)
        b.place(
            f"{key}.label",
            spec.label,
            bold=False,
            size_pt=size_pt,
            region="rows",
            color=t.colors.label,
            limit=(mm(r.label_x_mm), y, label_w, row_h),
            baseline=baseline,
        )
        b.place(
            f"{key}.colon",
            ":",
            bold=False,
            size_pt=size_pt,
            region="rows",
            color=t.colors.label,
            limit=(mm(r.colon_x_mm), y, mm(r.value_x_mm - r.colon_x_mm), row_h),
            baseline=baseline,
        )
        right = value_right
        if key == "sex":
            right = mm(t.blood.x_mm - 0.8)
            _blood(b, values["blood"], y, baseline, size_pt)
        max_lines = cut.get(key, spec.max_lines)
        limit_h = max_lines * b.line_height(size_pt)
        box = b.place(
            f"{key}.value",
            values[key],
            bold=False,
            size_pt=size_pt,
            region="rows",
            limit=(value_x, y, right - value_x, limit_h),
            baseline=baseline,
            max_lines=max_lines,
        )
        used = b.line_height(size_pt) + (len(box.lines) - 1) * b.line_height(box.size_pt)
        y += max(row_h, used) + mm(r.row_gap_mm)
    return y - mm(r.row_gap_mm)


def _blood(b: _Builder, value: str, top: float, baseline: float, size_pt: float) -> None:
    """`Gol. Darah : O` on the Jenis Kelamin row: label, then colon and value right after it."""
    t = b.t
    fm = font_metrics(t.fonts.regular)
    x = mm(t.blood.x_mm)
    right = mm(t.rows.value_right_mm)
    row_h = b.line_height(size_pt)
    label = b.place(
        "blood.label",
        t.blood.label,
        bold=False,
        size_pt=size_pt,
        region="rows",
        color=t.colors.label,
        limit=(x, top, (right - x) * 0.7, row_h),
        baseline=baseline,
    )
    space = _width(fm, " ", size_pt)
    x = label.rect[0] + label.rect[2] + space
    b.place(
        "blood.colon",
        ":",
        bold=False,
        size_pt=size_pt,
        region="rows",
        color=t.colors.label,
        limit=(x, top, right - x, row_h),
        baseline=baseline,
    )
    x += _width(fm, ": ", size_pt)
    b.place(
        "blood.value",
        value,
        bold=False,
        size_pt=size_pt,
        region="rows",
        limit=(x, top, right - x, row_h),
        baseline=baseline,
    )


def _layout_rows(t: Template, values: dict[str, str]) -> list[TextBox]:
    limit = mm(t.rows.bottom_mm) + 0.01
    cut: dict[str, int] = {}
    while True:
        size = t.rows.size_pt
        while True:
            b = _Builder(t)
            if _rows(b, values, size, cut) <= limit:
                return b.boxes
            if size <= t.min_font_pt + 1e-9:
                break
            size = max(t.min_font_pt, size - SHRINK_STEP_PT)
        # Even the smallest size overflows: take a line from the value using the most lines.
        longest = max(
            (bx for bx in b.boxes if bx.key.endswith(".value")), key=lambda bx: len(bx.lines), default=None
        )
        if longest is None or len(longest.lines) <= 1:
            return b.boxes  # cannot happen: the template check guarantees twelve one-line rows fit
        cut[longest.key.split(".")[0]] = len(longest.lines) - 1


@lru_cache(maxsize=32)  # the preview, the print and the PDF of one card share one layout
def plan_front(card: CardData, template: Template) -> FrontLayout:
    """Every text box, the photo rectangle and the signature area of the front side."""
    t = template
    values = front_values(card)
    b = _Builder(t)
    bold = font_metrics(t.fonts.bold)
    width = float(CARD_WIDTH_PX)

    # Header: centred, one line each, shrinking rather than wrapping; baselines stay put.
    h = t.header
    top = mm(h.top_mm)
    margin = mm(h.margin_mm)
    step = b.line_height(h.size_pt)
    for key, text in (
        ("header.province", f"{h.province_prefix} {_clean(card.province)}".strip()),
        ("header.regency", _clean(card.regency)),
    ):
        b.place(
            key,
            text,
            bold=True,
            size_pt=h.size_pt,
            region="header",
            color=t.colors.header,
            align="center",
            limit=(margin, top, width - 2 * margin, step),
            baseline=b.first_baseline(top, h.size_pt, bold),
        )
        top += step + mm(h.line_gap_mm)

    # NIK: larger and bold, colon aligned with the rows below.
    n, r = t.nik, t.rows
    top = mm(n.top_mm)
    step = b.line_height(n.size_pt)
    baseline = b.first_baseline(top, n.size_pt, bold)
    b.place(
        "nik.label",
        n.label,
        bold=True,
        size_pt=n.size_pt,
        region="rows",
        color=t.colors.nik,
        limit=(mm(r.label_x_mm), top, mm(r.colon_x_mm - r.label_x_mm) - mm(0.5), step),
        baseline=baseline,
    )
    # The big colon is wider than the rows' one: keep a space after it whatever the size.
    value_x = max(mm(r.value_x_mm), mm(r.colon_x_mm) + bold.text_width_px(": ", n.size_pt))
    b.place(
        "nik.colon",
        ":",
        bold=True,
        size_pt=n.size_pt,
        region="rows",
        color=t.colors.nik,
        limit=(mm(r.colon_x_mm), top, value_x - mm(r.colon_x_mm), step),
        baseline=baseline,
    )
    b.place(
        "nik.value",
        "".join(card.nik.split()),
        bold=True,
        size_pt=n.size_pt,
        region="rows",
        color=t.colors.nik,
        limit=(value_x, top, mm(r.value_right_mm) - value_x, step),
        baseline=baseline,
    )

    b.boxes.extend(_layout_rows(t, values))

    # The column under the photo: place and date of issue, centred, then the signature.
    p, c = t.photo, t.column
    photo = (mm(p.x_mm), mm(p.y_mm), mm(p.w_mm), mm(p.h_mm))
    centre = mm(p.x_mm + p.w_mm / 2)
    half = min(centre - mm(c.left_mm), mm(c.right_mm) - centre)
    regular = font_metrics(t.fonts.regular)
    top = mm(p.y_mm + p.h_mm + t.issue.gap_mm)
    size = t.issue.size_pt
    step = b.line_height(size)
    place = b.place(
        "issue.place",
        _clean(card.issue_place),
        bold=False,
        size_pt=size,
        region="column",
        align="center",
        max_lines=t.issue.place_max_lines,
        limit=(centre - half, top, 2 * half, t.issue.place_max_lines * step),
        baseline=b.first_baseline(top, size, regular),
    )
    top += step + (len(place.lines) - 1) * b.line_height(place.size_pt)
    date = b.place(
        "issue.date",
        f"{card.issue_date:%d-%m-%Y}",
        bold=False,
        size_pt=size,
        region="column",
        align="center",
        limit=(centre - half, top, 2 * half, step),
        baseline=b.first_baseline(top, size, regular),
    )
    sig_top = date.limit[1] + step + mm(t.signature.gap_mm)
    sig_bottom = mm(t.signature.bottom_mm)
    signature = (photo[0], sig_top, photo[2], max(0.0, sig_bottom - sig_top))
    return FrontLayout(texts=tuple(b.boxes), photo=photo, signature=signature)


def layout_front(card: CardData, template: Template | None = None) -> list[TextBox]:
    """The front's text boxes (text, rect in px, font size), for tests and the preview."""
    return list(plan_front(card, template or default_template()).texts)


def layout_back(template: Template) -> list[TextBox]:
    t, bk = template, template.blanko.back
    b = _Builder(t)
    bold = font_metrics(t.fonts.bold)
    margin = mm(t.header.margin_mm)
    width = CARD_WIDTH_PX - 2 * margin
    top = mm(bk.title_y_mm)
    step = b.line_height(bk.title_size_pt)
    b.place(
        "back.title",
        bk.title,
        bold=True,
        size_pt=bk.title_size_pt,
        region="back",
        color=bk.color,
        align="center",
        limit=(margin, top, width, step),
        baseline=b.first_baseline(top, bk.title_size_pt, bold),
    )
    top += step
    step = b.line_height(bk.subtitle_size_pt)
    b.place(
        "back.subtitle",
        bk.subtitle,
        bold=True,
        size_pt=bk.subtitle_size_pt,
        region="back",
        color=bk.color,
        align="center",
        limit=(margin, top, width, step),
        baseline=b.first_baseline(top, bk.subtitle_size_pt, bold),
    )
    return b.boxes


def photo_column(template: Template) -> Rect:
    """The area right of the rows, from the top of the photo down: rows and NIK must stay out of it."""
    c, p = template.column, template.photo
    return (mm(c.left_mm), mm(p.y_mm), mm(c.right_mm - c.left_mm), CARD_HEIGHT_PX - mm(p.y_mm))
