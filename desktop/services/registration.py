"""Each printer's registration on the blanko (desktop/domain/registration.py), kept in the station database.

Stored by the printer's serial, or its URI where it has none. A printer seen under a URI with another
serial than the one it was calibrated with (back from repair) asks for calibration again. Setting a
registration and printing a calibration card on a blanko are for supervisors and admins and audited;
the calibration blanko is booked spoiled as "calibration" (kalibrasi) and takes no quota place.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.devices.base import CardJob, Printer, PrinterError
from desktop.domain.registration import IDENTITY, Registration, corrected, registration_key
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.services.stock import StockService
from desktop.store.models import PrinterRegistration

CALIBRATE = Permission.RECEIVE_BLANKO  # supervisors and admins: the calibration card uses a blanko
CALIBRATION_REASON = "calibration"  # desktop/domain/spoilage.py: "Kalibrasi printer"


@dataclass(frozen=True)
class RegistrationState:
    """A printer's registration as the printer page shows it."""

    registration: Registration
    calibrated: bool  # a registration is stored for this printer
    serial_changed: bool  # calibrated under this URI with another serial: calibrate again


class RegistrationService:
    def __init__(self, db: SqliteDatabase, clock: Clock, stock: StockService) -> None:
        self.db = db
        self.clock = clock
        self.stock = stock

    def _row(self, uri: str, serial: str | None) -> PrinterRegistration | None:
        row = PrinterRegistration.get_or_none(PrinterRegistration.key == registration_key(serial, uri))
        if row is None and not (serial or "").strip():
            # A URI without a serial: the printer calibrated last under this URI.
            row = (PrinterRegistration.select().where(PrinterRegistration.uri == uri.split("?", 1)[0])
                   .order_by(PrinterRegistration.updated_at.desc()).first())
        return row

    def for_printer(self, uri: str, serial: str | None = None) -> Registration:
        """The correction to print with; none (as drawn) for a printer never calibrated."""
        row = self._row(uri, serial)
        if row is None:
            return IDENTITY
        return Registration(row.offset_x, row.offset_y, row.scale_x, row.scale_y)

    def state(self, uri: str, serial: str | None, reported_serial: str | None) -> RegistrationState:
        """`serial`: the printer's USB serial (its key, None when the URI names none); `reported_serial`:
        the serial the printer itself reports now (`Rsn`), compared with the one it had at calibration."""
        row = self._row(uri, serial)
        if row is None:
            return RegistrationState(IDENTITY, False, False)
        changed = bool(row.serial and reported_serial and row.serial != reported_serial)
        return RegistrationState(Registration(row.offset_x, row.offset_y, row.scale_x, row.scale_y), True, changed)

    def save(self, user: CurrentUser, uri: str, serial: str | None, reported_serial: str | None,
             registration: Registration) -> None:
        """Store what the calibration card showed (audited)."""
        user.require(CALIBRATE)
        now = self.clock.now_utc()
        key = registration_key(serial, uri)
        with self.db.atomic("IMMEDIATE"):
            before = PrinterRegistration.get_or_none(PrinterRegistration.key == key)
            PrinterRegistration.replace(
                key=key, uri=uri.split("?", 1)[0], serial=(reported_serial or "").strip() or None,
                offset_x=registration.offset_x, offset_y=registration.offset_y, scale_x=registration.scale_x,
                scale_y=registration.scale_y, updated_at=now, user=user.id).execute()
            audit.record("printer.registration", user, at=now, printer=key,
                         before=None if before is None else Registration(
                             before.offset_x, before.offset_y, before.scale_x, before.scale_y).to_dict(),
                         after=registration.to_dict())

    def record_card(self, user: CurrentUser, uri: str, serial: str | None, station_id: str,
                    on_blanko: bool) -> str | None:
        """A calibration card went to the printer: audited; on a blanko, the blanko is booked spoiled as
        "calibration" (no quota place). Returns the blanko's serial, None on a white card."""
        user.require(CALIBRATE)
        if on_blanko:
            return self.stock.write_off(user, station_id, CALIBRATION_REASON)
        audit.record("printer.test_card", user, at=self.clock.now_utc(), printer=registration_key(serial, uri))
        return None


    def print_card(self, user: CurrentUser, printer: Printer, station_id: str, *, white: bool) -> str | None:
        """Print the calibration card with the printer's current registration (on the printer's own thread).

        On a blanko (booked spoiled as "calibration", no quota place; also when a fault may have used it)
        or on a white card (nothing booked). Returns the blanko's serial; PrinterError passes on."""
        from desktop.render.calibration_card import calibration_card

        user.require(CALIBRATE)
        if not white and self.stock.summary(station_id).in_stock < 1:
            raise UserFacingError(msg("Kartu kalibrasi pada blanko perlu 1 blanko di stok stasiun ini."))
        serial = printer_serial(printer)
        card = calibration_card(self.for_printer(printer.uri, serial), printer.uri.split("?", 1)[0])
        try:
            printer.print_card(CardJob("calibration", card))
        except PrinterError as exc:
            if exc.card_consumed is not False:
                exc.blanko = self.record_card(user, printer.uri, serial, station_id, on_blanko=not white)
            raise
        return self.record_card(user, printer.uri, serial, station_id, on_blanko=not white)

    def save_readings(self, user: CurrentUser, printer: Printer,
                      readings: tuple[float, float, float, float]) -> Registration:
        """What the person read on the calibration card's rulers (A across, C across, A down, B down, in
        dots) turned into the printer's new registration and stored; refused past the limits."""
        from desktop.render.calibration_card import calibration_marks

        user.require(CALIBRATE)
        serial = printer_serial(printer)
        new = corrected(self.for_printer(printer.uri, serial), calibration_marks().axes, readings)
        self.save(user, printer.uri, serial, printer.identity().serial, new)
        return new


def printer_serial(printer: object) -> str | None:
    """The serial a printer object was opened with (USB: from the URI or the device), without I/O."""
    serial = getattr(printer, "serial", None)
    return serial if isinstance(serial, str) and serial.strip() else None
