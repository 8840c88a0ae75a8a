"""The queue's cap as a property (issue 25, item 6): over random days of arrivals, calls, cards printed,
no-shows and recalls, spoilage, print rights granted and lost, printers lost and back, the network up
and down, on an injected clock:

- no ticket is ever issued beyond the places the station knew at its issue;
- every ticket that loses its place is told, exactly once, by the next recheck (after a recheck no
  waiting ticket stands beyond the places known), and no ticket leaves the queue as `lost_place`
  without being told.
"""

from __future__ import annotations

import contextlib
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain import queue as rules
from desktop.errors import UserFacingError
from desktop.services.leases import lease_id
from desktop.services.queue import Issued, TurnedAway
from desktop.settings import LEASE_RENEW_FAILED
from desktop.store.models import QueueTicket, QuotaLease, Station
from tests.helpers.fixtures import PAMULANG, SETU, add_resident, make_station, print_card

MONDAY_0700 = datetime(2026, 12, 7, 7, 0)
CLOSING = datetime(2026, 12, 7, 15, 30)
PRINTERS = ["sim://prop-a", "sim://prop-b"]

SERVICE = st.sampled_from(list(rules.SERVICES))
PRIORITY = st.sampled_from(list(rules.PRIORITY_GROUPS))
COMMON = [
    st.tuples(st.just("arrive"), SERVICE, PRIORITY),
    st.tuples(st.just("arrive"), SERVICE, PRIORITY),
    st.tuples(st.just("arrive"), SERVICE, PRIORITY),
    st.tuples(st.just("arrive"), SERVICE, PRIORITY),
    st.tuples(st.just("no_show")),
    st.tuples(st.just("recall")),
    st.tuples(st.just("spoil")),
    st.tuples(st.just("printers"), st.integers(0, 2)),
    st.tuples(st.just("time"), st.integers(1, 90)),
    st.tuples(st.just("recheck")),
]
LOCAL_OPS = st.one_of(*COMMON, st.tuples(st.just("call_print")),
                      st.tuples(st.just("quota"), st.sampled_from([PAMULANG, SETU]), st.integers(0, 12)))
ENROLLED_OPS = st.one_of(*COMMON, st.tuples(st.just("call_end")),
                         st.tuples(st.just("grant"), st.sampled_from([PAMULANG, SETU]), st.integers(0, 6)),
                         st.tuples(st.just("give_back"), st.sampled_from([PAMULANG, SETU]), st.integers(0, 6)),
                         st.tuples(st.just("share"), st.sampled_from([PAMULANG, SETU]), st.integers(0, 8)),
                         st.tuples(st.just("network"), st.booleans()))


