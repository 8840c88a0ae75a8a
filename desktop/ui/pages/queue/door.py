"""The door page (issue 25): a citizen asks for a number; the officer at the door chooses the service,
types or scans the NIK when the citizen has it, picks the priority group and presses Enter. The citizen is
told at once when no card can be printed for that NIK today, or when the day's places are gone (with the
alternatives and a ticket for the next open day). The places left and the number waiting stay in view;
a lost ticket is printed again, a ticket cancelled, from the list of those waiting.

The page is the work area of an "antrian" account, and a window of its own on a second screen for the
operators (`open_door_window`). Keyboard and scanner first: the focus starts on the service, a scan
anywhere on the page fills the NIK and checks it, Enter takes the number.

Signals: issued(TicketView) when a ticket was given (on paper or on screen).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.nik import normalize_nik
from desktop.errors import UserFacingError
from desktop.settings import SCAN_KEY_GAP_MS
from desktop.ui.dialogs import confirm, row_table
from desktop.ui.fit import fit_placeholder, resize_within_window
from desktop.ui.nik_field import NIK_LENGTH, NikEdit
from desktop.ui.operations import CARDS, PRINTERS, QUEUE, QUOTA, STOCK, Change, QueryOp
from desktop.ui.operations import queue as queue_ops
from desktop.ui.operations.tickets import print_paper
from desktop.ui.pages.panel.models import FixedTable
from desktop.ui.pages.queue.notices import LostPlaceNotices, NoticesView
from desktop.ui.pages.queue.words import (
    priority_choices,
    priority_label,
    service_choices,
    ticket_line,
    wait_text,
)
from desktop.ui.scan_filter import ScanFilter
from desktop.ui.style import BOX_MARGINS, SPACE, STYLESHEET, set_state
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:
    from desktop.devices.ticket_printers import TicketOutcome
    from desktop.domain.queue import Places
    from desktop.services.queue import Issued, TicketView, TurnedAway
    from desktop.services.session import CurrentUser
    from desktop.ui.shell.context import PageContext

RELOAD_AFTER = (QUEUE, STOCK, CARDS, PRINTERS, QUOTA)  # what changes the places or the waiting list
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def make_page(ctx: PageContext) -> DoorPage:
    """The registry's factory: the work area of an "antrian" account (desktop/ui/pages/queue/__init__.py)."""
    return DoorPage(ctx)


def open_door_window(ctx: PageContext) -> DoorWindow:
    """Menu Antrian > Jendela pintu antrian: the page in a window of its own, for a second screen."""
    window = ctx.parent.findChild(DoorWindow)
    if window is None:
        window = DoorWindow(ctx)
    window.show()
    window.activateWindow()
    window.page.focus_first()
    return window


