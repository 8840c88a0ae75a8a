"""A server restored from a backup older than the leases stations hold, and counts that drift apart:
a restored server grants nothing new until every station has reported, a station reports before it
prints more, and each round's digest finds a count changed behind the protocol's back."""

from __future__ import annotations

import shutil
import uuid
from datetime import date

import pytest

from desktop.devices.simulator import forget_simulators
from desktop.services.leases import K_REPORT, drift_message
from desktop.store.models import Setting
from desktop.sync.client import SyncError
from server import leases
from server.db import connection
from server.models import AuditEntry
from server.models import IssuedCard as ServerCard
from server.models import Station as ServerStation
from tests.harness.fault_proxy import proxied
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.leases import counter, office_regency, seed_residents

PAMULANG = "36.74.06"
TODAY = OFFICE_MORNING.date()


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    yield
    forget_simulators()


def held(kecamatan: str = PAMULANG, day: date = TODAY) -> int:
    with connection():
        return leases.leased_total(kecamatan, day)


def test_a_restored_server_waits_for_every_station_before_granting_again(tmp_path, regency_servers):
    server = office_regency(regency_servers, "sqlite", size=5, low_water=1, blanko_size=30)
    niks = seed_residents(tmp_path, {PAMULANG: 20})[PAMULANG]
    with connection():
        leases.receive_blanko("test", 60, "BA-1")
    with proxied(server.port) as link:  # A reaches the server through a link a test can break
        server_url, server.port = server.port, link.port
        a = counter(server, tmp_path, [PAMULANG], "loket-a")
        server.port = server_url
        b = counter(server, tmp_path, [PAMULANG], "loket-b")
        for station in (a, b):
            station.confirm_blanko()
        assert held() == 10
        server.stop()
        database_file = server.database_url.removeprefix("sqlite:///")
        shutil.copy(database_file, tmp_path / "backup.sqlite3")  # last night's backup
        server.start()
        for nik in niks[:5]:
            a.print(nik)
        a.round()  # rights granted after the backup: 5 more
        assert a.lease(PAMULANG).granted == 10 and held() == 15

        server.stop()  # the server's disk dies; the backup is restored
        shutil.copy(tmp_path / "backup.sqlite3", database_file)
        server.cli("restored")
        server.bind()
        server.start()
        assert held() == 5 + 5  # the backup knows of 10 rights, the stations hold 15
        b.print(niks[5])  # B has not heard of the restore: it prints what it holds, nothing more

        # A learns of the restore, but its report does not get through: it prints nothing meanwhile.
        link.proxy.script("/v1/leases", "cut_reply")
        with pytest.raises(SyncError) as cut:
            a.round()
        assert cut.value.code == "offline"
        assert link.proxy.scripted == [] and link.proxy.counts["cut_reply"] == 1
        a.use()
        assert Setting.get_or_none(Setting.key == K_REPORT) is not None
        refused = a.check(niks[6])
        assert any("Server kabupaten baru dipulihkan dari cadangan" in p for p in refused)

        a.round()  # the report reaches the server: what A holds counts again; B has not reported yet
        assert held() == 15
        with connection():
            assert [s.code for s in leases.stations_to_report()] != []
        assert a.lease(PAMULANG).left == 5  # A prints what it holds ...
        for nik in niks[6:11]:
            a.print(nik)
        a.round()
        assert a.lease(PAMULANG).granted == 10  # ... but gets nothing new while B may hold rights
        assert held() == 15

        b.round()  # B reports: the wait ends
        with connection():
            assert leases.stations_to_report() == []
            actions = [e.action for e in AuditEntry.select().order_by(AuditEntry.id)]
        assert "restore.leases_resumed" in actions
        a.round()
        assert a.lease(PAMULANG).granted == 15
        with connection():
            cards = ServerCard.select().where(ServerCard.day == TODAY).count()
        assert cards == 11  # A's 10 and B's 1, each once, although A's first 5 were sent twice
        assert held() == sum(s.lease(PAMULANG).granted - s.lease(PAMULANG).returned for s in (a, b))
        # Outside a restore a station's report of what it holds makes no rights.
        before = held()
        a.use().sync.client().post("/v1/leases", {
            "station_time": a.clock.now_utc().isoformat() + "Z",
            "report": {"leases": [{"kecamatan": PAMULANG, "day": TODAY.isoformat(), "granted": 999, "returned": 0,
                                   "used": 0}], "ranges": []}})
        assert held() == before
        for station in (a, b):
            station.close()
    server.stop()


def test_a_count_corrupted_on_the_server_is_repaired_or_raised_to_the_supervisor(tmp_path, regency_servers):
    server = office_regency(regency_servers, "sqlite")
    niks = seed_residents(tmp_path, {PAMULANG: 3})[PAMULANG]
    a = counter(server, tmp_path, [PAMULANG], "loket-a", blanko=20)
    for nik in niks[:2]:
        a.print(nik)
    a.round()
    with connection():
        station = ServerStation.get(ServerStation.name == "loket-a")
        lost = ServerCard.select().where(ServerCard.station == station.id).first()
        ServerCard.delete().where(ServerCard.id == lost.id).execute()  # a row lost on the server
    a.round()  # the digest differs, the station sends its cards again: repaired, nothing to raise
    with connection():
        assert ServerCard.select().where(ServerCard.station == station.id).count() == 2
    assert a.use().leases.status(("36.74.06",)).drift is None

    with connection():  # a card the station never printed appears on the server
        ServerCard.create(id=str(uuid.uuid4()), station=station.id, nik=niks[2], kecamatan_code=PAMULANG,
                          day=TODAY, blanko_serial="KAB-99999999", reason="baru", issued_at="x")
    a.round()
    drift = a.use().leases.status((PAMULANG,)).drift
    assert drift["differences"] == [
        {"what": "cards", "key": f"{TODAY.isoformat()}|{PAMULANG}", "station": 2, "server": 3},
        {"what": "blanko", "key": "issued", "station": 2, "server": 3}]
    sentence = drift_message(drift)
    assert sentence.startswith("Hitungan stasiun ini berbeda dari server kabupaten setelah dikirim ulang")
    assert "stasiun 2, server 3" in sentence
    # The office panel shows it in red with the same sentence.
    from tests.server.test_one_regency_station import _panel

    panel = _panel(a.use())
    assert panel.level == "red" and sentence in panel.reasons
    with connection():
        assert ServerStation.get(ServerStation.id == station.id).drift is not None
        assert AuditEntry.select().where(AuditEntry.action == "station.drift").count() == 1
    a.close()