class Day:
    """One station's day driven by the operations, checking the properties after each."""

    def __init__(self, folder: Path, blanko: int, enrolled: bool) -> None:
        self.station = make_station(folder, blanko=blanko, printers=PRINTERS, at=MONDAY_0700)
        self.queue = self.station.services.queue
        self.station_id = self.station.services.stations.require().id
        self.told: set[str] = set()
        self.serial = 100
        if enrolled:
            Station.update(token="test-token").execute()  # the station holds leased rights only
            for code in (PAMULANG, SETU):
                QuotaLease.create(id=lease_id(code, MONDAY_0700.date()), kecamatan_code=code, day=MONDAY_0700.date(),
                                  granted=4, pool=8, share=4, renewed_at=MONDAY_0700, expires_at=CLOSING)

    def run(self, ops) -> None:
        try:
            for op in ops:
                getattr(self, op[0])(*op[1:])
            self.recheck()
        finally:
            self.station.services.close()

    # --- the properties ---
    def arrive(self, service: str, priority: str) -> None:
        known = self.queue.places()
        result = self.queue.issue(self.station.operator, service, priority=priority)
        if isinstance(result, Issued):
            assert known.waiting < known.known, (known, result)
            assert result.places == known
        else:
            assert isinstance(result, TurnedAway)
            assert known.left <= 0 or self.station.clock.now_local().hour >= 15, known

    def recheck(self) -> None:
        order = [t.ticket_id for t in self.queue.waiting()]
        lost = self.queue.recheck()
        ids = [p.ticket.ticket_id for p in lost]
        # the last in calling order lose their place, and are told the last first (reverse priority order)
        assert ids[::-1] == order[len(order) - len(ids):]
        assert len(set(ids)) == len(ids) and not set(ids) & self.told, "a ticket told twice"
        self.told.update(ids)
        places = self.queue.places()
        assert places.left >= 0 or self.queue.count_waiting() == 0, places
        lost_rows = {t.id for t in QueueTicket.select(QueueTicket.id).where(QueueTicket.status == rules.LOST_PLACE)}
        assert lost_rows == self.told, "a ticket lost its place without being told"

    # --- the world ---
    def call_print(self) -> None:
        called = self.queue.call_next(self.station.operator)
        if called is None:
            return
        self.queue.serve(self.station.operator, called.ticket_id)
        self.serial += 1
        nik = add_resident(serial=self.serial, kecamatan=PAMULANG if self.serial % 2 else SETU)
        try:
            print_card(self.station, nik)
        except UserFacingError:  # no right, no blanko: sent on
            self.queue.send_elsewhere(self.station.operator, called.ticket_id)
            return
        self.queue.end(self.station.operator, called.ticket_id)

    def call_end(self) -> None:
        called = self.queue.call_next(self.station.operator)
        if called is not None:
            self.queue.end(self.station.operator, called.ticket_id)

    def no_show(self) -> None:
        called = self.queue.call_next(self.station.operator)
        if called is not None:
            self.queue.no_show(self.station.operator, called.ticket_id)

    def recall(self) -> None:
        missed = QueueTicket.select().where(QueueTicket.status == rules.NO_SHOW).order_by(QueueTicket.seq).first()
        if missed is None:
            return
        places = self.queue.places()
        try:
            self.queue.recall(self.station.operator, missed.id)
        except UserFacingError as exc:
            assert exc.code in ("recall_early", "no_place")
            return
        assert places.left > 0  # a recalled number takes a place again: only while one is left

    def spoil(self) -> None:
        with contextlib.suppress(UserFacingError):  # no stock left
            self.station.services.stock.write_off(self.station.supervisor, self.station_id, "test print")

    def printers(self, ready: int) -> None:
        self.queue.ready_printers = lambda: PRINTERS[:ready]

    def time(self, minutes: int) -> None:
        clock = self.station.clock
        if clock.now_local().replace(tzinfo=None) + timedelta(minutes=minutes) <= CLOSING:
            clock.advance(minutes=minutes)

    def quota(self, kecamatan: str, limit: int) -> None:
        self.station.services.quota.set_standing_limit(self.station.admin, kecamatan, limit)

    def _lease(self, kecamatan: str) -> QuotaLease:
        return QuotaLease.get_by_id(lease_id(kecamatan, MONDAY_0700.date()))

    def grant(self, kecamatan: str, n: int) -> None:
        QuotaLease.update(granted=QuotaLease.granted + n).where(QuotaLease.id == self._lease(kecamatan).id).execute()

    def give_back(self, kecamatan: str, n: int) -> None:
        row = self._lease(kecamatan)
        QuotaLease.update(returned=min(row.granted, row.returned + n)).where(QuotaLease.id == row.id).execute()

    def share(self, kecamatan: str, n: int) -> None:
        QuotaLease.update(share=n).where(QuotaLease.id == self._lease(kecamatan).id).execute()

    def network(self, up: bool) -> None:
        LEASE_RENEW_FAILED.set(None if up else "server kabupaten tidak terjangkau")


FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@given(blanko=st.integers(1, 8), ops=st.lists(LOCAL_OPS, max_size=35))
def test_a_station_on_its_own_quota_never_promises_a_place_it_does_not_have(blanko, ops):
    with tempfile.TemporaryDirectory() as folder:
        Day(Path(folder), blanko, enrolled=False).run(ops)


@FEW
@given(blanko=st.integers(1, 8), ops=st.lists(ENROLLED_OPS, max_size=35))
def test_an_enrolled_station_counts_leased_rights_and_its_share_of_the_pool_only_while_online(blanko, ops):
    with tempfile.TemporaryDirectory() as folder:
        Day(Path(folder), blanko, enrolled=True).run(ops)


def test_a_station_counts_only_its_share_of_the_pool_and_from_a_server_without_one_the_rights_held(tmp_path):
    station = make_station(tmp_path, blanko=50, printers=PRINTERS, at=MONDAY_0700)
    try:
        Station.update(token="test-token").execute()
        QuotaLease.create(id=lease_id(PAMULANG, MONDAY_0700.date()), kecamatan_code=PAMULANG, day=MONDAY_0700.date(),
                          granted=5, pool=40, share=None, renewed_at=MONDAY_0700, expires_at=CLOSING)
        queue = station.services.queue
        assert queue.places().rights == 5  # an older server says no share: the rights held only, never the pool
        QuotaLease.update(share=15).execute()
        assert queue.places().rights == 20  # held, and its share of the pool of 40 (not the whole pool)
        LEASE_RENEW_FAILED.set("server kabupaten tidak terjangkau")
        assert queue.places().rights == 5  # offline: the rights held only
    finally:
        station.services.close()
