"""Issuing a card through the real driver on the simulator: bookkeeping of blanko, quota and jobs."""

from __future__ import annotations

import json
import uuid

import numpy as np
import pytest

from desktop.devices.base import Fault
from desktop.devices.registry import open_printer, profile_dir_in
from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.errors import UserFacingError
from desktop.services.issuance import PrintFailed, PrintRequest
from desktop.store.models import Blanko, BlankoMovement, IssuedCard, Outbox, PrintJob
from tests.helpers.fixtures import PAMULANG, add_resident, make_station
from tests.helpers.usb_fake import confirm_readings

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application; pytest-qt's keeps it a QApplication for the GUI tests."""


@pytest.fixture
def sim():
    name = f"unit-{uuid.uuid4().hex[:8]}"
    printer = open_printer(f"sim://{name}")
    yield printer, get_simulator(name)
    printer.close()
    forget_simulators()


def test_good_card_is_issued_and_counted(station, sim):
    printer, simulator = sim
    nik = add_resident(name="SITI RAHMAWATI")
    steps = []
    result = station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer, steps.append)
    assert result.name == "SITI RAHMAWATI"
    assert (result.quota.used, result.quota.limit) == (1, 100)
    assert simulator.cards_printed == 1
    assert {s.step for s in steps} >= {"sending", "printing"}
    card = IssuedCard.get()
    assert card.blanko.serial == result.blanko_serial == "BLK-0000001"
    assert card.blanko.state == "issued"
    assert [m.kind for m in BlankoMovement.select().where(BlankoMovement.blanko == card.blanko)
            .order_by(BlankoMovement.at)] == ["reserve", "issue"]
    assert PrintJob.get().state == "done"
    assert station.services.stock.summary(station.services.stations.require().id).in_stock == 9
    pushed = [json.loads(o.payload) for o in Outbox.select().where(Outbox.entity == "issued_card")]
    assert pushed[0]["nik"] == nik and pushed[0]["blanko"] == "BLK-0000001"


def test_printed_card_is_the_rendered_card(station, sim):
    from desktop.render.card import render_front, to_raster

    printer, simulator = sim
    nik = add_resident()
    station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    resident = station.services.residents.find(nik)
    expected = to_raster(render_front(station.services.residents.card_data(
        resident, "KOTA TANGERANG SELATAN", station.clock.today())))
    printed = simulator.last_card("front")
    wanted = np.frombuffer(expected.rgb, dtype=np.uint8).reshape(expected.height, expected.width, 3)
    # Colour goes through 32-level YMC panels: a small quantisation error is expected, not more.
    assert printed.shape == wanted.shape
    assert np.abs(printed.astype(int) - wanted.astype(int)).mean() < 6


@pytest.mark.parametrize(("fault", "consumed"), [("jam", True), ("no_card", False)])
def test_printer_fault_spoils_or_returns_the_blanko_and_frees_the_quota(station, fault, consumed):
    name = f"fault-{uuid.uuid4().hex[:8]}"
    confirm_readings(station.services.data_dir, f"sim://{name}")  # "ERR CARD" confirmed: a jam spoils
    printer = open_printer(f"sim://{name}?faults={fault}", profile_dir_in(station.services.data_dir))
    nik = add_resident()
    try:
        with pytest.raises(PrintFailed) as failed:
            station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    finally:
        printer.close()
        forget_simulators()
    assert failed.value.card_consumed is consumed
    blanko = Blanko.get(Blanko.serial == "BLK-0000001")
    assert blanko.state == ("spoiled" if consumed else "in_stock")
    assert "Kuota tidak terpakai" in str(failed.value)
    assert station.services.quota.state(PAMULANG).used == 0
    job = PrintJob.get()
    assert (job.state, job.fault) == ("failed", Fault(failed.value.fault).value)
    assert IssuedCard.select().count() == 0


