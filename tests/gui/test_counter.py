"""The counter as an operator works it: keyboard and barcode scanner, a page that stays put, honest refusals."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QWidget

from desktop.devices.registry import open_printer
from desktop.services.issuance import PrintRequest
from desktop.store.models import BlankoMovement
from desktop.ui.message import Level
from tests.gui.test_operator_day import WAIT_MS, choose_reason, confirm_documents, log_in, open_window
from tests.helpers.dialogs import answer_dialog
from tests.helpers.fixtures import PAMULANG, add_resident
from tests.helpers.pages import page_bench
from tests.helpers.screenshots import clipped_labels, save_screenshot


def focused() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed wherever the keyboard focus is, as on a real keyboard."""
    from pytestqt.qtbot import QtBot

    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    QtBot.keyClick(target, key, modifier)


def counter(qtbot, station, username: str = "operator", password: str = "operator123"):
    """The main window, active (it has the keyboard), with the operator logged in."""
    window = open_window(qtbot, station)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    log_in(qtbot, window, username, password)
    return window


def counter_alone(qtbot, station):
    """The counter page alone, for the operator, in an active window of its own (tests/helpers/pages.py)."""
    bench = page_bench(qtbot, station)
    bench.open("counter")
    return bench


def scan(qtbot, page, nik: str) -> None:
    """What a barcode scanner does: type the digits into the focused field, then Enter."""
    qtbot.keyClicks(QApplication.focusWidget(), nik)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.verification is not None and page.verification.nik.nik == nik, timeout=WAIT_MS)


def scan_and_preview(qtbot, page, nik: str) -> None:
    scan(qtbot, page, nik)
    qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)


# --- keyboard and scanner -----------------------------------------------------------------------

def test_tab_goes_nik_check_reason_documents_printer_print(qtbot, station_with_sim):
    nik = add_resident()
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    qtbot.waitUntil(lambda: focused() == "nikEdit", timeout=WAIT_MS)
    scan(qtbot, page, nik)
    choose_reason(window, "hilang")
    confirm_documents(qtbot, window)
    qtbot.waitUntil(lambda: page.print_button.isEnabled() and page.doc_checks["kk"].isVisible(), timeout=WAIT_MS)
    page.nik_edit.setFocus()
    order = []
    for _ in range(7):
        press(Qt.Key.Key_Tab)
        order.append(focused())
    assert order == ["checkButton", "reasonCombo", "doc_kk", "doc_police_letter", "docnum_police_letter",
                     "printerChoice", "printButton"]


def test_logout_asks_when_a_citizen_is_on_the_page_and_enter_stays(qtbot, station_with_sim):
    nik = add_resident()
    window = counter(qtbot, station_with_sim)
    page = window.counter_page
    scan(qtbot, page, nik)
    # Tab past the last field onto "Keluar", then Space, as the operator did by accident.
    window.header.logout.setFocus()
    seen: list[str] = []
    answer_dialog("logoutDialog", "Tetap di sini", seen)
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert "Tetap keluar?" in seen[0]
    assert window.stack.currentWidget() is window.work
    assert page.fields["name"].text() == "SITI RAHMAWATI"
    assert window.focusWidget() is page.nik_edit  # back to work
    window.activateWindow()  # the offscreen platform does not give the window back the keyboard itself
    qtbot.waitUntil(lambda: focused() == "nikEdit", timeout=WAIT_MS)

    seen.clear()
    answer_dialog("logoutDialog", "Keluar", seen)
    press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    assert seen


