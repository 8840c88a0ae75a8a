"""A print killed mid-card (SIGKILL) leaves a job that the next start settles by the operator's answer."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.store.models import Blanko, IssuedCard, PrintJob
from tests.helpers.fixtures import PAMULANG, add_resident, make_station
from tests.helpers.processes import start_print, wait_for_job_state


def kill_mid_card(data_dir: Path, nik: str) -> None:
    """Start `ktp-mandiri print` in its own process and SIGKILL it while the card is in the printer."""
    proc = start_print(data_dir, nik, "sim://crash?delay=60")
    try:
        wait_for_job_state(data_dir, "printing", proc)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.fixture
def crashed(tmp_path):
    station = make_station(tmp_path)
    nik = add_resident()
    kill_mid_card(station.services.data_dir, nik)
    yield station
    station.services.close()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
@pytest.mark.parametrize(("answer", "blanko_state", "issued", "in_stock"), [
    ("good", "issued", 1, 9), ("spoiled", "spoiled", 0, 9), ("nothing", "in_stock", 0, 10),
])
def test_operator_answer_settles_the_killed_job(crashed, answer, blanko_state, issued, in_stock):
    services = crashed.services
    station_id = services.stations.require().id
    # While unsettled, the job holds its quota place (on the day the subprocess's real clock saw).
    day = PrintJob.get().day
    assert services.quota.state(PAMULANG, day).in_progress == 1
    [job] = services.jobs.unfinished(station_id)
    assert (job.state, job.blanko_serial, job.operator) == ("printing", "BLK-0000001", "operator")

    with pytest.raises(UserFacingError, match="tidak berwenang"):
        services.jobs.settle(crashed.operator, job.job_id, answer)
    services.jobs.settle(crashed.supervisor, job.job_id, answer)

    assert services.jobs.unfinished(station_id) == []
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == blanko_state
    assert IssuedCard.select().count() == issued
    assert services.stock.summary(station_id).in_stock == in_stock
    assert services.quota.state(PAMULANG, day).used == issued
    entry = audit.recent(1, action="print.recovered")[0]
    assert (entry.details["outcome"], entry.details["state_at_crash"]) == (answer, "printing")
    with pytest.raises(UserFacingError, match="sudah diselesaikan"):
        services.jobs.settle(crashed.supervisor, job.job_id, answer)
    assert PrintJob.get_by_id(job.job_id).state in ("done", "failed")
