"""The supervisor's crash-recovery question is asked only about jobs nobody is printing any more."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services import audit
from desktop.services.issuance import PrintRequest
from desktop.store.models import Blanko, IssuedCard, PrintJob
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.fixtures import add_resident, make_station
from tests.helpers.processes import start_print, wait_for_job_state


@pytest.fixture
def office(tmp_path):
    from desktop.devices.simulator import forget_simulators

    station = make_station(tmp_path, printers=["sim://counter"])
    yield station
    station.services.close()
    forget_simulators()


def watch_dialogs(seen: list[str]) -> list[bool]:
    """Note every message box that opens and close it with its safe answer; set the flag to stop."""
    stop: list[bool] = []

    def poll() -> None:
        if stop:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(f"{box.objectName()}: {box.text()}")
            later = [b for b in box.buttons() if b.text() in ("Putuskan nanti", "OK")]
            (later or box.buttons())[0].click()
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    return stop


def test_supervisor_logging_in_during_a_command_line_print_is_not_asked_about_it(qtbot, office):
    station = office
    data = station.services.data_dir
    nik = add_resident()
    proc = start_print(data, nik, "sim://cli-slow?delay=8")
    seen: list[str] = []
    stop = watch_dialogs(seen)
    try:
        wait_for_job_state(data, "printing", proc)
        # The window opens after the command-line print started, on the same (real) time line.
        station.clock.advance(seconds=(datetime.now(UTC).replace(tzinfo=None) - station.clock.now_utc())
                              .total_seconds() + 1)
        window = open_window(qtbot, station)
        log_in(qtbot, window, "supervisor", "supervisor123")
        qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=WAIT_MS)
        assert seen == []  # the card is in another process's printer: nothing to ask
        out, err = proc.communicate(timeout=60)
    finally:
        stop.append(True)
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert PrintJob.get().state == "done"
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == "issued"
    assert IssuedCard.select().count() == 1
    assert audit.recent(1, action="print.recovered") == []


def test_a_queued_job_left_behind_is_released_not_asked_about(qtbot, office):
    station = office
    nik = add_resident()
    ticket = station.services.issuance.prepare(station.operator, PrintRequest(nik, "baru", frozenset({"kk"})),
                                               "sim://gone")
    seen: list[str] = []
    stop = watch_dialogs(seen)
    try:
        window = open_window(qtbot, station)
        log_in(qtbot, window, "supervisor", "supervisor123")
        qtbot.waitUntil(lambda: PrintJob.get_by_id(ticket.job_id).state == "failed", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=WAIT_MS)
    finally:
        stop.append(True)
    assert seen == []
    assert Blanko.get(Blanko.serial == ticket.blanko_serial).state == "in_stock"
    assert audit.recent(1, action="print.released")[0].details["why"] == "abandoned"