def test_logout_with_an_empty_page_does_not_ask(qtbot, station_with_sim):
    window = counter(qtbot, station_with_sim)
    qtbot.mouseClick(window.header.logout, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.login_page


def test_a_second_scan_replaces_the_first_nik(qtbot, station_with_sim):
    first, second = add_resident(serial=1), add_resident(serial=2, name="BUDI SANTOSO", sex="L")
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    page.nik_edit.setFocus()
    scan(qtbot, page, first)
    scan(qtbot, page, second)
    assert page.nik_edit.text() == second
    assert page.fields["name"].text() == "BUDI SANTOSO"
    # The operator clicked into the field (cursor at the end, nothing selected), then scanned.
    page.nik_edit.deselect()
    page.nik_edit.end(False)
    scan(qtbot, page, first)
    assert page.nik_edit.text() == first
    assert page.fields["name"].text() == "SITI RAHMAWATI"


def test_a_scan_after_a_mistyped_nik_replaces_it(qtbot, station_with_sim):
    nik = add_resident()
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    page.nik_edit.setFocus()
    qtbot.keyClicks(page.nik_edit, nik[:-2])
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.verification is not None, timeout=WAIT_MS)
    scan(qtbot, page, nik)
    assert page.nik_edit.text() == nik


def test_the_nik_field_never_holds_two_niks(qtbot, station_with_sim):
    first, second = add_resident(serial=1), add_resident(serial=2)
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    QApplication.clipboard().setText(first + second)
    page.nik_edit.paste()
    assert len(page.nik_edit.text()) <= 16
    page.nik_edit.setText(first[:8])
    page.nik_edit.end(False)
    page.nik_edit.insert(second)
    assert len(page.nik_edit.text()) <= 16


# --- a page that stays put -------------------------------------------------------------------------

def _positions(page: QWidget) -> dict[str, QRect]:
    QApplication.processEvents()  # let the layouts settle, as the next paint would
    watched = {"preview": page.preview, "reason": page.reason, "printer": page.printer_choice,
               "print": page.print_button, "queue": page.queue_view, "nik": page.nik_edit}
    return {name: QRect(w.mapTo(page, QPoint(0, 0)), w.size()) for name, w in watched.items()}


def test_choosing_a_reason_and_ticking_documents_does_not_move_the_page(qtbot, station_with_sim):
    nik = add_resident()
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    scan_and_preview(qtbot, page, nik)
    before = _positions(page)
    choose_reason(window, "hilang")
    assert _positions(page) == before
    for check in page.doc_checks.values():
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
        assert check.isChecked()
        assert _positions(page) == before
    qtbot.keyClicks(page.doc_numbers["police_letter"], "LP/123/XI/2026")
    qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
    assert _positions(page) == before


def test_print_queue_shows_four_rows_and_whole_messages_on_an_operator_screen(qtbot, station_with_sim):
    window = counter_alone(qtbot, station_with_sim)
    window.window.resize(1366, 700)  # 1366x768 less a title bar and a taskbar
    page = window.counter_page
    long_failure = ("Gagal: Kartu macet di printer. Buka printer, keluarkan kartu yang macet, lalu cetak lagi. "
                    "Blanko BLK-0000001 dicatat rusak. Kuota tidak terpakai.")
    for key in range(1, 6):
        page.queue.add(key, "SITI RAHMAWATI BINTI ABDULLAH", "Printer simulasi loket 1", "Menyiapkan kartu…")
        page.queue.update(key, f"Tercetak, blanko BLK-000000{key}", "done")
    QApplication.processEvents()
    view = page.queue_view
    viewport = view.viewport().rect()
    for row in range(4):  # four one-line rows of today's work under the citizen
        assert viewport.contains(view.visualRect(view.model().index(row, 0))), f"row {row} is not fully visible"
    page.queue.update(3, long_failure, "failed")
    QApplication.processEvents()
    # A failure takes several lines: shown whole when scrolled to, the rows above it still in sight.
    view.scrollTo(view.model().index(2, 0))
    QApplication.processEvents()
    for row in (1, 2):
        assert viewport.contains(view.visualRect(view.model().index(row, 0))), f"row {row} is not fully visible"
    view.scrollToBottom()
    QApplication.processEvents()
    metrics = QFontMetrics(view.font())
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    for row in range(view.model().rowCount()):
        for column in range(3):
            index = view.model().index(row, column)
            cell = view.visualRect(index)
            text = index.data()
            needed = metrics.boundingRect(QRect(0, 0, cell.width() - margin, 10_000), Qt.TextFlag.TextWordWrap, text)
            assert needed.height() <= cell.height() and needed.width() <= cell.width(), (row, column, text)


