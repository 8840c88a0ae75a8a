"""A page or dialog built on its own, without the main window and its keyboard log-in.

`page_bench(qtbot, station, user)` gives what the shell would hand a page (desktop/ui/shell/context.py):
the station's services, operations on a synchronous runner (the work runs at once on the GUI thread and
its callback right after, as `TaskRunner` delivers them), the printers of the station, a message bar
the bridge shows in, and a top-level widget that holds the page and has the keyboard. Pages and
dialogs are opened through the registry (`bench.open("counter")`), as the window opens them.

For tests about one page; tests about the window (log-in, log-out, the header, menus, the screen
lock, several pages at once, work that must overlap on its lanes) keep the real `MainWindow`.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.services.session import CurrentUser
from desktop.ui import pages
from desktop.ui.message import MessageBridge
from desktop.ui.operations import Operations
from desktop.ui.shell.context import PageContext
from desktop.ui.shell.errors import ErrorPresenter
from desktop.ui.shell.message_bar import MessageBar
from desktop.ui.style import STYLESHEET
from tests.helpers.fixtures import Station

log = logging.getLogger("ktp.ui.tasks")

WAIT_MS = 10_000


class SyncRunner:
    """`TaskRunner.run` done at once: the work on the calling (GUI) thread, then its callback; a failure
    carries its traceback and a storage fault becomes its sentence, as on a lane."""

    pending = 0

    def run(self, lane: str, fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, priority: int = 0) -> None:
        try:
            value = fn()
        except Exception as exc:
            exc.__ktp_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            from desktop.store.errors import storage_problem

            exc = storage_problem(exc) or exc
            if on_failure is None:
                log.error("background task failed: %s\n%s", exc, exc.__ktp_traceback__)
            else:
                on_failure(exc)
        else:
            if on_success is not None:
                on_success(value)

    def shutdown(self, msecs: int = 0) -> None:
        pass

    def wait_idle(self, msecs: int = 0) -> None:
        pass


@dataclass
class Bench:
    station: Station
    user: CurrentUser
    window: QWidget  # a top-level widget standing in for the main window: dialogs' parent, the page's holder
    ops: Operations
    messages: MessageBridge
    message_bar: MessageBar
    printers: Any  # the station's PrinterController
    counter_page: Any = None  # the counter page, once opened

    @property
    def services(self):
        return self.station.services

    def page_context(self) -> PageContext:
        state = self
        return PageContext(self.services, self.ops, self.window, self.user, self.services.stations.require(),
                           self.printers, None, None, {}, lambda: state.user,
                           lambda user: setattr(state, "user", user))

    def user_may(self, name: str) -> bool:
        """Whether the window would offer the page or menu entry `name` to this user (enabled)."""
        return next(p for p in pages.pages() if p.name == name).allowed(self.user)

    def open(self, name: str) -> Any:
        """Open the registered page or menu entry `name` as the window would; a page is shown in the bench."""
        assert self.user_may(name), f"{self.user.username} may not open {name}"
        entry = next(p for p in pages.pages() if p.name == name)
        made = entry.load()(self.page_context())
        if entry.menu == pages.WORK_AREA:
            self.window.layout().addWidget(made)
            made.show()  # at once, as the window's stack shows the page it switches to
            if name == "counter":
                self.counter_page = made
            made.focus_first()
        return made


def page_bench(qtbot, station: Station, user: CurrentUser | None = None) -> Bench:
    """The bench for `user` (default the operator) at `station`, shown and active (it has the keyboard)."""
    from desktop.devices.registry import profile_dir_in
    from desktop.services.printer_choice import station_printers
    from desktop.ui.printer_controller import PrinterController

    user = user or station.operator
    window = QWidget()
    window.setObjectName("pageBench")
    window.setStyleSheet(STYLESHEET)  # the look the window gives its pages
    layout = QVBoxLayout(window)
    messages = MessageBridge(window)
    bar = MessageBar(window)
    layout.addWidget(bar)
    messages.attach(bar.add)
    ops = Operations(SyncRunner(), ErrorPresenter(window, messages), window)
    info = station.services.stations.require()
    printers = PrinterController(ops, station_printers(info), parent=window, poll=False, names=info.printer_names,
                                 profile_dir=profile_dir_in(station.services.data_dir))
    printers.refresh()
    bench = Bench(station, user, window, ops, messages, bar, printers)
    qtbot.addWidget(window, before_close_func=lambda _w: printers.shutdown())
    window.resize(1366, 740)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    return bench
