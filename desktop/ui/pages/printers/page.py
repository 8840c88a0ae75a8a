"""The printers of this station: state, identity and counters; fault switches for simulated printers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.devices.base import LAST_CARD_NOTE, Fault
from desktop.devices.evolis_session import CARD_INSIDE_REPLY, NO_CARD_REPLY
from desktop.devices.simulator import SIM_FAULTS
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.errors import UserFacingError
from desktop.services.faults import FAULT_NAMES
from desktop.ui.dialogs import confirm, row_table
from desktop.ui.header import PRINTER_STATE_TEXT
from desktop.ui.pages.printers.calibration import PrinterCalibration
from desktop.ui.printer_controller import PrinterController, PrinterDetails
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:
    from desktop.ui.pages.printers.setup import PrinterSetup
    from desktop.ui.shell.context import PageContext

log = logging.getLogger("ktp.ui.printer")

Index = QModelIndex | QPersistentModelIndex

_S = "SimulatedFault"
# The simulator's fault switches (devices/simulator.py), named by what the trainee will meet.
SIM_FAULT_LABELS = {
    "no_card": QT_TRANSLATE_NOOP(_S, "Blanko di feeder habis"),
    "ribbon": QT_TRANSLATE_NOOP(_S, "Ribbon habis"),
    "cover_open": QT_TRANSLATE_NOOP(_S, "Penutup terbuka"),
    "jam": QT_TRANSLATE_NOOP(_S, "Kartu macet saat mencetak"),
    "panel_jam": QT_TRANSLATE_NOOP(_S, "Kartu macet di panel pertama"),
    "panel_silent": QT_TRANSLATE_NOOP(_S, "Printer diam di tengah kartu"),
    "ribbon_end": QT_TRANSLATE_NOOP(_S, "Ribbon habis di tengah kartu"),
    "cover_mid": QT_TRANSLATE_NOOP(_S, "Penutup dibuka saat mencetak"),
    "unplug": QT_TRANSLATE_NOOP(_S, "Kabel USB dicabut saat mencetak"),
    "stall": QT_TRANSLATE_NOOP(_S, "Sambungan USB tersendat"),
    "no_reply": QT_TRANSLATE_NOOP(_S, "Printer tidak menjawab"),
    "garbled": QT_TRANSLATE_NOOP(_S, "Jawaban printer rusak"),
    "card_inside": QT_TRANSLATE_NOOP(_S, "Masih ada kartu di dalam printer"),
    "winusb": QT_TRANSLATE_NOOP(_S, "Driver WinUSB belum dipasang"),
    "hopper_full": QT_TRANSLATE_NOOP(_S, "Tempat kartu jadi penuh"),
    "reject_full": QT_TRANSLATE_NOOP(_S, "Kotak kartu rusak penuh"),
    "cooling": QT_TRANSLATE_NOOP(_S, "Kepala cetak sedang didinginkan"),
    "cleaning": QT_TRANSLATE_NOOP(_S, "Printer perlu dibersihkan"),
    "wrong_ribbon": QT_TRANSLATE_NOOP(_S, "Jenis ribbon salah"),
}


# What a ready printer notes about itself (evolis_session.status), in words; other device text is
# left to the log, never shown raw.
_N = "PrinterStatusNote"
_STATUS_NOTES = {
    f"{LAST_CARD_NOTE} {NO_CARD_REPLY}": QT_TRANSLATE_NOOP(_N, "kartu terakhir: blanko habis"),
    f"{LAST_CARD_NOTE} {CARD_INSIDE_REPLY}": QT_TRANSLATE_NOOP(  # the guide: the printing module *or* the feeder
        _N, "kartu terakhir tertahan di modul cetak atau di feeder (belum pasti yang mana)"),
    "cleaning needed": QT_TRANSLATE_NOOP(_N, "printer perlu dibersihkan"),
}


def status_notes(detail: str) -> list[str]:
    notes = [note.strip() for note in detail.split(";") if note.strip()]
    return [QCoreApplication.translate(_N, _STATUS_NOTES[note]) for note in notes if note in _STATUS_NOTES]


def fault_name(fault: Fault) -> str:
    return tr_message(FAULT_NAMES[fault])


def sim_fault_name(name: str) -> str:
    """A simulator switch in words; a switch without a label shows its code (and fails the text walk)."""
    label = SIM_FAULT_LABELS.get(name)
    return QCoreApplication.translate(_S, label) if label else name


class PrinterTableModel(QAbstractTableModel):
    """One row per configured printer URI; cells fill in as each printer answers."""

    def __init__(self, uris: list[str], name: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.uris = list(uris)
        self.name = name
        self.details: dict[str, PrinterDetails] = {}
        self.errors: dict[str, str] = {}
        self.headers = [self.tr("Printer"), self.tr("Keadaan"), self.tr("Model"), self.tr("Nomor seri"),
                        self.tr("Firmware"), self.tr("Kartu masuk printer"), self.tr("Sisa ribbon (kartu, perkiraan)")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.uris)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        uri = self.uris[index.row()]
        if index.column() == 0:
            return self.name(uri) if role == Qt.ItemDataRole.DisplayRole else uri
        details = self.details.get(uri)
        if details is None:
            return self.errors.get(uri, self.tr("Memeriksa…")) if index.column() == 1 else ""
        if index.column() == 1:
            label = tr_message(PRINTER_STATE_TEXT[details.status.state.value][0])
            if details.status.fault:
                return f"{label} ({fault_name(details.status.fault)})"
            notes = status_notes(details.status.detail)
            return f"{label} ({'; '.join(notes)})" if notes else label
        identity, counters = details.identity, details.counters
        # A simulator names itself in English; its row's name already says it is one ("Printer simulasi").
        values = {2: identity.model.removesuffix(" (simulated)"), 3: identity.serial, 4: identity.firmware,
                  5: counters.get("cards_inserted", counters.get("cards_printed", "")),
                  6: counters.get("ribbon_cards_left", "")}
        return str(values[index.column()])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def set_uris(self, uris: list[str]) -> None:
        self.beginResetModel()
        self.uris = list(uris)
        self.details = {uri: d for uri, d in self.details.items() if uri in uris}
        self.errors = {uri: e for uri, e in self.errors.items() if uri in uris}
        self.endResetModel()

    def set_details(self, details: PrinterDetails) -> None:
        if details.uri not in self.uris:  # removed while it was being read
            return
        self.details[details.uri] = details
        self.errors.pop(details.uri, None)
        self._changed(details.uri)

    def set_error(self, uri: str, message: str) -> None:
        if uri not in self.uris:
            return
        self.details.pop(uri, None)
        self.errors[uri] = message
        self._changed(uri)

    def _changed(self, uri: str) -> None:
        row = self.uris.index(uri)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))


class PrinterDialog(QDialog):
    """The station's printers. With a `setup` (an admin) it also adds printers and takes them off."""

    def __init__(self, printers: PrinterController, parent: QWidget | None = None,
                 setup: PrinterSetup | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Printer stasiun"))
        self.resize(900, 360)
        self.printers = printers
        self.setup = setup
        self.calibration: PrinterCalibration | None = None
        self.model = PrinterTableModel(printers.uris, printers.name, self)
        layout = QVBoxLayout(self)
        self.table = row_table(self.model, "printerTable", self)
        layout.addWidget(self.table)
        self.empty = QLabel(self.tr("Stasiun ini belum memiliki printer."), self)
        layout.addWidget(self.empty)
        if setup is not None:
            layout.addLayout(self._setup_row())
        sim_row = QHBoxLayout()
        self.fault = QComboBox(self)
        self.fault.setObjectName("simFault")
        for fault in SIM_FAULTS:
            self.fault.addItem(sim_fault_name(fault), fault)
        self.inject = QPushButton(self.tr("Simulasikan gangguan"), self)
        self.inject.setObjectName("simInject")
        self.clear = QPushButton(self.tr("Pulihkan simulator"), self)
        self.clear.setObjectName("simClear")
        sim_row.addWidget(QLabel(self.tr("Printer simulasi (latihan):"), self))
        sim_row.addWidget(self.fault)
        sim_row.addWidget(self.inject)
        sim_row.addWidget(self.clear)
        sim_row.addStretch(1)
        layout.addLayout(sim_row)
        self.armed = QLabel(self)
        self.armed.setObjectName("simArmed")
        self.armed.setWordWrap(True)
        self.armed.setStyleSheet("color: #a15c00;")
        layout.addWidget(self.armed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        refresh = buttons.addButton(self.tr("Segarkan"), QDialogButtonBox.ButtonRole.ActionRole)
        refresh.clicked.connect(self.refresh)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.inject.clicked.connect(self._inject)
        self.clear.clicked.connect(self._clear)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        printers.printers_changed.connect(self._printers_changed)
        self._printers_changed()

    def _setup_row(self) -> QVBoxLayout:
        """Add and remove (admin): the rule about plugged-in USB printers, the buttons, what happened."""
        box = QVBoxLayout()
        self.rule = QLabel(self)
        self.rule.setObjectName("printerRule")
        self.rule.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Tambah printer…"), self)
        self.add_button.setObjectName("addPrinter")
        self.remove_button = QPushButton(self.tr("Hapus dari stasiun"), self)
        self.remove_button.setObjectName("removePrinter")
        self.message = QLabel(self)
        self.message.setObjectName("printerMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        box.addWidget(self.rule)
        box.addLayout(row)
        box.addWidget(self.message)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        return box

    def _printers_changed(self) -> None:
        """The station's printers were added to or removed from: list what there is now."""
        selected = self.selected_uri()
        self.model.set_uris(self.printers.uris)
        self.empty.setVisible(not self.printers.uris)
        if self.printers.uris:
            uris = self.printers.uris
            self.table.selectRow(uris.index(selected) if selected in uris else 0)
        if self.setup is not None:
            if self.setup.station.printers:
                self.rule.setText(self.tr("Stasiun hanya memakai printer yang terdaftar di daftar ini; printer "
                                          "kartu USB yang dicolokkan tidak dipakai dengan sendirinya."))
            else:
                self.rule.setText(self.tr("Belum ada printer terdaftar: stasiun memakai printer kartu USB yang "
                                          "dicolokkan. Begitu satu printer ditambahkan, hanya printer terdaftar "
                                          "yang dipakai."))
        self._selection_changed()
        self.refresh()

    def _add(self) -> None:
        from desktop.ui.pages.printers.setup import AddPrinterDialog

        setup = self.setup
        dialog = AddPrinterDialog(set(setup.station.printer_names.values()), self)

        def search() -> None:
            setup.find(dialog.set_found, lambda exc: dialog.search_failed(_message(exc)))

        def submit(values: tuple[str, str]) -> None:
            uri, name = values
            setup.add(uri, name, lambda _station: self._added(dialog, uri),
                      lambda exc: dialog.show_error(_refusal(exc, setup)))

        dialog.search_requested.connect(search)
        dialog.submitted.connect(submit)
        dialog.finished.connect(dialog.deleteLater)
        search()
        dialog.open()

    def _added(self, dialog: QDialog, uri: str) -> None:
        dialog.accept()
        self.message.setText(self.tr("Printer %1 ditambahkan ke stasiun.").replace("%1", self.printers.name(uri)))

    def _remove(self) -> None:
        uri = self.selected_uri()
        if uri is None or not self.setup.configured(uri):
            return
        name = self.printers.name(uri)
        text = self.tr("Hapus printer %1 dari stasiun ini? Operator tidak dapat mencetak di printer itu lagi "
                       "sampai ditambahkan kembali.").replace("%1", name)
        if not confirm(self, "confirmRemovePrinter", self.tr("Hapus printer"), text, self.tr("Hapus"),
                       self.tr("Batal"), QMessageBox.ButtonRole.DestructiveRole):
            return
        self.message.clear()
        self.setup.remove(uri, lambda _station: self.message.setText(
            self.tr("Printer %1 dihapus dari stasiun.").replace("%1", name)),
            lambda exc: self.message.setText(_refusal(exc, self.setup)))

    def refresh(self) -> None:
        self._show_armed()
        for uri in self.printers.uris:
            if self.printers.is_busy(uri):
                self.model.set_error(uri, self.tr("Sedang mencetak"))
                continue
            self.printers.details(uri, self._got_details, lambda exc, uri=uri: self._details_failed(uri, exc))

    def _details_failed(self, uri: str, exc: BaseException) -> None:
        """Details not read: the printer's state in the header's words ("Terputus"), when it is known."""
        text = _message(exc)
        status = self.printers.shown(uri)
        if status is not None and status.state.value in ("disconnected", "attention"):
            text = tr_message(PRINTER_STATE_TEXT[status.state.value][0])
        self.model.set_error(uri, text)

    def _got_details(self, details: PrinterDetails) -> None:
        self.model.set_details(details)
        if self.calibration is not None:
            self.calibration.details_arrived(details.uri, details.identity.serial)

    def add_calibration(self, calibration: PrinterCalibration) -> None:
        """The calibration row (supervisor or admin): under the table, following the selected printer."""
        self.calibration = calibration
        self.layout().insertLayout(1, calibration.row())
        uri = self.selected_uri()
        calibration.select(uri)
        known = self.model.details.get(uri) if uri else None  # read before this row existed
        if known is not None:
            calibration.details_arrived(uri, known.identity.serial)

    def _show_armed(self) -> None:
        """Faults switched on in simulated printers, so that a trainer sees what the next card will meet."""
        from desktop.devices.registry import simulator_for

        lines = []
        for uri in self.printers.uris:
            simulator = simulator_for(uri) if uri.startswith("sim://") else None
            armed = simulator.armed_faults() if simulator is not None else {}
            if armed:
                parts = [self._when(sim_fault_name(name), card) for name, card in sorted(armed.items())]
                lines.append(self.tr("Gangguan simulasi di %1: %2").replace("%1", self.printers.name(uri))
                             .replace("%2", "; ".join(parts)))
        self.armed.setText("\n".join(lines))
        self.armed.setVisible(bool(lines))

    def _when(self, name: str, card: int) -> str:
        if card == 0:
            return self.tr("%1 (sekarang)").replace("%1", name)
        if card == 1:
            return self.tr("%1 pada kartu berikutnya").replace("%1", name)
        return self.tr("%1 pada kartu ke-%2 dari sekarang").replace("%1", name).replace("%2", str(card))

    def selected_uri(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.uris[rows[0].row()] if rows else None

    def _selected_simulator(self):
        from desktop.devices.registry import simulator_for

        uri = self.selected_uri()
        return simulator_for(uri) if uri else None

    def _selection_changed(self, *_args) -> None:
        uri = self.selected_uri()
        is_sim = bool(uri and uri.startswith("sim://"))
        for widget in (self.fault, self.inject, self.clear):
            widget.setEnabled(is_sim)
        if self.setup is not None:
            self.remove_button.setEnabled(bool(uri and self.setup.configured(uri)))
        if self.calibration is not None:
            self.calibration.select(uri)

    def _inject(self) -> None:
        simulator = self._selected_simulator()
        if simulator is not None:
            simulator.set_faults(self.fault.currentData())
            self.refresh()

    def _clear(self) -> None:
        simulator = self._selected_simulator()
        if simulator is not None:
            simulator.clear_faults()
            self.refresh()
            self.printers.refresh()


def _message(exc: BaseException) -> str:
    if isinstance(exc, UserFacingError):
        return error_text(exc)
    log.warning("printer details could not be read: %r", exc)
    return QCoreApplication.translate("PrinterDialog", "Tidak dapat dibaca; lihat log aplikasi.")


def _refusal(exc: BaseException, setup: PrinterSetup) -> str:
    """Why adding or removing a printer was refused; anything else is a bug for the error presenter."""
    if isinstance(exc, UserFacingError):
        return error_text(exc)
    setup.ops.on_error(exc)
    return ""


def printer_dialog(ctx: PageContext) -> PrinterDialog:
    """The printer page; for a user who may set the station up, with adding and removing printers."""
    from desktop.ui.pages.printers.setup import PrinterSetup

    setup = None
    if PrinterSetup.allowed(ctx.user) and ctx.station is not None:
        setup = PrinterSetup(ctx.services, ctx.ops, ctx.printers, ctx.user, ctx.station)
    dialog = PrinterDialog(ctx.printers, ctx.parent, setup)
    dialog.setObjectName("printerDialog")
    if PrinterCalibration.allowed(ctx.user) and ctx.station is not None:
        dialog.add_calibration(PrinterCalibration(ctx.services, ctx.ops, ctx.printers, ctx.user, ctx.station, dialog))
    return dialog


def open_printers(ctx: PageContext) -> None:
    if ctx.printers is None:
        return
    dialog = printer_dialog(ctx)
    dialog.exec()
    dialog.deleteLater()
    ctx.printers.refresh()