class DoorPage(QWidget):
    issued = Signal(object)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services, self.ops = ctx.services, ctx.ops
        self.places: Places | None = None
        self.ticket_ids: list[str] = []  # the waiting list's rows
        self.next_day: date | None = None  # the day a next-day ticket would be for, after a turn-away
        self._checked_nik = ""  # the NIK whose check is shown
        self._build()
        self.scan_filter = ScanFilter(self, self.scan_arrived, lambda widget: widget is self.nik_edit, parent=self)
        QueryOp("db", SCAN_KEY_GAP_MS.get).success(self._set_scan_gap).run_in(self.ops)
        self.ops.bus.changed.connect(self._changed)
        self.reload()

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(SPACE["m"], SPACE["s"], SPACE["m"], SPACE["s"])
        root.setSpacing(SPACE["s"])
        self.places_label = QLabel(self)
        self.places_label.setObjectName("doorPlaces")
        self.why_label = QLabel(self)
        self.why_label.setObjectName("doorPlacesWhy")
        self.why_label.setWordWrap(True)
        set_state(self.why_label, "muted")
        root.addWidget(self.places_label)
        root.addWidget(self.why_label)
        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        row.addWidget(self._form_box(), 1)
        row.addWidget(self._result_box(), 1)
        root.addLayout(row)
        root.addWidget(self._waiting_box(), 1)
        self.notices = NoticesView(LostPlaceNotices.of(self.ops, self.services, self.ctx.printers), self)
        root.addWidget(self.notices)
        for first, second in ((self.service, self.nik_edit), (self.nik_edit, self.priority),
                              (self.priority, self.disaster), (self.disaster, self.issue_button),
                              (self.issue_button, self.waiting_view)):
            QWidget.setTabOrder(first, second)

    def _form_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Nomor antrian baru"), self)
        form = QFormLayout(box)
        form.setContentsMargins(*BOX_MARGINS)
        self.service = QComboBox(box)
        self.service.setObjectName("doorService")
        for key, label in service_choices():
            self.service.addItem(label, key)
        self.nik_edit = NikEdit(box)
        self.nik_edit.setObjectName("doorNik")
        self.nik_edit.setPlaceholderText(self.tr("Boleh kosong; ketik atau pindai"))
        self.nik_feedback = QLabel(box)
        self.nik_feedback.setObjectName("doorNikFeedback")
        self.nik_feedback.setWordWrap(True)
        self.priority = QComboBox(box)
        self.priority.setObjectName("doorPriority")
        for key, label in priority_choices():
            self.priority.addItem(label, key)
        # A disaster victim comes second when places are short (docs/queue.md): the officer writes what
        # shows it (e.g. the BPBD's letter); empty for everyone else.
        self.disaster = QLineEdit(box)
        self.disaster.setObjectName("doorDisaster")
        self.disaster.setMaxLength(200)
        self.disaster.setPlaceholderText(self.tr("Kosong, atau bukti korban bencana (mis. surat BPBD)"))
        fit_placeholder(self.disaster)
        self.issue_button = QPushButton(self.tr("Ambil nomor (Enter)"), box)
        self.issue_button.setObjectName("issueTicketButton")
        self.issue_button.setMinimumHeight(40)
        self.issue_button.clicked.connect(self.request_issue)
        form.addRow(self.tr("Layanan"), self.service)
        form.addRow(self.tr("NIK"), self.nik_edit)
        form.addRow("", self.nik_feedback)
        form.addRow(self.tr("Prioritas"), self.priority)
        form.addRow(self.tr("Korban bencana"), self.disaster)
        form.addRow("", self.issue_button)
        self.nik_edit.textChanged.connect(self._nik_edited)
        return box

    def _result_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Untuk penduduk"), self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(*BOX_MARGINS)
        self.number = QLabel(box)
        self.number.setObjectName("doorNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel(box)
        self.detail.setObjectName("doorDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paper = QLabel(box)
        self.paper.setObjectName("doorPaper")
        self.paper.setWordWrap(True)
        self.paper.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.refusal = QLabel(box)
        self.refusal.setObjectName("doorRefusal")
        self.refusal.setWordWrap(True)
        self.alternatives = QLabel(box)
        self.alternatives.setObjectName("doorAlternatives")
        self.alternatives.setWordWrap(True)
        self.next_day_button = QPushButton(box)
        self.next_day_button.setObjectName("nextDayTicketButton")
        self.next_day_button.clicked.connect(self.request_next_day)
        self.next_day_button.hide()
        for widget in (self.number, self.detail, self.paper, self.refusal, self.alternatives, self.next_day_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        return box

    def _waiting_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Menunggu dipanggil"), self)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(*BOX_MARGINS)
        self.waiting_model = FixedTable([self.tr("Nomor"), self.tr("Layanan"), self.tr("Prioritas"),
                                         self.tr("Diambil"), self.tr("Perkiraan tunggu")], self)
        self.waiting_view = row_table(self.waiting_model, "doorWaiting", box)
        layout.addWidget(self.waiting_view, 1)
        buttons = QVBoxLayout()
        self.reprint_button = QPushButton(self.tr("Cetak ulang (Ctrl+R)"), box)
        self.reprint_button.setObjectName("reprintTicketButton")
        self.reprint_button.setShortcut(QKeySequence("Ctrl+R"))
        self.reprint_button.clicked.connect(self.request_reprint)
        self.cancel_button = QPushButton(self.tr("Batalkan nomor…"), box)
        self.cancel_button.setObjectName("cancelTicketButton")
        self.cancel_button.clicked.connect(self.request_cancel)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("F2"), self, self.nik_edit.setFocus)
        return box

    def focus_first(self) -> None:
        """The work starts with the service."""
        self.service.setFocus()

    # --- what the page shows -----------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.touches(*RELOAD_AFTER):
            self.reload()

    def reload(self) -> None:
        queue_ops.door_state(self.services).success(self._show_state).run_in(self.ops)

    def _show_state(self, state: tuple[Places, list[TicketView]]) -> None:
        places, waiting = state
        self.places = places
        locale = QLocale()
        self.places_label.setText(self.tr("Tempat tersisa hari ini: %1 · Menunggu: %2")
                                  .replace("%1", locale.toString(max(0, places.left)))
                                  .replace("%2", locale.toString(places.waiting)))
        set_state(self.places_label, "action" if places.left <= 0 else "warn" if places.left <= 5 else "ok")
        self.why_label.setText(tr_message(places.why))
        chosen = self._chosen_id()
        self.ticket_ids = [view.ticket_id for view in waiting]
        self.waiting_model.set_rows([
            [view.code, tr_message(view.service_label), priority_label(view.priority),
             locale.toString(view.issued_at.time(), "HH:mm"), wait_text(view.estimated_wait_minutes)]
            for view in waiting])
        if chosen in self.ticket_ids:
            self.waiting_view.selectRow(self.ticket_ids.index(chosen))
        has = bool(waiting)
        self.reprint_button.setEnabled(has)
        self.cancel_button.setEnabled(has)

    def _chosen_id(self) -> str | None:
        rows = self.waiting_view.selectionModel().selectedRows()
        return self.ticket_ids[rows[0].row()] if rows and rows[0].row() < len(self.ticket_ids) else None

    # --- the NIK -----------------------------------------------------------------------------
    def _set_scan_gap(self, gap_ms: int) -> None:
        self.scan_filter.max_gap_ms = gap_ms

    def scan_arrived(self, nik: str) -> None:
        """A scanner's NIK read anywhere on the page: in the field (checked at once), then the priority."""
        QApplication.beep()
        self.nik_edit.setText(nik)
        self.priority.setFocus()

    def _nik_edited(self, text: str) -> None:
        """A whole NIK, typed or scanned, is checked at once: the citizen hears a refusal before asking."""
        digits = normalize_nik(text)
        if digits != self._checked_nik:
            self.nik_feedback.clear()
            self._checked_nik = ""
        if len(digits) == NIK_LENGTH and digits != self._checked_nik:
            self.request_check()

    def _nik(self) -> str | None:
        return normalize_nik(self.nik_edit.text()) or None

    def request_check(self) -> None:
        nik = self._nik()
        if nik is None:
            return
        queue_ops.check_nik(self.services, nik).success(lambda why: self._nik_checked(nik, why)).failure(
            self._nik_refused).run_in(self.ops)

    def _nik_checked(self, nik: str, why: str | None) -> None:
        self._checked_nik = nik
        if why:
            self.nik_feedback.setText(tr_message(why))
            set_state(self.nik_feedback, "action")
            self._show_refusal(tr_message(why), [], None)
        else:
            self.nik_feedback.setText(self.tr("Tidak ada halangan tercatat untuk NIK ini hari ini."))
            set_state(self.nik_feedback, "ok")

    def _nik_refused(self, exc: BaseException) -> None:
        """A NIK the service cannot read (too short, not a NIK): said under the field."""
        if not isinstance(exc, UserFacingError):
            self.ops.on_error(exc)
            return
        self.nik_feedback.setText(error_text(exc))
        set_state(self.nik_feedback, "action")

    # --- tickets -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the form (the service, the NIK, the priority) takes the number; elsewhere (the list of
        those waiting) it does not."""
        in_form = self.focusWidget() in (self.service, self.nik_edit, self.priority, self.disaster)
        if in_form and event.key() in ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.request_issue()
            return
        super().keyPressEvent(event)

    def _actor(self) -> CurrentUser | None:
        """Who issues: whoever is logged in now; nobody after a log-out, and the door's window closes."""
        user = self.ctx.current_user()
        if user is None and isinstance(self.window(), DoorWindow):
            self.window().close()
        return user

    def request_issue(self, next_day: bool = False) -> None:
        user = self._actor()
        if user is None:
            return
        self.issue_button.setEnabled(False)
        queue_ops.issue_ticket(self.services, user, self.service.currentData(), self._nik(),
                               self.priority.currentData(), next_day, self.disaster.text()).success(self._issued).failure(
            self._issue_failed).run_in(self.ops, self)

    def request_next_day(self) -> None:
        self.request_issue(next_day=True)

    def _issue_failed(self, exc: BaseException) -> None:
        self.issue_button.setEnabled(True)
        if isinstance(exc, UserFacingError):  # a refusal: the citizen hears it at once
            self._show_refusal(error_text(exc), [], None)
        else:
            self.ops.on_error(exc)

    def _issued(self, result: Issued | TurnedAway) -> None:
        self.issue_button.setEnabled(True)
        ticket = getattr(result, "ticket", None)
        if ticket is None:
            self._show_refusal(tr_message(result.why), [tr_message(a) for a in result.alternatives], result.next_day)
            return
        self.show_ticket(ticket)
        self.print_paper(ticket)
        self.issued.emit(ticket)
        # The next citizen: the service stays (queues are often of one kind), the rest is cleared.
        self.nik_edit.clear()
        self.priority.setCurrentIndex(0)
        self.disaster.clear()
        self.service.setFocus()

    def show_ticket(self, view: TicketView) -> None:
        """The number on screen, large, with what it is for (also when the paper came out)."""
        self.number.setText(view.code)
        set_state(self.number, "ok")
        day = "" if view.day == self.services.clock.today() else " · " + self.tr("untuk %1").replace(
            "%1", QLocale().toString(QDate(view.day), "dddd, d MMMM yyyy"))
        self.detail.setText(ticket_line(view).replace(view.code + " · ", "", 1) + day + " · "
                            + wait_text(view.estimated_wait_minutes))
        self.refusal.clear()
        self.alternatives.clear()
        self.paper.clear()
        self.next_day_button.hide()
        self.next_day = None

    # --- the paper -----------------------------------------------------------------------------
    def print_paper(self, view: TicketView) -> None:
        """The ticket on TICKET_PRINTER (desktop/ui/operations/tickets.py); the number stays on screen
        whatever the paper does."""
        self.paper.setText(self.tr("Mencetak karcis…"))
        set_state(self.paper, "busy")
        print_paper(self.ops, self.services, view, lambda outcome: self._paper_done(view, outcome), self)

    def _paper_done(self, view: TicketView, outcome: TicketOutcome) -> None:
        if self.number.text() != view.code:
            return  # another ticket is shown by now
        if outcome.printed:
            self.paper.setText(self.tr("Karcis dicetak."))
            set_state(self.paper, "ok")
        elif outcome.why is None:  # on screen only: the number above is the ticket
            self.paper.setText(self.tr("Sebutkan nomor ini kepada penduduk (karcis tidak dicetak)."))
            set_state(self.paper, "muted")
        else:
            self.paper.setText(self.tr("Karcis tidak tercetak: %1 Sebutkan nomor di layar kepada penduduk.")
                               .replace("%1", tr_message(outcome.why)))
            set_state(self.paper, "warn")

    def _show_refusal(self, why: str, alternatives: list[str], next_day: date | None) -> None:
        self.number.setText(self.tr("Tidak ada nomor"))
        set_state(self.number, "action")
        self.detail.clear()
        self.paper.clear()
        self.refusal.setText(why)
        set_state(self.refusal, "action")
        self.alternatives.setText("\n".join("• " + line for line in alternatives))
        self.next_day = next_day
        if next_day is not None:
            self.next_day_button.setText(self.tr("Nomor untuk %1 (Ctrl+Enter)").replace(
                "%1", QLocale().toString(QDate(next_day), "dddd, d MMMM")))
            self.next_day_button.setShortcut(QKeySequence("Ctrl+Return"))
            self.next_day_button.show()
            self.next_day_button.setFocus()
        else:
            self.next_day_button.hide()

    def _chosen_view_id(self) -> str | None:
        chosen = self._chosen_id()
        if chosen is None and self.ticket_ids:
            self.nik_feedback.setText(self.tr("Pilih nomornya di daftar dahulu."))
            set_state(self.nik_feedback, "warn")
            self.waiting_view.setFocus()
        return chosen

    def request_reprint(self) -> None:
        chosen, user = self._chosen_view_id(), self._actor()
        if chosen is None or user is None:
            return
        queue_ops.reprint_ticket(self.services, user, chosen).success(self._reprinted).failure(
            self.ops.on_action_failed).run_in(self.ops, self)

    def _reprinted(self, view: TicketView) -> None:
        self.show_ticket(view)
        self.print_paper(view)

    def request_cancel(self) -> None:
        chosen, user = self._chosen_view_id(), self._actor()
        if chosen is None or user is None:
            return
        code = self.waiting_model.rows[self.ticket_ids.index(chosen)][0]
        if not confirm(self, "cancelTicketDialog", self.tr("Batalkan nomor"),
                       self.tr("Batalkan nomor %1? Pemegangnya harus mengambil nomor baru.").replace("%1", code),
                       self.tr("Batalkan nomor"), self.tr("Jangan batalkan")):
            return
        queue_ops.cancel_ticket(self.services, user, chosen).success(
            lambda _view: self.ops.messages.info(self.tr("Nomor %1 dibatalkan.").replace("%1", code))).failure(
            self.ops.on_action_failed).run_in(self.ops, self)


class DoorWindow(QWidget):
    """The door page on a second screen: a window of its own, closed with the station's window."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx.parent, Qt.WindowType.Window)
        self.setObjectName("doorWindow")
        self.setWindowTitle(self.tr("Pintu antrian — KTP-el Mandiri"))
        self.setStyleSheet(STYLESHEET)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.page = DoorPage(ctx, self)
        self.page.setObjectName("doorPage")
        layout.addWidget(self.page)
        resize_within_window(self, 1024, 700)  # moved to the second screen by the officer

