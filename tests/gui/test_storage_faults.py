"""The GUI tells a full disk as a full disk (a real SQLITE_FULL), not as a program error."""

from __future__ import annotations

from desktop.ui.tasks import TaskRunner
from tests.unit.test_storage_faults import fill_the_disk


def test_the_gui_shows_the_full_disk_sentence_not_a_program_error(qtbot, station):
    services = station.services
    station_id = services.stations.require().id
    runner = TaskRunner()
    failures: list[BaseException] = []

    def receive_on_a_full_disk() -> None:
        fill_the_disk(services.db)  # the pragma belongs to the connection of this task
        services.stock.receive(station.supervisor, station_id, 5000, "BA-2026-002")

    runner.run("db", receive_on_a_full_disk, None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=15000)
    runner.wait_idle()
    assert failures[0].code == "disk_full"
    assert str(failures[0]).startswith("Disk penuh") and str(services.data_dir) in str(failures[0])
