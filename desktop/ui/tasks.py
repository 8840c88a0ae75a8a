"""Running work off the GUI thread, with results delivered back on it.

Work is queued on a named lane; each lane is one thread, so the database lane serialises database
work and each printer has its own lane (libusb handles are not thread-safe). Callbacks run on the
GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger("ktp.ui.tasks")

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class _Relay(QObject):
    finished = Signal(object, object, object)  # job token, callback, value


def _job(fn: Callable[[], Any], relay: _Relay, on_success: Success | None, on_failure: Failure | None,
         token: object) -> Callable[[], None]:
    """The body a pool thread runs. A plain callable: Qt keeps it alive for as long as it is queued
    (a QRunnable subclass could be collected while the pool still held it)."""

    def run() -> None:
        try:
            value = fn()
        except BaseException as exc:  # every failure goes back to the caller
            exc.__ktp_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            # Imported here, on the worker: at module level it would load peewee on the GUI thread
            # before the log-in window is painted (bench/bench_startup.py).
            from desktop.store.errors import storage_problem

            problem = storage_problem(exc)  # a full disk, a read-only file: its sentence, not "a bug"
            if problem is not None:
                log.warning("storage fault: %s\n%s", exc, exc.__ktp_traceback__)
                exc = problem
            deliver(on_failure, exc)
        else:
            deliver(on_success, value)

    def deliver(callback: Callable[[Any], None] | None, value: Any) -> None:
        try:
            relay.finished.emit(token, callback, value)
        except RuntimeError:
            # The window that asked was closed meanwhile; the work itself is done and committed.
            log.debug("result dropped: its receiver is gone")

    return run


class TaskRunner(QObject):
    """`run(lane, fn, on_success, on_failure)`: fn runs on the lane's thread, callbacks on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes: dict[str, QThreadPool] = {}
        # No parent: the relay lives while anything refers to it, the runner or a job still running.
        # As the runner's child it was deleted with the window while a pool thread was emitting on
        # it, which crashed the process (a deleted relay is not always caught as RuntimeError).
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._jobs: set[object] = set()  # tokens of jobs whose result is not delivered yet
        self._closed = False

    def run(
        self, lane: str, fn: Callable[[], Any], on_success: Success | None = None, on_failure: Failure | None = None,
        priority: int = 0,
    ) -> None:
        """`priority`: among the work queued on the lane, higher runs first, equal in order (QThreadPool)."""
        if self._closed:
            # After shutdown nothing new starts: a job finishing while its window is deleted would
            # signal a relay that is gone (a crash, not an exception).
            log.debug("task on lane %s not started: the runner is shut down", lane)
            return
        pool = self._lanes.get(lane)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
            pool.setExpiryTimeout(-1)  # keep the thread: peewee and libusb state live on it
            self._lanes[lane] = pool
        token = object()
        self._jobs.add(token)
        pool.start(_job(fn, self._relay, on_success, on_failure or self._unhandled, token), priority)

    @property
    def pending(self) -> int:
        return len(self._jobs)

    @Slot(object, object, object)
    def _deliver(self, token: object, callback: Callable[[Any], None] | None, value: Any) -> None:
        self._jobs.discard(token)
        if callback is None:
            return
        try:
            callback(value)
        except RuntimeError as exc:
            if "already deleted" not in str(exc):
                raise
            # The page that asked was closed meanwhile (a log-out during a lookup): drop the result.
            log.debug("result dropped: %s", exc)

    def _unhandled(self, exc: BaseException) -> None:
        log.error("background task failed: %s\n%s", exc, getattr(exc, "__ktp_traceback__", ""))

    def shutdown(self, msecs: int = 30000) -> None:
        """Start nothing more, then wait for what runs (the window is about to go)."""
        self._closed = True
        self.wait_idle(msecs)

    def wait_idle(self, msecs: int = 30000) -> None:
        """Block until every lane is empty (shutdown only, never during normal work)."""
        for pool in self._lanes.values():
            pool.waitForDone(msecs)
