"""docs/printers.md "fault x step": each fault where the simulator puts it, through the issuance
service and the real driver, ends with the blanko and the quota place where the table says."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from desktop.devices.registry import make_printer
from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.errors import UserFacingError
from desktop.services.issuance import PrintFailed, PrintRequest
from desktop.store.models import Blanko, IssuedCard, PrintJob
from tests.helpers.fixtures import PAMULANG, add_resident

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""


OUTCOMES = [  # (simulator fault, blanko afterwards, quota places held, job state)
    ("no_card", "in_stock", 0, "failed"),  # Ss refused
    ("card_inside", "in_stock", 0, "failed"),  # Ss refused: a card is still in the printer
    ("no_reply", "in_stock", 0, "failed"),  # nothing answered before Ss
    # A later panel or Se failed with the card inside: `Rlr;p` says "ERR CARD", which may mean the
    # feeder (the guide), so the supervisor settles it; test_card_consumed.py has a confirmed reading.
    ("panel_jam", "reserved", 1, "sending"),
    ("ribbon_end", "reserved", 1, "sending"),
    ("stall", "reserved", 1, "sending"),  # stalled mid-panel, parser reset
    ("panel_silent", "reserved", 1, "sending"),  # silent mid-card, reset ejected the card: settlement
    ("unplug", "reserved", 1, "sending"),  # gone mid-card: settlement
    ("jam", "reserved", 1, "printing"),  # at Se
    ("cover_mid", "reserved", 1, "printing"),  # at Se
]


@pytest.mark.parametrize(("fault", "blanko_state", "held", "job_state"), OUTCOMES)
def test_outcome(station, fault, blanko_state, held, job_state):
    name = f"outcome-{uuid.uuid4().hex[:8]}"
    sim = get_simulator(name, faults=fault)
    printer = make_printer(f"sim://{name}")
    printer.options = replace(printer.options, reply_timeout=0.3, print_timeout=0.5, status_timeout=0.2)
    printer.open()
    nik = add_resident()
    try:
        with pytest.raises(UserFacingError) as failed:
            station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    finally:
        printer.close()
        forget_simulators()
    blanko = Blanko.get(Blanko.serial == "BLK-0000001")
    assert blanko.state == blanko_state
    assert station.services.quota.state(PAMULANG).used == held
    assert PrintJob.get().state == job_state
    assert IssuedCard.select().count() == 0
    if blanko_state == "reserved":
        assert failed.value.code == "print_uncertain"
        assert "supervisor" in str(failed.value)
        # One wording for the uncertain end everywhere (desktop/domain/job_outcome.py): the citizen's
        # check and the supervisor's question say "tidak pasti", neither "sedang dicetak" nor "tertutup".
        blockers = " ".join(station.services.residents.verify(nik, [PAMULANG]).blockers)
        assert "tidak pasti" in blockers and "sedang dicetak" not in blockers
        from desktop.services.recovery import question

        (left,) = station.services.jobs.unfinished()
        asked = question(left, "Printer 1")
        assert "tidak pasti" in asked and "Aplikasi tertutup" not in asked
    else:
        assert isinstance(failed.value, PrintFailed)
        assert failed.value.card_consumed is (blanko_state == "spoiled")
    assert sim.cards_printed == 0


@pytest.mark.parametrize(("fault", "confirmed", "blanko_state"), [("jam", (), "reserved"), ("jam", ("Rlr;p",), "spoiled"),
                                                                  ("panel_jam", ("Rlr;p",), "spoiled"),
                                                                  ("jam", ("Rse;p",), "reserved")])
def test_a_reading_writes_the_blanko_off_only_once_the_office_confirmed_it(station, fault, confirmed, blanko_state):
    """`Rlr;p` "ERR CARD" may mean the feeder (§8 R), so it spoils the blanko only once confirmed on this
    printer (its profile, after the probe's checklist); a Zenius has no `Rse`, so confirming it changes nothing."""
    from desktop.devices.registry import profile_dir_in
    from tests.helpers.usb_fake import confirm_readings

    name = f"confirmed-{uuid.uuid4().hex[:8]}"
    confirm_readings(station.services.data_dir, f"sim://{name}", confirmed)
    get_simulator(name, faults=fault)
    printer = make_printer(f"sim://{name}", profile_dir_in(station.services.data_dir))
    printer.options = replace(printer.options, reply_timeout=0.3, print_timeout=0.5, status_timeout=0.2)
    printer.open()
    try:
        with pytest.raises(UserFacingError) as failed:
            station.services.issuance.print_card(station.operator, PrintRequest(add_resident(), **LOST), printer)
    finally:
        printer.close()
        forget_simulators()
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == blanko_state
    assert station.services.quota.state(PAMULANG).used == (1 if blanko_state == "reserved" else 0)
    assert (failed.value.code == "print_uncertain") == (blanko_state == "reserved")
