"""The work area under the header: the registry's pages for the user, each made when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

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
            self.work.layout().addWidget(widget, 1)
            self.open_pages[page.name] = widget
        for name, other in self.open_pages.items():
            other.setVisible(name == page.name)
        return widget

    def get(self, name: str) -> QWidget | None:
        return self.open_pages.get(name)

    def close_all(self) -> None:
        for widget in self.open_pages.values():
            widget.deleteLater()
        self.open_pages.clear()
