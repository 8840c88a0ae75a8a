"""Authenticate first, then parse (issue 17, item 8): without a valid token every path under /v1/
but the public ones answers 401 before any 404, 405 or 422; with one, text the database cannot hold
and values of the wrong type are 422 on every endpoint (a table of them), never 500; a batch id
re-used for other events is 409; a pull cursor the server did not make is 422."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator

import pytest
from fastapi.routing import APIRoute

from server import leases
from server.app import create_app
from server.config import trusted_proxies
from server.edge import PUBLIC_PATHS, client_address
from server.models import Batch, IssuedCard, utcnow
from tests.helpers.regency import BOTH
from tests.server.test_protocol import PAMULANG, admin_token, batch, call, enrolled_station

NUL, SURROGATE = "a\x00b", "a\ud800b"
WRONG_TYPES = ([1], {"a": 1})
MALFORMED = b'{"this is": not json'


def routes() -> set[tuple[str, str]]:
    """(method, path) of every endpoint under /v1/, as the application declares them."""
    return {(method, route.path) for route in create_app().routes if isinstance(route, APIRoute)
            and route.path.startswith("/v1/") for method in route.methods}


VALID_PATH = {"{nik}": "3674064508900001", "{ident}": "x", "{action}": "code", "{admin_action}": "unlock",
              "{kecamatan}": PAMULANG, "{kind}": "daily"}


def fill(path: str, value: str | None = None) -> str:
    """The path with its parameters valid (None) or all set to `value`."""
    for name, valid in VALID_PATH.items():
        path = path.replace(name, valid if value is None else value)
    return path


@pytest.mark.parametrize("regency", ["sqlite"], indirect=True)
def test_without_a_valid_token_every_path_answers_401_first(regency):
    token, installation = enrolled_station(regency)
    admin = admin_token(regency)
    guarded = sorted((m, p) for m, p in routes() if p not in PUBLIC_PATHS)
    assert len(guarded) >= 15
    station_auth = {"Authorization": f"Bearer {token}", "X-KTP-Installation": installation}
    admin_auth = {"Authorization": f"Bearer {admin}"}
    wrong = [{}, {"Authorization": "Bearer not-a-token", "X-KTP-Installation": installation},
             {"Authorization": f"Basic {token}", "X-KTP-Installation": installation},
             {"Authorization": f"Bearer {token}", "X-KTP-Installation": "é" * 30}]
    for method, path in [*guarded, ("GET", "/v1/nope"), ("DELETE", "/v1/push"), ("GET", "/v1/admin/nope"),
                         ("PATCH", "/v1/admin/stations")]:
        for filled in {fill(path, "x"), fill(path, "%00")}:
            others = [admin_auth] if not path.startswith("/v1/admin/") else [station_auth]
            for headers in [*wrong, *others]:
                status, reply = call(regency.url + filled, method, MALFORMED if method != "GET" else None,
                                     headers=headers)
                assert (status, reply["detail"]["code"]) == (401, "unauthenticated"), (method, filled, headers)
    # With a valid token the same requests get what they deserve.
    assert call(regency.url + "/v1/nope", headers=station_auth)[0] == 404
    assert call(regency.url + "/v1/push", "DELETE", headers=station_auth)[0] == 405
    assert call(regency.url + "/v1/push", "POST", MALFORMED, headers=station_auth)[0] == 422
    assert call(regency.url + "/v1/admin/nope", headers=admin_auth)[0] == 404
    assert call(regency.url + "/v1/residents/x/photo", headers=station_auth)[0] == 422
    # The public paths stay public.
    assert call(regency.url + "/v1/health")[0] == 200
    assert call(regency.url + "/v1/enrol", "POST", MALFORMED)[0] == 422
    assert call(regency.url + "/v1/admin/login", "POST", MALFORMED)[0] == 422


# --- the table: every endpoint, each field spoiled in turn ------------------------------------------
def push_body() -> dict:
    body = batch(1)
    body["station_time"] = utcnow().isoformat() + "Z"
    body["events"][0]["data"]["issued_at"] = "2026-11-23T01:00:00"
    body["audit_head"] = {"seq": 0, "hash": "00"}
    return body


def queue_push_body() -> dict:
    """A push of a queue event (issue 25): its own fields are checked apart from a card's."""
    from tests.server.test_queue_events import queue_event

    return push_body() | {"events": [queue_event("call")]}


