"""Reply framing (issue 24 item 2): each framing a printer may use, also split over USB reads, read
through the real pyusb driver over the simulator, and no command ever read another command's answer.

The simulator frames its values as told; `packet=1` hands each byte to a separate USB read, so an
ACK trailing a value arrives after the read that ended the value. The card's `Se` is answered late
(`delay`): a stale ACK taken for it would end `print_card` while its own ACK is still unread.
"""

from __future__ import annotations

import pytest

from desktop.devices import usb as usb_driver
from desktop.devices.base import PrinterState
from desktop.devices.evolis import GarbledReply, parse_reply
from desktop.devices.registry import make_printer
from desktop.devices.simulator import forget_simulators, get_simulator
from tests.helpers.usb_fake import card_job, unique_sim_name

FRAMINGS = {  # the six, as the simulator's URI parameters
    "value+CR": "framing=cr",
    "value+LF": "framing=lf",
    "value+NUL": "framing=nul",
    "ACK+value+CR": "framing=cr&ackvalue=before",
    "value+CR+ACK": "framing=cr&ackvalue=after",
    "value+ACK": "framing=ack",
}


@pytest.fixture(autouse=True)
def no_real_usb(monkeypatch):
    monkeypatch.setattr(usb_driver, "default_backend", lambda: None)
    yield
    forget_simulators()


@pytest.mark.parametrize("packet", ["", "&packet=1", "&packet=3"])
@pytest.mark.parametrize("framing", FRAMINGS)
def test_every_framing_reads_its_own_reply_and_a_card_waits_for_its_own_se(framing, packet):
    name = unique_sim_name()
    with make_printer(f"sim://{name}?model=quantum&delay=0.05&{FRAMINGS[framing]}{packet}") as printer:
        sim = get_simulator(name)
        assert printer.status().state is PrinterState.READY
        identity = printer.identity()
        assert (identity.model, identity.serial, identity.firmware) == (sim.MODEL, sim.serial, sim.FIRMWARE)
        assert printer.counters() == {"cards_inserted": 0, "panels_printed": 0, "ribbon_cards_left": 200}
        printer.print_card(card_job())
        assert sim.unread_replies() == 0  # `Se` was answered by its own ACK, not a stale one
        assert sim.cards_printed == 1
        assert printer.counters() == {"cards_inserted": 1, "panels_printed": 5, "ribbon_cards_left": 199}
        assert printer.status().state is PrinterState.READY


@pytest.mark.parametrize(
    ("raw", "used"),
    [(b"D123\r", 5), (b"D123\n", 5), (b"D123\x00", 5), (b"\x06D123\r", 6), (b"D123\r\x06", 6), (b"D123\x06", 5)],
)
def test_each_framing_gives_the_value_and_takes_its_whole_reply(raw, used):
    reply, taken = parse_reply(raw, text=True)
    assert (reply.value, taken) == ("D123", used)
    for cut in range(1, len(raw)):  # split anywhere: incomplete until the value's end has come
        head, _ = parse_reply(raw[:cut], text=True)
        assert head is None or head.value == "D123"


@pytest.mark.parametrize("raw", [b"D1\x0723\r", b"\x06\x06D123\r", b"D123\x15"])
def test_what_is_none_of_the_framings_is_garbled(raw):
    with pytest.raises(GarbledReply):
        parse_reply(raw, text=True)
