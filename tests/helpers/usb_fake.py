"""Helpers for the device tests: a test card raster and simulated printers on fake USB.

The fake USB hardware itself is `desktop.devices.sim_usb` (the app's `sim://` runs on it too);
these helpers only build what the tests feed it.
"""

from __future__ import annotations

import itertools

import numpy as np

from desktop.devices.base import CardJob
from desktop.devices.simulator import SimulatedEvolis, get_simulator
from desktop.devices.usb import UsbEvolisPrinter
from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardRaster

_names = itertools.count(1)

# Where the test card's features are, as (row slice, column slice) on the 638 x 1011 card.
TEXT_BARS = [(slice(60 + 40 * i, 80 + 40 * i), slice(40, 300 + 40 * i)) for i in range(6)]
NIK_BAR = (slice(20, 45), slice(40, 700))
COLOUR_BLOCK = (slice(120, 520), slice(720, 980))  # the photo's place, a flat colour
GRADIENT = (slice(560, 620), slice(40, 1000))


def card_array() -> np.ndarray:
    """A white card with black text-like bars, a colour block and a grey-to-red gradient."""
    card = np.full((CARD_HEIGHT_PX, CARD_WIDTH_PX, 3), 255, dtype=np.uint8)
    for rows, cols in [*TEXT_BARS, NIK_BAR]:
        card[rows, cols] = 0
    card[COLOUR_BLOCK] = (200, 60, 110)
    ramp = np.linspace(60, 250, GRADIENT[1].stop - GRADIENT[1].start).astype(np.uint8)
    card[GRADIENT[0], GRADIENT[1], 0] = 250
    card[GRADIENT[0], GRADIENT[1], 1] = ramp
    card[GRADIENT[0], GRADIENT[1], 2] = ramp[::-1]
    card[0, 0] = (255, 0, 0)  # a red dot in the top-left corner, to check orientation
    return card


def card_raster(card: np.ndarray | None = None) -> CardRaster:
    card = card_array() if card is None else card
    return CardRaster(card.shape[1], card.shape[0], np.ascontiguousarray(card).tobytes())


def card_job(job_id: str = "job-1", back: bool = False) -> CardJob:
    return CardJob(job_id, card_raster(), card_raster() if back else None)


def unique_sim_name(prefix: str = "t") -> str:
    return f"{prefix}{next(_names)}"


def raster_difference(expected: np.ndarray, actual: np.ndarray) -> tuple[int, float]:
    """(largest, mean) absolute channel difference between two card images."""
    diff = np.abs(expected.astype(np.int16) - actual.astype(np.int16))
    return int(diff.max()), float(diff.mean())


def sim_with_printer(**settings) -> tuple[SimulatedEvolis, UsbEvolisPrinter]:
    """A fresh simulated printer and the (unopened) USB driver for it, via the registry."""
    from desktop.devices.registry import make_printer

    name = unique_sim_name()
    sim = get_simulator(name, **settings)
    printer = make_printer(f"sim://{name}")
    assert isinstance(printer, UsbEvolisPrinter)
    return sim, printer


def confirm_readings(data_dir, uri: str, readings=("Rlr;p", "Rse;p"), model: str = "zenius"):
    """What the first office does once its printer showed what the readings mean (the probe's checklist):
    a profile for the `sim://` printer in `data_dir` with those readings confirmed, so that "ERR CARD"
    after a jam writes the blanko off instead of asking a supervisor. Returns the profile's path."""
    from urllib.parse import urlsplit

    from desktop.devices.evolis_models import PrinterProfile, profile_key, save_profile
    from desktop.devices.registry import profile_dir_in

    name = urlsplit(uri).netloc
    key = profile_key(SimulatedEvolis.VENDOR_ID, SimulatedEvolis.PRODUCT_ID, f"SIM-{name}")
    profile = PrinterProfile(family=model, confirmed=frozenset(readings), model=f"confirmed {model}")
    return save_profile(profile_dir_in(data_dir), key, profile)
