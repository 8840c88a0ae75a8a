"""A printer's registration on the blanko (desktop/services/registration.py): read it, print the
calibration card on the printer's own lane, store the readings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.ui.operations import PRINTERS, STOCK, Op, QueryOp

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.devices.base import Printer
    from desktop.services.session import CurrentUser


def registration_state(services: Services, uri: str, reported_serial: str | None) -> QueryOp:
    """The RegistrationState of a printer (calibrated? serial changed since?)."""
    registrations = services.registrations
    return QueryOp("db", lambda: registrations.state(uri, None, reported_serial))


def print_calibration_card(services: Services, user: CurrentUser, lane: str, printer: Callable[[], Printer],
                           station_id: str, white: bool) -> Op:
    """Returns the blanko's serial (None on a white card); a blanko the card may have used is booked spoiled."""
    registrations = services.registrations
    return Op("printer.calibration_card", lane,
              lambda: registrations.print_card(user, printer(), station_id, white=white), {STOCK},
              changes_on_failure={STOCK})


def save_readings(services: Services, user: CurrentUser, lane: str, printer: Callable[[], Printer],
                  readings: tuple[int, int, int, int]) -> Op:
    """On the printer's lane (its serial is read there); returns the new Registration."""
    registrations = services.registrations
    return Op("printer.registration", lane, lambda: registrations.save_readings(user, printer(), readings),
              {PRINTERS})
