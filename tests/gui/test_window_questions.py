"""Messages that match the state (issue 23, item 5): closing the window asks as logging out does, and
Enter pressed while the data is being prepared is kept and acted on."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.main_window import MainWindow
from tests.gui.test_counter import counter, scan
from tests.gui.test_operator_day import WAIT_MS, finish
from tests.helpers.dialogs import answer_dialog
from tests.helpers.fixtures import add_resident


def test_closing_with_a_citizen_half_served_asks_and_staying_keeps_them(qtbot, station_with_sim):
    nik = add_resident()
    window = counter(qtbot, station_with_sim)
    page = window.counter_page
    scan(qtbot, page, nik)
    seen: list[str] = []
    answer_dialog("closeDialog", "Tetap di sini", seen)
    assert not window.close()
    assert "Tetap tutup aplikasi?" in seen[0]
    assert window.isVisible() and page.fields["name"].text() == "SITI RAHMAWATI"

    seen.clear()
    answer_dialog("closeDialog", "Tutup", seen)
    assert window.close()
    assert seen and not window.isVisible()


def test_closing_an_empty_counter_asks_nothing(qtbot, station_with_sim):
    window = counter(qtbot, station_with_sim)
    assert window.close()


def test_enter_pressed_while_the_data_is_prepared_logs_in_once_it_is_ready(qtbot, station_with_sim):
    ready = threading.Event()

    def loader():
        ready.wait(WAIT_MS / 1000)
        return station_with_sim.services, None, None

    window = MainWindow(loader=loader, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: (ready.set(), finish(qtbot, w)))
    window.show()
    login = window.login_page
    assert login.submit.text() == "Menyiapkan data…"
    qtbot.keyClicks(login.username, "operator")
    qtbot.keyClicks(login.password, "operator123")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.submit.text() == "Menyiapkan data… lalu masuk"  # said, not dropped
    ready.set()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    assert window.user.username == "operator"
    assert QApplication.activeModalWidget() is None
