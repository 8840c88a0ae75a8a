"""The window's status bar: the printers and their state, the ribbon left, the print rights left and the
sync state, each in a slot whose width never changes with its numbers or words (docs/ui-style.md), and
the training banner shown while every printer of the station is simulated.

It reads what the header feed and the sync link already have (header_feed.py, sync.py): no queries of
its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QWidget

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.steady import show_steady
from desktop.ui.style import colour
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.services.leases import LeaseStatus
    from desktop.ui.printer_controller import PrinterController

# Keyed by PrinterState's value (the devices module loads after the log-in window is painted).
CHECKING = QT_TRANSLATE_NOOP("StatusBar", "Memeriksa…")
PRINTER_STATES = {
    "ready": (QT_TRANSLATE_NOOP("StatusBar", "Siap"), "ok"),
    "printing": (QT_TRANSLATE_NOOP("StatusBar", "Mencetak"), "busy"),
    "attention": (QT_TRANSLATE_NOOP("StatusBar", "Perlu perhatian"), "action"),
    "disconnected": (QT_TRANSLATE_NOOP("StatusBar", "Terputus"), "action"),
    "unknown": (QT_TRANSLATE_NOOP("StatusBar", "Tidak diketahui"), "warn"),
}
SLOT_MAX = 560  # a printer slot never takes more than this (five printers: the rest in its tooltip)


def is_simulated(uri: str) -> bool:
    return uri.startswith("sim://")


class Slot(QLabel):
    """A status item of steady width (desktop/ui/steady.py)."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setContentsMargins(8, 0, 8, 0)

    def show_text(self, html: str, alternatives: tuple[str, ...] = ()) -> None:
        show_steady(self, html, alternatives, SLOT_MAX)
        self.show()


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(False)
        self.printers = Slot("statusPrinters", self)
        self.ribbon = Slot("statusRibbon", self)
        self.rights = Slot("statusRights", self)
        self.sync = Slot("statusSync", self)
        for slot in (self.printers, self.ribbon, self.rights, self.sync):
            slot.hide()
            self.addPermanentWidget(slot) if slot is not self.printers else self.addWidget(slot)

    def _states(self) -> tuple[str, ...]:
        return tuple(tr_message(label) for label, _kind in PRINTER_STATES.values())

    def show_printers(self, controller: PrinterController | None) -> None:
        if controller is None:
            return
        if not controller.uris:
            self.printers.show_text(self.tr("Printer:") + f" <b style='color:{colour('action')}'>"
                                    + self.tr("tidak ada") + "</b>")
            self.ribbon.hide()
            return
        parts = []
        for uri in controller.uris:
            status = controller.shown(uri)  # a fault the last card met holds until seen cleared
            label, kind = (CHECKING, "muted") if status is None else PRINTER_STATES[status.state.value]
            parts.append(f"{controller.name(uri)} <b style='color:{colour(kind)}'>{tr_message(label)}</b>")
        self.printers.show_text(self.tr("Printer:") + " " + " · ".join(parts),
                                (*self._states(), tr_message(CHECKING)))
        unread, left_text = self.tr("belum terbaca"), self.tr("%1 kartu lagi")
        ribbon_words = (unread, left_text.replace("%1", "0"))  # read or not, the slot keeps its width
        ribbons = [left for uri in controller.uris if (left := controller.ribbons.get(uri)) is not None]
        if ribbons:
            least = min(ribbons)
            kind = "action" if least == 0 else ("warn" if least < 50 else "ok")
            self.ribbon.show_text(self.tr("Pita:") + f" <b style='color:{colour(kind)}'>"
                                  + left_text.replace("%1", str(least)) + "</b>", ribbon_words)
        else:
            self.ribbon.show_text(self.tr("Pita:") + " " + unread, ribbon_words)

    def show_rights(self, status: LeaseStatus | None) -> None:
        if status is None:
            self.rights.hide()
            return
        left = sum(lease.left for lease in status.leases)
        kind = "action" if left == 0 else ("warn" if left <= status.low_water else "ok")
        self.rights.show_text(self.tr("Hak cetak tersisa:") + f" <b style='color:{colour(kind)}'>{left}</b>")

    def show_sync(self, status) -> None:
        if not status.enrolled:
            self.sync.hide()
            return
        if status.online is None:
            state, kind = self.tr("menghubungi…"), "warn"
        elif status.online:
            state, kind = self.tr("daring"), "ok"
        else:
            state, kind = self.tr("luring"), "action"
        words = (self.tr("menghubungi…"), self.tr("daring"), self.tr("luring"))
        self.sync.show_text(self.tr("Sinkron:") + f" <b style='color:{colour(kind)}'>{state}</b> · "
                            + self.tr("%1 menunggu").replace("%1", str(status.waiting)), words)


class TrainingBanner(QLabel):
    """First in the status bar while every printer of the station is simulated: nothing real prints."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBanner")
        self.setText(self.tr("MODE LATIHAN: printer simulasi"))
        self.setToolTip(self.tr("Semua printer di stasiun ini adalah printer simulasi: tidak ada kartu sungguhan "
                                "yang keluar dari printer."))
        self.hide()

    def show_for(self, controller: PrinterController | None) -> None:
        uris = controller.uris if controller is not None else []
        self.setVisible(bool(uris) and all(is_simulated(uri) for uri in uris))


class WindowStatus:
    """The status bar and the training badge of a main window, set on it and hidden until the work
    shows (header_feed.py feeds it)."""

    def __init__(self, window: QMainWindow) -> None:
        self.bar = StatusBar(window)
        self.training = TrainingBanner(self.bar)
        self.bar.insertWidget(0, self.training)
        window.setStatusBar(self.bar)
        self.bar.hide()

    def show_printers(self, controller: PrinterController | None) -> None:
        """The printers (and ribbon) now, and the bar itself once the station's printers are known."""
        if controller is None:
            return
        self.bar.show_printers(controller)
        self.training.show_for(controller)
        self.bar.show()
