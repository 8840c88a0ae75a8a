"""The queue at the door (issue 25; rules in desktop/domain/queue.py, decisions in docs/queue.md).

A station keeps its own queue, capped by its own places: a ticket is issued only while the tickets
holding a place are fewer than the places the station knows at that moment (print rights held and
obtainable, usable blanko, printer capacity until closing). Every change of a ticket writes its
event and the event's outbox row (entity `queue_event`, no NIK) in one transaction. `recheck()` finds
the tickets that lost their place since the last check and marks each told, once.
"""

from __future__ import annotations

import json
import logging
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from peewee import SQL, SqliteDatabase, fn

from desktop.clock import Clock
from desktop.domain import queue as rules
from desktop.domain.card_history import printed_elsewhere
from desktop.domain.nik import normalize_nik, parse_nik
from desktop.domain.queue import Places, QueueEntry
from desktop.domain.record_status import status_info
from desktop.domain.regions import Regions
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.leases import LeaseService, lease_id
from desktop.services.quota import QuotaService
from desktop.services.residents import (
    ResidentService,
    other_kecamatan_blocker,
    printed_elsewhere_today,
    printed_here,
    printed_here_blocker,
    status_blocker,
)
from desktop.services.session import CurrentUser
from desktop.services.station import StationInfo, StationService
from desktop.services.stock import StockService
from desktop.settings import (
    LEASE_RENEW_FAILED,
    QUEUE_CARDS_PER_HOUR,
    QUEUE_CLOSES,
    QUEUE_DAYS,
    QUEUE_OPENS,
    QUEUE_RECALL_AFTER,
    REPORT_LETTERHEAD,
    TICKET_PRINTER,
)
from desktop.store.models import (
    BlankoMovement,
    IssuedCard,
    Outbox,
    PrintJob,
    QueueEvent,
    QueueTicket,
    QuotaLease,
)

log = logging.getLogger("ktp.queue")

ALTERNATIVES = (
    msg("Ambil nomor antrean untuk hari buka berikutnya."),
    msg("Minta surat keterangan (suket) pengganti KTP-el sementara."),
    msg("Aktifkan Identitas Kependudukan Digital (IKD) di ponsel."),
)


@dataclass(frozen=True)
class TicketView:
    """A ticket as plain data (the paper, the screens and the counter)."""

    ticket_id: str
    code: str
    service: str
    service_label: str
    priority: str
    day: date
    issued_at: datetime  # local, aware
    estimated_wait_minutes: int | None
    station_name: str
    office_name: str
    status: str
    nik: str | None = None  # only where the operator needs it: the counter opens with it
    disaster_reason: str | None = None
    printed: bool = False


@dataclass(frozen=True)
class Issued:
    ticket: TicketView
    places: Places  # what the station knew when it issued the ticket


@dataclass(frozen=True)
class TurnedAway:
    why: str
    alternatives: tuple[str, ...]
    next_day: date | None


@dataclass(frozen=True)
class LostPlace:
    """A ticket that lost its place: its holder is told `why` and the alternatives, once."""

    ticket: TicketView
    why: str
    alternatives: tuple[str, ...]


