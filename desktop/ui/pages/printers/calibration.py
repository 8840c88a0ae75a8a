"""Calibrating a printer's position on the blanko from the printer page (supervisor or admin).

`PrinterCalibration` shows the selected printer's registration (and asks for calibration again when the
printer reports another serial than at its calibration), prints the calibration card on the printer's
own lane (on a blanko, booked spoiled as "kalibrasi" without a quota place, or a quick check on a white
card), and stores what the person read on the card's rulers. `CalibrationDialog` is the form.

Signals:
CalibrationDialog.print_requested(white: bool) and submitted((a_x, c_x, a_y, b_y)).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from desktop.devices.base import PrinterError
from desktop.domain.registration import Registration, percent
from desktop.errors import UserFacingError
from desktop.services.faults import FAULT_NAMES
from desktop.services.registration import CALIBRATE, RegistrationState
from desktop.ui.dialogs import SubmitDialog
from desktop.ui.operations.calibration import print_calibration_card, registration_state, save_readings
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo
    from desktop.ui.operations import Operations
    from desktop.ui.printer_controller import PrinterController

log = logging.getLogger("ktp.ui.printer")
READING_RANGE = 60  # dots each way a reading may take (the rulers reach 24; a worse printer is refused)


def registration_text(registration: Registration) -> str:
    return (QCoreApplication.translate("PrinterCalibration", "Posisi cetak: geser x %1, y %2 titik; skala x %3 %, y %4 %.")
            .replace("%1", f"{registration.offset_x:+d}").replace("%2", f"{registration.offset_y:+d}")
            .replace("%3", f"{percent(registration.scale_x):+.2f}")
            .replace("%4", f"{percent(registration.scale_y):+.2f}"))


def state_text(state: RegistrationState) -> str:
    if state.serial_changed:
        return QCoreApplication.translate(
            "PrinterCalibration", "Nomor seri printer ini berubah sejak dikalibrasi (kembali dari perbaikan?): cetak kartu "
            "kalibrasi lagi. Uji cepat pada kartu putih tersedia di jendela kalibrasi.")
    if not state.calibrated:
        return QCoreApplication.translate("PrinterCalibration", "Posisi cetak printer ini belum dikalibrasi terhadap blanko.")
    return registration_text(state.registration)


class CalibrationDialog(SubmitDialog):
    """Print the calibration card, then enter the four readings. `values()` -> (a_x, c_x, a_y, b_y)."""

    print_requested = Signal(bool)

    def __init__(self, printer_name: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Kalibrasi posisi cetak: %1").replace("%1", printer_name), parent)
        self.setObjectName("calibrationDialog")
        self.current = QLabel(current, self)
        self.current.setObjectName("calibrationCurrent")
        self.current.setWordWrap(True)
        self.notes.addWidget(self.current)
        how = QLabel(self.tr(
            "1. Cetak kartu kalibrasi pada blanko (blanko dicatat rusak karena kalibrasi, kuota tidak terpakai). "
            "2. Pada penggaris tiap tanda, baca berapa titik label pracetak blanko berada di kanan (+) atau kiri (-), "
            "di bawah (+) atau atas (-) silang: garis kecil 3 titik, garis panjang 12 titik (1 mm). "
            "3. Isi bacaan lalu simpan, dan cetak kartu kalibrasi lagi untuk memeriksa."), self)
        how.setWordWrap(True)
        self.notes.addWidget(how)
        row = QHBoxLayout()
        self.on_blanko = QPushButton(self.tr("Cetak kartu kalibrasi pada blanko"), self)
        self.on_blanko.setObjectName("calibrateOnBlanko")
        self.on_white = QPushButton(self.tr("Uji cepat pada kartu putih"), self)
        self.on_white.setObjectName("calibrateOnWhite")
        row.addWidget(self.on_blanko)
        row.addWidget(self.on_white)
        row.addStretch(1)
        self.notes.addLayout(row)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("calibrationOutcome")
        self.outcome.setWordWrap(True)
        self.notes.addWidget(self.outcome)
        self.readings = []
        for name, label in (("readingAx", self.tr("Tanda A, mendatar")), ("readingCx", self.tr("Tanda C, mendatar")),
                            ("readingAy", self.tr("Tanda A, tegak")), ("readingBy", self.tr("Tanda B, tegak"))):
            box = QSpinBox(self)
            box.setObjectName(name)
            box.setRange(-READING_RANGE, READING_RANGE)
            box.setSuffix(self.tr(" titik"))
            self.form.addRow(label, box)
            self.readings.append(box)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan bacaan"))
        self.on_blanko.clicked.connect(lambda: self._print(False))
        self.on_white.clicked.connect(lambda: self._print(True))
        self.finish_form()

    def values(self) -> tuple[int, int, int, int]:
        a_x, c_x, a_y, b_y = (box.value() for box in self.readings)
        return a_x, c_x, a_y, b_y

    def _print(self, white: bool) -> None:
        self.error.hide()
        self.set_printing(True)
        self.outcome.setText(self.tr("Mencetak kartu kalibrasi…"))
        self.print_requested.emit(white)

    def set_printing(self, busy: bool) -> None:
        for button in (self.on_blanko, self.on_white):
            button.setEnabled(not busy)
        self.set_busy(busy)

    def printed(self, blanko: str | None) -> None:
        self.set_printing(False)
        self.outcome.setText(
            self.tr("Kartu kalibrasi tercetak pada kartu putih.") if blanko is None else
            self.tr("Kartu kalibrasi tercetak; blanko %1 dicatat rusak (kalibrasi, tanpa kuota).").replace(
                "%1", blanko))

    def print_failed(self, text: str) -> None:
        self.set_printing(False)
        self.outcome.clear()
        self.show_error(text)


class PrinterCalibration(QObject):
    """The printer page's calibration part: the selected printer's note, the button and the dialog."""

    def __init__(self, services: Services, ops: Operations, printers: PrinterController, user: CurrentUser,
                 station: StationInfo, parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self.ops, self.printers, self.user, self.station = services, ops, printers, user, station
        self.parent_widget = parent
        self.note = QLabel(parent)
        self.note.setObjectName("registrationNote")
        self.note.setWordWrap(True)
        self.button = QPushButton(QCoreApplication.translate("PrinterCalibration", "Kalibrasi posisi cetak…"), parent)
        self.button.setObjectName("calibratePrinter")
        self.button.setEnabled(False)
        self.uri: str | None = None
        self.state: RegistrationState | None = None
        self.button.clicked.connect(self.open_dialog)

    @staticmethod
    def allowed(user: CurrentUser | None) -> bool:
        return user is not None and user.can(CALIBRATE)

    def row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.button)
        return row

    def select(self, uri: str | None) -> None:
        if uri != self.uri:
            self.uri, self.state = uri, None
            self.note.clear()
        self.button.setEnabled(uri is not None)

    def details_arrived(self, uri: str, reported_serial: str | None) -> None:
        """The printer answered with its serial: show (or ask for) its calibration."""
        if uri != self.uri:
            return

        def show(state: RegistrationState) -> None:
            if uri == self.uri:
                self.state = state
                self.note.setText(state_text(state))
                self.note.setStyleSheet("color: #a15c00;" if state.serial_changed else "")

        registration_state(self.services, uri, reported_serial).success(show).run_in(self.ops)

    def open_dialog(self) -> None:
        uri = self.uri
        if uri is None:
            return
        current = state_text(self.state) if self.state is not None else ""
        dialog = CalibrationDialog(self.printers.name(uri), current, self.parent_widget)
        printers = self.printers

        def on_printer(op, success, failure) -> None:
            printers.run_job(uri, op, success, failure)

        def print_card(white: bool) -> None:
            op = print_calibration_card(self.services, self.user, printers.lane(uri),
                                        lambda: printers.printer_on_lane(uri), self.station.id, white)
            on_printer(op, dialog.printed, lambda exc: dialog.print_failed(self._failure(exc)))

        def save(values: tuple) -> None:
            op = save_readings(self.services, self.user, printers.lane(uri), lambda: printers.printer_on_lane(uri),
                               values)
            on_printer(op, lambda registration: self._saved(dialog, uri, registration),
                       lambda exc: dialog.show_error(self._failure(exc)))

        dialog.print_requested.connect(print_card)
        dialog.submitted.connect(save)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self, dialog: CalibrationDialog, uri: str, registration: Registration) -> None:
        dialog.accept()
        if uri == self.uri:
            self.state = RegistrationState(registration, True, False)
            self.note.setText(registration_text(registration))
            self.note.setStyleSheet("")

    def _failure(self, exc: BaseException) -> str:
        if isinstance(exc, UserFacingError):
            return error_text(exc)
        if isinstance(exc, PrinterError):
            text = tr_message(FAULT_NAMES[exc.fault])
            blanko = getattr(exc, "blanko", None)
            if blanko:
                booked = QCoreApplication.translate("PrinterCalibration", "Blanko %1 dicatat rusak (kalibrasi, tanpa kuota).")
                text += " " + booked.replace("%1", blanko)
            return text
        self.ops.on_error(exc)
        return ""
