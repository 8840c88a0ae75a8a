"""The menu bar, built from the page registry: one menu per key in `pages.MENUS`, its entries in their
declared order, each enabled only for a user who may use it. The "pages" menu switches between the
work area's pages (the counter, the office panel)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from desktop.ui import pages
from desktop.ui.pages import Page

if TYPE_CHECKING:
    from desktop.services.session import CurrentUser


class Menus:
    def __init__(self, bar: QMenuBar, owner: QWidget, open_entry: Callable[[Page], None],
                 mode: str = pages.STATION) -> None:
        self.actions: dict[str, QAction] = {}
        self._entries: dict[str, Page] = {}
        for key, title in pages.MENUS:
            # "pages" lists the work area's pages (each opened in place of the one shown).
            entries = pages.pages(mode, pages.WORK_AREA if key == "pages" else key)
            if not entries:
                continue
            menu = bar.addMenu(QCoreApplication.translate("Pages", title))
            for entry in entries:
                action = QAction(QCoreApplication.translate("Pages", entry.title), owner)
                # A work-area page's object name is its widget's: its menu entry is named apart.
                action.setObjectName(f"{entry.name}PageAction" if key == "pages"
                                     else entry.object_name or f"{entry.name}Action")
                if entry.shortcut:
                    action.setShortcut(QKeySequence(entry.shortcut))
                action.triggered.connect(lambda _checked=False, entry=entry: open_entry(entry))
                menu.addAction(action)
                self.actions[entry.name] = action
                self._entries[entry.name] = entry
        self.update(None)

    def update(self, user: CurrentUser | None) -> None:
        for name, action in self.actions.items():
            action.setEnabled(self._entries[name].allowed(user))
