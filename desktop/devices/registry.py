"""Printers by URI: open one, or list those that can be found.

    usb://VID:PID[/SERIAL]            an Evolis printer on USB, ids in hex (usb://0F49:0A00/ABC123)
    sim://[NAME]                      a simulated Evolis printer (the USB driver over fake hardware)
        ?faults=jam@2,ribbon          faults to inject (see simulator.py), &delay=SECONDS per card,
        &panel_delay=SECONDS          per panel download, &save=DIR a PNG per printed card side,
        &framing=cr|lf|crlf|nul|ack   how it ends values, &ackvalue=before|after an ACK before each
        &packet=N &dbc=3|4            value or after its end (1 = before), N-byte reply packets, the
                                      `Dbc` header it expects
    file://PATH                       the byte stream the USB driver would send, appended to PATH
    spooler://NAME                    an OS print queue (CUPS through libcups; Windows through Qt)
        ?bleed=MM&start=S&timeout=S   bleed past the trim (0-3 mm), seconds to wait for the queue to
        &duplex=1&pdf=PATH            start the job (120) and to finish it (300), print a back,
                                      paint into a PDF through the Windows path instead of printing

usb://, sim:// and file:// also take `ribbon=ymcko`, `levels=32|64|128`, `duplex=0|1`,
`model=dualys` (the capability table's row; for sim:// the simulated model) and
`compress=none|dbc3|dbc4` (plain `Db`, the default, or `Dbc` with the guide's 3- or 4-field
header: see docs/printers.md). A printer profile saved by `printer-probe` in `profile_dir` supplies
the model's row and the compression for that printer unless the URI names them.
`open_printer` returns the printer already open; call it on the printer's own thread.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from desktop import platform as system
from desktop.devices.base import Printer, PrinterState, PrinterStatus
from desktop.devices.evolis import COMPRESSIONS, EvolisOptions
from desktop.devices.evolis_models import FAMILIES
from desktop.domain.text import msg
from desktop.errors import UserFacingError

if TYPE_CHECKING:
    from desktop.devices.simulator import SimulatedEvolis
    from desktop.devices.spooler import SpoolerPrinter

log = logging.getLogger("ktp.devices")

SCHEMES = ("usb", "sim", "file", "spooler")
PROFILES_DIRNAME = "printer-profiles"  # in the data folder: one JSON per probed printer
DEFAULT_SIM_NAME = "demo"
_NOT_QUERIED = PrinterStatus(PrinterState.UNKNOWN, None, "not queried")


@dataclass(frozen=True)
class DiscoveredPrinter:
    uri: str
    description: str  # for the command line's listing (English notes included)
    status: PrinterStatus
    model: str = ""  # what the device or queue calls itself: "Evolis Primacy", a driver's make and model
    usable: bool = True  # False: a USB printer this package cannot drive (use its OS queue instead)


def _not_found(uri: str) -> UserFacingError:
    return UserFacingError(
        msg("Printer '{uri}' tidak ditemukan. Periksa kabel USB dan nyalakan printer.", uri=uri), code="printer_not_found"
    )


def _bad_uri(uri: str, why: str = "") -> UserFacingError:
    hint = f" ({why})" if why else ""
    return UserFacingError(
        msg("Alamat printer '{uri}' tidak dikenali{hint}. Contoh: usb://0F49:0A00, sim://demo, "
            "file:///tmp/kartu.bin, spooler://NAMA_ANTREAN.", uri=uri, hint=hint),
        code="printer_uri",
    )


def _query(uri: str, query: str, allowed: set[str]) -> dict[str, str]:
    params = {key: values[-1] for key, values in parse_qs(query, keep_blank_values=True).items()}
    unknown = set(params) - allowed
    if unknown:
        raise _bad_uri(uri, f"parameter {', '.join(sorted(unknown))} tidak dikenal")
    return params


def _options(uri: str, params: dict[str, str]) -> EvolisOptions:
    try:
        kwargs: dict = {}
        if "ribbon" in params:
            kwargs["ribbon"] = params["ribbon"]
        if "levels" in params:
            kwargs["levels"] = int(params["levels"])
        if "compress" in params:
            value = "none" if params["compress"] == "0" else params["compress"]
            if value not in COMPRESSIONS:
                raise ValueError(f"compress must be one of {', '.join(COMPRESSIONS)}")
            kwargs["compression"] = value
        if "model" in params:
            if params["model"] not in FAMILIES:
                raise ValueError(f"model must be one of {', '.join(FAMILIES)}")
            kwargs["model"] = params["model"]
        if "duplex" in params:
            if params["duplex"] not in ("0", "1"):
                raise ValueError("duplex must be 0 or 1")
            kwargs["duplex"] = params["duplex"] == "1"
        return EvolisOptions(**kwargs)
    except ValueError as exc:
        raise _bad_uri(uri, str(exc)) from None


_EVOLIS_PARAMS = {"ribbon", "levels", "compress", "duplex", "model"}
_SIM_PARAMS = {"faults", "delay", "panel_delay", "save", "framing", "ackvalue", "packet", "dbc"}


def make_printer(uri: str, profile_dir: Path | None = None) -> Printer:
    """The printer object for a URI, not yet opened; UserFacingError for a malformed URI."""
    parts = urlsplit(uri.strip())
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise _bad_uri(uri)
    if scheme == "usb":
        return _usb_printer(uri, parts, profile_dir)
    if scheme == "sim":
        return _sim_printer(uri, parts, profile_dir)
    if scheme == "file":
        from desktop.devices.file import FilePrinter

        params = _query(uri, parts.query, _EVOLIS_PARAMS)
        path = unquote(parts.netloc + parts.path)
        if re.match(r"^/[A-Za-z]:[/\\]", path):  # file:///C:/cards.bin on Windows
            path = path[1:]
        if not path:
            raise _bad_uri(uri, "path kosong")
        return FilePrinter(path, options=_options(uri, params), uri=uri)
    return _spooler_printer(uri, parts)


def _spooler_printer(uri: str, parts) -> Printer:
    from desktop.devices.spooler import MAX_BLEED_MM, PRINT_TIMEOUT_S, START_TIMEOUT_S

    params = _query(uri, parts.query, {"pdf", "bleed", "start", "timeout", "duplex"})
    name = unquote(parts.netloc + parts.path)
    if not name:
        raise _bad_uri(uri, "nama antrean kosong")
    try:
        bleed = float(params.get("bleed", "0"))
        start = float(params.get("start", START_TIMEOUT_S))
        timeout = float(params.get("timeout", PRINT_TIMEOUT_S))
    except ValueError:
        raise _bad_uri(uri, "bleed, start dan timeout berupa angka") from None
    if not 0 <= bleed <= MAX_BLEED_MM:
        raise _bad_uri(uri, f"bleed antara 0 dan {MAX_BLEED_MM:g} mm")
    if start <= 0 or timeout <= 0:
        raise _bad_uri(uri, "start dan timeout harus lebih dari 0 detik")
    if params.get("duplex", "0") not in ("0", "1"):
        raise _bad_uri(uri, "duplex harus 0 atau 1")
    options = dict(uri=uri, bleed_mm=bleed, start_timeout=start, print_timeout=timeout,
                   duplex=params.get("duplex") == "1")
    if "pdf" in params:  # painted into a file the way Qt paints for a Windows driver
        from desktop.devices.qt_spooler import QtSpoolerPrinter

        return QtSpoolerPrinter(name, pdf_path=params["pdf"], **options)
    return spooler_backend()(name, **options)


def spooler_backend() -> type[SpoolerPrinter]:
    """The printer class that reaches this machine's print queues: CUPS where libcups is (Linux, macOS),
    Qt's print system elsewhere (Windows)."""
    from desktop.devices import cups

    if not system.WINDOWS and cups.available():
        from desktop.devices.cups_spooler import CupsSpoolerPrinter

        return CupsSpoolerPrinter
    from desktop.devices.qt_spooler import QtSpoolerPrinter

    return QtSpoolerPrinter


