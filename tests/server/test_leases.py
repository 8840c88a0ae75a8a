"""Print rights and blanko as leases, with a real server (its own processes; PostgreSQL with 2 workers
where two stations race) and stations that print through their services on a zero-delay simulator."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from desktop.devices.simulator import forget_simulators
from desktop.errors import UserFacingError
from desktop.services.issuance import PrintFailed, PrintRequest
from desktop.store.models import Blanko, IssuedCard, PrintJob, QuotaLease, new_id
from server import leases, registry
from server.db import connection
from server.models import IssuedCard as ServerCard
from server.models import QuotaLease as ServerLease
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.leases import (
    LOST,
    admin_call,
    counter,
    faketime_env_offset,
    office_regency,
    seed_residents,
)
from tests.helpers.processes import cli_env, run_cli
from tests.helpers.regency import ADMIN_PASSWORD, BACKENDS, BOTH
from tests.helpers.usb_fake import confirm_readings

PAMULANG, SETU = "36.74.06", "36.74.07"
TODAY = OFFICE_MORNING.date()


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""
    yield
    forget_simulators()


@pytest.fixture(params=BACKENDS)
def hub(request, regency_servers):
    return office_regency(regency_servers, request.param, size=5, low_water=1, blanko_size=40)


def held(kecamatan: str, day: date = TODAY) -> int:
    with connection():
        return leases.leased_total(kecamatan, day)


@pytest.mark.parametrize("hub", BOTH, indirect=True)  # PostgreSQL: advisory locks per kecamatan and day under concurrent grants
def test_two_stations_share_a_quota_and_never_print_past_it(hub, tmp_path):
    niks = seed_residents(tmp_path, {PAMULANG: 20})[PAMULANG]
    with connection():
        registry.set_quota("test", PAMULANG, 12)
    a = counter(hub, tmp_path, [PAMULANG], "loket-a", blanko=40)
    b = counter(hub, tmp_path, [PAMULANG], "loket-b", blanko=40)
    assert (a.lease(PAMULANG).left, b.lease(PAMULANG).left) == (5, 5)
    assert held(PAMULANG) == 10

    for nik in niks[:5]:  # offline or not: five rights, five cards
        a.print(nik)
    with pytest.raises(UserFacingError) as spent:
        a.print(niks[5])
    assert "Hak cetak Kecamatan Pamulang di stasiun ini habis (5 dari 5 terpakai)" in str(spent.value)

    a.round()  # the renewal: only 2 of the quota are left in the pool
    assert a.lease(PAMULANG).left == 2
    a.print(niks[5])
    a.print(niks[6])
    a.round()
    refused = a.check(niks[7])
    assert any("sudah habis dibagi ke semua stasiun (kuota 12)" in p for p in refused)

    # B still holds 5 it is not using; the server asks for some back for A, through B's next round.
    b.round()
    assert b.lease(PAMULANG).returned == 2
    a.round()
    assert a.lease(PAMULANG).left == 2
    for nik in niks[7:9]:
        a.print(nik)
    for nik in niks[9:12]:
        b.print(nik)
    for station in (a, b):
        station.round()
    with connection():
        cards = ServerCard.select().where((ServerCard.kecamatan_code == PAMULANG) & (ServerCard.day == TODAY)).count()
        assert cards == 12 and held(PAMULANG) == 12  # the whole quota, not one card more
    for station in (a, b):
        assert station.check(niks[15])  # refused everywhere now

    # A raise at the regency reaches the stations as a larger lease, shared by the two that ran short.
    assert admin_call(hub, "PUT", f"/v1/admin/quotas/{PAMULANG}", {"daily_limit": 15, "password": ADMIN_PASSWORD})[0] == 200
    a.round()
    b.round()
    assert (a.lease(PAMULANG).left, b.lease(PAMULANG).left) == (2, 1)
    a.print(niks[12])
    # Lowered below what is used and leased (13 used + 2 held): refused for today, or from tomorrow.
    status, lowered = admin_call(hub, "PUT", f"/v1/admin/quotas/{PAMULANG}", {"daily_limit": 10, "password": ADMIN_PASSWORD})
    assert status == 409 and "tidak dapat diturunkan di bawah 15" in lowered["detail"]["message"]
    status, _ = admin_call(hub, "PUT", f"/v1/admin/quotas/{PAMULANG}", {"daily_limit": 10, "from_tomorrow": True,
                                                                   "password": ADMIN_PASSWORD})
    assert status == 200
    with connection():
        assert leases.day_limit(PAMULANG, TODAY) == 15
        assert leases.day_limit(PAMULANG, TODAY + timedelta(days=1)) == 10
    for station in (a, b):
        station.close()


def test_a_spoiled_card_uses_a_blanko_and_gives_its_quota_place_back(tmp_path, regency_servers):
    server = office_regency(regency_servers, "sqlite", size=3, low_water=0, blanko_size=10)
    niks = seed_residents(tmp_path, {PAMULANG: 5})[PAMULANG]
    station = counter(server, tmp_path, [PAMULANG], "loket-jam", blanko=10)
    assert Blanko.select().where(Blanko.state == "in_stock").count() == 10
    station.printer_uri = "sim://loket-jam-macet?delay=0&faults=jam@2"
    confirm_readings(station.services.data_dir, station.printer_uri)  # "ERR CARD" confirmed: the jam spoils
    station.print(niks[0])
    with pytest.raises(PrintFailed) as jam:
        station.print(niks[1])
    assert jam.value.card_consumed
    lease = station.services.leases.lease(PAMULANG)
    assert (lease.granted, lease.used, lease.left) == (3, 1, 2)  # the place came back ...
    assert Blanko.select().where(Blanko.state == "in_stock").count() == 8  # ... the blanko did not
    station.round()
    with connection():
        digest = leases.digest(_station_id("loket-jam"))
    assert digest["blanko"] == {"leased": 10, "issued": 1, "spoiled": 1}
    station.close()


def _station_id(name: str) -> str:
    from server.models import Station

    return Station.get(Station.name == name).id


def test_blanko_leased_are_confirmed_when_the_box_arrives(tmp_path, regency_servers):
    server = office_regency(regency_servers, "sqlite", blanko_size=25, blanko_low_water=5)
    niks = seed_residents(tmp_path, {PAMULANG: 2})[PAMULANG]
    with connection():
        leases.receive_blanko("test", 60, "BA-KAB-1")
    station = counter(server, tmp_path, [PAMULANG], "loket-kotak")
    states = {s for (s,) in Blanko.select(Blanko.state).tuples()}
    assert states == {"incoming"} and Blanko.select().count() == 25
    with pytest.raises(UserFacingError) as no_stock:  # on its way is not in stock
        station.print(niks[0])
    assert "Stok blanko" in str(no_stock.value)
    box = station.services.leases.incoming_ranges()[0]
    assert (box.first, box.last) == ("KAB-00000001", "KAB-00000025")
    assert station.confirm_blanko() == 25
    result = station.print(niks[0])
    assert result.blanko_serial == "KAB-00000001"
    station.round()
    with connection():
        from server.models import BlankoRange

        assert BlankoRange.get(BlankoRange.id == box.id).confirmed_at is not None
    # A local receipt is refused: an enrolled station's blanko come from the regency.
    with pytest.raises(UserFacingError) as local:
        station.services.stock.receive(station.supervisor, station.services.stations.require().id, 5, "X")
    assert local.value.code == "blanko_from_regency"
    from desktop.services.audit_verify import verify_chain

    assert verify_chain(station.services.db).ok  # every blanko state explained by an entry
    station.close()


def test_rights_expire_at_local_midnight_even_offline_except_an_unfinished_jobs(tmp_path, regency_servers):
    late = datetime(2026, 11, 23, 23, 58)
    server = office_regency(regency_servers, "sqlite", at=late, size=5)
    niks = seed_residents(tmp_path, {PAMULANG: 4})[PAMULANG]
    from desktop.clock import FixedClock

    station = counter(server, tmp_path, [PAMULANG], "loket-malam", clock=FixedClock(late), blanko=10)
    server.stop()  # offline from here on
    station.print(niks[0])
    services = station.services
    job_id = new_id()
    with services.locks.hold(job_id):  # a card goes into the printer a minute before midnight ...
        services.issuance.prepare(station.operator, PrintRequest(niks[1], **LOST), "sim://x", job_id)
        services.issuance.set_state(job_id, "printing")
    # ... and the station dies with it.
    station.clock.advance(minutes=3)
    assert services.leases.day() == date(2026, 11, 24)
    refused = services.issuance.check(PrintRequest(niks[2], **LOST))
    assert any("belum mendapat hak cetak hari ini" in p for p in refused)
    services.jobs.settle(station.supervisor, job_id, "good")  # the job kept its right past midnight
    card = IssuedCard.get(IssuedCard.job == job_id)
    assert card.day == date(2026, 11, 23)  # filed under its lease's day
    assert services.leases.lease(PAMULANG, date(2026, 11, 23)).used == 2
    assert PrintJob.get(PrintJob.id == job_id).state == "done"
    station.close()


def test_a_station_clock_a_year_wrong_gets_no_lease_and_stops_printing(tmp_path, regency_servers):
    server = office_regency(regency_servers, "sqlite")
    niks = seed_residents(tmp_path, {PAMULANG: 2})[PAMULANG]
    from desktop.clock import FixedClock

    wrong = FixedClock(OFFICE_MORNING + timedelta(days=365))
    station = counter(server, tmp_path, [PAMULANG], "loket-jam-salah", clock=wrong)
    assert QuotaLease.select().count() == 0  # the round went through, without a lease
    refused = station.services.issuance.check(PrintRequest(niks[0], **LOST))
    assert any("Jam komputer ini lebih cepat 365 hari dari jam server kabupaten" in p for p in refused)
    # The server itself refuses a lease to such a clock, whatever the station's code does.
    with pytest.raises(UserFacingError) as skewed:
        station.services.sync.client().post("/v1/leases", {"station_time": wrong.now_utc().isoformat() + "Z"})
    assert skewed.value.code == "clock_skew"
    with connection():
        assert ServerLease.select().count() == 0
    # The command line on a machine whose system clock is a year ahead says the same in one sentence.
    done = run_cli(tmp_path / "loket-jam-salah", "sync", env=cli_env(**faketime_env_offset(365)))
    assert done.returncode == 0, done.stderr
    assert "Hak cetak hari ini: Pamulang 0." in done.stdout
    assert re.search(r"Jam komputer ini lebih cepat 36\d hari dari jam server kabupaten; pencetakan berhenti", done.stdout)
    wrong._at = FixedClock(OFFICE_MORNING).now_local()  # the clock is put right ...
    from desktop.services.clock_confirm import confirm_clock

    confirm_clock(station.services.db, wrong, station.supervisor)  # ... and a supervisor confirms it
    with connection():
        leases.receive_blanko("test", 50, "BA-2")
    station.round()
    station.confirm_blanko()
    assert station.print(niks[0]).blanko_serial.startswith("KAB-")
    station.close()


def test_a_date_moved_on_after_the_handshake_is_measured_against_the_regency(tmp_path, regency_servers):
    """Within one boot the regency's time is known after the handshake (its answer plus the boot clock
    since): ten minutes forward passes the station's own in-boot rule (15 minutes) but not the regency's."""
    from desktop.boottime import BootReading
    from desktop.clock import FixedClock

    server = office_regency(regency_servers, "sqlite")
    niks = seed_residents(tmp_path, {PAMULANG: 2})[PAMULANG]
    clock = FixedClock(OFFICE_MORNING, boot=BootReading("boot-a", 500.0))  # in step with the test regency
    station = counter(server, tmp_path, [PAMULANG], "loket-boot", clock=clock, blanko=5)
    assert station.services.issuance.check(PrintRequest(niks[0], **LOST)) == []
    ahead = station.services.leases.ahead_of_regency()
    clock.advance(minutes=20)  # time really passing keeps the station in step
    assert abs(station.services.leases.ahead_of_regency() - ahead) < 1
    clock.set_date(minutes=10)  # someone moves the date on
    assert abs(station.services.leases.ahead_of_regency() - ahead - 600) < 1
    refused = station.services.issuance.check(PrintRequest(niks[0], **LOST))
    # (the test regency's clock runs on from the office morning: the station starts a little behind it)
    assert any(re.match(r"Jam komputer ini \d+ menit lebih cepat dari jam server kabupaten \(dihitung dari "
                        r"sinkronisasi terakhir", p) for p in refused), refused
    station.close()


def test_a_regency_without_blanko_is_asked_again_only_after_a_while(tmp_path, regency_servers, monkeypatch):
    """A station low on blanko asks in its round; when the regency had none, an idle round does not
    ask again at once (it would cost an exchange a minute), only after BLANKO_SHORT_RETRY."""
    from desktop.sync import leases as station_leases

    monkeypatch.setattr(station_leases, "BLANKO_SHORT_RETRY", timedelta(seconds=30))
    server = office_regency(regency_servers, "sqlite")
    seed_residents(tmp_path, {PAMULANG: 1})
    station = counter(server, tmp_path, [PAMULANG])  # the regency has no blanko at all
    station.round()  # sends the log-ins' audit entries (what was pushed is told in an exchange)

    def exchanges() -> int:
        return server.log_path.read_text().count("/v1/leases")

    before = exchanges()
    station.round()
    station.round()
    assert exchanges() == before
    with connection():
        leases.receive_blanko("test", 30, "BA-KAB-9")
    station.clock.advance(seconds=31)
    station.round()
    assert exchanges() == before + 1
    assert Blanko.select().where(Blanko.state == "incoming").count() > 0
