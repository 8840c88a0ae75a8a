"""Shows the finished card (the print layer over the blanko art), scaled to fit, keeping its aspect ratio."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardRaster


class CardPreview(QWidget):
    """`image` is what the operator sees; `print_layer` is the part of it the printer will receive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.print_layer: CardRaster | None = None
        self.placeholder = self.tr("Pratinjau kartu muncul setelah NIK diperiksa.")
        self.setToolTip(self.tr(
            "Kartu jadi: data pribadi yang dicetak printer, di atas desain blanko. Desain blanko sudah "
            "tercetak di blanko dan tidak dicetak lagi."
        ))
        self.setMinimumSize(QSize(400, round(400 * CARD_HEIGHT_PX / CARD_WIDTH_PX)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_image(self, image: QImage | None, print_layer: CardRaster | None = None) -> None:
        self.image = image
        self.print_layer = print_layer
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * CARD_HEIGHT_PX / CARD_WIDTH_PX)

    def sizeHint(self) -> QSize:
        return QSize(540, self.heightForWidth(540))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = self.rect().adjusted(1, 1, -1, -1)
        width = min(target.width(), round(target.height() * CARD_WIDTH_PX / CARD_HEIGHT_PX))
        height = self.heightForWidth(width)
        target.setSize(QSize(width, height))
        if self.image is None:
            painter.setPen(Qt.GlobalColor.gray)
            painter.drawRoundedRect(target, 12, 12)
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        painter.drawImage(target, self.image)
        painter.setPen(Qt.GlobalColor.darkGray)
        painter.drawRect(target)
