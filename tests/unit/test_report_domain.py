"""Indonesian dates, the blanko request's arithmetic and the CSV cell escape (issue 22): pure, no database."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.domain.blanko_request import BlankoRequest, add_months, request_period, working_days
from desktop.domain.dates_id import (
    MONTHS,
    long_date,
    long_date_time,
    month_year,
    roman_month,
    short_date,
    weekday_date,
)
from desktop.domain.spreadsheet import safe_cell


def test_dates_are_written_the_indonesian_way_whatever_the_locale():
    assert long_date(date(2026, 12, 7)) == "7 Desember 2026"
    assert [long_date(date(2026, m, 1)).split()[1] for m in range(1, 13)] == list(MONTHS)
    assert MONTHS[1:3] == ("Februari", "Maret") and MONTHS[7] == "Agustus"
    assert weekday_date(date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert weekday_date(date(2026, 12, 13)) == "Minggu, 13 Desember 2026"
    assert short_date(date(2026, 8, 17)) == "17 Agu 2026"
    assert month_year(2027, 1) == "Januari 2027"
    assert long_date_time(datetime(2026, 12, 7, 9, 5)) == "7 Desember 2026 pukul 09.05"
    assert [roman_month(m) for m in (1, 4, 9, 12)] == ["I", "IV", "IX", "XII"]


def test_working_days_are_monday_to_friday_less_the_holidays():
    assert working_days(date(2026, 12, 1), date(2026, 12, 31)) == 23
    assert working_days(date(2026, 12, 1), date(2026, 12, 31), [date(2026, 12, 25), date(2026, 12, 26)]) == 22
    assert working_days(date(2026, 12, 5), date(2026, 12, 6)) == 0  # a weekend
    assert working_days(date(2026, 12, 7), date(2026, 12, 6)) == 0  # an empty span
    assert working_days(date(2027, 2, 1), date(2027, 2, 28)) == 20


def test_a_request_looks_back_three_whole_months_and_asks_for_the_next():
    span = request_period(date(2026, 12, 7))
    assert (span.history_first, span.history_last) == (date(2026, 9, 1), date(2026, 11, 30))
    assert (span.next_first, span.next_last) == (date(2027, 1, 1), date(2027, 1, 31))
    january = request_period(date(2027, 1, 31))
    assert (january.history_first, january.next_last) == (date(2026, 10, 1), date(2027, 2, 28))
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 1)


def test_the_request_is_average_times_working_days_less_stock_and_allocated():
    # 650 cards over 65 working days: 10 a day; January 2027 has 21 working days: 210 needed.
    request = BlankoRequest(issued=650, history_working_days=65, next_working_days=21, stock=60, allocated=50)
    assert request.average_daily == 10 and request.need == 210 and request.requested == 100
    # A fraction of a card is a card; stock beyond the need asks for nothing, never a negative number.
    assert BlankoRequest(100, 64, 21, 0, 0).need == 33  # 32.8125 rounded up
    assert BlankoRequest(640, 64, 21, 0, 0).need == 210  # exactly 210: no float noise rounds it to 211
    assert BlankoRequest(650, 65, 21, 300, 0).requested == 0
    assert BlankoRequest(0, 0, 21, 0, 0).requested == 0  # a new office with no history


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+62 21 555", "-1+1", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_cell_a_spreadsheet_would_run_is_kept_text(text):
    assert safe_cell(text) == "'" + text


def test_ordinary_cells_and_numbers_are_as_they_are():
    assert [safe_cell(v) for v in ("Siti Rahmawati", "BA 1/2026", 12, -3, 2.5, None)] == [
        "Siti Rahmawati", "BA 1/2026", "12", "-3", "2,50", ""]
