"""A restored enrolled station gets back, from the regency's copy, the cards it printed after the
restored point (`GET /v1/own-events`, station token, its own events only); newer local records are
never overwritten; the restored chain still waits for the regency's re-anchoring."""

from __future__ import annotations

import shutil

import pytest

from desktop.composition import build_services
from desktop.errors import UserFacingError
from desktop.services.audit_verify import verify_chain
from desktop.store.files import DB_FILENAME
from desktop.store.models import Blanko, IssuedCard
from desktop.sync.client import SyncError
from desktop.sync.own_events import recover_cards
from tests.helpers.fixtures import PAMULANG
from tests.helpers.leases import OPERATOR, PASSWORD, SUPERVISOR, counter, office_regency, seed_residents
from tests.server.test_protocol import call, enrolled_station


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""


def backed_up_then_restored(tmp_path, station, first: str, later: list[str]) -> tuple:
    """The README's restore: a copy of the data folder after `first` was printed and synced, the `later`
    NIKs printed and synced (the regency holds their cards), then the copy put back in place. Returns
    the restored station's services and the later print results."""
    data = station.services.data_dir
    station.print(first)
    station.round()
    station.close()
    shutil.copytree(data, tmp_path / "copy", ignore=shutil.ignore_patterns("*-shm", "jobs"))
    station.services = build_services(data, clock=station.clock)
    printed = [station.print(nik) for nik in later]
    station.round()  # the regency now holds the later cards
    station.close()
    for name in (DB_FILENAME, f"{DB_FILENAME}-wal"):  # the copy in place
        (data / name).unlink(missing_ok=True)
        if (tmp_path / "copy" / name).exists():
            shutil.copy(tmp_path / "copy" / name, data / name)
    station.services = build_services(data, clock=station.clock)
    return station.services, printed


def test_cards_after_the_restored_point_come_back_from_the_regency(tmp_path, regency_servers):
    server = office_regency(regency_servers, "sqlite")
    niks = seed_residents(tmp_path, {PAMULANG: 4})[PAMULANG]
    station = counter(server, tmp_path, [PAMULANG], "loket-pulih", blanko=10)
    services, later = backed_up_then_restored(tmp_path, station, niks[0], [niks[1], niks[2]])
    supervisor = services.auth.login(SUPERVISOR, PASSWORD)
    assert {b.serial for b in Blanko.select().where(Blanko.state == "in_stock")} >= {r.blanko_serial for r in later}
    accepted = services.head_mark.accept(supervisor)
    done = recover_cards(services.db, services.clock, services.sync.client(), supervisor, accepted.database_seq)

    assert sorted(done.cards) == sorted(r.blanko_serial for r in later) and done.skipped == []
    assert {c.nik for c in IssuedCard.select()} == {niks[0], niks[1], niks[2]}
    assert all(Blanko.get(Blanko.serial == r.blanko_serial).state == "issued" for r in later)
    assert verify_chain(services.db).ok
    assert any("sudah dicetak" in p for p in station.check(niks[1]))  # not printed a second time

    again = recover_cards(services.db, services.clock, services.sync.client(), supervisor, accepted.database_seq)
    assert again.cards == [] and all("sudah tercatat" in s for s in again.skipped)  # nothing overwritten
    with pytest.raises(SyncError) as refused:  # the restored chain: the regency re-anchors it first
        services.sync.round()
    assert refused.value.code == "audit_chain_broken"
    services.close()


@pytest.mark.parametrize("regency", ["sqlite"], indirect=True)
def test_own_events_are_a_stations_own_and_need_an_entry_the_regency_holds(regency):
    token, installation = enrolled_station(regency)
    status, reply = call(regency.url + "/v1/own-events?after=no-such-entry", "GET", None, token, installation)
    assert (status, reply["detail"]["code"]) == (404, "not_found")
    status, reply = call(regency.url + "/v1/own-events?after=x", "GET", None)
    assert (status, reply["detail"]["code"]) == (401, "unauthenticated")


