"""The look of docs/ui-style.md, checked: at the screen sizes and scales of the offices no text is cut
off, numbers that change width move nothing, every text colour reaches 4.5:1, and screenshots of the
pages land in build/screenshots/ to be looked at.

A scale is tested at its logical size: at 125 % a 1366x768 screen lays out as a 1093x614 one at 100 %
(Qt scales every length by the same factor), so the window is resized to the logical size and the
layout checked there; one subprocess run with QT_SCALE_FACTOR confirms the two agree.
"""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QScrollArea, QWidget
from pytestqt.exceptions import TimeoutError

from desktop.ui.style import PALETTE, TEXT_ON
from tests.gui.test_operator_day import WAIT_MS, choose_reason, log_in, open_window, verify
from tests.helpers.fixtures import add_resident
from tests.helpers.screenshots import clipped_labels, save_screenshot

CHROME = 68  # a title bar and a taskbar, in physical pixels
SCREENS = {  # name: (width, height, scale)
    "1366x768-100": (1366, 768, 1.0),
    "1366x768-125": (1366, 768, 1.25),
    "1920x1080-100": (1920, 1080, 1.0),
    "1920x1080-150": (1920, 1080, 1.5),
}


def logical_size(name: str) -> tuple[int, int]:
    width, height, scale = SCREENS[name]
    return round(width / scale), round((height - CHROME) / scale)


