"""Two stations back online at once with a card of one NIK for the same day (issue 17, item 5; the fault
run with shared NIKs found it): their pushes run side by side in two workers, and the later one to
commit must still see the earlier one's card and record `nik_twice` (PostgreSQL; SQLite has one writer)."""

from __future__ import annotations

import threading
import uuid

import pytest

from server import push, registry
from server.db import connection, database, write_transaction
from server.models import Anomaly
from tests.server.test_anomalies import card
from tests.server.test_protocol import PAMULANG


def waiting_for_a_lock() -> bool:
    with connection():
        return database.obj.execute_sql(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").fetchone()[0] > 0


@pytest.mark.parametrize("regency_db", ["postgres"], indirect=True)
def test_two_pushes_of_one_nik_at_once_flag_the_second_card(regency_db):
    with connection():
        first, _ = registry.add_station("test", "Hub Pamulang loket 1", [PAMULANG])
        second, _ = registry.add_station("test", "Hub Pamulang loket 2", [PAMULANG])
    nik = "3674060101900001"
    earlier, later = card(nik, "KAB-00000001"), card(nik, "KAB-00000002")
    judged, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def held_open() -> None:  # loket 1's push, judged but not yet committed
        try:
            with connection(), write_transaction():
                push._apply(first["id"], str(uuid.uuid4()), 1, [earlier])
                judged.set()
                release.wait(30)
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)
            judged.set()

    def meanwhile() -> None:  # loket 2's push of the same NIK in another worker
        try:
            with connection():
                push.apply_batch(second["id"], str(uuid.uuid4()), 1, [later])
        except BaseException as exc:
            failures.append(exc)

    one = threading.Thread(target=held_open)
    one.start()
    assert judged.wait(30)
    two = threading.Thread(target=meanwhile)
    two.start()
    # Loket 2's push waits for loket 1's to end (or, were nothing held, it is already done).
    while two.is_alive() and not waiting_for_a_lock():
        two.join(0.05)
    release.set()
    one.join(30)
    two.join(30)
    assert failures == []
    with connection():
        flagged = {(a.entity_id, a.rule) for a in Anomaly.select().where(Anomaly.rule == "nik_twice")}
    assert flagged == {(later["entity_id"], "nik_twice")}
