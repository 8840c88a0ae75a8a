"""A push batch stays under the server's 8 MiB body limit however large its events are (the audit
entries of a first pull claim every resident of a page): large events go in more batches, and every
one of them reaches the server."""

from __future__ import annotations

from argon2 import PasswordHasher

from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.services import audit
from desktop.store.models import Outbox
from desktop.sync import push
from server import registry
from server.db import connection
from server.models import StationEvent
from tests.helpers.fixtures import OFFICE_MORNING
from tests.server.test_protocol import PAMULANG


def test_events_larger_than_one_request_go_in_several_batches_and_all_arrive(regency, tmp_path):
    services = build_services(tmp_path / "station", clock=FixedClock(OFFICE_MORNING),
                              hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    _, code = registry.add_station("test", "Hub Pamulang loket 1", [PAMULANG])
    services.sync.enrol(regency.url, code)
    services.sync.round()
    with services.db.atomic("IMMEDIATE"):  # 3 entries of 3 MB: 9 MB, more than one request may carry
        for n in range(3):
            audit.record("test.large", None, at=OFFICE_MORNING, part=n, text="x" * 3_000_000)

    report = services.sync.round()

    assert report.batches >= 2 and push.BATCH_BYTES < 8 * 1024 * 1024
    assert Outbox.select().where(Outbox.sent_at.is_null()).count() == 0
    large = {row.id for row in Outbox.select() if '"test.large"' in row.payload}
    with connection():
        arrived = {e.event_id for e in StationEvent.select().where(StationEvent.event_id.in_(list(large)))}
    assert len(large) == 3 and arrived == large
    services.close()
