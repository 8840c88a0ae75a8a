"""Shared fixtures: a station on a real SQLite file, with users, stock and residents."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from argon2 import PasswordHasher

from desktop.clock import OFFICE_TIMEZONE, FixedClock
from desktop.composition import Services, build_services
from desktop.domain.nik import build_nik
from desktop.domain.roles import Role
from desktop.services.demo_accounts import mark_demo_database
from desktop.services.session import CurrentUser
from desktop.store.models import Resident


def _this_morning() -> datetime:
    """08:00 WIB on the latest day whose 08:00 has passed. A station's clock stands still there, at
    most a day behind the real one: a command run in another process (on the real clock) then finds
    the station's last event less than a day ago, as at a real office (the clock check refuses to
    print on a clock that jumped a day past the records, desktop/services/clock_guard.py)."""
    now = datetime.now(ZoneInfo(OFFICE_TIMEZONE))
    morning = now.replace(hour=8, minute=0, second=0, microsecond=0)
    if morning > now:
        morning -= timedelta(days=1)
    return morning.replace(tzinfo=None)


def catch_up(clock: FixedClock) -> None:
    """Move a station's standing clock to the real time (time passing): before 08:00 WIB it stands on
    yesterday's morning, and a command-line process run on the real clock then works on another day than
    the records the test made in-process."""
    clock.advance(seconds=(datetime.now(clock.zone) - clock.now_local()).total_seconds())


# This morning at the Pamulang office, 08:00 WIB.
OFFICE_MORNING = _this_morning()
PAMULANG, SETU, CIPUTAT = "36.74.06", "36.74.07", "36.74.04"


@dataclass
class Station:
    services: Services
    clock: FixedClock
    operator: CurrentUser
    supervisor: CurrentUser
    admin: CurrentUser


def add_resident(nik: str | None = None, *, status: str = "PRINT_READY_RECORD", kecamatan: str = PAMULANG,
                 name: str = "SITI RAHMAWATI", sex: str = "P", born: date = date(1990, 8, 5), serial: int = 1,
                 **fields) -> str:
    nik = nik or build_nik(kecamatan, born, sex, serial)
    values = {
        "nik": nik, "name": name, "birth_place": "TANGERANG", "birth_date": born, "sex": sex, "blood_type": "O",
        "address": "JL. RAYA PAMULANG NO. 1", "rt": 1, "rw": 2, "village_code": kecamatan + ".1001",
        "kecamatan_code": kecamatan, "religion": "ISLAM", "marital_status": "KAWIN",
        "occupation": "KARYAWAN SWASTA", "record_status": status, "source": "test",
    }
    values.update(fields)
    Resident.create(**values)
    return nik


def raise_quota(station: Station, kecamatan: str, limit: int, reason: str):
    """Today's quota raised by the supervisor, approved by the admin (four eyes, desktop/services/approvals.py)."""
    from desktop.services.approvals import QUOTA_RAISE

    services = station.services
    approval = services.approvals.approve(QUOTA_RAISE, station.supervisor, "admin", "admin12345",
                                          kecamatan=kecamatan, limit=limit)
    return services.quota.set_today(station.supervisor, kecamatan, limit, reason, approval)


def write_off(station: Station, station_id: str, reason: str, serial: str | None = None, note: str = "") -> str:
    """A blanko written off by the supervisor, approved by the admin (four eyes); returns its serial."""
    from desktop.services.approvals import WRITE_OFF

    ledger = station.services.blanko_ledger
    return station.services.approvals.approved_action(
        WRITE_OFF, station.supervisor, "admin", "admin12345",
        lambda approval_id: ledger.spoil(station.supervisor, station_id, reason, serial, note, approval_id),
        reason=reason)


def destroy_spoiled(station: Station, station_id: str, witnesses: list[tuple[str, str]],
                    serials: list[str] | None = None) -> list[str]:
    """The destruction recorded by the supervisor, approved by the admin (four eyes)."""
    from desktop.services.approvals import DESTRUCTION

    ledger = station.services.blanko_ledger
    return station.services.approvals.approved_action(
        DESTRUCTION, station.supervisor, "admin", "admin12345",
        lambda approval_id: ledger.destroy(station.supervisor, station_id, witnesses, serials, approval_id))


LOST_CARD = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}),
                 numbers={"police_letter": "LP/1/XI/2026"})


def print_card(station: Station, nik: str, outcome: str = "good", request: dict = LOST_CARD,
               printer: str = "sim://fixture") -> str:
    """One card through the issuance service by the operator: printed ("good"), jammed with the blanko
    spoiled ("spoiled"), or left with its outcome unknown ("left", no process holds it); the job id."""
    from desktop.devices.base import Fault
    from desktop.services.issuance import PrintRequest

    issuance = station.services.issuance
    ticket = issuance.prepare(station.operator, PrintRequest(nik, **request), printer)
    if outcome == "good":
        issuance.complete(station.operator, ticket)
    elif outcome == "spoiled":
        issuance.fail(station.operator, ticket, Fault.JAM, "macet", card_consumed=True)
    return ticket.job_id


def make_station(tmp_path, *, blanko: int = 10, served=(PAMULANG, SETU), printers=(),
                 at: datetime = OFFICE_MORNING) -> Station:
    clock = FixedClock(at)
    # Light argon2 parameters keep the suite fast; the production defaults are tested in test_services.
    services = build_services(tmp_path / "data", clock=clock, hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    auth = services.auth
    # The demo accounts' passwords below are allowed in a demo database only (tests/unit/test_users.py
    # checks the refusal on a real station's database).
    mark_demo_database()
    admin = auth.create_first_admin("admin", "Admin Disdukcapil", "admin12345")
    operator = auth.create_user(admin, "operator", "Siti Operator", "operator123", Role.OPERATOR)
    supervisor = auth.create_user(admin, "supervisor", "Budi Supervisor", "supervisor123", Role.SUPERVISOR)
    station = services.stations.setup(admin, served[0], list(served))
    for uri in printers:
        services.stations.add_printer(admin, uri)
    if blanko:
        services.stock.receive(supervisor, station.id, blanko, "BA-2026-001")
    return Station(services, clock, operator, supervisor, admin)


@pytest.fixture(autouse=True)
def _umask_kept():
    """The entry point sets the process's umask to 077 (the station's files are private); a test that
    calls it in this process must not leave the rest of the run with it: a CUPS queue made later was
    unreadable to cupsd's filters, and the card arrived on the queue's default paper."""
    umask = os.umask(0o077)
    os.umask(umask)
    yield
    os.umask(umask)


@pytest.fixture
def station(tmp_path) -> Station:
    st = make_station(tmp_path)
    yield st
    st.services.close()


@pytest.fixture
def sim_uri():
    """A simulated printer of its own for one test."""
    import uuid

    from desktop.devices.simulator import forget_simulators

    yield f"sim://gui-{uuid.uuid4().hex[:8]}"
    forget_simulators()


@pytest.fixture
def station_with_sim(tmp_path, sim_uri) -> Station:
    st = make_station(tmp_path, printers=[sim_uri])
    yield st
    st.services.close()


@pytest.fixture
def sim_station(tmp_path) -> Station:
    """A station with one simulated printer of its own (for the GUI: the printer poll finds it ready)."""
    import uuid

    from desktop.devices.simulator import forget_simulators

    st = make_station(tmp_path, printers=[f"sim://station-{uuid.uuid4().hex[:8]}"])
    yield st
    st.services.close()
    forget_simulators()
