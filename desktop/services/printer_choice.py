"""Which printers the station uses: the ones registered, or, while none is, the USB card printers
plugged in (never a simulator, never an office printer). Qt-free: the counter, the printer page and
the start after log-in ask the same."""

from __future__ import annotations

import logging

from desktop.services.station import StationInfo

log = logging.getLogger("ktp.devices")


def plugged_in_printers() -> list[str]:
    """Card printers on the USB bus, for a station that has none configured (never a simulator)."""
    try:
        from desktop.devices.usb import DRIVEN_VENDORS, list_usb_printers

        return [p.uri for p in list_usb_printers() if p.vendor_id in DRIVEN_VENDORS]
    except Exception as exc:  # no libusb on this machine: the header says "no printer"
        log.warning("USB discovery failed: %s", exc)
        return []


def station_printers(station: StationInfo) -> list[str]:
    """The printers the station uses: those configured, or, while none is, the USB card printers plugged in."""
    return list(station.printers) or plugged_in_printers()
