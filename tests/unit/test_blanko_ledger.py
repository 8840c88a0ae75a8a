"""The station's blanko ledger: the balance over random sequences of real operations on a real SQLite
station, spoilage by reason, the destruction's witnesses, transfers, the list's filters and the trace."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.devices.base import Fault
from desktop.errors import UserFacingError
from desktop.services.audit_verify import verify_chain
from desktop.services.blanko_ledger import LedgerFilter
from desktop.services.issuance import PrintRequest
from desktop.store.models import Approval, Blanko, BlankoMovement
from tests.helpers.command_line import run_main
from tests.helpers.fixtures import add_resident, destroy_spoiled, make_station, write_off

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})
WITNESSES = [("Ani Lestari", "198001012005012001"), ("Budi Santoso", "197905052003121002")]

OPERATIONS = st.lists(st.one_of(
    st.tuples(st.just("receive"), st.integers(1, 6)),
    st.tuples(st.just("print"), st.sampled_from(["good", "spoiled", "nothing"])),
    st.tuples(st.just("spoil"), st.sampled_from(["damaged", "chip_failed", "data_changed", "calibration"])),
    st.tuples(st.just("destroy"), st.just(0)),
    st.tuples(st.just("transfer"), st.integers(1, 3)),
), max_size=14)


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Card data for a print job needs a Qt application (as tests/unit/test_issuance.py)."""


def _do(station, station_id: str, op: str, arg, serial: list[int]) -> None:
    s = station.services
    try:
        if op == "receive":
            s.stock.receive(station.supervisor, station_id, arg, f"BA-{uuid.uuid4().hex[:8]}")
        elif op == "print":
            serial[0] += 1
            nik = add_resident(serial=serial[0])
            ticket = s.issuance.prepare(station.operator, PrintRequest(nik, **LOST), "sim://ledger")
            if arg == "good":
                s.issuance.complete(station.operator, ticket)
            else:
                s.issuance.fail(station.operator, ticket, Fault.JAM, "jam", card_consumed=arg == "spoiled")
        elif op == "spoil":
            write_off(station, station_id, arg)
        elif op == "destroy":
            destroy_spoiled(station, station_id, WITNESSES)
        elif op == "transfer":
            stock = [b.serial for b in Blanko.select().where(Blanko.state == "in_stock").order_by(Blanko.serial)]
            if len(stock) >= arg:
                s.blanko_ledger.transfer_out(station.supervisor, station_id, stock[0], stock[arg - 1], "PML-02")
    except UserFacingError:
        pass  # refused (no stock, nothing to destroy): the refusal changes nothing, the balance still holds


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPERATIONS)
def test_the_station_balance_holds_after_any_sequence_of_operations(tmp_path_factory, ops):
    station = make_station(tmp_path_factory.mktemp("ledger"), blanko=4)
    try:
        station_id = station.services.stations.require().id
        serial = [0]
        balance = station.services.blanko_ledger.balance(station_id)
        assert balance.holds and balance.received == balance.in_stock == 4
        for op, arg in ops:
            _do(station, station_id, op, arg, serial)
            balance = station.services.blanko_ledger.balance(station_id)
            assert balance.holds, (op, arg, balance)
        summary = station.services.stock.summary(station_id)
        assert station.services.stock.in_stock(station_id) == summary.in_stock  # the counter's quick count
        assert balance.in_stock == summary.in_stock + summary.reserved
        assert balance.awaiting_destruction == summary.spoiled
        assert balance.destroyed == summary.destroyed
        assert sum(balance.spoiled_by_reason.values()) == balance.spoiled
        # Every new state is explained by the audit chain (destroyed and transferred included).
        assert verify_chain(station.services.db).ok
    finally:
        station.services.close()


def test_spoilage_by_reason_and_destruction_before_two_witnesses(station):
    ledger, sid = station.services.blanko_ledger, station.services.stations.require().id
    assert write_off(station, sid, "chip_failed", note="UID tidak terbaca") == "BLK-0000001"
    write_off(station, sid, "calibration", serial="BLK-0000005")
    with pytest.raises(UserFacingError, match="penyebab"):
        ledger.spoil(station.supervisor, sid, "lupa")
    with pytest.raises(UserFacingError):
        ledger.spoil(station.operator, sid, "damaged")
    with pytest.raises(UserFacingError, match="sedikitnya 2"):
        ledger.destroy(station.supervisor, sid, WITNESSES[:1])
    with pytest.raises(UserFacingError, match="NIP 18 angka"):
        ledger.destroy(station.supervisor, sid, [("Ani", "12345"), WITNESSES[1]])
    balance = ledger.balance(sid)
    assert (balance.spoiled, balance.destroyed, balance.awaiting_destruction) == (2, 0, 2)
    assert balance.spoiled_by_reason == {"chip_failed": 1, "calibration": 1}
    assert destroy_spoiled(station, sid, WITNESSES) == ["BLK-0000001", "BLK-0000005"]
    balance = ledger.balance(sid)
    assert (balance.spoiled, balance.destroyed, balance.awaiting_destruction, balance.holds) == (2, 2, 0, True)
    with pytest.raises(UserFacingError, match="Tidak ada blanko rusak"):
        destroy_spoiled(station, sid, WITNESSES)
    row = BlankoMovement.get(BlankoMovement.kind == "destroy")
    assert json.loads(row.witnesses)[0] == {"name": "Ani Lestari", "nip": "198001012005012001"}
    assert row.approval_id == Approval.get(Approval.kind == "destruction").id


