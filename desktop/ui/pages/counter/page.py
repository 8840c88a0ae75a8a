"""The operator's page: NIK -> resident and record status -> reason and documents -> preview -> print.

It reloads what it shows when an operation announces a change (desktop/ui/operations/), when visible.
Signals: progress_changed(job number, PrintProgress).
"""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.composition import Services
from desktop.devices.base import PrinterStatus, PrintProgress
from desktop.domain.card import CardData, CardRaster
from desktop.domain.card_history import reason_warning
from desktop.domain.job_outcome import LABELS, Outcome
from desktop.domain.nik import normalize_nik, parse_nik
from desktop.domain.record_status import status_info
from desktop.domain.registration import IDENTITY, Registration
from desktop.errors import UserFacingError
from desktop.services.counter import CounterForm
from desktop.services.issuance import IssueResult, PrintFailed, PrintRequest
from desktop.services.residents import Verification
from desktop.services.session import CurrentUser
from desktop.services.station import StationInfo
from desktop.ui.nik_field import NikEdit
from desktop.ui.operations import CARDS, QUOTA, SETTINGS, STOCK, Change, Operations, QueryOp
from desktop.ui.operations.printing import print_card
from desktop.ui.pages.counter import form_state
from desktop.ui.pages.counter.compact import CompactCounter
from desktop.ui.pages.counter.keyboard import CounterKeyboard
from desktop.ui.pages.counter.queue_wait import QueueWaits
from desktop.ui.pages.counter.reason_box import ReasonBox
from desktop.ui.pages.counter.reprint import ask_reprint
from desktop.ui.pages.counter.retry_dialog import RetryDialog
from desktop.ui.preview import CardPreview
from desktop.ui.print_queue import PrintQueueModel, PrintQueueView
from desktop.ui.printer_controller import PrinterController
from desktop.ui.resident_panel import ResidentPanel
from desktop.ui.shell.message_bar import INFO_MS
from desktop.ui.style import BOX_MARGINS, SPACE, set_state
from desktop.ui.text import error_text, tr_message

log = logging.getLogger("ktp.ui.verify")


def make_page(ctx) -> VerifyPage:
    """The registry's factory (desktop/ui/pages/counter/__init__.py)."""
    return VerifyPage(ctx.services, ctx.ops, ctx.printers, ctx.station, ctx.user, ctx.demo_niks, ctx.parent)


# Changes made elsewhere after which the shown citizen is checked again (quota, stock, the clock).
RECHECK = (QUOTA, STOCK, SETTINGS)


