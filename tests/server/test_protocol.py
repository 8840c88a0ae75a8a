"""The protocol's promises, checked with requests written from docs/sync-protocol.md (not with the
station's client): a pull never passes a change still being committed by another worker, a batch
sent twice is applied once, and a batch whose reply was lost in a server crash is not applied twice."""

from __future__ import annotations

import json
import threading
import urllib.request
import uuid

import pytest
from argon2 import PasswordHasher

from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.store.models import Outbox
from server import changes, registry
from server.db import connection, write_transaction
from server.models import Batch, Change, IssuedCard, StationEvent
from server.push import FAULT_ENV
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.regency import ADMIN_PASSWORD, BOTH

PAMULANG, SETU = "36.74.06", "36.74.07"


def call(url: str, method: str = "GET", body: dict | bytes | None = None, token: str | None = None,
         installation: str | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if installation:
        request.add_header("X-KTP-Installation", installation)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            if response.headers.get_content_type() != "application/json":  # a report's PDF or CSV
                return response.status, {"content": raw, "headers": {k.lower(): v for k, v in response.headers.items()}}
            return response.status, json.loads(raw)
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw or b"{}")
        except ValueError:  # a 500 from outside the API's own error handling
            return exc.code, {"text": raw.decode(errors="replace")}


def enrolled_station(regency, served=(PAMULANG, SETU)) -> tuple[str, str]:
    """A registered station's token and installation id, enrolled through the API."""
    _, code = registry.add_station("test", f"Stasiun {uuid.uuid4().hex[:4]}", list(served))
    installation = str(uuid.uuid4())
    status, reply = call(regency.url + "/v1/enrol", "POST", {"code": code, "installation_id": installation})
    assert status == 200, reply
    return reply["token"], installation


def admin_token(regency) -> str:
    regency.cli("admin", "create", f"admin{uuid.uuid4().hex[:4]}", check=False)
    from server.models import Admin

    username = Admin.select().order_by(Admin.created_at.desc()).get().username
    status, reply = call(regency.url + "/v1/admin/login", "POST", {"username": username, "password": ADMIN_PASSWORD})
    assert status == 200, reply
    return reply["token"]


def pull_all(regency, token, installation, cursor=None) -> tuple[list[dict], str | None]:
    seen = []
    while True:
        query = f"?cursor={cursor}" if cursor else ""
        status, page = call(regency.url + "/v1/pull" + query, token=token, installation=installation)
        assert status == 200, page
        seen += page["changes"]
        cursor = page["cursor"]
        if not page["more"]:
            return seen, cursor


@pytest.mark.parametrize("regency", ["postgres"], indirect=True)
def test_pull_never_passes_a_change_still_being_committed(regency):
    token, installation = enrolled_station(regency)
    admin = admin_token(regency)
    _, cursor = pull_all(regency, token, installation)

    written, release = threading.Event(), threading.Event()

    def slow_writer() -> None:  # a worker whose transaction takes its change id first and commits last
        with connection(), write_transaction():
            changes.record("quota", PAMULANG, [PAMULANG], {"kecamatan_code": PAMULANG, "daily_limit": 111})
            written.set()
            release.wait(30)

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert written.wait(30)
    # Another worker of the server commits a later change meanwhile.
    status, _ = call(regency.url + f"/v1/admin/quotas/{SETU}", "PUT", {"daily_limit": 77, "password": ADMIN_PASSWORD},
                     token=admin)
    assert status == 200
    with connection():
        ids = sorted(c.id for c in Change.select().where(Change.kind == "quota"))
    assert ids == sorted(ids) and len(ids) == 1  # only the committed one is visible yet

    during, cursor_during = pull_all(regency, token, installation, cursor)
    assert during == []  # the later change waits for the earlier one: nothing is passed over
    release.set()
    writer.join()
    after, _ = pull_all(regency, token, installation, cursor_during)
    assert [(c["kind"], c["key"], c["data"]["daily_limit"]) for c in after] == [
        ("quota", PAMULANG, 111), ("quota", SETU, 77)]


def batch(events: int = 3, kecamatan: str = PAMULANG) -> dict:
    return {"batch_id": str(uuid.uuid4()), "seq": 1, "events": [
        {"id": str(uuid.uuid4()), "entity": "issued_card", "entity_id": str(uuid.uuid4()), "op": "insert",
         "at": "2026-11-23T01:00:00", "data": {"nik": "3674064508900001", "reason": "hilang",
                                               "blanko": f"BLK-{n:07d}", "kecamatan": kecamatan, "day": "2026-11-23"}}
        for n in range(events)]}


