"""A citizen's cards across the regency, at the counter: the cards the station pulled for the
kecamatan it serves (kept HISTORY_DAYS), its own, and, for a NIK with none here, the regency's
answer to GET /v1/cards when it comes in time (docs/sync-protocol.md, "Card history")."""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.card_history import HISTORY_DAYS, CardSeen
from desktop.store.db import insert_rows
from desktop.store.models import Blanko, CardHistory, IssuedCard, Station
from desktop.sync.link import RegencyLink, card_from

log = logging.getLogger("ktp.history")

_UPSERT = "ON CONFLICT (\"id\") DO UPDATE SET " + ", ".join(
    f'"{f}" = excluded."{f}"' for f in ("nik", "day", "kecamatan_code", "station_code", "station_name", "blanko",
                                        "reason", "issued_at", "spoiled", "reprint_approval"))


# A compact page's card columns (docs/sync-protocol.md, "Compact pages"): name -> (what a value must be,
# the longest text kept). Text longer than that is cut as the object form's cards are (card_from).
CARD_COLUMNS = {"id": ("text", 64), "nik": ("nik", 16), "kecamatan_code": ("text", 8), "day": ("day", 10),
                "station": ("text", 64), "station_name": ("text?", 120), "blanko": ("text", 64),
                "reason": ("text", 64), "issued_at": ("text?", 40), "spoiled": ("count", 0),
                "reprint_approval": ("text?", 64)}
_NIK = re.compile(r"[0-9]{16}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_STORED = ("id", "nik", "day", "kecamatan_code", "station_code", "station_name", "blanko", "reason", "issued_at",
           "spoiled", "reprint_approval")


_INSERT = (f'INSERT INTO "{CardHistory._meta.table_name}" (' + ", ".join(f'"{c}"' for c in _STORED)
           + ") VALUES (" + ", ".join("?" for _ in _STORED) + ") " + _UPSERT)


class MalformedCards(ValueError):
    """A compact page's cards that do not hold what the protocol says: nothing of the page is kept."""

    def __init__(self, column: str, row: int, problem: str) -> None:
        super().__init__(f"cards column {column!r}, row {row}: {problem}")
        self.column, self.row = column, row


def _all_valid(kind: str, values: list) -> bool:
    """Whether every value of a column is what its kind says, at C speed (a first pull checks 2.7
    million values): text, text or null, 16 ASCII digits, a YYYY-MM-DD date, a whole number 0-999."""
    types = set(map(type, values))
    if kind in ("text", "text?"):
        return types <= ({str} if kind == "text" else {str, type(None)})
    if kind == "nik":
        return types <= {str} and all(map(_NIK.fullmatch, values))
    if kind == "day":
        if not (types <= {str} and all(map(_DAY.fullmatch, values))):
            return False
        try:
            list(map(date.fromisoformat, values))  # a month or a day out of range
        except ValueError:
            return False
        return True
    return types <= {int} and (not values or (min(values) >= 0 and max(values) < 1000))  # count


def checked_columns(page: object) -> dict[str, list]:
    """The card columns of a compact page, every value checked (MalformedCards for the first that is
    not what the protocol says): equal lengths, `change` ids, NIKs of 16 digits, ISO days, text, counts."""
    if type(page) is not dict:
        raise MalformedCards("cards", 0, "not an object")
    changes = page.get("change")
    if type(changes) is not list or not all(type(c) is int for c in changes):
        raise MalformedCards("change", 0, "not a list of change ids")
    columns = {"change": changes}
    for name, (kind, _) in CARD_COLUMNS.items():
        values = page.get(name)
        if type(values) is not list or len(values) != len(changes):
            raise MalformedCards(name, 0, f"not a list of {len(changes)} values")
        if not _all_valid(kind, values):  # the loop below only names the row
            row = next(n for n, v in enumerate(values) if not _all_valid(kind, [v]))
            raise MalformedCards(name, row, f"{values[row]!r:.40} is not a valid {kind}")
        columns[name] = values
    return columns


