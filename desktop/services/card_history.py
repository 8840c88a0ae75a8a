"""A citizen's cards across the regency, at the counter: the cards the station pulled for the
kecamatan it serves (kept HISTORY_DAYS), its own, and, for a NIK with none here, the regency's
answer to GET /v1/cards when it comes in time (docs/sync-protocol.md, "Card history")."""

from __future__ import annotations

import logging
from datetime import timedelta

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
