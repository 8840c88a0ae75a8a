"""The office panel as a supervisor uses it: opened from the Halaman menu, the day's figures, a job
settled with a confirmation, today's cards searched, the audit log and its chain, the 30 days; screenshots
at 1366x768 and 1920x1080 with no label cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from desktop.devices.base import Fault, PrinterIdentity
from desktop.services import audit
from desktop.services.issuance import PrintRequest
from desktop.store.models import PrintJob
from desktop.ui.message import Level
from desktop.ui.printer_controller import PrinterDetails
from tests.gui.test_counter import counter, focused, press
from tests.gui.test_operator_day import WAIT_MS, log_in
from tests.helpers.dialogs import answer_dialog
from tests.helpers.fixtures import SETU, add_resident
from tests.helpers.screenshots import clipped_labels, save_screenshot

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


def _day_at_the_office(station) -> str:
    """Three cards, one spoiled by a jam, one returned for a reprint, one job left with no outcome."""
    issuance = station.services.issuance
    niks = [add_resident(serial=i, name=name) for i, name in enumerate(("SITI RAHMAWATI", "DEWI LESTARI",
                                                                         "RINA KURNIA", "AYU LARASATI"), 1)]
    niks.append(add_resident(serial=5, kecamatan=SETU, name="BUDI SANTOSO", sex="L"))
    for nik in (niks[0], niks[1], niks[4]):
        ticket = issuance.prepare(station.operator, PrintRequest(nik, **LOST), "sim://earlier")
        issuance.complete(station.operator, ticket)
    ticket = issuance.prepare(station.operator, PrintRequest(niks[2], **LOST), "sim://earlier")
    issuance.fail(station.operator, ticket, Fault.JAM, "macet", card_consumed=True)
    station.services.approvals.approve_reprint(station.operator, niks[0], "damaged", "supervisor", "supervisor123")
    left = issuance.prepare(station.operator, PrintRequest(niks[3], **LOST), "sim://earlier")
    issuance.set_state(left.job_id, "printing")  # the application was killed with the card in the printer
    return left.job_id


def open_panel(qtbot, station):
    answer_dialog("recoveryDialog", "Putuskan nanti", [])  # the left job is settled from the panel instead
    window = counter(qtbot, station, "supervisor", "supervisor123")
    window.menus.actions["panel"].trigger()
    qtbot.waitUntil(lambda: window.work_area.get("panel") is not None, timeout=WAIT_MS)
    page = window.work_area.get("panel")
    qtbot.waitUntil(lambda: page.figures is not None and page.printer_table.rowCount() == 1, timeout=WAIT_MS)
    window.activateWindow()  # the recovery question had the keyboard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    return window, page


def test_the_panel_shows_the_day_and_settles_a_job_with_a_confirmation(qtbot, station_with_sim, told):
    station = station_with_sim
    left = _day_at_the_office(station)
    window, page = open_panel(qtbot, station)
    model = page.kecamatan
    rows = {model.rows[r][0]: model.rows[r] for r in range(model.rowCount())}
    assert rows["Pamulang"][1:] == ["100", "—", "1", "1", "98", "Cetakan gagal atau cacat 1, Rusak secara fisik 1"]
    assert rows["Setu"][1:] == ["100", "—", "1", "0", "99", "0"]
    qtbot.waitUntil(lambda: page.printer_table.rows[0][2] == "200 kartu", timeout=WAIT_MS)  # the simulator's ribbon
    # A spooler queue tells no counters: its ribbon is "tidak diketahui".
    uri = window.printers.uris[0]
    page._got_details(PrinterDetails(uri, window.printers.statuses[uri], PrinterIdentity("Fargo", "", ""), {}))
    assert page.printer_table.rows[0][2] == "tidak diketahui"
    assert page.reprints.text() == "Cetak ulang disetujui dan belum dicetak: 1."
    assert page.status.text().startswith("KUNING — 1 pekerjaan cetak menunggu keputusan supervisor.")
    assert "Stok: 5 blanko" in page.stock.text()
    # Wherever the supervisor is, the header says what waits for them.
    qtbot.waitUntil(lambda: window.header.waiting.isVisible(), timeout=WAIT_MS)
    assert window.header.waiting.text() == ("1 pekerjaan cetak menunggu keputusan · 1 cetak ulang menunggu dicetak "
                                            "(Panel kantor, Ctrl+2)")
    # Settle the left job from here: asked first, "Batal" changes nothing, then "Ya, putuskan".
    page.jobs_view.selectRow(0)
    seen: list[str] = []
    answer_dialog("settleConfirm", "Batal", seen)
    page.settle_buttons["nothing"].click()
    assert PrintJob.get_by_id(left).state == "printing"
    answer_dialog("settleConfirm", "Ya, putuskan", seen)
    page.settle_buttons["nothing"].click()
    qtbot.waitUntil(lambda: told.saw("Pekerjaan cetak AYU LARASATI diputuskan: blanko kembali ke stok."),
                    timeout=WAIT_MS)
    assert "AYU LARASATI (blanko BLK-0000005) diselesaikan sebagai: blanko kembali ke stok" in seen[0]
    assert PrintJob.get_by_id(left).state == "failed"
    qtbot.waitUntil(lambda: page.jobs.rowCount() == 0, timeout=WAIT_MS)
    assert not page.settle_buttons["good"].isEnabled()
    qtbot.waitUntil(lambda: window.header.waiting.text().startswith("1 cetak ulang"), timeout=WAIT_MS)


def test_cards_search_is_audited_and_the_audit_tab_checks_the_chain(qtbot, station_with_sim, told):
    station = station_with_sim
    _day_at_the_office(station)
    window, page = open_panel(qtbot, station)
    page.tabs.setCurrentWidget(page.cards)
    cards = page.cards
    qtbot.waitUntil(lambda: cards.model.rowCount() == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: cards.model.row(0) is not None and cards.model.row(2) is not None, timeout=WAIT_MS)
    names = sorted(cards.model.row(r).name for r in range(3))
    assert names == ["BUDI SANTOSO", "DEWI LESTARI", "SITI RAHMAWATI"]
    returned = next(r for r in range(3) if cards.model.row(r).name == "SITI RAHMAWATI")
    assert cards.model.data(cards.model.index(returned, 7)) == "dikembalikan, cetak ulang (Rusak secara fisik)"
    cards.search.setFocus()
    qtbot.keyClicks(cards.search, "dewi")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cards.model.rowCount() == 1, timeout=WAIT_MS)
    assert cards.count.text() == "1 kartu"
    entry = audit.recent(1, action="panel.search_cards")[0]
    assert (entry.username, entry.details["query"]) == ("supervisor", "dewi")
    page.refresh()  # the timer's refresh does not audit the same search again
    qtbot.waitUntil(lambda: len(audit.recent(10, action="panel.search_cards")) == 1, timeout=WAIT_MS)
    cards.search.clear()
    cards.reason.setCurrentIndex(cards.reason.findData("baru"))
    qtbot.waitUntil(lambda: cards.model.rowCount() == 0, timeout=WAIT_MS)

    page.tabs.setCurrentWidget(page.audit)
    qtbot.waitUntil(lambda: page.audit.chain.text().startswith("Rantai audit utuh"), timeout=WAIT_MS)
    tab = page.audit
    tab.area.setCurrentIndex(tab.area.findData("approval"))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.model.row(0) is not None, timeout=WAIT_MS)
    assert tab.model.row(0).action == "approval.reprint"
    assert "approver=supervisor" in tab.model.data(tab.model.index(0, 4))

    page.tabs.setCurrentWidget(page.chart_tab)
    qtbot.waitUntil(lambda: page.chart is not None and len(page.chart.points) == 30, timeout=WAIT_MS)
    assert page.chart.points[-1].printed == 2
    legend = [label.text for _sample, label in page.chart.legend.items]
    assert legend == ["Dicetak", "Rusak", "Kuota"]
    assert page.chart.summary.text() == (f"30 hari terakhir: 2 kartu dicetak dari kuota {QLocale().toString(6000)} "
                                         "(0%), 2 blanko rusak.")
    assert not told.texts(Level.WARNING)


def test_keyboard_walk_goes_through_the_tabs_and_the_settle_buttons(qtbot, station_with_sim):
    _day_at_the_office(station_with_sim)
    window, page = open_panel(qtbot, station_with_sim)
    qtbot.waitUntil(lambda: page.jobs.rowCount() == 1, timeout=WAIT_MS)
    page.focus_first()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tabs.tabBar(), timeout=WAIT_MS)
    press(Qt.Key.Key_Right)
    assert page.tabs.currentWidget() is page.cards
    press(Qt.Key.Key_Left)
    order = []
    for _ in range(4):
        press(Qt.Key.Key_Tab)
        order.append(focused())
    assert order[:3] == ["kecamatanTable", "printerTable", "waitingJobs"]
    page.jobs_view.selectRow(0)
    assert page.settle_buttons["good"].isEnabled()
    # Ctrl+1 goes back to the counter, Ctrl+2 to the panel.
    window.menus.actions["counter"].trigger()
    qtbot.waitUntil(lambda: window.counter_page.isVisible() and not page.isVisible(), timeout=WAIT_MS)
    assert window.menus.actions["panel"].shortcut().toString() == "Ctrl+2"


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_screenshots_without_a_label_cut_off(qtbot, station_with_sim, size):
    _day_at_the_office(station_with_sim)
    window, page = open_panel(qtbot, station_with_sim)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=WAIT_MS)
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        widget = page.tabs.currentWidget()
        if widget is page.chart_tab:
            qtbot.waitUntil(lambda: page.chart is not None and len(page.chart.points) == 30, timeout=WAIT_MS)
        elif widget is page.cards:
            qtbot.waitUntil(lambda: page.cards.model.rowCount() == 3 and page.cards.model.row(2) is not None,
                            timeout=WAIT_MS)
        elif widget is page.audit:
            qtbot.waitUntil(lambda: page.audit.chain.text().startswith("Rantai"), timeout=WAIT_MS)
        QApplication.processEvents()
        assert clipped_labels(window) == [], f"tab {page.tabs.tabText(tab)}"
        save_screenshot(window, f"office-panel-{tab}-{size[0]}x{size[1]}")


def test_the_reprints_waiting_are_counted_in_the_header_for_a_supervisor_at_the_counter_too(qtbot, station_with_sim):
    station = station_with_sim
    nik = add_resident(serial=1, name="SITI RAHMAWATI")
    ticket = station.services.issuance.prepare(station.operator, PrintRequest(nik, **LOST), "sim://earlier")
    station.services.issuance.complete(station.operator, ticket)
    station.services.approvals.approve_reprint(station.operator, nik, "damaged", "supervisor", "supervisor123")
    window = counter(qtbot, station, "operator", "operator123")
    qtbot.waitUntil(lambda: window.counter_page is not None and window.counter_page.isVisible(), timeout=WAIT_MS)
    assert not window.header.waiting.isVisible()  # the operator approves nothing
    window.logout()
    log_in(qtbot, window, "supervisor", "supervisor123")
    # At the counter, not the panel: the header says it.
    qtbot.waitUntil(lambda: window.header.waiting.isVisible(), timeout=WAIT_MS)
    assert window.counter_page.isVisible()
    assert window.header.waiting.text() == "1 cetak ulang menunggu dicetak (Panel kantor, Ctrl+2)"
    assert clipped_labels(window.header) == []
