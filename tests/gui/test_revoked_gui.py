"""A station revoked by the regency says so in the window's header, in one sentence, and keeps saying
it (issue 20, item 4): real server, real window."""

from __future__ import annotations

import pytest

from desktop.devices.simulator import forget_simulators
from server import registry
from server.db import connection
from server.models import Station
from tests.gui.test_leases_gui import open_window
from tests.gui.test_operator_day import WAIT_MS
from tests.helpers.leases import counter, office_regency, seed_residents

PAMULANG = "36.74.06"
REVOKED = ("Stasiun ini sudah dicabut oleh admin kabupaten: pencetakan berhenti untuk seterusnya. Hubungi petugas TI "
           "kabupaten; catatan stasiun diserahkan dengan ktp-mandiri backup --out.")


@pytest.fixture
def office(regency_servers):
    yield office_regency(regency_servers, "sqlite")
    forget_simulators()


def test_the_header_says_the_station_was_revoked(qtbot, office, tmp_path, expect_log, expect_message):
    expect_log("server refused (404 not_found)")  # the office has no photos for these residents
    expect_log("server refused (401 revoked)")
    expect_message("Stasiun ini sudah dicabut oleh admin kabupaten. Hubungi petugas TI kabupaten.")  # the round's
    expect_log("the regency revoked this station (answer to sync): printing stopped for good")
    niks = seed_residents(tmp_path, {PAMULANG: 2})[PAMULANG]
    station = counter(office, tmp_path, [PAMULANG], "loket-dicabut", blanko=10)
    window = open_window(qtbot, station.services)
    header = window.header
    qtbot.waitUntil(lambda: "Hak cetak:" in header.lease.text(), timeout=WAIT_MS)
    window.sync_controller.stop()
    qtbot.waitUntil(lambda: not window.sync_controller.running, timeout=WAIT_MS)
    with connection():
        registry.revoke_station("test", Station.get(Station.name == "loket-dicabut").code)
    window.sync_now()
    qtbot.waitUntil(lambda: header.notice.isVisible() and header.notice.text() == REVOKED, timeout=WAIT_MS)
    assert station.check(niks[0]) == [REVOKED]
