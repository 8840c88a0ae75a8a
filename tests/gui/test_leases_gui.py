"""The header of an enrolled station: print rights left per kecamatan, how long ago the regency renewed
them, and in words what a lease that ran out or cannot be renewed means (real server, real window)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.devices.simulator import forget_simulators
from desktop.ui.main_window import MainWindow
from tests.gui.test_operator_day import WAIT_MS, finish
from tests.helpers.leases import OPERATOR, PASSWORD, counter, office_regency, seed_residents

PAMULANG, SETU = "36.74.06", "36.74.07"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def hub(regency_servers):
    yield office_regency(regency_servers, "sqlite", size=3, low_water=1)
    forget_simulators()


def open_window(qtbot, services) -> MainWindow:
    window = MainWindow(services, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: finish(qtbot, w))
    window.resize(1366, 740)
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    window.login_page.username.setText(OPERATOR)
    window.login_page.password.setText(PASSWORD)
    window.login_page.password.returnPressed.emit()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    return window


def shot(window: MainWindow, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / name))


def test_the_header_shows_rights_left_their_age_and_what_running_out_offline_means(qtbot, hub, tmp_path,
                                                                                     expect_log):
    expect_log("server refused (404 not_found)")  # the hub has no photos for the demo residents
    niks = seed_residents(tmp_path, {PAMULANG: 6, SETU: 1})[PAMULANG]
    station = counter(hub, tmp_path, [PAMULANG, SETU], "loket-gui", blanko=20)
    window = open_window(qtbot, station.services)
    header = window.header
    qtbot.waitUntil(lambda: "Hak cetak:" in header.lease.text(), timeout=WAIT_MS)
    assert "Pamulang <b style='color:#0b6b2b'>3</b>" in header.lease.text()
    assert "diperbarui baru saja" in header.lease.text()
    assert not header.notice.isVisible()

    window.sync_controller.stop()
    # A round still running when the server goes would fail and say "cannot be renewed" too early.
    qtbot.waitUntil(lambda: not window.sync_controller.running, timeout=WAIT_MS)
    hub.stop()  # the network goes; the counter goes on with the rights it holds
    for nik in niks[:3]:
        station.print(nik)
    window.refresh_header()  # at once: none left, and the station is asking for more
    qtbot.waitUntil(lambda: header.notice.isVisible(), timeout=WAIT_MS)
    assert header.notice.text() == ("Hak cetak Kecamatan Pamulang di stasiun ini habis; stasiun sedang meminta "
                                    "tambahan ke server kabupaten.")
    window.sync_now()  # and then the round finds the server gone
    qtbot.waitUntil(lambda: "tidak dapat diperbarui" in header.notice.text(), timeout=WAIT_MS)
    assert header.notice.text() == ("Hak cetak Kecamatan Pamulang di stasiun ini habis dan tidak dapat diperbarui "
                                    "karena server kabupaten tidak terjangkau: kartu untuk kecamatan ini baru dapat "
                                    "dicetak lagi setelah stasiun tersambung.")
    assert "Pamulang <b style='color:#b00020'>0</b>" in header.lease.text()
    shot(window, "lease-ran-out-offline.png")

    station.clock.advance(days=3)  # offline for three days looks different from offline for a minute
    window.refresh_header()
    qtbot.waitUntil(lambda: "diperbarui 3 hari lalu" in header.lease.text(), timeout=WAIT_MS)
    assert "color:#b00020'>(diperbarui 3 hari lalu)" in header.lease.text()
    shot(window, "lease-offline-three-days.png")
