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
    ("panel_jam", "spoiled", 0, "failed"),  # a later panel refused, the card inside
    ("ribbon_end", "spoiled", 0, "failed"),
    ("stall", "spoiled", 0, "failed"),  # stalled mid-panel, parser reset, the card inside
    ("panel_silent", "reserved", 1, "sending"),  # silent mid-card, reset ejected the card: settlement
    ("unplug", "reserved", 1, "sending"),  # gone mid-card: settlement
    ("jam", "spoiled", 0, "failed"),  # at Se, the card inside
    ("cover_mid", "spoiled", 0, "failed"),  # at Se, the card inside
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