class CardHistoryService:
    def __init__(self, db: SqliteDatabase, clock: Clock, link: RegencyLink | None = None) -> None:
        self.db = db
        self.clock = clock
        self.link = link

    def store(self, cards: list[dict]) -> int:
        """Keep the regency's cards (pulled, inside the pull's transaction): checked, within HISTORY_DAYS.
        Returns how many were kept."""
        oldest = self.clock.today() - timedelta(days=HISTORY_DAYS)
        rows = {}
        for data in cards:
            try:
                card = card_from(data)
                code = str(data.get("station") or "")[:64]
                kecamatan = str(data.get("kecamatan_code") or "")[:8]
            except (ValueError, KeyError, TypeError, AttributeError):
                log.warning("a card from the server was not understood and is not kept")
                continue
            if card.day < oldest or len(card.nik) != 16 or not card.nik.isdigit():
                continue
            rows[card.id] = {"id": card.id, "nik": card.nik, "day": card.day, "kecamatan_code": kecamatan,
                             "station_code": code, "station_name": card.station_name, "blanko": card.blanko,
                             "reason": card.reason, "issued_at": card.issued_at, "spoiled": card.spoiled,
                             "reprint_approval": card.reprint_approval}
        insert_rows(self.db, CardHistory, list(rows.values()), _UPSERT)
        return len(rows)

    def store_columns(self, page: object) -> int:
        """Keep a compact page's cards (inside the pull's transaction) within HISTORY_DAYS; MalformedCards
        (and nothing written by this call) when a value is not what the protocol says. Returns how many
        were kept."""
        columns = checked_columns(page)
        oldest = (self.clock.today() - timedelta(days=HISTORY_DAYS)).isoformat()
        cut = {name: limit for name, (kind, limit) in CARD_COLUMNS.items() if kind.startswith("text")}
        for name, limit in cut.items():
            values = columns[name]
            if any(v is not None and len(v) > limit for v in values):
                columns[name] = [v[:limit] if v is not None else None for v in values]
        names = columns["station_name"]
        rows = [row for row in zip(
            columns["id"], columns["nik"], columns["day"], columns["kecamatan_code"], columns["station"],
            [name or code for name, code in zip(names, columns["station"], strict=True)], columns["blanko"],
            columns["reason"], [at or "" for at in columns["issued_at"]], columns["spoiled"],
            [ref or None for ref in columns["reprint_approval"]], strict=True) if row[2] >= oldest]
        try:
            self.db.cursor().executemany(_INSERT, rows)
        except UnicodeEncodeError as exc:  # a lone surrogate: text SQLite cannot hold
            raise MalformedCards("cards", 0, "text that is not Unicode") from exc
        return len({row[0] for row in rows})

    def prune(self) -> int:
        """Cards older than HISTORY_DAYS are forgotten."""
        oldest = self.clock.today() - timedelta(days=HISTORY_DAYS)
        return CardHistory.delete().where(CardHistory.day < oldest).execute()

    def local(self, nik: str) -> list[CardSeen]:
        """The NIK's cards known here, newest first: the pulled ones and this station's own."""
        oldest = self.clock.today() - timedelta(days=HISTORY_DAYS)
        seen = {row.id: CardSeen(row.id, row.nik, row.day, row.station_name, row.blanko, row.reason, row.issued_at,
                                 row.spoiled, row.reprint_approval)
                for row in CardHistory.select().where((CardHistory.nik == nik) & (CardHistory.day >= oldest))}
        own = (IssuedCard.select(IssuedCard, Blanko.serial, Station.name).join(Blanko).switch(IssuedCard)
               .join(Station).where((IssuedCard.nik == nik) & (IssuedCard.day >= oldest)))
        for card in own:
            if card.id not in seen:  # not yet back from the regency
                seen[card.id] = CardSeen(card.id, card.nik, card.day, card.station.name, card.blanko.serial,
                                         card.reason, card.issued_at.isoformat() if hasattr(card.issued_at, "isoformat")
                                         else str(card.issued_at))
        return sorted(seen.values(), key=lambda c: (c.day, c.issued_at), reverse=True)

    def of(self, nik: str) -> list[CardSeen]:
        """The NIK's cards; for one with none here, the regency is asked (within the link's time-out)."""
        cards = self.local(nik)
        if cards or self.link is None:
            return cards
        answered = self.link.cards(nik)
        if not answered:
            return cards
        with self.db.atomic():
            self.store([c for c in answered if c.get("nik") == nik])
        return self.local(nik)
