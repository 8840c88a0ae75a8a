"""The pyusb driver, unchanged, against the simulated printer on the fake libusb backend."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from desktop.devices import usb as usb_driver
from desktop.devices.base import Fault, PrinterError, PrinterState
from desktop.devices.evolis import EvolisOptions
from desktop.devices.file import FilePrinter
from desktop.devices.registry import make_printer
from desktop.devices.sim_usb import EP_IN, EP_OUT, backend_for
from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.errors import UserFacingError
from tests.helpers.usb_fake import card_array, card_job, raster_difference, sim_with_printer, unique_sim_name


@pytest.fixture(autouse=True)
def no_real_usb(monkeypatch):
    monkeypatch.setattr(usb_driver, "default_backend", lambda: None)
    yield
    forget_simulators()


@pytest.fixture
def rig():
    sim, printer = sim_with_printer()
    printer.open()
    yield sim, printer
    printer.close()


def assert_prints_the_test_card(sim, side="front"):
    largest, mean = raster_difference(card_array(), sim.last_card(side))
    assert largest <= 5, largest
    assert mean < 1.0, mean


def test_a_good_card_prints_what_was_sent(rig):
    sim, printer = rig
    assert printer.status().state is PrinterState.READY
    printer.print_card(card_job())
    assert sim.cards_printed == 1 and sim.cards_spoiled == 0
    assert_prints_the_test_card(sim)
    assert printer.counters() == {"cards_inserted": 1, "panels_printed": 5, "ribbon_cards_left": 199}
    identity = printer.identity()
    assert (identity.model, identity.serial, identity.firmware) == (sim.MODEL, sim.serial, "")  # no Rfv (§8 R)


@pytest.mark.parametrize("query", ["levels=64", "levels=128&compress=dbc4", "levels=32&compress=dbc4",
                                   "levels=64&compress=dbc3&dbc=3"])
def test_plain_and_deep_panels_print_the_same_card(query):
    name = unique_sim_name()
    with make_printer(f"sim://{name}?{query}") as printer:
        printer.print_card(card_job())
    assert_prints_the_test_card(get_simulator(name))


def test_duplex_prints_the_back_with_the_ribbon_back_panels():
    name = unique_sim_name()
    with make_printer(f"sim://{name}?ribbon=ymckok&model=dualys") as printer:
        printer.print_card(card_job(back=True))
    sim = get_simulator(name)
    assert_prints_the_test_card(sim, "front")
    back = sim.last_card("back")  # K only: the black bars, no colour
    assert back[20:45, 40:700].max() == 0 and back[120:520, 720:980].min() == 255


def test_saved_png_is_the_printed_card(tmp_path):
    from PySide6.QtGui import QImage

    sim, printer = sim_with_printer(save_dir=tmp_path)
    with printer:
        printer.print_card(card_job())
    [path] = sim.saved
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    assert (image.width(), image.height()) == (1011, 638)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(638, image.bytesPerLine())[:, : 1011 * 3]
    largest, mean = raster_difference(card_array(), pixels.reshape(638, 1011, 3))
    assert largest <= 5 and mean < 1.0


def test_writes_are_chunked_with_a_long_timeout_and_use_the_found_endpoints(rig):
    sim, printer = rig
    printer.print_card(card_job(), None)
    transport = printer._session.transport
    assert (transport.ep_out.bEndpointAddress, transport.ep_in.bEndpointAddress) == (EP_OUT, EP_IN)
    assert {timeout for _, timeout in sim.writes} == {15_000}
    assert max(size for size, _ in sim.writes) <= usb_driver.WRITE_CHUNK
    assert sum(size for size, _ in sim.writes) > 100_000


# -- faults, through the real driver, where the simulator puts them ----------------------------

FAULT_CASES = [  # (simulator fault, Fault, card_consumed, cards the simulator spoiled)
    # A card that may be inside after a panel went in: None (the supervisor decides), as long as no
    # reading is confirmed on the printer (test_card_consumed.py has the confirmed ones).
    ("no_card", Fault.NO_CARD, False, 0),
    ("ribbon", Fault.RIBBON, False, 0),
    ("cover_open", Fault.COVER_OPEN, False, 0),
    ("card_inside", Fault.JAM, False, 0),
    ("jam", Fault.JAM, None, 1),
    ("panel_jam", Fault.JAM, None, 1),
    ("ribbon_end", Fault.RIBBON, None, 1),
    ("cover_mid", Fault.COVER_OPEN, None, 1),
    ("stall", Fault.NO_REPLY, None, 1),
    ("panel_silent", Fault.NO_REPLY, None, 1),
    ("unplug", Fault.DISCONNECTED, None, 0),
    ("no_reply", Fault.NO_REPLY, False, 0),
    ("garbled", Fault.GARBLED, False, 0),
    ("hopper_full", Fault.JAM, False, 0),  # ASSUMED reply
    ("wrong_ribbon", Fault.RIBBON, False, 0),  # ASSUMED reply
]


def _fast(options):
    from dataclasses import replace

    return replace(options, reply_timeout=0.3, print_timeout=0.5, status_timeout=0.2)


def _speed_up(printer):
    printer.options = printer._session.options = _fast(printer.options)


@pytest.mark.parametrize(("name", "fault", "consumed", "spoiled"), [c for c in FAULT_CASES if c[0] != "card_inside"])
def test_each_fault_on_the_second_card(rig, name, fault, consumed, spoiled):
    sim, printer = rig
    _speed_up(printer)
    sim.set_faults(f"{name}@2")
    printer.print_card(card_job("first"))  # card 1 is fine
    with pytest.raises(PrinterError) as caught:
        printer.print_card(card_job("second"))
    assert caught.value.fault is fault
    assert caught.value.card_consumed is consumed
    assert sim.cards_printed == 1
    assert sim.cards_spoiled == spoiled
    assert printer.status().state is not PrinterState.READY or name not in ("no_reply", "garbled", "unplug")


@pytest.mark.parametrize(("name", "fault", "consumed", "spoiled"), FAULT_CASES)
def test_faults_clear_and_the_next_card_prints(rig, name, fault, consumed, spoiled):
    sim, printer = rig
    _speed_up(printer)
    sim.set_faults([name])
    with pytest.raises(PrinterError):
        printer.print_card(card_job())
    sim.clear_faults()
    assert printer.status().state is PrinterState.READY
    printer.print_card(card_job())
    assert sim.cards_printed == 1
    assert_prints_the_test_card(sim)


def test_a_card_left_inside_at_power_on_shows_and_keeps_the_new_blanko_in_the_feeder(rig):
    sim, printer = rig
    sim.set_faults("card_inside")
    assert printer.status().detail == "last card: ERR CARD"
    with pytest.raises(PrinterError) as caught:
        printer.print_card(card_job())
    assert (caught.value.fault, caught.value.card_consumed) == (Fault.JAM, False)


def test_a_stalled_endpoint_is_cleared_and_the_parser_reset_not_taken_for_unplugging(rig, caplog):
    sim, printer = rig
    _speed_up(printer)
    sim.set_faults("stall")
    with pytest.raises(PrinterError) as caught:
        printer.print_card(card_job())
    assert caught.value.fault is Fault.NO_REPLY
    assert not sim.stalled and sim.usb_resets == 1  # Srs went into the half-sent panel: USB reset
    assert printer.connected
    assert "stalled" in caplog.text
    printer.print_card(card_job())
    assert sim.cards_printed == 1


def test_a_full_reject_box_leaves_the_spoiled_card_where_it_is(rig, caplog):
    sim, printer = rig
    _speed_up(printer)
    sim.set_faults("ribbon_end,reject_full")
    with pytest.raises(PrinterError) as caught:
        printer.print_card(card_job())
    assert (caught.value.fault, caught.value.card_consumed) == (Fault.RIBBON, None)  # "ERR CARD": unconfirmed
    assert "reject box" in caplog.text and sim.card_inside


def test_a_cooling_head_slows_se_within_the_five_minutes_but_not_past_a_short_time_out(rig):
    sim, printer = rig
    sim.set_faults("cooling")
    from dataclasses import replace

    printer.options = printer._session.options = replace(printer.options, print_timeout=5.0)
    started = time.monotonic()
    printer.print_card(card_job())
    assert time.monotonic() - started >= 1.0 and sim.cards_printed == 1
    printer.options = printer._session.options = replace(printer.options, print_timeout=0.3, status_timeout=0.5)
    with pytest.raises(PrinterError) as caught:  # what a time-out shorter than the cooling pause did
        printer.print_card(card_job())
    assert (caught.value.fault, caught.value.card_consumed) == (Fault.NO_REPLY, None)


def test_cleaning_due_is_shown_and_cards_still_print(rig):
    sim, printer = rig
    sim.set_faults("cleaning")
    status = printer.status()
    assert (status.state, status.detail) == (PrinterState.READY, "cleaning needed")
    printer.print_card(card_job())
    assert sim.cards_printed == 1


def test_status_is_unknown_not_ready_when_the_printer_is_mute_or_garbled(rig):
    sim, printer = rig
    _speed_up(printer)
    sim.set_faults("no_reply")
    assert (printer.status().state, printer.status().fault) == (PrinterState.UNKNOWN, Fault.NO_REPLY)
    sim.set_faults("garbled")
    assert (printer.status().state, printer.status().fault) == (PrinterState.UNKNOWN, Fault.GARBLED)
    sim.clear_faults()
    assert printer.status().state is PrinterState.READY


def test_windows_without_winusb_tells_the_operator_what_to_install():
    sim, printer = sim_with_printer()
    sim.set_faults("winusb")
    with pytest.raises(UserFacingError) as caught:
        printer.open()
    assert caught.value.code == "printer_needs_winusb"
    assert "WinUSB" in str(caught.value) and "Zadig" in str(caught.value) and "spooler://" in str(caught.value)
    assert "kabel" not in str(caught.value)


# -- each model family, against a simulator that refuses what the model lacks -------------------


@pytest.mark.parametrize("model", ["tattoo", "pebble", "dualys", "quantum", "kiosk", "primacy", "zenius", "unknown"])
def test_each_family_is_driven_without_a_single_nack(model, caplog):
    name = unique_sim_name()
    with make_printer(f"sim://{name}?model={model}") as printer:
        assert printer.status().state is PrinterState.READY
        printer.identity()
        assert set(printer.counters()) == {"cards_inserted", "panels_printed", "ribbon_cards_left"}
        printer.print_card(card_job())
    sim = get_simulator(name)
    assert sim.cards_printed == 1
    assert "NACK" not in caplog.text
    assert set(sim.commands) <= sim.capabilities.commands
    # Sr: ticked for Dualys and Quantum; outside the guide, what the real driver sent to a Dualys
    assert ("Sr" in sim.commands) == (model in ("dualys", "quantum", "primacy", "zenius", "unknown"))
    assert ("Pmi" in sim.commands) == (model != "tattoo")
    assert ("Rse" in sim.commands) == (model in ("quantum", "kiosk"))
    assert_prints_the_test_card(sim)


def test_the_simulator_refuses_what_the_guide_says_a_model_refuses():
    from desktop.devices.evolis import Nack

    name = unique_sim_name()
    with make_printer(f"sim://{name}?model=primacy") as printer:
        session = printer.session
        with pytest.raises(Nack) as caught:
            session.query("Rse", "o")  # Quantum and Kiosk only
        assert caught.value.code == "1"
        with pytest.raises(Nack) as caught:
            session.command("Pr", "ymckoko")  # not a ribbon of the guide
        assert caught.value.code == "2"
        with pytest.raises(Nack) as caught:
            session.query("Rco", "r")  # not a counter letter of the guide
        assert caught.value.code == "2"


@pytest.mark.parametrize("framing", ["cr", "lf", "crlf", "nul"])
@pytest.mark.parametrize("query", ["", "&ackvalue=1", "&packet=1", "&ackvalue=1&packet=5"])
def test_every_reply_framing_reads_the_same(framing, query):
    name = unique_sim_name()
    with make_printer(f"sim://{name}?model=quantum&framing={framing}{query}") as printer:
        assert printer.status().state is PrinterState.READY
        identity = printer.identity()
        assert (identity.model, identity.serial) == ("Evolis Quantum (simulated)", f"SIM-{name}")
        assert printer.counters()["ribbon_cards_left"] == 200


@pytest.mark.parametrize(("sent", "expected", "prints"), [("dbc3", 3, True), ("dbc4", 4, True), ("dbc3", 4, False),
                                                          ("dbc4", 3, False)])
def test_a_dbc_header_the_printer_does_not_expect_fails_instead_of_printing_rubbish(sent, expected, prints):
    name = unique_sim_name()
    with make_printer(f"sim://{name}?compress={sent}&dbc={expected}") as printer:
        _speed_up(printer)
        if prints:
            printer.print_card(card_job())
        else:
            with pytest.raises(PrinterError) as caught:
                printer.print_card(card_job())
            assert caught.value.card_consumed is not True
    sim = get_simulator(name)
    assert sim.cards_printed == (1 if prints else 0)
    if prints:
        assert_prints_the_test_card(sim)


# -- USB plumbing ---------------------------------------------------------------------------


def test_kernel_driver_is_detached_for_the_session_and_given_back():
    sim, printer = sim_with_printer()
    assert sim.kernel_driver_active
    printer.open()
    assert not sim.kernel_driver_active
    printer.close()
    assert sim.kernel_driver_active


def test_without_kernel_driver_calls_windows_style_it_still_works():
    sim, printer = sim_with_printer()
    sim.kernel_driver_api = False
    sim.kernel_driver_active = False
    with printer:
        printer.print_card(card_job())
    assert sim.cards_printed == 1


def test_an_active_configuration_is_not_set_again():
    sim, printer = sim_with_printer()
    with printer:
        assert printer.status().state is PrinterState.READY
    assert sim.set_configuration_calls == 0


def test_an_unconfigured_device_is_configured_once():
    sim, printer = sim_with_printer()
    sim.configuration = 0
    sim.kernel_driver_active = False  # nothing is bound to an unconfigured device
    with printer:
        assert printer.status().state is PrinterState.READY
    assert (sim.set_configuration_calls, sim.configuration) == (1, 1)


def test_claim_is_retried_while_another_program_holds_the_interface():
    sim, printer = sim_with_printer()
    sim.busy_until = time.monotonic() + 0.4
    started = time.monotonic()
    printer.open()
    assert time.monotonic() - started >= 0.4
    assert printer.status().state is PrinterState.READY
    printer.close()


def test_a_printer_busy_for_too_long_is_a_user_facing_error():
    sim, printer = sim_with_printer()
    printer.claim_retry_seconds = 0.2
    sim.busy_until = time.monotonic() + 30
    with pytest.raises(UserFacingError) as caught:
        printer.open()
    assert caught.value.code == "printer_busy"
    assert sim.kernel_driver_active  # given back after the failed attempt


def test_access_denied_points_to_the_udev_rule():
    sim, printer = sim_with_printer()
    backend_for(sim).access_denied = True
    with pytest.raises(UserFacingError) as caught:
        printer.open()
    assert caught.value.code == "printer_access_denied"
    assert "udev" in str(caught.value)


def test_unplugged_printer_is_disconnected_and_reopened_when_it_comes_back(rig):
    sim, printer = rig
    sim.set_faults("unplug")
    with pytest.raises(PrinterError) as caught:
        printer.print_card(card_job())
    assert (caught.value.fault, caught.value.card_consumed) == (Fault.DISCONNECTED, None)
    assert printer.status().state is PrinterState.DISCONNECTED
    with pytest.raises(PrinterError) as caught:
        printer.print_card(card_job())
    assert (caught.value.fault, caught.value.card_consumed) == (Fault.DISCONNECTED, False)
    sim.replug()  # fresh from power-up: usblp bound again, not in ACK mode
    assert sim.kernel_driver_active and not sim.ack_mode
    status = printer.status()
    assert (status.state, status.detail) == (PrinterState.READY, "last card: ERR CARD")  # still inside
    assert not sim.kernel_driver_active and sim.ack_mode
    sim.card_inside = False  # the operator takes the half-printed card out
    printer.print_card(card_job())
    assert sim.cards_printed == 1


def test_wait_until_connected_polls_the_bus(rig):
    sim, printer = rig
    sim.unplug()
    assert printer.status().state is PrinterState.DISCONNECTED
    assert not printer.wait_until_connected(0.1, interval=0.02)
    threading.Timer(0.2, sim.replug).start()
    assert printer.wait_until_connected(5, interval=0.05)
    assert printer.status().state is PrinterState.READY


def test_a_card_takes_the_simulated_print_time():
    sim, printer = sim_with_printer(delay=0.3)
    with printer:
        started = time.monotonic()
        printer.print_card(card_job())
        assert time.monotonic() - started >= 0.3
    assert sim.cards_printed == 1


# -- file:// --------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["zenius", "dualys"])
def test_file_printer_writes_exactly_what_the_driver_sends_the_printer(tmp_path, model):
    name = unique_sim_name()
    sim = get_simulator(name, model=model)
    sim.start_recording()
    with make_printer(f"sim://{name}") as printer:
        printer.status()
        sim.start_recording()  # from here on: the cards
        printer.print_card(card_job("a"))
        printer.print_card(card_job("b", back=False))
    path = tmp_path / "cards.bin"
    with FilePrinter(path, options=EvolisOptions(model=model)) as file_printer:
        file_printer.print_card(card_job("a"))
        file_printer.print_card(card_job("b"))
        assert file_printer.counters() == {"cards_printed": 2}
    written = path.read_bytes()
    setup = b"\x1bPem;4\r\x1bPr;ymcko\r" + (b"\x1bPmi;F\r" if model == "dualys" else b"\x1bPmi;F;s\r")
    assert written == setup + bytes(sim.recording)
    side = b"\x1bSr\r"  # the Dualys by the guide, the Zenius as the real driver sends to a Dualys
    assert bytes(sim.recording).startswith(b"\x1bSs\r" + side + b"\x1bDb;y;32;")
    assert written.count(b"\x1bSe\r") == 2


def test_file_printer_appends_card_after_card(tmp_path):
    path = tmp_path / "cards.bin"
    with FilePrinter(path) as file_printer:
        file_printer.print_card(card_job())
    one = path.read_bytes()
    with FilePrinter(path) as file_printer:
        file_printer.print_card(card_job())
    assert path.read_bytes() == one + one


def test_udev_rule_covers_every_known_vendor():
    import re

    from desktop.resources import resource_path

    text = resource_path("udev", "60-ktp-mandiri-card-printers.rules").read_text()
    rules = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    vendors = {int(re.search(r'ATTR\{idVendor\}=="([0-9a-f]{4})"', rule).group(1), 16) for rule in rules}
    assert vendors == set(usb_driver.KNOWN_VENDORS)
    for rule in rules:
        assert 'SUBSYSTEM=="usb"' in rule
        assert 'TAG+="uaccess"' in rule and 'MODE="0660"' in rule and 'GROUP="plugdev"' in rule


def test_on_windows_a_printer_another_program_holds_is_named_so_not_a_missing_udev_rule(monkeypatch):
    from tests.helpers.platforms import force_platform

    force_platform(monkeypatch, "windows")
    sim, printer = sim_with_printer()
    backend_for(sim).access_denied = True  # what WinUSB answers to a second program
    with pytest.raises(UserFacingError) as caught:
        printer.open()
    assert caught.value.code == "printer_access_denied"
    assert "dibuka program lain" in str(caught.value) and "udev" not in str(caught.value)


def test_a_printer_held_open_keeps_its_serial_in_the_listing(monkeypatch):
    """WinUSB lets one handle open the device: while this station's own connection (or another program)
    holds it, the serial cannot be read again; the listing keeps the one it read, so the registered
    printer is not shown a second time without it."""
    from desktop.devices import usb as usb_module

    monkeypatch.setattr(usb_module, "_serials", {})
    sim, printer = sim_with_printer()
    backend = backend_for(sim)
    printer.open()  # the station's own connection reads the serial as it finds the printer
    backend.access_denied = True
    try:
        listed = usb_module.list_usb_printers(lambda: backend)
    finally:
        backend.access_denied = False
        printer.close()
    assert [info.uri for info in listed] == [f"usb://0F49:0A00/{sim.serial}"]