def lease_body() -> dict:
    day = leases.today().isoformat()
    return {"station_time": utcnow().isoformat() + "Z", "generation": None, "digest": "00",
            "leases": [{"kecamatan": PAMULANG, "day": day, "granted": 0, "returned": 0, "used": 0}],
            "blanko": {"usable": 0}, "printers": [{"name": "Evolis Primacy", "state": "ready", "ribbon_left": 180}],
            "counts": {"cards": {f"{day}|{PAMULANG}": 0}, "blanko": {"leased": 0}},
            "report": {"leases": [{"kecamatan": PAMULANG, "day": day, "granted": 0, "returned": 0, "used": 0}],
                       "ranges": [{"id": "r1", "first": "KAB-00000001", "last": "KAB-00000002", "confirmed": False}]}}


LEDGER_CURSOR = "WyIyMDI2LTEyLTA3VDAwOjAwOjAwIiwiaXNzdWUiLCJ4IiwiS0FCLTAwMDAwMDAxIl0"  # a page's `next`

# (method, path, body or None, query parameters); who asks follows from the path.
TABLE = [
    ("POST", "/v1/enrol", lambda: {"code": "AAAA-BBBB-CCCC-DDDD", "installation_id": "installation-1",
                                   "station_name": "Loket"}, {}),
    ("GET", "/v1/session", None, {}),
    ("POST", "/v1/push", push_body, {}),
    ("POST", "/v1/push", queue_push_body, {}),
    ("POST", "/v1/leases", lease_body, {}),
    ("GET", "/v1/pull", None, {"cursor": "-1.0", "limit": "10", "format": "columns"}),
    ("GET", "/v1/own-events", None, {"after": "0f8e-entry", "cursor": "0", "limit": "10"}),
    ("GET", "/v1/residents/{nik}/photo", None, {}),
    ("GET", "/v1/residents/{nik}/signature", None, {}),
    ("POST", "/v1/claims", lambda: {"nik": "3674064508900001", "job_id": "job-1",
                                    "reprint_approval": "0b7c6f2e-3f4a-4c1d-9a57-0c2d1e9f8a11"}, {}),
    ("POST", "/v1/claims/{ident}/release", lambda: {"by": "kepala"}, {}),
    ("POST", "/v1/claims/sweep", lambda: {"keep": ["claim-1"]}, {}),
    ("GET", "/v1/cards", None, {"nik": "3674064508900001"}),
    ("POST", "/v1/password", lambda: {"username": "kepala", "old_password": "sandi-lama",
                                      "new_password": "sandi-baru-1"}, {}),
    ("POST", "/v1/login", lambda: {"username": "kepala", "password": "sandi"}, {}),
    ("POST", "/v1/admin/login", lambda: {"username": "kepala", "password": "sandi"}, {}),
    ("GET", "/v1/admin/stations", None, {}),
    ("POST", "/v1/admin/stations", lambda: {"name": "Loket", "kecamatan": [PAMULANG]}, {}),
    ("POST", "/v1/admin/stations/{ident}/{action}", lambda: {"password": "sandi"}, {}),
    ("PUT", "/v1/admin/stations/{ident}/served", lambda: {"kecamatan": [PAMULANG]}, {}),
    ("PUT", "/v1/admin/quotas/{kecamatan}", lambda: {"daily_limit": 100, "from_tomorrow": False,
                                                     "password": "sandi"}, {}),
    ("GET", "/v1/admin/leases", None, {"day": "2026-12-07"}),
    ("PUT", "/v1/admin/lease-settings", lambda: {"size": 10, "low_water": 2, "blanko_size": 50,
                                                 "blanko_low_water": 5, "max_skew_seconds": 300,
                                                 "advance_hour": 18}, {}),
    ("POST", "/v1/admin/blanko", lambda: {"quantity": 10, "batch": "BOX-1", "password": "sandi"}, {}),
    ("GET", "/v1/admin/quota-requests", None, {"state": "pending"}),
    ("POST", "/v1/admin/quota-requests/{ident}/decide", lambda: {"approve": True, "password": "sandi"}, {}),
    ("GET", "/v1/admin/claims", None, {"day": "2026-12-07"}),
    ("POST", "/v1/admin/claims/{ident}/release", None, {}),
    ("GET", "/v1/admin/audit", None, {"limit": "10"}),
    ("GET", "/v1/admin/anomalies", None, {"limit": "10", "station": "x"}),
    ("POST", "/v1/admin/password", lambda: {"old_password": "sandi-lama-1", "new_password": "sandi-baru-12"}, {}),
    ("GET", "/v1/admin/admins", None, {}),
    ("PUT", "/v1/admin/admins/{ident}/password", lambda: {"password": "sandi-baru-12"}, {}),
    ("POST", "/v1/admin/admins/{ident}/{admin_action}", None, {}),
    ("GET", "/v1/admin/panel", None, {"day": "2026-12-07"}),
    ("GET", "/v1/admin/quotas", None, {}),
    ("GET", "/v1/admin/panel/history", None, {"days": "30", "kecamatan": PAMULANG}),
    ("GET", "/v1/admin/ledger", None, {"holder": "x", "kind": "issue", "serial": "KAB-00000001", "from": "2026-12-01",
                                       "to": "2026-12-07", "limit": "10", "after": LEDGER_CURSOR}),
    ("GET", "/v1/admin/ledger/balances", None, {}),
    ("POST", "/v1/admin/blanko/allocate", lambda: {"holder": PAMULANG, "quantity": 10, "note": "x",
                                                   "password": "sandi"}, {}),
    ("GET", "/v1/admin/stations/{ident}/blanko", None, {}),
    ("GET", "/v1/admin/stations/{ident}/users", None, {}),
    ("POST", "/v1/admin/stations/{ident}/blanko/write-off", lambda: {"note": "dicuri, LP/12/XII/2026"}, {}),
    ("GET", "/v1/admin/reports/{kind}", None, {"day": "2026-12-01", "kecamatan": PAMULANG, "format": "csv"}),
]