def test_a_serial_is_traced_from_receipt_to_its_end_and_the_list_filters(station):
    ledger, sid = station.services.blanko_ledger, station.services.stations.require().id
    station.services.stock.receive(station.supervisor, sid, 6, "BA-2026-002", requested=10, box_first="PERURI-A100",
                                   box_last="PERURI-A105")
    write_off(station, sid, "damaged", serial="BLK-0000011")
    destroy_spoiled(station, sid, WITNESSES)
    assert ledger.transfer_out(station.supervisor, sid, "BLK-0000002", "BLK-0000003", "PML-02") == 2
    steps = ledger.trace("blk-0000011")
    assert [s.kind for s in steps] == ["receipt", "spoil", "destroy"]
    assert "diminta 10" in steps[0].detail and "PERURI-A100 s.d. PERURI-A105" in steps[0].detail
    assert steps[1].username == "supervisor" and steps[1].reason_code == "damaged"
    assert "Ani Lestari (198001012005012001)" in steps[2].detail
    assert [s.kind for s in ledger.trace("BLK-0000003")] == ["receipt", "transfer_out"]
    assert ledger.trace("BLK-9999999") == []
    assert [r.kind for r in ledger.movements(sid, LedgerFilter(kinds=("spoil",)))] == ["spoil"]
    assert [r.serial for r in ledger.movements(sid, LedgerFilter(reason="damaged"))] == ["BLK-0000011"]
    assert {r.serial for r in ledger.movements(sid, LedgerFilter(serial="BLK-000000"))} == {"BLK-0000002",
                                                                                            "BLK-0000003"}
    today = station.clock.today()
    assert ledger.count(sid, LedgerFilter(since=today, until=today)) == ledger.count(sid) == 6
    assert ledger.count(sid, LedgerFilter(until=today.replace(year=today.year - 1))) == 0
    with pytest.raises(UserFacingError, match="tidak ada di stok"):
        ledger.transfer_out(station.supervisor, sid, "BLK-0000002", "BLK-0000002", "PML-02")


def test_the_command_line_lists_traces_spoils_and_destroys(station):
    data = station.services.data_dir
    station.services.close()
    password = {"KTP_MANDIRI_PASSWORD": "supervisor123", "KTP_MANDIRI_APPROVER_PASSWORD": "admin12345"}
    alone = run_main(data, "blanko", "spoil", "--reason", "damaged", "--user", "supervisor")
    assert alone.returncode == 2 and "--approver" in alone.stderr
    own = run_main(data, "blanko", "spoil", "--reason", "damaged", "--user", "supervisor", "--approver", "supervisor",
                   **{**password, "KTP_MANDIRI_APPROVER_PASSWORD": "supervisor123"})
    assert own.returncode != 0 and "tidak dapat menyetujui permintaannya sendiri" in own.stderr
    spoiled = run_main(data, "blanko", "spoil", "--reason", "damaged", "--user", "supervisor", "--approver", "admin",
                       **password)
    assert spoiled.stdout.strip() == "Blanko BLK-0000001 dicatat rusak (damaged), disetujui admin; menunggu dimusnahkan."
    one = run_main(data, "blanko", "destroy", "--witness", "Ani Lestari:198001012005012001", "--user", "supervisor",
                   "--approver", "admin", **password)
    assert one.returncode != 0 and "sedikitnya 2" in one.stderr
    done = run_main(data, "blanko", "destroy", "--witness", "Ani Lestari:198001012005012001",
                    "--witness", "Budi Santoso:197905052003121002", "--user", "supervisor", "--approver", "admin",
                    **password)
    assert done.stdout.strip() == "1 blanko rusak dicatat dimusnahkan, disetujui admin: BLK-0000001."
    listed = run_main(data, "blanko", "ledger")
    assert listed.returncode == 0
    assert listed.stdout.splitlines()[0] == ("Diterima 10, dipindahkan keluar 0, tercetak 0, rusak 1 (dimusnahkan 1, "
                                             "menunggu dimusnahkan 0); di stok 9, dalam pengiriman 0.")
    as_json = json.loads(run_main(data, "blanko", "ledger", "--json", "--kind", "destroy").stdout)
    assert as_json["balance"]["holds"] is True and as_json["total"] == 1
    assert as_json["movements"][0]["serial"] == "BLK-0000001"
    trace = run_main(data, "blanko", "trace", "BLK-0000001").stdout.splitlines()
    assert [line.split()[2] for line in trace] == ["receipt", "spoil", "destroy"]
    unknown = run_main(data, "blanko", "trace", "BLK-0009999")
    assert unknown.returncode != 0 and "tidak tercatat di stasiun ini" in unknown.stderr
