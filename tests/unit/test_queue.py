"""The queue at the door (issue 25): its rules, and the service on a real station database with an
injected clock. The cap's properties over random days are in test_queue_property.py."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.domain import queue as rules
from desktop.domain.queue import QueueEntry
from desktop.errors import UserFacingError
from desktop.services.queue import ALTERNATIVES, Issued, TurnedAway
from desktop.store.files import DB_FILENAME
from desktop.store.models import AuditLog, CardHistory, Outbox, QueueEvent, QueueTicket
from tests.helpers.fixtures import CIPUTAT, PAMULANG, SETU, add_resident, make_station, print_card

MONDAY_0800 = datetime(2026, 12, 7, 8, 0)  # a Monday, office time


@pytest.fixture
def desk(tmp_path):
    st = make_station(tmp_path, blanko=10, printers=["sim://q1"], at=MONDAY_0800)
    yield st
    st.services.close()


def _issued(result) -> rules.Places:
    assert isinstance(result, Issued), result
    return result.ticket


# --- the rules ---------------------------------------------------------------------------------------
def test_ticket_numbers_carry_the_services_letter_and_the_days_running_number():
    assert [rules.ticket_code(s, n) for s, n in (("baru", 7), ("hilang", 12), ("suket", 130))] == \
        ["B-007", "H-012", "S-130"]


def test_priority_groups_go_first_and_the_shortage_order_applies_only_when_places_are_short():
    entries = [QueueEntry("t1", 1, "perubahan_data", ""), QueueEntry("t2", 2, "hilang", ""),
               QueueEntry("t3", 3, "suket", ""), QueueEntry("t4", 4, "perubahan_data", "hamil"),
               QueueEntry("t5", 5, "rusak", "", disaster=True), QueueEntry("t6", 6, "baru", "")]
    assert [e.ticket_id for e in rules.calling_order(entries, short=False)] == ["t4", "t1", "t2", "t3", "t5", "t6"]
    # short: first-time, disaster victims, suket holders, lost/damaged, data changes
    assert [e.ticket_id for e in rules.calling_order(entries, short=True)] == ["t4", "t6", "t5", "t3", "t2", "t1"]


def test_places_are_the_least_of_rights_blanko_and_capacity_and_say_which_binds():
    places = rules.make_places(rights=40, blanko=12, capacity=30, waiting=5)
    assert (places.known, places.left, places.short) == (12, 7, False)
    assert "Blanko" in places.why
    assert rules.make_places(rights=3, blanko=12, capacity=30, waiting=2).why.startswith("Hak cetak")
    assert rules.make_places(rights=3, blanko=12, capacity=2, waiting=1).why.startswith("Printer")
    assert rules.make_places(40, 12, 30, 6).short  # waiting 6 >= left 6


def test_spoilage_rate_and_printer_rate_and_hours_left():
    assert rules.usable_blanko(in_stock=100, spoiled=10, issued=90) == 90
    assert rules.usable_blanko(in_stock=7, spoiled=0, issued=0) == 7
    start = datetime(2026, 12, 1, 8, 0)
    every_two_minutes = [start + timedelta(minutes=2 * i) for i in range(8)]
    assert rules.printer_rate(every_two_minutes, default=20.0) == pytest.approx(30.0)
    # a lunch break is a pause, not the printer's pace; too few cards: the default
    with_break = every_two_minutes + [every_two_minutes[-1] + timedelta(hours=1)]
    assert rules.printer_rate(with_break, default=20.0) == pytest.approx(30.0)
    assert rules.printer_rate(every_two_minutes[:4], default=20.0) == 20.0
    at = datetime(2026, 12, 7, 13, 30)
    assert rules.hours_open(at, rules.parse_hhmm("07:00"), rules.parse_hhmm("15:00")) == 1.5
    assert rules.hours_open(at.replace(hour=6), rules.parse_hhmm("07:00"), rules.parse_hhmm("15:00")) == 8.0
    assert rules.capacity([20.0, 30.0], 1.5) == 75


def test_recall_after_five_others_and_elderly_from_the_birth_date():
    assert not rules.may_recall(calls_now=14, missed_after=10, recall_after=5)
    assert rules.may_recall(calls_now=15, missed_after=10, recall_after=5)
    assert not rules.may_recall(calls_now=15, missed_after=None, recall_after=5)
    assert rules.is_elderly(date(1966, 12, 7), date(2026, 12, 7))
    assert not rules.is_elderly(date(1966, 12, 8), date(2026, 12, 7))
    assert rules.estimated_wait(4, 2.5) == 10


# --- the service ---------------------------------------------------------------------------------------
def test_tickets_are_issued_only_while_places_are_left_then_the_citizen_is_told_the_alternatives(desk):
    queue = desk.services.queue
    assert queue.places().known == 10  # ten blanko, no spoilage: the blanko bind (rights 200, printer 140)
    codes = [_issued(queue.issue(desk.operator, "baru")).code for _ in range(10)]
    assert codes[0] == "B-001" and codes[-1] == "B-010"

    refused = queue.issue(desk.operator, "hilang")

    assert isinstance(refused, TurnedAway)
    assert refused.why.startswith("Nomor antrean hari ini sudah habis") and "Blanko" in refused.why
    assert refused.alternatives == ALTERNATIVES and refused.next_day == date(2026, 12, 8)
    assert queue.count_waiting() == 10
    away = QueueEvent.get(QueueEvent.kind == "turned_away")
    assert (away.code, away.service) == ("H-000", "hilang")  # a ticket id of its own, no ticket row
    assert not QueueTicket.select().where(QueueTicket.id == away.ticket_id).exists()


def test_every_change_writes_its_event_and_outbox_row_without_the_nik(desk):
    queue = desk.services.queue
    nik = add_resident(serial=3, born=date(1960, 1, 5))
    ticket = _issued(queue.issue(desk.operator, "hilang", nik=nik))
    assert ticket.nik is None and ticket.priority == "lansia"  # 66 on the ticket's day, from the NIK
    called = queue.call_next(desk.operator)
    assert (called.code, called.nik) == ("H-001", nik)  # the counter opens with the NIK
    queue.serve(desk.operator, called.ticket_id)
    queue.end(desk.operator, called.ticket_id)

    rows = list(Outbox.select().where(Outbox.entity == "queue_event").order_by(Outbox.created_at))
    events = {e.id: e for e in QueueEvent.select()}
    assert sorted(json.loads(r.payload)["kind"] for r in rows) == ["arrive", "call", "end", "serve"]
    for row in rows:
        payload = json.loads(row.payload)
        assert row.op == "insert" and row.entity_id in events
        assert set(payload) == {"day", "ticket", "code", "service", "priority", "kind", "at", "kecamatan"}
        assert payload == {"day": "2026-12-07", "ticket": ticket.ticket_id, "code": "H-001", "service": "hilang",
                           "priority": "lansia", "kind": events[row.entity_id].kind, "at": "2026-12-07T01:00:00Z",
                           "kecamatan": PAMULANG}
        assert nik not in row.payload
    assert QueueTicket.get_by_id(ticket.ticket_id).status == "served"


def test_the_queue_opens_and_closes_at_the_stations_hours(tmp_path):
    st = make_station(tmp_path, printers=["sim://q2"], at=datetime(2026, 12, 7, 6, 30))
    queue = st.services.queue
    early = queue.issue(st.operator, "baru")
    assert isinstance(early, TurnedAway) and early.why == "Antrean hari ini dibuka pukul 07:00."
    st.clock.advance(minutes=30)
    assert _issued(queue.issue(st.operator, "baru")).code == "B-001"
    queue.configure(st.supervisor, closes="14:00")
    st.clock.advance(hours=7)
    late = queue.issue(st.operator, "baru")
    assert isinstance(late, TurnedAway) and "ditutup" in late.why and late.next_day == date(2026, 12, 8)
    with pytest.raises(UserFacingError, match="sesudah jam buka"):
        queue.configure(st.supervisor, opens="15:00")
    with pytest.raises(UserFacingError, match="tidak berwenang"):
        queue.configure(st.operator, closes="16:00")
    st.services.close()


def test_a_ticket_for_the_next_open_day_is_numbered_for_that_day(tmp_path):
    friday = datetime(2026, 12, 11, 9, 0)
    st = make_station(tmp_path, printers=["sim://q3"], at=friday)
    queue = st.services.queue
    _issued(queue.issue(st.operator, "baru"))
    ahead = queue.issue_next_day(st.operator, "rusak")
    assert (ahead.ticket.day, ahead.ticket.code) == (date(2026, 12, 14), "R-001")  # Monday, its first number
    assert queue.count_waiting() == 1  # today's queue is today's
    st.services.close()


def test_the_door_refuses_a_nik_that_cannot_be_printed_today(desk):
    queue = desk.services.queue
    not_ready = add_resident(serial=11, status="SENT_FOR_ENROLLMENT")
    elsewhere_kecamatan = add_resident(serial=12, kecamatan=CIPUTAT)
    printed = add_resident(serial=13)
    print_card(desk, printed)
    other_station = add_resident(serial=14, kecamatan=SETU)
    CardHistory.create(id="card-x", nik=other_station, day=date(2026, 12, 7), kecamatan_code=SETU,
                       station_code="ST-02", station_name="Loket Setu", blanko="KAB-00000009", reason="hilang",
                       issued_at="2026-12-07T00:30:00")
    fine = add_resident(serial=15)

    assert queue.check_nik(not_ready).startswith("Status rekaman")
    assert "tidak dilayani stasiun ini" in queue.check_nik(elsewhere_kecamatan)
    assert "sudah dicetak hari ini" in queue.check_nik(printed)
    assert "Loket Setu" in queue.check_nik(other_station)
    assert queue.check_nik(fine) is None
    refused = queue.issue(desk.operator, "baru", nik=not_ready)
    assert isinstance(refused, TurnedAway) and refused.why.startswith("Status rekaman")
    assert QueueEvent.get(QueueEvent.kind == "turned_away").kecamatan_code == PAMULANG
    assert not QueueTicket.select().exists()


def test_a_missed_number_is_recalled_only_after_five_others_were_called(desk):
    queue = desk.services.queue
    for _ in range(8):
        _issued(queue.issue(desk.operator, "baru"))
    missed = queue.call_next(desk.operator)
    queue.no_show(desk.operator, missed.ticket_id)
    for _ in range(4):
        desk.clock.advance(minutes=3)
        queue.end(desk.operator, queue.call_next(desk.operator).ticket_id)
    with pytest.raises(UserFacingError, match="setelah 1 nomor lain"):
        queue.recall(desk.operator, missed.ticket_id)
    desk.clock.advance(minutes=3)
    queue.call_next(desk.operator)
    desk.clock.advance(minutes=3)

    again = queue.recall(desk.operator, missed.ticket_id)

    assert (again.code, again.status) == ("B-001", "called")
    assert [v.code for v in queue.now_serving(limit=2)] == ["B-001", "B-006"]
    assert AuditLog.select().where(AuditLog.action == "queue.recall").count() == 1


def test_priority_first_and_the_shortage_order_when_places_are_short(tmp_path):
    st = make_station(tmp_path, blanko=6, printers=["sim://q4"], at=MONDAY_0800)
    queue = st.services.queue
    for service in ("perubahan_data", "hilang", "baru"):
        _issued(queue.issue(st.operator, service))
    _issued(queue.issue(st.operator, "perubahan_data", priority="disabilitas"))
    # 4 waiting of 6 places: 2 left, short: the shortage order behind the priority group
    assert queue.places().short
    assert [t.code for t in queue.waiting()] == ["P-004", "B-003", "H-002", "P-001"]
    assert [t.estimated_wait_minutes for t in queue.waiting()] == [0, 3, 6, 9]  # 3 min a card by default
    assert queue.call_next(st.operator).code == "P-004"
    st.services.close()


def test_places_lost_are_told_once_in_reverse_priority_order(desk):
    queue = desk.services.queue
    station_id = desk.services.stations.require().id
    for service in ("hilang", "baru", "perubahan_data", "baru"):
        _issued(queue.issue(desk.operator, service))
    assert queue.recheck() == []
    for _ in range(7):  # blanko spoiled at the counter: 3 left, and a spoilage rate of 7 of 7
        desk.services.stock.write_off(desk.supervisor, station_id, "test print")
    lost = queue.recheck()
    assert queue.places().known == 0
    assert [p.ticket.code for p in lost] == ["P-003", "H-001", "B-004", "B-002"]
    assert lost[0].why.startswith("Maaf, tempat untuk nomor ini hilang") and lost[0].alternatives == ALTERNATIVES
    assert queue.recheck() == []  # told once
    assert {t.status for t in QueueTicket.select()} == {"lost_place"}
    assert QueueEvent.select().where(QueueEvent.kind == "lost_place").count() == 4


def test_a_printer_gone_takes_its_capacity_and_the_last_tickets_lose_their_place(tmp_path):
    st = make_station(tmp_path, blanko=50, printers=["sim://q5", "sim://q6"], at=datetime(2026, 12, 7, 14, 0))
    queue = st.services.queue
    assert queue.places().capacity == 40  # one hour to closing, 20 cards an hour each
    for _ in range(30):
        _issued(queue.issue(st.operator, "baru"))
    queue.ready_printers = lambda: ["sim://q5"]  # a ribbon ran out on the other
    lost = queue.recheck()
    assert [p.ticket.code for p in lost] == [f"B-{n:03d}" for n in range(30, 20, -1)]
    assert queue.count_waiting() == 20


def test_cancel_send_elsewhere_and_reprint_are_audited(desk):
    queue = desk.services.queue
    one, two, three = (_issued(queue.issue(desk.operator, "baru")) for _ in range(3))
    queue.cancel(desk.operator, one.ticket_id)
    queue.send_elsewhere(desk.operator, two.ticket_id)
    again = queue.reprint(desk.operator, three.ticket_id)
    assert again.code == three.code and again.ticket_id == three.ticket_id
    assert [a for (a,) in AuditLog.select(AuditLog.action).where(AuditLog.action.startswith("queue."))
            .order_by(AuditLog.seq).tuples()] == ["queue.cancel", "queue.sent_elsewhere", "queue.reprint"]
    with pytest.raises(UserFacingError, match="dibatalkan"):
        queue.serve(desk.operator, one.ticket_id)
    with pytest.raises(UserFacingError, match="tidak dikenal"):
        queue.serve(desk.operator, "0" * 32)


def test_a_station_of_version_13_migrates_and_keeps_a_queue(tmp_path):
    schemas = Path(__file__).resolve().parents[1] / "data" / "schemas"
    shutil.copy(schemas / "station-v13.sqlite3", tmp_path / DB_FILENAME)
    services = build_services(tmp_path, clock=FixedClock(MONDAY_0800), create=False)
    try:
        operator = services.auth.login("operator", "operator123")
        assert services.queue.places().known > 0
        assert _issued(services.queue.issue(operator, "baru")).code == "B-001"
        assert QueueEvent.select().count() == 1
    finally:
        services.close()
    services = build_services(tmp_path, create=False)
    try:
        assert QueueEvent.select().count() == 1  # kept across a reopen
    finally:
        services.close()


def test_the_tables_of_the_queue_are_empty_of_niks_in_events(desk):
    queue = desk.services.queue
    nik = add_resident(serial=21)
    _issued(queue.issue(desk.operator, "baru", nik=nik))
    columns = [c.name for c in QueueEvent._meta.sorted_fields]
    assert "nik" not in columns
    assert PAMULANG in {e.kecamatan_code for e in QueueEvent.select()}


def test_the_command_line_shows_the_places_issues_and_lists_numbers(tmp_path, capsys, monkeypatch):
    from desktop.app import main

    st = make_station(tmp_path, blanko=4, printers=["sim://q7"], at=MONDAY_0800)
    st.services.close()
    data = ["--data-dir", str(tmp_path / "data")]
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    monkeypatch.setattr("desktop.composition.Clock", lambda: FixedClock(MONDAY_0800))  # the office's Monday

    assert main([*data, "queue", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["blanko"], status["waiting"]) == (4, 0) and status["known"] <= 4

    assert main([*data, "queue", "issue", "suket", "--priority", "hamil", "--user", "operator"]) == 0
    assert capsys.readouterr().out.startswith("Nomor S-001 (Suket ke KTP-el)")
    assert main([*data, "queue", "list", "--json"]) == 0
    assert [(t["code"], t["priority"]) for t in json.loads(capsys.readouterr().out)] == [("S-001", "hamil")]
    assert main([*data, "queue", "call", "--user", "operator"]) == 0
    assert capsys.readouterr().out == "Dipanggil: S-001 (Suket ke KTP-el).\n"


def test_one_number_a_citizen_a_day_and_the_next_day_still_checks_the_record(desk):
    queue = desk.services.queue
    nik = add_resident(serial=31)
    first = _issued(queue.issue(desk.operator, "rusak", nik=nik))
    with pytest.raises(UserFacingError, match=f"sudah memegang nomor {first.code}") as refused:
        queue.issue(desk.operator, "rusak", nik=nik)
    assert refused.value.code == "already_holding"
    assert _issued(queue.issue_next_day(desk.operator, "rusak", nik=nik)).day == date(2026, 12, 8)
    not_ready = add_resident(serial=32, status="SENT_FOR_ENROLLMENT")
    with pytest.raises(UserFacingError, match="Status rekaman"):
        queue.issue_next_day(desk.operator, "baru", nik=not_ready)
    assert QueueTicket.select().count() == 2