def test_retry_after_a_jam_prints_on_a_new_blanko(station):
    name = f"retry-{uuid.uuid4().hex[:8]}"
    confirm_readings(station.services.data_dir, f"sim://{name}")
    printer = open_printer(f"sim://{name}?faults=jam@1", profile_dir_in(station.services.data_dir))
    nik = add_resident()
    request = PrintRequest(nik, **LOST)
    with pytest.raises(PrintFailed):
        station.services.issuance.print_card(station.operator, request, printer)
    get_simulator(name).clear_faults()
    result = station.services.issuance.print_card(station.operator, request, printer)
    printer.close()
    forget_simulators()
    assert result.blanko_serial == "BLK-0000002"
    states = dict(Blanko.select(Blanko.serial, Blanko.state).tuples())
    assert states["BLK-0000001"] == "spoiled" and states["BLK-0000002"] == "issued"
    assert station.services.quota.state(PAMULANG).used == 1


def test_refusals_leave_nothing_reserved(station, sim):
    printer, simulator = sim
    issuance = station.services.issuance
    not_prr = add_resident(status="DUPLICATE_RECORD", serial=2)
    prr = add_resident(serial=3)
    with pytest.raises(UserFacingError, match="Data ganda"):
        issuance.print_card(station.operator, PrintRequest(not_prr, **LOST), printer)
    with pytest.raises(UserFacingError, match="Tuliskan nomor"):
        issuance.print_card(station.operator, PrintRequest(prr, "hilang", frozenset({"kk", "police_letter"})),
                            printer)
    with pytest.raises(UserFacingError, match="Dokumen belum dikonfirmasi"):
        issuance.print_card(station.operator, PrintRequest(prr, "rusak", frozenset({"kk"})), printer)
    assert simulator.cards_started == 0
    assert PrintJob.select().count() == 0
    assert Blanko.select().where(Blanko.state != "in_stock").count() == 0


def test_quota_is_refused_when_used_up(station, sim):
    printer, _ = sim
    station.services.quota.set_today(station.supervisor, PAMULANG, 1, "uji")
    first, second = add_resident(serial=1), add_resident(serial=2)
    station.services.issuance.print_card(station.operator, PrintRequest(first, **LOST), printer)
    with pytest.raises(UserFacingError, match=r"sudah habis \(1/1\)"):
        station.services.issuance.print_card(station.operator, PrintRequest(second, **LOST), printer)
    assert IssuedCard.select().count() == 1


def test_no_stock_is_refused(tmp_path, sim):
    printer, _ = sim
    station = make_station(tmp_path, blanko=0)
    nik = add_resident()
    with pytest.raises(UserFacingError, match="Stok blanko"):
        station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    station.services.close()


def test_every_blanko_is_accounted_for_after_a_mixed_day(station):
    """Received = in stock + issued + spoiled, and nothing is left reserved."""
    name = f"mixed-{uuid.uuid4().hex[:8]}"
    confirm_readings(station.services.data_dir, f"sim://{name}")
    printer = open_printer(f"sim://{name}?faults=jam@2,no_card@4", profile_dir_in(station.services.data_dir))
    for serial in range(1, 7):
        nik = add_resident(serial=serial)
        try:
            station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
        except PrintFailed:
            get_simulator(name).clear_faults()
    printer.close()
    forget_simulators()
    summary = station.services.stock.summary(station.services.stations.require().id)
    assert summary.reserved == 0
    assert summary.received == 10
    assert summary.issued == IssuedCard.select().count()
    assert summary.spoiled >= 1


def test_job_state_is_committed_before_each_device_step(station, sim):
    """What another connection sees while the card is in the printer: the job is `printing`."""
    import sqlite3

    printer, _ = sim
    nik = add_resident()
    seen = []
    db_path = station.services.data_dir / "ktp-mandiri.sqlite3"

    def look(update) -> None:
        conn = sqlite3.connect(db_path)
        seen.append((update.step, conn.execute("SELECT state FROM print_job").fetchone()[0]))
        conn.close()

    station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer, look)
    assert ("sending", "sending") in seen
    assert ("printing", "printing") in seen


