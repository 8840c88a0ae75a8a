"""Evolis: bytes on the wire for one card, `Db` against `Dbc`, and the driver's cost per card.

1. Bytes: the reference card with its own photo (desktop/render/samples.py, the print layer the
   printer gets) as the whole YMCKO sequence the driver sends a Dualys (Ss, Sr, five panels, Se),
   plain `Db` and `Dbc` (4-field header), at 32, 64 and 128 levels. Transfer time is computed at
   USB full speed's practical bulk rate, about 1 MB/s (the worst case: a printer on a USB 1.1 port
   or hub; high speed is many times faster).
2. Cost per card on the PC: the same card printed N times through the real driver (`UsbEvolisPrinter`
   over pyusb) to the strict simulator (`sim://...?model=dualys`, which refuses what a Dualys lacks
   and parses every byte), Db and Dbc. The app's part is print_card's time minus the simulator's
   own parsing and decoding (work a real printer does in its firmware).
"""

from __future__ import annotations

import time

from bench.common import Result, median, percentile
from desktop.devices.base import CardJob
from desktop.devices.evolis import EvolisOptions, card_frames
from desktop.devices.evolis_models import FAMILIES
from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.render import ensure_gui_app

NAME = "evolis"
USB_FULL_SPEED = 1_000_000  # bytes per second, practical bulk rate
PRINT_CYCLE_S = 15.0
OVERHEAD_TARGET_MS = 250.0


def run(quick: bool) -> list[Result]:
    ensure_gui_app()
    from desktop.render.card import render_front, to_raster
    from desktop.render.samples import sample_cards

    raster = to_raster(render_front(sample_cards()["own_photo"]))
    job = CardJob("bench", raster)
    rows: list[Result] = []
    sizes: dict[tuple[int, str], int] = {}
    for levels in (32, 64, 128):
        for compression in ("none", "dbc4"):
            frames = card_frames(job, EvolisOptions(levels=levels, compression=compression), FAMILIES["dualys"])
            total = sum(len(data) for _, data in frames)
            sizes[(levels, compression)] = total
            panels = ", ".join(f"{label} {len(data):,}" for label, data in frames if len(label) == 1)
            form = "Db" if compression == "none" else "Dbc"
            rows.append(Result(NAME, f"bytes for one card, {form}, {levels} levels", total, "B",
                               note=f"per panel: {panels}"))
            rows.append(Result(NAME, f"  transfer at ~1 MB/s, {form}, {levels} levels", total / USB_FULL_SPEED, "s",
                               note=f"{total / USB_FULL_SPEED / PRINT_CYCLE_S:.1%} of a {PRINT_CYCLE_S:g} s print"))
    rows.append(Result(NAME, "Dbc / Db bytes, 32 levels", sizes[(32, "dbc4")] / sizes[(32, "none")], "x"))
    cards = 5 if quick else 30
    for compression in ("none", "dbc4"):
        rows += _cost(job, compression, cards)
    return rows


def _cost(job: CardJob, compression: str, cards: int) -> list[Result]:
    name = f"bench-evolis-{compression}"
    forget_simulators()
    sim = get_simulator(name, model="dualys")
    firmware: list[float] = [0.0]  # the set-up at open goes into a first, dropped, entry
    base_receive = sim.receive

    def timed_receive(data):
        started = time.perf_counter()
        try:
            return base_receive(data)
        finally:
            firmware[-1] += (time.perf_counter() - started) * 1000

    sim.receive = timed_receive
    totals, encode = [], []
    printer = open_printer(f"sim://{name}?compress={compression}")
    try:
        for i in range(cards + 2):  # two untimed cards first
            firmware[-1:] = [0.0]
            started = time.perf_counter()
            printer.print_card(job)
            totals.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            card_frames(job, printer.session.options, printer.session.capabilities)
            encode.append((time.perf_counter() - started) * 1000)
            if i < 2:
                totals.pop(), encode.pop()
            else:
                firmware.append(0.0)
    finally:
        printer.close()
        forget_simulators()
    if sim.cards_printed != cards + 2 or "NACK" in "".join(sim.commands):
        raise RuntimeError(f"the simulator printed {sim.cards_printed} cards, expected {cards + 2}")
    firmware.pop()  # the entry opened after the last card
    own = [t - f for t, f in zip(totals, firmware, strict=True)]
    form = "Db" if compression == "none" else "Dbc"
    return [
        Result(NAME, f"driver's cost per card, {form} ({cards} cards, strict Dualys simulator)", median(own), "ms",
               target=f"< {OVERHEAD_TARGET_MS:g} ms", ok=median(own) < OVERHEAD_TARGET_MS,
               note=f"p90 {percentile(own, 90):.1f} ms; print_card {median(totals):.1f} ms minus the simulator's "
                    f"parsing and decoding {median(firmware):.1f} ms"),
        Result(NAME, f"  of which encoding (card_frames), {form}", median(encode), "ms"),
    ]
