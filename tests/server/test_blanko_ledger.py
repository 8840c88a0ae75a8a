"""The regency's blanko ledger on the server's SQLite back end: the balance of the regency and of every
station over random sequences of real operations (receipts, allocations, range leases through the
lease exchange, boxes confirmed, cards issued, spoilage and destruction pushed as a station pushes
them, transfers, a revoked station written off), the allocation cap, the CLI and the trace."""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.leases import regency_serial
from server import blanko_ledger, leases, push, registry
from server.db import connection
from server.errors import ApiError
from server.models import BlankoRange, Station, utcnow
from tests.helpers.regency import new_regency

PAMULANG, SETU = "36.74.06", "36.74.07"

OPERATIONS = st.lists(st.one_of(
    st.tuples(st.just("receive"), st.integers(1, 12), st.just(0)),
    st.tuples(st.just("allocate"), st.sampled_from([PAMULANG, SETU, "hub"]), st.integers(-4, 12)),
    st.tuples(st.just("lease"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("confirm"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("issue"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("spoil"), st.integers(0, 2), st.sampled_from(["damaged", "print_failed:jam"])),
    st.tuples(st.just("destroy"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("transfer"), st.integers(0, 2), st.integers(1, 3)),
    st.tuples(st.just("revoke"), st.integers(0, 2), st.just(0)),
), max_size=24)


class Regency:
    """Three stations (two of Pamulang, one hub of Pamulang and Setu) driven through the server's code."""

    def __init__(self) -> None:
        registry.add_station("test", "Loket Pamulang 1", [PAMULANG])
        registry.add_station("test", "Loket Pamulang 2", [PAMULANG])
        registry.add_station("test", "Hub Setu", [SETU, PAMULANG])
        self.stations = list(Station.select().order_by(Station.created_at, Station.code))
        self.seq = {s.id: 0 for s in self.stations}
        self.destroyed: set[str] = set()

    def station(self, n: int) -> Station:
        return Station.get(Station.id == self.stations[n].id)

    def push(self, station: Station, events: list[dict]) -> None:
        self.seq[station.id] += 1
        push.apply_batch(station.id, uuid.uuid4().hex, self.seq[station.id], [
            {"id": uuid.uuid4().hex, "at": utcnow().isoformat() + "Z", **e} for e in events])

    def on_hand(self, station: Station, confirmed: bool = True) -> list[str]:
        """Serials the station holds by the regency's records (in its arrived boxes)."""
        held = blanko_ledger._held(station.id) - blanko_ledger._ended(station.id)
        if confirmed:
            held &= {n for r in BlankoRange.select().where((BlankoRange.station == station.id)
                                                           & BlankoRange.confirmed_at.is_null(False))
                     for n in range(r.first_number, r.last_number + 1)}
        return [regency_serial(n) for n in sorted(held)]

    def do(self, op: str, a, b) -> None:
        if op == "receive":
            leases.receive_blanko("test", a, f"BA-{uuid.uuid4().hex[:6]}", requested=a + 3)
        elif op == "allocate":
            holder = self.station(2).code if a == "hub" else a
            blanko_ledger.allocate("test", holder, b)
        elif op == "lease":
            station = self.station(a)
            if station.revoked_at is None:
                leases.exchange(station, {"station_time": utcnow().isoformat() + "Z", "blanko": {"usable": 0}},
                                registry.generation())
        elif op == "confirm":
            station = self.station(a)
            for r in BlankoRange.select().where((BlankoRange.station == station.id)
                                                & BlankoRange.confirmed_at.is_null()):
                self.push(station, [{"entity": "blanko_range", "entity_id": r.id, "op": "confirm", "data": {}}])
        elif op == "issue" and self.on_hand(self.station(a)):
            station = self.station(a)
            self.push(station, [{"entity": "issued_card", "entity_id": uuid.uuid4().hex, "op": "insert", "data": {
                "nik": "3674064508900001", "kecamatan": PAMULANG, "day": date.today().isoformat(),
                "blanko": self.on_hand(station)[0], "reason": "hilang", "issued_at": utcnow().isoformat()}}])
        elif op == "spoil" and self.on_hand(self.station(a)):
            station = self.station(a)
            self.push(station, [_movement("spoil", self.on_hand(station)[0], b)])
        elif op == "destroy":
            station = self.station(a)
            spoiled = [s["first"] for s in blanko_ledger.movements(("spoil",), station.code)
                       if s["first"] not in self.destroyed]
            if spoiled:
                self.destroyed.add(spoiled[0])
                self.push(station, [_movement("destroy", spoiled[0], None)])
        elif op == "transfer":
            source, target = self.station(a), self.station((a + 1) % 3)
            stock = self.on_hand(source, confirmed=False)
            if len(stock) >= b and target.revoked_at is None:
                blanko_ledger.transfer("test", source.code, target.code, stock[0], stock[b - 1])
        elif op == "revoke":
            registry.revoke_station("test", self.station(a).code)
            blanko_ledger.write_off_revoked("test", self.station(a).code)


def _movement(kind: str, serial: str, reason: str | None) -> dict:
    return {"entity": "blanko_movement", "entity_id": uuid.uuid4().hex, "op": "insert",
            "data": {"kind": kind, "quantity": 1, "blanko": serial, "reason": reason, "at": utcnow().isoformat()}}


@pytest.fixture
def fresh_regency(request, tmp_path_factory):
    return lambda: new_regency("sqlite", tmp_path_factory.mktemp("regency"), request)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPERATIONS)
def test_every_holder_balances_after_any_sequence_of_operations(fresh_regency, ops):
    fresh_regency()
    with connection():
        leases.set_settings("test", blanko_size=8)
        regency = Regency()
        for op, a, b in [("receive", 12, 0), ("lease", 0, 0), ("confirm", 0, 0), *ops]:
            # Refused (an allocation below what is leased, a transfer to itself): nothing changed.
            with contextlib.suppress(ApiError):
                regency.do(op, a, b)
            for balance in blanko_ledger.balances():
                assert balance.holds, (op, a, b, balance)
        # The allocation is a cap the range leases respected.
        for allocation in blanko_ledger.allocations():
            assert allocation["leased"] <= allocation["allocated"]
        stations = [b for b in blanko_ledger.balances() if b.holder != blanko_ledger.REGENCY]
        assert sum(b.transferred_in for b in stations) == sum(b.transferred_out for b in stations)


def test_allocation_caps_the_range_leases_and_a_receipt_keeps_what_was_requested(fresh_regency):
    regency_ = fresh_regency()
    with connection():
        leases.set_settings("test", blanko_size=50)
        regency = Regency()
        assert regency_.cli("blanko", "receive", "6000", "--batch", "BA-PUSAT-1", "--requested", "10000",
                            "--box-first", "PERURI-880001", "--box-last", "PERURI-886000").stdout.splitlines()[0] == (
            "Blanko KAB-00000001 s.d. KAB-00006000 dicatat (6000, 4000 kurang dari yang diminta).")
        blanko_ledger.allocate("test", PAMULANG, 70)
        body = {"station_time": utcnow().isoformat() + "Z", "blanko": {"usable": 0}}
        first = leases.exchange(regency.station(0), body, registry.generation())
        assert [r["count"] for r in first["ranges"]] == [50]
        regency.do("confirm", 0, 0)
        second = leases.exchange(regency.station(1), body, registry.generation())
        assert [r["count"] for r in second["ranges"]] == [20]  # the rest of Pamulang's 70
        regency.do("confirm", 1, 0)
        third = leases.exchange(regency.station(1), body, registry.generation())
        assert third["ranges"] == [] and third["blanko_short"] is True
        # The hub of Setu draws on Setu's allocation, which is none.
        assert leases.exchange(regency.station(2), body, registry.generation())["blanko_short"] is True
        with pytest.raises(ApiError, match="di bawah 70"):
            blanko_ledger.allocate("test", PAMULANG, -1)
        trace = blanko_ledger.trace("KAB-00000051")
        assert [s["kind"] for s in trace] == ["receipt", "lease", "arrived"]
        assert "6000 dari 10000" in trace[0]["detail"] and "PERURI-880001 s.d. PERURI-886000" in trace[0]["detail"]
        assert trace[1]["holder"] == regency.station(1).code


def test_cli_ledger_and_trace_follow_a_transfer_and_a_destruction(fresh_regency):
    regency_ = fresh_regency()
    with connection():
        regency = Regency()
        leases.receive_blanko("test", 20, "BA-1")
        regency.do("lease", 0, 0)
        regency.do("confirm", 0, 0)
        regency.do("spoil", 0, "chip_failed")
        regency.do("destroy", 0, 0)
        a, b = regency.station(0).code, regency.station(1).code
    out = regency_.cli("blanko", "transfer", a, b, "KAB-00000002", "KAB-00000004").stdout
    assert f"dipindahkan dari {a} ke {b}" in out
    refused = regency_.cli("blanko", "transfer", a, b, "KAB-00000001", "KAB-00000001", check=False)
    assert refused.returncode != 0 and "tidak ada di stok" in refused.stderr
    ledger = json.loads(regency_.cli("blanko", "ledger", "--json").stdout)
    by_holder = {b_["holder"]: b_ for b_ in ledger["balances"]}
    assert all(b_["holds"] for b_ in ledger["balances"])
    assert (by_holder[a]["spoiled"], by_holder[a]["destroyed"], by_holder[a]["transferred_out"]) == (1, 1, 3)
    assert by_holder[b]["transferred_in"] == 3 and by_holder[b]["incoming"] == 3
    kinds = json.loads(regency_.cli("blanko", "ledger", "--json", "--kind", "transfer").stdout)["movements"]
    assert [m["kind"] for m in kinds] == ["transfer"]
    trace = regency_.cli("blanko", "trace", "KAB-00000001").stdout.splitlines()
    assert [line.split()[2] for line in trace] == ["receipt", "lease", "arrived", "spoil", "destroy"]
    moved = regency_.cli("blanko", "trace", "KAB-00000003").stdout
    assert "transfer" in moved and f"{a} -> {b}" in moved
