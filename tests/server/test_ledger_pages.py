"""The blanko ledger's pages come from the database (issue 18, gap 2): over a few thousand movements of
every kind, the pages walked with `after` join up with no gap and no repeat, and each filter gives what
the plain list of every movement, filtered, gives."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

from desktop.domain.leases import regency_serial
from server import blanko_ledger, leases, registry
from server.db import connection, write_transaction
from server.models import (
    BlankoAllocation,
    BlankoRange,
    BlankoSpoil,
    BlankoTransfer,
    IssuedCard,
    StationEvent,
    utcnow,
)
from tests.server.test_protocol import PAMULANG, SETU, call
from tests.server.test_regency_panel import session


def _many_movements() -> tuple[list[str], int]:
    """Two stations, 3,000 cards over 20 days (many in the same second, leases five at a time, some with an offset or a time
    that is not one), spoils (some without a time), destructions, leases, a transfer, allocations."""
    hub, _ = registry.add_station("test", "Hub Pamulang", [PAMULANG, SETU])
    setu, _ = registry.add_station("test", "Loket Setu", [SETU])
    now = utcnow().replace(microsecond=0)
    today = leases.today()
    with connection(), write_transaction():
        leases.receive_blanko("test", 4000, "BOX-1")
        leases.receive_blanko("test", 500, "BOX-2")
        BlankoRange.insert_many([{"id": f"r{n}", "station": (hub, setu)[n % 2]["id"], "first_number": 1 + n * 100,
                                  "last_number": 100 + n * 100, "granted_at": now - timedelta(days=21, minutes=n // 5)}
                                 for n in range(40)]).execute()
        BlankoRange.create(id="moved", station=setu["id"], first_number=4001, last_number=4010,
                           granted_at=now - timedelta(days=3), transfer_of="r0")
        BlankoTransfer.create(from_station=hub["id"], to_station=setu["id"], range_id="moved", first_number=4001,
                              last_number=4010, at=now - timedelta(days=3), actor="test")
        for n in range(12):
            BlankoAllocation.create(holder=(PAMULANG, SETU, "regency")[n % 3], quantity=100 + n, note=f"a{n}",
                                    at=now - timedelta(days=n, hours=1), actor="test")
        cards = []
        for n in range(3000):
            day = today - timedelta(days=n % 20)
            at = datetime.combine(day, datetime.min.time()) + timedelta(hours=2, seconds=n // 40)  # 40 a second
            issued = at.isoformat() + "Z" if n % 7 else (at + timedelta(hours=7)).isoformat() + "+07:00"
            if n % 500 == 3:
                day, issued = today, "bukan waktu"  # the server's own receipt time stands in
            cards.append({"id": str(uuid.uuid4()), "station": (hub, setu)[n % 2]["id"], "nik": f"36740645{n:08d}",
                          "kecamatan_code": PAMULANG, "day": day, "blanko_serial": regency_serial(1 + n),
                          "reason": "baru", "issued_at": issued})
        for start in range(0, len(cards), 500):
            IssuedCard.insert_many(cards[start:start + 500]).execute()
        BlankoSpoil.insert_many([{"station": hub["id"], "serial": regency_serial(3100 + n), "reason": "damaged",
                                  "at": None if n % 10 == 0 else (now - timedelta(days=n % 5, seconds=n)).isoformat()}
                                 for n in range(200)]).execute()
        StationEvent.insert_many([{"station": hub["id"], "event_id": f"d{n}", "entity": "blanko_movement",
                                   "entity_id": f"d{n}", "op": "insert",
                                   "data": json.dumps({"kind": "destroy", "blanko": regency_serial(3100 + n),
                                                       "at": (now - timedelta(hours=n)).isoformat()},
                                                      separators=(",", ":"))} for n in range(60)]).execute()
    return [hub["code"], setu["code"]], now


def _walk(regency, headers, limit: int, **filters) -> list[dict]:
    rows, after = [], None
    while True:
        params = {**filters, "limit": limit, **({"after": after} if after else {})}
        query = "&".join(f"{k}={v}" for k, v in params.items())
        status, page = call(regency.url + f"/v1/admin/ledger?{query}", headers=headers)
        assert status == 200, page
        assert len(page["movements"]) <= limit
        rows += page["movements"]
        after = page["next"]
        if after is None:
            return rows


def _plain(holder=None, kind=None, serial=None, since=None, until=None) -> list[dict]:
    """Every movement from the plain list, filtered as the issue says, newest first by the page's key."""
    with connection():
        rows = blanko_ledger.movements((kind,) if kind else (), "" if holder in (None, "regency") else holder,
                                       since, until, limit=10**9)
    if holder == "regency":
        rows = [r for r in rows if r["holder"] == "regency"]
    if serial:
        rows = [r for r in rows if blanko_ledger._covers(r, int(serial[4:]))]
    rows.sort(key=blanko_ledger._row_key, reverse=True)
    return [{**r, "at": None if r["at"] is None else r["at"].isoformat()} for r in rows]


def test_the_pages_join_up_and_the_filters_agree_with_the_plain_list(regency):
    regency.cli("admin", "create", "kepala")
    admin = session(regency, "kepala")
    codes, now = _many_movements()
    everything = _walk(regency, admin, 97)
    assert len(everything) > 3000
    keys = [(m["at"], m["kind"], m["holder"], m["first"]) for m in everything]
    assert len(set(keys)) == len(keys)  # no repeat
    assert everything == _plain()  # no gap, the same order
    assert {m["kind"] for m in everything} == set(blanko_ledger.KINDS)
    leased = _walk(regency, admin, 3, kind="lease")  # five leases an instant: pages end inside those
    assert leased == _plain(kind="lease") and len(leased) == 40
    today = leases.today()
    for filters in ({"holder": codes[0]}, {"holder": codes[1]}, {"holder": "regency"}, {"holder": PAMULANG},
                    {"kind": "issue"}, {"kind": "spoil"}, {"kind": "destroy", "holder": codes[0]},
                    {"serial": regency_serial(4005)}, {"serial": regency_serial(3105)},
                    {"since": today - timedelta(days=4), "until": today - timedelta(days=2)},
                    {"kind": "issue", "holder": codes[1], "since": today - timedelta(days=10)}):
        params = {{"since": "from", "until": "to"}.get(k, k): v for k, v in filters.items()}
        walked = _walk(regency, admin, 50, **params)
        assert walked == _plain(**filters), filters
        assert walked or filters.get("holder") == SETU
