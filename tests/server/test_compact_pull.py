"""Compact pages of the pull (docs/sync-protocol.md, "Compact pages"): a page's cards come as columns
when the station asks `format=columns`, with the same cursors and the same cards as the object form
a station made before them still gets; a station stores either; a compact page that does not hold
what the protocol says is refused with one sentence and nothing of it is kept."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.settings import SYNC_CURSOR
from desktop.store.models import AuditLog, CardHistory, KecamatanQuota
from desktop.sync import pull as station_pull
from desktop.sync.client import SyncError
from desktop.sync.service import SyncReport
from server import changes, registry
from server.db import connection, write_transaction
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.regency import BOTH
from tests.server.test_protocol import call, enrolled_station

PAMULANG, SETU = "36.74.06", "36.74.07"
DAY = OFFICE_MORNING.date().isoformat()


def card(n: int, kecamatan: str = PAMULANG, **more) -> dict:
    """A card as the server records it for the pull (server/claims.py card_view)."""
    return {"id": f"card-{n}", "nik": f"{kecamatan.replace('.', '')}0101900{n:03d}", "kecamatan_code": kecamatan,
            "day": DAY, "station": "ST-01", "station_name": "Hub Pamulang loket 1", "blanko": f"KAB-{n:08d}",
            "reason": "baru", "issued_at": f"{DAY}T02:{n % 60:02d}:00", "spoiled": n % 2, "reprint_approval": None,
            **more}


def seed_cards(count: int) -> list[dict]:
    cards = [card(n, PAMULANG if n % 3 else SETU) for n in range(count)]
    with connection(), write_transaction():
        changes.record_many([("card", c["id"], c["kecamatan_code"], "upsert", c) for c in cards])
    return cards


def pages(regency, token, installation, form: str | None, limit: int) -> list[dict]:
    seen, cursor = [], None
    while True:
        query = f"?limit={limit}" + (f"&cursor={cursor}" if cursor else "") + (f"&format={form}" if form else "")
        status, page = call(regency.url + "/v1/pull" + query, token=token, installation=installation)
        assert status == 200, page
        seen.append(page)
        cursor = page["cursor"]
        if not page["more"]:
            return seen


@pytest.mark.parametrize("regency", BOTH, indirect=True)
def test_a_compact_page_holds_the_same_cards_and_cursors_as_the_object_form(regency):
    token, installation = enrolled_station(regency)
    cards = seed_cards(5)
    with connection():
        registry.set_quota("test", PAMULANG, 150)  # a change of another kind, after the cards

    objects = pages(regency, token, installation, None, 3)  # as a station asks that knows no columns
    columns = pages(regency, token, installation, "columns", 3)

    # The pages that carry changes end at the same cursors. The last, empty page names the horizon (on
    # PostgreSQL below the next transaction id), which any write between the two pulls moves on.
    def carrying(found: list[dict]) -> list[str]:
        return [p["cursor"] for p in found if p["changes"] or p.get("cards")]

    assert carrying(columns) == carrying(objects) and len(carrying(objects)) == 2
    assert [p["more"] for p in columns] == [p["more"] for p in objects]
    assert changes.parse_cursor(columns[-1]["cursor"])[:2] >= changes.parse_cursor(objects[-1]["cursor"])[:2]
    assert all("cards" not in p for p in objects)
    sent_as_objects = [c for p in objects for c in p["changes"]]
    assert [c["data"] for c in sent_as_objects if c["kind"] == "card"] == cards
    assert [c["kind"] for c in sent_as_objects if c["kind"] != "card"] == ["quota"]
    # The same cards, one list a field, with their change ids; the quota as an object.
    rebuilt = []
    for page in columns:
        block = page.get("cards")
        if block is None:
            continue
        assert set(block) == {"change", *changes.CARD_COLUMNS}
        rebuilt += [dict(zip(changes.CARD_COLUMNS, values, strict=True))
                    for values in zip(*(block[name] for name in changes.CARD_COLUMNS), strict=True)]
        assert block["change"] == [c["id"] for p in objects if p["cursor"] == page["cursor"]
                                   for c in p["changes"] if c["kind"] == "card"]
    assert rebuilt == cards
    assert [c["kind"] for p in columns for c in p["changes"]] == ["quota"]
    # An idle page says nothing of cards; a format the server does not know is 422.
    status, idle = call(regency.url + f"/v1/pull?cursor={columns[-1]['cursor']}&format=columns", token=token,
                        installation=installation)
    assert (status, idle["changes"], "cards" in idle, idle["more"]) == (200, [], False, False)
    status, reply = call(regency.url + "/v1/pull?format=rows", token=token, installation=installation)
    assert (status, reply["detail"]["code"]) == (422, "invalid")


def station(tmp_path, name: str):
    return build_services(tmp_path / name, clock=FixedClock(OFFICE_MORNING),
                          hasher=PasswordHasher(time_cost=1, memory_cost=1024))


def history() -> list[tuple]:
    return [(r.id, r.nik, r.day.isoformat(), r.kecamatan_code, r.station_code, r.station_name, r.blanko, r.reason,
             r.issued_at, r.spoiled, r.reprint_approval) for r in CardHistory.select().order_by(CardHistory.id)]


def test_a_station_keeps_the_same_history_from_compact_pages_as_an_older_station(regency, tmp_path, monkeypatch):
    cards = seed_cards(12)
    with connection(), write_transaction():  # a reprint's card, and one older than the 400 days kept
        changes.record_many([("card", c["id"], PAMULANG, "upsert", c)
                             for c in (card(99, reprint_approval="APR-1"), card(50, day="2020-01-01"))])
    cards.append(card(99, reprint_approval="APR-1"))
    kept = {}
    for name, form in (("new", "columns"), ("old", None)):
        monkeypatch.setattr(station_pull, "PAGE_SIZE", 5)  # several pages, fetched ahead while one is applied
        monkeypatch.setattr(station_pull, "PAGE_FORMAT", form)  # None: the request of a station before columns
        services = station(tmp_path, name)
        _, code = registry.add_station("test", f"Hub Pamulang loket {name}", [PAMULANG, SETU])
        services.sync.enrol(regency.url, code)
        report = services.sync.round()
        kept[name] = history()
        assert report.pulled >= len(cards)
        services.close()
    assert kept["new"] == kept["old"]
    assert len(kept["new"]) == len(cards)
    assert ("card-99", *[cards[-1][k] for k in ("nik", "day", "kecamatan_code", "station", "station_name", "blanko",
                                                 "reason", "issued_at", "spoiled", "reprint_approval")]) in kept["new"]


class OnePage:
    """A server that answers the pull with one page as given (a real server cannot be made to send a
    malformed one)."""

    def __init__(self, page: dict) -> None:
        self.page = page

    def get(self, path: str, **params) -> dict:
        assert path == "/v1/pull" and params["format"] == "columns"
        return self.page


def columns_of(cards: list[dict]) -> dict:
    block = {"change": list(range(1, len(cards) + 1))}
    for name in changes.CARD_COLUMNS:
        block[name] = [c[name] for c in cards]
    return block


def spoiled_at(column: str, value, row: int = 2):
    def spoil(block: dict) -> None:
        block[column][row] = value
    return spoil


MALFORMED = {
    "a NIK of 15 digits": (spoiled_at("nik", "367406010190000"), "nik", 2),
    "a NIK of other digits": (spoiled_at("nik", "٣٦٧٤٠٦٠١٠١٩٠٠٠٠١"[:16]), "nik", 2),
    "a week date": (spoiled_at("day", "2026-W49-1"), "day", 2),
    "a day that is a number": (spoiled_at("day", 20261207), "day", 2),
    "spoiled as text": (spoiled_at("spoiled", "1"), "spoiled", 2),
    "spoiled as true": (spoiled_at("spoiled", True), "spoiled", 2),
    "spoiled below zero": (spoiled_at("spoiled", -1), "spoiled", 2),
    "a blanko as a list": (spoiled_at("blanko", ["KAB-1"]), "blanko", 2),
    "a column short": (lambda b: b["reason"].pop() and None, "reason", 0),
    "a column missing": (lambda b: b.pop("station") and None, "station", 0),
    "a change id as text": (spoiled_at("change", "7"), "change", 0),
    "a lone surrogate in the last row": (spoiled_at("blanko", "KAB-\ud800", row=-1), "cards", 0),
    "cards not an object": (lambda b: [b], "cards", 0),
}


@pytest.mark.parametrize("spoil, column, row", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_compact_page_is_refused_and_nothing_of_it_is_kept(tmp_path, spoil, column, row):
    services = station(tmp_path, "station")
    block = columns_of([card(n) for n in range(6)])
    block = spoil(block) or block
    page = {"changes": [{"id": 9, "kind": "quota", "key": PAMULANG, "op": "upsert", "at": "2026-12-07T01:00:00",
                         "data": {"kecamatan_code": PAMULANG, "daily_limit": 150}}],
            "cards": block, "cursor": "5.9", "more": False}
    entries = AuditLog.select().count()

    with pytest.raises(SyncError) as refused:
        services.sync._pull(OnePage(page), SyncReport())

    assert refused.value.code == "invalid_page"
    assert str(refused.value) == (f"Server kabupaten mengirim data kartu yang tidak sah (kolom {column}, baris {row});"
                                  " halaman itu tidak diterapkan dan sinkronisasi dicoba lagi nanti.")
    # Nothing of the page: no card (not even the rows before the bad one), not its quota, no cursor, no entry.
    assert CardHistory.select().count() == 0
    assert KecamatanQuota.select().count() == 0
    assert SYNC_CURSOR.get() is None
    assert AuditLog.select().count() == entries
    services.close()