def _usb_printer(uri: str, parts, profile_dir: Path | None) -> Printer:
    from desktop.devices.usb import DRIVEN_VENDORS, KNOWN_VENDORS, UsbEvolisPrinter

    params = _query(uri, parts.query, _EVOLIS_PARAMS)
    ids = parts.netloc.split(":")
    try:
        if len(ids) != 2 or not all(1 <= len(i) <= 4 for i in ids):
            raise ValueError
        vendor_id, product_id = int(ids[0], 16), int(ids[1], 16)
    except ValueError:
        raise _bad_uri(uri, "pakai usb://VID:PID dengan angka heksadesimal") from None
    if vendor_id not in DRIVEN_VENDORS:
        vendor = KNOWN_VENDORS.get(vendor_id)
        if vendor is None:
            raise _not_found(uri)
        raise UserFacingError(
            msg("Printer {vendor} belum bisa dipakai langsung lewat USB. Pakai lewat spooler sistem "
                "(spooler://NAMA).", vendor=vendor),
            code="printer_unsupported",
        )
    serial = unquote(parts.path.strip("/")) or None
    return UsbEvolisPrinter(
        uri, vendor_id, product_id, serial, options=_options(uri, params), profile_dir=profile_dir
    )


def _sim_printer(uri: str, parts, profile_dir: Path | None) -> Printer:
    from desktop.devices.sim_usb import backend_for
    from desktop.devices.simulator import SimulatedEvolis, get_simulator
    from desktop.devices.usb import UsbEvolisPrinter

    params = _query(uri, parts.query, _EVOLIS_PARAMS | _SIM_PARAMS)
    name = _sim_name(parts)
    options = _options(uri, params)
    try:
        delays = {key: float(params.get(key, "0")) for key in ("delay", "panel_delay")}
        if not all(math.isfinite(value) and value >= 0 for value in delays.values()):
            raise ValueError("delays are seconds: a number of 0 or more (not nan or inf)")
        sim = get_simulator(
            name, **delays, save_dir=params.get("save") or None, faults=params.get("faults"),
            model=params.get("model", "zenius"), framing=params.get("framing", "cr"),
            ack_value=params.get("ackvalue", "0"), packet=int(params.get("packet", "0")),
            dbc_header=int(params.get("dbc", "4")),
        )
    except ValueError as exc:
        raise _bad_uri(uri, str(exc)) from None
    # The simulated model is what the driver must find out by itself (`Rtp`), as with a real printer.
    options = replace(options, model=None)
    return UsbEvolisPrinter(
        f"sim://{name}",
        SimulatedEvolis.VENDOR_ID,
        SimulatedEvolis.PRODUCT_ID,
        sim.serial,
        options=options,
        backend_provider=lambda: backend_for(sim),
        claim_retry_seconds=1.0,
        profile_dir=profile_dir,
    )


