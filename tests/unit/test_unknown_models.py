"""Models outside the guide (issue 24 item 4): they get what the vendor's Windows driver was captured
sending to a Dualys (`Pmi;F;s` after `Pr`, `Sr` after `Ss`), through the real driver over fake USB."""

from __future__ import annotations

import pytest

from desktop.devices import usb as usb_driver
from desktop.devices.evolis import EvolisOptions, card_frames
from desktop.devices.evolis_models import (
    DRIVER_SENDS,
    FAMILIES,
    MINIMUM,
    NEAREST_FAMILY,
    PrinterProfile,
    capabilities_for,
)
from desktop.devices.registry import make_printer
from desktop.devices.simulator import forget_simulators, get_simulator
from tests.helpers.usb_fake import card_job, unique_sim_name


@pytest.fixture(autouse=True)
def no_real_usb(monkeypatch):
    monkeypatch.setattr(usb_driver, "default_backend", lambda: None)
    yield
    forget_simulators()


@pytest.mark.parametrize("family", ["primacy", "zenius", "unknown"])
def test_a_model_outside_the_guide_gets_what_the_driver_sent_to_its_nearest_family(family):
    caps = FAMILIES[family]
    nearest = NEAREST_FAMILY[family]
    commands, extra = DRIVER_SENDS[nearest]
    assert caps.source == "driver" and commands <= caps.commands and caps.insertion_extra == extra == ("s",)
    assert caps.commands - MINIMUM.commands == {"Pmi", "Sr"}  # nothing else beyond every family's commands
    labels = [label for label, _ in card_frames(card_job(), EvolisOptions(), caps)]
    assert labels[:2] == ["Ss", "Sr"]


@pytest.mark.parametrize(("rtp", "insertion"), [("Evolis Primacy", b"\x1bPmi;F;s\r"), ("Zenius", b"\x1bPmi;F;s\r"),
                                                ("Badgy200", b"\x1bPmi;F;s\r"), ("Dualys 3", b"\x1bPmi;F\r")])
def test_the_set_up_and_the_card_on_the_wire(rtp, insertion):
    family = capabilities_for(rtp).family
    name = unique_sim_name()
    sim = get_simulator(name, model=family)
    sim.start_recording()
    with make_printer(f"sim://{name}") as printer:
        printer.print_card(card_job())
    stream = bytes(sim.recording)
    assert stream.startswith(b"\x1bPem;4\r\x1bRtp\r\x1bPr;ymcko\r" + insertion)
    assert b"\x1bSs\r\x1bSr\r\x1bDb;y;32;" in stream
    assert sim.cards_printed == 1


def test_a_profile_keeps_the_driver_s_insertion_parameters():
    profile = PrinterProfile(family="zenius", lacks=frozenset({"Sr"}))
    caps = profile.capabilities()
    assert caps.insertion_extra == ("s",) and not caps.has("Sr") and caps.has("Pmi")
