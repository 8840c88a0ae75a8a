"""A USB receipt printer at the libusb level (a pyusb backend), for the ticket tests: python-escpos and the
station run unchanged over it (usb.core.find, set_configuration, reset, bulk writes and reads), and every
byte that reaches the device is kept in `received` for tests/helpers/escpos_reference.py to read.

The device is a 58 mm "POS58" (0416:5011) with one interface of class 7 (printer) whose bulk endpoints are
OUT 0x03 and IN 0x81, not python-escpos' default 0x01/0x82, so a driver that assumed those would fail here.
It answers DLE EOT 1 (printer status) and DLE EOT 4 (roll paper sensor) as Epson's reference describes
(each request is written on its own, as python-escpos does); `paper` is "ok", "low" or "out", and
`paper_out_after` makes the roll end once that many bytes were received. `plugged=False` is a printer
missing, `access_denied` Linux without the udev rule (EACCES), `winusb_missing` Windows without the WinUSB
driver (what pyusb raises for LIBUSB_ERROR_NOT_SUPPORTED).
"""

from __future__ import annotations

import errno
from types import SimpleNamespace

import usb.backend
import usb.core

VENDOR, PRODUCT = 0x0416, 0x5011
EP_OUT, EP_IN = 0x03, 0x81
PAPER_BYTE = {"ok": 0x12, "low": 0x12 | 0x0C, "out": 0x12 | 0x0C | 0x60}  # DLE EOT 4: bits 2-3 near end, 5-6 end
ONLINE_BYTE = 0x16  # DLE EOT 1: bits 1, 2 and 4 fixed, bit 3 (off-line) clear


def _error(code: int, text: str) -> usb.core.USBError:
    return usb.core.USBError(text, None, code)


class ReceiptPrinterBackend(usb.backend.IBackend):
    def __init__(self) -> None:
        self.plugged = True
        self.paper = "ok"
        self.paper_out_after: int | None = None
        self.access_denied = False
        self.winusb_missing = False
        self.received = bytearray()
        self.replies: list[int] = []
        self.opened = 0

    def __call__(self) -> ReceiptPrinterBackend:  # the station asks a provider for its backend
        return self

    def enumerate_devices(self):
        if self.plugged:
            yield "pos58"

    def get_device_descriptor(self, dev):
        return SimpleNamespace(
            bLength=18, bDescriptorType=1, bcdUSB=0x0110, bDeviceClass=0, bDeviceSubClass=0, bDeviceProtocol=0,
            bMaxPacketSize0=64, idVendor=VENDOR, idProduct=PRODUCT, bcdDevice=0x0100, iManufacturer=0,
            iProduct=0, iSerialNumber=0, bNumConfigurations=1, address=5, bus=1, port_number=1,
            port_numbers=(1,), speed=2,
        )

    def get_configuration_descriptor(self, dev, config):
        if config != 0:
            raise IndexError("configuration index out of range")
        return SimpleNamespace(
            bLength=9, bDescriptorType=2, wTotalLength=32, bNumInterfaces=1, bConfigurationValue=1,
            iConfiguration=0, bmAttributes=0xC0, bMaxPower=50, extra_descriptors=[],
        )

    def get_interface_descriptor(self, dev, intf, alt, config):
        if (config, intf, alt) != (0, 0, 0):
            raise IndexError("interface index out of range")
        return SimpleNamespace(
            bLength=9, bDescriptorType=4, bInterfaceNumber=0, bAlternateSetting=0, bNumEndpoints=2,
            bInterfaceClass=7, bInterfaceSubClass=1, bInterfaceProtocol=2, iInterface=0, extra_descriptors=[],
        )

    def get_endpoint_descriptor(self, dev, ep, intf, alt, config):
        if (config, intf, alt) != (0, 0, 0) or ep not in (0, 1):
            raise IndexError("endpoint index out of range")
        return SimpleNamespace(
            bLength=7, bDescriptorType=5, bEndpointAddress=(EP_OUT, EP_IN)[ep], bmAttributes=0x02,
            wMaxPacketSize=64, bInterval=0, bRefresh=0, bSynchAddress=0, extra_descriptors=[],
        )

    def _live(self) -> None:
        if not self.plugged:
            raise _error(errno.ENODEV, "No such device (it may have been disconnected)")

    def open_device(self, dev):
        self._live()
        if self.winusb_missing:
            raise NotImplementedError("Operation not supported or unimplemented on this platform")
        if self.access_denied:
            raise _error(errno.EACCES, "Access denied (insufficient permissions)")
        self.opened += 1
        return "handle"

    def close_device(self, dev_handle):
        pass

    def set_configuration(self, dev_handle, config_value):
        self._live()

    def get_configuration(self, dev_handle):
        self._live()
        return 1

    def set_interface_altsetting(self, dev_handle, intf, altsetting):
        self._live()

    def claim_interface(self, dev_handle, intf):
        self._live()

    def release_interface(self, dev_handle, intf):
        pass

    def reset_device(self, dev_handle):
        self._live()

    def clear_halt(self, dev_handle, ep):
        self._live()

    def bulk_write(self, dev_handle, ep, intf, data, timeout):
        self._live()
        if ep != EP_OUT:
            raise _error(errno.EPIPE, "Pipe error")
        data = bytes(data)
        self.received += data
        if self.paper_out_after is not None and len(self.received) >= self.paper_out_after:
            self.paper = "out"
        if data == b"\x10\x04\x04":
            self.replies.append(PAPER_BYTE[self.paper])
        elif data == b"\x10\x04\x01":
            self.replies.append(ONLINE_BYTE)
        return len(data)

    def bulk_read(self, dev_handle, ep, intf, buff, timeout):
        self._live()
        if ep != EP_IN:
            raise _error(errno.EPIPE, "Pipe error")
        if not self.replies:
            raise usb.core.USBTimeoutError("Operation timed out", -7, errno.ETIMEDOUT)
        buff[0] = self.replies.pop(0)
        return 1
