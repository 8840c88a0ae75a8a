"""Start-up and the first scan (issue 23, "Measured"): the data opens once the log-in page is painted,
the renderer and the work pages are warmed then (not in front of the first citizen), a scan made while
that runs gives the same verdict and card, and a page closed at log-out leaves the layout at once.
The speed itself is measured in bench/ (bench_startup.py, bench_scan.py), not here."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject

from desktop.ui.main_window import MainWindow
from desktop.ui.shell import warm_up
from tests.gui.test_counter import counter, scan
from tests.gui.test_operator_day import WAIT_MS, finish, log_in
from tests.helpers.fixtures import add_resident


class PaintWatch(QObject):
    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.painted = threading.Event()
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.set()
        return False


def test_the_data_opens_after_the_log_in_page_is_painted_and_then_the_warm_up_runs(qtbot, station_with_sim):
    painted_before_load: list[bool] = []
    window = None

    def loader():
        painted_before_load.append(watch.painted.is_set())
        return station_with_sim.services, None, None

    window = MainWindow(loader=loader, poll_printers=False)
    watch = PaintWatch(window.login_page)
    qtbot.addWidget(window, before_close_func=lambda w: finish(qtbot, w))
    window.show()
    assert window.login_page.submit.text() == "Menyiapkan data…"
    qtbot.waitUntil(lambda: window.start_page_ready, timeout=WAIT_MS)
    assert painted_before_load == [True]
    assert window.stack.currentWidget() is window.login_page
    qtbot.waitUntil(lambda: window.start_up.warm_up.finished and window.runner.pending == 0, timeout=WAIT_MS)
    # Warmed and nothing logged (the strict message watch fails the test on a warning or an error).
    log_in(qtbot, window)
    assert window.counter_page is not None


def test_a_window_that_is_never_painted_opens_its_data_all_the_same(qtbot, station_with_sim):
    window = MainWindow(loader=lambda: (station_with_sim.services, None, None), poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: finish(qtbot, w))  # never shown: minimised at start
    qtbot.waitUntil(lambda: window.start_page_ready, timeout=WAIT_MS)
    assert window.services is station_with_sim.services and window.start_up.painted


def test_a_scan_during_the_warm_up_waits_for_it_and_gives_the_same_verdict_and_card(
        qtbot, station_with_sim, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real = warm_up.warm_up_renderer

    def held(services):  # the warm-up on the real render lane, held until the scan has been made
        op = real(services)
        work = op.work

        def slow():
            started.set()
            release.wait(WAIT_MS / 1000)
            return work()

        op.work = slow
        return op

    monkeypatch.setattr(warm_up, "warm_up_renderer", held)
    nik = add_resident()
    window = counter(qtbot, station_with_sim)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    page = window.counter_page
    scan(qtbot, page, nik)  # the database lane answers; the card waits for the render lane
    during = (page.verification.printable, page.verification.blockers, page.nik_feedback.text())
    assert page.preview.image is None
    release.set()
    qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
    card = page.preview.image.copy()

    page.reset_for_next()
    qtbot.waitUntil(lambda: page.preview.image is None, timeout=WAIT_MS)
    scan(qtbot, page, nik)  # the same citizen again, the renderer warm
    qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
    assert (page.verification.printable, page.verification.blockers, page.nik_feedback.text()) == during
    assert page.preview.image == card


def test_a_page_closed_at_log_out_leaves_the_layout_at_once(qtbot, station_with_sim):
    window = counter(qtbot, station_with_sim)
    layout = window.work.layout()
    with_page = layout.count()
    window.logout()
    # At once, not when the deferred deletion comes: the next log-in's page gets the whole height from
    # its first layout, not after its first scan.
    assert layout.count() == with_page - 1
    log_in(qtbot, window)
    assert layout.count() == with_page
    area = window.counter_page.parentWidget().parentWidget()
    assert layout.itemAt(layout.count() - 1).widget() is area and area.height() >= window.work.height() // 2
