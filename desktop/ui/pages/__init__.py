"""The page registry: every page and menu entry declares itself in its own package
(`desktop/ui/pages/<name>/__init__.py`), as Picard's option pages do, and the shell builds its work
area and menus from what is registered here, filtered by the user's permissions.

A declaration is import-light (no widgets, no services): its `factory` names the module that holds the
page, which is imported only when the page is first opened, so start-up does not grow (bench/).
A new page adds a package and a line in `PACKAGES`; it never touches the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from desktop.domain.roles import Permission, RegencyPermission
from desktop.domain.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.regency.session import RegencyUser
    from desktop.services.session import CurrentUser

STATION, REGENCY = "station", "regency"
WORK_AREA = ""  # a page shown under the header, not a menu entry

# The menus in the order they stand in the menu bar: (key, title).
MENUS: tuple[tuple[str, str], ...] = (
    ("pages", QT_TRANSLATE_NOOP("Pages", "&Halaman")),  # the work area's pages (WORK_AREA), to switch between
    ("queue", QT_TRANSLATE_NOOP("Pages", "A&ntrian")),  # the door's window and the now-serving screen (issue 25)
    ("supervisor", QT_TRANSLATE_NOOP("Pages", "&Supervisor")),
    ("account", QT_TRANSLATE_NOOP("Pages", "&Akun")),
    ("server", QT_TRANSLATE_NOOP("Pages", "Se&rver")),
    ("printer", QT_TRANSLATE_NOOP("Pages", "&Printer")),
    ("help", QT_TRANSLATE_NOOP("Pages", "&Bantuan")),
)

# The packages that declare pages, imported once by `pages()` (each registers on import).
PACKAGES = ("counter", "queue", "panel", "supervisor", "ledger", "reports", "accounts", "server", "printers", "about", "regency")


@dataclass(frozen=True)
class Page:
    """One page or menu entry.

    permission: what the user must hold; None means any logged-in user (or anyone, with `signed_out`).
    menu: the menu key from MENUS, or WORK_AREA for a page shown under the header.
    factory: "module:function"; the function takes a `desktop.ui.shell.context.PageContext` and returns
    the page's widget (WORK_AREA) or opens the entry's dialog.
    """

    name: str
    title: str
    factory: str
    permission: Permission | RegencyPermission | None = None
    mode: str = STATION
    order: int = 0
    menu: str = WORK_AREA
    object_name: str = ""
    shortcut: str = ""
    signed_out: bool = False  # usable before anyone logs in (About)

    def allowed(self, user: CurrentUser | RegencyUser | None) -> bool:
        if user is None:
            return self.signed_out
        return self.permission is None or user.can(self.permission)

    def load(self) -> Callable[[Any], Any]:
        """The factory, importing the page's module now (the first time the page is opened)."""
        module, _, function = self.factory.partition(":")
        return getattr(import_module(module), function)


_REGISTRY: dict[str, Page] = {}


def register(*pages: Page) -> None:
    for page in pages:
        if page.name in _REGISTRY and _REGISTRY[page.name] != page:
            raise ValueError(f"page {page.name!r} is declared twice")
        _REGISTRY[page.name] = page


def pages(mode: str = STATION, menu: str | None = None) -> list[Page]:
    """The registered pages of a mode (and menu), in their order."""
    for package in PACKAGES:
        import_module(f"{__name__}.{package}")
    found = [p for p in _REGISTRY.values() if p.mode == mode and (menu is None or p.menu == menu)]
    return sorted(found, key=lambda p: (p.order, p.name))
