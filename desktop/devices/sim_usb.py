"""A fake libusb backend for pyusb, wired to a `SimulatedEvolis`.

pyusb builds its real `usb.core.Device`, `Configuration`, `Interface` and `Endpoint` objects from
what a backend reports, so the USB driver runs unchanged over this: it finds the device with
`usb.core.find`, reads the serial string through control transfers, checks the kernel driver,
claims the interface and writes and reads the bulk endpoints, and gets the same `USBError`s
(errno EBUSY, ENODEV, EACCES) and `USBTimeoutError` a real libusb gives.

The device has one configuration with two interfaces: 0 is vendor-specific (one interrupt IN
endpoint), 1 is the printer (class 7, bidirectional) with bulk OUT 0x04 and bulk IN 0x85, so a
driver that assumed interface 0 or endpoints 0x01/0x82 would fail here.
"""

from __future__ import annotations

import errno
import time
from dataclasses import dataclass
from types import SimpleNamespace

import usb.backend
import usb.core

from desktop.devices.simulator import SimStalled, SimulatedEvolis, SimUnplugged

PRINTER_INTERFACE = 1
EP_OUT = 0x04
EP_IN = 0x85
EP_INT = 0x83


def _usb_error(code: int, text: str) -> usb.core.USBError:
    return usb.core.USBError(text, None, code)


def _gone() -> usb.core.USBError:
    return _usb_error(errno.ENODEV, "No such device (it may have been disconnected)")


@dataclass(frozen=True)
class _DeviceToken:
    sim: SimulatedEvolis
    generation: int


@dataclass
class _Handle:
    token: _DeviceToken


