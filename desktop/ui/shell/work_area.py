"""The work area under the header: the registry's pages for the user, each made when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from desktop.ui import pages

if TYPE_CHECKING:
    from desktop.services.session import CurrentUser
    from desktop.ui.shell.context import PageContext


class WorkArea:
    def __init__(self, work: QWidget, mode: str = pages.STATION) -> None:
        self.work, self.mode = work, mode
        self.open_pages: dict[str, QWidget] = {}

    def available(self, user: CurrentUser | None) -> list[pages.Page]:
        return [p for p in pages.pages(self.mode, pages.WORK_AREA) if p.allowed(user)]

    def open(self, page: pages.Page, ctx: PageContext) -> QWidget:
        widget = self.open_pages.get(page.name)
        if widget is None:
            widget = page.load()(ctx)
            widget.setObjectName(page.object_name or f"{page.name}Page")
            self.work.layout().addWidget(_scrolling(widget), 1)
            self.open_pages[page.name] = widget
        for name, other in self.open_pages.items():
            other.parentWidget().parentWidget().setVisible(name == page.name)  # the page's scroll area
        return widget

    def get(self, name: str) -> QWidget | None:
        return self.open_pages.get(name)

    def close_all(self) -> None:
        """Out of the layout at once, deleted later: a closed page never takes room (or a repaint) from
        the next log-in's, which would otherwise be laid out again under its first scan."""
        for widget in self.open_pages.values():
            area = widget.parentWidget().parentWidget()
            area.hide()
            self.work.layout().removeWidget(area)
            area.deleteLater()
        self.open_pages.clear()


def _scrolling(page: QWidget) -> QScrollArea:
    """The page in a vertical scroll area: on a screen smaller than the page's least height (1366x768 at
    125 %) it scrolls instead of cutting text off or pushing the window past the screen; never sideways."""
    area = QScrollArea()
    area.setObjectName(f"{page.objectName()}Scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area
