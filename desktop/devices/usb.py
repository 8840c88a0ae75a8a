"""Evolis card printers on USB, through pyusb.

The fixes for what pyusb printer drivers usually hit (see PRINTERS.md) are all here: the printer is
matched by vendor id plus an interface of class 7; its bulk endpoints are found by direction; the
kernel's `usblp` is detached before claiming and given back on close (not on Windows, where the
call does not exist); an active configuration is left alone; a busy interface is retried for a
few seconds; writes go in chunks with a long time-out; every reply is validated; I/O errors mark
the printer disconnected and it is found again by polling the bus.

The libusb backend and so the device lookup come from `backend_provider`: the simulator passes a
fake backend, so `sim://` runs this very code over simulated hardware.

Windows: libusb needs the WinUSB driver on the printer (installed with Zadig), which takes the
printer away from the Windows spooler; offices that cannot switch use `spooler://` instead. Without
it libusb answers "not supported" (pyusb raises NotImplementedError) and the operator is told so.

A stalled endpoint (EPIPE) is cleared and reported as a missing reply, not as a disconnection; after
a failed download the session may ask for a USB reset (`UsbTransport.reset`), after which the
interface is claimed again.
"""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import usb.backend.libusb1
import usb.core
import usb.util

from desktop import platform as system
from desktop.devices.base import (
    CardJob,
    Fault,
    Printer,
    PrinterError,
    PrinterIdentity,
    PrinterState,
    PrinterStatus,
    ProgressCallback,
)
from desktop.devices.evolis import (
    EvolisOptions,
    NoReply,
    ProtocolError,
    Stalled,
    TransportGone,
    card_frames,
    printer_error,
)
from desktop.devices.evolis_models import load_profile, profile_key
from desktop.devices.evolis_session import EvolisSession
from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.devices")

KNOWN_VENDORS = {
    0x0F49: "Evolis",
    0x0A5F: "Zebra",
    0x09B0: "HID Fargo",
    0x0A27: "Entrust/Datacard",
    0x0C1F: "Magicard",
}
DRIVEN_VENDORS = {0x0F49}  # vendors whose command language this package speaks over USB
PRINTER_CLASS = 7
WRITE_CHUNK = 64 * 1024
WRITE_TIMEOUT_MS = 15_000  # per chunk; never 0, which blocks forever
CLAIM_RETRY_SECONDS = 3.0
CLAIM_RETRY_INTERVAL = 0.1

BackendProvider = Callable[[], object]


def default_backend() -> object | None:
    """libusb-package's bundled libusb first, then pyusb's own search (the one that works frozen)."""
    backend = None
    try:
        import libusb_package

        backend = libusb_package.get_libusb1_backend()
    except Exception as exc:  # a missing or broken bundled DLL must not hide the fallback
        log.debug("libusb-package backend unavailable: %s", exc)
    if backend is None:
        backend = usb.backend.libusb1.get_backend()
    return backend


def printer_interface(config) -> object | None:
    """The first interface of class 7 (printer) in a configuration."""
    return usb.util.find_descriptor(config, bInterfaceClass=PRINTER_CLASS)


def active_printer_interface(dev, missing: str = "no printer interface in the active configuration") -> object:
    """The printer interface of the device's active configuration, configuring the device first when it is
    not configured yet; USBError (ENODEV, `missing`) when it has none. No access and a device gone are raised."""
    try:
        config = dev.get_active_configuration()
    except usb.core.USBError as exc:
        if exc.errno in (errno.EACCES, errno.ENODEV):
            raise
        config = None  # not configured yet
    if config is None:
        dev.set_configuration()
        config = dev.get_active_configuration()
    interface = printer_interface(config)
    if interface is None:
        raise usb.core.USBError(missing, errno=errno.ENODEV)
    return interface


def has_printer_interface(dev) -> bool:
    try:
        return any(printer_interface(cfg) is not None for cfg in dev)
    except (usb.core.USBError, ValueError):
        return False


# Serial numbers read in this process, by where the device sits. Reading one opens the device, which
# fails while another handle holds it (WinUSB is exclusive on Windows: this GUI's own open printer, or
# another program): the listing then keeps the serial it read before instead of showing the printer
# again without it, as a second, unregistered one.
_serials: dict[tuple, str] = {}


