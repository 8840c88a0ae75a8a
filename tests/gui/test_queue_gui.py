"""The queue's screens (issue 25) as people use them: the door page by keyboard and scanner, a citizen
turned away with the alternatives and a ticket for the next open day, calling at the counter in the
priority order, a recall refused before its time, the now-serving window on a call and over a day of
calls, and an "antrian" account that sees the door page only. Screenshots at 1366x768."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.roles import Role
from desktop.store.models import QueueTicket
from tests.gui.test_counter import counter, focused, press
from tests.gui.test_operator_day import WAIT_MS
from tests.helpers.dialogs import answer_dialog
from tests.helpers.fixtures import CIPUTAT, OFFICE_MORNING, add_resident, make_station
from tests.helpers.pages import page_bench
from tests.helpers.screenshots import clipped_labels, save_screenshot

ANTRIAN_PASSWORD = "gerbang-2026x"


def door(qtbot, station, user=None):
    bench = page_bench(qtbot, station, user)
    page = bench.open("door")
    qtbot.waitUntil(lambda: page.places is not None, timeout=WAIT_MS)
    return bench, page


def issue(station, service: str = "baru", nik: str | None = None, priority: str = ""):
    return station.services.queue.issue(station.operator, service, nik, priority).ticket


# --- the door ------------------------------------------------------------------------------------------
def test_a_ticket_by_keyboard_only_service_nik_priority_enter(qtbot, station_with_sim, told):
    station = station_with_sim
    elder = add_resident(name="SUPARMAN", sex="L", born=date(1950, 3, 1), serial=7)
    bench, page = door(qtbot, station)
    assert page.places_label.text() == "Tempat tersisa hari ini: 10 · Menunggu: 0"
    assert focused() == "doorService"
    press(Qt.Key.Key_Down)  # KTP-el baru -> Hilang
    press(Qt.Key.Key_Tab)
    assert focused() == "doorNik"
    qtbot.keyClicks(QApplication.focusWidget(), elder)
    qtbot.waitUntil(lambda: page.nik_feedback.text() != "", timeout=WAIT_MS)
    assert page.nik_feedback.text() == "Tidak ada halangan tercatat untuk NIK ini hari ini."
    press(Qt.Key.Key_Tab)
    assert focused() == "doorPriority"
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.number.text() == "H-001", timeout=WAIT_MS)
    # Recognised as elderly from the NIK's birth date; the estimated wait said.
    assert page.detail.text().startswith("Hilang · Lansia (60 tahun ke atas) · ")
    assert "menit" in page.detail.text() or "segera" in page.detail.text()
    assert page.places_label.text() == "Tempat tersisa hari ini: 9 · Menunggu: 1"
    assert page.waiting_model.rows[0][:3] == ["H-001", "Hilang", "Lansia (60 tahun ke atas)"]
    # Ready for the next citizen: the service kept, the NIK cleared, the focus on the service.
    assert page.nik_edit.text() == "" and focused() == "doorService"
    press(Qt.Key.Key_Return)  # the next citizen, no NIK, no priority
    qtbot.waitUntil(lambda: page.number.text() == "H-002", timeout=WAIT_MS)
    assert [row[0] for row in page.waiting_model.rows] == ["H-001", "H-002"]


def test_the_ticket_comes_out_where_the_station_prints_tickets_and_is_said_on_screen_otherwise(
        qtbot, station_with_sim, tmp_path, told):
    station = station_with_sim
    bench, page = door(qtbot, station)
    press(Qt.Key.Key_Return)  # no ticket printer: the number on screen is the ticket
    qtbot.waitUntil(lambda: page.paper.text() != "Mencetak karcis…" and page.number.text() == "B-001",
                    timeout=WAIT_MS)
    assert page.paper.text() == "Sebutkan nomor ini kepada penduduk (karcis tidak dicetak)."
    folder = tmp_path / "karcis"
    folder.mkdir()
    station.services.queue.configure(station.supervisor, ticket_printer=f"pdf://{folder}")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.paper.text() == "Karcis dicetak.", timeout=WAIT_MS)
    assert page.number.text() == "B-002"
    assert [f.name for f in folder.iterdir()] == [f"antrian-{station.services.clock.today().isoformat()}-B-002.pdf"]
    qtbot.waitUntil(lambda: QueueTicket.get(QueueTicket.code == "B-002").printed, timeout=WAIT_MS)
    assert not QueueTicket.get(QueueTicket.code == "B-001").printed


def test_a_nik_that_cannot_be_printed_today_is_told_at_once(qtbot, station_with_sim, told):
    station = station_with_sim
    elsewhere = add_resident(kecamatan=CIPUTAT, name="ANDI WIJAYA", sex="L", serial=3)
    bench, page = door(qtbot, station)
    page.nik_edit.setFocus()
    qtbot.keyClicks(page.nik_edit, elsewhere)  # no Enter yet: the check runs on the 16th digit
    qtbot.waitUntil(lambda: page.refusal.text() != "", timeout=WAIT_MS)
    assert "Ciputat" in page.refusal.text() or "kecamatan" in page.refusal.text()
    assert page.nik_feedback.text() == page.refusal.text()
    assert page.number.text() == "Tidak ada nomor"
    press(Qt.Key.Key_Return)  # asked anyway: still no ticket
    assert QueueTicket.select().count() == 0


@pytest.fixture
def late_afternoon(tmp_path, sim_uri):
    """14:30, one printer at the default 20 cards an hour: ten places until 15:00; blanko for more days."""
    station = make_station(tmp_path, blanko=30, printers=[sim_uri], at=OFFICE_MORNING.replace(hour=14, minute=30))
    yield station
    station.services.close()


def test_a_full_day_turns_the_citizen_away_with_the_alternatives_and_a_ticket_for_the_next_day(
        qtbot, late_afternoon, told):
    station = late_afternoon
    for _ in range(10):  # what the printer can still print before closing
        issue(station)
    bench, page = door(qtbot, station)
    assert page.places_label.text() == "Tempat tersisa hari ini: 0 · Menunggu: 10"
    assert page.places_label.property("state") == "action"
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.refusal.text() != "", timeout=WAIT_MS)
    assert page.number.text() == "Tidak ada nomor"
    assert page.refusal.text() == ("Nomor antrean hari ini sudah habis: Printer yang siap dapat mencetak sekitar 10 "
                                   "kartu lagi sampai jam tutup.")
    assert page.alternatives.text().splitlines() == [
        "• Ambil nomor antrean untuk hari buka berikutnya.",
        "• Minta surat keterangan (suket) pengganti KTP-el sementara.",
        "• Aktifkan Identitas Kependudukan Digital (IKD) di ponsel."]
    assert page.next_day_button.isVisible() and focused() == "nextDayTicketButton"
    assert page.next_day_button.text().startswith("Nomor untuk ")
    save_screenshot(bench.window, "queue-door-turned-away-1366x768")
    assert clipped_labels(bench.window) == []
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.number.text() == "B-001", timeout=WAIT_MS)  # numbered for that day
    assert " · untuk " in page.detail.text()
    ticket = QueueTicket.select().where(QueueTicket.day > station.services.clock.today()).get()
    assert ticket.code == "B-001" and ticket.status == "waiting"


def test_a_lost_ticket_is_printed_again_and_a_ticket_cancelled(qtbot, station_with_sim, told):
    station = station_with_sim
    first, second = issue(station), issue(station, "rusak")
    bench, page = door(qtbot, station)
    page.waiting_view.selectRow(1)
    page.waiting_view.setFocus()
    press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.number.text() == second.code, timeout=WAIT_MS)
    page.waiting_view.selectRow(0)
    seen: list[str] = []
    answer_dialog("cancelTicketDialog", "Batalkan nomor", seen)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: [row[0] for row in page.waiting_model.rows] == [second.code], timeout=WAIT_MS)
    assert seen[0].startswith(f"Batalkan nomor {first.code}? Pemegangnya harus mengambil nomor baru.")
    assert QueueTicket.get_by_id(first.ticket_id).status == "cancelled"
    assert told.saw(f"Nomor {first.code} dibatalkan.")


# --- calling at the counter ---------------------------------------------------------------------------
def counter_with_calling(qtbot, station):
    bench = page_bench(qtbot, station)
    page = bench.open("counter")
    box = page.calling
    return bench, page, box


def call(qtbot, box) -> str:
    before = box.ticket.text()
    box.call_button.setFocus()
    press(Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: box.ticket.text() != before, timeout=WAIT_MS)
    return box.current.code


def test_calling_follows_the_priority_order_and_shows_how_many_wait(qtbot, station_with_sim, told):
    station = station_with_sim
    issue(station, "baru")
    issue(station, "hilang", priority="hamil")
    issue(station, "rusak")
    bench, page, box = counter_with_calling(qtbot, station)
    assert box.waiting.text() == "Menunggu: 3"
    assert box.call_button.text() == "Panggil (F6)"
    assert call(qtbot, box) == "H-002"  # a pregnant woman first
    assert box.ticket.text() == "H-002 · Hilang" and box.ticket.toolTip() == "H-002 · Hilang · Ibu hamil"
    assert box.waiting.text() == "Menunggu: 2"
    box.served_button.click()
    qtbot.waitUntil(lambda: box.current is None, timeout=WAIT_MS)
    assert call(qtbot, box) == "B-001"
    box.elsewhere_button.click()
    qtbot.waitUntil(lambda: box.current is None, timeout=WAIT_MS)
    assert call(qtbot, box) == "R-003"
    assert box.waiting.text() == "Menunggu: 0" and not box.call_button.isEnabled()
    statuses = {t.code: t.status for t in QueueTicket.select()}
    assert statuses == {"H-002": "served", "B-001": "sent_elsewhere", "R-003": "called"}


def test_a_called_ticket_with_a_nik_opens_the_citizen_at_the_counter(qtbot, station_with_sim, told):
    station = station_with_sim
    nik = add_resident(serial=4)
    issue(station, "hilang", nik)
    bench, page, box = counter_with_calling(qtbot, station)
    call(qtbot, box)
    qtbot.waitUntil(lambda: page.verification is not None and page.verification.nik.nik == nik, timeout=WAIT_MS)
    assert page.nik_edit.text() == nik
    save_screenshot(bench.window, "queue-counter-calling-1366x768")
    assert clipped_labels(bench.window) == []


def test_a_missed_number_is_recalled_only_after_five_others(qtbot, station_with_sim, told, expect_message):
    station = station_with_sim
    for _ in range(7):
        issue(station)
    bench, page, box = counter_with_calling(qtbot, station)
    missed = call(qtbot, box)
    box.no_show_button.click()
    qtbot.waitUntil(lambda: box.recall_button.isVisible(), timeout=WAIT_MS)
    assert box.missed_choice.currentText() == missed
    expect_message("Nomor ini baru dapat dipanggil ulang setelah 5 nomor lain dipanggil.")
    box.recall_button.click()
    assert box.current is None  # refused: nobody called
    for _ in range(5):
        call(qtbot, box)
        box.served_button.click()
        qtbot.waitUntil(lambda: box.current is None, timeout=WAIT_MS)
    box.recall_button.click()
    qtbot.waitUntil(lambda: box.current is not None, timeout=WAIT_MS)
    assert box.current.code == missed and not box.recall_button.isVisible()


# --- the now-serving window ---------------------------------------------------------------------------
def test_the_now_serving_window_shows_a_call_and_flashes(qtbot, station_with_sim, told):
    station = station_with_sim
    for service in ("baru", "hilang", "rusak"):
        issue(station, service)
    bench, page, box = counter_with_calling(qtbot, station)
    window = bench.open("now_serving")
    qtbot.addWidget(window)
    assert window.number.text() == "—" and not window.flashing
    call(qtbot, box)
    qtbot.waitUntil(lambda: window.number.text() == "B-001", timeout=WAIT_MS)
    assert window.flashing
    qtbot.waitUntil(lambda: not window.flashing, timeout=WAIT_MS)
    box.served_button.click()
    station.clock.advance(minutes=4)
    call(qtbot, box)
    qtbot.waitUntil(lambda: window.number.text() == "H-002", timeout=WAIT_MS)
    assert window.earlier[0].text() == "B-001" and window.calls_seen == 2
    window.resize(1366, 768)
    save_screenshot(window, "queue-now-serving-1366x768")


def test_the_now_serving_window_does_not_grow_over_500_calls(qtbot, station_with_sim, told):
    station = station_with_sim
    views = [issue(station, service) for service in ("baru", "hilang", "rusak", "suket", "perubahan_data")]
    bench = page_bench(qtbot, station)
    window = bench.open("now_serving")
    qtbot.addWidget(window)
    window.show_called(views[:1], called=True)
    count = len(window.findChildren(QObject))
    for n in range(500):
        shown = views[n % 5:] + views[:n % 5]
        window.show_called(shown, called=True)
        window._flash_step()
    assert window.calls_seen == 501
    assert len(window.findChildren(QObject)) == count
    assert window.number.text() == views[499 % 5].code


# --- the door's account -------------------------------------------------------------------------------
@pytest.fixture
def antrian(station_with_sim):
    station = station_with_sim
    station.services.auth.create_user(station.admin, "pintu", "Petugas Pintu", ANTRIAN_PASSWORD, Role.ANTRIAN)
    return station


def test_an_antrian_account_sees_only_the_door_page(qtbot, antrian, told):
    window = counter(qtbot, antrian, "pintu", ANTRIAN_PASSWORD)
    qtbot.waitUntil(lambda: window.work_area.get("door") is not None, timeout=WAIT_MS)
    assert [p.name for p in window.work_area.available(window.user)] == ["door"]
    assert window.counter_page is None
    assert not window.menus.actions["counter"].isEnabled()
    assert not window.menus.actions["printers"].isEnabled()
    assert window.menus.actions["door_window"].isEnabled()
    page = window.work_area.get("door")
    qtbot.waitUntil(lambda: page.places is not None, timeout=WAIT_MS)
    assert page.isVisible() and focused() == "doorService"
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.number.text() == "B-001", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.places_label.text() == "Tempat tersisa hari ini: 9 · Menunggu: 1", timeout=WAIT_MS)
    assert QueueTicket.get().issued_by == "pintu"
    save_screenshot(window, "queue-door-antrian-1366x768")
    assert clipped_labels(window) == []


def test_the_door_window_opens_from_the_menu_for_a_second_screen(qtbot, station_with_sim, told):
    window = counter(qtbot, station_with_sim)
    window.menus.actions["door_window"].trigger()
    from desktop.ui.pages.queue.door import DoorWindow

    door_window = window.findChild(DoorWindow)
    assert door_window is not None and door_window.isVisible()
    qtbot.waitUntil(lambda: door_window.page.places is not None, timeout=WAIT_MS)
    door_window.resize(1366, 768)
    save_screenshot(door_window, "queue-door-window-1366x768")
    assert clipped_labels(door_window) == []
    window.menus.actions["door_window"].trigger()  # raised, not a second one
    assert len(window.findChildren(DoorWindow)) == 1


def test_tickets_that_lose_their_place_are_listed_to_tell_their_holders(qtbot, station_with_sim, told):
    station = station_with_sim
    for service in ("baru", "hilang", "rusak"):
        issue(station, service)
    for _ in range(7):
        issue(station)
    bench, page = door(qtbot, station)
    assert not page.notices.isVisible()
    station.clock.advance(hours=6, minutes=45)  # 14:45: the printer has time for five more cards
    page.notices.notices.timer.timeout.emit()  # the 30 s check
    qtbot.waitUntil(lambda: page.notices.isVisible(), timeout=WAIT_MS)
    lines = page.notices.notices.lines()
    # Places short: baru first (DOMAIN.md's order); the last in calling order are told first.
    assert [line.split(":")[0] for line in lines] == ["R-003", "H-002", "B-010", "B-009", "B-008"]
    assert lines[0] == ("R-003: Maaf, tempat untuk nomor ini hilang: Printer yang siap dapat mencetak sekitar 5 kartu "
                        "lagi sampai jam tutup.")
    assert page.notices.offer.text().startswith("Tawarkan: Ambil nomor antrean untuk hari buka berikutnya.")
    assert "(IKD)" in page.notices.offer.text()
    qtbot.waitUntil(lambda: page.places_label.text() == "Tempat tersisa hari ini: 0 · Menunggu: 5", timeout=WAIT_MS)
    page.notices.told.click()
    assert [line.split(":")[0] for line in page.notices.notices.lines()] == ["H-002", "B-010", "B-009", "B-008"]
    page.notices.notices.timer.timeout.emit()  # told once: nothing new
    assert len(page.notices.notices.lines()) == 4
    save_screenshot(bench.window, "queue-door-lost-places-1366x768")
    assert clipped_labels(bench.window) == []


def test_the_now_serving_screen_runs_in_a_process_of_its_own(tmp_path, sim_uri):
    """`ktp-mandiri --now-serving` on the station's data folder, beside the station: no log-in, the numbers."""
    import os
    import subprocess
    import sys
    from datetime import datetime
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from desktop.clock import OFFICE_TIMEZONE

    station = make_station(tmp_path, printers=[sim_uri],
                           at=datetime.now(ZoneInfo(OFFICE_TIMEZONE)).replace(tzinfo=None))
    station.services.queue.configure(station.supervisor, opens="00:00", closes="23:59", days="1,2,3,4,5,6,7")
    issue(station, "rusak")
    station.services.queue.call_next(station.operator)
    data = station.services.data_dir
    station.services.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    main_py = Path(__file__).resolve().parents[2] / "main.py"
    proc = subprocess.run([sys.executable, str(main_py), "--data-dir", str(data), "--now-serving", "--exit-when-ready"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ktp-mandiri: layar nomor dipanggil tampil: R-001" in proc.stdout


def test_a_disaster_victim_is_marked_at_the_door_and_comes_second_when_places_are_short(qtbot, station_with_sim,
                                                                                         told):
    """The door writes what shows a disaster victim; with places short the victim is called after the
    first-time applicants and before a lost card taken earlier (docs/queue.md)."""
    station = station_with_sim
    bench, page = door(qtbot, station)
    page.service.setCurrentIndex(page.service.findData("hilang"))
    page.service.setFocus()
    press(Qt.Key.Key_Return)  # a lost card, no NIK, no priority
    qtbot.waitUntil(lambda: page.number.text() == "H-001", timeout=WAIT_MS)
    for _ in range(3):  # service -> NIK -> priority -> disaster victim
        press(Qt.Key.Key_Tab)
    assert focused() == "doorDisaster"
    qtbot.keyClicks(QApplication.focusWidget(), "Surat BPBD 12/2026, banjir Pamulang")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.number.text() == "H-002", timeout=WAIT_MS)
    assert page.disaster.text() == "" and focused() == "doorService"  # cleared for the next citizen
    victim = QueueTicket.get(QueueTicket.code == "H-002")
    assert victim.disaster_reason == "Surat BPBD 12/2026, banjir Pamulang"
    assert QueueTicket.get(QueueTicket.code == "H-001").disaster_reason is None
    assert [t.code for t in station.services.queue.waiting()] == ["H-001", "H-002"]  # places enough: by number
    for _ in range(4):  # 6 waiting of 10 places: 4 left, short
        issue(station, "perubahan_data")
    assert station.services.queue.places().short
    assert [t.code for t in station.services.queue.waiting()][:3] == ["H-002", "H-001", "P-003"]
