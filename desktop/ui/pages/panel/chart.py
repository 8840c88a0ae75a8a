"""The last 30 days drawn with pyqtgraph: cards printed (bars), the quota (a line) and blanko spoiled
(red bars). pyqtgraph is imported when the panel is first opened, not at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the regency panel draws its own day points (desktop/regency/panel.py): same fields
    from desktop.services.office_panel import DayPoint


class HistoryChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self.pg = pg
        layout = QVBoxLayout(self)
        self.plot = pg.PlotWidget(self, background="w")
        self.plot.setObjectName("historyPlot")
        self.plot.showGrid(y=True, alpha=0.25)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.getAxis("left").setLabel(self.tr("kartu"))
        self.legend = self.plot.addLegend(offset=(10, 10))
        layout.addWidget(self.plot, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("historySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.points: list[DayPoint] = []

    def set_points(self, points: list[DayPoint]) -> None:
        pg = self.pg
        self.points = points
        self.plot.clear()
        self.legend.clear()
        xs = list(range(len(points)))
        printed = pg.BarGraphItem(x=[x - 0.18 for x in xs], height=[p.printed for p in points], width=0.36,
                                  brush="#2e7d32", pen=None, name=self.tr("Dicetak"))
        spoiled = pg.BarGraphItem(x=[x + 0.18 for x in xs], height=[p.spoiled for p in points], width=0.36,
                                  brush="#c62828", pen=None, name=self.tr("Rusak"))
        self.plot.addItem(printed)
        self.plot.addItem(spoiled)
        self.plot.plot(xs, [p.quota for p in points], pen=pg.mkPen("#1565c0", width=2), name=self.tr("Kuota"))
        locale = QLocale()
        ticks = [(x, locale.toString(points[x].day, "d/M")) for x in xs if (len(xs) - 1 - x) % 5 == 0]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-0.7, max(len(xs) - 0.3, 1), padding=0)
        total, quota, spoilt = (sum(p.printed for p in points), sum(p.quota for p in points),
                                sum(p.spoiled for p in points))
        self.summary.setText(self.tr("30 hari terakhir: %1 kartu dicetak dari kuota %2 (%3%), %4 blanko rusak.")
                             .replace("%1", locale.toString(total)).replace("%2", locale.toString(quota))
                             .replace("%3", locale.toString(round(100 * total / quota) if quota else 0))
                             .replace("%4", locale.toString(spoilt)))
