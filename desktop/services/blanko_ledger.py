"""The station's blanko ledger: spoilage by reason, the daily destruction before witnesses, transfers
back through the regency, every movement listed with filters, one serial traced, and the balance.

The balance (docs/decisions.md, "The blanko ledger") is computed from the movements, never from the
blanko's states, and compared with them:

    received + transferred in - transferred out - issued - spoiled = in stock + incoming
    destroyed <= spoiled, awaiting destruction = spoiled - destroyed

A station allocates nothing onwards (the regency does), so its "allocated out" is always 0; "transferred
in" reaches a station as a leased range (the regency re-leases the serials), so it counts as received.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from peewee import JOIN, Column, SqliteDatabase, fn

from desktop.clock import Clock
from desktop.domain.audit_chain import blanko_effect, expand_serials
from desktop.domain.blanko import SPOIL_REASONS, reason_code
from desktop.domain.limits import FREE_TEXT_MAX, NOTE, check_length
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.approvals import DESTRUCTION, WRITE_OFF, require_recorded
from desktop.services.session import CurrentUser
from desktop.store.models import Blanko, BlankoMovement, BlankoRange, User, new_id

MIN_WITNESSES = 2
NIP = re.compile(r"^\d{18}$")  # Nomor Induk Pegawai: 18 digits
MAX_MOVEMENTS_PAGE = 500
_ROWID = Column(BlankoMovement._meta.table, "rowid")  # the order movements were written in (times may tie)


def _named_by_movement(approval_id: str) -> bool:
    return BlankoMovement.select().where(BlankoMovement.approval_id == approval_id).exists()


@dataclass(frozen=True)
class Balance:
    """One holder's figures; `holds` is the identity the ledger must keep."""

    received: int
    transferred_in: int
    allocated_out: int
    transferred_out: int
    issued: int
    spoiled: int
    destroyed: int
    in_stock: int  # reserved blanko (in a printer, job not settled) included
    incoming: int
    spoiled_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def awaiting_destruction(self) -> int:
        return self.spoiled - self.destroyed

    @property
    def expected_on_hand(self) -> int:
        return (self.received + self.transferred_in - self.allocated_out - self.transferred_out - self.issued
                - self.spoiled)

    @property
    def holds(self) -> bool:
        return self.expected_on_hand == self.in_stock + self.incoming and 0 <= self.destroyed <= self.spoiled


@dataclass(frozen=True)
class LedgerFilter:
    kinds: tuple[str, ...] = ()
    since: date | None = None  # office days, inclusive
    until: date | None = None
    serial: str = ""  # a serial or its start
    reason: str = ""  # a code of SPOIL_REASONS
    username: str = ""


@dataclass(frozen=True)
class LedgerRow:
    id: str
    at: datetime  # UTC
    kind: str
    quantity: int
    serial: str | None
    batch: str | None
    reason: str | None
    reason_code: str | None
    username: str | None
    job_id: str | None
    detail: str  # requested/box range, witnesses, counterpart, approval


