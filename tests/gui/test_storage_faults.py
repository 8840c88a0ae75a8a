"""The GUI tells a full disk as a full disk (a real SQLITE_FULL), not as a program error."""

from __future__ import annotations

from desktop.ui.tasks import TaskRunner
from tests.unit.test_storage_faults import fill_the_disk


def test_the_gui_shows_the_full_disk_sentence_not_a_program_error(qtbot, station, expect_log):
    expect_log("storage fault: database or disk is full")
    expect_log("database or disk is full (SQLITE_FULL)")  # the store's own line, with SQLite's words
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


def test_opening_the_gui_applies_journaled_outcomes_and_releases_what_never_printed(station, monkeypatch, expect_log):
    for logged in ("kept in the side journal", "applied from the side journal"):
        expect_log(logged)
    import argparse

    from desktop.services import audit
    from desktop.services.issuance import PrintRequest
    from desktop.store.journal import JournalEntry
    from desktop.store.models import Blanko, PrintJob
    from desktop.ui.application import load_services
    from tests.helpers.fixtures import OFFICE_MORNING, add_resident

    services = station.services
    request = PrintRequest(add_resident(), "baru", frozenset({"kk"}))
    printed = services.issuance.prepare(station.operator, request, "sim://a")
    services.issuance.set_state(printed.job_id, "printing")
    services.journal.prepare()
    services.journal.append(JournalEntry(printed.job_id, "good", station.operator.id, OFFICE_MORNING))
    never_sent = services.issuance.prepare(station.operator, PrintRequest(add_resident(serial=2), "baru",
                                                                          frozenset({"kk"})), "sim://b")
    data_dir = services.data_dir
    services.close()

    # This process keeps pytest's own log and crash handlers.
    monkeypatch.setattr("desktop.logging_setup.setup_logging", lambda data_dir, **kwargs: None)
    args = argparse.Namespace(demo=False, demo_residents=0)
    opened, _credentials, _log = load_services(args, data_dir, data_dir / "logs" / "ktp-mandiri.log")
    try:
        assert PrintJob.get_by_id(printed.job_id).state == "done"
        assert Blanko.get(Blanko.serial == printed.blanko_serial).state == "issued"
        assert PrintJob.get_by_id(never_sent.job_id).state == "failed"
        assert Blanko.get(Blanko.serial == never_sent.blanko_serial).state == "in_stock"
        assert opened.jobs.unfinished() == []
        assert {e.action for e in audit.recent(20)} >= {"print.journal_applied", "print.released"}
    finally:
        opened.close()
