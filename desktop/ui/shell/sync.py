"""The regency link seen from the shell: a round on the `sync` lane every minute and on demand (F9),
the header's sync status, more printing rights asked for when they run low."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.errors import UserFacingError
from desktop.ui.operations import CARDS, JOBS, Change, QueryOp
from desktop.ui.operations.sync import sync_now
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.ui.header import HeaderBar
    from desktop.ui.operations import Operations
    from desktop.ui.shell.context import ShellState

log = logging.getLogger("ktp.ui.sync")

SYNC_INTERVAL_MS = 60_000


class SyncController(QObject):
    """Runs a round on a timer and on demand; reports the header's status.

    Signals: status_changed(SyncStatus), round_failed(str) for errors other than being offline.
    """

    status_changed = Signal(object)
    round_failed = Signal(str)

    def __init__(self, services: Services, ops: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ops = ops
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        self.timer.start()
        self.refresh()
        self.sync_now()

    def stop(self) -> None:
        self.timer.stop()

    def sync_now(self) -> None:
        if self.running:
            return
        self.running = True
        sync_now(self.services).success(self._done).failure(self._failed).run_in(self.ops, self)

    def renew_if_low(self, served: tuple[str, ...]) -> None:
        """After a card: at the low-water mark, a round asks for more rights in the background."""
        leases = self.services.leases
        QueryOp("db", lambda: leases.wants_renewal(served)).success(
            lambda low: low and self.sync_now()).quietly().run_in(self.ops)

    def refresh(self) -> None:
        QueryOp("db", self.services.sync.status).success(self.status_changed.emit).quietly().run_in(self.ops)

    def _done(self, _report) -> None:
        self.running = False
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.refresh()
        if isinstance(exc, UserFacingError):
            if exc.code != "offline":
                self.round_failed.emit(error_text(exc))
        else:
            log.error("sync round failed: %r\n%s", exc, getattr(exc, "__ktp_traceback__", ""))


class SyncLink(QObject):
    """The shell's component: starts the controller for an enrolled station, renews after a card.

    Signals: status_changed(SyncStatus), the controller's, for the window's status bar."""

    status_changed = Signal(object)

    def __init__(self, state: ShellState, header: HeaderBar, parent: QObject) -> None:
        super().__init__(parent)
        self.state, self.header = state, header
        self.controller: SyncController | None = None
        state.ops.bus.changed.connect(self._changed)

    def start(self) -> None:
        """Background sync for an enrolled station (a standalone one never talks to a server)."""
        station = self.state.station
        if station is not None and station.enrolled and self.controller is None:
            self.controller = SyncController(self.state.services, self.state.ops, self)
            self.controller.status_changed.connect(self.header.set_sync)
            self.controller.status_changed.connect(self.status_changed)
            self.controller.round_failed.connect(self._refused)
            self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()

    def sync_now(self) -> None:
        if self.controller is not None:
            self.controller.sync_now()
        else:
            self.state.ops.messages.info(
                self.tr("Stasiun ini belum didaftarkan ke server kabupaten; ia bekerja mandiri."))

    def _refused(self, message: str) -> None:
        if self.state.user is not None:
            self.state.ops.messages.warning(message)

    def _changed(self, change: Change) -> None:
        station = self.state.station
        if change.touches(CARDS, JOBS) and self.controller is not None and station is not None:
            self.controller.renew_if_low(station.served)  # in the background, never in the way