class BlankoLedgerService:
    def __init__(self, db: SqliteDatabase, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # --- the balance --------------------------------------------------------------------------------
    def balance(self, station_id: str) -> Balance:
        def moved(kind: str) -> int:
            return int(BlankoMovement.select(fn.COALESCE(fn.SUM(BlankoMovement.quantity), 0))
                       .where((BlankoMovement.station == station_id) & (BlankoMovement.kind == kind)).scalar() or 0)

        # A leased range is received when it is leased (its blanko are `incoming` until the box is
        # confirmed); the receipt movement written at the confirmation is not counted again.
        local = int(BlankoMovement.select(fn.COALESCE(fn.SUM(BlankoMovement.quantity), 0)).where(
            (BlankoMovement.station == station_id) & (BlankoMovement.kind == "receipt")
            & ~(fn.COALESCE(BlankoMovement.batch, "").startswith("range:"))).scalar() or 0)
        leased = int(BlankoRange.select(fn.COALESCE(fn.SUM(BlankoRange.count), 0)).scalar() or 0)
        states = dict(Blanko.select(Blanko.state, fn.COUNT(Blanko.id)).where(Blanko.station == station_id)
                      .group_by(Blanko.state).tuples())
        by_reason: dict[str, int] = {}
        # Summed, not counted: a booking undone (a blanko counted missing after a restore whose card came
        # back from the regency) is a movement of -1.
        for reason, count in (BlankoMovement.select(BlankoMovement.reason, fn.SUM(BlankoMovement.quantity))
                              .where((BlankoMovement.station == station_id) & (BlankoMovement.kind == "spoil"))
                              .group_by(BlankoMovement.reason).tuples()):
            code = reason_code(reason)
            by_reason[code] = by_reason.get(code, 0) + count
        return Balance(
            received=local + leased, transferred_in=0, allocated_out=0, transferred_out=moved("transfer_out"),
            issued=moved("issue"), spoiled=moved("spoil"), destroyed=moved("destroy"),
            in_stock=states.get("in_stock", 0) + states.get("reserved", 0), incoming=states.get("incoming", 0),
            spoiled_by_reason=by_reason,
        )

    # --- spoilage, destruction, transfer --------------------------------------------------------------
    def spoil(self, actor: CurrentUser, station_id: str, reason: str, serial: str | None = None, note: str = "",
              approval_id: str | None = None) -> str:
        """Write off one blanko in stock (the next one, or `serial`) for a cause of SPOIL_REASONS.

        `approval_id`: the four-eyes approval of the write-off (kind WRITE_OFF, asked by `actor` today, not
        used before: ApprovalService.approved_action makes it in the same transaction), recorded with it."""
        actor.require(Permission.RECEIVE_BLANKO)  # stock keeping: supervisors and admins
        if reason not in SPOIL_REASONS or reason in ("other", "missing_after_restore"):
            raise UserFacingError(msg("Pilih penyebab blanko rusak: {reasons}.", reasons=", ".join(
                k for k in SPOIL_REASONS if k not in ("other", "missing_after_restore"))), code="spoil_reason")
        check_length(note, FREE_TEXT_MAX, NOTE)
        now = self.clock.now_utc()
        with self.db.atomic("IMMEDIATE"):
            require_recorded(approval_id, WRITE_OFF, actor, self.clock.today(), _named_by_movement)
            query = Blanko.select().where((Blanko.station == station_id) & (Blanko.state == "in_stock"))
            if serial:
                query = query.where(Blanko.serial == serial.strip().upper())
            blanko = query.order_by(Blanko.serial).first()
            if blanko is None:
                raise UserFacingError(msg("Blanko {serial} tidak ada di stok stasiun ini.", serial=serial)
                                      if serial else msg("Stok blanko di stasiun ini habis."), code="not_in_stock")
            Blanko.update(state="spoiled", updated_at=now).where(Blanko.id == blanko.id).execute()
            stored = f"{reason}:{note.strip()}" if note.strip() else reason
            BlankoMovement.create(kind="spoil", quantity=1, blanko=blanko.id, station=station_id, user=actor.id,
                                  reason=stored, at=now, approval_id=approval_id)
            audit.record("blanko.spoil", actor, at=now, effects=[blanko_effect(blanko.serial, "spoiled")],
                         job=None, reason=stored, approval=approval_id)
        return blanko.serial

    def awaiting_destruction(self, station_id: str) -> list[str]:
        return [b.serial for b in Blanko.select(Blanko.serial).where(
            (Blanko.station == station_id) & (Blanko.state == "spoiled")).order_by(Blanko.serial)]

    def destroy(self, actor: CurrentUser, station_id: str, witnesses: list[tuple[str, str]],
                serials: list[str] | None = None, approval_id: str | None = None) -> list[str]:
        """The daily destruction (berita acara pemusnahan): spoiled blanko, all of them or `serials`,
        destroyed before at least MIN_WITNESSES witnesses (name, 18-digit NIP); a supervisor records it.

        `approval_id`: the four-eyes approval of the destruction (kind DESTRUCTION, as for `spoil`)."""
        actor.require(Permission.RECEIVE_BLANKO)
        people = []
        for name, nip in witnesses:
            name, nip = " ".join(name.split()), "".join(nip.split())
            check_length(name, 60, msg("Nama saksi"))
            if not name or not NIP.match(nip):
                raise UserFacingError(msg("Saksi ditulis dengan nama dan NIP 18 angka ({name} {nip}).", name=name or "-",
                                          nip=nip or "-"), code="witness")
            people.append({"name": name, "nip": nip})
        if len({p["nip"] for p in people}) < MIN_WITNESSES:
            raise UserFacingError(msg("Pemusnahan blanko disaksikan sedikitnya {count} orang yang berbeda.",
                                      count=MIN_WITNESSES), code="witness")
        now = self.clock.now_utc()
        with self.db.atomic("IMMEDIATE"):
            require_recorded(approval_id, DESTRUCTION, actor, self.clock.today(), _named_by_movement)
            spoiled = {b.serial: b for b in Blanko.select().where(
                (Blanko.station == station_id) & (Blanko.state == "spoiled"))}
            wanted = sorted(spoiled) if serials is None else [s.strip().upper() for s in serials]
            missing = [s for s in wanted if s not in spoiled]
            if missing:
                raise UserFacingError(msg("Blanko {serial} tidak tercatat rusak di stasiun ini; hanya blanko rusak "
                                          "yang dimusnahkan.", serial=missing[0]), code="not_spoiled")
            if not wanted:
                raise UserFacingError(msg("Tidak ada blanko rusak yang menunggu dimusnahkan."), code="nothing_spoiled")
            ids = [spoiled[s].id for s in wanted]
            for start in range(0, len(ids), 500):
                Blanko.update(state="destroyed", updated_at=now).where(Blanko.id.in_(ids[start:start + 500])).execute()
            text = json.dumps(people, ensure_ascii=False)
            BlankoMovement.insert_many([
                {"id": new_id(), "kind": "destroy", "quantity": 1, "blanko": spoiled[s].id, "station": station_id,
                 "user": actor.id, "at": now, "witnesses": text, "approval_id": approval_id} for s in wanted]).execute()
            audit.record("blanko.destroy", actor, at=now, effects=[blanko_effect(s, "destroyed") for s in wanted],
                         count=len(wanted), witnesses=people, approval=approval_id)
        return wanted

    def transfer_out(self, actor: CurrentUser, station_id: str, first: str, last: str, to_station: str,
                     approval_id: str | None = None) -> int:
        """Blanko in stock first..last leave for another station through the regency (the regency
        re-leases them there: `ktp-mandiri-server blanko transfer`)."""
        actor.require(Permission.RECEIVE_BLANKO)
        to_station = to_station.strip()
        if not to_station:
            raise UserFacingError(msg("Tuliskan kode stasiun tujuan."), code="transfer_target")
        try:
            serials = list(expand_serials(first.strip().upper(), last.strip().upper()))
        except ValueError:
            raise UserFacingError(msg("{first} s.d. {last} bukan rentang nomor seri blanko.", first=first, last=last),
                                  code="serial_range") from None
        now = self.clock.now_utc()
        with self.db.atomic("IMMEDIATE"):
            rows = {b.serial: b for b in Blanko.select().where((Blanko.station == station_id)
                                                               & Blanko.serial.in_(serials))}
            absent = [s for s in serials if s not in rows or rows[s].state != "in_stock"]
            if absent:
                raise UserFacingError(msg("Blanko {serial} tidak ada di stok stasiun ini; hanya blanko di stok yang "
                                          "dapat dipindahkan.", serial=absent[0]), code="not_in_stock")
            Blanko.update(state="transferred", updated_at=now).where(
                Blanko.id.in_([rows[s].id for s in serials])).execute()
            BlankoMovement.insert_many([
                {"id": new_id(), "kind": "transfer_out", "quantity": 1, "blanko": rows[s].id, "station": station_id,
                 "user": actor.id, "at": now, "counterpart": to_station, "approval_id": approval_id}
                for s in serials]).execute()
            audit.record("blanko.transfer_out", actor, at=now,
                         effects=[blanko_effect(serials[0], "transferred", serials[-1])], to=to_station,
                         count=len(serials), approval=approval_id)
        return len(serials)

    # --- the list and the trace -------------------------------------------------------------------
    def _query(self, station_id: str, f: LedgerFilter):
        query = (BlankoMovement.select(BlankoMovement, Blanko.serial.alias("serial_"),
                                       User.username.alias("username_"))
                 .join(Blanko, JOIN.LEFT_OUTER, on=(BlankoMovement.blanko == Blanko.id)).switch(BlankoMovement)
                 .join(User, JOIN.LEFT_OUTER, on=(BlankoMovement.user == User.id))
                 .where(BlankoMovement.station == station_id))
        if f.kinds:
            query = query.where(BlankoMovement.kind.in_(list(f.kinds)))
        if f.since:
            query = query.where(BlankoMovement.at >= self._utc(f.since))
        if f.until:
            query = query.where(BlankoMovement.at < self._utc(f.until + timedelta(days=1)))
        if f.serial.strip():
            query = query.where(Blanko.serial.startswith(f.serial.strip().upper()))
        if f.reason:
            codes = [f.reason] + (["test_print"] if f.reason == "calibration" else [])
            query = query.where((BlankoMovement.kind == "spoil") & (
                BlankoMovement.reason.in_(codes) | fn.substr(BlankoMovement.reason, 1, len(f.reason) + 1).in_(
                    [c + ":" for c in codes])))
        if f.username.strip():
            query = query.where(User.username == f.username.strip())
        return query

    def count(self, station_id: str, f: LedgerFilter = LedgerFilter()) -> int:
        return self._query(station_id, f).count()

    def movements(self, station_id: str, f: LedgerFilter = LedgerFilter(), offset: int = 0,
                  limit: int = MAX_MOVEMENTS_PAGE) -> list[LedgerRow]:
        """Newest first; a page of `limit` rows from `offset` (the ledger page fetches as it scrolls)."""
        query = self._query(station_id, f).order_by(BlankoMovement.at.desc(), _ROWID.desc())
        return [_row(m, m.serial_, m.username_)
                for m in query.offset(offset).limit(min(limit, MAX_MOVEMENTS_PAGE)).objects()]

    def trace(self, serial: str) -> list[LedgerRow]:
        """One blanko from its receipt to its end (oldest first). Empty when the serial is unknown."""
        blanko = Blanko.get_or_none(Blanko.serial == serial.strip().upper())
        if blanko is None:
            return []
        if blanko.range_id:
            receipt = BlankoMovement.get_or_none((BlankoMovement.kind == "receipt")
                                                 & (BlankoMovement.batch == f"range:{blanko.range_id}"))
        else:
            receipt = BlankoMovement.get_or_none((BlankoMovement.kind == "receipt")
                                                 & (BlankoMovement.batch == blanko.batch))
        rows = []
        if blanko.range_id:
            box = BlankoRange.get_or_none(BlankoRange.id == blanko.range_id)
            if box is not None:
                rows.append(LedgerRow(f"range:{box.id}", box.granted_at, "leased", box.count, blanko.serial,
                                      f"range:{box.id}", None, None, None, None, f"{box.first} s.d. {box.last}"))
        if receipt is not None:
            rows.append(_row(receipt, blanko.serial, _username(receipt.user_id)))
        own = (BlankoMovement.select(BlankoMovement, User.username.alias("username_"))
               .join(User, JOIN.LEFT_OUTER, on=(BlankoMovement.user == User.id))
               .where(BlankoMovement.blanko == blanko.id).order_by(BlankoMovement.at, _ROWID))
        rows += [_row(move, blanko.serial, move.username_) for move in own.objects()]
        return rows

    def _utc(self, day: date) -> datetime:
        """The start of an office day, in UTC as movements are stored."""
        return datetime.combine(day, time(), tzinfo=self.clock.zone).astimezone(UTC).replace(tzinfo=None)


def _username(user_id: str | None) -> str | None:
    user = User.get_or_none(User.id == user_id) if user_id else None
    return user.username if user else None


def _row(m: BlankoMovement, serial: str | None, username: str | None) -> LedgerRow:
    parts = []
    if m.requested is not None:
        parts.append(msg("diminta {requested}", requested=m.requested))
    if m.box_first:
        parts.append(msg("kotak {first} s.d. {last}", first=m.box_first, last=m.box_last or m.box_first))
    if m.witnesses:
        parts.append(msg("saksi: {names}", names=", ".join(
            f"{w['name']} ({w['nip']})" for w in json.loads(m.witnesses))))
    if m.counterpart:
        parts.append(msg("ke {station}", station=m.counterpart))
    if m.approval_id:
        parts.append(msg("persetujuan {approval}", approval=m.approval_id))
    return LedgerRow(m.id, m.at, m.kind, m.quantity, serial, m.batch, m.reason,
                     reason_code(m.reason) if m.kind == "spoil" else None, username, m.job_id, "; ".join(parts))
