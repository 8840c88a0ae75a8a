"""The GUI checks the audit chain after start-up: a supervisor is told, the failure is recorded,
the counter keeps working; the header's tooltip shows the chain's head; and it makes the day's backup."""

from __future__ import annotations

import sqlite3

from desktop.services import audit
from desktop.store.files import DB_FILENAME
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.fixtures import OFFICE_MORNING


def test_tampering_found_at_start_is_recorded_and_told_to_the_supervisor_only(qtbot, sim_station, told,
                                                                              expect_message, expect_log):
    st = sim_station
    expect_log("audit chain check failed at entry 6")
    warning = expect_message("Pemeriksaan log audit saat aplikasi dimulai menemukan masalah pada entri #")
    conn = sqlite3.connect(st.services.data_dir / DB_FILENAME)
    with conn:
        conn.execute("UPDATE blanko SET state = 'spoiled' WHERE serial = 'BLK-0000003'")
    conn.close()
    window = open_window(qtbot, st)
    qtbot.waitUntil(lambda: bool(audit.recent(1, action="audit.verify_failed")), timeout=WAIT_MS)
    assert "BLK-0000003" in audit.recent(1, action="audit.verify_failed")[0].details["problem"]

    log_in(qtbot, window, "operator", "operator123")  # an operator is not troubled with it ...
    assert not warning.seen() and window.message_bar.texts() == []
    assert window.counter_page.isEnabled()
    window.logout()
    log_in(qtbot, window, "supervisor", "supervisor123")  # ... the supervisor is, at log-in
    qtbot.waitUntil(warning.seen, timeout=WAIT_MS)
    text = warning.matched[0]
    assert "BLK-0000003" in text and "entri #" in text and text in window.message_bar.texts()


def test_the_header_tooltip_shows_the_chain_head(qtbot, sim_station):
    st = sim_station
    window = open_window(qtbot, st)
    log_in(qtbot, window)
    head = audit.head()
    qtbot.waitUntil(lambda: f"#{head.seq} {head.hash[:16]}" in window.header.station.toolTip(), timeout=WAIT_MS)
    assert window.message_bar.texts() == []  # no audit warning (an undeclared one would fail the test too)


def test_the_app_makes_todays_copy_after_start_without_holding_up_the_log_in(qtbot, sim_station):
    st = sim_station
    copy = st.services.data_dir / "backups" / f"ktp-mandiri-{OFFICE_MORNING.date().isoformat()}.sqlite3"
    window = open_window(qtbot, st)
    log_in(qtbot, window)
    qtbot.waitUntil(copy.exists, timeout=WAIT_MS)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM user").fetchone()[0] == 3
    conn.close()


def test_a_supervisor_is_reminded_of_a_copy_off_the_pc_an_operator_is_not(qtbot, tmp_path, expect_message):
    """A station set up 8 days ago that never ran `backup --out` (its clock confirmed today)."""
    import uuid
    from datetime import timedelta

    from desktop.devices.simulator import forget_simulators
    from desktop.services.clock_confirm import confirm_clock
    from tests.helpers.fixtures import make_station

    st = make_station(tmp_path, at=OFFICE_MORNING - timedelta(days=8), printers=[f"sim://b-{uuid.uuid4().hex[:8]}"])
    st.clock.advance(days=8)
    confirm_clock(st.services.db, st.clock, st.supervisor)
    reminder = expect_message("Belum pernah ada salinan database dengan 'ktp-mandiri backup --out'.")
    try:
        window = open_window(qtbot, st)
        log_in(qtbot, window, "operator", "operator123")
        assert not reminder.seen()
        window.logout()
        log_in(qtbot, window, "supervisor", "supervisor123")
        qtbot.waitUntil(reminder.seen, timeout=WAIT_MS)
        assert reminder.matched[0] in window.message_bar.texts()
    finally:
        forget_simulators()
