"""Blanko stock: every blank card is a row, received in a batch, then reserved, issued or spoiled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from peewee import SqliteDatabase, fn

from desktop.clock import Clock
from desktop.domain.audit_chain import blanko_effect
from desktop.domain.limits import BATCH, FREE_TEXT_MAX, NOTE, NUMBER_MAX, REASON, check_length
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.settings import SYNC_STATION_CODE
from desktop.store.models import Blanko, BlankoMovement, Station, new_id

MAX_RECEIPT = 20000


@dataclass(frozen=True)
class StockSummary:
    in_stock: int
    reserved: int
    issued: int
    spoiled: int  # awaiting destruction
    incoming: int = 0  # leased by the regency, box not yet confirmed here
    destroyed: int = 0
    transferred: int = 0  # sent on to another station through the regency

    @property
    def received(self) -> int:
        return self.in_stock + self.reserved + self.issued + self.spoiled + self.destroyed + self.transferred


class StockService:
    def __init__(self, db: SqliteDatabase, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def in_stock(self, station_id: str) -> int:
        """The blanko at hand: through the state index, a handful of rows (`summary` counts every card
        the station ever issued, ~50 ms at a hub's history, which held up the first scan after log-in)."""
        return Blanko.select().where((Blanko.state == "in_stock") & (Blanko.station == station_id)).count()

    def summary(self, station_id: str) -> StockSummary:
        counts = dict(
            Blanko.select(Blanko.state, fn.COUNT(Blanko.id))
            .where(Blanko.station == station_id)
            .group_by(Blanko.state)
            .tuples()
        )
        return StockSummary(
            in_stock=counts.get("in_stock", 0),
            reserved=counts.get("reserved", 0),
            issued=counts.get("issued", 0),
            spoiled=counts.get("spoiled", 0),
            incoming=counts.get("incoming", 0),
            destroyed=counts.get("destroyed", 0),
            transferred=counts.get("transferred", 0),
        )

    def receive(self, actor: CurrentUser, station_id: str, quantity: int, batch: str, note: str = "", *,
                requested: int | None = None, box_first: str = "", box_last: str = "") -> str:
        """Record a receipt of `quantity` blanko (of `requested`, when the delivery fell short; the box's
        own serial range beside ours); returns the serial range given to them."""
        actor.require(Permission.RECEIVE_BLANKO)
        batch = batch.strip()
        if not batch:
            raise UserFacingError(msg('Tuliskan nomor batch / berita acara penerimaan blanko.'))
        check_length(batch, NUMBER_MAX, BATCH)
        check_length(note, FREE_TEXT_MAX, NOTE)
        if not 1 <= quantity <= MAX_RECEIPT:
            raise UserFacingError(msg("Jumlah blanko yang diterima harus antara 1 dan {MAX_RECEIPT}.", MAX_RECEIPT=MAX_RECEIPT))
        if requested is not None and not quantity <= requested <= 1_000_000:
            raise UserFacingError(msg("Jumlah yang diminta ({requested}) tidak boleh kurang dari yang diterima "
                                      "({quantity}).", requested=requested, quantity=quantity), code="requested")
        box_first, box_last = box_first.strip().upper(), (box_last.strip() or box_first).strip().upper()
        check_length(box_first, NUMBER_MAX, BATCH)
        check_length(box_last, NUMBER_MAX, BATCH)
        if Station.select().where(Station.token.is_null(False)).exists():
            raise UserFacingError(msg("Stasiun ini terdaftar di server kabupaten: blanko datang dari kabupaten dengan "
                                      "nomor seri yang sudah ditetapkan. Konfirmasi kotak yang tiba di Terima blanko."),
                                  code="blanko_from_regency")
        now = self.clock.now_utc()
        with self.db.atomic("IMMEDIATE"):
            # One delivery document, one receipt: the same berita acara typed twice would count its
            # blanko twice (compared without case and spacing, as people retype them).
            earlier = (BlankoMovement.select(BlankoMovement.batch, BlankoMovement.at)
                       .where((BlankoMovement.kind == "receipt")
                              & (fn.lower(fn.replace(BlankoMovement.batch, " ", "")) == batch.lower().replace(" ", "")))
                       .first())
            if earlier is not None:
                raise UserFacingError(
                    msg("Berita acara {batch} sudah dicatat diterima pada {day}; blanko dari dokumen yang sama tidak "
                        "dicatat dua kali. Periksa nomor dokumen pengirimannya.", batch=earlier.batch,
                        day=earlier.at.replace(tzinfo=UTC).astimezone(self.clock.zone).strftime("%d-%m-%Y")),
                    code="receipt_duplicate",
                )
            start = (Blanko.select(fn.COUNT(Blanko.id)).scalar() or 0) + 1
            # An enrolled station's serials carry its regency code, so two stations never make the same
            # one (until the regency assigns serial ranges).
            code = SYNC_STATION_CODE.get()
            serials = [_serial(start + i, code) for i in range(quantity)]
            rows = [
                {"serial": s, "batch": batch, "station": station_id, "state": "in_stock", "received_at": now,
                 "updated_at": now}
                for s in serials
            ]
            for chunk in range(0, len(rows), 500):
                Blanko.insert_many([{**r, "id": new_id()} for r in rows[chunk:chunk + 500]]).execute()
            BlankoMovement.create(
                kind="receipt", quantity=quantity, batch=batch, station=station_id, reason=note or None,
                user=actor.id, at=now, requested=requested, box_first=box_first or None, box_last=box_last or None,
            )
            audit.record(
                "blanko.receive", actor, at=now, effects=[blanko_effect(serials[0], "in_stock", serials[-1])],
                quantity=quantity, batch=batch, first=serials[0], last=serials[-1], requested=requested,
                box_first=box_first or None, box_last=box_last or None,
            )
        return f"{serials[0]} s.d. {serials[-1]}"

    def write_off(self, actor: CurrentUser, station_id: str, reason: str) -> str:
        """Book the next blanko in stock as spoiled (a test print on blanko); returns its serial."""
        actor.require(Permission.RECEIVE_BLANKO)  # stock keeping: supervisors and admins
        check_length(reason, FREE_TEXT_MAX, REASON)
        now = self.clock.now_utc()
        with self.db.atomic("IMMEDIATE"):
            blanko = (
                Blanko.select()
                .where((Blanko.station == station_id) & (Blanko.state == "in_stock"))
                .order_by(Blanko.serial)
                .first()
            )
            if blanko is None:
                raise UserFacingError(msg("Stok blanko di stasiun ini habis."))
            Blanko.update(state="spoiled", updated_at=now).where(Blanko.id == blanko.id).execute()
            BlankoMovement.create(kind="spoil", quantity=1, blanko=blanko.id, station=station_id, user=actor.id,
                                  reason=reason, at=now)
            audit.record("blanko.spoil", actor, at=now, effects=[blanko_effect(blanko.serial, "spoiled")],
                         job=None, reason=reason)
        return blanko.serial


def _serial(number: int, station_code: str | None = None) -> str:
    # A local sequence: whether blanko carry a printed serial is uncertain (DOMAIN.md).
    return f"BLK-{station_code}-{number:07d}" if station_code else f"BLK-{number:07d}"