# --- honest refusals ---------------------------------------------------------------------------------

def _visible_text(page: QWidget) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def _assert_refused(qtbot, page, nik: str) -> None:
    scan_and_preview(qtbot, page, nik)
    assert page.verification.blockers
    assert "dapat dicetak" not in _visible_text(page).replace("tidak dapat dicetak", "")
    assert page.preview.refusal == "TIDAK DAPAT DICETAK"
    image = page.preview.grab().toImage()
    middle = page.preview.card_rect().center()
    colour = image.pixelColor(page.preview.card_rect().left() + 3, middle.y())
    assert colour.red() > 150 and colour.green() < 60 and colour.blue() < 80, colour.name()


def test_citizen_printed_today_is_not_called_printable(qtbot, station_with_sim, sim_uri):
    nik = add_resident()
    services = station_with_sim.services
    with open_printer(sim_uri) as printer:
        services.issuance.print_card(station_with_sim.operator, PrintRequest(nik, "baru", frozenset({"kk"})),
                                     printer)
    window = counter_alone(qtbot, station_with_sim)
    _assert_refused(qtbot, window.counter_page, nik)
    assert "sudah dicetak hari ini" in window.counter_page.blockers.text()


def test_citizen_over_the_quota_is_not_called_printable(qtbot, station_with_sim):
    nik = add_resident()
    station_with_sim.services.quota.set_today(station_with_sim.supervisor, PAMULANG, 0, "libur")
    window = counter_alone(qtbot, station_with_sim)
    _assert_refused(qtbot, window.counter_page, nik)


def test_citizen_not_prr_is_marked_on_the_preview(qtbot, station_with_sim):
    nik = add_resident(status="SENT_FOR_ENROLLMENT")
    window = counter_alone(qtbot, station_with_sim)
    _assert_refused(qtbot, window.counter_page, nik)


def test_printable_citizen_has_a_clean_preview(qtbot, station_with_sim):
    nik = add_resident()
    window = counter_alone(qtbot, station_with_sim)
    page = window.counter_page
    scan_and_preview(qtbot, page, nik)
    assert page.preview.refusal is None
    assert "KTP-el dapat dicetak." in page.status_box.text()


# --- version, demo data ------------------------------------------------------------------------------

def test_about_box_shows_the_version(qtbot, station_with_sim):
    from importlib import metadata

    from PySide6.QtGui import QAction

    window = counter(qtbot, station_with_sim)
    seen: list[str] = []
    answer_dialog("aboutDialog", "Tutup", seen)
    window.findChild(QAction, "aboutAction").trigger()
    assert f"versi {metadata.version('ktp-mandiri')}" in seen[0]


DEMO_RUN = """
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])

def close_when_ready():
    windows = [w for w in app.topLevelWidgets() if getattr(w, "start_page_ready", False)]
    if windows and windows[0].services is not None:
        print("DEMO", [p.name for p in Path(tempfile.gettempdir()).glob("ktp-mandiri-demo-*")], flush=True)
        windows[0].close()  # as the operator closes the window
        return
    QTimer.singleShot(100, close_when_ready)

QTimer.singleShot(100, close_when_ready)
from desktop.app import main
sys.exit(main(["--demo", "--demo-residents", "20"]))
"""


