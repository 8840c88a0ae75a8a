"""The header's data: quota, stock, audit head, clock, leases, printers; read again on a timer and
after every announced change. It feeds the window's status bar too (printers, ribbon, rights; the sync
link gives it the sync state), which it sets on the window and shows with the work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.domain.roles import Permission
from desktop.ui.operations import Change, QueryOp
from desktop.ui.shell.status_bar import WindowStatus
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.ui.header import HeaderBar
    from desktop.ui.printer_controller import PrinterController
    from desktop.ui.shell.context import ShellState

HEADER_REFRESH_MS = 30000


class HeaderFeed(QObject):
    def __init__(self, state: ShellState, header: HeaderBar, before_refresh: Callable[[], None],
                 parent: QObject) -> None:
        super().__init__(parent)
        self.state, self.header, self.before_refresh = state, header, before_refresh
        self.timer = QTimer(self)
        self.timer.setInterval(HEADER_REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        state.ops.bus.changed.connect(self._changed)
        self.status = WindowStatus(parent)

    def watch(self, printers: PrinterController) -> None:
        printers.status_changed.connect(self.show_printers)
        printers.printers_changed.connect(self.show_printers)

    def _changed(self, _change: Change) -> None:
        self.refresh()

    def refresh(self) -> None:
        station = self.state.station
        if station is None:
            return
        self.before_refresh()  # a station left running overnight makes the next day's copy too
        services = self.state.services
        user = self.state.user
        supervisor = user is not None and user.can(Permission.APPROVE)

        def load():
            from desktop.services import audit
            from desktop.services.clock_guard import clock_problem

            leases = services.leases.status(station.served) if services.leases.enrolled() else None
            waiting = ((sum(job.settleable for job in services.jobs.unfinished(station.id)),
                        services.approvals.pending_reprints()) if supervisor else (0, 0))
            return (services.quota.states(station.served), services.stock.summary(station.id), audit.head(),
                    clock_problem(services.clock), leases, services.clock.now_utc(), waiting)

        QueryOp("db", load).in_background().success(self._loaded).run_in(self.state.ops)

    def _loaded(self, loaded) -> None:
        states, stock, head, clock_problem, leases, now, waiting = loaded
        user = self.state.user
        self.header.set_waiting(*waiting)
        self.header.set_leases(leases, now, user is not None and user.can(Permission.RECEIVE_BLANKO))
        self.status.bar.show_rights(leases)
        self.header.set_audit_head(head)
        self.header.set_clock_problem(tr_message(clock_problem) if clock_problem else None)
        self.header.set_quota(states)
        self.header.set_stock(stock)

    def show_printers(self, *_args) -> None:
        printers = self.state.printers
        self.status.show_printers(printers)
        if printers is not None:
            self.header.set_printers([(printers.name(u), printers.shown(u)) for u in printers.uris])

    def stop(self) -> None:
        """Logged out: no more reading, and the status bar goes with the work."""
        self.timer.stop()
        self.status.bar.hide()
