"""Calling at the counter (issue 25): how many wait, "Panggil" (F6, the next) by the priority rules, the
number at the counter settled as served, no-show or sent elsewhere, a missed number recalled when the
rule allows (the rule's sentence otherwise), and the numbers that lost their place to tell their holders.

A called ticket with a NIK opens that citizen at the counter as a scan does (the counter's keyboard
path asks first when a decision for the citizen shown is half made).

Signals: called(TicketView) after a call or a recall.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.operations import QUEUE, Change
from desktop.ui.operations import queue as queue_ops
from desktop.ui.pages.queue.notices import LostPlaceNotices, NoticesView
from desktop.ui.pages.queue.words import ticket_line
from desktop.ui.style import SPACE, set_state
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.composition import Services
    from desktop.services.queue import TicketView
    from desktop.services.session import CurrentUser
    from desktop.ui.operations import Operations
    from desktop.ui.printer_controller import PrinterController

CALL_KEY = "F6"  # listed in Bantuan > Pintasan keyboard (desktop/ui/pages/about/shortcuts.py)


class CallingBox(QFrame):
    """One row above the card, so the counter keeps its height: how many wait, the number called, and
    either the call (with a recall of a missed number) or the three ways to settle the number called."""

    called = Signal(object)

    def __init__(self, parent: QWidget, services: Services, ops: Operations, printers: PrinterController,
                 user: CurrentUser, open_nik: Callable[[str], None]) -> None:
        """open_nik: the counter's scan path (a called ticket's citizen opens with the NIK)."""
        super().__init__(parent)
        self.setObjectName("callingBox")
        self.services, self.ops, self.user, self.open_nik = services, ops, user, open_nik
        self.current: TicketView | None = None  # the number at this counter now
        self.missed: list[TicketView] = []  # numbers marked no-show here, newest first (for a recall)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["s"], SPACE["xs"], SPACE["s"], SPACE["xs"])
        row = QHBoxLayout()
        self.waiting = QLabel(self)
        self.waiting.setObjectName("queueWaiting")
        self.ticket = QLabel(self)
        self.ticket.setObjectName("callingTicket")
        self.call_button = QPushButton(self.tr("Panggil (%1)").replace("%1", CALL_KEY), self)
        self.call_button.setObjectName("callNextButton")
        self.call_button.setShortcut(QKeySequence(CALL_KEY))
        self.call_button.setToolTip(self.tr("Panggil berikutnya menurut urutan prioritas: %1").replace("%1", CALL_KEY))
        self.served_button = self._button(self.tr("Selesai"), "servedButton", "end")
        self.no_show_button = self._button(self.tr("Tidak hadir"), "noShowButton", "no_show")
        self.elsewhere_button = self._button(self.tr("Dialihkan"), "sentElsewhereButton", "send_elsewhere")
        self.missed_choice = QComboBox(self)
        self.missed_choice.setObjectName("missedChoice")
        self.missed_choice.setToolTip(self.tr("Nomor yang tidak hadir saat dipanggil"))
        self.recall_button = QPushButton(self.tr("Panggil ulang"), self)
        self.recall_button.setObjectName("recallButton")
        self.recall_button.clicked.connect(self.request_recall)
        row.addWidget(QLabel(self.tr("Antrian"), self))
        row.addWidget(self.waiting)
        row.addWidget(self.ticket, 1)
        for widget in (self.served_button, self.no_show_button, self.elsewhere_button, self.missed_choice,
                       self.recall_button, self.call_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.notices = NoticesView(LostPlaceNotices.of(self.ops, self.services, printers), self)
        layout.addWidget(self.notices)
        self.call_button.clicked.connect(self.request_call)
        self.ops.bus.changed.connect(self._changed)
        self._show_current()
        self.reload()

    def _button(self, text: str, name: str, how: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: self.request_settle(how))
        return button

    # --- what it shows -------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.touches(QUEUE):
            self.reload()

    def reload(self) -> None:
        queue_ops.counter_state(self.services).success(self._show_waiting).quietly().run_in(self.ops)

    def _show_waiting(self, count: int) -> None:
        self.waiting.setText(self.tr("Menunggu: %1").replace("%1", QLocale().toString(count)))
        self.call_button.setEnabled(count > 0)

    def _show_current(self) -> None:
        current = self.current
        if current is None:
            self.ticket.setText(self.tr("Belum ada nomor dipanggil."))
            self.ticket.setToolTip("")
            set_state(self.ticket, "muted")
        else:
            self.ticket.setText(f"{current.code} · {tr_message(current.service_label)}")
            self.ticket.setToolTip(ticket_line(current))
            set_state(self.ticket, "busy")
        for button in (self.served_button, self.no_show_button, self.elsewhere_button):
            button.setVisible(current is not None)
        self.missed_choice.clear()
        for view in self.missed:
            self.missed_choice.addItem(view.code, view.ticket_id)
        self.missed_choice.setVisible(bool(self.missed) and current is None)
        self.recall_button.setVisible(bool(self.missed) and current is None)

    # --- calling -------------------------------------------------------------------------------
    def request_call(self) -> None:
        queue_ops.call_next(self.services, self.user).success(self._called).failure(
            self.ops.on_action_failed).run_in(self.ops, self)

    def _called(self, view: TicketView | None) -> None:
        if view is None:
            self.ops.messages.info(self.tr("Tidak ada nomor yang menunggu."))
            return
        self.current = view
        self.missed = [m for m in self.missed if m.ticket_id != view.ticket_id]
        self._show_current()
        self.called.emit(view)
        if view.nik:
            self.open_nik(view.nik)

    def request_settle(self, how: str) -> None:
        view = self.current
        if view is None:
            return
        queue_ops.settle(self.services, self.user, view.ticket_id, how).success(
            lambda _result: self._settled(view, how)).failure(self.ops.on_action_failed).run_in(self.ops, self)

    def _settled(self, view: TicketView, how: str) -> None:
        if how == "no_show":
            self.missed.insert(0, view)
        if self.current is not None and self.current.ticket_id == view.ticket_id:
            self.current = None
        self._show_current()

    def request_recall(self) -> None:
        ticket_id = self.missed_choice.currentData()
        if ticket_id is None:
            return
        queue_ops.recall(self.services, self.user, ticket_id).success(self._called).failure(
            self.ops.on_action_failed).run_in(self.ops, self)
