"""schemathesis (pinned major version, fixed seed, bounded) against the server's own /openapi.json,
with a station's token and with an admin's: whatever it sends, no answer is a 5xx; and with a token
that is not valid there: whatever it sends to a guarded path, the answer is 401 (tests/server/
test_auth_first.py has the hand-written table)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings

from server.edge import PUBLIC_PATHS
from tests.server.test_protocol import admin_token, enrolled_station

EXAMPLES_PER_OPERATION = 30


@pytest.mark.parametrize("regency", ["sqlite", "postgres"], indirect=True)
def test_no_request_makes_the_server_fail(regency):
    token, installation = enrolled_station(regency)
    admin = admin_token(regency)
    schema = schemathesis.openapi.from_url(regency.url + "/openapi.json")
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        is_admin = operation.path.startswith("/v1/admin/")
        headers = {"Authorization": f"Bearer {admin if is_admin else token}", "X-KTP-Installation": installation}
        fuzz(operation, regency.url, headers, failures)()
    assert failures == []


@pytest.mark.slow
@pytest.mark.parametrize("regency", ["sqlite"], indirect=True)
def test_without_a_valid_token_every_request_is_401(regency):
    token, installation = enrolled_station(regency)
    admin = admin_token(regency)
    schema = schemathesis.openapi.from_url(regency.url + "/openapi.json")
    failures: list[str] = []
    for operation in (result.ok() for result in schema.get_all_operations()):
        if operation.path in PUBLIC_PATHS:
            continue
        # Each side's token where the other's is needed, then no token at all.
        wrong = {"Authorization": f"Bearer {token if operation.path.startswith('/v1/admin/') else admin}",
                 "X-KTP-Installation": installation}
        for headers in (wrong, {}):
            fuzz(operation, regency.url, headers, failures, expected=401, examples=10)()
    assert failures == []


def fuzz(operation, base_url: str, headers: dict, failures: list[str], expected: int | None = None,
         examples: int = EXAMPLES_PER_OPERATION):
    @seed(2026)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def probe(case) -> None:
        # The login endpoint must not lock the admin out for the rest of the run.
        if operation.path == "/v1/admin/login":
            case.body = {"username": "niemand", "password": "x"}
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        if response.status_code >= 500 or expected is not None and response.status_code != expected:
            failures.append(f"{operation.method.upper()} {operation.path}: {response.status_code} "
                            f"{response.text[:200]}")

    return probe
