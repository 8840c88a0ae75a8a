"""After a restore is accepted, a supervisor counts the blanko at hand before the first print (issue 19,
item 2).

A restored database forgot the blanko used after its point: they read `in_stock` although they are on
cards (or in the bin). The regency's copy brings back the cards it received (desktop/sync/own_events.py),
not the ones it never got, nor spoilage. So once a restore is accepted (`audit.restore_accepted`),
printing stays refused until a supervisor has said which serials are physically at hand
(`blanko.counted_after_restore`, audited): every serial the database holds in stock that was not
found is booked out in the ledger as spoiled with the reason `missing_after_restore`, never left
silently in stock. Whether the count is due is read from the chain (the later of the two entries),
so a setting edited in the file cannot lift it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.audit_chain import expand_serials, serial_ranges
from desktop.domain.roles import Permission
from desktop.domain.text import Message, msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.store.models import Blanko, BlankoMovement, new_id

ACCEPTED = "audit.restore_accepted"
COUNTED = "blanko.counted_after_restore"
MISSING_REASON = "missing_after_restore"
MAX_SERIALS = 100_000  # a station holds a few boxes; a range beyond this is a typing error
_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class CountResult:
    seq: int
    present: int
    missing: list[str]


def due(db: SqliteDatabase) -> bool:
    """A restore was accepted and no count recorded since (the audit_log_action index keeps it quick)."""
    row = db.execute_sql('SELECT action FROM "audit_log" WHERE action IN (?, ?) ORDER BY seq DESC LIMIT 1',
                         (ACCEPTED, COUNTED)).fetchone()
    return row is not None and row[0] == ACCEPTED


def refusal() -> Message:
    return msg("Database stasiun dipulihkan: sebelum mencetak lagi, supervisor menghitung sisa blanko fisik dan "
               "mencatatnya (menu Supervisor, atau ktp-mandiri blanko count --user NAMA SERI...).")


def require_counted(db: SqliteDatabase) -> None:
    """Before a print."""
    if due(db):
        raise UserFacingError(refusal(), code="count_due")


def in_stock(station_id: str) -> list[str]:
    """The serials the database holds in stock, in order."""
    return [serial for (serial,) in Blanko.select(Blanko.serial).where(
        (Blanko.station == station_id) & (Blanko.state == "in_stock")).order_by(Blanko.serial).tuples()]


def ranges_text(serials: list[str]) -> str:
    """Serials written as the count reads them: consecutive ones as FIRST..LAST."""
    return ", ".join(r["first"] if r["first"] == r["last"] else f"{r['first']}..{r['last']}"
                     for r in serial_ranges((s, "x") for s in serials))


def parse_serials(text: str) -> list[str]:
    """Serials and FIRST..LAST ranges, separated by spaces, commas or new lines (one sentence when not)."""
    found: list[str] = []
    for item in filter(None, _SEPARATORS.split(text.strip().upper())):
        first, dots, last = item.partition("..")
        try:
            serials = list(expand_serials(first, last)) if dots else [first]
        except ValueError:
            serials = []
        if not serials or len(found) + len(serials) > MAX_SERIALS:
            raise UserFacingError(msg("{item} bukan nomor seri atau rentang blanko (tulis misalnya BLK-0000007 atau "
                                      "BLK-0000007..BLK-0000040).", item=item[:80]), code="bad_serials")
        found += serials
    return found


def record_count(db: SqliteDatabase, clock: Clock, user: CurrentUser, station_id: str,
                 present: list[str]) -> CountResult:
    """The supervisor's count: `present` are the serials at hand. Serials in stock not at hand are booked
    out as missing; a serial at hand the database does not hold in stock is refused (nothing written)."""
    user.require(Permission.RECEIVE_BLANKO)  # stock keeping: supervisors and admins
    now = clock.now_utc()
    with db.atomic("IMMEDIATE"):
        if not due(db):
            raise UserFacingError(msg("Tidak ada pemulihan database yang menunggu hitungan blanko."),
                                  code="count_not_due")
        stock = in_stock(station_id)
        held = set(stock)
        strange = sorted(set(present) - held)
        if strange:
            raise UserFacingError(msg("{count} blanko yang Anda sebut tidak tercatat di stok stasiun ini ({serials}): "
                                      "periksa lagi nomornya; tidak ada yang dicatat.", count=len(strange),
                                      serials=ranges_text(strange)[:300]), code="not_in_stock")
        at_hand = set(present)
        missing = [serial for serial in stock if serial not in at_hand]
        for start in range(0, len(missing), 500):
            ids = [b.id for b in Blanko.select(Blanko.id).where(Blanko.serial.in_(missing[start:start + 500]))]
            Blanko.update(state="spoiled", updated_at=now).where(Blanko.id.in_(ids)).execute()
            BlankoMovement.insert_many([
                {"id": new_id(), "kind": "spoil", "quantity": 1, "blanko": blanko_id, "station": station_id,
                 "user": user.id, "reason": MISSING_REASON, "at": now} for blanko_id in ids]).execute()
        entry = audit.record(COUNTED, user, at=now, effects=serial_ranges((s, "spoiled") for s in missing),
                             present=len(at_hand), missing=ranges_text(missing))
    return CountResult(entry.seq, len(at_hand), missing)


def summary(done: CountResult) -> Message:
    if not done.missing:
        return msg("Hitungan blanko dicatat (entri audit #{seq}): {present} blanko ada, sama dengan stok; pencetakan "
                   "dapat berlanjut.", seq=done.seq, present=done.present)
    return msg("Hitungan blanko dicatat (entri audit #{seq}): {present} blanko ada; {count} blanko tidak ditemukan "
               "dan dicatat rusak di buku blanko dengan alasan 'hilang sesudah pemulihan' ({serials}). Pencetakan "
               "dapat berlanjut.", seq=done.seq, present=done.present, count=len(done.missing),
               serials=ranges_text(done.missing)[:300])
