"""The operator's day driven through the real main window: log in, verify, preview, print, refusals."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services.demo import DemoCredentials
from desktop.store.models import Blanko, IssuedCard, PrintJob
from desktop.ui.main_window import MainWindow
from tests.helpers.dialogs import answer_dialog
from tests.helpers.fixtures import PAMULANG, add_resident, make_station
from tests.helpers.usb_fake import confirm_readings

WAIT_MS = 15000


def open_window(qtbot, station, credentials=None) -> MainWindow:
    window = MainWindow(station.services, demo_credentials=credentials, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: finish(qtbot, w))
    window.resize(1366, 740)
    window.show()
    return window


def finish(qtbot, window: MainWindow) -> None:
    """Let a card still in the printer come out (its result reach the page), then stop the lanes."""
    qtbot.waitUntil(lambda: window.counter_page is None or not window.counter_page.printing, timeout=WAIT_MS)
    window.shutdown()


def log_in(qtbot, window: MainWindow, username: str = "operator", password: str = "operator123") -> None:
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    qtbot.keyClicks(window.login_page.username, username)
    qtbot.keyClicks(window.login_page.password, password)
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(window.printers.statuses), timeout=WAIT_MS)


def verify(qtbot, window: MainWindow, nik: str) -> None:
    page = window.counter_page
    page.nik_edit.clear()
    qtbot.keyClicks(page.nik_edit, nik)
    qtbot.keyClick(page.nik_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.verification is not None and page.verification.nik.nik == nik, timeout=WAIT_MS)


def choose_reason(window: MainWindow, key: str) -> None:
    combo = window.counter_page.reason
    combo.setCurrentIndex(combo.findData(key))


def confirm_documents(qtbot, window: MainWindow, number: str = "LP/123/XI/2026/RESTA") -> None:
    page = window.counter_page
    for check in page.doc_checks.values():
        check.setChecked(True)
    for edit in page.doc_numbers.values():
        qtbot.keyClicks(edit, number)


def fill_print_form(qtbot, window: MainWindow, nik: str, reason: str = "baru") -> None:
    """Verify a NIK, choose the reason and confirm all its documents, as the operator does."""
    verify(qtbot, window, nik)
    choose_reason(window, reason)
    confirm_documents(qtbot, window)


def test_login_verify_preview_print_uses_one_quota_and_one_blanko(qtbot, station_with_sim):
    nik = add_resident(name="SITI RAHMAWATI")
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    page = window.counter_page
    qtbot.waitUntil(lambda: "0/100" in window.header.quota.text(), timeout=WAIT_MS)
    assert "10" in window.header.stock.text()

    verify(qtbot, window, nik)
    assert page.fields["name"].text() == "SITI RAHMAWATI"
    assert page.fields["status"].text() == "Siap cetak"  # by its label, not the code PRR
    qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
    assert (page.preview.image.width(), page.preview.image.height()) == (1011, 638)
    assert not page.print_button.isEnabled()

    choose_reason(window, "hilang")
    assert not page.print_button.isEnabled()
    assert "Konfirmasi dokumen" in page.blockers.text()
    page.doc_checks["kk"].setChecked(True)
    page.doc_checks["police_letter"].setChecked(True)
    assert not page.print_button.isEnabled()
    assert "Tuliskan nomor" in page.blockers.text()
    qtbot.keyClicks(page.doc_numbers["police_letter"], "LP/123/XI/2026")
    assert page.print_button.isEnabled(), page.blockers.text()

    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tercetak" in page.result.text(), timeout=WAIT_MS)
    assert "SITI RAHMAWATI" in page.result.text()
    qtbot.waitUntil(lambda: "1/100" in window.header.quota.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Blanko: <b style='color:#7a4300'>9</b>" in window.header.stock.text(), timeout=WAIT_MS)

    card = IssuedCard.get()
    assert (card.nik, card.reason, card.operator.username) == (nik, "hilang", "operator")
    assert card.blanko.state == "issued"
    assert PrintJob.get().police_letter_no == "LP/123/XI/2026"
    assert page.nik_edit.text() == ""  # ready for the next citizen


def test_not_prr_resident_cannot_be_printed_and_status_is_explained(qtbot, station_with_sim):
    nik = add_resident(status="SENT_FOR_ENROLLMENT")
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    fill_print_form(qtbot, window, nik)
    page = window.counter_page
    assert not page.print_button.isEnabled()
    assert "Terkirim ke pusat" in page.blockers.text()
    assert "menunggu" in page.status_box.text().lower()


def test_malformed_nik_is_explained_while_typing(qtbot, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    page = window.counter_page
    qtbot.keyClicks(page.nik_edit, "3674069999900001")
    assert "tidak sah" in page.nik_feedback.text()
    qtbot.keyClick(page.nik_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.verification is not None, timeout=WAIT_MS)
    assert not page.print_button.isEnabled()


def test_quota_used_up_refuses_printing(qtbot, station_with_sim):
    nik = add_resident()
    station_with_sim.services.quota.set_today(station_with_sim.supervisor, PAMULANG, 0, "libur")
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    fill_print_form(qtbot, window, nik)
    page = window.counter_page
    assert not page.print_button.isEnabled()
    assert "Kuota hari ini untuk Kecamatan Pamulang sudah habis (0/0)" in page.blockers.text()


def test_no_blanko_in_stock_refuses_printing(qtbot, tmp_path, sim_uri):
    station = make_station(tmp_path, blanko=0, printers=[sim_uri])
    nik = add_resident()
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    fill_print_form(qtbot, window, nik)
    page = window.counter_page
    qtbot.waitUntil(lambda: "Stok blanko" in page.blockers.text(), timeout=WAIT_MS)
    assert not page.print_button.isEnabled()
    station.services.close()


def test_printer_jam_spoils_the_blanko_and_keeps_the_quota(qtbot, tmp_path, sim_uri, expect_message, expect_log):
    for logged in ("NACK T", ": jam"):  # the printer's answer, the job's outcome
        expect_log(logged)
    told = expect_message("Kartu macet di printer.")  # cancelled: it stays in the bar and on the page
    jam_uri = f"{sim_uri}?faults=jam"
    station = make_station(tmp_path, printers=[jam_uri])
    confirm_readings(station.services.data_dir, sim_uri)  # "ERR CARD" confirmed on it: the jam spoils
    nik = add_resident()
    window = open_window(qtbot, station)
    log_in(qtbot, window)
    fill_print_form(qtbot, window, nik)
    page = window.counter_page
    qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
    seen: list[str] = []
    answer_dialog("faultDialog", "Batal", seen)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen) and not page.printing, timeout=WAIT_MS)
    assert "macet" in seen[0]
    assert "dicatat rusak" in seen[0]
    assert told.seen() and "macet" in page.result.text()
    assert IssuedCard.select().count() == 0
    assert Blanko.select().where(Blanko.state == "spoiled").count() == 1
    assert Blanko.select().where(Blanko.state == "in_stock").count() == 9
    assert station.services.quota.state(PAMULANG).used == 0
    assert PrintJob.get().state == "failed"
    station.services.close()


def test_wrong_password_shows_one_sentence(qtbot, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    qtbot.keyClicks(window.login_page.username, "operator")
    qtbot.keyClicks(window.login_page.password, "salah")
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.login_page.error.isVisible(), timeout=WAIT_MS)
    assert window.login_page.error.text() == "Nama pengguna atau kata sandi salah."


def test_supervisor_actions_follow_the_role(qtbot, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    assert not window.menus.actions["quota"].isEnabled() and not window.menus.actions["blanko"].isEnabled()
    window.logout()
    log_in(qtbot, window, "supervisor", "supervisor123")
    assert window.menus.actions["quota"].isEnabled() and window.menus.actions["blanko"].isEnabled()


def test_demo_login_screen_shows_credentials(qtbot, station_with_sim):
    creds = [DemoCredentials("operator", "operator123", "operator")]
    window = open_window(qtbot, station_with_sim, creds)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    hint = window.login_page.findChild(type(window.login_page.error), "demoHint")
    assert "operator123" in hint.text()


def test_documents_are_not_carried_over_to_the_next_citizen(qtbot, station_with_sim):
    first, second = add_resident(serial=1), add_resident(serial=2, name="BUDI SANTOSO", sex="L")
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    verify(qtbot, window, first)
    choose_reason(window, "baru")
    confirm_documents(qtbot, window)
    verify(qtbot, window, second)
    page = window.counter_page
    assert page.fields["name"].text() == "BUDI SANTOSO"
    assert page.reason.currentData() == ""
    assert not page.doc_checks
    assert not page.print_button.isEnabled()


def test_main_window_fits_an_operator_screen(qtbot, station_with_sim):
    """1366x768 minus a title bar and a taskbar leaves about 1366x700 for the window."""
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700, hint


def test_station_without_a_printer_never_falls_back_to_a_simulator(qtbot, tmp_path):
    station = make_station(tmp_path, printers=[])
    nik = add_resident()
    window = MainWindow(station.services, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    qtbot.keyClicks(window.login_page.username, "operator")
    qtbot.keyClicks(window.login_page.password, "operator123")
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    fill_print_form(qtbot, window, nik)
    page = window.counter_page
    assert "Tidak ada printer" in page.blockers.text()
    assert "Tidak ada printer" in window.header.printer.text()
    assert not page.print_button.isEnabled()
    station.services.close()


def _crashed_job(station):
    """What a crash leaves: a job committed as `printing`, its blanko reserved."""
    from desktop.services.issuance import PrintRequest

    nik = add_resident()
    request = PrintRequest(nik, "baru", frozenset({"kk"}))
    ticket = station.services.issuance.prepare(station.operator, request, "sim://gone")
    station.services.issuance.set_state(ticket.job_id, "printing")
    return nik, ticket


def test_unfinished_job_from_a_crash_is_settled_by_a_supervisor(qtbot, station_with_sim):
    from desktop.store.models import AuditLog

    nik, ticket = _crashed_job(station_with_sim)
    window = open_window(qtbot, station_with_sim)
    seen: list[str] = []
    answer_dialog("recoveryDialog", "Kartu rusak", seen)
    log_in(qtbot, window, "supervisor", "supervisor123")
    qtbot.waitUntil(lambda: Blanko.get(Blanko.serial == ticket.blanko_serial).state == "spoiled", timeout=WAIT_MS)
    assert "BLK-0000001" in seen[0] and nik in seen[0]
    assert PrintJob.get_by_id(ticket.job_id).state == "failed"
    assert AuditLog.select().where(AuditLog.action == "print.recovered").count() == 1


def test_operator_cannot_settle_a_crashed_job_and_enter_does_not_decide(qtbot, station_with_sim, expect_message):
    _nik, ticket = _crashed_job(station_with_sim)
    window = open_window(qtbot, station_with_sim)
    waiting = expect_message("pencetakan terhenti saat aplikasi tertutup")  # the operator is told, in the bar
    log_in(qtbot, window)
    qtbot.waitUntil(waiting.seen, timeout=WAIT_MS)
    seen = list(waiting.matched)
    assert "supervisor" in seen[0] and seen[0] in window.message_bar.texts()
    assert Blanko.get(Blanko.serial == ticket.blanko_serial).state == "reserved"
    window.logout()
    window.user = None
    # A supervisor pressing Enter (a scanner's last key) leaves the job for later.
    seen.clear()

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "recoveryDialog":
            seen.append(box.text())
            qtbot.keyClick(box, Qt.Key.Key_Return)
            return
        QTimer.singleShot(50, press_enter)

    QTimer.singleShot(50, press_enter)
    log_in(qtbot, window, "supervisor", "supervisor123")
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert Blanko.get(Blanko.serial == ticket.blanko_serial).state == "reserved"
    assert PrintJob.get_by_id(ticket.job_id).state == "printing"


def test_preview_shows_the_print_layer_the_printer_gets_over_the_blanko(qtbot, station_with_sim, sim_uri,
                                                                          tmp_path):
    from desktop.devices.base import CardJob
    from desktop.devices.file import FilePrinter
    from desktop.devices.registry import simulator_for
    from desktop.render.card import blanko_front, compose, to_raster

    nik = add_resident()
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    page = window.counter_page
    verify(qtbot, window, nik)
    qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
    layer = page.preview.print_layer
    assert layer.rgb == station_with_sim.services.issuance.renderer(page.card).rgb
    # What the operator sees is exactly that layer over the blanko art, nothing else.
    assert to_raster(page.preview.image).rgb == to_raster(compose(layer, blanko_front())).rgb
    # The bytes the preview's print layer becomes are the bytes that reach the printer.
    expected = tmp_path / "expected.bin"
    with FilePrinter(expected) as writer:
        writer.print_card(CardJob("preview", layer))
    card_stream = expected.read_bytes()
    card_stream = card_stream[card_stream.index(b"\x1bDb"):]  # the panels (a Zenius also gets Sr before them)
    simulator_for(sim_uri).start_recording()
    choose_reason(window, "baru")
    confirm_documents(qtbot, window)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: IssuedCard.select().count() == 1, timeout=WAIT_MS)
    received = bytes(simulator_for(sim_uri).recording)
    assert card_stream.count(b"\x1bDb") == 5 and len(card_stream) > 50_000  # five panels: Y M C K O
    assert card_stream in received


def test_keyboard_only_print_with_ctrl_p(qtbot, station_with_sim):
    nik = add_resident()
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    verify(qtbot, window, nik)  # typed, then Enter: what a barcode scanner does
    choose_reason(window, "baru")
    confirm_documents(qtbot, window)
    page = window.counter_page
    qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: IssuedCard.select().count() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.printing, timeout=WAIT_MS)  # the queue shows it done too


def test_editing_the_nik_withdraws_the_checked_citizen(qtbot, station_with_sim):
    first, second = add_resident(serial=1), add_resident(serial=2, name="BUDI SANTOSO", sex="L")
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    fill_print_form(qtbot, window, first)
    page = window.counter_page
    qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
    page.nik_edit.clear()
    qtbot.keyClicks(page.nik_edit, second)  # typed, Enter not pressed yet
    assert not page.print_button.isEnabled()
    assert page.current_request() is None
    assert page.fields["name"].text() == "—"
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert PrintJob.select().count() == 0
