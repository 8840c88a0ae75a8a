"""Every request the server must refuse is refused with a 4xx, and nothing changes."""

from __future__ import annotations

import gzip
import http.client
import json
import urllib.request
import uuid

import pytest

from server import registry, residents
from server.db import connection
from server.models import AuditEntry, Batch, Change, IssuedCard, StationEvent
from tests.helpers.exports import jpeg, resident_row, write_export
from tests.server.test_protocol import PAMULANG, admin_token, batch, call, enrolled_station

CIPUTAT = "36.74.04"


def counts() -> tuple[int, int, int, int]:
    with connection():
        return (StationEvent.select().count(), Batch.select().count(), IssuedCard.select().count(),
                Change.select().count())


def test_requests_without_a_valid_station_token_are_refused(regency):
    token, installation = enrolled_station(regency)
    other_token, other_installation = enrolled_station(regency)
    before = counts()
    url = regency.url + "/v1/push"
    assert call(url, "POST", batch())[0] == 401  # no token
    assert call(url, "POST", batch(), "not-a-token", installation)[0] == 401
    assert call(url, "POST", batch(), other_token, installation)[0] == 401  # another station's token
    assert call(url, "POST", batch(), token, None)[0] == 401  # token without its installation
    assert call(regency.url + "/v1/pull", token=other_token, installation=installation)[0] == 401
    assert counts() == before


def test_a_revoked_station_is_locked_out_at_its_next_request(regency):
    token, installation = enrolled_station(regency)
    assert call(regency.url + "/v1/session", token=token, installation=installation)[0] == 200
    with connection():
        station = registry.list_stations()[-1]
        registry.revoke_station("test", station["id"])
        assert AuditEntry.select().where(AuditEntry.action == "station.revoke").count() == 1
    before = counts()
    status, reply = call(regency.url + "/v1/push", "POST", batch(), token, installation)
    assert (status, reply["detail"]["code"]) == (401, "revoked")
    assert counts() == before


def test_a_write_for_an_unserved_kecamatan_refuses_the_whole_batch(regency):
    token, installation = enrolled_station(regency)
    body = batch(3)
    body["events"][2]["data"]["kecamatan"] = CIPUTAT
    before = counts()
    status, reply = call(regency.url + "/v1/push", "POST", body, token, installation)
    assert status == 403 and CIPUTAT in reply["detail"]["message"]
    assert counts() == before


def test_residents_of_an_unserved_kecamatan_are_not_served(regency, tmp_path, qapp):
    rows = [resident_row(PAMULANG, 1), resident_row(CIPUTAT, 2)]
    photos = tmp_path / "foto"
    photos.mkdir()
    for row in rows:
        (photos / f"{row[0]}.jpg").write_bytes(jpeg())
    with connection():
        residents.import_residents("test", write_export(tmp_path / "a.csv", rows), photos)
    token, installation = enrolled_station(regency)
    ok = urllib.request.Request(regency.url + f"/v1/residents/{rows[0][0]}/photo",
                                headers={"Authorization": f"Bearer {token}", "X-KTP-Installation": installation})
    with urllib.request.urlopen(ok) as response:
        assert response.read().startswith(b"\xff\xd8")
    assert call(regency.url + f"/v1/residents/{rows[1][0]}/photo", token=token, installation=installation)[0] == 404
    pulled = call(regency.url + "/v1/pull", token=token, installation=installation)[1]["changes"]
    assert {c["key"] for c in pulled if c["kind"] == "resident"} == {rows[0][0]}
    log = regency.log_path.read_text()
    assert rows[0][0] not in log and "/v1/residents/{nik}/photo" in log  # no NIK in the access log: the route


@pytest.mark.parametrize("body", [
    b"{not json", b'{"batch_id": "x", "seq": 1, "events": []}', b'{"batch_id": "' + b"a" * 36 + b'", "seq": 0, "events": []}',
    json.dumps({"batch_id": str(uuid.uuid4()), "seq": 1, "events": [{"id": "1"}]}).encode(),
], ids=["not-json", "short-batch-id", "seq-0", "event-without-fields"])  # the same names in every xdist worker
def test_malformed_payloads_are_refused(regency, body):
    token, installation = enrolled_station(regency)
    before = counts()
    request = urllib.request.Request(regency.url + "/v1/push", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "X-KTP-Installation": installation, "Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 422
    assert counts() == before


def test_oversized_payloads_are_refused(regency):
    token, installation = enrolled_station(regency)
    before = counts()
    headers = {"Authorization": f"Bearer {token}", "X-KTP-Installation": installation,
               "Content-Type": "application/json"}
    # A body declared over the limit is refused before it is sent.
    conn = http.client.HTTPConnection("127.0.0.1", regency.port, timeout=30)
    conn.putrequest("POST", "/v1/push")
    for name, value in (headers | {"Content-Length": str(9 * 1024 * 1024)}).items():
        conn.putheader(name, value)
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()
    bomb = gzip.compress(b"[" + b" " * (20 * 1024 * 1024) + b"]")  # small on the wire, 20 MiB inflated
    request = urllib.request.Request(regency.url + "/v1/push", data=bomb, method="POST",
                                     headers=headers | {"Content-Encoding": "gzip"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 413
    too_many = batch(1001)
    assert call(regency.url + "/v1/push", "POST", too_many, token, installation)[0] == 422
    assert counts() == before


def test_admin_endpoints_need_an_admin_and_admin_log_in_is_throttled(regency):
    token, installation = enrolled_station(regency)
    assert call(regency.url + "/v1/admin/stations", token=token, installation=installation)[0] == 401
    admin = admin_token(regency)
    status, stations = call(regency.url + "/v1/admin/stations", token=admin)
    assert status == 200 and len(stations) == 1
    with connection():
        from server.models import Admin

        username = Admin.select().get().username
    statuses = [call(regency.url + "/v1/admin/login", "POST", {"username": username, "password": "salah"})[0]
                for _ in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    with connection():
        assert AuditEntry.select().where(AuditEntry.action == "admin.login_failed").count() >= 5


def test_enrolment_code_dies_after_limited_wrong_attempts(regency):
    _, code = registry.add_station("test", "Stasiun", [PAMULANG])
    prefix = code.split("-")[0]
    for _ in range(5):
        assert call(regency.url + "/v1/enrol", "POST", {"code": f"{prefix}-AAAA-AAAA-AAAA",
                                                       "installation_id": str(uuid.uuid4())})[0] == 401
    assert call(regency.url + "/v1/enrol", "POST", {"code": code, "installation_id": str(uuid.uuid4())})[0] == 401
