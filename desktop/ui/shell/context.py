"""What a page is given: the services and components it needs, never the main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo
    from desktop.ui.operations import Operations
    from desktop.ui.printer_controller import PrinterController
    from desktop.ui.screen_lock import ScreenLock


class SyncStarter(Protocol):
    """What a page may ask of the shell's sync link (desktop/ui/shell/sync.py, which reads ShellState):
    a round now."""

    def sync_now(self) -> None: ...


@dataclass
class ShellState:
    """The session's shared state, read by the shell's components and handed to pages as a context."""

    services: Services | None
    ops: Operations
    parent: QWidget  # dialogs' parent
    log_file: Path | None = None
    demo: bool = False
    user: CurrentUser | None = None
    station: StationInfo | None = None
    printers: PrinterController | None = None
    demo_niks: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PageContext:
    """A page's view of the session (made when the page or entry is opened)."""

    services: Services
    ops: Operations
    parent: QWidget
    user: CurrentUser | None
    station: StationInfo | None
    printers: PrinterController | None
    screen_lock: ScreenLock
    sync: SyncStarter
    demo_niks: dict[str, list[str]]
    current_user: Callable[[], CurrentUser | None]  # who is logged in now (a question may come late)
    set_user: Callable[[CurrentUser], None]  # the user's record changed (their password)