def test_the_same_batch_twice_is_applied_once(regency):
    token, installation = enrolled_station(regency)
    body = batch()
    first = call(regency.url + "/v1/push", "POST", body, token, installation)
    second = call(regency.url + "/v1/push", "POST", body, token, installation)
    assert first[0] == second[0] == 200
    assert (first[1]["applied"], first[1]["duplicate"]) == (3, False)
    assert (second[1]["applied"], second[1]["duplicate"]) == (3, True)
    with connection():
        assert StationEvent.select().count() == 3
        assert Batch.select().count() == 1
    status, session = call(regency.url + "/v1/session", token=token, installation=installation)
    assert session["last_batch"] == {"seq": 1, "batch_id": body["batch_id"]}


# Text that COPY's text format must escape (backslash, tab, line ends), and quotes.
ODD = "rusak\\N \\. \t tab \n baris \r 'kutip' \"dua\" \\"


def test_a_card_sent_again_replaces_its_own_copy_never_another_stations(regency):
    """Reconciliation re-sends a station's cards as new events: the server's copy becomes the last
    one sent; the same card id from another station changes nothing. Text travels exactly, whatever
    it holds (the server writes batches with COPY on PostgreSQL)."""
    first = enrolled_station(regency)
    other = enrolled_station(regency)
    body = batch(2)
    card = body["events"][0]
    assert call(regency.url + "/v1/push", "POST", body, *first)[0] == 200
    again = {"batch_id": str(uuid.uuid4()), "seq": 2, "events": [
        card | {"id": str(uuid.uuid4()), "data": card["data"] | {"blanko": "BLK-0000099", "reason": ODD}}]}
    assert call(regency.url + "/v1/push", "POST", again, *first)[1]["applied"] == 1
    forged = {"batch_id": str(uuid.uuid4()), "seq": 1, "events": [
        card | {"id": str(uuid.uuid4()), "data": card["data"] | {"nik": "3674060101900002", "blanko": "BLK-0000500"}}]}
    assert call(regency.url + "/v1/push", "POST", forged, *other)[0] == 200
    with connection():
        rows = {c.id: (c.nik, c.blanko_serial, c.reason) for c in IssuedCard.select()}
    assert rows[card["entity_id"]] == ("3674064508900001", "BLK-0000099", ODD)
    assert len(rows) == 2


@pytest.mark.parametrize("regency", BOTH, indirect=True)  # PostgreSQL: a commit in PostgreSQL seen after the server was killed
def test_server_killed_after_commit_before_reply_the_resent_batch_is_not_applied_twice(regency, tmp_path):
    _, code = registry.add_station("test", "Hub Pamulang", [PAMULANG, SETU])
    services = build_services(tmp_path / "station", clock=FixedClock(OFFICE_MORNING),
                              hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    services.sync.enrol(regency.url, code)
    services.sync.round()
    with connection():
        before = StationEvent.select().count()
    admin = services.auth.create_first_admin("kepala", "Kepala Kantor", "kepala12345")  # audit rows to push
    services.auth.logout(admin)
    waiting = Outbox.select().where(Outbox.sent_at.is_null()).count()
    assert waiting >= 2

    regency.stop()
    regency.extra_env = {FAULT_ENV: "kill-after-commit"}
    regency.start()
    with pytest.raises(Exception) as lost:
        services.sync.round()
    assert getattr(lost.value, "code", "") == "offline"
    assert regency.process.wait(timeout=10) == -9  # the whole server died after its commit
    with connection():
        assert StationEvent.select().count() == before + waiting  # committed before the crash
    pending = {r.batch_id for r in Outbox.select().where(Outbox.sent_at.is_null())}
    assert len(pending) == 1 and None not in pending  # the station kept the batch it had fixed

    regency.stop()
    regency.extra_env = {}
    regency.start()
    services.sync.round()
    with connection():
        assert StationEvent.select().count() == before + waiting  # the re-sent batch was not applied again
        assert Batch.select().where(Batch.batch_id == pending.pop()).count() == 1
    assert Outbox.select().where(Outbox.sent_at.is_null()).count() == 0
    services.close()
