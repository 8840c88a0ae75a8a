"""The queue ticket in ESC/POS for a 58 or 80 mm receipt printer (issue 25 item 3), through python-escpos (the
optional extra `escpos`): `ticket_bytes` composes the commands once, and they go either straight to the printer
over USB (`print_usb`, target `escpos-usb://VID:PID`) or as a raw job through the OS print queue
(desktop/devices/ticket_printers.py, `spooler://QUEUE?raw=1`).

Commands used (Epson's ESC/POS reference; tests/helpers/escpos_reference.py reads them back): ESC @, ESC a
(centred), ESC E (bold), GS ! (character size), GS ( k (QR Code, Functions 165, 167, 169, 180, 181), ESC d and
GS V (feed and full cut), DLE EOT 4 (the roll paper sensor, asked before and after the ticket). The QR code is
drawn by the printer itself from the ticket's id, which is all it holds.

Over USB the printer interface (class 7) is found on the device and its bulk endpoints used, whatever their
numbers; on Linux the receipt printer's udev rule (installer/linux/) gives the station access, on Windows the
device needs the WinUSB driver (Zadig, docs/queue-tickets.md).
"""

from __future__ import annotations

import errno
import logging
import textwrap
from collections.abc import Callable

from desktop.documents.ticket import TicketText
from desktop.domain.text import msg

log = logging.getLogger("ktp.devices")

COLUMNS = {"58": 32, "80": 48}  # font A characters a line (12 x 24 dots, 384 / 576 dots wide)
CODE_SIZE = {"58": 4, "80": 5}  # the number's character size multiplier (width and height)
QR_MODULE = {"58": 6, "80": 8}  # dots per QR module: 33 modules at 6 dots fit 58 mm's 384 dots
WRITE_TIMEOUT_MS = 5_000
PAPER_OK, PAPER_LOW, PAPER_OUT = 2, 1, 0  # python-escpos' paper_status() answers

# Vendors of USB receipt printers the station's udev rule opens to the operator (resources/udev/
# 61-ktp-mandiri-receipt-printers.rules, kept equal by a test).
RECEIPT_VENDORS = {0x0416, 0x04B8, 0x0519, 0x0FE6, 0x1504, 0x154F, 0x1FC9, 0x28E9}

BackendProvider = Callable[[], object]


class EscposMissing(RuntimeError):
    """python-escpos is not installed (the `escpos` extra)."""


def _escpos():
    try:
        from escpos import printer
    except ImportError as exc:
        raise EscposMissing(str(exc)) from exc
    return printer


def ticket_bytes(text: TicketText, paper: str = "80") -> bytes:
    """The ticket as ESC/POS commands for a `paper` ("58" or "80") mm roll, ending with a full cut."""
    if paper not in COLUMNS:
        raise ValueError("an ESC/POS ticket is for a 58 or 80 mm roll")
    composer = _escpos().Dummy()
    _compose(composer, text, paper)
    return composer.output


