"""Adding printers to this station and taking them off, from the printer page (admin only).

`PrinterSetup` does the work off the GUI thread: discovery on its own lane, a check that the printer
opens on the printer's lane, the station's books on the database lane. `AddPrinterDialog` lists what
was found (USB card printers, OS print queues as spooler://, simulators on a demo station only) with
a name for the operators.

Signals:
AddPrinterDialog.submitted((uri, name)) and search_requested().
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.devices.spooler import MAX_BLEED_MM
from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP, msg
from desktop.errors import UserFacingError
from desktop.ui.dialogs import SubmitDialog, row_table
from desktop.ui.operations import Operations, QueryOp
from desktop.ui.operations.printers import add_printer, check_printer, remove_printer
from desktop.ui.printer_controller import PrinterController, printer_label, printer_name
from desktop.ui.tables import RowsModel
from desktop.ui.tasks import Failure

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.devices.registry import DiscoveredPrinter
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo

log = logging.getLogger("ktp.ui.printer")

Index = QModelIndex | QPersistentModelIndex
DISCOVERY_LANE = "printer-discovery"

_K = "PrinterKind"
_KINDS = {
    "usb": QT_TRANSLATE_NOOP(_K, "Printer kartu USB"),
    "spooler": QT_TRANSLATE_NOOP(_K, "Antrean printer sistem operasi"),
    "sim": QT_TRANSLATE_NOOP(_K, "Printer simulasi (latihan)"),
}


def suggested_name(found: DiscoveredPrinter, taken: set[str]) -> str:
    """A name the operators will recognise: the queue's own name, the printer's model, never the URI."""
    scheme = found.uri.partition("://")[0]
    if scheme == "spooler":
        base = unquote(printer_label(found.uri).partition("://")[2])
    elif scheme == "usb" and found.model:
        base = found.model
    else:
        base = printer_name(found.uri)
    name, number = base, 2
    while name in taken:
        name, number = f"{base} {number}", number + 1
    return name


class PrinterSetup(QObject):
    """Adding printers to the station and taking them off (a user who may set the station up).

    What changed is announced by the operations (desktop/ui/operations/printers.py)."""

    def __init__(self, services: Services, ops: Operations, printers: PrinterController, actor: CurrentUser,
                 station: StationInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services, self.ops, self.printers, self.actor = services, ops, printers, actor
        self.station = station

    @staticmethod
    def allowed(user: CurrentUser | None) -> bool:
        return bool(user and user.can(Permission.MANAGE_USERS))  # as StationService.add_printer checks

    def configured(self, uri: str) -> bool:
        return uri in self.station.printers

    def find(self, on_found: Callable[[list[DiscoveredPrinter]], None], on_failed: Failure) -> None:
        """What could be added: found printers not yet on the station; simulators only on a demo station."""
        from desktop.services.demo_accounts import is_demo_database

        def discovered(demo: bool) -> None:
            from desktop.devices.registry import discover

            configured = {printer_label(uri) for uri in self.station.printers}
            QueryOp(DISCOVERY_LANE, discover).success(lambda found: on_found([
                p for p in found if printer_label(p.uri) not in configured and (demo or not p.uri.startswith("sim://"))
            ])).failure(on_failed).run_in(self.ops)

        QueryOp("db", is_demo_database).success(discovered).failure(on_failed).run_in(self.ops)

    def add(self, uri: str, name: str, on_done: Callable[[StationInfo], None], on_failed: Failure) -> None:
        """Open the printer once on its own lane (a queue without a card page is refused now, not at the
        first citizen), then register it."""

        def checked(_none: object) -> None:
            add_printer(self.services, self.actor, uri, name).success(
                lambda loaded: self._changed(*loaded, on_done)).failure(on_failed).run_in(self.ops, self)

        if uri in self.printers.uris:  # already in use (a plugged-in USB printer): its lane holds it open
            checked(None)
        else:
            check_printer(self.services, self.printers.lane(uri), uri).success(checked).failure(on_failed).run_in(
                self.ops)

    def remove(self, uri: str, on_done: Callable[[StationInfo], None], on_failed: Failure) -> None:
        if self.printers.is_busy(uri):  # the job may not have reached the database yet
            on_failed(UserFacingError(msg(
                "Printer {name} sedang mencetak; tunggu sampai kartunya selesai, lalu hapus lagi.",
                name=self.printers.name(uri))))
            return
        remove_printer(self.services, self.actor, uri).success(
            lambda loaded: self._changed(*loaded, on_done)).failure(on_failed).run_in(self.ops, self)

    def _changed(self, station: StationInfo, uris: list[str], on_done: Callable[[StationInfo], None]) -> None:
        self.station = station
        self.printers.set_printers(uris, station.printer_names)
        on_done(station)


class FoundPrintersModel(RowsModel):
    """The printers discovery found, one a row; one that cannot be driven here cannot be chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DiscoveredPrinter] = []
        self.headers = [self.tr("Jenis"), self.tr("Printer"), self.tr("Alamat"), self.tr("Catatan")]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and not self.rows[index.row()].usable:
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        found = self.rows[index.row()]
        kind = _KINDS.get(found.uri.partition("://")[0])
        note = "" if found.usable else self.tr(
            "Tidak bisa dipakai langsung lewat USB: pasang driver pabriknya, lalu pilih antreannya di sini.")
        values = [QCoreApplication.translate(_K, kind) if kind else "", found.model, found.uri, note]
        return values[index.column()]