class QueueService:
    def __init__(self, db: SqliteDatabase, clock: Clock, stations: StationService, quota: QuotaService,
                 leases: LeaseService, stock: StockService, residents: ResidentService, regions: Regions) -> None:
        self.db = db
        self.clock = clock
        self.stations = stations
        self.quota = quota
        self.leases = leases
        self.stock = stock
        self.residents = residents
        self.regions = regions
        # The URIs of the printers ready now, as the printer controllers know them (set by the UI);
        # None: every configured printer counts as ready.
        self.ready_printers: Callable[[], Iterable[str]] | None = None

    # --- settings ---------------------------------------------------------------------------------
    def settings(self) -> dict:
        return {"opens": QUEUE_OPENS.get(), "closes": QUEUE_CLOSES.get(), "days": QUEUE_DAYS.get(),
                "recall_after": QUEUE_RECALL_AFTER.get(), "cards_per_hour": QUEUE_CARDS_PER_HOUR.get(),
                "ticket_printer": TICKET_PRINTER.get()}

    def configure(self, actor: CurrentUser, *, opens: str | None = None, closes: str | None = None,
                  days: str | None = None, recall_after: int | None = None, cards_per_hour: int | None = None,
                  ticket_printer: str | None = None) -> dict:
        """The station's queue settings (a supervisor or admin; audited)."""
        actor.require(Permission.RAISE_QUOTA)
        try:
            hours = (rules.parse_hhmm(opens or QUEUE_OPENS.get()), rules.parse_hhmm(closes or QUEUE_CLOSES.get()))
            weekdays = rules.open_days(days if days is not None else QUEUE_DAYS.get())
        except ValueError as exc:
            raise UserFacingError(msg("Jam antrean ditulis JJ:MM (misalnya 07:00) dan hari buka sebagai angka "
                                      "1-7 dipisah koma.")) from exc
        if hours[0] >= hours[1]:
            raise UserFacingError(msg("Jam tutup antrean harus sesudah jam bukanya."))
        if not weekdays or not weekdays <= set(range(1, 8)):
            raise UserFacingError(msg("Hari buka ditulis sebagai angka 1 (Senin) sampai 7 (Minggu), dipisah koma."))
        for value in (recall_after, cards_per_hour):
            if value is not None and not 0 <= value <= 1000:
                raise UserFacingError(msg("Angka pengaturan antrean harus antara 0 dan 1000."))
        with self.db.atomic("IMMEDIATE"):
            changed = {}
            for var, value in ((QUEUE_OPENS, opens and hours[0].strftime("%H:%M")),
                               (QUEUE_CLOSES, closes and hours[1].strftime("%H:%M")),
                               (QUEUE_DAYS, days and ",".join(str(d) for d in sorted(weekdays))),
                               (QUEUE_RECALL_AFTER, recall_after), (QUEUE_CARDS_PER_HOUR, cards_per_hour),
                               (TICKET_PRINTER, ticket_printer.strip() if ticket_printer is not None else None)):
                if value is not None:
                    var.set(value)
                    changed[var.key] = value
            if changed:
                audit.record("queue.settings", actor, at=self.clock.now_utc(), **changed)
        return self.settings()

    # --- the places ----------------------------------------------------------------------------------
    def places(self) -> Places:
        """What the station can still promise today (tickets holding places included)."""
        return self._places(self.stations.require(), self.clock.today())

    def _places(self, info: StationInfo, day: date) -> Places:
        return rules.make_places(self._rights(info), self._blanko(info), self._capacity(info), self._holding(day))

    def _rights(self, info: StationInfo) -> int:
        """Print rights held and obtainable today for the kecamatan the station serves."""
        if not self.leases.enrolled():
            return sum(self.quota.state(code).remaining for code in info.served)
        if self.leases.station_blocker():
            return 0
        # The station's share of the pool, as the server last said it, can be obtained while the server
        # answers (the stations of a hub never count the same rights twice); after a failed renewal
        # (offline), or from a server that does not say a share, only the rights held count.
        online = LEASE_RENEW_FAILED.get() is None
        total = 0
        for code in info.served:
            lease = self.leases.lease(code)
            row = QuotaLease.get_or_none(QuotaLease.id == lease_id(code, lease.day))
            total += lease.left + ((row.share or 0) if row and online else 0)
        return total

    def _blanko(self, info: StationInfo) -> int:
        since = self.clock.now_utc() - timedelta(days=rules.RATE_DAYS)
        spoiled = (BlankoMovement.select(fn.COALESCE(fn.SUM(BlankoMovement.quantity), 0))
                   .where((BlankoMovement.kind == "spoil") & (BlankoMovement.station == info.id)
                          & (BlankoMovement.at >= since)).scalar())
        issued = (IssuedCard.select(fn.COUNT(SQL("*")))
                  .where((IssuedCard.station == info.id) & (IssuedCard.issued_at >= since)).scalar())
        return rules.usable_blanko(self.stock.summary(info.id).in_stock, spoiled, issued)

    def _capacity(self, info: StationInfo) -> int:
        ready = list(self.ready_printers()) if self.ready_printers is not None else list(info.printers)
        default = float(QUEUE_CARDS_PER_HOUR.get())
        since = self.clock.now_utc() - timedelta(days=rules.RATE_DAYS)
        rates = []
        for uri in ready:
            starts = [row[0] for row in PrintJob.select(PrintJob.created_at)
                      .where((PrintJob.printer_uri == uri) & (PrintJob.created_at >= since))
                      .order_by(PrintJob.created_at).tuples()]
            rates.append(rules.printer_rate(starts, default))
        hours = rules.hours_open(self.clock.now_local(), rules.parse_hhmm(QUEUE_OPENS.get()),
                                 rules.parse_hhmm(QUEUE_CLOSES.get()))
        return rules.capacity(rates, hours)

    def _holding(self, day: date) -> int:
        """Tickets of `day` holding a place: waiting, called, and at the counter until their card's job
        exists (the job then holds the right and the blanko itself)."""
        rows = list(QueueTicket.select(QueueTicket.status, QueueTicket.nik)
                    .where((QueueTicket.day == day) & QueueTicket.status.in_(rules.HOLDING)).tuples())
        carded = self._carded(day, [nik for status, nik in rows if status == rules.SERVING and nik])
        return sum(1 for status, nik in rows if not (status == rules.SERVING and nik in carded))

    def _carded(self, day: date, niks: list[str]) -> set[str]:
        if not niks:
            return set()
        return {row[0] for row in PrintJob.select(PrintJob.nik)
                .where((PrintJob.day == day) & PrintJob.nik.in_(niks) & (PrintJob.state != "failed")).tuples()}

    # --- the door ---------------------------------------------------------------------------------------
    def check_nik(self, nik: str) -> str | None:
        """A sentence when no card can be printed for this NIK today (not print-ready, another kecamatan,
        printed today anywhere in the regency); None when fine, or when the NIK is not known here (the
        counter checks it again)."""
        return self._nik_refusal(nik, today_too=True)

    def _nik_refusal(self, nik: str, today_too: bool) -> str | None:
        info = self.stations.require()
        today = self.clock.today()
        parsed = parse_nik(nik, today=today, regions=self.regions)
        if not parsed.valid:
            return parsed.errors[0].message
        resident = self.residents.find(parsed.nik)
        if resident is None:
            return None
        status = status_info(resident.record_status)
        if not status.printable:
            return status_blocker(status)
        if resident.kecamatan_code not in info.served:
            return other_kecamatan_blocker(resident)
        if not today_too:  # a ticket for another day: a card printed today does not stand in its way
            return None
        printed = printed_here(resident.nik, today)
        if printed:
            return printed_here_blocker(printed)
        history = self.residents.history(resident.nik, True) if self.residents.history is not None else []
        elsewhere = printed_elsewhere_today(history, today)
        if elsewhere is not None:
            return printed_elsewhere(elsewhere, self.clock.zone)
        return None

    def issue(self, actor: CurrentUser, service: str, nik: str | None = None, priority: str = "",
              disaster_reason: str = "") -> Issued | TurnedAway:
        """A ticket for today, or why not and the alternatives (the turned-away citizen is logged too)."""
        actor.require(Permission.ISSUE_TICKET)
        nik, priority, disaster_reason = self._checked_request(service, nik, priority, disaster_reason)
        info = self.stations.require()
        today = self.clock.today()
        if nik:
            refused = self.check_nik(nik)  # outside the write lock: it may ask the regency
            if refused:
                self._turned_away(info, today, service, priority, nik)
                return TurnedAway(refused, (), None)
        closed = self._closed_sentence(today)
        if closed is not None:
            self._turned_away(info, today, service, priority, nik)
            return TurnedAway(closed[0], ALTERNATIVES if closed[1] else (), closed[1])
        priority = priority or self._elderly(nik, today)
        with self.db.atomic("IMMEDIATE"):
            self._refuse_second_ticket(nik, today)
            places = self._places(info, today)
            if places.left <= 0:
                self._turned_away(info, today, service, priority, nik)
                why = msg("Nomor antrean hari ini sudah habis: {why}", why=places.why)
                return TurnedAway(why, ALTERNATIVES, self._next_open_day(today))
            row = self._new_ticket(actor, info, today, service, nik, priority, disaster_reason)
        after = rules.make_places(places.rights, places.blanko, places.capacity, places.waiting + 1)
        return Issued(self._view(row, info, places=after), places)

    def issue_next_day(self, actor: CurrentUser, service: str, nik: str | None = None, priority: str = "",
                       disaster_reason: str = "") -> Issued:
        """A ticket for the next open day with a place, numbered for that day."""
        actor.require(Permission.ISSUE_TICKET)
        nik, priority, disaster_reason = self._checked_request(service, nik, priority, disaster_reason)
        info = self.stations.require()
        day = self.clock.today()
        refused = self._nik_refusal(nik, today_too=False) if nik else None
        if refused:
            raise UserFacingError(refused, code="nik_refused")
        with self.db.atomic("IMMEDIATE"):
            for _ in range(10):
                day = self._next_open_day(day)
                if day is None:
                    break
                self._refuse_second_ticket(nik, day)
                places = self._future_places(info, day)
                if places.left > 0:
                    row = self._new_ticket(actor, info, day, service, nik, priority or self._elderly(nik, day),
                                           disaster_reason)
                    return Issued(self._view(row, info), places)
        raise UserFacingError(msg("Tidak ada tempat antrean pada hari-hari buka berikutnya; minta penduduk kembali "
                                  "lain waktu atau gunakan IKD."))

    def _future_places(self, info: StationInfo, day: date) -> Places:
        # A day ahead: its quota (no rights leased yet), the blanko left after today's tickets, a full day.
        rights = sum(self.quota.state(code, day).remaining for code in info.served)
        today_holding = self._holding(self.clock.today())
        blanko = self._blanko(info) - today_holding - sum(
            self._holding(d) for d in self._ticket_days_between(self.clock.today(), day))
        opens, closes = rules.parse_hhmm(QUEUE_OPENS.get()), rules.parse_hhmm(QUEUE_CLOSES.get())
        start = self.clock.now_local().replace(hour=opens.hour, minute=opens.minute, second=0, microsecond=0)
        default = float(QUEUE_CARDS_PER_HOUR.get())
        ready = list(info.printers)
        full_day = rules.capacity([default] * len(ready), rules.hours_open(start, opens, closes))
        return rules.make_places(rights, blanko, full_day, self._holding(day))

    def _ticket_days_between(self, first: date, last: date) -> list[date]:
        return [row[0] for row in QueueTicket.select(QueueTicket.day).distinct()
                .where((QueueTicket.day > first) & (QueueTicket.day < last)).tuples()]

    def _refuse_second_ticket(self, nik: str | None, day: date) -> None:
        """One ticket a citizen a day: a NIK that already holds a number gets that number (reprint it)."""
        if not nik:
            return
        held = QueueTicket.get_or_none((QueueTicket.day == day) & (QueueTicket.nik == nik)
                                       & QueueTicket.status.in_(rules.HOLDING + (rules.NO_SHOW,)))
        if held is not None:
            raise UserFacingError(msg("NIK ini sudah memegang nomor {code} untuk {day}; cetak ulang nomor itu bila "
                                      "kertasnya hilang.", code=held.code, day=held.day.strftime("%d-%m-%Y")),
                                  code="already_holding")

    def _checked_request(self, service: str, nik: str | None, priority: str,
                         disaster_reason: str) -> tuple[str | None, str, str | None]:
        if service not in rules.SERVICES:
            raise UserFacingError(msg("Layanan antrean tidak dikenal: {service}.", service=service))
        if priority not in rules.PRIORITY_GROUPS:
            raise UserFacingError(msg("Kelompok prioritas tidak dikenal: {priority}.", priority=priority))
        reason = (disaster_reason or "").strip()
        if len(reason) > 200:
            raise UserFacingError(msg("Keterangan korban bencana terlalu panjang (paling banyak 200 huruf)."))
        return (normalize_nik(nik) if nik and nik.strip() else None), priority, reason or None

    def _elderly(self, nik: str | None, day: date) -> str:
        if not nik:
            return ""
        parsed = parse_nik(nik, today=day, regions=self.regions)
        resident = self.residents.find(parsed.nik) if parsed.valid else None
        born = resident.birth_date if resident is not None else parsed.birth_date
        return "lansia" if rules.is_elderly(born, day) else ""

    def _closed_sentence(self, today: date) -> tuple[str, date | None] | None:
        now = self.clock.now_local()
        opens, closes = rules.parse_hhmm(QUEUE_OPENS.get()), rules.parse_hhmm(QUEUE_CLOSES.get())
        days = rules.open_days(QUEUE_DAYS.get())
        if today.isoweekday() in days and now.time() < opens:
            return msg("Antrean hari ini dibuka pukul {time}.", time=opens.strftime("%H:%M")), None
        if today.isoweekday() not in days or now.time() >= closes:
            return (msg("Antrean hari ini sudah ditutup (buka {opens}-{closes}).", opens=opens.strftime("%H:%M"),
                        closes=closes.strftime("%H:%M")), self._next_open_day(today))
        return None

    def _next_open_day(self, after: date) -> date | None:
        return rules.next_open_day(after, rules.open_days(QUEUE_DAYS.get()))

    def _new_ticket(self, actor: CurrentUser, info: StationInfo, day: date, service: str, nik: str | None,
                    priority: str, disaster_reason: str | None) -> QueueTicket:
        seq = (QueueTicket.select(fn.MAX(QueueTicket.seq)).where(QueueTicket.day == day).scalar() or 0) + 1
        resident = self.residents.find(nik) if nik else None
        row = QueueTicket.create(
            id=secrets.token_hex(16), day=day, seq=seq, code=rules.ticket_code(service, seq), service=service,
            priority=priority, disaster_reason=disaster_reason, nik=nik,
            kecamatan_code=resident.kecamatan_code if resident else None, status=rules.WAITING,
            issued_at=self.clock.now_utc(), issued_by=actor.username, calls=0, printed=False)
        self._event(row, "arrive", info)
        return row

    def _turned_away(self, info: StationInfo, day: date, service: str, priority: str, nik: str | None) -> None:
        resident = self.residents.find(nik) if nik else None
        ghost = QueueTicket(id=secrets.token_hex(16), day=day, code=rules.ticket_code(service, 0), service=service,
                            priority=priority, kecamatan_code=resident.kecamatan_code if resident else None)
        with self.db.atomic("IMMEDIATE"):
            self._event(ghost, "turned_away", info)

    def _event(self, ticket: QueueTicket, kind: str, info: StationInfo) -> None:
        """The event and its outbox row, in the caller's transaction (no NIK, ever)."""
        at = self.clock.now_utc()
        event_id = str(uuid.uuid4())
        # The regency accepts a station's events only for a kecamatan it serves (one refused event stops
        # the whole push): a citizen of another kecamatan turned away at this door is this station's event.
        kecamatan = ticket.kecamatan_code if ticket.kecamatan_code in info.served else info.kecamatan_code
        QueueEvent.create(id=event_id, ticket_id=ticket.id, day=ticket.day, code=ticket.code, service=ticket.service,
                          priority=ticket.priority, kind=kind, at=at, kecamatan_code=kecamatan)
        # Written straight, not through audit.enqueue: an event is not a row that decides a print, and
        # most events (arrive, call, serve, end) have no audit entry to claim it.
        Outbox.create(entity="queue_event", entity_id=event_id, op="insert", payload=_json({
            "day": ticket.day.isoformat(), "ticket": ticket.id, "code": ticket.code, "service": ticket.service,
            "priority": ticket.priority, "kind": kind, "at": at.replace(microsecond=0).isoformat() + "Z",
            "kecamatan": kecamatan}))

    # --- the list and the counter -------------------------------------------------------------------------
    def waiting(self) -> list[TicketView]:
        """Today's waiting tickets in calling order, each with its estimated wait."""
        info = self.stations.require()
        today = self.clock.today()
        rows = self._ordered_waiting(info, today)
        at_counter = self._at_counter(today)
        minutes = self._service_minutes(info)
        office = self._office_name(info)
        return [self._view(row, info, wait=rules.estimated_wait(at_counter + i, minutes), office=office)
                for i, row in enumerate(rows)]

    def _at_counter(self, day: date) -> int:
        return QueueTicket.select().where((QueueTicket.day == day)
                                          & QueueTicket.status.in_((rules.CALLED, rules.SERVING))).count()

    def count_waiting(self) -> int:
        return QueueTicket.select().where((QueueTicket.day == self.clock.today())
                                          & (QueueTicket.status == rules.WAITING)).count()

    def _ordered_waiting(self, info: StationInfo, day: date, places: Places | None = None) -> list[QueueTicket]:
        rows = {row.id: row for row in QueueTicket.select().where((QueueTicket.day == day)
                                                                  & (QueueTicket.status == rules.WAITING))}
        short = (places or self._places(info, day)).short
        entries = [QueueEntry(r.id, r.seq, r.service, r.priority, bool(r.disaster_reason)) for r in rows.values()]
        return [rows[e.ticket_id] for e in rules.calling_order(entries, short)]

    def _service_minutes(self, info: StationInfo) -> float:
        since = self.clock.now_utc() - timedelta(days=rules.RATE_DAYS)
        starts: dict[str, datetime] = {}
        durations = []
        for ticket_id, kind, at in (QueueEvent.select(QueueEvent.ticket_id, QueueEvent.kind, QueueEvent.at)
                                    .where(QueueEvent.kind.in_(("serve", "end")) & (QueueEvent.at >= since))
                                    .order_by(QueueEvent.at).tuples()):
            if kind == "serve":
                starts[ticket_id] = at
            elif ticket_id in starts:
                durations.append((at - starts.pop(ticket_id)).total_seconds())
        printers = max(1, len(info.printers))
        return rules.mean_minutes(durations, 60.0 / max(1, QUEUE_CARDS_PER_HOUR.get()) / printers)

    def call_next(self, actor: CurrentUser) -> TicketView | None:
        """The next number by the priority rules (None: nobody waits)."""
        actor.require(Permission.PRINT)
        info = self.stations.require()
        with self.db.atomic("IMMEDIATE"):
            order = self._ordered_waiting(info, self.clock.today())
            if not order:
                return None
            row = order[0]
            row.status, row.called_at, row.calls = rules.CALLED, self.clock.now_utc(), row.calls + 1
            row.save()
            self._event(row, "call", info)
        return self._view(row, info, nik=True)

    def _calls_today(self, day: date) -> int:
        return QueueEvent.select().where((QueueEvent.day == day) & (QueueEvent.kind == "call")).count()

    def recall(self, actor: CurrentUser, ticket_id: str) -> TicketView:
        """Call a missed number again, once `recall_after` others were called since it was missed."""
        actor.require(Permission.PRINT)
        info = self.stations.require()
        with self.db.atomic("IMMEDIATE"):
            row = self._ticket(ticket_id, (rules.NO_SHOW,))
            calls = self._calls_today(row.day)
            after = QUEUE_RECALL_AFTER.get()
            if not rules.may_recall(calls, row.missed_after_seq, after):
                raise UserFacingError(rules.recall_refusal(calls, row.missed_after_seq, after), code="recall_early")
            if self._places(info, row.day).left <= 0:
                raise UserFacingError(msg("Nomor {code} tidak dapat dipanggil ulang: tempat hari ini sudah habis "
                                          "untuk nomor yang menunggu.", code=row.code), code="no_place")
            row.status, row.called_at, row.calls, row.missed_after_seq = (rules.CALLED, self.clock.now_utc(),
                                                                          row.calls + 1, None)
            row.save()
            self._event(row, "recall", info)
            audit.record("queue.recall", actor, at=self.clock.now_utc(), ticket=row.id, code=row.code)
        return self._view(row, info, nik=True)

    def serve(self, actor: CurrentUser, ticket_id: str) -> TicketView:
        """Service starts at the counter (from a called number, or a waiting one the officer takes)."""
        return self._step(actor, ticket_id, (rules.WAITING, rules.CALLED), rules.SERVING, "serve")

    def end(self, actor: CurrentUser, ticket_id: str) -> TicketView:
        return self._step(actor, ticket_id, (rules.CALLED, rules.SERVING), rules.SERVED, "end")

    def no_show(self, actor: CurrentUser, ticket_id: str) -> TicketView:
        return self._step(actor, ticket_id, (rules.CALLED,), rules.NO_SHOW, "no_show")

    def send_elsewhere(self, actor: CurrentUser, ticket_id: str) -> TicketView:
        return self._step(actor, ticket_id, (rules.WAITING, rules.CALLED, rules.SERVING), rules.SENT_ELSEWHERE,
                          "sent_elsewhere", audited="queue.sent_elsewhere")

    def cancel(self, actor: CurrentUser, ticket_id: str) -> TicketView:
        return self._step(actor, ticket_id, (rules.WAITING, rules.CALLED, rules.NO_SHOW), rules.CANCELLED, "cancel",
                          audited="queue.cancel", permission=Permission.ISSUE_TICKET)

    def _step(self, actor: CurrentUser, ticket_id: str, allowed: tuple[str, ...], status: str, kind: str,
              audited: str | None = None, permission: Permission = Permission.PRINT) -> TicketView:
        actor.require(permission)
        info = self.stations.require()
        with self.db.atomic("IMMEDIATE"):
            row = self._ticket(ticket_id, allowed)
            now = self.clock.now_utc()
            row.status = status
            if kind == "serve":
                row.served_at = now
            if kind == "no_show":
                row.missed_after_seq = self._calls_today(row.day)
            row.save()
            self._event(row, kind, info)
            if audited:
                audit.record(audited, actor, at=now, ticket=row.id, code=row.code)
        return self._view(row, info, nik=kind == "serve")

    def reprint(self, actor: CurrentUser, ticket_id: str) -> TicketView:
        """A lost ticket: the same number again, on paper or screen (audited)."""
        actor.require(Permission.ISSUE_TICKET)
        info = self.stations.require()
        with self.db.atomic("IMMEDIATE"):
            row = self._ticket(ticket_id, (rules.WAITING, rules.CALLED, rules.NO_SHOW))
            audit.record("queue.reprint", actor, at=self.clock.now_utc(), ticket=row.id, code=row.code)
        return self._view(row, info)

    def mark_printed(self, ticket_id: str, printed: bool) -> None:
        """Whether the ticket's paper came out (False: its number was shown on screen instead)."""
        QueueTicket.update(printed=printed).where(QueueTicket.id == ticket_id).execute()

    def ticket(self, ticket_id: str) -> TicketView:
        """A ticket by its id (the QR of the paper), with the NIK for the counter."""
        return self._view(self._ticket(ticket_id, rules.STATUSES), self.stations.require(), nik=True)

    def _ticket(self, ticket_id: str, allowed: tuple[str, ...]) -> QueueTicket:
        row = QueueTicket.get_or_none(QueueTicket.id == (ticket_id or "").strip().lower())
        if row is None:
            raise UserFacingError(msg("Nomor antrean ini tidak dikenal di stasiun ini."), code="unknown_ticket")
        if row.status not in allowed:
            raise UserFacingError(msg("Nomor {code} berstatus {status}; tindakan ini tidak berlaku untuknya.",
                                      code=row.code, status=STATUS_LABELS.get(row.status, row.status)),
                                  code="ticket_state")
        return row

    def now_serving(self, limit: int = 5) -> list[TicketView]:
        """The last numbers called today, newest first."""
        info = self.stations.require()
        rows = (QueueTicket.select().where((QueueTicket.day == self.clock.today()) & QueueTicket.called_at.is_null(False)
                                           & QueueTicket.status.in_((rules.CALLED, rules.SERVING, rules.SERVED)))
                .order_by(QueueTicket.called_at.desc()).limit(limit))
        office = self._office_name(info)
        return [self._view(row, info, office=office) for row in rows]

    # --- places lost -----------------------------------------------------------------------------------------
    def recheck(self) -> list[LostPlace]:
        """Tickets that lost their place since the last check, the last in calling order first; each is
        marked told (`told_at`, status lost_place) in the same transaction, so it is told once."""
        info = self.stations.require()
        today = self.clock.today()
        lost: list[QueueTicket] = []
        with self.db.atomic("IMMEDIATE"):
            places = self._places(info, today)
            order = self._ordered_waiting(info, today, places)
            keep = places.known - (places.waiting - len(order))  # places left for the waiting, after the counter's
            now = self.clock.now_utc()
            for row in reversed(order[max(0, keep):]):
                row.status, row.told_at = rules.LOST_PLACE, now
                row.save()
                self._event(row, "lost_place", info)
                lost.append(row)
        if lost:
            log.info("queue: %d ticket(s) lost their place (%s)", len(lost), places.why)
        why = msg("Maaf, tempat untuk nomor ini hilang: {why}", why=places.why)
        office = self._office_name(info)
        return [LostPlace(self._view(row, info, office=office), why, ALTERNATIVES) for row in lost]

    # --- views -------------------------------------------------------------------------------------------------
    def _view(self, row: QueueTicket, info: StationInfo, *, nik: bool = False, wait: int | None = None,
              office: str | None = None, places: Places | None = None) -> TicketView:
        issued = datetime.combine(row.issued_at.date(), row.issued_at.time(), tzinfo=UTC).astimezone(self.clock.zone)
        if wait is None and row.status == rules.WAITING and row.day == self.clock.today() and not nik:
            wait = self._wait_of(row, info, places)
        return TicketView(ticket_id=row.id, code=row.code, service=row.service,
                          service_label=rules.service_label(row.service), priority=row.priority, day=row.day,
                          issued_at=issued, estimated_wait_minutes=wait, station_name=info.name,
                          office_name=office or self._office_name(info), status=row.status,
                          nik=row.nik if nik else None, disaster_reason=row.disaster_reason, printed=bool(row.printed))

    def _wait_of(self, row: QueueTicket, info: StationInfo, places: Places | None) -> int | None:
        ids = [r.id for r in self._ordered_waiting(info, row.day, places)]
        if row.id not in ids:
            return None
        return rules.estimated_wait(self._at_counter(row.day) + ids.index(row.id), self._service_minutes(info))

    def _office_name(self, info: StationInfo) -> str:
        office = (REPORT_LETTERHEAD.get() or {}).get("office")
        return office or msg("Kecamatan {name}", name=self.regions.name(info.kecamatan_code) or info.kecamatan_code)


STATUS_LABELS = {
    rules.WAITING: msg("menunggu"), rules.CALLED: msg("dipanggil"), rules.SERVING: msg("sedang dilayani"),
    rules.SERVED: msg("selesai dilayani"), rules.NO_SHOW: msg("tidak hadir"),
    rules.SENT_ELSEWHERE: msg("dialihkan"), rules.CANCELLED: msg("dibatalkan"),
    rules.LOST_PLACE: msg("kehilangan tempat"),
}


def _json(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True)