def _place(dev) -> tuple:
    try:
        ports = tuple(dev.port_numbers or ())
    except (usb.core.USBError, NotImplementedError, AttributeError):
        ports = ()
    return dev.idVendor, dev.idProduct, dev.bus, ports, dev.address


def remember_serial(dev, serial: str | None) -> None:
    if serial:
        _serials[_place(dev)] = serial


def read_serial(dev) -> str | None:
    """The serial number string; the one read before at the same place when the device is held (busy);
    None when it does not give one (no access, no string)."""
    try:
        serial = dev.serial_number
    except (usb.core.USBError, ValueError, NotImplementedError) as exc:
        log.debug("no serial number from %04x:%04x: %s", dev.idVendor, dev.idProduct, exc)
        return _serials.get(_place(dev))
    remember_serial(dev, serial)
    return serial


def usb_uri(vendor_id: int, product_id: int, serial: str | None) -> str:
    base = f"usb://{vendor_id:04X}:{product_id:04X}"
    return f"{base}/{serial}" if serial else base


@dataclass(frozen=True)
class UsbPrinterInfo:
    vendor_id: int
    product_id: int
    serial: str | None
    product: str | None

    @property
    def uri(self) -> str:
        return usb_uri(self.vendor_id, self.product_id, self.serial)

    @property
    def model(self) -> str:
        """What the device calls itself, with its vendor: "Evolis Primacy"."""
        vendor = KNOWN_VENDORS.get(self.vendor_id, f"{self.vendor_id:04X}")
        name = self.product or f"{self.product_id:04X}"
        return f"{vendor} {name}" if not name.startswith(vendor) else name

    @property
    def driven(self) -> bool:
        """Whether this package speaks its command language over USB (else: through the OS spooler)."""
        return self.vendor_id in DRIVEN_VENDORS

    @property
    def description(self) -> str:
        return self.model if self.driven else f"{self.model} (not driven over USB: use the OS spooler)"


def find_printer_devices(backend, vendor_ids=KNOWN_VENDORS) -> list:
    """Every device of a known card-printer vendor that has a printer-class interface."""
    if backend is None:
        return []
    return list(
        usb.core.find(
            find_all=True,
            backend=backend,
            custom_match=lambda d: d.idVendor in vendor_ids and has_printer_interface(d),
        )
    )


def list_usb_printers(backend_provider: BackendProvider | None = None) -> list[UsbPrinterInfo]:
    backend = (backend_provider or default_backend)()
    if backend is None:
        log.warning("no libusb backend: USB printers cannot be listed")
        return []
    infos = []
    for dev in find_printer_devices(backend):
        try:
            product = dev.product
        except (usb.core.USBError, ValueError, NotImplementedError):
            product = None
        infos.append(UsbPrinterInfo(dev.idVendor, dev.idProduct, read_serial(dev), product))
        usb.util.dispose_resources(dev)
    return infos


class UsbTransport:
    """The printer interface's bulk OUT/IN endpoints as an Evolis transport."""

    def __init__(
        self, ep_out, ep_in, *, chunk: int = WRITE_CHUNK, write_timeout_ms: int = WRITE_TIMEOUT_MS,
        on_reset: Callable[[], None] | None = None,
    ) -> None:
        if write_timeout_ms <= 0:
            raise ValueError("a USB write needs a positive time-out (0 blocks forever)")
        self.ep_out = ep_out
        self.ep_in = ep_in
        self.chunk = chunk
        self.write_timeout_ms = write_timeout_ms
        self.read_size = max(64, ep_in.wMaxPacketSize) * 8
        self._on_reset = on_reset

    def write(self, data: bytes) -> None:
        offset = 0
        while offset < len(data):
            piece = bytes(data[offset : offset + self.chunk])
            try:
                written = self.ep_out.write(piece, timeout=self.write_timeout_ms)
            except usb.core.USBTimeoutError as exc:
                raise NoReply(f"the printer took no data for {self.write_timeout_ms / 1000:g} s") from exc
            except usb.core.USBError as exc:
                self._raise_for(exc, self.ep_out, f"after {offset} of {len(data)} bytes")
            if written <= 0:
                raise NoReply("the printer took no data")
            offset += written

    def read(self, timeout: float) -> bytes:
        try:
            data = self.ep_in.read(self.read_size, timeout=max(1, int(timeout * 1000)))
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as exc:
            if exc.errno == errno.ETIMEDOUT:
                return b""
            self._raise_for(exc, self.ep_in, "while reading")
        return bytes(data)

    def _raise_for(self, exc: usb.core.USBError, endpoint, where: str):
        if exc.errno == errno.ETIMEDOUT:
            raise NoReply(f"USB time-out {where}") from exc
        if exc.errno == errno.EPIPE:  # a stall: clear it; the printer is still there
            log.warning("endpoint %#04x stalled %s; clearing the halt", endpoint.bEndpointAddress, where)
            self._clear(endpoint)
            raise Stalled(f"endpoint {endpoint.bEndpointAddress:#04x} stalled {where}") from exc
        raise TransportGone(str(exc)) from exc

    @staticmethod
    def _clear(endpoint) -> None:
        try:
            endpoint.clear_halt()
        except usb.core.USBError as exc:
            if exc.errno == errno.ENODEV:
                raise TransportGone(str(exc)) from exc
            log.warning("could not clear the halt on %#04x: %s", endpoint.bEndpointAddress, exc)

    def clear_halt(self) -> None:
        """Clear a stall on both endpoints (harmless when there is none)."""
        self._clear(self.ep_out)
        self._clear(self.ep_in)

    def reset(self) -> None:
        """Reset the USB device: the last step when the printer's parser does not come back."""
        if self._on_reset is not None:
            self._on_reset()


