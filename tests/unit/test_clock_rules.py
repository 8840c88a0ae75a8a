"""The clock's rules alone (desktop/domain/clock_rules.py), without a database: what the station's
records (watermark, an unconfirmed jump, this boot's anchor) say about the time a print is asked at."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.boottime import BootReading
from desktop.domain.clock_rules import duration_text, time_problem

LAST = datetime(2026, 12, 7, 2, 0)  # the last accepted event, UTC (09:00 in Jakarta)
JAKARTA = ZoneInfo("Asia/Jakarta")


def test_a_time_just_after_the_last_event_is_fine_and_earlier_or_a_day_later_is_not():
    assert time_problem(LAST + timedelta(minutes=5), LAST, None, None, None, JAKARTA) is None
    assert time_problem(LAST - timedelta(minutes=1), LAST, None, None, None, JAKARTA) is None  # NTP slack
    earlier = time_problem(LAST - timedelta(hours=1), LAST, None, None, None, JAKARTA)
    assert "lebih awal" in earlier and "07-12-2026 08:00" in earlier and "07-12-2026 09:00" in earlier
    later = time_problem(LAST + timedelta(days=1, minutes=1), LAST, None, None, None, JAKARTA)
    assert "lebih dari sehari" in later
    # A new station (no event yet) has nothing to judge against.
    assert time_problem(LAST, None, None, None, None, JAKARTA) is None


def test_within_one_boot_the_date_may_not_outrun_the_boot_clock():
    anchor = (BootReading("boot-1", 1_000.0), LAST)
    two_hours_on = BootReading("boot-1", 1_000.0 + 7_200)
    assert time_problem(LAST + timedelta(hours=2), LAST, None, anchor, two_hours_on, JAKARTA) is None
    stepped = time_problem(LAST + timedelta(hours=20), LAST, None, anchor, two_hours_on, JAKARTA)
    assert "maju 20 jam 0 menit" in stepped and "baru berjalan 2 jam 0 menit" in stepped
    # Another boot: the computer may have been off; only the one-day rule holds.
    other_boot = BootReading("boot-2", 50.0)
    assert time_problem(LAST + timedelta(hours=20), LAST, None, anchor, other_boot, JAKARTA) is None
    assert duration_text(timedelta(days=2, hours=3)) == "2 hari 3 jam"
