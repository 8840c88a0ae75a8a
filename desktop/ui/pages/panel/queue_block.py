"""The office panel's queue block (issue 25, item 5): today's tickets, outcomes and waits in a few lines,
from the station's event log (desktop/services/queue_figures.py)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.domain.queue_times import QueueDay


class QueueBlock(QGroupBox):
    """Shows a `QueueDay`; the page reads it on the database lane and calls `show_day`."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("Antrean hari ini"), parent)
        self.setObjectName("panelQueueBox")
        self.text = QLabel(self)
        self.text.setObjectName("panelQueue")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.text.setText(self.tr("Memuat…"))

    def _minutes(self, seconds: float | None) -> str:
        if seconds is None:
            return "—"
        return self.tr("%1 mnt").replace("%1", QLocale().toString(round(seconds / 60)))

    def show_day(self, day: QueueDay) -> None:
        if day.empty:
            self.text.setText(self.tr("Belum ada tiket antrean hari ini."))
            return
        n, t = QLocale().toString, day.total
        lines = [
            self.tr("Tiket %1 · dilayani %2 · tidak hadir %3 · belum selesai %4")
            .replace("%1", n(t.tickets)).replace("%2", n(t.served)).replace("%3", n(t.no_shows))
            .replace("%4", n(t.still_open)),
            self.tr("Ditolak di pintu %1 · kehilangan tempat %2")
            .replace("%1", n(t.turned_away)).replace("%2", n(t.lost_places)),
            self.tr("Tunggu sampai dipanggil: median %1, p90 %2")
            .replace("%1", self._minutes(t.wait.median)).replace("%2", self._minutes(t.wait.p90)),
            self.tr("Lama layanan: median %1, p90 %2")
            .replace("%1", self._minutes(t.service_time.median)).replace("%2", self._minutes(t.service_time.p90)),
        ]
        self.text.setText("\n".join(lines))
