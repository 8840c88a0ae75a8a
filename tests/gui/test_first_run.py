"""A fresh install asks for the first admin account and the station's kecamatan."""

from __future__ import annotations

from argon2 import PasswordHasher
from PySide6.QtCore import Qt

from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.store.models import User
from desktop.ui.main_window import MainWindow
from tests.helpers.fixtures import OFFICE_MORNING


def test_fresh_install_creates_admin_and_station(qtbot, tmp_path):
    services = build_services(tmp_path / "data", clock=FixedClock(OFFICE_MORNING),
                              hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    window = MainWindow(services, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitUntil(lambda: window.first_run_page is not None
                    and window.stack.currentWidget() is window.first_run_page, timeout=10000)
    page = window.first_run_page
    qtbot.keyClicks(page.username, "kasi.pelayanan")
    qtbot.keyClicks(page.full_name, "Kasi Pelayanan")
    qtbot.keyClicks(page.password, "rahasia-kuat")
    qtbot.keyClicks(page.password2, "rahasia-beda")
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    assert page.error.text() == "Kedua kata sandi tidak sama."
    page.password2.clear()
    qtbot.keyClicks(page.password2, "rahasia-kuat")
    page.kecamatan.setCurrentIndex(page.kecamatan.findData("36.74.06"))
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=10000)
    assert User.get(User.username == "kasi.pelayanan").role == "admin"
    station = services.stations.require()
    assert station.kecamatan_code == "36.74.06"
    assert station.issue_place == "KOTA TANGERANG SELATAN"
    assert "Pamulang" in window.header.station.text()
    window.shutdown()
    services.close()