class UsbEvolisPrinter(Printer):
    """An Evolis printer (A5013 command language) on USB: `usb://0F49:PID[/SERIAL]`."""

    def __init__(
        self,
        uri: str,
        vendor_id: int,
        product_id: int,
        serial: str | None = None,
        *,
        options: EvolisOptions | None = None,
        backend_provider: BackendProvider | None = None,
        claim_retry_seconds: float = CLAIM_RETRY_SECONDS,
        profile_dir: Path | None = None,
    ) -> None:
        self.uri = uri
        self.vendor_id = vendor_id
        self.product_id = product_id
        self.serial = serial
        self.options = options or EvolisOptions()
        self.claim_retry_seconds = claim_retry_seconds
        self.profile_dir = profile_dir
        self.setup_on_open = True  # the probe opens without the set-up, to see the printer as it is
        self._backend_provider = backend_provider
        self._backend = None
        self._dev = None
        self._interface: int | None = None
        self._detached = False
        self._session: EvolisSession | None = None
        self._opened = False

    # -- connection ---------------------------------------------------------------------------

    def open(self) -> None:
        if self._session is not None:
            return
        if self._connect():
            self._opened = True
        else:
            raise UserFacingError(
                f"Printer '{self.uri}' tidak ditemukan. Periksa kabel USB dan nyalakan printer.",
                code="printer_not_found",
            )

    def close(self) -> None:
        self._opened = False
        self._release()

    @property
    def connected(self) -> bool:
        return self._session is not None

    def wait_until_connected(self, timeout: float, interval: float = 0.5) -> bool:
        """Poll the bus until the printer is back (pyusb has no hot-plug); True if it is."""
        deadline = time.monotonic() + timeout
        while True:
            if self._session is not None or self._connect():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(interval)

    def _lookup(self):
        if self._backend is None:
            self._backend = (self._backend_provider or default_backend)()
            if self._backend is None:
                raise UserFacingError(
                    "Pustaka USB (libusb) tidak ditemukan. Pasang ulang aplikasi, atau pakai printer lewat spooler sistem.",
                    code="no_usb_backend",
                )
        denied = unsupported = False
        for dev in find_printer_devices(self._backend, {self.vendor_id}):
            if dev.idProduct != self.product_id:
                continue
            if self.serial is None:
                return dev
            try:
                if dev.serial_number == self.serial:
                    remember_serial(dev, self.serial)
                    return dev
            except NotImplementedError:  # libusb cannot open it: no WinUSB driver (Windows)
                unsupported = True
            except (usb.core.USBError, ValueError):
                # pyusb turns "no permission" into "no langid": open it to tell the two apart
                denied = denied or _access_denied_on(dev)
            usb.util.dispose_resources(dev)
        if unsupported:
            raise _needs_winusb(self.uri)
        if denied:
            raise _access_denied()
        return None

    def _connect(self) -> bool:
        """Find the device and take its printer interface; False if it is not on the bus."""
        dev = self._lookup()
        if dev is None:
            return False
        try:
            self._claim(dev)
        except NotImplementedError as exc:
            self._release()
            raise _needs_winusb(self.uri) from exc
        except UserFacingError:
            self._release()
            raise
        except usb.core.USBError as exc:
            self._release()
            if exc.errno == errno.EACCES:
                raise _access_denied() from exc
            if exc.errno == errno.EBUSY:
                raise UserFacingError(
                    msg("Printer sedang dipakai program lain (misalnya aplikasi vendor printer). Tutup program "
                        "itu, lalu coba lagi.") if system.WINDOWS else
                    msg("Printer sedang dipakai program lain (misalnya CUPS). Tutup program itu, lalu coba lagi."),
                    code="printer_busy",
                ) from exc
            log.warning("could not open %s: %s", self.uri, exc)
            return False
        log.info("opened %s", self.uri)
        if self.setup_on_open:
            self._setup_quietly()
        return True

    def _claim(self, dev) -> None:
        self._dev = dev
        intf = active_printer_interface(dev)
        number = intf.bInterfaceNumber
        self._interface = number
        self._detached = False
        self._take_interface(dev, number)
        ep_out = usb.util.find_descriptor(intf, custom_match=_bulk(usb.util.ENDPOINT_OUT))
        ep_in = usb.util.find_descriptor(intf, custom_match=_bulk(usb.util.ENDPOINT_IN))
        if ep_out is None or ep_in is None:
            raise usb.core.USBError("printer interface without bulk IN and OUT endpoints", errno=errno.ENODEV)
        options, capabilities = self.options, None
        try:
            profile = load_profile(self.profile_dir, profile_key(dev.idVendor, dev.idProduct, read_serial(dev)))
        except ValueError as exc:
            raise UserFacingError(
                msg("Profil printer {uri} tidak dapat dibaca ({problem}). Hapus berkasnya atau buat ulang dengan "
                    "ktp-mandiri printer-probe --save-profile.", uri=self.uri, problem=str(exc)),
                code="printer_profile",
            ) from exc
        if profile is not None:
            capabilities = profile.capabilities()
            if options.compression is None and profile.compression:
                options = replace(options, compression=profile.compression)
            log.info("%s: using its saved profile (%s)", self.uri, capabilities.label)
        transport = UsbTransport(ep_out, ep_in, on_reset=self._reset_device)
        self._session = EvolisSession(transport, options, capabilities)

    def _take_interface(self, dev, number: int) -> None:
        """Detach the kernel's driver if it holds the interface, then claim it (retrying while busy)."""
        try:
            if dev.is_kernel_driver_active(number):
                dev.detach_kernel_driver(number)
                self._detached = True
                log.debug("detached the kernel driver from interface %d", number)
        except NotImplementedError:
            pass  # Windows and macOS backends have no kernel-driver calls
        deadline = time.monotonic() + self.claim_retry_seconds
        while True:
            try:
                usb.util.claim_interface(dev, number)
                break
            except usb.core.USBError as exc:
                if exc.errno != errno.EBUSY or time.monotonic() >= deadline:
                    raise
                log.debug("interface %d busy, retrying", number)
                time.sleep(CLAIM_RETRY_INTERVAL)

    def _reset_device(self) -> None:
        """USB reset (pyusb releases the interface and closes the handle): claim it again."""
        dev, number = self._dev, self._interface
        if dev is None or number is None:
            return
        try:
            dev.reset()
            self._take_interface(dev, number)
        except (usb.core.USBError, NotImplementedError) as exc:
            raise TransportGone(f"USB reset failed: {exc}") from exc
        log.warning("%s: USB device reset after a failed download", self.uri)

    def _setup_quietly(self) -> None:
        try:
            self._ensure_setup()
        except (ProtocolError, PrinterError) as exc:
            log.warning("%s did not take the set-up yet: %s", self.uri, exc)

    def _ensure_setup(self) -> None:
        """Send the set-up once per connection; PrinterError if the printer does not answer."""
        assert self._session is not None
        try:
            self._session.ensure_setup()
        except TransportGone as exc:
            self._lost(exc)
            raise printer_error(exc, card_consumed=False) from None

    def _release(self) -> None:
        dev, self._dev, self._session = self._dev, None, None
        if dev is None:
            return
        try:
            if self._interface is not None:
                usb.util.release_interface(dev, self._interface)
            if self._detached and self._interface is not None:
                dev.attach_kernel_driver(self._interface)
                log.debug("gave interface %d back to the kernel driver", self._interface)
        except (usb.core.USBError, NotImplementedError) as exc:
            log.debug("release of %s: %s", self.uri, exc)
        finally:
            self._detached = False
            try:
                usb.util.dispose_resources(dev)
            except usb.core.USBError as exc:
                log.debug("dispose of %s: %s", self.uri, exc)

    def _lost(self, exc: BaseException) -> None:
        log.warning("%s disconnected: %s", self.uri, exc)
        self._release()
        self._backend = None  # look the bus up afresh next time

    def _session_or_raise(self) -> EvolisSession:
        """The live session, reconnecting if the printer came back; PrinterError if it did not."""
        if not self._opened:
            raise PrinterError(Fault.DISCONNECTED, "printer not open", card_consumed=False)
        if self._session is None:
            try:
                found = self._connect()
            except UserFacingError as exc:
                raise PrinterError(Fault.DISCONNECTED, str(exc), card_consumed=False) from None
            if not found:
                raise PrinterError(Fault.DISCONNECTED, "printer not on the bus", card_consumed=False)
        try:
            self._ensure_setup()
        except ProtocolError as exc:
            raise printer_error(exc, card_consumed=False) from None
        assert self._session is not None
        return self._session

    # -- Printer ------------------------------------------------------------------------------

    def status(self) -> PrinterStatus:
        try:
            session = self._session_or_raise()
        except PrinterError as exc:
            if exc.fault is Fault.DISCONNECTED:
                return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, exc.detail)
            return PrinterStatus(PrinterState.UNKNOWN, exc.fault, exc.detail)
        try:
            return session.status()
        except TransportGone as exc:
            self._lost(exc)
            return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, str(exc))

    def identity(self) -> PrinterIdentity:
        return self._read(lambda session: session.identity())

    def counters(self) -> dict[str, int]:
        return self._read(lambda session: session.counters())

    def _read(self, what):
        session = self._session_or_raise()
        try:
            return what(session)
        except (ProtocolError, TransportGone) as exc:
            if isinstance(exc, TransportGone):
                self._lost(exc)
            raise printer_error(exc, card_consumed=False) from None

    @property
    def session(self) -> EvolisSession | None:
        """The live conversation (for the probe); None while disconnected."""
        return self._session

    def print_card(self, job: CardJob, progress: ProgressCallback | None = None) -> None:
        session = self._session_or_raise()
        frames = card_frames(job, session.options, session.capabilities)  # a bad raster fails here
        started = time.monotonic()
        try:
            session.print_card(job, progress, frames)
        except PrinterError as exc:
            exc.card_stream = frames
            if exc.fault is Fault.DISCONNECTED:
                self._lost(exc)
            log.warning(
                "card failed on %s: %s (card consumed: %s)", self.uri, exc.fault.value, exc.card_consumed
            )
            raise
        log.info("card printed on %s in %.1f s", self.uri, time.monotonic() - started)
        log.debug("job %s done", job.job_id)