def test_the_windows_accept_fetches_the_cards_and_an_unreachable_regency_leaves_the_fetch_due(tmp_path,
                                                                                              regency_servers):
    """The GUI's operations (desktop/ui/operations/restore.py): the accept marks the fetch due, the fetch on
    the sync lane fails with the sentence naming `audit fetch-own` while the regency is down, and succeeds
    once it is back (the due mark then cleared)."""
    from desktop.settings import OWN_EVENTS_DUE
    from desktop.ui.operations.restore import accept_restore, fetch_own_cards

    server = office_regency(regency_servers, "sqlite")
    niks = seed_residents(tmp_path, {PAMULANG: 3})[PAMULANG]
    station = counter(server, tmp_path, [PAMULANG], "loket-tunda", blanko=10)
    services, (later,) = backed_up_then_restored(tmp_path, station, niks[0], [niks[1]])
    supervisor = services.auth.login(SUPERVISOR, PASSWORD)

    server.stop()
    try:
        assert accept_restore(services, supervisor).work() is not None
        with pytest.raises(UserFacingError) as unreachable:
            fetch_own_cards(services, supervisor).work()
        assert "ktp-mandiri audit fetch-own --user NAMA" in str(unreachable.value)
        assert OWN_EVENTS_DUE.get() is not None
    finally:
        server.start()
    said = fetch_own_cards(services, supervisor).work()
    assert said[0].startswith(f"Dari server kabupaten: 1 kartu sesudah titik pemulihan dicatat lagi ({later.blanko_serial})")
    assert OWN_EVENTS_DUE.get() is None and fetch_own_cards(services, supervisor).work() is None
    assert Blanko.get(Blanko.serial == later.blanko_serial).state == "issued"
    services.close()


def test_a_restore_accepted_offline_gets_its_cards_at_the_next_round_after_the_count(tmp_path, regency_servers):
    """The regency out of reach at the accept: the supervisor counts the blanko (the later card's blanko is
    not at hand: booked missing), prints again; a round while still offline leaves the fetch due; the
    first round that reaches the regency fetches the card back (before its push, which the regency refuses
    to the restored chain until re-anchored), undoes the missing booking, and leaves the newer card alone."""
    from desktop.services import restore_count
    from desktop.services.blanko_ledger import BlankoLedgerService
    from desktop.settings import OWN_EVENTS_DUE, SYNC_STATION_CODE
    from desktop.ui.operations.restore import accept_restore, fetch_own_cards
    from server import registry
    from server.db import connection
    from server.models import BlankoSpoil

    server = office_regency(regency_servers, "sqlite")
    niks = seed_residents(tmp_path, {PAMULANG: 4})[PAMULANG]
    station = counter(server, tmp_path, [PAMULANG], "loket-luring", blanko=10)
    services, (later,) = backed_up_then_restored(tmp_path, station, niks[0], [niks[1]])
    supervisor = station.supervisor = services.auth.login(SUPERVISOR, PASSWORD)
    station.operator = services.auth.login(OPERATOR, PASSWORD)

    server.stop()
    try:
        assert accept_restore(services, supervisor).work() is not None  # the accept, offline
        with pytest.raises(UserFacingError):
            fetch_own_cards(services, supervisor).work()
        station_id = services.stations.require().id
        at_hand = [s for s in restore_count.in_stock(station_id) if s != later.blanko_serial]
        counted = restore_count.record_count(services.db, services.clock, supervisor, station_id, at_hand)
        assert counted.missing == [later.blanko_serial]
        newer = station.print(niks[2])  # printing goes on offline
        with pytest.raises(SyncError) as offline:
            station.round()
        assert offline.value.code == "offline" and OWN_EVENTS_DUE.get() is not None  # due: retried
    finally:
        server.start()

    with pytest.raises(SyncError) as refused:  # the push: the restored chain waits for the re-anchor
        station.round()
    assert refused.value.code == "audit_chain_broken"
    assert OWN_EVENTS_DUE.get() is None  # ... but the cards came back first
    card = IssuedCard.get(IssuedCard.nik == niks[1])
    assert card.blanko.serial == later.blanko_serial and card.blanko.state == "issued"
    assert Blanko.get(Blanko.serial == newer.blanko_serial).state == "issued"  # the newer local card stays
    assert IssuedCard.select().where(IssuedCard.nik == niks[2]).count() == 1
    ledger = BlankoLedgerService(services.db, services.clock)
    balance = ledger.balance(station_id)
    assert balance.holds and balance.spoiled_by_reason.get("missing_after_restore", 0) == 0
    moves = [(row.kind, row.quantity, row.reason) for row in ledger.trace(later.blanko_serial)]
    assert {("spoil", 1, "missing_after_restore"), ("spoil", -1, "missing_after_restore"),
            ("issue", 1, "recovered_from_regency")} <= set(moves)
    assert verify_chain(services.db).ok
    assert any("sudah dicetak" in p for p in station.check(niks[1]))

    with connection():
        registry.reanchor_station("admin:test", SYNC_STATION_CODE.get())
    report = station.round()  # re-anchored: the round goes through, nothing is fetched twice
    assert report.recovered == []
    assert IssuedCard.select().where(IssuedCard.nik == niks[1]).count() == 1
    with connection():  # the regency saw the booking and its undoing: the blanko is not spoiled there
        assert not BlankoSpoil.select().where(BlankoSpoil.serial == later.blanko_serial).exists()
    services.close()
