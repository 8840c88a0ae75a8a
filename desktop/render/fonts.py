"""The shipped fonts, loaded from their files for both Qt and reportlab.

Layout measures text with the font's design metrics (reportlab's TTF parser, no Qt needed), and both
the raster and the PDF place every glyph at those same positions. Qt draws with a `QRawFont` built
from the file bytes, so a system font of the same family name can never be picked instead.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.qtapp import ensure_gui_app as ensure_gui_app  # re-exported: the renderer's callers use it
from desktop.render.template import font_file

if TYPE_CHECKING:
    from PySide6.QtGui import QRawFont

PX_PER_PT = 300 / 72  # the card is drawn at the printers' 300 dpi

@dataclass(frozen=True)
class FontMetrics:
    """Design metrics of one font file, in units of the font size (1.0 = one em)."""

    pdf_name: str  # the name registered with reportlab
    ascent: float
    descent: float  # positive, below the baseline
    widths: dict[int, float]
    default_width: float
    # Widths in em do not depend on the size: the layout tries the same strings at several sizes.
    _em_cache: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def char_width(self, ch: str) -> float:
        return self.widths.get(ord(ch), self.default_width)

    def em_width(self, text: str) -> float:
        width = self._em_cache.get(text)
        if width is None:
            if len(self._em_cache) > 20_000:
                self._em_cache.clear()
            get, default = self.widths.get, self.default_width
            width = self._em_cache[text] = sum(get(ord(c), default) for c in text)
        return width

    def text_width_px(self, text: str, size_pt: float) -> float:
        return self.em_width(text) * size_pt * PX_PER_PT

    def advances_px(self, text: str, size_pt: float) -> list[float]:
        scale = size_pt * PX_PER_PT
        return [self.char_width(c) * scale for c in text]


@lru_cache(maxsize=8)
def font_metrics(name: str) -> FontMetrics:
    """Parse the font once and register it with reportlab under a name no system font uses."""
    path = font_file(name)
    pdf_name = "KTP-" + path.stem
    # Asked by the registered names, not by getFont: for a name it does not know, getFont first parses
    # every Type 1 metrics file on reportlab's search path (~100 AFM files, 0.3-0.8 s a font), which was
    # most of the first card's time after start-up (bench/bench_scan.py).
    if pdf_name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(pdf_name)
    else:
        font = TTFont(pdf_name, str(path))
        pdfmetrics.registerFont(font)
    face = font.face
    widths = {code: w / 1000.0 for code, w in face.charWidths.items()}
    return FontMetrics(
        pdf_name=pdf_name,
        ascent=face.ascent / 1000.0,
        descent=-face.descent / 1000.0,
        widths=widths,
        default_width=face.defaultWidth / 1000.0,
    )


@lru_cache(maxsize=8)
def _font_bytes(name: str) -> bytes:
    return font_file(name).read_bytes()


@lru_cache(maxsize=8)
def register_qt_font(name: str) -> int:
    """Make the family known to Qt widgets too (the preview dialog), once per process."""
    from PySide6.QtGui import QFontDatabase

    ensure_gui_app()
    return QFontDatabase.addApplicationFont(str(font_file(name)))


_per_thread = threading.local()


def raw_font(name: str, size_pt: float) -> QRawFont:
    """A Qt font straight from the file bytes at a fractional pixel size, without hinting.

    Cached per thread: a QRawFont holds a font engine of the thread that made it, and using it from
    another thread (the GUI renders previews on a worker) crashes once that thread is gone.
    """
    cache = getattr(_per_thread, "raw_fonts", None)
    if cache is None:
        cache = _per_thread.raw_fonts = {}
    key = (name, size_pt)
    font = cache.get(key)
    if font is None:
        font = cache[key] = _make_raw_font(name, size_pt)
    return font


def _make_raw_font(name: str, size_pt: float) -> QRawFont:
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QFont, QRawFont

    register_qt_font(name)
    font = QRawFont(
        QByteArray(_font_bytes(name)), size_pt * PX_PER_PT, QFont.HintingPreference.PreferNoHinting
    )
    if not font.isValid():
        raise RuntimeError(f"Qt cannot load the font file {font_file(name)}")
    return font
