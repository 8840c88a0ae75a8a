"""The regency panel's reply is another machine's bytes (desktop/regency/panel.py): each field is taken only
with the type it should have; a row that cannot be read is left out and counted, never guessed; the
regency mode's address rule (HTTPS, or this computer)."""

from __future__ import annotations

import pytest

from desktop.errors import UserFacingError
from desktop.regency.panel import StandingQuota, parse_history, parse_panel, parse_standing_quotas
from desktop.regency.session import check_address

KECAMATAN = {"code": "36.74.06", "name": "Pamulang", "quota": 100, "printed": 40, "rights_held": 12, "remaining": 60,
             "spoiled": {"jam": 2}, "reprints": 1, "blanko_in_stock": 300, "blanko_days_left": 7.5, "state": "green",
             "state_reason": "Semua baik."}
STATION = {"id": "s1", "code": "PAM1", "name": "Pamulang loket 1", "kecamatan_code": "36.74.06",
           "served": ["36.74.06"], "last_seen": "2026-12-07T02:00:00Z", "offline_seconds": 30, "rights_held": 12,
           "printers": [{"name": "Evolis", "state": "ready", "ribbon_left": 20}], "ribbon_alert": True,
           "anomalies": 0, "suspended": None, "revoked": False}


def test_a_whole_reply_is_read():
    figures = parse_panel({"day": "2026-12-07", "as_of": "2026-12-07T02:00:10Z", "kecamatan": [KECAMATAN],
                           "stations": [STATION], "quota_requests_waiting": 2, "anomalies_open": 1})
    assert (figures.kecamatan[0].printed, figures.kecamatan[0].spoiled, figures.kecamatan[0].blanko_days_left) == (
        40, {"jam": 2}, 7.5)
    station = figures.stations[0]
    assert (station.printers[0].ribbon_left, station.ribbon_alert, station.last_seen.hour) == (20, True, 2)
    assert (figures.quota_requests_waiting, figures.anomalies_open, figures.unreadable) == (2, 1, 0)


@pytest.mark.parametrize("broken", [{"printed": "40"}, {"printed": -1}, {"state": "purple"}, {"spoiled": [1]},
                                    {"blanko_days_left": "lama"}, {"quota": True}, {"name": 7}])
def test_a_kecamatan_row_that_cannot_be_read_is_left_out_and_counted(broken):
    figures = parse_panel({"kecamatan": [KECAMATAN, {**KECAMATAN, **broken}, "not a row"], "stations": [STATION]})
    assert [row.code for row in figures.kecamatan] == ["36.74.06"]
    assert figures.unreadable == 2


@pytest.mark.parametrize("broken", [{"last_seen": "yesterday"}, {"printers": [{"ribbon_left": "20"}]},
                                    {"suspended": "yes"}, {"served": "36.74.06"}])
def test_a_station_row_that_cannot_be_read_is_left_out(broken):
    figures = parse_panel({"kecamatan": [], "stations": [{**STATION, **broken}]})
    assert (figures.stations, figures.unreadable) == ([], 1)


def test_long_texts_are_cut_and_a_non_object_reply_is_empty():
    figures = parse_panel({"kecamatan": [{**KECAMATAN, "state_reason": "x" * 5000}]})
    assert len(figures.kecamatan[0].state_reason) == 400
    assert parse_panel(["nonsense"]).kecamatan == []


def test_the_history_sums_spoiled_by_reason_and_drops_bad_days():
    points = parse_history({"days": [{"day": "2026-12-02", "quota": 100, "printed": 5, "spoiled": {"jam": 1, "chip": 2}},
                                      {"day": "2026-12-01", "quota": 100, "printed": 4, "spoiled": 0},
                                      {"day": "kemarin", "quota": 1}]})
    assert [(p.day.day, p.printed, p.spoiled) for p in points] == [(1, 4, 0), (2, 5, 3)]


@pytest.mark.parametrize("url", ["http://10.0.0.5:8000", "http://ktp.kabupaten.go.id", "ftp://x", "server"])
def test_only_https_or_this_computer(url):
    with pytest.raises(UserFacingError):
        check_address(url)


def test_standing_quotas_are_read_with_their_types_and_a_bad_row_is_counted():
    good = {"code": "36.74.06", "name": "Pamulang", "standing": 40, "standing_set": True,
            "days": [{"day": "2026-12-09", "daily_limit": 120, "reason": "malam"},
                     {"day": "2026-12-08", "daily_limit": 90, "reason": None}]}
    bad = [{**good, "standing": "40"}, {**good, "standing": -1}, {**good, "days": [{"day": "besok", "daily_limit": 1}]},
           {**good, "days": {"2026-12-08": 90}}, {**good, "days": [{"day": "2026-12-08", "daily_limit": True}]}, "x"]
    rows, unreadable = parse_standing_quotas({"kecamatan": [good, *bad]})
    assert rows == [StandingQuota("36.74.06", "Pamulang", 40, [("2026-12-08", 90, ""), ("2026-12-09", 120, "malam")])]
    assert unreadable == len(bad)
    assert parse_standing_quotas(["not", "a", "dict"]) == ([], 0)
