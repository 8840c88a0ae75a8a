"""The tickets that lost their place (issue 25: a ribbon ran out, blanko were spoiled, a print right went
back): the queue is checked again every 30 s and after every change that can cost places, and each loss
is listed for the operator (or the door) to tell its holder. The service tells each ticket once; this
keeps the list of the session so that the door page and the counter's calling box show the same one.
It also tells the service which printers are ready (their capacity is one of the limits), from the
printers' readings on the GUI thread, as a list the database lane reads.

Signals: notices_changed() when the list grew or a line was crossed off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from desktop.devices.base import PrinterState
from desktop.ui.operations import CARDS, LEASES, PRINTERS, QUEUE, QUOTA, SETTINGS, STOCK, Change
from desktop.ui.operations import queue as queue_ops
from desktop.ui.style import BOX_MARGINS, set_state
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.queue import LostPlace
    from desktop.ui.operations import Operations
    from desktop.ui.printer_controller import PrinterController

RECHECK_MS = 30_000  # the issue asks for the holders to be told within one minute
RECHECK_AFTER = (QUEUE, STOCK, CARDS, PRINTERS, QUOTA, LEASES, SETTINGS)  # changes that can cost places
_NAME = "queue.recheck"
WORKING = (PrinterState.READY, PrinterState.PRINTING)  # a printer that can print until closing


def lost_line(lost: LostPlace) -> str:
    """One loss as the operator reads it out: the number and why."""
    return QCoreApplication.translate("Queue", "%1: %2").replace("%1", lost.ticket.code).replace(
        "%2", tr_message(lost.why))


class LostPlaceNotices(QObject):
    """One per window's operations (`of`): the timer, the checks and the list."""

    notices_changed = Signal()

    @classmethod
    def of(cls, ops: Operations, services: Services, printers: PrinterController | None = None) -> LostPlaceNotices:
        found = ops.findChild(cls)
        notices = found if found is not None else cls(ops, services)
        if printers is not None and notices.printers is None:
            notices.watch_printers(printers)
        return notices

    def __init__(self, ops: Operations, services: Services) -> None:
        super().__init__(ops)
        self.ops, self.services = ops, services
        self.printers: PrinterController | None = None
        self.model = QStringListModel(self)
        self.alternatives: list[str] = []  # what the holders can do instead (the same for every loss)
        self.timer = QTimer(self)
        self.timer.setInterval(RECHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        ops.bus.changed.connect(self._changed)

    def _changed(self, change: Change) -> None:
        if change.name != _NAME and change.touches(*RECHECK_AFTER):
            self.check()

    def watch_printers(self, printers: PrinterController) -> None:
        self.printers = printers
        printers.status_changed.connect(self._printer_changed)
        self._printer_changed()

    def _printer_changed(self, *_args) -> None:
        """A printer's state changed: the service counts the ready ones (before any reading: all)."""
        statuses = self.printers.statuses
        if not statuses:
            return
        ready = tuple(uri for uri, status in statuses.items() if status.state in WORKING)
        previous = self.services.queue.ready_printers
        self.services.queue.ready_printers = lambda: ready
        if previous is None or tuple(previous()) != ready:
            self.check()

    def check(self) -> None:
        queue_ops.recheck(self.services).success(self._checked).quietly().run_in(self.ops)

    def _checked(self, lost: list) -> None:
        if not lost:
            return
        lines = [lost_line(item) for item in lost] + self.model.stringList()
        self.alternatives = [tr_message(alternative) for alternative in lost[0].alternatives]
        self.model.setStringList(lines)
        self.notices_changed.emit()
        self.ops.bus.publish({QUEUE}, self, _NAME)  # the places and the waiting count moved

    def lines(self) -> list[str]:
        return self.model.stringList()

    def cross_off(self, row: int) -> None:
        """The holder was told: the line goes."""
        if 0 <= row < self.model.rowCount():
            self.model.removeRows(row, 1)
            self.notices_changed.emit()


class NoticesView(QGroupBox):
    """The list, what to offer instead, and "Sudah diberi tahu" (crosses the chosen line off); shown
    only while there is someone to tell."""

    def __init__(self, notices: LostPlaceNotices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Nomor yang kehilangan tempat: beri tahu pemegangnya"))
        self.setObjectName("lostPlaceBox")
        self.notices = notices
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*BOX_MARGINS)
        self.list = QListView(self)
        self.list.setObjectName("lostPlaceList")
        self.list.setModel(notices.model)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMaximumHeight(88)
        self.offer = QLabel(self)
        self.offer.setObjectName("lostPlaceOffer")
        self.offer.setWordWrap(True)
        set_state(self.offer, "muted")
        self.told = QPushButton(self.tr("Sudah diberi tahu"), self)
        self.told.setObjectName("lostPlaceTold")
        self.told.clicked.connect(self._told)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.told)
        layout.addLayout(row)
        layout.addWidget(self.offer)
        notices.notices_changed.connect(self._shown)
        self._shown()

    def _shown(self) -> None:
        has = self.notices.model.rowCount() > 0
        self.setVisible(has)
        self.offer.setText(self.tr("Tawarkan: %1").replace("%1", " ".join(self.notices.alternatives)))
        if has and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.notices.model.index(0))

    def _told(self) -> None:
        index = self.list.currentIndex()
        self.notices.cross_off(index.row() if index.isValid() else 0)
