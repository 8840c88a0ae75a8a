"""The probe's two test cards: one that settles the orientation, one that shows the colour panels.

Both carry an arrow and "KIRI ATAS" in the top left corner and "KANAN BAWAH" in the bottom right, so
one printed card tells whether the station turned the raster the right way (docs/printers.md).
The first is black only (everything on the K panel); the second has ramps and patches of each ink.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QLinearGradient, QPainter, QPolygonF

from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardRaster
from desktop.render.card import to_raster
from desktop.render.fonts import ensure_gui_app, register_qt_font

FONT_FILE = "LiberationSans-Bold.ttf"


def _font(pixels: int) -> QFont:
    families = QFontDatabase.applicationFontFamilies(register_qt_font(FONT_FILE))
    font = QFont(families[0] if families else "Liberation Sans")
    font.setPixelSize(pixels)
    return font


def _canvas() -> tuple[QImage, QPainter]:
    ensure_gui_app()
    image = QImage(CARD_WIDTH_PX, CARD_HEIGHT_PX, QImage.Format.Format_RGB888)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    return image, painter


def _corner_marks(painter: QPainter, title: str) -> None:
    """The arrow and the words that make the card asymmetric, a frame 1 mm in, and a ruler."""
    black = QColor(0, 0, 0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(black)
    arrow = QPolygonF([QPointF(40, 40), QPointF(150, 40), QPointF(110, 80), QPointF(200, 170), QPointF(170, 200),
                       QPointF(80, 110), QPointF(40, 150)])  # fmt: skip
    painter.drawPolygon(arrow)
    painter.setPen(black)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(12, 12, CARD_WIDTH_PX - 25, CARD_HEIGHT_PX - 25)
    for x in range(100, CARD_WIDTH_PX - 12, 100):  # a tick every 100 pixels (8.47 mm) along the top edge
        painter.drawLine(x, 12, x, 30)
    painter.setFont(_font(44))
    painter.drawText(QRect(215, 40, 500, 60), Qt.AlignmentFlag.AlignLeft, "KIRI ATAS")
    painter.setFont(_font(26))
    painter.drawText(QRect(215, 100, 760, 40), Qt.AlignmentFlag.AlignLeft, title)
    painter.drawText(QRect(CARD_WIDTH_PX - 330, CARD_HEIGHT_PX - 70, 300, 40), Qt.AlignmentFlag.AlignRight,
                     "KANAN BAWAH")


def orientation_card() -> CardRaster:
    """Black only: every mark goes to the K panel."""
    image, painter = _canvas()
    _corner_marks(painter, "KTP-el Mandiri: kartu uji arah (panel K)")
    painter.setFont(_font(24))
    painter.drawText(QRect(60, 260, 900, 200), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                     "Panah dan KIRI ATAS harus berada di pojok kiri atas sisi depan kartu, terbaca biasa "
                     "(tidak terbalik, tidak tercermin). Garis tepi 1 mm dari pinggir kartu.")
    painter.end()
    return to_raster(image)


def colour_card() -> CardRaster:
    """Ramps of cyan, magenta, yellow and grey, and patches of the primaries, with the same marks."""
    image, painter = _canvas()
    _corner_marks(painter, "KTP-el Mandiri: kartu uji warna (Y, M, C, K, O)")
    painter.setPen(Qt.PenStyle.NoPen)
    ramps = [QColor(0, 255, 255), QColor(255, 0, 255), QColor(255, 255, 0), QColor(40, 40, 40)]
    for row, colour in enumerate(ramps):
        gradient = QLinearGradient(60, 0, 950, 0)
        gradient.setColorAt(0.0, QColor(255, 255, 255))
        gradient.setColorAt(1.0, colour)
        painter.setBrush(gradient)
        painter.drawRect(60, 240 + row * 55, 890, 45)
    patches = [(255, 0, 0), (0, 160, 0), (0, 0, 255), (0, 255, 255), (255, 0, 255), (255, 255, 0), (0, 0, 0)]
    for column, rgb in enumerate(patches):
        painter.setBrush(QColor(*rgb))
        painter.drawRect(60 + column * 95, 470, 80, 80)
    painter.end()
    return to_raster(image)