def simulator_for(uri: str) -> SimulatedEvolis | None:
    """The `SimulatedEvolis` behind a `sim://` URI (for fault switches in tests and the GUI), else None."""
    parts = urlsplit(uri.strip())
    if parts.scheme.lower() != "sim":
        return None
    from desktop.devices.simulator import get_simulator

    return get_simulator(_sim_name(parts))


def _sim_name(parts) -> str:
    return unquote(parts.netloc + parts.path.rstrip("/")) or DEFAULT_SIM_NAME


def profile_dir_in(data_dir: Path) -> Path:
    """Where `printer-probe --save-profile` keeps the printers' profiles."""
    return Path(data_dir) / PROFILES_DIRNAME


def open_printer(uri: str, profile_dir: Path | None = None) -> Printer:
    """Open the printer a URI names; UserFacingError (one Indonesian sentence) if there is none."""
    printer = make_printer(uri, profile_dir)
    printer.open()
    return printer


def discover(*, probe: bool = False) -> list[DiscoveredPrinter]:
    """USB card printers on the bus, simulated printers in use, and OS printer queues.

    Without `probe` the USB and simulated printers' status is "unknown" (not queried): querying
    means opening the device, which belongs on the printer's own thread. With `probe` each is
    opened, asked and closed, for the command line's `printers` listing.
    """
    found: list[DiscoveredPrinter] = []
    from desktop.devices.usb import DRIVEN_VENDORS, list_usb_printers

    for info in list_usb_printers():
        status = _probe(info.uri) if probe and info.vendor_id in DRIVEN_VENDORS else _NOT_QUERIED
        found.append(DiscoveredPrinter(info.uri, info.description, status, info.model, info.driven))
    from desktop.devices.simulator import simulators

    for sim in simulators():
        uri = f"sim://{sim.name}"
        found.append(DiscoveredPrinter(uri, f"{sim.MODEL} '{sim.name}'", _probe(uri) if probe else _NOT_QUERIED,
                                       sim.MODEL.removesuffix(" (simulated)")))
    try:
        found += [DiscoveredPrinter(uri, f"{model} (spooler)", status, model)
                  for uri, model, status in spooler_backend().queues()]
    except Exception as exc:  # no Qt print support on this machine must not hide the USB printers
        log.warning("could not list the OS printers: %s", exc)
    return found


def _probe(uri: str) -> PrinterStatus:
    try:
        with open_printer(uri) as printer:
            return printer.status()
    except UserFacingError as exc:
        return PrinterStatus(PrinterState.DISCONNECTED, None, str(exc))
