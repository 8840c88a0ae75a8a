"""The header of an enrolled station shows its link to the regency: online or offline, the last
successful sync and the changes waiting; a fresh install enrols from its set-up page."""

from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt

from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.store.models import User
from desktop.ui.main_window import MainWindow
from server import registry
from tests.helpers.fixtures import OFFICE_MORNING

PAMULANG = "36.74.06"


@pytest.mark.parametrize("regency", ["sqlite"], indirect=True)
def test_fresh_install_enrols_and_the_header_shows_the_server(qtbot, regency, tmp_path, monkeypatch, told,
                                                              expect_log):
    expect_log("off server time")  # the test's fixed office clock is not the server's:
    registry.save_user("test", "operator1", "Siti Operator", "operator", "operator-rahasia", [PAMULANG],
                       must_change_password=False)
    _, code = registry.add_station("test", "Hub Pamulang", [PAMULANG])
    services = build_services(tmp_path / "data", clock=FixedClock(OFFICE_MORNING),
                              hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    window = MainWindow(services, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitUntil(lambda: window.first_run_page is not None
                    and window.stack.currentWidget() is window.first_run_page, timeout=10000)

    from desktop.ui.pages.server import enrol

    monkeypatch.setattr(enrol.EnrolDialog, "exec", lambda self: (
        self.url.setText(regency.url), self.code.setText(code), enrol.EnrolDialog.DialogCode.Accepted)[-1])
    qtbot.mouseClick(window.first_run_page.enrol, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: told.saw("Stasiun terdaftar di server kabupaten"), timeout=20000)  # the bar's news
    assert window.stack.currentWidget() is window.login_page
    assert User.get(User.username == "operator1").active

    qtbot.keyClicks(window.login_page.username, "operator1")
    qtbot.keyClicks(window.login_page.password, "operator-rahasia")
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=10000)
    qtbot.waitUntil(lambda: window.header.sync.isVisible() and "daring" in window.header.sync.text(), timeout=20000)
    assert re.search(r"sinkron .+ · \d+ menunggu", window.header.sync.text())
    window.resize(1366, 768)
    window.grab().save(str(tmp_path / "enrolled-header.png"))

    qtbot.waitUntil(lambda: not window.sync_controller.running, timeout=20000)
    regency.stop()  # the network goes; the station goes on
    window.sync_now()
    qtbot.waitUntil(lambda: "luring" in window.header.sync.text(), timeout=30000)
    window.shutdown()
    services.close()
