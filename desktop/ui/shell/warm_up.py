"""What the window does after its log-in page is on screen rather than before (issue 23, "Measured";
bench/bench_startup.py and bench/bench_scan.py): open the data, then warm what the first scan would
otherwise pay for: the card renderer's fonts and art on the render lane, and the work pages' modules on
the GUI thread, one module a turn of the event loop, while the operator types the password.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.ui import pages
from desktop.ui.button_enter import ButtonEnter
from desktop.ui.operations.session import warm_up_renderer

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.ui.operations import Operations
    from desktop.ui.shell.context import ShellState
    from desktop.ui.shell.signin import SignIn

log = logging.getLogger("ktp.ui.warm_up")

# A window that never paints (started minimised, or hidden behind a locked screen) opens its data anyway.
UNPAINTED_MS = 1000


class AfterFirstPaint(QObject):
    """Calls `then` once, in the turn of the event loop after `widget` first painted (or after
    UNPAINTED_MS when it never does)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], unpainted_ms: int = UNPAINTED_MS) -> None:
        super().__init__(widget)
        self.widget, self.then, self.done = widget, then, False
        widget.installEventFilter(self)
        QTimer.singleShot(unpainted_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint and not self.done:
            QTimer.singleShot(0, self, self._fire)  # after this paint has reached the screen
        return False

    def _fire(self) -> None:
        if self.done:
            return
        self.done = True
        self.widget.removeEventFilter(self)
        self.then()


def work_page_modules(mode: str = pages.STATION) -> list[str]:
    """The modules of the pages a log-in can open first (the work area's), in the registry's order."""
    return list(dict.fromkeys(p.factory.partition(":")[0] for p in pages.pages(mode, pages.WORK_AREA)))


class WarmUp(QObject):
    """Started once the log-in page is painted and the services are open; each step is one event-loop
    turn, so keys typed meanwhile wait for one step at most. A failed step is logged and skipped: the
    page then loads when it is opened, as before."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.started = False
        self.finished = False  # every step has run (tests, bench)
        self._steps: list[Callable[[], None]] = []

    def start(self, services: Services, ops: Operations, modules: list[str] | None = None) -> None:
        if self.started:
            return
        self.started = True
        warm_up_renderer(services).run_in(ops)
        self._steps = [lambda name=name: import_module(name) for name in
                       (work_page_modules() if modules is None else modules)]
        QTimer.singleShot(0, self, self._next)

    def _next(self) -> None:
        if not self._steps:
            self.finished = True
            return
        step = self._steps.pop(0)
        try:
            step()
        except Exception:  # a warm-up only saves time: the page says what is wrong when it is opened
            log.exception("warm-up step failed")
        QTimer.singleShot(0, self, self._next)


class StartUp(QObject):
    """The window's start once its log-in page is on screen: Enter on a focused button (an application-wide
    filter before the first paint makes PySide set up the type of every object that gets an event), then
    the data (`open_data`: its modules and the database would hold up the paint), then, once the start
    page is chosen, the warm-up, while the password is typed."""

    def __init__(self, state: ShellState, signin: SignIn, window: QWidget,
                 open_data: Callable[[], None] | None) -> None:
        super().__init__(window)
        self.state, self.signin, self.window, self.open_data = state, signin, window, open_data
        self.painted = False
        self.warm_up = WarmUp(self)
        AfterFirstPaint(signin.login_page, self._painted)

    def _painted(self) -> None:
        self.painted = True
        ButtonEnter(self.window)
        if self.open_data is not None:
            self.open_data()
        self._warm()

    def choose_start_page(self, has_users: bool) -> None:
        self.signin.choose_start_page(has_users)
        self._warm()

    def _warm(self) -> None:
        if self.painted and self.signin.ready:
            self.warm_up.start(self.state.services, self.state.ops)