def test_demo_data_folder_is_removed_at_exit(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "TMPDIR": str(tmp_path), "TEMP": str(tmp_path), "TMP": str(tmp_path),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", DEMO_RUN], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "DEMO ['ktp-mandiri-demo-" in done.stdout  # the demo ran on a throw-away folder
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("ktp-mandiri-demo-")] == []


# --- supervisor dialogs ------------------------------------------------------------------------------

def _ok(dialog) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def approve_as_admin(qtbot, dialog) -> None:
    """The second pair of eyes a raise needs: the admin types their name and password in the dialog."""
    qtbot.keyClicks(dialog.approver.name, "admin")
    qtbot.keyClicks(dialog.approver.password, "admin12345")


def test_quota_dialog_keeps_what_was_typed_and_confirms_what_it_did(qtbot, tmp_path, sim_uri, told):
    from tests.helpers.dialogs import when_dialog
    from tests.helpers.fixtures import make_station

    station = make_station(tmp_path, blanko=500, printers=[sim_uri])
    bench = page_bench(qtbot, station, station.supervisor)
    seen: dict[str, object] = {}

    def drive(dialog) -> None:
        dialog.kecamatan.setCurrentIndex(dialog.kecamatan.findData(PAMULANG))
        dialog.limit.setValue(150)
        _ok(dialog)  # no reason written
        qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
        seen.update(error=dialog.error.text(), limit=dialog.limit.value(), open=dialog.isVisible())
        qtbot.keyClicks(dialog.reason, "antrean panjang")
        approve_as_admin(qtbot, dialog)
        _ok(dialog)

    when_dialog("quotaDialog", drive)
    bench.open("quota")
    qtbot.waitUntil(lambda: bool(told.texts(Level.INFO)), timeout=WAIT_MS)  # said in the bar, not a box
    done = told.texts(Level.INFO)
    assert seen == {"error": "Tuliskan alasan perubahan kuota hari ini.", "limit": 150, "open": True}
    assert done[0].startswith("Kuota Pamulang hari ini diubah dari 100 menjadi 150 kartu.")
    assert station.services.quota.state(PAMULANG).limit == 150
    station.services.close()


def test_quota_above_twice_the_standing_or_the_stock_is_asked_again(qtbot, station_with_sim, told):
    from tests.helpers.dialogs import when_dialog

    bench = page_bench(qtbot, station_with_sim, station_with_sim.supervisor)  # 10 blanko in stock
    asked: list[str] = []

    def drive(dialog) -> None:
        dialog.kecamatan.setCurrentIndex(dialog.kecamatan.findData(PAMULANG))
        dialog.limit.setValue(250)
        qtbot.keyClicks(dialog.reason, "instruksi Kadis")
        approve_as_admin(qtbot, dialog)
        answer_dialog("quotaConfirm", "Ubah lagi", asked)
        _ok(dialog)
        assert dialog.isVisible() and dialog.limit.value() == 250  # back to the form, nothing saved
        assert station_with_sim.services.quota.state(PAMULANG).limit == 100
        answer_dialog("quotaConfirm", "Simpan", asked)
        _ok(dialog)

    when_dialog("quotaDialog", drive)
    bench.open("quota")
    qtbot.waitUntil(lambda: bool(told.texts(Level.INFO)), timeout=WAIT_MS)  # said in the bar, not a box
    assert len(asked) == 2
    assert "lebih dari dua kali kuota tetap (100)" in asked[0]
    assert "250 kartu lagi boleh dicetak hari ini, padahal blanko di stok hanya 10" in asked[0]
    assert station_with_sim.services.quota.state(PAMULANG).limit == 250


def test_a_modest_raise_with_blanko_enough_is_not_asked_again(qtbot, tmp_path, sim_uri, told):
    from tests.helpers.dialogs import when_dialog
    from tests.helpers.fixtures import make_station

    station = make_station(tmp_path, blanko=500, printers=[sim_uri])
    bench = page_bench(qtbot, station, station.supervisor)
    asked: list[str] = []

    def drive(dialog) -> None:
        dialog.kecamatan.setCurrentIndex(dialog.kecamatan.findData(PAMULANG))
        dialog.limit.setValue(180)
        qtbot.keyClicks(dialog.reason, "antrean panjang")
        approve_as_admin(qtbot, dialog)
        answer_dialog("quotaConfirm", "Ubah lagi", asked)  # would answer if asked
        _ok(dialog)

    when_dialog("quotaDialog", drive)
    bench.open("quota")
    qtbot.waitUntil(lambda: bool(told.texts(Level.INFO)), timeout=WAIT_MS)  # said in the bar, not a box
    assert asked == [] and station.services.quota.state(PAMULANG).limit == 180
    station.services.close()


def test_blanko_dialog_keeps_what_was_typed_and_confirms_the_receipt(qtbot, station_with_sim, told):
    from tests.helpers.dialogs import when_dialog

    bench = page_bench(qtbot, station_with_sim, station_with_sim.supervisor)
    seen: dict[str, object] = {}

    def drive(dialog) -> None:
        dialog.quantity.setValue(250)
        qtbot.keyClicks(dialog.note, "kiriman kedua")
        _ok(dialog)  # no batch number
        qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
        seen.update(error=dialog.error.text(), quantity=dialog.quantity.value(), note=dialog.note.text())
        qtbot.keyClicks(dialog.batch, "BA-2026-007")
        dialog.requested.setValue(200)  # fewer asked for than received
        _ok(dialog)
        qtbot.waitUntil(lambda: "diminta" in dialog.error.text(), timeout=WAIT_MS)
        seen.update(short=dialog.error.text())
        dialog.requested.setValue(400)
        qtbot.keyClicks(dialog.box_first, "peruri-a0100")
        qtbot.keyClicks(dialog.box_last, "PERURI-A0349")
        save_screenshot(dialog, "receive-blanko-1366x768")  # the bench's window is 1366x768
        assert clipped_labels(dialog) == []
        _ok(dialog)

    when_dialog("blankoDialog", drive)
    bench.open("blanko")
    qtbot.waitUntil(lambda: bool(told.texts(Level.INFO)), timeout=WAIT_MS)  # said in the bar, not a box
    done = told.texts(Level.INFO)
    assert seen == {"error": "Tuliskan nomor batch / berita acara penerimaan blanko.", "quantity": 250,
                    "note": "kiriman kedua",
                    "short": "Jumlah yang diminta (200) tidak boleh kurang dari yang diterima (250)."}
    assert done[0].startswith("250 dari 400 blanko yang diminta diterima (batch BA-2026-007): BLK-0000011 s.d. "
                              "BLK-0000260. Stok sekarang 260 blanko.")
    receipt = BlankoMovement.get(BlankoMovement.batch == "BA-2026-007")
    assert (receipt.requested, receipt.box_first, receipt.box_last) == (400, "PERURI-A0100", "PERURI-A0349")


def test_supervisor_dialogs_start_on_the_first_field_and_tab_through_the_form(qtbot, station_with_sim):
    from tests.helpers.dialogs import when_dialog

    bench = page_bench(qtbot, station_with_sim, station_with_sim.supervisor)
    orders: dict[str, list[str]] = {}

    def walk(dialog) -> None:
        order = [dialog.focusWidget().objectName() or dialog.focusWidget().text()]
        for _ in range(6):
            dialog.focusNextChild()  # what Tab does
            order.append(dialog.focusWidget().objectName() or dialog.focusWidget().text())
        orders[dialog.objectName()] = order
        dialog.reject()

    when_dialog("blankoDialog", walk)
    bench.open("blanko")
    qtbot.waitUntil(lambda: "blankoDialog" in orders, timeout=WAIT_MS)
    when_dialog("quotaDialog", walk)
    bench.open("quota")
    qtbot.waitUntil(lambda: "quotaDialog" in orders, timeout=WAIT_MS)
    assert orders["blankoDialog"][:7] == ["blankoQuantity", "blankoRequested", "blankoBatch", "blankoBoxFirst",
                                          "blankoBoxLast", "blankoNote", "OK"]
    assert orders["quotaDialog"][:6] == ["quotaKecamatan", "quotaLimit", "quotaReason", "approverName",
                                         "approverPassword", "OK"]
