"""The header shows the date and time; a clock that jumped makes it red, the verify page refuses with
the sentence, and a supervisor is asked at log-in to confirm the date and time."""

from __future__ import annotations

from datetime import timedelta

from desktop.services import audit
from desktop.ui.pages.supervisor.clock import ClockQuestion
from tests.gui.test_operator_day import WAIT_MS, fill_print_form, log_in, open_window
from tests.helpers.dialogs import answer_dialog
from tests.helpers.fixtures import OFFICE_MORNING, add_resident


def test_the_header_shows_the_stations_date_and_time(qtbot, sim_station):
    window = open_window(qtbot, sim_station)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: "08:00" in window.header.time.text(), timeout=WAIT_MS)
    assert str(OFFICE_MORNING.day) in window.header.time.text() and str(OFFICE_MORNING.year) in window.header.time.text()
    assert window.header.time.toolTip() == ""


def test_a_jumped_clock_is_refused_until_a_supervisor_confirms_it(qtbot, sim_station):
    st = sim_station
    nik = add_resident()
    st.clock.advance(days=3)
    window = open_window(qtbot, sim_station)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: "lebih dari sehari" in window.header.time.toolTip(), timeout=WAIT_MS)
    assert "color:#b00020" in window.header.time.styleSheet()
    fill_print_form(qtbot, window, nik)
    page = window.counter_page
    qtbot.waitUntil(lambda: "lebih dari sehari" in page.blockers.text(), timeout=WAIT_MS)
    assert not page.print_button.isEnabled()
    assert window.findChild(ClockQuestion, "clockQuestion") is None  # an operator is not asked

    answer_dialog("logoutDialog", "Keluar", [])
    window.logout()
    log_in(qtbot, window, "supervisor", "supervisor123")
    qtbot.waitUntil(lambda: window.findChild(ClockQuestion, "clockQuestion") is not None, timeout=WAIT_MS)
    question = window.findChild(ClockQuestion, "clockQuestion")
    assert str((OFFICE_MORNING + timedelta(days=3)).day) in question.text() and "08:00" in question.text()
    assert "lebih dari sehari" in question.informativeText()
    question.yes.click()
    qtbot.waitUntil(lambda: bool(audit.recent(1, action="clock.confirmed")), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.header.time.toolTip() == "", timeout=WAIT_MS)
    fill_print_form(qtbot, window, nik)
    qtbot.waitUntil(page_can_print(window), timeout=WAIT_MS)


def page_can_print(window):
    return lambda: window.counter_page is not None and window.counter_page.print_button.isEnabled()
