"""Printer URIs: what each opens, and the one-sentence errors for those that name no printer."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.devices import usb as usb_driver
from desktop.devices.base import PrinterState
from desktop.devices.file import FilePrinter
from desktop.devices.registry import discover, make_printer, open_printer, simulator_for
from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.devices.usb import UsbEvolisPrinter
from desktop.errors import UserFacingError
from tests.helpers.usb_fake import card_array, card_job, raster_difference, unique_sim_name


@pytest.fixture(autouse=True)
def no_real_usb(monkeypatch):
    """Keep these tests off the machine's real USB bus."""
    monkeypatch.setattr(usb_driver, "default_backend", lambda: None)
    yield
    forget_simulators()


def test_sim_uri_opens_the_usb_driver_over_the_simulator():
    name = unique_sim_name()
    printer = open_printer(f"sim://{name}")
    try:
        assert isinstance(printer, UsbEvolisPrinter)
        assert printer.uri == f"sim://{name}"
        assert printer.status().state is PrinterState.READY
        printer.print_card(card_job())
        sim = get_simulator(name)
        assert sim.cards_printed == 1
        largest, mean = raster_difference(card_array(), sim.last_card())
        assert largest <= 5 and mean < 1.0
    finally:
        printer.close()


def test_sim_uri_parameters_apply_on_first_use_and_the_state_is_kept(tmp_path):
    name = unique_sim_name()
    with open_printer(f"sim://{name}?faults=jam@2&delay=0&save={tmp_path}") as printer:
        printer.print_card(card_job())
    sim = get_simulator(name)
    assert sim.faults == {"jam": 2}
    assert sim.save_dir == tmp_path
    assert [p.name for p in sim.saved] == [f"{name}-0001-front.png"]
    # reopened by name, with other parameters: same printer, same counters and faults
    with open_printer(f"sim://{name}?faults=ribbon") as printer:
        assert printer.counters()["cards_inserted"] == 1
    assert get_simulator(name).faults == {"jam": 2}


def test_bare_sim_uri_is_the_demo_printer():
    printer = make_printer("sim://")
    assert printer.uri == "sim://demo"


@pytest.mark.parametrize(
    "uri",
    ["usb://0F49:0A00/NOSUCH", "usb://0F49:0A00", "usb://1234:5678"],
)
def test_usb_uri_that_names_no_printer_raises_a_user_facing_error(uri, monkeypatch):
    sim = get_simulator(unique_sim_name())  # a printer is on the (fake) bus, but not that one
    from desktop.devices.sim_usb import backend_for

    monkeypatch.setattr(usb_driver, "default_backend", lambda: backend_for(sim))
    if uri == "usb://0F49:0A00":
        sim.unplug()
    with pytest.raises(UserFacingError) as caught:
        open_printer(uri)
    assert str(caught.value) == (
        f"Printer '{uri}' tidak ditemukan. Periksa kabel USB dan nyalakan printer."
    )


def test_usb_uri_finds_the_printer_by_serial(monkeypatch):
    sim = get_simulator(unique_sim_name())
    from desktop.devices.sim_usb import backend_for

    monkeypatch.setattr(usb_driver, "default_backend", lambda: backend_for(sim))
    with open_printer(f"usb://0f49:0a00/{sim.serial}") as printer:
        assert printer.identity().serial == sim.serial


def test_no_libusb_is_a_user_facing_error():
    with pytest.raises(UserFacingError) as caught:
        open_printer("usb://0F49:0A00")
    assert "libusb" in str(caught.value)


@pytest.mark.parametrize(
    "uri",
    ["lpt://1", "usb://zz:0A00", "usb://0F49", "sim://x?faults=melt", "sim://x?delay=-1", "sim://x?levels=3",
     "usb://0F49:0A00?colour=1", "file://", "usb://0F49:0A00?compress=1", "sim://x?model=zebra",
     "sim://x?framing=cr2", "sim://x?dbc=5", "file:///tmp/x?model=zenius2"],
)
def test_malformed_uris_raise_a_user_facing_error(uri):
    with pytest.raises(UserFacingError) as caught:
        make_printer(uri)
    assert caught.value.code == "printer_uri"
    assert "tidak dikenali" in str(caught.value)


def test_usb_printers_of_other_vendors_point_to_the_spooler():
    with pytest.raises(UserFacingError) as caught:
        make_printer("usb://0C1F:1800")
    assert caught.value.code == "printer_unsupported"
    assert "Magicard" in str(caught.value) and "spooler" in str(caught.value)


def test_file_uri_needs_an_existing_folder(tmp_path):
    printer = make_printer(f"file://{tmp_path}/cards.bin?levels=64")
    assert isinstance(printer, FilePrinter)
    assert printer.options.levels == 64
    with pytest.raises(UserFacingError) as caught:
        open_printer(f"file://{tmp_path}/missing/cards.bin")
    assert "tidak ada" in str(caught.value)


def test_discover_lists_simulated_printers_and_probes_on_request():
    name = unique_sim_name()
    get_simulator(name, faults="cover_open", model="quantum")  # a model with a cover sensor
    listed = {p.uri: p for p in discover()}
    assert listed[f"sim://{name}"].status.state is PrinterState.UNKNOWN  # not queried
    probed = {p.uri: p for p in discover(probe=True)}
    assert probed[f"sim://{name}"].status.state is PrinterState.ATTENTION
    assert probed[f"sim://{name}"].status.fault.value == "cover_open"


def test_discover_lists_usb_printers_with_their_uri(monkeypatch):
    sim = get_simulator(unique_sim_name())
    from desktop.devices.sim_usb import backend_for

    monkeypatch.setattr(usb_driver, "default_backend", lambda: backend_for(sim))
    found = [p for p in discover() if p.uri.startswith("usb://")]
    assert [(p.uri, p.description) for p in found] == [
        (f"usb://0F49:0A00/{sim.serial}", "Evolis Zenius (simulated)")
    ]
    assert np.all([p.status.state is PrinterState.UNKNOWN for p in found])


def test_simulator_for_gives_the_fault_switches_of_a_sim_uri():
    name = unique_sim_name()
    with open_printer(f"sim://{name}?delay=0&model=kiosk") as printer:
        sim = simulator_for(f"sim://{name}?delay=5")
        assert sim is get_simulator(name)
        sim.set_faults("cover_open")
        assert printer.status().fault.value == "cover_open"
        sim.clear_faults()
        assert printer.status().state is PrinterState.READY
    assert simulator_for("file:///tmp/x.bin") is None


def test_a_closed_printer_reports_disconnected_without_touching_the_bus():
    name = unique_sim_name()
    printer = open_printer(f"sim://{name}")
    printer.close()
    sim = get_simulator(name)
    sim.start_recording()
    assert printer.status().state is PrinterState.DISCONNECTED
    assert bytes(sim.recording) == b""


def test_windows_file_uris_keep_the_drive_letter():
    assert str(make_printer("file:///C:/kartu/cards.bin").path).replace("\\", "/") == "C:/kartu/cards.bin"
    assert str(make_printer("file:///tmp/cards.bin").path) == "/tmp/cards.bin"
