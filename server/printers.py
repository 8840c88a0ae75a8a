"""Each station's printers as its sync round reports them (docs/sync-protocol.md, "Printers"): the name,
the state and the ribbon left, the latest kept per station and printer, for the regency panel.

A station's word about its own printers: checked for shape (the request model bounds lengths and
ranges), believed for what it is, and never used to decide anything but what the panel shows.
"""

from __future__ import annotations

from datetime import datetime

from server.models import Station, StationPrinter

STATES = ("ready", "printing", "attention", "disconnected", "unknown")  # desktop/devices/base.py PrinterState
READY = frozenset({"ready", "printing"})
MAX_PRINTERS = 20
MAX_RIBBON = 100_000


def record(station: Station, reports: list[dict], now: datetime) -> None:
    """Keep the reported printers (inside the caller's transaction); a printer the station no longer
    reports is forgotten."""
    names = []
    for report in reports[:MAX_PRINTERS]:
        name = " ".join(str(report["name"]).split())[:120]
        if not name or name in names:
            continue
        names.append(name)
        StationPrinter.insert(station=station.id, name=name, state=report["state"], ready=report["state"] in READY,
                              ribbon_left=report.get("ribbon_left"), reported_at=now).on_conflict(
            conflict_target=[StationPrinter.station, StationPrinter.name],
            preserve=[StationPrinter.state, StationPrinter.ready, StationPrinter.ribbon_left,
                      StationPrinter.reported_at]).execute()
    StationPrinter.delete().where((StationPrinter.station == station.id) & StationPrinter.name.not_in(names or [""])
                                  ).execute()
