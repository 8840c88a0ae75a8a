"""The station's printers: add one (opened once on its own lane first), take one off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import PRINTERS, SETTINGS, Op, QueryOp

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo


def _station_and_printers(services: Services) -> tuple[StationInfo, list[str]]:
    from desktop.services.printer_choice import station_printers

    station = services.stations.require()
    return station, station_printers(station)


def check_printer(services: Services, lane: str, uri: str) -> QueryOp:
    """Open the printer once: a queue without a card page is refused now, not at the first citizen."""
    from desktop.devices.registry import open_printer, profile_dir_in

    return QueryOp(lane, lambda: open_printer(uri, profile_dir_in(services.data_dir)).close())


def add_printer(services: Services, actor: CurrentUser, uri: str, name: str) -> Op:
    """Returns (the station, its printers' URIs)."""
    stations = services.stations

    def register() -> tuple[StationInfo, list[str]]:
        stations.add_printer(actor, uri, name)
        return _station_and_printers(services)

    return Op("printer.add", "db", register, {PRINTERS, SETTINGS})


def remove_printer(services: Services, actor: CurrentUser, uri: str) -> Op:
    stations = services.stations

    def unregister() -> tuple[StationInfo, list[str]]:
        stations.remove_printer(actor, uri)
        return _station_and_printers(services)

    return Op("printer.remove", "db", unregister, {PRINTERS, SETTINGS})
