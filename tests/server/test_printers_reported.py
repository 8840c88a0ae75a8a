"""A station's printers reach the regency panel with its sync round (issue 18, item 2; docs/sync-protocol.md,
"Printers"): the state the window last saw, sent with the next lease exchange when it changed."""

from __future__ import annotations

from server.db import connection
from server.models import StationPrinter
from tests.helpers.leases import counter, seed_residents
from tests.server.test_protocol import PAMULANG


def kept() -> list[tuple]:
    with connection():
        return [(p.name, p.state, p.ready, p.ribbon_left) for p in StationPrinter.select().order_by(StationPrinter.name)]


def test_the_sync_round_sends_the_printers_the_window_saw(office, tmp_path):
    seed_residents(tmp_path, {PAMULANG: 1})  # and the station's users
    station = counter(office, tmp_path, [PAMULANG])
    assert kept() == []  # nothing seen yet: nothing said
    sync = station.services.sync
    sync.note_printers([{"name": "Evolis Primacy", "state": "attention", "ribbon_left": None},
                        {"name": "Loket 2 (antrean cetak)", "state": "ready", "ribbon_left": None}])
    sync.round()
    assert kept() == [("Evolis Primacy", "attention", False, None), ("Loket 2 (antrean cetak)", "ready", True, None)]
    sync.note_printers([{"name": "Evolis Primacy", "state": "printing", "ribbon_left": 140}])
    sync.round()
    assert kept() == [("Evolis Primacy", "printing", True, 140)]
