"""The regency's cards as the server benches seed them (bench_regency_panel.py, bench_server_reports.py):
Kabupaten Tangerang's first 29 kecamatan, a station each, cards and spoiled blanko written with COPY."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from io import StringIO

KABUPATEN_TANGERANG = "36.03"
KECAMATAN = 29
NULL = "\\N"  # COPY's NULL
CARD_COLUMNS = ("id, station_id, nik, kecamatan_code, day, blanko_serial, reason, issued_at, received_at, "
                "reprint_approval, spoiled, unjudged")


def kecamatan_codes() -> list[str]:
    from desktop.domain.regions import default_regions

    return [r.code for r in default_regions().kecamatan_in(KABUPATEN_TANGERANG)][:KECAMATAN]


def copy_rows(cursor, table: str, columns: str, lines: list[str]) -> None:
    cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', StringIO("".join(lines)))


class CardLines:
    """Issued cards as COPY lines, blanko numbers running on from 1; the 8th card of every hundred a day
    takes a blanko spoiled by a jam first."""

    def __init__(self) -> None:
        self.number = 1  # the next blanko number
        self.count = 0  # cards so far (also the NIKs' running number)
        self.cards: list[str] = []
        self.spoils: list[str] = []

    def day(self, station_id: str, code: str, day: date, cards: int,
            approval: Callable[[int], object] = lambda _n: NULL) -> None:
        from desktop.domain.leases import regency_serial

        for n in range(cards):
            self.cards.append(f"{uuid.uuid4()}\t{station_id}\t{3603000000000000 + self.count}\t{code}\t{day}\t"
                              f"{regency_serial(self.number)}\tbaru\t{day}T03:00:00\t{day} 03:01:00\t"
                              f"{approval(n)}\t0\tf\n")
            self.number += 1
            self.count += 1
            if n % 100 == 7:
                self.spoils.append(f"{station_id}\t{regency_serial(self.number)}\tprint_failed:jam\t{day} 04:00:00\n")
                self.number += 1

    def write_cards(self, cursor) -> None:
        copy_rows(cursor, "issued_card", CARD_COLUMNS, self.cards)
        self.cards = []

    def write_spoils(self, cursor) -> None:
        copy_rows(cursor, "blanko_spoil", "station_id, serial, reason, at", self.spoils)
        self.spoils = []


def analyze_and_reopen(url: str) -> None:
    """Commit what was copied, VACUUM ANALYZE (the planner's statistics, as on a server that has run a
    while), and give the server's module a fresh connection."""
    from server.db import database, make_database

    raw = database.obj.connection()
    raw.commit()
    raw.autocommit = True
    raw.cursor().execute("VACUUM ANALYZE")
    raw.autocommit = False
    database.obj.close()
    database.initialize(make_database(url))
