"""The regency panel (issue 18, item 2): every kecamatan (quota, printed, rights held, remaining, spoiled,
blanko and the days they last, green/amber/red with the reason in words) and every station (last seen,
offline for how long, rights held, printers and ribbon alerts, anomalies, suspensions), refreshed every
10 s from the server off the GUI thread while shown; the last 30 days drawn when their tab is opened."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.domain.spoilage import CAUSES, OTHER_LABEL
from desktop.regency.panel import AMBER, GREEN, RED, PanelFigures, StationRow
from desktop.ui.dialogs import row_table
from desktop.ui.header import PRINTER_STATE_TEXT
from desktop.ui.operations import QueryOp
from desktop.ui.pages.panel.models import FixedTable
from desktop.ui.pages.regency.common import LANE, RegencyContext, RegencyPage, whole
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.regency.panel import KecamatanRow

REFRESH_MS = 10_000
LEVEL_COLOUR = {GREEN: QColor("#0b6b2b"), AMBER: QColor("#8a4b00"), RED: QColor("#b00020")}


def make_page(ctx: RegencyContext) -> RegencyPanelPage:
    return RegencyPanelPage(ctx)


class RegencyPanelPage(RegencyPage):
    def __init__(self, ctx: RegencyContext) -> None:
        super().__init__(ctx, self.tr("Panel kabupaten"))
        self.figures: PanelFigures | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("regencySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(self.summary)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("regencyTabs")
        self.body.addWidget(self.tabs, 1)
        self.kecamatan = FixedTable([self.tr("Kecamatan"), self.tr("Keadaan"), self.tr("Kuota"), self.tr("Dicetak"),
                                     self.tr("Hak cetak dipegang"), self.tr("Sisa"), self.tr("Rusak"),
                                     self.tr("Cetak ulang"), self.tr("Stok blanko"), self.tr("Cukup untuk"),
                                     self.tr("Alasan")], self)
        self.kecamatan_view = row_table(self.kecamatan, "regencyKecamatanTable", self)
        self.tabs.addTab(self.kecamatan_view, self.tr("Kecamatan"))
        self.stations = FixedTable([self.tr("Stasiun"), self.tr("Kecamatan"), self.tr("Terakhir terlihat"),
                                    self.tr("Tidak tersambung"), self.tr("Hak cetak"), self.tr("Printer"),
                                    self.tr("Anomali"), self.tr("Penangguhan")], self)
        self.stations_view = row_table(self.stations, "regencyStationTable", self)
        self.tabs.addTab(self.stations_view, self.tr("Stasiun"))
        self.chart_tab = QWidget(self)
        QVBoxLayout(self.chart_tab)
        self.chart = None  # made when its tab is first shown (pyqtgraph loads then)
        self.tabs.addTab(self.chart_tab, self.tr("30 hari"))
        for table in (self.kecamatan_view, self.stations_view):
            table.setTabKeyNavigation(False)  # Tab goes on to the next part of the page
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        self.kecamatan_view.selectionModel().selectionChanged.connect(lambda *_a: self._chart_if_shown())
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def focus_first(self) -> None:
        self.tabs.tabBar().setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.timer.stop()

    # --- reading --------------------------------------------------------------------------------
    def read(self) -> PanelFigures:
        return self.session.panel()

    def _tab_changed(self) -> None:
        self._chart_if_shown()

    def _chart_if_shown(self) -> None:
        if self.tabs.currentWidget() is not self.chart_tab:
            return
        if self.chart is None:
            from desktop.ui.pages.panel.chart import HistoryChart

            self.chart = HistoryChart(self.chart_tab)
            self.chart_tab.layout().addWidget(self.chart)
        session, code = self.session, self.selected_kecamatan()
        QueryOp(LANE, lambda: session.history(30, code)).success(self.chart.set_points).failure(
            self._failed).run_in(self.ops)

    def selected_kecamatan(self) -> str | None:
        rows = self.kecamatan_view.selectionModel().selectedRows()
        if not rows or self.figures is None or rows[0].row() >= len(self.figures.kecamatan):
            return None
        return self.figures.kecamatan[rows[0].row()].code

    # --- showing --------------------------------------------------------------------------------
    def show_data(self, figures: PanelFigures) -> None:
        selected = self.selected_kecamatan()
        self.figures = figures
        self.kecamatan.set_rows([self._kecamatan_cells(row) for row in figures.kecamatan],
                                [LEVEL_COLOUR[row.state] if row.state != GREEN else None for row in figures.kecamatan])
        codes = [row.code for row in figures.kecamatan]
        if selected in codes:
            self.kecamatan_view.selectRow(codes.index(selected))
        now = figures.as_of or datetime.now(UTC)
        self.stations.set_rows([self._station_cells(row, now) for row in figures.stations],
                               [QColor("#b00020") if row.suspended or row.revoked or row.ribbon_alert else None
                                for row in figures.stations])
        self._summarise(figures)
        if self.chart is not None and self.tabs.currentWidget() is self.chart_tab:
            self._chart_if_shown()

    def _arrived(self, data) -> None:
        super()._arrived(data)
        as_of = data.as_of.astimezone() if data.as_of is not None else None
        if as_of is not None:  # the server's moment, in this computer's time zone
            self.updated.setText(self.tr("Per %1; diperbarui sendiri setiap 10 detik.")
                                 .replace("%1", QLocale().toString(as_of.time(), "HH:mm")))

    def _summarise(self, figures: PanelFigures) -> None:
        counts = {level: sum(1 for row in figures.kecamatan if row.state == level) for level in (GREEN, AMBER, RED)}
        locale = QLocale()
        text = (self.tr("%1 kecamatan: %2 hijau, %3 kuning, %4 merah. %5 permintaan kuota menunggu, %6 anomali "
                        "terbuka, %7 stasiun ditangguhkan.")
                .replace("%1", locale.toString(len(figures.kecamatan))).replace("%2", locale.toString(counts[GREEN]))
                .replace("%3", locale.toString(counts[AMBER])).replace("%4", locale.toString(counts[RED]))
                .replace("%5", locale.toString(figures.quota_requests_waiting))
                .replace("%6", locale.toString(figures.anomalies_open))
                .replace("%7", locale.toString(sum(1 for s in figures.stations if s.suspended))))
        if figures.unreadable:
            text += " " + self.tr("%1 baris dari server tidak dapat dibaca dan tidak ditampilkan.").replace(
                "%1", locale.toString(figures.unreadable))
        self.summary.setText(text)

    def _kecamatan_cells(self, row: KecamatanRow) -> list[str]:
        word = {GREEN: self.tr("HIJAU"), AMBER: self.tr("KUNING"), RED: self.tr("MERAH")}[row.state]
        spoiled = ", ".join(f"{tr_message(CAUSES.get(cause, OTHER_LABEL))} {whole(n)}"
                            for cause, n in sorted(row.spoiled.items()) if n)
        days = (self.tr("tidak diketahui") if row.blanko_days_left is None else
                self.tr("%1 hari").replace("%1", QLocale().toString(float(row.blanko_days_left), "f", 1)))
        return [f"{row.name} ({row.code})" if row.name else row.code, word, whole(row.quota), whole(row.printed),
                whole(row.rights_held), whole(row.remaining), spoiled or "0", whole(row.reprints),
                whole(row.blanko_in_stock), days, row.state_reason or "—"]

    def _station_cells(self, row: StationRow, now: datetime) -> list[str]:
        if row.last_seen is None:
            seen, offline = self.tr("belum pernah"), self.tr("belum pernah tersambung")
        else:
            seen = QLocale().toString(row.last_seen.astimezone(), "d/M HH:mm")
            seconds = row.offline_seconds
            if seconds is None:
                seconds = max(0, int((now - row.last_seen).total_seconds()))
            offline = self.duration(seconds)
        printers = "; ".join(self._printer(p.name, p.state, p.ribbon_left) for p in row.printers) or "—"
        if row.ribbon_alert:
            printers = self.tr("RIBBON HAMPIR HABIS") + " — " + printers
        if row.revoked:
            state = self.tr("dicabut")
        elif row.suspended is not None:  # the server's sentence says since when and why
            state = row.suspended.sentence or self.tr("ditangguhkan sejak %1 (%2)").replace(
                "%1", row.suspended.since[:16].replace("T", " ")).replace("%2", row.suspended.rule)
        else:
            state = "—"
        return [f"{row.name} ({row.code})" if row.name else row.code, ", ".join(row.served) or row.kecamatan_code,
                seen, offline, whole(row.rights_held), printers, whole(row.anomalies), state]

    def _printer(self, name: str, state: str, ribbon: int | None) -> str:
        left = self.tr("ribbon tidak diketahui") if ribbon is None else self.tr("ribbon %1").replace("%1", whole(ribbon))
        words = tr_message(PRINTER_STATE_TEXT[state][0]) if state in PRINTER_STATE_TEXT else state
        return f"{name}: {words}, {left}"

    def duration(self, seconds: int) -> str:
        """How long a station has not been in touch, in words."""
        if seconds < 120:
            return self.tr("tersambung")
        minutes = seconds // 60
        if minutes < 60:
            return self.tr("%1 menit").replace("%1", whole(minutes))
        hours, minutes = divmod(minutes, 60)
        if hours < 24:
            return self.tr("%1 jam %2 menit").replace("%1", whole(hours)).replace("%2", whole(minutes))
        days, hours = divmod(hours, 24)
        return self.tr("%1 hari %2 jam").replace("%1", whole(days)).replace("%2", whole(hours))