def _access_denied_on(dev) -> bool:
    try:
        dev.get_active_configuration()
    except usb.core.USBError as exc:
        return exc.errno == errno.EACCES
    return False


def _needs_winusb(uri: str) -> UserFacingError:
    return UserFacingError(
        msg("Printer {uri} belum memakai driver WinUSB, jadi aplikasi tidak bisa membukanya. Pasang WinUSB "
            "dengan Zadig (lihat README), atau daftarkan printer ini sebagai spooler://NAMA_PRINTER.", uri=uri),
        code="printer_needs_winusb",
    )


def _access_denied() -> UserFacingError:
    if system.WINDOWS:  # WinUSB lets one program at a time open the device; no permission to give
        return UserFacingError(
            msg("Printer USB sedang dibuka program lain di PC ini (aplikasi vendor, Zadig, atau KTP-el Mandiri "
                "di akun Windows lain). Tutup program itu, lalu coba lagi."),
            code="printer_access_denied",
        )
    return UserFacingError(
        msg("Tidak ada izin membuka printer USB. Pasang aturan udev KTP-el Mandiri, lalu cabut dan colok lagi "
            "printer."),
        code="printer_access_denied",
    )


def _bulk(direction: int):
    def match(ep) -> bool:
        return (
            usb.util.endpoint_direction(ep.bEndpointAddress) == direction
            and usb.util.endpoint_type(ep.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK
        )

    return match
