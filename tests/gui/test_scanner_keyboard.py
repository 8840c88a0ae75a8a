"""The counter scanner-proof and keyboard-first (issue 23, items 1 and 2): a scanner's burst is taken
wherever the focus is on the page, and the whole flow runs on the keyboard alone."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from tests.gui.test_counter import counter, focused, press
from tests.gui.test_counter import counter_alone as bench_with_counter
from tests.gui.test_operator_day import WAIT_MS, choose_reason
from tests.helpers.dialogs import answer_dialog, when_dialog
from tests.helpers.fixtures import add_resident

_clock = [10_000]  # the synthetic key clock (ms), rising across a test as a real one does


def keys(text: str, gap_ms: int, enter: bool = True) -> None:
    """Key presses and releases for `text` (then Enter) to the focused widget, `gap_ms` apart, stamped
    as the platform stamps them: what a scanner (a few ms apart) or a person (far more) sends."""
    presses = [(Qt.Key(Qt.Key.Key_0 + int(ch)) if ch.isdigit() else Qt.Key.Key_unknown, ch) for ch in text]
    if enter:
        presses.append((Qt.Key.Key_Return, "\r"))
    _clock[0] += 1000  # well after any earlier key
    for key, char in presses:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            event.setTimestamp(_clock[0])
            target = QApplication.focusWidget()
            assert target is not None, "no widget has the keyboard focus"
            QApplication.sendEvent(target, event)
        _clock[0] += gap_ms


def counter_alone(qtbot, station):
    """The counter page alone, once shown (a page added to a shown window appears at the next event)."""
    bench = bench_with_counter(qtbot, station)
    qtbot.waitUntil(bench.counter_page.isVisible, timeout=WAIT_MS)
    return bench


def scan_burst(nik: str) -> None:
    keys(nik, gap_ms=8)


def shown(qtbot, page, nik: str) -> None:
    qtbot.waitUntil(lambda: page.verification is not None and page.verification.nik.nik == nik, timeout=WAIT_MS)


def focusable(page) -> list[QWidget]:
    """Every widget of the page the keyboard can reach now, but the NIK field (which takes a scan itself)."""
    return [w for w in page.findChildren(QWidget) if w.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
            and w.isVisible() and w.isEnabled() and w is not page.nik_edit]


def test_a_scan_is_taken_from_every_focusable_widget_and_nothing_typed_stays_behind(qtbot, station_with_sim):
    first, second = add_resident(serial=1), add_resident(serial=2, name="BUDI SANTOSO", sex="L")
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    page.nik_edit.setFocus()
    scan_burst(first)
    shown(qtbot, page, first)
    assert focused() == "reasonCombo"  # the next decision
    widgets = focusable(page)
    assert {"checkButton", "reasonCombo", "printerChoice"} <= {w.objectName() for w in widgets}
    nik = first
    for index in itertools.count():  # collected anew each round: a new citizen may rebuild some of them
        widgets = focusable(page)
        if index >= len(widgets):
            break
        widget = widgets[index]
        nik = second if nik == first else first
        widget.setFocus()
        before = widget.text() if isinstance(widget, QLineEdit) else None
        scan_burst(nik)
        shown(qtbot, page, nik)
        assert page.nik_edit.text() == nik, widget.objectName()
        if before is not None:
            assert widget.text() == before, widget.objectName()
        assert page.nik_feedback.text()  # a visible signal
        assert page.reason.currentData() in (None, "")  # nothing decided was carried over


def test_a_half_made_decision_is_asked_about_and_the_letter_number_keeps_what_was_typed(qtbot, station_with_sim):
    first, second = add_resident(serial=1), add_resident(serial=2, name="BUDI SANTOSO", sex="L")
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    page.nik_edit.setFocus()
    scan_burst(first)
    shown(qtbot, page, first)
    choose_reason(window, "hilang")
    letter = page.doc_numbers["police_letter"]
    qtbot.waitUntil(letter.isVisible, timeout=WAIT_MS)
    letter.setFocus()
    keys("LP/12", gap_ms=200, enter=False)
    assert letter.text() == "LP/12"

    seen: list[str] = []
    answer_dialog("replaceCitizenDialog", "Tetap dengan SITI RAHMAWATI", seen)
    scan_burst(second)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert "SITI RAHMAWATI" in seen[0]
    assert letter.text() == "LP/12"  # the burst's digits were taken back out
    assert page.verification.nik.nik == first and page.reason.currentData() == "hilang"

    seen.clear()
    answer_dialog("replaceCitizenDialog", "Layani berikutnya", seen)
    window.window.activateWindow()  # the offscreen platform does not give the window back the keyboard itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.window, timeout=WAIT_MS)
    letter.setFocus()
    scan_burst(second)
    shown(qtbot, page, second)
    assert page.fields["name"].text() == "BUDI SANTOSO"
    assert not page.reason.currentData()


def test_a_nik_typed_into_the_letter_number_is_refused_and_slow_digits_are_no_scan(qtbot, station_with_sim):
    first, second = add_resident(serial=1), add_resident(serial=2, name="BUDI SANTOSO", sex="L")
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    page.nik_edit.setFocus()
    scan_burst(first)
    shown(qtbot, page, first)
    choose_reason(window, "hilang")
    for check in page.doc_checks.values():
        check.setChecked(True)
    letter = page.doc_numbers["police_letter"]
    qtbot.waitUntil(letter.isVisible, timeout=WAIT_MS)
    letter.setFocus()
    keys(second, gap_ms=120)  # a person typing, however fast: no scan
    assert letter.text() == second
    assert page.verification.nik.nik == first
    assert "Nomor surat berisi NIK" in page.blockers.text()
    assert not page.print_button.isEnabled()


def test_the_whole_counter_by_keyboard_alone(qtbot, station_with_sim):
    nik = add_resident()
    window = counter(qtbot, station_with_sim)
    page = window.counter_page
    qtbot.waitUntil(lambda: focused() == "nikEdit", timeout=WAIT_MS)
    scan_burst(nik)
    shown(qtbot, page, nik)
    qtbot.waitUntil(lambda: focused() == "reasonCombo", timeout=WAIT_MS)
    while page.reason.currentData() != "hilang":
        press(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.doc_numbers["police_letter"].isVisible(), timeout=WAIT_MS)
    press(Qt.Key.Key_Tab)
    assert focused() == "doc_kk"
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Tab)
    assert focused() == "docnum_police_letter"
    keys("LP/123/XI/2026", gap_ms=150, enter=False)
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    assert focused() == "printButton" and page.print_button.isEnabled()
    press(Qt.Key.Key_Return)  # Enter on the focused button prints
    qtbot.waitUntil(lambda: page.queue.rowCount() == 1, timeout=WAIT_MS)
    assert focused() == "nikEdit"  # the next citizen
    qtbot.waitUntil(lambda: not page.printing, timeout=WAIT_MS)
    assert "Tercetak" in page.queue.data(page.queue.index(0, page.queue.columnCount() - 1))


def test_escape_starts_the_next_citizen_and_asks_when_a_decision_is_half_made(qtbot, station_with_sim):
    nik = add_resident()
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    page.nik_edit.setFocus()
    scan_burst(nik)
    shown(qtbot, page, nik)
    press(Qt.Key.Key_Escape)
    assert page.verification is None and focused() == "nikEdit" and not page.nik_edit.text()

    scan_burst(nik)
    shown(qtbot, page, nik)
    choose_reason(window, "baru")
    seen: list[str] = []
    answer_dialog("replaceCitizenDialog", "Tetap dengan SITI RAHMAWATI", seen)
    press(Qt.Key.Key_Escape)
    assert seen and page.verification is not None


def test_every_shortcut_is_listed_in_bantuan(qtbot, station_with_sim):
    window = counter(qtbot, station_with_sim)
    listed: list[str] = []

    def read_and_close(dialog) -> None:
        listed.append(dialog.findChild(QWidget, "shortcutTable").text())
        dialog.reject()

    when_dialog("shortcutsDialog", read_and_close)
    window.menus.actions["shortcuts"].trigger()
    table = listed[0]
    for keys_shown in ("F2", "Ctrl+N", "Ctrl+P", "Ctrl+L", "F9", "Esc", "Enter", "Ctrl+1", "F1"):
        assert keys_shown in table
    assert "(Ctrl+P)" in window.counter_page.print_button.text()
