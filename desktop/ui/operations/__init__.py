"""Background work as named operations that announce what they changed (Anki's CollectionOp/QueryOp).

- `Op`: a change (print, settle a job, set a quota, ...). It knows its lane and the kinds of data it
  changes; when it succeeds, one `Change` (kinds + the page that started it) goes out on the bus and each
  page decides whether to reload. The per-area modules beside this one return ready `Op`s.
- `QueryOp`: a read. Nothing is announced.

Both are started with `.run_in(ops, origin)`; only this package calls `TaskRunner.run`
(tests/unit/test_operations_only.py). A failure without its own handler goes to the error presenter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from desktop.ui.shell.errors import ErrorPresenter
    from desktop.ui.tasks import TaskRunner

QUOTA, STOCK, JOBS, USERS, LEASES, CARDS, PRINTERS, SETTINGS, SYNC_STATUS = (
    "quota", "stock", "jobs", "users", "leases", "cards", "printers", "settings", "sync_status")
REGENCY = "regency"  # the regency server's data, changed from the regency mode (desktop/ui/regency/)
QUEUE = "queue"  # the queue's tickets: issued, called, served, cancelled (desktop/ui/operations/queue.py)
KINDS = frozenset({QUOTA, STOCK, JOBS, USERS, LEASES, CARDS, PRINTERS, SETTINGS, SYNC_STATUS, REGENCY, QUEUE})

Callback = Callable[[Any], None]
BACKGROUND = -1  # QueryOp.in_background: the lane's other work first


@dataclass(frozen=True)
class Change:
    """What an operation changed, and the page (or component) that started it (None: the shell)."""

    kinds: frozenset[str]
    origin: object | None = None
    name: str = ""

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))


class ChangeBus(QObject):
    """Signals: changed(Change) after every successful operation that changed something."""

    changed = Signal(object)

    def publish(self, kinds: Iterable[str], origin: object | None = None, name: str = "") -> None:
        kinds = frozenset(kinds)
        unknown = kinds - KINDS
        if unknown:
            raise ValueError(f"unknown change kinds: {sorted(unknown)}")
        if kinds:
            self.changed.emit(Change(kinds, origin, name))


class Operations(QObject):
    """The window's runner, change bus and error presenter (desktop/ui/shell/errors.py), as the
    operations need them. A failure nobody handles is presented as unexpected (`on_error`)."""

    def __init__(self, runner: TaskRunner, errors: ErrorPresenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.bus = ChangeBus(self)
        self.errors = errors
        self.messages = errors.messages  # information and warnings for the bar (desktop/ui/message.py)
        self.on_error: Callback = errors.fatal
        self.on_action_failed: Callback = errors.action_failed  # a refusal said plainly, a bug as a bug

    def start(self, lane: str, work: Callable[[], Any], on_success: Callback | None,
              on_failure: Callback | None, priority: int = 0) -> None:
        self.runner.run(lane, work, on_success, on_failure, priority=priority)


class QueryOp:
    """A read on a lane: `QueryOp(lane, work).success(cb).failure(cb).run_in(ops)`."""

    def __init__(self, lane: str, work: Callable[[], Any]) -> None:
        self.lane, self.work = lane, work
        self._success: Callback | None = None
        self._failure: Callback | None = None
        self._quiet = False
        self._priority = 0

    def success(self, callback: Callback | None) -> QueryOp:
        self._success = callback
        return self

    def failure(self, callback: Callback | None) -> QueryOp:
        self._failure = callback
        return self

    def quietly(self) -> QueryOp:
        """No error presenter: a failure is only logged by the runner (background housekeeping)."""
        self._quiet = True
        return self

    def in_background(self) -> QueryOp:
        """Behind whatever else is queued on its lane (a write, a citizen's look-up), in order among its
        kind: for a refresh nobody waits for, such as the header's numbers at log-in (bench/bench_scan.py).
        Only a read may: it then sees the data a little later, never older."""
        self._priority = BACKGROUND
        return self

    def _on_failure(self, ops: Operations) -> Callback | None:
        if self._failure is not None:
            return self._failure
        return None if self._quiet else ops.on_error

    def run_in(self, ops: Operations, origin: object | None = None) -> None:
        ops.start(self.lane, self.work, self._success, self._on_failure(ops), self._priority)


class Op(QueryOp):
    """A change with a name; on success its kinds are published with the origin, then the callback runs."""

    def __init__(self, name: str, lane: str, work: Callable[[], Any], changes: Iterable[str],
                 changes_on_failure: Iterable[str] = ()) -> None:
        super().__init__(lane, work)
        self.name = name
        self.changes = frozenset(changes)
        self.changes_on_failure = frozenset(changes_on_failure)  # what a failed attempt still changed
        unknown = (self.changes | self.changes_on_failure) - KINDS
        if unknown:
            raise ValueError(f"operation {name}: unknown change kinds {sorted(unknown)}")

    def run_in(self, ops: Operations, origin: object | None = None) -> None:
        def then(callback: Callback | None, kinds: frozenset[str]) -> Callback:
            def finish(value: Any) -> None:
                # Announced first: the callback may wait in a dialog (a printer fault, "done").
                ops.bus.publish(kinds, origin, self.name)
                if callback is not None:
                    callback(value)

            return finish

        ops.start(self.lane, self.work, then(self._success, self.changes),
                  then(self._on_failure(ops), self.changes_on_failure))
