"""Shows the finished card (the print layer over the blanko art), scaled to fit, keeping its aspect ratio;
marks a card that will not print.

The widget takes the space its layout gives it and never asks for more when its content changes, so
the page around it does not move. What it paints in words is also its accessible description (screen
readers, and the test that reads every visible text).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardRaster

REFUSED_COLOUR = QColor("#b00020")
MIN_WIDTH = 220  # logical pixels: 139 high


class CardPreview(QWidget):
    """`image` is what the operator sees; `print_layer` is the part of it the printer will receive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.print_layer: CardRaster | None = None
        self.refusal: str | None = None  # shown across the card when this citizen will not be printed
        self.placeholder = self.tr("Pratinjau kartu muncul setelah NIK diperiksa.")
        self.setToolTip(self.tr(
            "Kartu jadi: data pribadi yang dicetak printer, di atas desain blanko. Desain blanko sudah "
            "tercetak di blanko dan tidak dicetak lagi."
        ))
        # The least size: what a short screen leaves (1366x768 at 125 %, with the queue's calling row above
        # it, docs/ui-style.md "Short screens"); wherever there is room it grows.
        self.setMinimumSize(QSize(MIN_WIDTH, round(MIN_WIDTH * CARD_HEIGHT_PX / CARD_WIDTH_PX)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._describe()

    def set_image(self, image: QImage | None, print_layer: CardRaster | None = None) -> None:
        self.image = image
        self.print_layer = print_layer
        self._describe()
        self.update()

    def set_refused(self, refusal: str | None) -> None:
        """Mark the card as not printable (with a short reason), or clear the mark."""
        self.refusal = refusal
        self._describe()
        self.update()

    def _describe(self) -> None:
        if self.image is None:
            self.setAccessibleDescription(self.placeholder)
        else:
            self.setAccessibleDescription(self.refusal or "")

    def sizeHint(self) -> QSize:
        # Modest: it expands into whatever the window has, but a page in a scroll area (shell/work_area.py)
        # is laid out at its preferred height, which must fit a 1366x768 screen.
        return QSize(400, round(400 * CARD_HEIGHT_PX / CARD_WIDTH_PX))

    def card_rect(self) -> QRect:
        """Where the card is painted: as large as fits, centred."""
        area = self.rect().adjusted(1, 1, -1, -1)
        width = min(area.width(), round(area.height() * CARD_WIDTH_PX / CARD_HEIGHT_PX))
        height = round(width * CARD_HEIGHT_PX / CARD_WIDTH_PX)
        return QRect(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = self.card_rect()
        if self.image is None:
            painter.setPen(Qt.GlobalColor.gray)
            painter.drawRoundedRect(target, 12, 12)
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        painter.drawImage(target, self.image)
        painter.setPen(Qt.GlobalColor.darkGray)
        painter.drawRect(target)
        if self.refusal:
            self._paint_refusal(painter, target)

    def _paint_refusal(self, painter: QPainter, target: QRect) -> None:
        """A pale wash over the card and a red band with the reason across its middle."""
        painter.fillRect(target, QColor(255, 255, 255, 150))
        band = QRect(target.x(), target.y() + target.height() * 3 // 8, target.width(), target.height() // 4)
        painter.fillRect(band, REFUSED_COLOUR)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, band.height() // 4))
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(band.adjusted(8, 2, -8, -2), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self.refusal)
