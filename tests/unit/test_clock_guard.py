"""Clock sanity: printing is refused with one sentence when the clock is earlier than the last recorded
event or has jumped forward by more than a day since it, until a supervisor confirms it."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest

from desktop.clock import FixedClock
from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators
from desktop.domain.nik import build_nik
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.clock_confirm import confirm_clock
from desktop.services.clock_guard import clock_problem
from desktop.services.issuance import PrintRequest
from desktop.store.models import Blanko, Resident
from tests.helpers.fixtures import OFFICE_MORNING, PAMULANG, add_resident, make_station
from tests.helpers.processes import cli_env, run_cli

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


@pytest.fixture
def printer(qapp):
    uri = f"sim://clock-{uuid.uuid4().hex[:8]}"
    device = open_printer(uri)
    yield device
    device.close()
    forget_simulators()


def _print(station, printer, serial: int):
    """Print the card of resident number `serial` (added on first use)."""
    nik = build_nik(PAMULANG, date(1990, 8, 5), "P", serial)
    if not Resident.select().where(Resident.nik == nik).exists():
        add_resident(nik)
    return station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)


def _in_stock(station) -> int:
    return Blanko.select().where(Blanko.state == "in_stock").count()


def test_a_clock_set_back_refuses_printing_and_reserves_nothing(station, printer):
    _print(station, printer, 1)
    station.clock.advance(minutes=-1)  # a time server's nudge: fine
    _print(station, printer, 2)
    station.clock.advance(minutes=-10)
    with pytest.raises(UserFacingError) as refused:
        _print(station, printer, 3)
    text = str(refused.value)
    day = OFFICE_MORNING.strftime("%d-%m-%Y")
    assert f"Jam komputer ({day} 07:49) lebih awal dari kegiatan terakhir yang tercatat ({day} 08:00)" in text
    assert _in_stock(station) == 8
    station.clock.advance(minutes=10)  # corrected
    _print(station, printer, 3)


def test_a_jump_of_more_than_a_day_needs_a_supervisor_even_after_a_log_in(station, printer):
    _print(station, printer, 1)
    station.clock.advance(days=1)  # the next morning: fine
    _print(station, printer, 2)
    station.clock.advance(days=2, minutes=1)  # e.g. the clock moved on to open another day's quota
    station.services.auth.login("operator", "operator123")  # recorded at the new time: must not hide the jump
    with pytest.raises(UserFacingError, match="lebih dari sehari sesudah kegiatan terakhir") as refused:
        _print(station, printer, 3)
    next_day = OFFICE_MORNING + timedelta(days=1)
    assert f"({next_day:%d-%m-%Y} 08:00)" in str(refused.value)
    with pytest.raises(UserFacingError, match="tidak berwenang"):
        confirm_clock(station.services.db, station.clock, station.operator)
    confirm_clock(station.services.db, station.clock, station.supervisor)
    _print(station, printer, 3)
    entry = audit.recent(1, action="clock.confirmed")[0]
    assert entry.username == "supervisor" and entry.details["unconfirmed_since"].startswith(next_day.date().isoformat())


def test_a_clock_that_wrote_the_future_is_confirmed_back_by_a_supervisor(station, printer):
    station.clock.advance(hours=20)  # a wrong clock for a while (within a day: accepted) ...
    station.services.auth.login("operator", "operator123")
    station.clock.advance(hours=-20)  # ... then corrected: the records are ahead of the right time
    assert "lebih awal" in clock_problem(station.clock)
    confirm_clock(station.services.db, station.clock, station.supervisor)
    assert clock_problem(station.clock) is None
    _print(station, printer, 1)


def test_the_command_line_refuses_with_one_sentence(tmp_path):
    """A station whose last event was three days ago, printed on from another process with the real clock."""
    st = make_station(tmp_path, at=OFFICE_MORNING - timedelta(days=3))
    nik = add_resident()
    data = st.services.data_dir
    st.services.close()
    done = run_cli(data, "print", nik, "--printer", "file:///dev/null", "--reason", "hilang", "--documents", "all",
                   "--letter-number", "LP/1", "--user", "operator", env=cli_env(KTP_MANDIRI_PASSWORD="operator123"))
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1 and len(lines) == 1, done.stderr
    assert "lebih dari sehari sesudah kegiatan terakhir" in lines[0] and "Traceback" not in done.stderr


def test_no_event_yet_means_nothing_to_compare(tmp_path):
    from desktop.composition import build_services

    services = build_services(tmp_path / "data", clock=FixedClock(datetime(2026, 1, 1, 8)))
    assert clock_problem(services.clock) is None
    services.close()
