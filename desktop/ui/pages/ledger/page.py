"""The blanko ledger window (Supervisor > Buku blanko…, window-modal): the balance in words, every movement newest first
with filters (kind, cause of spoilage, serial, period), rows fetched a page at a time as the list scrolls,
and one blanko traced from its receipt to its end in the same table (a mode of it).

It reloads after a change to the stock elsewhere only while it is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.blanko import KIND_LABELS, KINDS, SPOIL_REASONS
from desktop.errors import UserFacingError
from desktop.services.blanko_ledger import LedgerFilter
from desktop.ui.dialogs import open_kept, row_table
from desktop.ui.fit import resize_within_window
from desktop.ui.operations import CARDS, JOBS, STOCK, Change, QueryOp
from desktop.ui.operations.stock import destroy_blanko, spoil_blanko
from desktop.ui.pages.ledger.actions import DestroyDialog, SpoilDialog
from desktop.ui.tables import RowsModel
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.blanko_ledger import Balance, LedgerRow
    from desktop.services.session import CurrentUser
    from desktop.ui.operations import Operations
    from desktop.ui.shell.context import PageContext

Index = QModelIndex | QPersistentModelIndex
PAGE_ROWS = 100
PERIODS = (None, 0, 6, 29)  # all dates, today, the last 7 days, the last 30 days


def open_ledger(ctx: PageContext) -> None:
    if ctx.station is None or ctx.user is None:
        return
    # Window-modal, as the other dialogs: the screen lock closes it, and nothing of a supervisor's stays on
    # screen after them. Opened again in the same session it keeps its filters.
    station_id, user = ctx.station.id, ctx.user
    open_kept(ctx.parent, LedgerWindow, "ledgerWindow", user.id,
              lambda: LedgerWindow(ctx.services, ctx.ops, station_id, user, ctx.parent), LedgerWindow.reload)


@dataclass(frozen=True)
class LedgerMode:
    """What the table shows: the filtered list, or the trace of one serial."""

    trace: str | None = None
    filter: LedgerFilter = LedgerFilter()


class LedgerModel(RowsModel):
    """The movements loaded so far (kept by row), and how many the filter finds in all.

    Signals: more_requested(int) when the view scrolls near the end of what is loaded (the offset)."""

    more_requested = Signal(int)

    def __init__(self, zone, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.rows: list[LedgerRow] = []
        self.total = 0
        self.loading = False
        self.headers = [self.tr("Waktu"), self.tr("Pergerakan"), self.tr("Blanko"), self.tr("Penyebab"),
                        self.tr("Oleh"), self.tr("Keterangan")]

    def reset(self, rows: list[LedgerRow], total: int) -> None:
        self.beginResetModel()
        self.rows, self.total, self.loading = list(rows), total, False
        self.endResetModel()

    def append(self, offset: int, rows: list[LedgerRow]) -> None:
        self.loading = False
        if offset != len(self.rows) or not rows:  # a page for a list reloaded meanwhile
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt override
        return not parent.isValid() and not self.loading and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt override
        if self.canFetchMore(parent):
            self.loading = True
            self.more_requested.emit(len(self.rows))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == 0:
            local = row.at.replace(tzinfo=UTC).astimezone(self.zone)
            return QLocale().toString(local.replace(tzinfo=None), "dd-MM-yyyy HH:mm:ss")
        if column == 1:
            return tr_message(KIND_LABELS.get(row.kind, row.kind))
        if column == 2:
            if row.serial and row.quantity == 1 or row.kind == "leased":
                return row.serial
            return self.tr("%1 blanko (%2)").replace("%1", QLocale().toString(row.quantity)).replace(
                "%2", row.batch or "-")
        if column == 3:
            return tr_message(SPOIL_REASONS[row.reason_code]) if row.reason_code else ""
        if column == 4:
            return row.username or ""
        return row.detail


class LedgerWindow(QDialog):
    """The ledger's window (window-modal, so the screen lock closes it as it closes any dialog)."""

    def __init__(self, services: Services, ops: Operations, station_id: str, user: CurrentUser,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("ledgerWindow")
        self.setWindowTitle(self.tr("Buku blanko"))
        self.services, self.ops, self.station_id, self.user = services, ops, station_id, user
        self.mode = LedgerMode()
        self.balance = QLabel(self)
        self.balance.setObjectName("ledgerBalance")
        self.balance.setWordWrap(True)
        self.kind = QComboBox(self)
        self.kind.setObjectName("ledgerKind")
        self.kind.addItem(self.tr("Semua pergerakan"), "")
        for kind in KINDS:
            self.kind.addItem(tr_message(KIND_LABELS[kind]), kind)
        self.reason = QComboBox(self)
        self.reason.setObjectName("ledgerReason")
        self.reason.addItem(self.tr("Semua penyebab"), "")
        for code, label in SPOIL_REASONS.items():
            self.reason.addItem(tr_message(label), code)
        # The longest cause would push the serial field off the row: the list opens wider than the box.
        self.reason.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reason.setMinimumContentsLength(12)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(12)  # the row fits 1093 px (1366x768 at 125 %)
        self.period = QComboBox(self)
        self.period.setObjectName("ledgerPeriod")
        for text, days in zip((self.tr("Semua tanggal"), self.tr("Hari ini"), self.tr("7 hari terakhir"),
                               self.tr("30 hari terakhir")), PERIODS, strict=True):
            self.period.addItem(text, days)
        self.serial = QLineEdit(self)
        self.serial.setObjectName("ledgerSerial")
        self.serial.setPlaceholderText(self.tr("Nomor seri atau awalnya"))
        self.serial.setMinimumWidth(self.serial.fontMetrics().horizontalAdvance(self.serial.placeholderText()) + 24)
        self.trace_button = QPushButton(self.tr("Lacak blanko"), self)
        self.trace_button.setObjectName("ledgerTrace")
        self.back_button = QPushButton(self.tr("Kembali ke daftar"), self)
        self.back_button.setObjectName("ledgerBack")
        self.back_button.hide()
        self.heading = QLabel(self)
        self.heading.setObjectName("ledgerHeading")
        self.model = LedgerModel(services.clock.zone, self)
        self.table = row_table(self.model, "ledgerTable", self)
        self.error = QLabel(self)
        self.error.setObjectName("ledgerError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020")
        self.error.hide()
        self.spoil_button = QPushButton(self.tr("Catat blanko rusak…"), self)
        self.spoil_button.setObjectName("ledgerSpoil")
        self.destroy_button = QPushButton(self.tr("Catat pemusnahan…"), self)
        self.destroy_button.setObjectName("ledgerDestroy")
        close = QPushButton(self.tr("Tutup"), self)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Pergerakan"), self.kind), (self.tr("Penyebab"), self.reason),
                              (self.tr("Tanggal"), self.period), (self.tr("Blanko"), self.serial)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1 if widget is self.serial else 0)
        filters.addWidget(self.trace_button)
        filters.addWidget(self.back_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        for button in (self.spoil_button, self.destroy_button, close):
            bottom.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance)
        layout.addLayout(filters)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        resize_within_window(self, 1100, 560)
        for combo in (self.kind, self.reason, self.period):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.serial.textChanged.connect(self._filter_changed)
        self.serial.returnPressed.connect(self.trace_serial)
        self.trace_button.clicked.connect(self.trace_serial)
        self.back_button.clicked.connect(self.show_list)
        self.table.doubleClicked.connect(self._row_traced)
        self.model.more_requested.connect(self._fetch)
        close.clicked.connect(self.close)
        self.spoil_button.clicked.connect(self.record_spoil)
        self.destroy_button.clicked.connect(self.record_destruction)
        ops.bus.changed.connect(self._changed)
        self.reload()

    # --- what is shown ----------------------------------------------------------------------------
    def current_filter(self) -> LedgerFilter:
        days = self.period.currentData()
        today = self.services.clock.today()
        return LedgerFilter(kinds=(self.kind.currentData(),) if self.kind.currentData() else (),
                            since=None if days is None else today - timedelta(days=days),
                            serial=self.serial.text().strip(), reason=self.reason.currentData() or "")

    def reload(self) -> None:
        ledger, station_id, mode = self.services.blanko_ledger, self.station_id, self.mode

        def load():
            rows = ledger.trace(mode.trace) if mode.trace else ledger.movements(station_id, mode.filter,
                                                                                 limit=PAGE_ROWS)
            total = len(rows) if mode.trace else ledger.count(station_id, mode.filter)
            return ledger.balance(station_id), rows, total

        QueryOp("db", load).success(lambda loaded: self._loaded(mode, *loaded)).failure(self._failed).run_in(self.ops)

    def _loaded(self, mode: LedgerMode, balance: Balance, rows: list[LedgerRow], total: int) -> None:
        if mode != self.mode:
            return  # the filter changed meanwhile: its own load follows
        self.error.hide()
        self.balance.setText(self._balance_text(balance))
        if mode.trace and not rows:
            self.error.setText(self.tr("Blanko %1 tidak tercatat di stasiun ini.").replace("%1", mode.trace))
            self.error.show()
        if mode.trace:
            self.heading.setText(self.tr("Riwayat blanko %1, dari penerimaan sampai akhirnya").replace(
                "%1", mode.trace))
        else:
            self.heading.setText(self.tr("%1 pergerakan, terbaru di atas").replace("%1", QLocale().toString(total)))
        self.model.reset(rows, total)

    def _fetch(self, offset: int) -> None:
        ledger, station_id, mode = self.services.blanko_ledger, self.station_id, self.mode
        QueryOp("db", lambda: ledger.movements(station_id, mode.filter, offset, PAGE_ROWS)).success(
            lambda rows: self.model.append(offset, rows) if mode == self.mode else None).failure(
            self._failed).run_in(self.ops)

    def _balance_text(self, b: Balance) -> str:
        n = QLocale().toString
        text = (self.tr("Diterima %1, dipindahkan keluar %2, tercetak %3, rusak %4 (dimusnahkan %5, menunggu "
                        "dimusnahkan %6); di stok %7, dalam pengiriman %8.")
                .replace("%1", n(b.received)).replace("%2", n(b.transferred_out)).replace("%3", n(b.issued))
                .replace("%4", n(b.spoiled)).replace("%5", n(b.destroyed)).replace("%6", n(b.awaiting_destruction))
                .replace("%7", n(b.in_stock)).replace("%8", n(b.incoming)))
        if b.holds:
            return text + " " + self.tr("Buku blanko seimbang.")
        return text + " <b style='color:#b00020'>" + self.tr(
            "Buku blanko TIDAK seimbang: hitung blanko fisik dan laporkan ke kabupaten.") + "</b>"

    def _failed(self, exc: BaseException) -> None:
        self.model.loading = False
        self.error.setText(error_text(exc))
        self.error.show()

    # --- filters and the trace ----------------------------------------------------------------------
    def _filter_changed(self, *_args) -> None:
        if self.mode.trace is None:
            self.mode = LedgerMode(filter=self.current_filter())
            self.reload()

    def trace_serial(self) -> None:
        serial = self.serial.text().strip().upper()
        if serial:
            self._trace(serial)

    def _row_traced(self, index: QModelIndex) -> None:
        row = self.model.rows[index.row()]
        if row.serial and row.quantity == 1:
            self._trace(row.serial)

    def _trace(self, serial: str) -> None:
        self.mode = LedgerMode(trace=serial, filter=self.mode.filter)
        for widget in (self.kind, self.reason, self.period, self.serial, self.trace_button):
            widget.setEnabled(False)
        self.back_button.show()
        self.reload()

    def show_list(self) -> None:
        for widget in (self.kind, self.reason, self.period, self.serial, self.trace_button):
            widget.setEnabled(True)
        self.back_button.hide()
        self.mode = LedgerMode(filter=self.current_filter())
        self.reload()

    # --- records -------------------------------------------------------------------------------------
    def record_spoil(self) -> None:
        dialog = SpoilDialog(self)

        def save(values: tuple[str, str, str, tuple[str, str]]) -> None:
            reason, serial, note, approver = values
            self._submit(dialog, spoil_blanko(self.services, self.user, self.station_id, reason, serial, note,
                                              approver),
                         lambda done: self.tr("Blanko %1 dicatat rusak; menunggu pemusnahan.").replace("%1", done))

        dialog.submitted.connect(save)
        dialog.open()

    def record_destruction(self) -> None:
        ledger, station_id = self.services.blanko_ledger, self.station_id
        QueryOp("db", lambda: ledger.awaiting_destruction(station_id)).success(self._destroy_dialog).failure(
            self._failed).run_in(self.ops)

    def _destroy_dialog(self, awaiting: list[str]) -> None:
        if not self.isVisible():
            return  # the window was closed while the list was read
        if not awaiting:
            self.ops.messages.info(self.tr("Tidak ada blanko rusak yang menunggu dimusnahkan."))
            return
        dialog = DestroyDialog(awaiting, self)

        def save(values: tuple[list[tuple[str, str]], tuple[str, str]]) -> None:
            self._submit(dialog, destroy_blanko(self.services, self.user, self.station_id, *values),
                         lambda done: self.tr("%1 blanko rusak dicatat dimusnahkan.").replace("%1", str(len(done))))

        dialog.submitted.connect(save)
        dialog.open()

    def _submit(self, dialog, op, done_text) -> None:
        def done(result: object) -> None:
            dialog.accept()
            self.ops.messages.info(done_text(result))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                dialog.show_error(error_text(exc))
            else:
                dialog.reject()
                self.ops.on_error(exc)

        op.success(done).failure(failed).run_in(self.ops, self)

    def _changed(self, change: Change) -> None:
        if change.touches(STOCK, JOBS, CARDS) and self.isVisible():
            self.reload()