def _compose(p, text: TicketText, paper: str) -> None:
    columns = COLUMNS[paper]

    def lines(words: str, width: int = 1, bold: bool = False) -> None:
        p.set(bold=bold, custom_size=True, width=width, height=width)
        for line in textwrap.wrap(words, columns // width) or [""]:
            p.textln(line)

    p.hw("INIT")
    p.set(align="center")
    lines(text.office, bold=True)
    lines(text.station)
    p.ln()
    lines(text.heading)
    lines(text.code, width=CODE_SIZE[paper], bold=True)
    lines(text.service, width=2, bold=True)
    if text.priority:
        lines(text.priority, bold=True)
    p.ln()
    lines(text.day)
    lines(text.issued)
    lines(text.wait, bold=True)
    p.ln()
    p.qr(text.qr, native=True, size=QR_MODULE[paper], ec=_qr_level_m())
    p.ln()
    lines(text.lost)
    p.cut()


def _qr_level_m() -> int:
    from escpos.constants import QR_ECLEVEL_M

    return QR_ECLEVEL_M


def _not_opened(vendor: int, product: int, exc: BaseException) -> str:
    """The sentence for a receipt printer that cannot be opened: missing, or reachable only with the udev rule
    (Linux) or the WinUSB driver (Windows)."""
    from desktop import platform as system

    code = getattr(exc, "errno", None)
    unsupported = isinstance(exc, NotImplementedError)
    device = f"{vendor:04x}:{product:04x}"
    if system.WINDOWS and unsupported:
        return msg("Printer karcis {device} terlihat, tetapi Windows belum memberinya driver WinUSB; pasang "
                   "dengan Zadig (lihat panduan antrian).", device=device)
    if code == errno.EBUSY or code == errno.EACCES and system.WINDOWS:  # WinUSB: another program holds it
        return msg("Printer karcis {device} sedang dipakai program lain; tutup program itu, lalu coba lagi.",
                   device=device)
    if code == errno.EACCES or unsupported:
        return msg("Printer karcis {device} terlihat, tetapi stasiun tidak diizinkan membukanya; pasang aturan "
                   "udev printer karcis (lihat panduan antrian).", device=device)
    return msg("Printer karcis {device} tidak terhubung; periksa kabel USB dan daya printer.", device=device)


def print_usb(data: bytes, vendor: int, product: int, backend_provider: BackendProvider | None = None) -> str | None:
    """Send the ticket's bytes to the USB receipt printer; None when it printed, else one sentence why not."""
    import usb.core
    import usb.util

    from desktop.devices.usb import default_backend

    escpos = _escpos()
    backend = (backend_provider or default_backend)()
    if backend is None:
        return msg("Pustaka USB (libusb) tidak tersedia; printer karcis tidak dapat dipakai.")
    dev = usb.core.find(idVendor=vendor, idProduct=product, backend=backend)
    if dev is None:
        return msg("Printer karcis {device} tidak terhubung; periksa kabel USB dan daya printer.",
                   device=f"{vendor:04x}:{product:04x}")
    try:
        try:
            ep_out, ep_in = _open(dev)
        except (usb.core.USBError, NotImplementedError) as exc:
            log.info("receipt printer %04x:%04x not opened: %s", vendor, product, exc)
            return _not_opened(vendor, product, exc)
        # python-escpos' own open() would reset the device and assume endpoints 0x01/0x82: it is given the
        # device opened here instead.
        printer = escpos.Usb(vendor, product, timeout=WRITE_TIMEOUT_MS, in_ep=ep_in, out_ep=ep_out)
        printer.device = dev
        if _paper(printer) == PAPER_OUT:
            return msg("Kertas printer karcis habis; isi gulungan kertas baru.")
        try:
            printer._raw(data)
        except usb.core.USBTimeoutError:
            return msg("Printer karcis tidak menerima karcis (tutup terbuka atau kertas macet?).")
        except usb.core.USBError as exc:
            log.info("receipt printer %04x:%04x: write failed: %s", vendor, product, exc)
            return msg("Printer karcis terputus saat mencetak; periksa kabel USB.")
        if _paper(printer) == PAPER_OUT:
            return msg("Kertas printer karcis habis saat mencetak; isi gulungan kertas baru.")
        return None
    finally:
        usb.util.dispose_resources(dev)


def _open(dev) -> tuple[int, int]:
    """Configure the device, take its printer interface from the kernel's usblp (Linux) and claim it; the
    interface's bulk OUT and IN endpoint addresses (python-escpos assumes 0x01 and 0x82, which many receipt
    printers do not use)."""
    import usb.core
    import usb.util

    from desktop.devices.usb import active_printer_interface

    interface = active_printer_interface(dev, "no printer interface")
    number = interface.bInterfaceNumber
    try:
        if dev.is_kernel_driver_active(number):
            dev.detach_kernel_driver(number)
    except NotImplementedError:
        pass  # Windows and macOS backends have no kernel-driver calls
    usb.util.claim_interface(dev, number)
    ends = {usb.util.endpoint_direction(e.bEndpointAddress): e.bEndpointAddress for e in interface
            if usb.util.endpoint_type(e.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK}
    if usb.util.ENDPOINT_OUT not in ends:
        raise usb.core.USBError("printer interface without a bulk OUT endpoint", errno=errno.ENODEV)
    return ends[usb.util.ENDPOINT_OUT], ends.get(usb.util.ENDPOINT_IN, 0)


def _paper(printer) -> int:
    """The roll paper sensor (DLE EOT 4); a printer that does not answer counts as having paper (some cheap ones
    never answer over USB: the ticket is sent, and a missing ticket is seen at the door)."""
    import usb.core

    if not printer.in_ep:
        return PAPER_OK  # a printer that only listens
    try:
        return printer.paper_status()
    except usb.core.USBError as exc:
        log.info("receipt printer did not answer the paper status: %s", exc)
        return PAPER_OK