class AddPrinterDialog(SubmitDialog):
    """Choose a found printer and the name the operators will see. `values()` -> (uri, name)."""

    search_requested = Signal()

    def __init__(self, taken_names: set[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tambah printer"), parent)
        self.setObjectName("addPrinterDialog")
        self.taken = set(taken_names)
        self.model = FoundPrintersModel(self)
        self.table = row_table(self.model, "foundPrinters", self)
        self.name = QLineEdit(self)
        self.name.setObjectName("printerName")
        self.name.setPlaceholderText(self.tr("mis. Fargo loket 1"))
        self.name.setMaxLength(60)
        # Retransfer printers (the Fargo HDP5000) lay the film past the card's edge: a queue may take a bleed.
        self.bleed = QDoubleSpinBox(self)
        self.bleed.setObjectName("printerBleed")
        self.bleed.setRange(0.0, MAX_BLEED_MM)
        self.bleed.setDecimals(1)
        self.bleed.setSingleStep(0.5)
        self.bleed.setSuffix(self.tr(" mm"))
        self.bleed.setToolTip(self.tr("Hanya untuk antrean printer sistem operasi; driver printer harus punya "
                                      "ukuran kartu yang sebesar itu lebih lebar di tiap sisi."))
        self.form.addRow(self.tr("Printer yang ditemukan"), self.table)
        self.form.addRow(self.tr("Nama untuk operator"), self.name)
        self.form.addRow(self.tr("Cetak melewati tepi kartu (bleed)"), self.bleed)
        self.state = QLabel(self.tr("Mencari printer…"), self)
        self.state.setObjectName("searchState")
        self.state.setWordWrap(True)
        self.notes.addWidget(self.state)
        rule = QLabel(self.tr("Setelah printer ditambahkan, stasiun hanya memakai printer yang terdaftar; printer "
                              "kartu USB yang dicolokkan tidak lagi dipakai dengan sendirinya."), self)
        rule.setWordWrap(True)
        self.notes.addWidget(rule)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Tambah"))
        self.search = self.buttons.addButton(self.tr("Cari lagi"), QDialogButtonBox.ButtonRole.ActionRole)
        self.search.setObjectName("searchAgain")
        self.search.clicked.connect(self._search)
        self._suggested = ""  # the name last filled in: replaced when another printer is chosen
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.name.textChanged.connect(self._update_ok)
        self.resize(980, 440)
        self.finish_form()
        self._searching(True)

    def _search(self) -> None:
        self._searching(True)
        self.search_requested.emit()

    def _searching(self, searching: bool) -> None:
        if searching:
            self.state.setText(self.tr("Mencari printer…"))
            self.model.set_rows([])
        self.search.setEnabled(not searching)
        self._update_ok()

    def set_found(self, found: list[DiscoveredPrinter]) -> None:
        self.model.set_rows(found)
        self._searching(False)
        usable = [row for row, p in enumerate(found) if p.usable]
        if not found:
            self.state.setText(self.tr(
                "Tidak ada printer yang ditemukan. Nyalakan printer kartu dan sambungkan kabel USB, atau pasang "
                "driver pabriknya sampai antreannya muncul di sistem operasi, lalu tekan Cari lagi."))
        else:
            self.state.setText(self.tr("Pilih printer, beri nama yang akan dilihat operator, lalu tekan Tambah."))
        if usable:
            self.table.selectRow(usable[0])
        self.table.setFocus()

    def search_failed(self, text: str) -> None:
        self._searching(False)
        self.state.setText(text)

    def chosen(self) -> DiscoveredPrinter | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _chosen(self, *_args) -> None:
        found = self.chosen()
        if found is not None and self.name.text().strip() in ("", self._suggested):
            self._suggested = suggested_name(found, self.taken)
            self.name.setText(self._suggested)
        self.bleed.setEnabled(found is not None and found.uri.startswith("spooler://"))
        self._update_ok()

    def _update_ok(self, *_args) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.chosen() is not None and bool(self.name.text().strip()) and self.search.isEnabled())

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.search.setEnabled(not busy)
        if not busy:
            self._update_ok()

    def values(self) -> tuple[str, str]:
        uri, bleed = self.chosen().uri, self.bleed.value()
        if self.bleed.isEnabled() and bleed > 0:
            uri += f"?bleed={bleed:g}"
        return uri, self.name.text().strip()