class SimUsbBackend(usb.backend.IBackend):
    """The libusb-shaped view of one simulated printer."""

    def __init__(self, sim: SimulatedEvolis) -> None:
        self.sim = sim
        self.access_denied = False  # behave like Linux without the udev rule (errno 13)

    # -- descriptors --------------------------------------------------------------------------

    def enumerate_devices(self):
        if self.sim.plugged:
            yield _DeviceToken(self.sim, self.sim.generation)

    def get_device_descriptor(self, dev):
        return SimpleNamespace(
            **dict(
                bLength=18, bDescriptorType=1, bcdUSB=0x0200, bDeviceClass=0, bDeviceSubClass=0,
                bDeviceProtocol=0, bMaxPacketSize0=64, idVendor=dev.sim.VENDOR_ID,
                idProduct=dev.sim.PRODUCT_ID, bcdDevice=0x0100, iManufacturer=1, iProduct=2,
                iSerialNumber=3, bNumConfigurations=1, address=7 + dev.generation, bus=1,
                port_number=2, port_numbers=(2,), speed=3,
            )
        )  # fmt: skip

    def get_configuration_descriptor(self, dev, config):
        if config != 0:
            raise IndexError("configuration index out of range")
        return SimpleNamespace(
            **dict(
                bLength=9, bDescriptorType=2, wTotalLength=55, bNumInterfaces=2, bConfigurationValue=1,
                iConfiguration=0, bmAttributes=0xC0, bMaxPower=1, extra_descriptors=[],
            )
        )  # fmt: skip

    def get_interface_descriptor(self, dev, intf, alt, config):
        if config != 0 or alt != 0 or intf not in (0, 1):
            raise IndexError("interface index out of range")
        if intf == 0:
            cls, sub, proto, eps = 0xFF, 0, 0, 1
        else:
            cls, sub, proto, eps = 7, 1, 2, 2
        return SimpleNamespace(
            **dict(
                bLength=9, bDescriptorType=4, bInterfaceNumber=intf, bAlternateSetting=0, bNumEndpoints=eps,
                bInterfaceClass=cls, bInterfaceSubClass=sub, bInterfaceProtocol=proto, iInterface=0,
                extra_descriptors=[],
            )
        )  # fmt: skip

    def get_endpoint_descriptor(self, dev, ep, intf, alt, config):
        table = {(0, 0): (EP_INT, 0x03, 16), (1, 0): (EP_OUT, 0x02, 512), (1, 1): (EP_IN, 0x02, 512)}
        if config != 0 or alt != 0 or (intf, ep) not in table:
            raise IndexError("endpoint index out of range")
        address, attributes, size = table[(intf, ep)]
        return SimpleNamespace(
            **dict(
                bLength=7, bDescriptorType=5, bEndpointAddress=address, bmAttributes=attributes,
                wMaxPacketSize=size, bInterval=0 if attributes == 0x02 else 10, bRefresh=0,
                bSynchAddress=0, extra_descriptors=[],
            )
        )  # fmt: skip

    # -- handles ------------------------------------------------------------------------------

    def _live(self, handle: _Handle) -> SimulatedEvolis:
        sim = handle.token.sim
        if not sim.plugged or sim.generation != handle.token.generation:
            raise _gone()
        return sim

    def open_device(self, dev):
        if not dev.sim.plugged or dev.sim.generation != dev.generation:
            raise _gone()
        if dev.sim.winusb_missing:  # what pyusb raises for LIBUSB_ERROR_NOT_SUPPORTED
            raise NotImplementedError("Operation not supported or unimplemented on this platform")
        if self.access_denied:
            raise _usb_error(errno.EACCES, "Access denied (insufficient permissions)")
        return _Handle(dev)

    def close_device(self, dev_handle):
        pass

    def set_configuration(self, dev_handle, config_value):
        sim = self._live(dev_handle)
        sim.set_configuration_calls += 1
        if sim.kernel_driver_active:
            raise _usb_error(errno.EBUSY, "Resource busy")  # a bound kernel driver blocks it
        sim.configuration = config_value

    def get_configuration(self, dev_handle):
        return self._live(dev_handle).configuration

    def set_interface_altsetting(self, dev_handle, intf, altsetting):
        self._live(dev_handle)

    def claim_interface(self, dev_handle, intf):
        sim = self._live(dev_handle)
        if intf == PRINTER_INTERFACE and (sim.kernel_driver_active or time.monotonic() < sim.busy_until):
            raise _usb_error(errno.EBUSY, "Resource busy")

    def release_interface(self, dev_handle, intf):
        self._live(dev_handle)

    def is_kernel_driver_active(self, dev_handle, intf):
        sim = self._live(dev_handle)
        if not sim.kernel_driver_api:
            raise NotImplementedError("is_kernel_driver_active")
        return intf == PRINTER_INTERFACE and sim.kernel_driver_active

    def detach_kernel_driver(self, dev_handle, intf):
        sim = self._live(dev_handle)
        if not sim.kernel_driver_api:
            raise NotImplementedError("detach_kernel_driver")
        if intf != PRINTER_INTERFACE or not sim.kernel_driver_active:
            raise _usb_error(errno.ENOENT, "Entity not found")
        sim.kernel_driver_active = False

    def attach_kernel_driver(self, dev_handle, intf):
        sim = self._live(dev_handle)
        if not sim.kernel_driver_api:
            raise NotImplementedError("attach_kernel_driver")
        if intf == PRINTER_INTERFACE:
            sim.kernel_driver_active = True

    # -- transfers ----------------------------------------------------------------------------

    def bulk_write(self, dev_handle, ep, intf, data, timeout):
        sim = self._live(dev_handle)
        if ep != EP_OUT:
            raise _usb_error(errno.EPIPE, "Pipe error")
        sim.writes.append((len(data), timeout))
        try:
            sim.receive(bytes(data))
        except SimUnplugged:
            raise _gone() from None
        except SimStalled:
            raise _usb_error(errno.EPIPE, "Pipe error") from None
        return len(data)

    def bulk_read(self, dev_handle, ep, intf, buff, timeout):
        sim = self._live(dev_handle)
        if ep != EP_IN:
            raise _usb_error(errno.EPIPE, "Pipe error")
        try:
            reply = sim.take_reply(len(buff), (timeout or 1000) / 1000)
        except SimUnplugged:
            raise _gone() from None
        if reply is None:
            raise usb.core.USBTimeoutError("Operation timed out", -7, errno.ETIMEDOUT)
        buff[: len(reply)] = type(buff)(buff.typecode, reply)
        return len(reply)

    def ctrl_transfer(self, dev_handle, bmRequestType, bRequest, wValue, wIndex, data, timeout):
        sim = self._live(dev_handle)
        if bRequest != 0x06 or wValue >> 8 != 3:  # only GET_DESCRIPTOR(string) is modelled
            raise _usb_error(errno.EPIPE, "Pipe error")
        index = wValue & 0xFF
        if index == 0:
            body = (0x0409).to_bytes(2, "little")
        else:
            text = {1: "Evolis", 2: sim.MODEL.removeprefix("Evolis "), 3: sim.serial}.get(index)
            if text is None:
                raise _usb_error(errno.EPIPE, "Pipe error")
            body = text.encode("utf-16-le")
        payload = bytes([len(body) + 2, 3]) + body
        payload = payload[: len(data)]
        data[: len(payload)] = type(data)(data.typecode, payload)
        return len(payload)

    def clear_halt(self, dev_handle, ep):
        self._live(dev_handle).clear_halt()

    def reset_device(self, dev_handle):
        self._live(dev_handle).usb_reset()


def backend_for(sim: SimulatedEvolis) -> SimUsbBackend:
    """The backend of a simulated printer, kept on it so test switches (access_denied) persist."""
    backend = getattr(sim, "_usb_backend", None)
    if backend is None:
        backend = SimUsbBackend(sim)
        sim._usb_backend = backend
    return backend
