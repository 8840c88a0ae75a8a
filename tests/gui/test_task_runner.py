"""The task runner outlives nothing it should not: a result that arrives after its window was deleted
is dropped, never a crash (seen as a segfault in `deliver` under load)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject

from desktop.ui.tasks import TaskRunner


def test_a_result_arriving_after_the_window_was_deleted_is_dropped(qtbot):
    received = []
    for go in range(200):  # a race: each go deletes a window while its job is delivering
        window = QObject()
        runner = TaskRunner(window)
        started = threading.Event()

        def work(started=started, spin=go % 50) -> str:
            started.set()
            for _ in range(spin * 20):  # finish a little later each go, to meet the deletion
                pass
            return "done"

        runner.run("db", work, received.append)
        assert started.wait(5)
        shiboken6.delete(window)  # the window (and, with it, the runner) goes while the job ends
    qtbot.wait(50)
    assert received == []  # nothing delivered to a page that no longer exists, and no crash


def test_results_reach_the_gui_thread_in_order(qtbot):
    runner = TaskRunner()
    seen: list[tuple[int, bool]] = []
    main = threading.get_ident()
    for i in range(5):
        runner.run("db", lambda i=i: i, lambda value: seen.append((value, threading.get_ident() == main)))
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert seen == [(i, True) for i in range(5)]


def test_a_background_read_waits_behind_what_is_queued_after_it_and_keeps_its_own_order(qtbot):
    """The header's numbers at log-in (QueryOp.in_background) must not hold up a citizen's look-up or a
    write queued after them; among themselves background reads keep their order."""
    from desktop.ui.operations import Op, Operations, QueryOp

    runner = TaskRunner()
    ops = Operations(runner, _Errors())
    busy, release = threading.Event(), threading.Event()
    ran: list[str] = []
    runner.run("db", lambda: (busy.set(), release.wait(5)))  # the lane is working on something
    assert busy.wait(5)
    QueryOp("db", lambda: ran.append("header 1")).in_background().run_in(ops)
    QueryOp("db", lambda: ran.append("header 2")).in_background().run_in(ops)
    QueryOp("db", lambda: ran.append("look-up")).run_in(ops)
    Op("test.write", "db", lambda: ran.append("write"), ()).run_in(ops)
    release.set()
    qtbot.waitUntil(lambda: len(ran) == 4)
    runner.shutdown()
    assert ran == ["look-up", "write", "header 1", "header 2"]


class _Errors:
    messages = None
    fatal = action_failed = staticmethod(lambda exc: (_ for _ in ()).throw(exc))
