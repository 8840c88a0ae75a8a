"""The queue of a hub against a real regency server (issue 25): two stations of one kecamatan count only
their share of its pool as places, and their waiting tickets hold rights before the network goes."""

from __future__ import annotations

import pytest

from desktop.devices.simulator import forget_simulators
from desktop.store.models import QueueTicket, QuotaLease
from desktop.sync.client import SyncError
from server import registry
from server.db import connection
from tests.helpers.leases import Counter, counter, office_regency, seed_residents

PAMULANG = "36.74.06"
QUOTA = 30


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""
    yield
    forget_simulators()


def issue_until_turned_away(station: Counter) -> int:
    """Tickets the station issues until it turns a citizen away."""
    queue = station.use().queue
    issued = 0
    while hasattr(queue.issue(station.operator, "baru"), "ticket"):
        issued += 1
        assert issued <= QUOTA, "a station issued more tickets than the kecamatan's quota"
    return issued


def hub_station(server, tmp_path, name: str) -> Counter:
    station = counter(server, tmp_path, [PAMULANG], name, blanko=40)
    station.services.queue.ready_printers = lambda uri=station.printer_uri: [uri]  # one ready printer each
    return station


def test_two_stations_of_a_hub_issue_no_more_tickets_than_the_quota_and_keep_them_offline(tmp_path, regency_servers):
    server = office_regency(regency_servers, "sqlite", size=5, low_water=1, blanko_size=40)
    seed_residents(tmp_path, {PAMULANG: 1})  # the operators
    with connection():
        registry.set_quota("test", PAMULANG, QUOTA)
    a = hub_station(server, tmp_path, "loket-antre-a")
    b = hub_station(server, tmp_path, "loket-antre-b")
    a.round()  # A's share follows the hub's stations at its next round (B was not enrolled at A's first)
    # Each holds the lease size and counts its half of the quota as places, not the whole pool.
    for station in (a, b):
        station.use()
        assert station.lease(PAMULANG).left == 5 and QuotaLease.get(QuotaLease.kecamatan_code == PAMULANG).share == 10
    assert (a.use().queue.places().rights, b.use().queue.places().rights) == (15, 15)

    issued = issue_until_turned_away(a) + issue_until_turned_away(b)
    assert issued == QUOTA  # every place obtainable was given, and not one more
    # The next rounds ask for the rights the waiting tickets need: the server grants them from the pool.
    for station in (a, b, a, b):
        station.round()
    assert issue_until_turned_away(a) + issue_until_turned_away(b) == 0  # still not one ticket past the quota
    assert (a.lease(PAMULANG).left, b.lease(PAMULANG).left) == (15, 15)  # each waiting ticket backed by a right

    server.stop()  # the network goes
    for station in (a, b):
        station.use()
        with pytest.raises(SyncError):
            station.services.sync.round()
        assert station.services.queue.recheck() == []  # nobody loses a place
        assert QueueTicket.select().where(QueueTicket.status == "waiting").count() == 15
        assert station.services.queue.places().rights == 15  # the rights held only
    for station in (a, b):
        station.close()
