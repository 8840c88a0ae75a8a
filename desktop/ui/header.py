"""The strip across the top: station, user, today's quota per kecamatan, blanko in stock, printer state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.steady import show_steady
from desktop.ui.style import PALETTE
from desktop.ui.text import tr_message

if TYPE_CHECKING:  # type names only: importing the services here would slow the first paint
    from desktop.devices.base import PrinterStatus
    from desktop.domain.quota import QuotaState
    from desktop.services.audit import ChainHead
    from desktop.services.leases import LeaseStatus
    from desktop.services.stock import StockSummary

OK, BUSY, WARN, ACTION, MUTED = (PALETTE[k] for k in ("ok", "busy", "warn", "action", "muted"))
TIME_REFRESH_MS = 10_000
TIME_FORMAT = "ddd d MMM yyyy HH:mm"

# Keyed by PrinterState's value: the devices module loads after the log-in window is painted.
PRINTER_STATE_TEXT = {
    "ready": (QT_TRANSLATE_NOOP("HeaderBar", "Siap"), "ok"),
    "printing": (QT_TRANSLATE_NOOP("HeaderBar", "Mencetak"), "busy"),
    "attention": (QT_TRANSLATE_NOOP("HeaderBar", "Perlu perhatian"), "warn"),
    "disconnected": (QT_TRANSLATE_NOOP("HeaderBar", "Terputus"), "bad"),
    "unknown": (QT_TRANSLATE_NOOP("HeaderBar", "Tidak diketahui"), "warn"),
}


class HeaderBar(QFrame):
    """Signals: logout_requested (from its button)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(12, 6, 12, 6)
        rows.setSpacing(4)
        layout = QHBoxLayout()
        rows.addLayout(layout)
        self.station = QLabel(self)
        self.station.setObjectName("headerStation")
        self.quota = QLabel(self)
        self.quota.setObjectName("headerQuota")
        self.stock = QLabel(self)
        self.stock.setObjectName("headerStock")
        self.printer = QLabel(self)
        self.printer.setObjectName("headerPrinter")
        self.printer.hide()  # shown in the window's status bar (shell/status_bar.py); kept for its tooltip text
        self.sync = QLabel(self)
        self.sync.setObjectName("headerSync")
        self.sync.hide()  # only an enrolled station has a server
        self.lease = QLabel(self)
        self.lease.setObjectName("headerLease")
        self.lease.hide()  # print rights leased by the regency: enrolled stations only
        self.notice = QLabel(self)
        self.notice.setObjectName("headerNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {ACTION}; font-weight: bold;")
        self.notice.hide()
        # For a supervisor, wherever they are: what waits for their decision (the office panel settles it).
        self.waiting = QLabel(self)
        self.waiting.setObjectName("headerWaiting")
        self.waiting.setStyleSheet(f"color: {WARN}; font-weight: bold;")
        self.waiting.hide()
        self.time = QLabel(self)
        self.time.setObjectName("headerTime")
        self._now: Callable[[], datetime] | None = None
        self._time_timer = QTimer(self)
        self._time_timer.setInterval(TIME_REFRESH_MS)
        self._time_timer.timeout.connect(self._show_time)
        self.user = QLabel(self)
        self.user.setObjectName("headerUser")
        self.logout = QPushButton(self.tr("Keluar"), self)
        self.logout.setObjectName("logoutButton")
        self.logout.setToolTip(self.tr("Keluar (Ctrl+L)"))  # the window's shortcut
        for widget in (self.station, self.quota, self.stock):
            layout.addWidget(widget)
            layout.addSpacing(14)
        layout.addStretch(1)
        layout.addWidget(self.time)
        layout.addSpacing(14)
        layout.addWidget(self.user)
        layout.addWidget(self.logout)
        # Second row (enrolled stations): the server link, the leased rights and, in words, what their
        # state means (a hub's five kecamatan do not fit beside the rest on a 1366-pixel screen).
        second = QHBoxLayout()
        second.addWidget(self.sync)
        second.addSpacing(14)
        second.addWidget(self.lease)
        second.addSpacing(14)
        second.addWidget(self.waiting)
        second.addSpacing(14)
        second.addWidget(self.notice, 1)
        rows.addLayout(second)

    def set_station(self, name: str, user: str, role: str) -> None:
        self.station.setText(f"<b>{name}</b>")
        self.user.setText(self.tr("%1 (%2)").replace("%1", user).replace("%2", role))

    def start_clock(self, now: Callable[[], datetime]) -> None:
        """Show the date and time of `now` (the station's clock, in the office's zone), kept current."""
        self._now = now
        self._show_time()
        self._time_timer.start()

    def _show_time(self) -> None:
        if self._now is None:
            return
        at = self._now()
        stamp = QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute))
        # The clock's numbers have their own lengths (a day of one or two digits counted at two).
        show_steady(self.time, QLocale().toString(stamp, TIME_FORMAT), self._time_words(), digits=2)

    def _time_words(self) -> tuple[str, ...]:
        """The day and month names the clock can show: the widest stands for all (desktop/ui/steady.py)."""
        locale = QLocale()
        days = tuple(locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8))
        months = tuple(locale.monthName(month, QLocale.FormatType.ShortFormat) for month in range(1, 13))
        return days + months

    def set_clock_problem(self, problem: str | None) -> None:
        """A clock that contradicts the records shows red, with the sentence that says what to do."""
        self.time.setStyleSheet(f"color:{ACTION}; font-weight:bold" if problem else "")
        self.time.setToolTip(problem or "")

    def set_audit_head(self, head: ChainHead | None) -> None:
        """The audit chain's head in the station name's tooltip: a supervisor can note it elsewhere."""
        text = head.short if head is not None else "-"
        self.station.setToolTip(self.tr("Kepala rantai audit: %1").replace("%1", text))

    def set_quota(self, states: list[QuotaState]) -> None:
        parts = []
        for state in states:
            colour = ACTION if state.exhausted else (WARN if state.remaining <= 10 else OK)
            parts.append(f"{state.kecamatan_name} <b style='color:{colour}'>{state.used}/{state.limit}</b>")
        as_of = max((s.as_of for s in states if s.as_of is not None), default=None)
        if as_of is not None:  # the kecamatan's count as the server last said it, plus this station's since
            parts.append(self.tr("per %1").replace("%1", f"{as_of:%H:%M}"))
        show_steady(self.quota, self.tr("Kuota:") + " " + " · ".join(parts))  # "hari ini" in the tooltip
        self.quota.setToolTip(
            self.tr("Kuota hari ini") + "\n" + "\n".join(
                self.tr("%1: %2 dicetak, %3 sedang dicetak, sisa %4")
                .replace("%1", s.kecamatan_name).replace("%2", str(s.issued))
                .replace("%3", str(s.in_progress)).replace("%4", str(s.remaining))
                for s in states
            )
        )

    def set_waiting(self, jobs: int, reprints: int) -> None:
        """Jobs waiting for a supervisor's decision and approved reprints not printed yet (supervisors only)."""
        parts = []
        if jobs:
            parts.append(self.tr("%1 pekerjaan cetak menunggu keputusan").replace("%1", str(jobs)))
        if reprints:
            parts.append(self.tr("%1 cetak ulang menunggu dicetak").replace("%1", str(reprints)))
        self.waiting.setText(" · ".join(parts) + (" " + self.tr("(Panel kantor, Ctrl+2)") if parts else ""))
        self.waiting.setVisible(bool(parts))

    def set_stock(self, stock: StockSummary) -> None:
        colour = ACTION if stock.in_stock == 0 else (WARN if stock.in_stock < 20 else OK)
        show_steady(self.stock, self.tr("Blanko:") + f" <b style='color:{colour}'>{stock.in_stock}</b>")
        self.stock.setToolTip(
            self.tr("Diterima %1 · tercetak %2 · rusak %3 · dipesan %4")
            .replace("%1", str(stock.received)).replace("%2", str(stock.issued))
            .replace("%3", str(stock.spoiled)).replace("%4", str(stock.reserved))
        )

    def set_printers(self, printers: list[tuple[str, PrinterStatus | None]]) -> None:
        """Each printer with its state; an empty list means the station has none."""
        if not printers:
            self.printer.setText(self.tr("Printer:") + f" <b style='color:{ACTION}'>" + self.tr("Tidak ada printer")
                                 + "</b>")
            self.printer.setProperty("state", "none")
            return
        parts = []
        for name, status in printers:
            if status is None:
                text, kind = self.tr("Memeriksa…"), "warn"
            else:
                label, kind = PRINTER_STATE_TEXT[status.state.value]
                text = tr_message(label)
            colour = {"ok": OK, "busy": BUSY, "warn": WARN, "bad": ACTION}[kind]
            parts.append(f"{name} <b style='color:{colour}'>{text}</b>")
        self.printer.setText(self.tr("Printer:") + " " + " · ".join(parts))
        self.printer.setProperty("state", printers[0][1].state.value if printers[0][1] else "none")

    def set_sync(self, status) -> None:
        """Online or offline, the last successful sync and the changes waiting (enrolled stations only)."""
        if not status.enrolled:
            self.sync.hide()
            return
        if status.online is None:
            state, colour = self.tr("menghubungi…"), WARN
        elif status.online:
            state, colour = self.tr("daring"), OK
        else:
            state, colour = self.tr("luring"), ACTION
        if status.last_success is None:
            last = self.tr("belum pernah")
        else:
            from datetime import UTC

            from PySide6.QtCore import QDateTime, QLocale, QTimeZone

            from desktop.clock import OFFICE_TIMEZONE

            # The office's time, as everywhere at the counter (the PC's own zone may be UTC).
            local = QDateTime(status.last_success.replace(tzinfo=UTC)).toTimeZone(QTimeZone(OFFICE_TIMEZONE.encode()))
            last = QLocale().toString(local, "d MMM HH:mm")
        show_steady(self.sync, self.tr("Server:") + f" <b style='color:{colour}'>{state}</b> · "
                    + self.tr("sinkron %1 · %2 menunggu").replace("%1", last).replace("%2", str(status.waiting)),
                    (self.tr("menghubungi…"), self.tr("daring"), self.tr("luring"), self.tr("belum pernah")))
        self.sync.setToolTip(status.last_error or (status.server_url or ""))
        self.sync.show()

    def set_leases(self, status: LeaseStatus | None, now: datetime, supervisor: bool) -> None:
        """The print rights left under the lease for each served kecamatan, how long ago the server last
        renewed them, and, in words, what a lease that ran out or cannot be renewed means."""
        if status is None:
            self.lease.hide()
            self.notice.hide()
            return
        parts = []
        for lease in status.leases:
            colour = ACTION if lease.left == 0 else (WARN if lease.left <= status.low_water else OK)
            parts.append(f"{lease.kecamatan_name} <b style='color:{colour}'>{lease.left}</b>")
        age, stale = self._age(status.renewed_at, now)
        colour = ACTION if stale else MUTED
        ages = (self.tr("belum pernah diperbarui"), self.tr("diperbarui baru saja"),
                self.tr("diperbarui %1 menit lalu"), self.tr("diperbarui %1 jam lalu"),
                self.tr("diperbarui %1 hari lalu"))
        show_steady(self.lease, self.tr("Hak cetak:") + " " + " · ".join(parts)
                    + f" <span style='color:{colour}'>(" + age + ")</span>",
                    tuple(word.replace("%1", "0") for word in ages))
        lines = [self.tr("%1: %2 dari kabupaten, %3 terpakai, %4 dikembalikan, sisa %5")
                 .replace("%1", lease.kecamatan_name).replace("%2", str(lease.granted)).replace("%3", str(lease.used))
                 .replace("%4", str(lease.returned)).replace("%5", str(lease.left)) for lease in status.leases]
        if status.renew_failed:
            lines.append(tr_message(status.renew_failed))
        self.lease.setToolTip("\n".join(lines))
        self.lease.show()
        notice = status.notice(supervisor)
        self.notice.setText(tr_message(notice) if notice else "")
        self.notice.setVisible(bool(notice))

    def _age(self, renewed: datetime | None, now: datetime) -> tuple[str, bool]:
        """"diperbarui 5 menit lalu": an offline hour and offline days must not look the same."""
        if renewed is None:
            return self.tr("belum pernah diperbarui"), True
        minutes = max(0, int((now - renewed).total_seconds() // 60))
        if minutes < 2:
            return self.tr("diperbarui baru saja"), False
        if minutes < 120:
            return self.tr("diperbarui %1 menit lalu").replace("%1", str(minutes)), minutes > 30
        if minutes < 2880:
            return self.tr("diperbarui %1 jam lalu").replace("%1", str(minutes // 60)), True
        return self.tr("diperbarui %1 hari lalu").replace("%1", str(minutes // 1440)), True
