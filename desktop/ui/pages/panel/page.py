"""The office panel (issue 18, item 1): a supervisor's view of the day, kept open all day.

Four tabs: today (per kecamatan, printers, blanko, what waits for a decision, green/amber/red with the
reasons), today's cards, the audit log, and the last 30 days. The figures are read on the database lane
(desktop/services/office_panel.py, panel_lists.py) every 10 seconds while the page is shown, and after
any announced change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.devices.base import PrinterState
from desktop.domain.spoilage import CAUSES, OTHER_LABEL
from desktop.services import queue_figures
from desktop.services.faults import FAULT_NAMES
from desktop.services.issuance import OUTCOME_LABELS
from desktop.services.office_panel import AMBER, GREEN, RED, Assessment, OfficeFigures, PrinterFigures, assess
from desktop.ui.dialogs import confirm, row_table
from desktop.ui.header import PRINTER_STATE_TEXT
from desktop.ui.operations import Change, QueryOp
from desktop.ui.operations.printing import settle_job
from desktop.ui.pages.panel.lists import AuditTab, CardsTab, local_time
from desktop.ui.pages.panel.models import FixedTable
from desktop.ui.pages.panel.queue_block import QueueBlock
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.ui.printer_controller import PrinterDetails
    from desktop.ui.shell.context import PageContext

REFRESH_MS = 10_000
LEVEL_STYLE = {GREEN: "background:#e6f4ea; color:#0b6b2b;", AMBER: "background:#fff4e0; color:#8a4b00;",
               RED: "background:#fde7e9; color:#b00020;"}


def make_page(ctx: PageContext) -> OfficePanelPage:
    return OfficePanelPage(ctx)


class OfficePanelPage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.services, self.ops = ctx, ctx.services, ctx.ops
        self.station, self.printers = ctx.station, ctx.printers
        self.figures: OfficeFigures | None = None
        self.assessment: Assessment | None = None
        self.ribbons: dict[str, int | None] = {}
        self._stale = False
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.ops.bus.changed.connect(self._changed)
        if self.printers is not None:
            self.printers.status_changed.connect(lambda *_a: self._show_printers())

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("panelTabs")
        root.addWidget(self.tabs)
        today = QWidget(self)
        self.tabs.addTab(today, self.tr("Hari ini"))
        layout = QVBoxLayout(today)
        self.status = QLabel(today)
        self.status.setObjectName("panelStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it may hold the regency's own sentence
        self.status.setMargin(8)
        layout.addWidget(self.status)
        self.kecamatan = FixedTable([self.tr("Kecamatan"), self.tr("Kuota hari ini"), self.tr("Hak cetak"),
                                     self.tr("Dicetak"), self.tr("Sedang dicetak"), self.tr("Sisa"),
                                     self.tr("Rusak hari ini")], self)
        self.kecamatan_view = row_table(self.kecamatan, "kecamatanTable", today)
        layout.addWidget(self.kecamatan_view, 1)
        bottom = QHBoxLayout()
        layout.addLayout(bottom, 1)

        printers_box = QGroupBox(self.tr("Printer"), today)
        self.printer_table = FixedTable([self.tr("Printer"), self.tr("Keadaan"), self.tr("Sisa ribbon")], self)
        QVBoxLayout(printers_box).addWidget(row_table(self.printer_table, "printerTable", printers_box))
        bottom.addWidget(printers_box, 3)

        stock_box = QGroupBox(self.tr("Blanko"), today)
        self.stock = QLabel(stock_box)
        self.stock.setObjectName("panelStock")
        self.stock.setWordWrap(True)
        stock_layout = QVBoxLayout(stock_box)
        stock_layout.addWidget(self.stock)
        stock_layout.addStretch(1)
        bottom.addWidget(stock_box, 2)

        waiting_box = QGroupBox(self.tr("Menunggu keputusan"), today)
        waiting = QVBoxLayout(waiting_box)
        self.jobs = FixedTable([self.tr("Mulai"), self.tr("Nama"), self.tr("Printer"), self.tr("Blanko")], self)
        self.jobs_view = row_table(self.jobs, "waitingJobs", waiting_box)
        waiting.addWidget(self.jobs_view, 1)
        buttons = QHBoxLayout()
        self.settle_buttons: dict[str, QPushButton] = {}
        for outcome, text in (("good", self.tr("Kartu jadi")), ("spoiled", self.tr("Kartu rusak")),
                              ("nothing", self.tr("Tidak ada kartu"))):
            button = QPushButton(text, waiting_box)
            button.setObjectName(f"settle_{outcome}")
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, outcome=outcome: self.settle_selected(outcome))
            buttons.addWidget(button)
            self.settle_buttons[outcome] = button
        waiting.addLayout(buttons)
        self.reprints = QLabel(waiting_box)
        self.reprints.setObjectName("panelReprints")
        self.reprints.setWordWrap(True)
        waiting.addWidget(self.reprints)
        bottom.addWidget(waiting_box, 4)
        self.queue_box = QueueBlock(today)
        bottom.addWidget(self.queue_box, 3)
        self.jobs_view.selectionModel().selectionChanged.connect(self._selection_changed)
        for table in today.findChildren(QTableView):
            table.setTabKeyNavigation(False)  # Tab goes on to the next part of the page, not the next cell

        self.updated = QLabel(today)
        self.updated.setObjectName("panelUpdated")
        layout.addWidget(self.updated)

        self.cards = CardsTab(self.ctx, self)
        self.tabs.addTab(self.cards, self.tr("Kartu hari ini"))
        self.audit = AuditTab(self.ctx, self)
        self.tabs.addTab(self.audit, self.tr("Log audit"))
        self.chart_tab = QWidget(self)
        QVBoxLayout(self.chart_tab)
        self.chart = None  # made when its tab is first shown (pyqtgraph loads then)
        self.tabs.addTab(self.chart_tab, self.tr("30 hari"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    def focus_first(self) -> None:
        self.tabs.tabBar().setFocus()

    # --- refresh --------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        self.refresh()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def _changed(self, _change: Change) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the shown tab's figures again (the timer, a change, a tab chosen)."""
        if self.station is None:
            return
        current = self.tabs.currentWidget()
        if current is self.cards:
            self.cards.refresh()
        elif current is self.audit:
            self.audit.refresh()
        elif current is self.chart_tab:
            self._refresh_chart()
        panel, station = self.services.office_panel, self.station
        QueryOp("db", lambda: panel.figures(station.id, station.served)).success(self._show).run_in(self.ops)
        self._refresh_queue()
        self._read_ribbons()

    def _refresh_queue(self) -> None:
        clock = self.services.clock
        QueryOp("db", lambda: queue_figures.day_figures(clock.today())).success(self.queue_box.show_day) \
            .run_in(self.ops)

    def _refresh_chart(self) -> None:
        if self.chart is None:
            from desktop.ui.pages.panel.chart import HistoryChart

            self.chart = HistoryChart(self.chart_tab)
            self.chart_tab.layout().addWidget(self.chart)
        panel, served = self.services.office_panel, self.station.served
        QueryOp("db", lambda: panel.history(served)).success(self.chart.set_points).run_in(self.ops)

    def _read_ribbons(self) -> None:
        """Each idle printer's counters, on its own lane; a spooler queue tells none."""
        printers = self.printers
        if printers is None:
            return
        for uri in printers.uris:
            if not printers.is_busy(uri):
                printers.details(uri, self._got_details, lambda _exc: None)

    def _got_details(self, details: PrinterDetails) -> None:
        left = details.counters.get("ribbon_cards_left")
        self.ribbons[details.uri] = left if isinstance(left, int) else None
        self._show_printers()

    # --- showing --------------------------------------------------------------------------------
    def printer_figures(self) -> list[PrinterFigures]:
        printers = self.printers
        if printers is None:
            return []
        found = []
        for uri in printers.uris:
            status = printers.shown(uri)
            if status is None:
                text, ready = self.tr("Memeriksa…"), True
            else:
                text = tr_message(PRINTER_STATE_TEXT[status.state.value][0])
                if status.fault in FAULT_NAMES:
                    text += f" ({tr_message(FAULT_NAMES[status.fault])})"
                ready = status.state in (PrinterState.READY, PrinterState.PRINTING)
            found.append(PrinterFigures(uri, printers.name(uri), ready, text, self.ribbons.get(uri)))
        return found

    def _show_printers(self) -> None:
        rows, colours = [], []
        for printer in self.printer_figures():
            ribbon = (self.tr("tidak diketahui") if printer.ribbon_left is None
                      else self.tr("%1 kartu").replace("%1", QLocale().toString(printer.ribbon_left)))
            rows.append([printer.name, printer.state_text, ribbon])
            colours.append(None if printer.ready else QColor("#b00020"))
        self.printer_table.set_rows(rows, colours)
        if self.figures is not None:
            self._show_level()

    def _show(self, figures: OfficeFigures) -> None:
        self.figures = figures
        locale = QLocale()
        rows = []
        for row in figures.kecamatan:
            spoiled = ", ".join(f"{self._cause(cause)} {row.spoiled[cause]}" for cause in (*CAUSES, "other")
                                if cause in row.spoiled)
            rows.append([row.name, locale.toString(row.quota) + (" ↑" if row.raised else ""),
                         "—" if row.rights is None else locale.toString(row.rights), locale.toString(row.printed),
                         locale.toString(row.in_progress), locale.toString(row.remaining), spoiled or "0"])
        self.kecamatan.set_rows(rows)
        days = figures.days_left
        lasts = (self.tr("pemakaian 14 hari terakhir belum ada") if days is None else
                 self.tr("cukup sekitar %1 hari (rata-rata %2 sehari, 14 hari terakhir)")
                 .replace("%1", locale.toString(days, "f", 1)).replace("%2", locale.toString(figures.rate, "f", 1)))
        self.stock.setText(self.tr("Stok: %1 blanko, %2.").replace("%1", locale.toString(figures.in_stock))
                           .replace("%2", lasts))
        selected = self.selected_job()
        self.jobs.set_rows([[local_time(job.started_at, self.services.clock.zone), job.name,
                             self.printers.name(job.printer_uri) if self.printers else job.printer_uri,
                             job.blanko_serial] for job in figures.jobs_waiting])
        ids = [job.job_id for job in figures.jobs_waiting]
        if selected in ids:
            self.jobs_view.selectRow(ids.index(selected))
        self._selection_changed()
        self.reprints.setText(self.tr("Cetak ulang disetujui dan belum dicetak: %1.")
                              .replace("%1", locale.toString(figures.reprints_waiting)))
        self._show_level()
        self.updated.setText(self.tr("Diperbarui pukul %1; diperbarui sendiri setiap 10 detik.")
                             .replace("%1", locale.toString(QTime.currentTime(), "HH:mm:ss")))

    def _show_level(self) -> None:
        self.assessment = assess(self.figures, self.printer_figures())
        word = {GREEN: self.tr("HIJAU"), AMBER: self.tr("KUNING"), RED: self.tr("MERAH")}[self.assessment.level]
        self.status.setStyleSheet(LEVEL_STYLE[self.assessment.level] + " font-weight: bold;")
        self.status.setText(word + " — " + " ".join(tr_message(reason) for reason in self.assessment.reasons))

    @staticmethod
    def _cause(cause: str) -> str:
        return tr_message(CAUSES.get(cause, OTHER_LABEL))

    # --- jobs waiting for a decision ------------------------------------------------------------
    def selected_job(self) -> str | None:
        rows = self.jobs_view.selectionModel().selectedRows() if self.jobs_view.selectionModel() else []
        if not rows or self.figures is None or rows[0].row() >= len(self.figures.jobs_waiting):
            return None
        return self.figures.jobs_waiting[rows[0].row()].job_id

    def _selection_changed(self, *_args) -> None:
        for button in self.settle_buttons.values():
            button.setEnabled(self.selected_job() is not None)

    def settle_selected(self, outcome: str) -> None:
        job_id = self.selected_job()
        user = self.ctx.current_user()
        if job_id is None or user is None or self.figures is None:
            return
        job = next(j for j in self.figures.jobs_waiting if j.job_id == job_id)
        label = tr_message(OUTCOME_LABELS[outcome])
        if not confirm(self, "settleConfirm", self.tr("Putuskan pekerjaan cetak"),
                       self.tr("Pekerjaan cetak %1 (blanko %2) diselesaikan sebagai: %3. Keputusan ini dicatat di "
                               "log audit dan tidak dapat diubah. Lanjutkan?")
                       .replace("%1", job.name).replace("%2", job.blanko_serial).replace("%3", label),
                       self.tr("Ya, putuskan"), self.tr("Batal")):
            return
        settle_job(self.services, user, job_id, outcome).success(
            lambda _none: self.ops.messages.info(self.tr("Pekerjaan cetak %1 diputuskan: %2.")
                                                 .replace("%1", job.name).replace("%2", label))
        ).failure(self.ops.on_action_failed).run_in(self.ops, self)