class VerifyPage(QWidget):
    progress_changed = Signal(int, object)  # job number, PrintProgress; emitted from a printer's thread

    def __init__(
        self, services: Services, ops: Operations, printers: PrinterController, station: StationInfo,
        user: CurrentUser, demo_niks: dict[str, list[str]] | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ops = ops
        self.printers = printers
        self.station = station
        self.user = user
        self.verification: Verification | None = None
        self.card = None
        self.in_stock = 0
        self._verify_seq = 0
        self._job_numbers = itertools.count(1)
        self._stale: set[str] = set()  # changes announced while the page was hidden
        self._job_printer: dict[int, str] = {}  # job number -> the printer's URI, while it prints
        self.queue_waits = QueueWaits(printers, self)
        self._build(demo_niks or {})
        self.progress_changed.connect(self._show_progress)
        printers.status_changed.connect(self.set_printer_status)
        printers.printers_changed.connect(self.printers_changed)
        ops.bus.changed.connect(self._changed)
        self._load_stock()

    # --- change events --------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        """Stock is read again after any change; the shown citizen is checked again after a change
        to quota, stock or the clock made elsewhere (this page's own prints reset it anyway)."""
        kinds = set(change.kinds) if change.origin is not self else set(change.kinds) - set(RECHECK)
        if not self.isVisible():
            self._stale |= kinds | {CARDS}
            return
        self._reload(kinds)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.compact.watch()
        if self._stale:
            kinds, self._stale = self._stale, set()
            self._reload(kinds)

    def heightForWidth(self, width: int) -> int:
        """The scroll area sizes the page by this (its wrapped labels give it a height for a width): the
        least height, not the preferred one, so on a short screen the preview shrinks instead of the page
        scrolling (compact.py)."""
        return self.layout().totalMinimumHeightForWidth(width)

    def _reload(self, kinds: set[str]) -> None:
        self._load_stock()
        if kinds.intersection(RECHECK):
            self.refresh_verification()

    def _load_stock(self) -> None:
        stock, station_id = self.services.stock, self.station.id
        QueryOp("db", lambda: stock.in_stock(station_id)).success(self.set_stock).run_in(self.ops)

    # --- layout -------------------------------------------------------------------------------
    # Left: the citizen: NIK, their data and card history, then today's work at this counter (the list
    # takes what is left of the height, so there is no dead band). Right: the card, why it cannot be
    # printed yet, and the decision row: reason and documents next to the printer and print button.
    # Every box whose content changes while a citizen is served has a fixed height, so ticking a
    # document or a new problem never moves the rest of the page; only the preview and the list grow.
    def _build(self, demo_niks: dict[str, list[str]]) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(SPACE["m"], SPACE["xs"], SPACE["m"], SPACE["xs"])
        root.setSpacing(SPACE["m"])
        left = QVBoxLayout()
        right = QVBoxLayout()
        left.setSpacing(SPACE["xs"])
        right.setSpacing(SPACE["xs"])
        root.addLayout(left, 5)
        root.addLayout(right, 6)
        self.calling = self._calling_box()
        right.addWidget(self.calling)
        left.addWidget(self._nik_box(demo_niks))
        self.resident_panel = ResidentPanel(self)
        self.fields, self.photo, self.status_box = (self.resident_panel.fields, self.resident_panel.photo,
                                                    self.resident_panel.status_box)
        left.addWidget(self.resident_panel)
        self.reason_box = ReasonBox(self)
        self.reason, self.doc_checks, self.doc_numbers = (self.reason_box.reason, self.reason_box.doc_checks,
                                                          self.reason_box.doc_numbers)

        self.preview = CardPreview(self)
        self.preview.setObjectName("cardPreview")
        right.addWidget(self.preview, 1)
        self.blockers = QLabel(self)
        self.blockers.setObjectName("blockersLabel")
        self.blockers.setWordWrap(True)
        self.blockers.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right.addWidget(_fixed_lines(self.blockers, 4))
        self.printer_choice = QComboBox(self)
        self.printer_choice.setObjectName("printerChoice")
        self._fill_printer_choice()
        self.print_button = QPushButton(self.tr("4. Cetak KTP-el"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.setEnabled(False)
        self.print_button.setMinimumHeight(44)
        # A second card the same day: asked here, approved by a supervisor at this PC (reprint.py).
        self.reprint_button = QPushButton(self.tr("Minta cetak ulang…"), self)
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.hide()
        right.addLayout(self._decision_row())
        self.result = QLabel(self)
        self.result.setObjectName("resultLabel")
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right.addWidget(_fixed_lines(self.result, 2))
        self.queue = PrintQueueModel(self)
        self.queue_view = PrintQueueView(self.queue, self, min_rows=3)  # more when the window has room
        self.queue_view.setObjectName("printQueue")
        today_box = self._today_box()
        left.addWidget(today_box, 1)
        left.addStretch(0)  # takes the height today's work leaves when it is collapsed (compact.py)
        # A short screen: today's work collapses (compact.py).
        self.compact = CompactCounter(self, today_box, self.resident_panel, self.queue)
        self._actions.insertWidget(0, self.compact.toggle)

        self.nik_edit.textChanged.connect(self._nik_edited)
        self.keyboard = CounterKeyboard(self)
        self.nik_edit.returnPressed.connect(self.keyboard.check_nik)
        self.check_button.clicked.connect(self.keyboard.check_nik)
        self.reason_box.documents_changed.connect(self._documents_changed)
        self.reason_box.changed.connect(self._update_print_state)
        self.print_button.clicked.connect(self.request_print)
        self.reprint_button.clicked.connect(self.request_reprint)
        # Keyboard first: Ctrl+P prints, Ctrl+N (or F2) goes to the NIK; said on the widgets (keyboard.py).
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        for keys in ("Ctrl+N", "F2"):
            QShortcut(QKeySequence(keys), self, self._focus_nik)
        self.printer_choice.currentIndexChanged.connect(self._update_print_state)
        self.printer_choice.currentIndexChanged.connect(self._printer_chosen)
        self._update_tab_order()

    def _decision_row(self) -> QHBoxLayout:
        """Reason and documents, and beside them where the card goes and the button that prints it."""
        row = QHBoxLayout()
        row.addWidget(self.reason_box, 3)
        actions = self._actions = QVBoxLayout()
        actions.addStretch(1)
        actions.addWidget(QLabel(self.tr("Printer"), self))
        actions.addWidget(self.printer_choice)
        actions.addWidget(self.print_button)
        actions.addWidget(self.reprint_button)
        row.addLayout(actions, 2)
        return row

    def _calling_box(self) -> QWidget:
        """The queue (issue 25): the number waiting, calling the next, settling the one called."""
        from desktop.ui.pages.queue.calling import CallingBox

        # A called ticket's citizen opens through the counter's scan path, with the NIK.
        return CallingBox(self, self.services, self.ops, self.printers, self.user,
                          lambda nik: self.keyboard.scan_arrived(nik))

    def _today_box(self) -> QGroupBox:
        """Today's work at this counter: the cards sent to the printers, newest first."""
        box = QGroupBox(self.tr("Pekerjaan hari ini di loket ini"), self)
        box.setObjectName("todayBox")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(*BOX_MARGINS)
        layout.addWidget(self.queue_view)
        return box

    def _nik_box(self, demo_niks: dict[str, list[str]]) -> QGroupBox:
        box = QGroupBox(self.tr("1. Periksa NIK"), self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(*BOX_MARGINS)
        row = QHBoxLayout()
        self.nik_edit = NikEdit(box)
        self.nik_edit.setObjectName("nikEdit")
        self.nik_edit.setPlaceholderText(self.tr("Ketik atau pindai 16 angka NIK, lalu Enter"))
        self.check_button = QPushButton(self.tr("Periksa"), box)
        self.check_button.setObjectName("checkButton")
        row.addWidget(self.nik_edit, 1)
        row.addWidget(self.check_button)
        layout.addLayout(row)
        self.nik_feedback = QLabel(box)
        self.nik_feedback.setObjectName("nikFeedback")
        self.nik_feedback.setWordWrap(True)
        self.nik_feedback.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(_fixed_lines(self.nik_feedback, 3))
        if demo_niks:
            samples = " · ".join(f"{tr_message(status_info(code).label)}: {niks[0]}" for code, niks in demo_niks.items()
                                 if niks)
            hint = QLabel(self.tr("Contoh NIK demo —") + " " + samples, box)
            hint.setObjectName("demoNiks")
            hint.setWordWrap(True)
            hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(hint)
        return box

    def _update_tab_order(self) -> None:
        """NIK, Periksa, reason, each document (and its number), printer, Cetak: the order of the work."""
        chain: list[QWidget] = [self.nik_edit, self.check_button, self.reason]
        for key, check in self.doc_checks.items():
            chain.append(check)
            if key in self.doc_numbers:
                chain.append(self.doc_numbers[key])
        chain += [self.printer_choice, self.reprint_button, self.print_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focus_first(self) -> None:
        """Where the work starts when the page is shown: the NIK."""
        self.nik_edit.setFocus()

    def _focus_nik(self) -> None:
        self.nik_edit.setFocus()
        self.nik_edit.selectAll()

    # --- NIK and verification ----------------------------------------------------------------
    def _nik_edited(self, text: str) -> None:
        self.compact.show_citizen()
        digits = normalize_nik(text)
        if self.verification is not None and digits != self.verification.nik.nik:
            # The field no longer shows the checked citizen: nothing of theirs may be printed now.
            self._verify_seq += 1  # a lookup still running for the old text is dropped
            self.verification = None
            self.card = None
            self.reason.setCurrentIndex(0)
            self._clear_resident()
            self.preview.set_image(None)
            self._update_print_state()
        if not digits:
            self.nik_feedback.clear()
            return
        info = parse_nik(text, today=self.services.clock.today(), regions=self.services.regions)
        if len(digits) < 16 and digits.isdigit():
            self.nik_feedback.setText(self.tr("%1 dari 16 angka").replace("%1", str(len(digits))))
            set_state(self.nik_feedback, "muted")
        elif not info.valid:
            self.nik_feedback.setText(" ".join(tr_message(issue.message) for issue in info.errors))
            set_state(self.nik_feedback, "action")
        else:
            place = info.kecamatan_name or info.kecamatan_code
            self.nik_feedback.setText(self.tr("NIK sah (terdaftar pertama di %1). Tekan Enter untuk memeriksa.")
                                      .replace("%1", str(place)))
            set_state(self.nik_feedback, "ok")

    def request_verify(self) -> None:
        text = self.nik_edit.text()
        if not normalize_nik(text):
            self.nik_feedback.setText(self.tr("Ketik NIK terlebih dahulu."))
            set_state(self.nik_feedback, "warn")
            return
        self._verify_seq += 1
        seq = self._verify_seq
        self.result.clear()
        served = self.station.served
        residents = self.services.residents
        QueryOp("db", lambda: residents.verify(text, served)).success(lambda v: self._verified(seq, v)).failure(
            self._task_failed).run_in(self.ops)

    def _verified(self, seq: int, verification: Verification) -> None:
        if seq != self._verify_seq:
            return  # an older lookup finished after a newer one started
        previous = self.verification.nik.nik if self.verification else None
        if previous != verification.nik.nik:
            # Documents are confirmed for one citizen: never carry them over to the next.
            self.reason.setCurrentIndex(0)
        self.verification = verification
        self.card = None
        self.preview.set_image(None)
        resident = verification.resident
        if resident is None:
            self._clear_resident()
            self.nik_feedback.setText(" ".join(tr_message(b) for b in verification.blockers))
            set_state(self.nik_feedback, "action")
            self._update_print_state()
            self.keyboard.after_check()
            return
        warnings = " ".join(tr_message(w.message) for w in verification.nik.warnings)
        self.nik_feedback.setText(warnings or self.tr("NIK ditemukan."))
        set_state(self.nik_feedback, "warn" if warnings else "ok")
        self.resident_panel.show_resident(verification)
        self.preview.set_refused(None if verification.printable else self.tr("TIDAK DAPAT DICETAK"))
        card = self.services.residents.card_data(resident, self.station.issue_place, self.services.clock.today())
        self.card = card
        self._render_preview(seq, card)
        self._update_print_state()
        self.keyboard.after_check()

    def _render_preview(self, seq: int, card: CardData) -> None:
        """The preview follows the registration of the printer the card would go to (what it will receive)."""
        renderer, registrations, uri = self.services.issuance.renderer, self.services.registrations, self.target_printer()

        def render(registration: Registration) -> None:
            QueryOp("render", lambda: _render(renderer, card, registration)).success(
                lambda image: self._show_preview(seq, image)).failure(self._task_failed).run_in(self.ops)

        QueryOp("db", lambda: registrations.for_printer(uri) if uri else IDENTITY).success(render).failure(
            self._task_failed).run_in(self.ops)

    def _printer_chosen(self) -> None:
        """Another printer chosen: the preview is drawn again with that printer's registration."""
        if self.card is not None:
            self._render_preview(self._verify_seq, self.card)

    def _show_preview(self, seq: int, images: tuple[QImage, CardRaster, QImage]) -> None:
        if seq != self._verify_seq:
            return
        card, layer, photo = images
        self.preview.set_image(card, layer)
        self.resident_panel.set_photo(photo)

    def _clear_resident(self) -> None:
        self.resident_panel.clear()
        self.preview.set_refused(None)

    @property
    def has_citizen(self) -> bool:
        """A citizen is being served: a NIK typed or checked (logging out would lose them)."""
        return self.verification is not None or bool(normalize_nik(self.nik_edit.text()))

    # --- reason and documents ----------------------------------------------------------------
    def _documents_changed(self) -> None:
        self._update_tab_order()
        self._update_print_state()

    def form(self) -> CounterForm:
        """The form's state for the counter's rules (desktop/services/counter.py)."""
        return form_state.read_form(self.verification, self.reason_box, self.in_stock, self.printers,
                                    self.printer_choice.currentData())

    def current_request(self) -> PrintRequest | None:
        return self.form().request()

    def problems(self) -> list[str]:
        """Why the print button is disabled, in the order the operator should fix them."""
        return [tr_message(problem) for problem in self.form().problems()]

    def target_printer(self) -> str | None:
        """Where the next card goes: the chosen printer if it is ready, else the next ready one."""
        return form_state.target_printer(self.printers, self.printer_choice.currentData())

    @property
    def printing(self) -> bool:
        return self.queue.running() > 0

    def _update_print_state(self) -> None:
        form = self.form()
        problems = [tr_message(problem) for problem in form.problems()]
        lines = [f"• {p}" for p in problems]
        lines += [f"⚠ {tr_message(note)}" for note in form.notes()]
        warning = self.history_warning()
        if warning:  # a warning, not a refusal: the operator checks the reason with the citizen
            lines.append(f"⚠ {warning}")
        self.blockers.setText("\n".join(lines))
        # Steps still to do are plain text (muted while nobody is served): red is for refusals only.
        set_state(self.blockers, "" if self.verification is not None else "muted")
        self.print_button.setEnabled(not problems)
        self.reprint_button.setVisible(self.verification is not None and self.verification.printed_today is not None)

    def request_reprint(self) -> None:
        if self.verification is not None:
            ask_reprint(self.services, self.ops, self.user, self.verification, self, self.refresh_verification)

    def history_warning(self) -> str | None:
        """What the regency's card history says against the chosen reason (DOMAIN.md, "One card per citizen")."""
        if self.verification is None or self.verification.resident is None:
            return None
        warning = reason_warning(list(self.verification.history), self.reason.currentData() or "",
                                 self.services.clock.today())
        return tr_message(warning) if warning else None

    def set_stock(self, in_stock: int) -> None:
        self.in_stock = in_stock
        self._update_print_state()

    def set_printer_status(self, uri: str, status: PrinterStatus) -> None:
        self._update_print_state()

    def printers_changed(self) -> None:
        """A printer was added to or removed from the station: the choice lists what there is now."""
        chosen = self.printer_choice.currentData()
        self.printer_choice.blockSignals(True)
        self.printer_choice.clear()
        self._fill_printer_choice()
        self.printer_choice.setCurrentIndex(max(self.printer_choice.findData(chosen), 0))
        self.printer_choice.blockSignals(False)
        self._update_print_state()

    def _fill_printer_choice(self) -> None:
        self.printer_choice.addItem(self.tr("Printer siap berikutnya"), "")
        for uri in self.printers.uris:
            self.printer_choice.addItem(self.printers.name(uri), uri)

    # --- printing ------------------------------------------------------------------------------
    def request_print(self) -> None:
        request = self.current_request()
        uri = self.target_printer()
        if request is None or uri is None or self.problems():
            self._update_print_state()
            return
        key = next(self._job_numbers)
        self.keyboard.job_started(key, request.nik)
        self.queue.add(key, self.verification.resident.name, self.printers.name(uri), self.tr("Menyiapkan kartu…"))
        self.result.clear()
        self._start_job(key, request, uri)
        self.reset_for_next()  # the card prints while the operator serves the next citizen

    def _start_job(self, key: int, request: PrintRequest, uri: str) -> None:
        printers, emit = self.printers, self.progress_changed.emit
        self._job_printer[key] = uri
        op = print_card(self.services, self.user, request, printers.lane(uri), lambda: printers.printer_on_lane(uri),
                        lambda p: emit(key, p))
        printers.run_job(uri, op, lambda result: self._printed(key, result),
                         lambda exc: self._print_failed(key, request, uri, exc), origin=self)
        self._update_print_state()

    def _show_progress(self, key: int, progress: PrintProgress) -> None:
        if progress.step == "waiting":  # an OS print queue needs someone: told now, with the choice
            self.queue.update(key, self.tr("Menunggu: %1").replace("%1", tr_message(progress.extra.get("shown", ""))))
            self.queue_waits.waiting(key, self._job_printer.get(key, ""), progress)
            return
        self.queue_waits.settled(key)
        labels = {"sending": self.tr("Mengirim data ke printer… %1%"), "printing": self.tr("Mencetak… %1%"),
                  "done": self.tr("Selesai")}
        text = labels.get(progress.step, progress.step).replace("%1", str(round(progress.fraction * 100)))
        self.queue.update(key, text)

    def _printed(self, key: int, result: IssueResult) -> None:
        self.queue_waits.settled(key)
        self._job_printer.pop(key, None)
        self.queue.update(key, self.tr("Tercetak, blanko %1").replace("%1", result.blanko_serial), "done")
        self.result.setText(
            self.tr("Kartu untuk %1 tercetak pada blanko %2. Kuota %3 hari ini: %4/%5.")
            .replace("%1", result.name).replace("%2", result.blanko_serial)
            .replace("%3", result.quota.kecamatan_name).replace("%4", str(result.quota.used))
            .replace("%5", str(result.quota.limit))
        )
        set_state(self.result, "ok")
        self._pass_notice(self.result.text())
        for note in result.notes:  # e.g. the regency did not answer the claim: decided on local data
            self.ops.messages.info(tr_message(note), page="counter")
        self._update_print_state()
        self.keyboard.card_out(key)

    def _pass_notice(self, text: str) -> None:
        """Success is a passing notice: gone after a while unless something else was said since."""
        QTimer.singleShot(INFO_MS, self.result, lambda: self.result.clear() if self.result.text() == text else None)

    def _print_failed(self, key: int, request: PrintRequest, uri: str, exc: BaseException) -> None:
        self.queue_waits.settled(key)
        self._job_printer.pop(key, None)
        if not isinstance(exc, PrintFailed):
            self.queue.update(key, tr_message(LABELS[failure_outcome(exc)]), "failed")
            self._task_failed(exc)
            self.ops.messages.warning(self.result.text(), page="counter")  # and it stays on this page
            self.keyboard.card_out(key)
            return
        self.queue.update(key, self.tr("Gagal: %1").replace("%1", error_text(exc)), "failed")
        target = RetryDialog(exc, uri, self.printers, self).ask()
        if target is None:
            self.ops.messages.warning(error_text(exc), page="counter")
            self.result.setText(error_text(exc))
            set_state(self.result, "action")
            self._update_print_state()
            self.keyboard.card_out(key)
            return
        # A retry is a new job on a new blanko; the spoiled one is already on record.
        self.queue.update(key, self.tr("Mencetak ulang…"), "running", self.printers.name(target))
        self._start_job(key, request, target)

    def _task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.result.setText(error_text(exc))
        else:
            log.error("unexpected error: %s\n%s", exc, getattr(exc, "__ktp_traceback__", ""))
            self.result.setText(self.tr("Terjadi kesalahan program; data tersimpan aman. Lihat log aplikasi."))
        set_state(self.result, "action")
        self._update_print_state()

    def reset_for_next(self) -> None:
        self.verification = None
        self.card = None
        self.nik_edit.clear()
        self.reason.setCurrentIndex(0)
        self._clear_resident()
        self.preview.set_image(None)
        self.nik_feedback.clear()
        self._update_print_state()
        self.nik_edit.setFocus()

    def refresh_verification(self) -> None:
        """Re-check the shown resident (quota or stock changed elsewhere)."""
        if self.verification is not None and self.verification.resident is not None:
            self.request_verify()


def failure_outcome(exc: BaseException) -> Outcome:
    """How a job that did not end in a card is named in the queue (desktop/domain/job_outcome.py)."""
    code = exc.code if isinstance(exc, UserFacingError) else None
    return {"outcome_journaled": Outcome.JOURNALED, "print_uncertain": Outcome.UNCERTAIN}.get(code, Outcome.FAILED)


def _fixed_lines(label: QLabel, lines: int) -> QScrollArea:
    """The label in a box `lines` lines high: a longer text scrolls instead of moving the page."""
    area = QScrollArea(label.parentWidget())
    area.setWidget(label)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    label.ensurePolished()  # the stylesheet's font, not the default one
    area.setFixedHeight(lines * label.fontMetrics().lineSpacing() + 6)
    label.setAutoFillBackground(False)
    area.viewport().setAutoFillBackground(False)
    return area


def _render(renderer, card, registration: Registration = IDENTITY) -> tuple[QImage, CardRaster, QImage]:
    """The finished card, its print layer and the photo (desktop.render.card.counter_preview)."""
    from desktop.render.card import counter_preview

    return counter_preview(renderer, card, registration)