def test_second_card_for_the_same_citizen_on_the_same_day_is_refused(station, sim):
    printer, _ = sim
    nik = add_resident()
    station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    with pytest.raises(UserFacingError, match=r"sudah dicetak hari ini \(blanko BLK-0000001\)"):
        station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    station.clock.advance(days=1)
    station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    assert IssuedCard.select().count() == 2


def test_duplex_printer_gets_no_back_unless_the_template_asks(station, monkeypatch):
    """The blanko's back is pre-printed: even a duplex printer prints the front only, unless the
    template says `print.back` (blanko with a blank back)."""
    from dataclasses import replace

    from desktop.render.card import blanko_back, render_back, to_raster
    from desktop.render.template import default_template

    name = f"duplex-{uuid.uuid4().hex[:8]}"
    printer = open_printer(f"sim://{name}?duplex=1&model=dualys")
    nik = add_resident()
    station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    assert get_simulator(name).last_card("front") is not None
    assert get_simulator(name).last_card("back") is None
    t = default_template()
    printed_back = replace(t, print=replace(t.print, back=True))
    monkeypatch.setattr(station.services.issuance, "back_renderer",
                        lambda bleed_mm: to_raster(render_back(printed_back, bleed_mm)))
    station.clock.advance(days=1)
    station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    back = get_simulator(name).last_card("back")
    expected = to_raster(blanko_back())
    wanted = np.frombuffer(expected.rgb, dtype=np.uint8).reshape(expected.height, expected.width, 3)
    assert back is not None and np.abs(back.astype(int) - wanted.astype(int)).mean() < 6
    printer.close()
    forget_simulators()


def test_program_error_after_bytes_went_out_leaves_the_job_for_a_supervisor(station, sim, monkeypatch):
    printer, _ = sim
    nik = add_resident()
    real_print = printer.print_card

    def crash_mid_card(job, progress=None):
        real_print(job, progress)  # the card is printed...
        raise RuntimeError("bug after the device step")  # ...but the app fails before recording it

    monkeypatch.setattr(printer, "print_card", crash_mid_card)
    with pytest.raises(UserFacingError, match="hasilnya tidak pasti"):
        station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    job = PrintJob.get()
    assert job.state in ("sending", "printing")  # unfinished: settled by a supervisor, not guessed
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == "reserved"


def test_a_job_settled_elsewhere_cannot_be_completed_too(station, sim):
    printer, _ = sim
    nik = add_resident()
    issuance = station.services.issuance
    ticket = issuance.prepare(station.operator, PrintRequest(nik, **LOST), printer.uri)
    issuance.set_state(ticket.job_id, "printing")
    station.services.jobs.settle(station.supervisor, ticket.job_id, "spoiled")  # e.g. a second instance
    with pytest.raises(UserFacingError, match="sudah diselesaikan"):
        issuance.complete(station.operator, ticket)
    assert Blanko.get(Blanko.serial == ticket.blanko_serial).state == "spoiled"
    assert IssuedCard.select().count() == 0


@pytest.mark.parametrize("fault", [Fault.NO_REPLY, Fault.GARBLED])
def test_printer_gone_silent_after_taking_the_card_is_left_for_a_supervisor(station, sim, monkeypatch, fault):
    from desktop.devices.base import PrinterError, PrintProgress

    printer, _ = sim
    nik = add_resident()

    def silent_after_taking_the_card(job, progress=None):
        progress(PrintProgress("printing", 0.9))
        raise PrinterError(fault, "no valid reply to Se", card_consumed=None)

    monkeypatch.setattr(printer, "print_card", silent_after_taking_the_card)
    with pytest.raises(UserFacingError, match="tidak pasti") as raised:
        station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    assert raised.value.code == "print_uncertain"
    assert PrintJob.get().state == "printing"
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == "reserved"
    station.services.jobs.settle(station.supervisor, PrintJob.get().id, "good")
    assert IssuedCard.select().count() == 1
