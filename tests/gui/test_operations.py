"""Named operations announce what they changed, and who started them, on one bus."""

from __future__ import annotations

import pytest

from desktop.ui.operations import CARDS, JOBS, QUOTA, Op, Operations, QueryOp


class SyncRunner:
    """Runs the work at once, on the calling thread, as TaskRunner would deliver it."""

    def run(self, lane, fn, on_success=None, on_failure=None, priority=0):
        try:
            value = fn()
        except Exception as exc:
            if on_failure is not None:
                on_failure(exc)
        else:
            if on_success is not None:
                on_success(value)


class Errors:
    def __init__(self):
        self.seen: list[BaseException] = []
        self.fatal = self.action_failed = self.seen.append
        self.messages = None


def operations(qtbot) -> tuple[Operations, list, Errors]:
    errors = Errors()
    ops = Operations(SyncRunner(), errors)
    changes: list = []
    ops.bus.changed.connect(changes.append)
    return ops, changes, errors


def test_a_change_is_announced_with_its_origin_before_the_callback(qtbot):
    ops, changes, _errors = operations(qtbot)
    order = []
    origin = object()
    Op("quota.set", "db", lambda: 7, {QUOTA}).success(lambda value: order.append((value, len(changes)))).run_in(
        ops, origin)
    assert order == [(7, 1)]
    assert changes[0].kinds == {QUOTA} and changes[0].origin is origin and changes[0].name == "quota.set"


def test_a_failed_print_announces_what_it_still_changed_and_the_error_goes_to_the_presenter(qtbot):
    ops, changes, errors = operations(qtbot)

    def jam():
        raise RuntimeError("jam")

    Op("print", "printer:x", jam, {CARDS}, changes_on_failure={JOBS}).run_in(ops)
    assert [c.kinds for c in changes] == [{JOBS}]
    assert [str(e) for e in errors.seen] == ["jam"]


def test_a_read_announces_nothing_and_only_known_kinds_exist(qtbot):
    ops, changes, _errors = operations(qtbot)
    got = []
    QueryOp("db", lambda: "rows").success(got.append).run_in(ops)
    assert got == ["rows"] and changes == []
    with pytest.raises(ValueError):
        Op("x", "db", lambda: None, {"citizens"})