def spoiled(value: object, where: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Every copy of `value` with one place spoiled: text with a NUL or a lone surrogate (in values
    and keys), a value of the wrong type, a text instead of an object or a list."""
    if isinstance(value, dict):
        yield where, "x"
        for key in value:
            yield (*where, f"key {key}"), {(NUL if k == key else k): v for k, v in value.items()}
            for place, bad in spoiled(value[key], (*where, key)):
                yield place, {**value, key: bad}
    elif isinstance(value, list):
        yield where, "x"
        for index, item in enumerate(value):
            for place, bad in spoiled(item, (*where, index)):
                yield place, [*value[:index], bad, *value[index + 1:]]
    elif where:
        if isinstance(value, str):
            yield where, NUL
            yield where, SURROGATE
        for wrong in WRONG_TYPES:
            yield where, wrong


def query(params: dict) -> str:
    return ("?" + "&".join(f"{k}={v}" for k, v in params.items())) if params else ""


def test_the_table_covers_every_endpoint():
    assert {(method, path) for method, path, _, _ in TABLE} == routes() - {("GET", "/v1/health")}  # takes nothing


@pytest.mark.parametrize("regency", BOTH, indirect=True)  # PostgreSQL: what PostgreSQL's text and integer types cannot hold
def test_no_text_or_type_the_database_cannot_hold_gets_past_422(regency):
    token, installation = enrolled_station(regency)
    auth = {"station": {"Authorization": f"Bearer {token}", "X-KTP-Installation": installation},
            "admin": {"Authorization": f"Bearer {admin_token(regency)}"}}
    failures, checked = [], 0
    for method, path, make_body, params in TABLE:
        headers = auth["admin" if path.startswith("/v1/admin/") else "station"]
        url = regency.url + fill(path)
        # Unspoiled, the request is not 422: each 422 below is the spoiled place's.
        status, reply = call(url + query(params), method, make_body and make_body(), headers=headers)
        assert status != 422 and status < 500, (method, path, reply)
        cases = []
        if make_body is not None:
            cases += [(url, bad, f"body {'.'.join(map(str, place))}") for place, bad in spoiled(make_body())]
        for name in params:
            cases += [(url + query({**params, name: bad}), make_body and make_body(), f"query {name}={bad}")
                      for bad in ("%00", "a%00", "%5B1%5D")]
        if "{" in path:
            cases.append((regency.url + fill(path, "%00"), make_body and make_body(), "path NUL"))
        cases.append((url + query({**params, "stray": "%00"}), make_body and make_body(), "a stray query NUL"))
        checked += len(cases)
        for target, body, what in cases:
            status, reply = call(target, method, body, headers=headers)
            if status != 422:
                failures.append(f"{method} {path} {what}: {status} {json.dumps(reply)[:160]}")
    assert failures == []
    assert checked >= 300


@pytest.mark.parametrize("regency", BOTH, indirect=True)  # PostgreSQL: NUL and lone surrogates, which PostgreSQL's text refuses
def test_the_cases_the_issue_found(regency):
    token, installation = enrolled_station(regency)
    cases = []
    for field in ("reason", "blanko", "id", "at"):
        body = push_body()
        target = body["events"][0] if field in ("id", "at") else body["events"][0]["data"]
        target[field] = "x\x00y"
        cases.append(("/v1/push", body))
    body = push_body()
    body["events"][0]["data"]["reason"] = "\ud800"
    cases.append(("/v1/push", body))
    body = push_body()
    body["events"][0]["data"].pop("kecamatan")
    body["events"][0]["data"]["kecamatan_code"] = [PAMULANG]
    cases.append(("/v1/push", body))
    body = lease_body()
    body["counts"] = {"cards": "x", "blanko": [1]}
    cases.append(("/v1/leases", body))
    for path, body in cases:
        status, reply = call(regency.url + path, "POST", body, token, installation)
        assert (status, reply["detail"]["code"]) == (422, "invalid"), (path, reply)
        assert reply["detail"]["message"].startswith(("Permintaan tidak sah", "Peristiwa 1"))
    # Nested deeper than a JSON parser goes, with and without an escape to look at.
    for text in ("x", "\\u00e9"):
        deep = b'{"batch_id": ' + b"[" * 100_000 + f'"{text}"'.encode() + b"]" * 100_000 + b"}"
        status, reply = call(regency.url + "/v1/push", "POST", deep, token, installation)
        assert 400 <= status < 500, reply
    # A lone surrogate written as raw bytes is not UTF-8 at all.
    status, reply = call(regency.url + "/v1/push", "POST", b'{"batch_id": "\xed\xa0\x80"}', token, installation)
    assert (status, reply["detail"]["code"]) == (422, "invalid")
    assert not IssuedCard.select().exists()
    # A surrogate pair is one valid character, not a lone surrogate.
    body = push_body()
    body["events"][0]["data"]["reason"] = "baru \U0001F600"
    assert call(regency.url + "/v1/push", "POST", body, token, installation)[0] == 200


def test_a_batch_id_used_again_for_other_events_is_409(regency):
    token, installation = enrolled_station(regency)
    first = batch(2)
    assert call(regency.url + "/v1/push", "POST", first, token, installation)[1]["applied"] == 2
    again = copy.deepcopy(first)
    again["events"].reverse()  # the same events read back in another order
    again["station_time"] = utcnow().isoformat() + "Z"
    assert call(regency.url + "/v1/push", "POST", again, token, installation)[1]["duplicate"] is True
    other = copy.deepcopy(first)
    other["events"].append(batch(1)["events"][0])
    status, reply = call(regency.url + "/v1/push", "POST", other, token, installation)
    assert (status, reply["detail"]["code"]) == (409, "conflict") and first["batch_id"] in reply["detail"]["message"]
    changed = copy.deepcopy(first)
    changed["events"][0]["data"]["reason"] = "rusak"
    assert call(regency.url + "/v1/push", "POST", changed, token, installation)[0] == 409
    assert IssuedCard.select().count() == 2
    assert Batch.select().count() == 1


def test_a_cursor_the_server_did_not_make_is_422(regency):
    token, installation = enrolled_station(regency)
    status, page = call(regency.url + "/v1/pull", token=token, installation=installation)
    assert status == 200
    issued = page["cursor"]
    assert call(regency.url + f"/v1/pull?cursor={issued}", token=token, installation=installation)[0] == 200
    txid, change_id = (int(part) for part in issued.split(".")[:2])
    for cursor in ("1.2.3", "99999999999999999999.1", "1.99999999999999999999", f"{txid + 1000}.{change_id}",
                   f"{txid}.{change_id + 1000}", "1", "a.b", "1.2.ABCDEF12", "-2.0", "01.2", " 1.2", "1.2.3.4"):
        status, reply = call(regency.url + f"/v1/pull?cursor={cursor.replace(' ', '%20')}", token=token,
                             installation=installation)
        assert (status, reply["detail"]["code"]) == (422, "invalid"), cursor


def test_the_client_address_comes_from_a_trusted_proxy_only():
    proxies = trusted_proxies("127.0.0.1, 10.20.0.0/29")
    # The nearest address that is not a proxy of ours; what the client wrote further left proves nothing.
    assert client_address("127.0.0.1", ["6.6.6.6, 203.0.113.9"], proxies) == "203.0.113.9"
    assert client_address("127.0.0.1", ["6.6.6.6", "203.0.113.9, 10.20.0.3"], proxies) == "203.0.113.9"
    assert client_address("198.51.100.7", ["203.0.113.9"], proxies) == "198.51.100.7"  # not a proxy
    assert client_address("127.0.0.1", [], proxies) == "127.0.0.1"
    assert client_address("127.0.0.1", ["203.0.113.9"], trusted_proxies("")) == "127.0.0.1"  # the default
    with pytest.raises(ValueError, match="bukan alamat IP"):
        trusted_proxies(["127.0.0.1", "proxy.example"])


@pytest.mark.parametrize("regency_db", ["sqlite"], indirect=True)
def test_a_trusted_proxy_that_is_no_address_stops_the_server_at_start(regency_db):
    done = regency_db.cli("serve", "--port", "1", "--trusted-proxy", "proxy.example", check=False)
    assert done.returncode == 1
    assert "--trusted-proxy: 'proxy.example' bukan alamat IP atau jaringan" in done.stderr
