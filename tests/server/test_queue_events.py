"""The queue's event log at the regency (issue 25, docs/sync-protocol.md "Queue events"): pushed with
requests written from the protocol page to a real server, checked field by field, stored once."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest

from server import leases
from server.db import connection
from server.models import QueueEvent, StationEvent
from server.queue_events import figures
from tests.helpers.regency import BOTH
from tests.server.test_protocol import PAMULANG, call, enrolled_station
from tests.server.test_regency_panel import session

DAY = leases.today().isoformat()  # the server's today: its daily report reads what it has received so far
TICKET = "5f2c0e1b9a7d4c3e8b6a1f0e2d3c4b5a"


def queue_event(kind: str = "arrive", **changes: object) -> dict:
    data = {"day": DAY, "ticket": TICKET, "code": "B-007", "service": "baru", "priority": "lansia", "kind": kind,
            "at": f"{DAY}T02:03:04Z", "kecamatan": PAMULANG} | changes
    return {"id": str(uuid.uuid4()), "entity": "queue_event", "entity_id": str(uuid.uuid4()), "op": "insert",
            "at": f"{DAY}T02:03:04", "data": {k: v for k, v in data.items() if v is not None}}


def push(regency, token, installation, *events: dict) -> tuple[int, dict]:
    return call(regency.url + "/v1/push", "POST", {"batch_id": str(uuid.uuid4()), "seq": 1, "events": list(events)},
                token, installation)


# PostgreSQL is the subject: the table's DATE and TIMESTAMP columns filled through COPY, and the replay
# through the staged ON CONFLICT insert; SQLite as the other back end.
@pytest.mark.parametrize("regency", BOTH, indirect=True)
def test_a_stations_queue_day_is_stored_once_and_shown_in_the_kecamatans_daily_report(regency):
    token, installation = enrolled_station(regency)
    day = [queue_event("arrive", at=f"{DAY}T00:10:00Z"), queue_event("call", at=f"{DAY}T00:22:00Z"),
           queue_event("serve", at=f"{DAY}T00:23:00+00:00"), queue_event("end", at=f"{DAY}T00:30:00Z"),
           queue_event("turned_away", ticket=uuid.uuid4().hex, code="S-000", priority="", service="suket",
                       at=f"{DAY}T06:00:00Z")]
    status, reply = push(regency, token, installation, *day)
    assert status == 200 and reply["applied"] == 5, reply
    # Sent again in another batch (the station restored from a backup): nothing twice.
    status, again = push(regency, token, installation, *day[:2], queue_event("no_show", ticket="a" * 32))
    assert status == 200 and again["applied"] == 1, again

    on = date.fromisoformat(DAY)
    with connection():
        stored = sorted((e.kind, e.code, e.at) for e in QueueEvent.select())
        assert stored == sorted([("arrive", "B-007", datetime(on.year, on.month, on.day, 0, 10)),
                                 ("call", "B-007", datetime(on.year, on.month, on.day, 0, 22)),
                                 ("serve", "B-007", datetime(on.year, on.month, on.day, 0, 23)),
                                 ("end", "B-007", datetime(on.year, on.month, on.day, 0, 30)),
                                 ("turned_away", "S-000", datetime(on.year, on.month, on.day, 6, 0)),
                                 ("no_show", "B-007", datetime(on.year, on.month, on.day, 2, 3, 4))])
        assert QueueEvent.get(QueueEvent.kind == "arrive").day == on
        found = figures(PAMULANG, on)
    assert (found.total.tickets, found.total.served, found.total.turned_away) == (1, 1, 1)
    assert (found.total.wait.median, found.total.service_time.median) == (720.0, 420.0)

    regency.cli("admin", "create", "kepala")
    regency.cli("admin", "create", "pengawas", "--role", "regency_supervisor")
    status, reply = call(f"{regency.url}/v1/admin/reports/daily?kecamatan={PAMULANG}&format=csv",
                         headers=session(regency, "pengawas"))
    assert status == 200, reply
    lines = reply["content"].decode("utf-8-sig").splitlines()
    assert "KTP-el baru;1;1;0;0;0;0" in lines and "Suket ke KTP-el;0;0;0;0;1;0" in lines
    assert "Jumlah;1;1;0;0;1;0" in lines
    assert "Semua layanan;12 mnt;12 mnt;7 mnt;7 mnt" in lines


REFUSED = [
    ({"nik": "3674064508900001"}, "tidak boleh memuat nik"),
    ({"catatan": "x"}, "tidak boleh memuat catatan"),
    ({"kind": "teleport"}, "jenis peristiwa antrean 'teleport' tidak dikenal"),
    ({"service": "paspor"}, "layanan 'paspor' tidak dikenal"),
    ({"priority": "vip"}, "kelompok prioritas 'vip' tidak dikenal"),
    ({"code": "H-007"}, "nomor antrean 'H-007' tidak sesuai layanan baru"),
    ({"code": "B-7; DROP"}, "tidak sesuai layanan baru"),
    ({"ticket": "3674064508900001"}, "id tiket '3674064508900001' tidak sah"),
    ({"day": "2026-13-01"}, "tanggal antrean '2026-13-01' tidak sah"),
    ({"at": "2026-12-07T09:03:04+07:00"}, "bukan waktu UTC"),
    ({"at": "2026-12-07T09:03:04"}, "bukan waktu UTC"),
    ({"at": "2026-12-20T02:03:04Z"}, "jauh dari harinya"),
    ({"seq": 7}, "tidak boleh memuat seq"),
    ({"code": None}, "tanpa code berupa teks"),
    ({"priority": 1}, "tanpa priority berupa teks"),
]


@pytest.mark.parametrize(("changes", "said"), REFUSED, ids=[s for _, s in REFUSED])
def test_a_wrong_field_refuses_the_whole_batch_in_one_sentence_naming_the_event(regency, changes, said):
    token, installation = enrolled_station(regency)
    status, reply = push(regency, token, installation, queue_event("arrive"), queue_event(**{"kind": "call"} | changes))
    assert status == 422, reply
    assert reply["detail"]["message"].startswith("Peristiwa 2: ") and said in reply["detail"]["message"], reply
    assert reply["detail"]["message"].count(". ") == 0 and "tidak ada yang diterapkan" in reply["detail"]["message"]
    with connection():
        assert QueueEvent.select().count() == 0 and StationEvent.select().count() == 0


def test_other_shapes_are_refused_too(regency):
    token, installation = enrolled_station(regency)
    wrong_id = queue_event() | {"entity_id": "bukan-uuid"}
    assert push(regency, token, installation, wrong_id)[0] == 422
    assert push(regency, token, installation, queue_event() | {"op": "update"})[0] == 422
    other = queue_event(kecamatan="36.74.01")  # a kecamatan the station does not serve
    status, reply = push(regency, token, installation, other)
    assert status == 403 and "36.74.01 tidak dilayani" in reply["detail"]["message"]
    turned_away_with_no_code = queue_event("turned_away", code="")
    assert push(regency, token, installation, turned_away_with_no_code)[0] == 200
    assert push(regency, token, installation, queue_event("call", code=""))[0] == 422
    with connection():
        assert [e.kind for e in QueueEvent.select()] == ["turned_away"]


def test_the_stations_own_queue_events_reach_the_server_as_they_were_logged(regency, tmp_path):
    from argon2 import PasswordHasher

    from desktop.clock import FixedClock
    from desktop.composition import build_services
    from desktop.domain.roles import Role
    from desktop.services.demo_accounts import mark_demo_database
    from desktop.store.models import QueueEvent as StationQueueEvent
    from server import registry
    from tests.helpers.fixtures import OFFICE_MORNING, SETU, add_resident

    services = build_services(tmp_path / "station", clock=FixedClock(OFFICE_MORNING),
                              hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    _, code = registry.add_station("test", "Loket Pamulang", [PAMULANG])
    services.sync.enrol(regency.url, code)
    services.sync.round()
    mark_demo_database()
    admin = services.auth.create_first_admin("admin", "Admin Disdukcapil", "admin12345")
    operator = services.auth.create_user(admin, "operator", "Siti Operator", "operator123", Role.OPERATOR)
    for service in ("baru", "suket"):
        services.queue.issue(operator, service)  # a ticket, or a citizen turned away: an event either way
    # A citizen of a kecamatan the station does not serve, turned away at its door: the station's own
    # event (the regency would refuse the whole push for a kecamatan the station does not serve).
    services.queue.issue(operator, "baru", nik=add_resident(kecamatan=SETU))
    logged = sorted((e.id, e.kind, e.code, e.service, e.at) for e in StationQueueEvent.select())
    assert len(logged) == 3 and {e.kecamatan_code for e in StationQueueEvent.select()} == {PAMULANG}

    services.sync.round()

    with connection():
        arrived = sorted((e.id, e.kind, e.code, e.service, e.at) for e in QueueEvent.select())
    assert arrived == [(i, k, c, s, at.replace(microsecond=0)) for i, k, c, s, at in logged]
    services.close()
