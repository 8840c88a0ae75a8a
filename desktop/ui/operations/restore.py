"""A supervisor accepts a restored or rolled-back database (audited; printing may go on); an enrolled
station then fetches the cards after the restored point back from the regency, on the sync lane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import STOCK, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


def accept_restore(services: Services, user: CurrentUser) -> Op:
    """The accept; for an enrolled station it also marks the fetch due (desktop/sync/own_events.py)."""
    from desktop.sync.own_events import mark_due

    def work():
        accepted = services.head_mark.accept(user)
        if accepted is not None and services.sync.enrolled():
            mark_due(accepted.database_seq)
        return accepted

    return Op("audit.accept_restore", "db", work, {STOCK})


def fetch_own_cards(services: Services, user: CurrentUser) -> Op:
    """The due fetch of the station's own cards: what came back (own_events.summary), None when none is
    due or the station is not enrolled; an unreachable regency fails with the sentence naming
    `ktp-mandiri audit fetch-own`."""
    from desktop.sync.own_events import fetch_due, summary

    def work():
        if not services.sync.enrolled():
            return None
        done = fetch_due(services.db, services.clock, services.sync.client(), user)
        return None if done is None else summary(done)

    return Op("sync.fetch_own", "sync", work, {STOCK})


def blanko_count_state(services: Services) -> tuple[bool, str, int]:
    """For the count dialog (a QueryOp on the db lane): whether a count is due, the stock as ranges, its size."""
    from desktop.services import restore_count

    stock = restore_count.in_stock(services.stations.require().id)
    return restore_count.due(services.db), restore_count.ranges_text(stock), len(stock)


def record_blanko_count(services: Services, user: CurrentUser, text: str) -> Op:
    """The supervisor's count after a restore (desktop/services/restore_count.py); returns what to say."""
    from desktop.services import restore_count

    def work():
        present = restore_count.parse_serials(text)
        done = restore_count.record_count(services.db, services.clock, user, services.stations.require().id, present)
        return restore_count.summary(done)

    return Op("blanko.count_after_restore", "db", work, {STOCK})