def cut_texts(root: QWidget) -> list[str]:
    """Labels and buttons whose text does not fit, and labels a fixed box cuts off."""
    found = clipped_labels(root)
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        needed = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
        if needed > button.contentsRect().width():
            found.append(f"{button.objectName() or '?'}: {button.text()!r} needs {needed} px, has "
                         f"{button.contentsRect().width()}")
    for edit in root.findChildren(QLineEdit):
        if edit.isVisible() and edit.placeholderText() and not edit.text():
            needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            if needed > edit.contentsRect().width() - 8:  # less the text margins Qt keeps
                found.append(f"{edit.objectName()}: placeholder {edit.placeholderText()!r} needs {needed} px, has "
                             f"{edit.contentsRect().width()}")
    for bar in [w for w in root.findChildren(QWidget) if w.objectName() in ("header", "statusBar")]:
        items = sorted((w for w in bar.findChildren(QWidget) if isinstance(w, QLabel | QAbstractButton) and w.isVisible() and w.parent() is bar
                        and w.geometry().height() > 0), key=lambda w: (w.y() // 30, w.x()))
        for left, right in zip(items, items[1:], strict=False):  # items of one row never overlap
            if left.y() // 30 == right.y() // 30 and left.geometry().right() >= right.x():
                found.append(f"{left.objectName()} overlaps {right.objectName()} in {bar.objectName()}")
    for area in root.findChildren(QScrollArea):
        inner = area.widget()
        if area.isVisible() and isinstance(inner, QLabel) and inner.text():
            needed = inner.heightForWidth(area.viewport().width())
            if needed > area.viewport().height() + 1:
                found.append(f"{inner.objectName()}: {inner.text()[:50]!r} needs {needed} px of "
                             f"{area.viewport().height()}")
    return found


def settled(qtbot, window: QWidget) -> None:
    """Let the layouts finish what a change of text asked of them (a wrapped label's new height goes
    up one layout a pass); a text that stays cut fails the assertion that follows."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()
    with contextlib.suppress(TimeoutError):  # the assertion after this names what is cut
        qtbot.waitUntil(lambda: not cut_texts(window), timeout=1000)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_text_colour_reaches_4_5_to_1_on_its_backgrounds():
    low = [(fg, bg, round(contrast(PALETTE[fg], PALETTE[bg]), 2)) for fg, bg in TEXT_ON
           if contrast(PALETTE[fg], PALETTE[bg]) < 4.5]
    assert low == []
    assert contrast("#000000", "#ffffff") == pytest.approx(21)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_log_in_and_counter_pages_cut_no_text(qtbot, station_with_sim, screen):
    window = open_window(qtbot, station_with_sim)
    window.resize(*logical_size(screen))
    qtbot.waitUntil(lambda: window.start_page_ready, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.login_page.station.isVisible(), timeout=WAIT_MS)
    settled(qtbot, window)
    save_screenshot(window, f"login-{screen}")
    assert cut_texts(window) == []
    log_in(qtbot, window)
    settled(qtbot, window)
    save_screenshot(window, f"counter-idle-{screen}")
    assert cut_texts(window) == []
    nik = add_resident(name="SITI RAHMAWATI BINTI ABDULLAH")
    verify(qtbot, window, nik)
    choose_reason(window, "hilang")
    qtbot.waitUntil(lambda: window.counter_page.preview.image is not None, timeout=WAIT_MS)
    settled(qtbot, window)
    save_screenshot(window, f"counter-citizen-{screen}")
    assert cut_texts(window) == []
    assert_counter_fits(window, screen)


def assert_counter_fits(window, screen: str) -> None:
    """The whole counter flow in sight at this size: the window no wider than the screen, no scroll bar,
    the print button and the result above the status bar (docs/ui-style.md, "Short screens")."""
    page = window.counter_page
    scroll = page.parentWidget().parentWidget()  # the work area's scroll area (shell/work_area.py)
    assert window.width() == logical_size(screen)[0], "the window is wider than the screen"
    assert not scroll.verticalScrollBar().isVisible() and page.height() <= scroll.viewport().height()
    status_bar = window.statusBar().mapTo(window, QPoint(0, 0)).y()
    for part in (page.print_button, page.result.parentWidget(), page.reason_box, page.preview):
        assert part.isVisible() and part.mapTo(window, part.rect().bottomRight()).y() < status_bar, part.objectName()
    assert page.compact.compact == (SCREENS[screen][2] != 1.0)  # today's work collapses on the short screens


@pytest.mark.parametrize("screen", ["1366x768-125", "1920x1080-150"])
def test_on_a_short_screen_todays_work_opens_in_the_citizens_place(qtbot, station_with_sim, screen):
    window = open_window(qtbot, station_with_sim)
    window.resize(*logical_size(screen))
    log_in(qtbot, window)
    page = window.counter_page
    settled(qtbot, window)
    assert page.compact.toggle.isVisible() and not page.findChild(QWidget, "todayBox").isVisible()
    qtbot.mouseClick(page.compact.toggle, Qt.MouseButton.LeftButton)
    assert page.findChild(QWidget, "todayBox").isVisible() and not page.resident_panel.isVisible()
    settled(qtbot, window)
    save_screenshot(window, f"counter-today-{screen}")
    assert cut_texts(window) == []
    assert not page.parentWidget().parentWidget().verticalScrollBar().isVisible()
    verify(qtbot, window, add_resident(name="SITI RAHMAWATI"))  # the next citizen: their data come back
    assert page.resident_panel.isVisible() and not page.findChild(QWidget, "todayBox").isVisible()
    window.resize(*logical_size("1366x768-100"))  # room again: both, no button
    settled(qtbot, window)
    assert not page.compact.toggle.isVisible() and page.findChild(QWidget, "todayBox").isVisible()


def test_the_log_in_card_stays_put_when_an_error_appears(qtbot, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    qtbot.waitUntil(lambda: window.start_page_ready, timeout=WAIT_MS)
    # The station's name comes with its data, after the first paint (start-up, issue 23): the card is
    # measured once it has it.
    qtbot.waitUntil(lambda: window.login_page.station.isVisible(), timeout=WAIT_MS)
    card = window.login_page.findChild(QWidget, "loginCard")
    QApplication.processEvents()
    before = card.geometry()
    window.login_page.show_error("Nama pengguna atau kata sandi salah. Periksa huruf besar dan kecil, lalu coba lagi.")
    QApplication.processEvents()
    assert window.login_page.error.isVisible()
    assert card.geometry() == before


def test_status_items_keep_their_width_when_numbers_and_states_change(qtbot, station_with_sim):
    from desktop.devices.base import PrinterState, PrinterStatus

    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    bar, printers = window.statusBar(), window.printers
    uri = printers.uris[0]
    slots = (bar.printers, bar.ribbon)
    qtbot.waitUntil(lambda: "kartu lagi" in bar.ribbon.text(), timeout=WAIT_MS)  # the ribbon was read
    QApplication.processEvents()
    before = [slot.geometry() for slot in slots]
    for left, state in ((9, PrinterState.ATTENTION), (1999, PrinterState.PRINTING), (0, PrinterState.READY)):
        printers.ribbons[uri] = left
        printers.statuses[uri] = PrinterStatus(state)
        bar.show_printers(printers)
        QApplication.processEvents()
        assert str(left) in bar.ribbon.text()
        assert [slot.geometry() for slot in slots] == before, (left, state)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_first_run_page_cuts_no_text_and_never_scrolls_sideways(qtbot, tmp_path, screen):
    from desktop.composition import build_services
    from desktop.ui.main_window import MainWindow

    services = build_services(tmp_path / "fresh")
    window = MainWindow(services, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: (w.shutdown(), services.close()))
    window.resize(*logical_size(screen))
    window.show()
    qtbot.waitUntil(lambda: window.first_run_page is not None and window.first_run_page.isVisible(), timeout=WAIT_MS)
    settled(qtbot, window)
    save_screenshot(window, f"first-run-{screen}")
    assert cut_texts(window) == []
    served = window.first_run_page.served
    assert not served.horizontalScrollBar().isVisible()
    combo = window.first_run_page.kecamatan
    longest = max(combo.itemText(i) for i in range(combo.count()))
    assert combo.view().fontMetrics().horizontalAdvance(longest) <= combo.view().viewport().width() or \
        combo.width() >= combo.fontMetrics().horizontalAdvance(longest)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_office_panel_cuts_no_text(qtbot, station_with_sim, screen):
    """(Every page and dialog at every size: tests/gui/test_screenshots.py.)"""
    window = open_window(qtbot, station_with_sim)
    window.resize(*logical_size(screen))
    log_in(qtbot, window, "supervisor", "supervisor123")
    window.open_entry("panel")
    settled(qtbot, window)
    save_screenshot(window, f"office-panel-{screen}")
    assert cut_texts(window) == []


def test_header_items_keep_their_place_when_numbers_change(qtbot, station_with_sim):
    from dataclasses import replace

    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    header = window.header
    qtbot.waitUntil(lambda: "Blanko" in header.stock.text(), timeout=WAIT_MS)
    stock = station_with_sim.services.stock.summary(window.station.id)
    states = station_with_sim.services.quota.states(window.station.served)
    watched = (header.station, header.quota, header.stock, header.time, header.user, header.logout)
    QApplication.processEvents()
    before = [w.geometry() for w in watched]
    for in_stock, used in ((0, 7), (1234, 99), (9, 100)):
        header.set_stock(replace(stock, in_stock=in_stock))
        header.set_quota([replace(state, issued=used) for state in states])
        QApplication.processEvents()
        assert f">{in_stock}<" in header.stock.text()
        assert [w.geometry() for w in watched] == before, (in_stock, used)


def test_a_nik_with_three_mistakes_is_explained_whole(qtbot, station_with_sim):
    """Day, month and serial wrong at once: every sentence in sight, none behind a scroll bar."""
    window = open_window(qtbot, station_with_sim)
    window.resize(*logical_size("1366x768-100"))
    log_in(qtbot, window)
    page = window.counter_page
    qtbot.keyClicks(page.nik_edit, "3674069913990000")
    settled(qtbot, window)
    assert page.nik_feedback.text().count(".") >= 3
    save_screenshot(window, "counter-nik-mistakes-1366x768-100")
    assert cut_texts(window) == []


SCALED_LOGIN = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from tests.gui.test_look import login_card_at
print(json.dumps([app.primaryScreen().devicePixelRatio(), *login_card_at(1093, 560)]))
"""


def login_card_at(width: int, height: int) -> list[int]:
    """The log-in card's geometry in a styled window of `width` x `height` logical pixels."""
    from desktop.ui.login_page import LoginPage
    from desktop.ui.style import STYLESHEET

    window = QWidget()
    window.setStyleSheet(STYLESHEET)
    page = LoginPage(None, window)
    window.resize(width, height)
    page.resize(width, height)
    window.show()
    QApplication.processEvents()
    card = page.findChild(QWidget, "loginCard").geometry()
    window.close()
    window.deleteLater()
    return [card.x(), card.y(), card.width(), card.height()]


def test_a_scaled_screen_lays_out_as_its_logical_size(qapp):
    """The premise of the tests above: under QT_SCALE_FACTOR=1.25 a 1366x768 screen's window lays out
    exactly as a 1093x560 one at 100 % (a real subprocess with the real scale factor)."""
    import json
    import os
    import subprocess
    import sys

    from tests.helpers.processes import ROOT

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.25"}
    done = subprocess.run([sys.executable, "-c", SCALED_LOGIN], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    ratio, *scaled = json.loads(done.stdout.strip().splitlines()[-1])
    assert ratio == 1.25
    assert scaled == login_card_at(1093, 560)
