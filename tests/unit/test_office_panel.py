"""The office panel's figures against the station's database (issue 18, item 1)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.errors import UserFacingError
from desktop.services.office_panel import AMBER, GREEN, RATE_DAYS, RED, PrinterFigures, assess
from tests.helpers.fixtures import OFFICE_MORNING, PAMULANG, SETU, add_resident, make_station, raise_quota
from tests.helpers.fixtures import print_card as _print

READY = PrinterFigures("sim://a", "Loket 1", True, "Siap", None)


def _figures(station):
    services = station.services
    info = services.stations.require()
    return services.office_panel.figures(info.id, info.served)


def test_todays_figures_per_kecamatan_come_from_the_database(station):
    niks = [add_resident(serial=i) for i in range(1, 5)]
    setu = add_resident(serial=9, kecamatan=SETU)
    for nik in niks[:3]:
        _print(station, nik)
    _print(station, setu)
    _print(station, niks[3], "spoiled")
    left = _print(station, add_resident(serial=7), "left")
    station.services.approvals.approve_reprint(station.operator, niks[0], "damaged", "supervisor", "supervisor123")
    raise_quota(station, SETU, 120, "antrean")

    figures = _figures(station)

    pamulang, setu_row = figures.kecamatan
    assert (pamulang.code, pamulang.quota, pamulang.printed, pamulang.in_progress, pamulang.remaining) == \
        (PAMULANG, 100, 2, 1, 97)  # the returned card gave its place back; the left job holds one
    assert pamulang.spoiled == {"print_failed": 1, "damaged": 1}
    assert (setu_row.quota, setu_row.printed, setu_row.raised, setu_row.spoiled) == (120, 1, True, {})
    assert pamulang.rights is None and not figures.enrolled  # a station that is not enrolled
    assert [job.job_id for job in figures.jobs_waiting] == [left]
    assert figures.reprints_waiting == 1
    assert figures.in_stock == 10 - 6
    assert figures.rate == 0 and figures.days_left is None  # nothing before today
    _print(station, niks[0])  # the reprint is printed: nothing waits any more
    assert _figures(station).reprints_waiting == 0


def test_stock_lasts_at_the_rate_of_the_last_14_days_and_the_chart_has_30(tmp_path):
    station = make_station(tmp_path, at=OFFICE_MORNING - timedelta(days=3))
    for i in range(1, 8):
        _print(station, add_resident(serial=i))
    _print(station, add_resident(serial=8), "spoiled")
    station.services.clock.advance(days=3)

    figures = _figures(station)

    assert figures.rate == 8 / RATE_DAYS
    assert figures.in_stock == 2 and round(figures.days_left, 1) == 3.5
    history = station.services.office_panel.history(station.services.stations.require().served)
    assert len(history) == 30 and history[-1].day == station.services.clock.today()
    earlier = history[-4]
    assert (earlier.day, earlier.printed, earlier.quota, earlier.spoiled) == (
        station.services.clock.today() - timedelta(days=3), 7, 200, 1)
    assert sum(p.printed for p in history) == 7
    station.services.close()


def test_the_level_says_why(station):
    figures = _figures(station)
    assert assess(figures, [READY]).level == GREEN
    assert assess(figures, [READY]).reasons[0].template == "Semua berjalan baik."
    jammed = PrinterFigures("sim://b", "Loket 2", False, "Kartu macet", None)
    amber = assess(figures, [READY, jammed])
    assert amber.level == AMBER and "Printer {name}: {state}." in [r.template for r in amber.reasons]
    low = PrinterFigures("sim://c", "Loket 3", True, "Siap", 10)
    assert assess(figures, [low]).level == AMBER
    red = assess(figures, [jammed])
    assert red.level == RED and red.reasons[0].template == "Tidak ada printer yang siap."
    station.services.quota.set_today(station.supervisor, PAMULANG, 0, "libur")
    assert assess(_figures(station), [READY]).reasons[0].args["name"] == "Pamulang"


def test_todays_cards_filter_and_a_search_is_audited(station):
    from desktop.services import audit
    from desktop.services.panel_lists import AuditFilter, CardFilter

    siti = add_resident(serial=1, name="SITI RAHMAWATI")
    budi = add_resident(serial=2, name="BUDI SANTOSO", sex="L")
    for nik in (siti, budi):
        _print(station, nik)
    station.services.approvals.approve_reprint(station.operator, siti, "chip_failed", "supervisor", "supervisor123")
    lists, boss = station.services.panel_lists, station.supervisor
    everything = lists.card_ids(boss, CardFilter())
    assert len(everything) == 2 and audit.recent(1)[0].action != "panel.search_cards"  # no search, no entry
    rows = lists.card_rows(everything)
    by_name = {row.name: row for row in rows.values()}
    assert by_name["SITI RAHMAWATI"].returned == "chip_failed" and by_name["BUDI SANTOSO"].returned is None
    assert by_name["BUDI SANTOSO"].operator == "Siti Operator"
    found = lists.card_ids(boss, CardFilter(text="budi"))
    assert [rows[i].name for i in found] == ["BUDI SANTOSO"]
    entry = audit.recent(1)[0]
    assert (entry.action, entry.username, entry.details["query"], entry.details["found"]) == (
        "panel.search_cards", "supervisor", "budi", 1)
    assert lists.card_ids(boss, CardFilter(text=siti[:10])) == [i for i in everything if rows[i].nik == siti]
    assert lists.card_ids(boss, CardFilter(reason="baru")) == []
    assert lists.card_ids(boss, CardFilter(operator=station.operator.id)) != []
    with pytest.raises(UserFacingError):
        lists.card_ids(station.operator, CardFilter())  # the panel is a supervisor's
    approvals = lists.audit_ids(AuditFilter(action="approval"))
    shown = lists.audit_rows(approvals)
    assert [shown[s].action for s in approvals] == ["approval.reprint"]
    assert shown[approvals[0]].details["approver"] == "supervisor"
