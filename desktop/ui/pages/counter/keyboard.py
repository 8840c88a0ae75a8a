"""The counter by keyboard and scanner: a scan wherever the focus is on the page (desktop/ui/scan_filter.py),
the focus on the next decision after a check, Esc for the next citizen, the shortcuts said on the widgets.

A scan replaces the citizen shown, asked first when a decision is half made (a reason chosen, a document
ticked, a letter number typed); while the shown citizen's card prints, the scan waits as "berikutnya".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from desktop.settings import SCAN_KEY_GAP_MS
from desktop.ui.operations import QueryOp
from desktop.ui.scan_filter import ScanFilter

if TYPE_CHECKING:
    from desktop.ui.pages.counter.page import VerifyPage

SCAN_MARK_MS = 900  # how long the NIK field stays marked after a scan


class CounterKeyboard(QObject):
    def __init__(self, page: VerifyPage) -> None:
        super().__init__(page)
        self.page = page
        self.scan_filter = ScanFilter(page, self.scan_arrived, lambda widget: widget is page.nik_edit, parent=self)
        QueryOp("db", SCAN_KEY_GAP_MS.get).success(self._set_scan_gap).run_in(page.ops)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), page, self.request_next)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page.print_button.setText(self.tr("4. Cetak KTP-el (Ctrl+P)"))
        page.print_button.setToolTip(self.tr("Cetak KTP-el: Ctrl+P, atau Enter saat terpilih"))
        page.check_button.setText(self.tr("Periksa (Enter)"))
        page.check_button.setToolTip(self.tr("Periksa NIK: Enter di kolom NIK"))
        page.nik_edit.setToolTip(self.tr("F2 atau Ctrl+N: ke kolom NIK · Esc: penduduk berikutnya"))
        self.next_nik: str | None = None  # a scan waiting for the card of the citizen shown
        self._job_niks: dict[int, str] = {}  # job number -> NIK, while its card prints
        self._move_focus = False  # the next check's result moves the focus to the next decision

    def _set_scan_gap(self, gap_ms: int) -> None:
        self.scan_filter.max_gap_ms = gap_ms

    def check_nik(self) -> None:
        """Enter in the NIK field, or "Periksa": check it, then go on to the next decision."""
        self._move_focus = True
        self.page.request_verify()

    # --- scans ---------------------------------------------------------------------------------
    def scan_arrived(self, nik: str) -> None:
        """A scanner's NIK read while the focus was elsewhere on the page."""
        page = self.page
        QApplication.beep()
        shown = page.verification.nik.nik if page.verification is not None else None
        if shown is not None and shown != nik and shown in self._job_niks.values():
            self.next_nik = nik
            self._signal(self.tr("Berikutnya: NIK %1, setelah kartu yang sedang dicetak keluar.").replace("%1", nik))
            return
        if shown != nik and self.decision_started() and not self._confirm_replace():
            self._signal(self.tr("Hasil pindai tidak dipakai; penduduk ini tetap dilayani."))
            return
        self._take(nik)

    def _take(self, nik: str) -> None:
        page = self.page
        page.nik_edit.setText(nik)
        page.nik_edit.selectAll()
        self._signal(self.tr("NIK dipindai. Memeriksa…"))
        self.check_nik()

    def _signal(self, text: str) -> None:
        """Seen as well as heard: the NIK field is marked for a moment and says what became of the scan."""
        page = self.page
        page.nik_feedback.setText(text)
        page.nik_feedback.setStyleSheet("color: #0b4f8a; font-weight: bold;")
        page.nik_edit.setProperty("scanned", True)
        page.nik_edit.setStyleSheet("background: #dcebfa;")
        QTimer.singleShot(SCAN_MARK_MS, self, self._unmark)

    def _unmark(self) -> None:
        self.page.nik_edit.setProperty("scanned", False)
        self.page.nik_edit.setStyleSheet("")

    def decision_started(self) -> bool:
        """A reason chosen, a document ticked or a letter number typed for the citizen shown."""
        page = self.page
        return (bool(page.reason.currentData()) or any(c.isChecked() for c in page.doc_checks.values())
                or any(e.text().strip() for e in page.doc_numbers.values()))

    def _confirm_replace(self) -> bool:
        from desktop.ui.dialogs import confirm

        name = self.page.fields["name"].text() or self.page.nik_edit.text()
        return confirm(self.page, "replaceCitizenDialog", self.tr("Penduduk berikutnya"), self.tr(
            "Alasan dan dokumen untuk %1 sudah mulai diisi dan akan hilang. Layani penduduk berikutnya?")
            .replace("%1", name), self.tr("Layani berikutnya"), self.tr("Tetap dengan %1").replace("%1", name))

    def request_next(self) -> None:
        """Esc: the next citizen (asked first when a decision is half made)."""
        page = self.page
        if page.has_citizen and self.decision_started() and not self._confirm_replace():
            return
        page.reset_for_next()

    # --- focus ---------------------------------------------------------------------------------
    def after_check(self) -> None:
        """After a check asked for by the operator: the reason, then an open document, then Cetak; for a
        citizen who cannot be printed for, the NIK again (selected, so the next scan or typing replaces it)."""
        if not self._move_focus:
            return
        self._move_focus = False
        page = self.page
        if page.verification is None or not page.verification.printable:
            page.nik_edit.setFocus()
            page.nik_edit.selectAll()
            return
        if not page.reason.currentData():
            page.reason.setFocus()
            return
        for key, check in page.doc_checks.items():
            if not check.isChecked():
                check.setFocus()
                return
            number = page.doc_numbers.get(key)
            if number is not None and not number.text().strip():
                number.setFocus()
                return
        page.print_button.setFocus()

    # --- jobs ----------------------------------------------------------------------------------
    def job_started(self, key: int, nik: str) -> None:
        self._job_niks[key] = nik

    def card_out(self, key: int) -> None:
        """A job ended: a scan that waited for its citizen's card is taken now."""
        self._job_niks.pop(key, None)
        waiting, self.next_nik = self.next_nik, None
        if waiting is not None:
            self._take(waiting)
