"""The office panel's list tabs: today's cards (search by NIK or name, audited; filters by operator,
printer and reason) and the audit log (filters by area and user, the chain's state)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.reasons import REASONS
from desktop.domain.spoilage import CAUSES, OTHER_LABEL
from desktop.services.panel_lists import AuditFilter, CardFilter
from desktop.ui.operations import QueryOp
from desktop.ui.pages.panel.models import LazyTable
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.ui.shell.context import PageContext

AUDIT_AREAS = ("print", "blanko", "approval", "quota", "login", "user", "panel", "job", "clock", "sync")


def lazy_view(model: LazyTable, name: str, widths: list[int], parent: QWidget) -> QTableView:
    """A read-only table whose columns have set widths: sizing to content would read every row."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)  # one line a row; the whole text is in the tooltip
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


def local_time(at: datetime, zone, fmt: str = "HH:mm") -> str:
    local = at.replace(tzinfo=UTC).astimezone(zone)
    stamp = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))
    return QLocale().toString(stamp, fmt)


def _combo(parent: QWidget, name: str, everything: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItem(everything, None)
    return combo


class CardsTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.services, self.ops = ctx, ctx.services, ctx.ops
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("cardSearch")
        self.search.setPlaceholderText(self.tr("Cari NIK atau nama, lalu Enter (pencarian dicatat di log audit)"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 3)
        self.operator = _combo(self, "cardOperator", self.tr("Semua operator"))
        self.printer = _combo(self, "cardPrinter", self.tr("Semua printer"))
        printers = ctx.printers
        for uri in printers.uris if printers else ():
            self.printer.addItem(printers.name(uri), uri)
        self.reason = _combo(self, "cardReason", self.tr("Semua alasan"))
        for key, reason in REASONS.items():
            self.reason.addItem(tr_message(reason.label), key)
        for combo in (self.operator, self.printer, self.reason):
            bar.addWidget(combo, 1)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        layout.addLayout(bar)
        self.count = QLabel(self)
        self.count.setObjectName("cardCount")
        layout.addWidget(self.count)
        lists, zone = self.services.panel_lists, self.services.clock.zone
        self.model = LazyTable(self.ops, [self.tr("Jam"), self.tr("NIK"), self.tr("Nama"), self.tr("Alasan"),
                                          self.tr("Operator"), self.tr("Printer"), self.tr("Blanko"),
                                          self.tr("Keterangan")], lists.card_rows, self._cells, self)
        self.zone = zone
        self.view = lazy_view(self.model, "cardsTable", [60, 150, 220, 130, 150, 200, 120], self)
        layout.addWidget(self.view, 1)
        self.search.returnPressed.connect(self.refresh)
        self._searched = ""

    def _cells(self, row) -> list[str]:
        printers = self.ctx.printers
        reason = REASONS.get(row.reason)
        note = "" if row.returned is None else self.tr("dikembalikan, cetak ulang (%1)").replace(
            "%1", tr_message(CAUSES.get(row.returned, OTHER_LABEL)))
        return [local_time(row.issued_at, self.zone), row.nik, row.name, tr_message(reason.label) if reason else row.reason,
                row.operator, printers.name(row.printer) if printers else row.printer, row.blanko, note]

    def filters(self) -> CardFilter:
        return CardFilter(self.search.text(), self.operator.currentData(), self.printer.currentData(),
                          self.reason.currentData())

    def refresh(self) -> None:
        user = self.ctx.current_user()
        if user is None:
            return
        filters, lists = self.filters(), self.services.panel_lists
        # A search is audited once, when it is asked, not again at every refresh of the same list.
        searched = filters.text.strip()
        audited = bool(searched) and searched != self._searched
        self._searched = searched
        QueryOp("db", lambda: (lists.card_ids(user, filters, audited), lists.operators())).success(self._show).failure(
            self.ops.on_action_failed).run_in(self.ops)

    def _show(self, found) -> None:
        ids, operators = found
        self.model.set_keys(ids, keep_rows=True)
        self.count.setText(self.tr("%1 kartu").replace("%1", QLocale().toString(len(ids))))
        known = {self.operator.itemData(i) for i in range(1, self.operator.count())}
        for user_id, name in operators:
            if user_id not in known:
                self.operator.addItem(name, user_id)


class AuditTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.services, self.ops = ctx, ctx.services, ctx.ops
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.area = _combo(self, "auditArea", self.tr("Semua tindakan"))
        for area in AUDIT_AREAS:
            self.area.addItem(area, area)
        self.user = _combo(self, "auditUser", self.tr("Semua pengguna"))
        for combo in (self.area, self.user):
            bar.addWidget(combo, 1)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.chain = QLabel(self)
        self.chain.setObjectName("chainState")
        self.chain.setWordWrap(True)
        bar.addWidget(self.chain, 3)
        self.check = QPushButton(self.tr("Periksa rantai"), self)
        self.check.setObjectName("checkChain")
        self.check.clicked.connect(self.check_chain)
        bar.addWidget(self.check)
        layout.addLayout(bar)
        self.zone = self.services.clock.zone
        self.model = LazyTable(self.ops, [self.tr("No."), self.tr("Waktu"), self.tr("Pengguna"), self.tr("Tindakan"),
                                          self.tr("Rincian")], self.services.panel_lists.audit_rows, self._cells, self)
        self.view = lazy_view(self.model, "auditTable", [70, 150, 120, 200], self)
        layout.addWidget(self.view, 1)
        self._checked = False

    def _cells(self, row) -> list[str]:
        details = ", ".join(f"{key}={value}" for key, value in sorted(row.details.items()))
        return [str(row.seq), local_time(row.at, self.zone, "d MMM HH:mm:ss"), row.username, row.action, details]

    def refresh(self) -> None:
        lists = self.services.panel_lists
        filters = AuditFilter(self.area.currentData() or "", self.user.currentData())
        QueryOp("db", lambda: (lists.audit_ids(filters), lists.audit_users())).success(self._show).run_in(self.ops)
        if not self._checked:
            self.check_chain()

    def _show(self, found) -> None:
        seqs, users = found
        self.model.set_keys(seqs, keep_rows=True)  # entries never change: what was read stays
        known = {self.user.itemData(i) for i in range(1, self.user.count())}
        for name in users:
            if name not in known:
                self.user.addItem(name, name)

    def check_chain(self) -> None:
        """The whole chain checked once when the tab is first shown, and again on request."""
        from desktop.services.audit_verify import verify_chain

        self._checked = True
        self.chain.setText(self.tr("Memeriksa rantai audit…"))
        db = self.services.db
        QueryOp("db", lambda: verify_chain(db)).success(self._chain_checked).run_in(self.ops)

    def _chain_checked(self, result) -> None:
        if result.ok:
            self.chain.setStyleSheet("color:#0b6b2b;")
            self.chain.setText(self.tr("Rantai audit utuh: %1 entri, kepala %2.")
                               .replace("%1", QLocale().toString(result.entries)).replace("%2", result.head_hash[:12]))
        else:
            self.chain.setStyleSheet("color:#b00020; font-weight:bold;")
            self.chain.setText(self.tr("Rantai audit rusak: %1").replace("%1", tr_message(result.problem.message)))
