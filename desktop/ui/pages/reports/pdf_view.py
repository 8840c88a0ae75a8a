"""The PDF of a report shown as its pages, one under the other (issue 22 item 4): drawn by pdfium on the `pdf` lane
(desktop/services/reports/pages.py), fitted to the width of the view, zoomed with Ctrl++ / Ctrl+- (Ctrl+0 fits the
width again), "Halaman 1 dari N" following the page in view, PageUp/PageDown/Home/End when it has the focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.services.reports.pages import PageImage, render
from desktop.ui.operations import QueryOp

if TYPE_CHECKING:
    from desktop.ui.operations import Operations

PREVIEW_DPI = 110  # an A4 page 910 px wide: sharp at fit-width on an office screen, 3.5 MB a page
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)  # of the width that fits
GAP = 12  # between pages, and around them


class PageWidget(QWidget):
    """One page, drawn at the width it is given, with its shape kept."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.setFixedSize(image.size())

    def show_at_width(self, width: int) -> None:
        self.setFixedSize(QSize(width, round(width * self.image.height() / self.image.width())))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRect(0, 0, self.width(), self.height()), self.image)
        painter.setPen(QColor("#808080"))
        painter.drawRect(0, 0, self.width() - 1, self.height() - 1)


class PdfPagesView(QWidget):
    """Signals: pages_changed(int) when a document's pages are shown (0 when cleared)."""

    pages_changed = Signal(int)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.data: bytes | None = None
        self.pages: list[PageWidget] = []
        self.zoom = 1.0
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("reportPages")
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setAccessibleName(self.tr("Halaman laporan"))
        self.column = QWidget()
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setContentsMargins(GAP, GAP, GAP, GAP)
        self.column_layout.setSpacing(GAP)
        self.scroll.setWidget(self.column)
        self.placeholder = self.tr("Pilih laporan, lalu tekan Pratinjau.")
        self.page_label = QLabel(self.placeholder, self)
        self.page_label.setObjectName("reportPageCount")
        self.zoom_out = QPushButton(self.tr("Perkecil"), self)
        self.zoom_out.setObjectName("reportZoomOut")
        self.zoom_out.setToolTip(self.tr("Ctrl+-"))
        self.fit = QPushButton(self.tr("Selebar jendela"), self)
        self.fit.setObjectName("reportZoomFit")
        self.fit.setToolTip(self.tr("Ctrl+0"))
        self.zoom_in = QPushButton(self.tr("Perbesar"), self)
        self.zoom_in.setObjectName("reportZoomIn")
        self.zoom_in.setToolTip(self.tr("Ctrl++"))
        bar = QHBoxLayout()
        bar.addWidget(self.page_label, 1)
        for button in (self.zoom_out, self.fit, self.zoom_in):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.zoom_out.clicked.connect(lambda: self.set_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(+1))
        self.fit.clicked.connect(lambda: self.set_zoom(0))
        self.scroll.installEventFilter(self)
        self.scroll.verticalScrollBar().valueChanged.connect(self._follow)
        self._enable()

    # --- what is shown ------------------------------------------------------------------------------------
    def show_pdf(self, data: bytes) -> None:
        """Draw `data`'s pages (on the pdf lane) and show them; an older drawing still under way is dropped."""
        self.clear()
        self.data = data
        self.page_label.setText(self.tr("Menggambar halaman…"))
        QueryOp("pdf", lambda: render(data, PREVIEW_DPI)).success(
            lambda images: self._drawn(data, images)).failure(self._failed).run_in(self.ops)

    def clear(self) -> None:
        self.data = None
        for page in self.pages:
            self.column_layout.removeWidget(page)
            page.deleteLater()
        self.pages = []
        self.column_layout.activate()
        self.column.adjustSize()
        self.page_label.setText(self.placeholder)
        self._enable()
        self.pages_changed.emit(0)

    def page_count(self) -> int:
        return len(self.pages)

    def _drawn(self, data: bytes, images: list[PageImage]) -> None:
        if data is not self.data:
            return  # cleared, or another report asked for meanwhile
        for image in images:
            picture = QImage(image.rgb, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888).copy()
            page = PageWidget(picture, self.column)
            self.pages.append(page)
            self.column_layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            page.show()  # made after the column was shown: hidden (and left out of the layout) until told
        self._lay_out()
        self.scroll.verticalScrollBar().setValue(0)
        self._follow()
        self._enable()
        self.pages_changed.emit(len(self.pages))

    def _failed(self, exc: BaseException) -> None:
        from desktop.ui.text import error_text

        self.page_label.setText(error_text(exc))

    # --- zoom and scrolling -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The pages' keys while they have the focus: Home/End, Ctrl++ / Ctrl+- / Ctrl+0 (PageUp/PageDown and
        the arrows are the scroll area's own)."""
        if watched is self.scroll and event.type() == QEvent.Type.KeyPress:
            key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                self._to_end(key == Qt.Key.Key_End)
                return True
            if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_0):
                self.set_zoom({Qt.Key.Key_Minus: -1, Qt.Key.Key_0: 0}.get(key, +1))
                return True
        return super().eventFilter(watched, event)

    def set_zoom(self, step: int) -> None:
        """+1 / -1 a step along ZOOMS, 0 back to the width that fits."""
        if step == 0:
            self.zoom = 1.0
        else:
            at = ZOOMS.index(self.zoom)
            self.zoom = ZOOMS[max(0, min(len(ZOOMS) - 1, at + step))]
        self._lay_out()
        self._enable()

    def fit_width(self) -> int:
        """The width a page is drawn at: the view's, less the margins and scroll bar, times the zoom."""
        room = self.scroll.viewport().width() - 2 * GAP
        if not self.scroll.verticalScrollBar().isVisible():
            room -= self.scroll.verticalScrollBar().sizeHint().width()  # it comes as soon as pages are there
        return max(100, round(room * self.zoom))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        if not self.pages:
            return
        top = self.scroll.verticalScrollBar()
        at = top.value() / max(1, top.maximum())
        width = self.fit_width()
        for page in self.pages:
            # A landscape page (the monthly recap) gets the same width as a portrait one: fitted, not bigger.
            page.show_at_width(width)
        self.column_layout.activate()
        self.column.adjustSize()
        top.setValue(round(at * top.maximum()))
        self._follow()

    def current_page(self) -> int:
        """The page at the middle of the view, from 1."""
        middle = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 2
        for number, page in enumerate(self.pages, 1):
            if page.geometry().bottom() + GAP >= middle:
                return number
        return len(self.pages)

    def _follow(self, *_args) -> None:
        if self.pages:
            locale = QLocale()
            self.page_label.setText(self.tr("Halaman %1 dari %2").replace(
                "%1", locale.toString(self.current_page())).replace("%2", locale.toString(len(self.pages))))

    def _to_end(self, to_end: bool) -> None:
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.maximum() if to_end else 0)

    def _enable(self) -> None:
        shown = bool(self.pages)
        self.zoom_out.setEnabled(shown and self.zoom > ZOOMS[0])
        self.zoom_in.setEnabled(shown and self.zoom < ZOOMS[-1])
        self.fit.setEnabled(shown and self.zoom != 1.0)
