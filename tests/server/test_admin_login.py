"""The regency admin's log-in (issue 17, item 7): the attempt is counted under a lock before the
password is checked, an unknown name costs the same work as a known one, and the throttle holds per
name and client address, so a flood from one address does not lock the admin out elsewhere."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher, extract_parameters

from server import config, security
from server.db import connection
from server.errors import ApiError
from server.models import Admin, AuditEntry, LoginThrottle
from tests.helpers.regency import ADMIN_PASSWORD, BOTH
from tests.server.test_protocol import call

NOW = datetime(2026, 12, 7, 1, 0)
PASSWORD = "sandi-kepala-2026"


def login(regency, username: str, password: str, via: str | None = None) -> tuple[int, dict]:
    return call(regency.url + "/v1/admin/login", "POST", {"username": username, "password": password},
                headers={"X-Forwarded-For": via} if via else None)


@pytest.fixture
def behind_proxy(regency_db):
    """A server whose reverse proxy is 127.0.0.1 (the tests): X-Forwarded-For names the client, and the
    admin API answers the regency's offices in 10.0.0.0/8."""
    regency_db.extra_env[config.TRUSTED_PROXIES_ENV] = "127.0.0.1"
    regency_db.extra_env[config.ADMIN_NETWORKS_ENV] = "127.0.0.0/8,10.0.0.0/8"
    regency_db.start()
    yield regency_db
    regency_db.stop()


@pytest.mark.parametrize("regency_db", BOTH, indirect=True)  # PostgreSQL: row locks: the count taken under FOR UPDATE by parallel workers
def test_parallel_wrong_passwords_are_checked_at_most_five_times(behind_proxy):
    regency = behind_proxy
    regency.cli("admin", "create", "kepala")
    with ThreadPoolExecutor(32) as pool:
        statuses = list(pool.map(lambda _: login(regency, "kepala", "salah-sandi-1", via="10.1.1.1")[0], range(32)))
    assert Counter(statuses) == {401: 5, 429: 27}
    with connection():
        assert Admin.get(Admin.username == "kepala").failed_logins == 5
        assert [(r.address, r.failures) for r in LoginThrottle.select()] == [("10.1.1.1", 5)]
        assert AuditEntry.select().where(AuditEntry.action == "admin.login_failed").count() == 5
    status, reply = login(regency, "kepala", ADMIN_PASSWORD, via="10.1.1.1")
    assert (status, reply["detail"]["code"]) == (429, "throttled")
    status, reply = login(regency, "kepala", ADMIN_PASSWORD, via="10.2.2.2")  # the admin's own office
    assert status == 200 and reply["token"]
    with connection():
        assert Admin.get(Admin.username == "kepala").failed_logins == 0
        assert [(r.address, r.failures) for r in LoginThrottle.select()] == [("10.1.1.1", 5)]


@pytest.mark.parametrize("regency", ["sqlite"], indirect=True)
def test_forwarded_headers_are_not_believed_by_default(regency):
    regency.cli("admin", "create", "kepala")
    for number in range(5):
        assert login(regency, "kepala", "salah-sandi-1", via=f"10.9.9.{number}")[0] == 401
    assert login(regency, "kepala", ADMIN_PASSWORD, via="10.9.9.200")[0] == 429
    with connection():
        assert [(r.address, r.failures) for r in LoginThrottle.select()] == [("127.0.0.1", 5)]


class RecordingHasher(PasswordHasher):
    """Light argon2 parameters, and a record of every hash a password was checked against."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.checked: list[str] = []

    def verify(self, hash, password) -> bool:
        self.checked.append(hash)
        return super().verify(hash, password)


@pytest.fixture
def hasher(regency_db):
    recording = RecordingHasher()
    security.set_hasher(recording)
    with connection():
        security.create_admin("test", "kepala", "Kepala Seksi", PASSWORD)
        security.create_admin("test", "pensiun", "Sudah Pensiun", PASSWORD)
        Admin.update(active=False).where(Admin.username == "pensiun").execute()
        yield recording
    security.set_hasher(PasswordHasher())


def attempt(username: str, password: str = "salah-sandi-1", address: str = "10.0.0.1",
            now: datetime = NOW) -> str:
    try:
        security.admin_login(username, password, address, now=now)
    except ApiError as exc:
        return exc.code
    return "ok"


def test_an_unknown_name_is_checked_against_a_dummy_hash_like_a_known_one(hasher):
    kepala = Admin.get(Admin.username == "kepala")
    assert attempt("kepala") == "unauthenticated"
    assert attempt("tidak.ada") == "unauthenticated"
    assert attempt("pensiun", PASSWORD) == "unauthenticated"  # inactive: its real hash, then refused
    known, unknown, inactive = hasher.checked
    assert known == kepala.password_hash
    assert inactive == Admin.get(Admin.username == "pensiun").password_hash
    assert unknown not in (known, inactive)
    # The same argon2 work: the dummy carries the hasher's own parameters, salt and hash lengths.
    assert extract_parameters(unknown) == extract_parameters(known)
    assert AuditEntry.select().where(AuditEntry.action == "admin.login_failed").count() == 3


def test_an_unknown_name_is_counted_and_locked_like_a_known_one(hasher):
    for name in ("kepala", "tidak.ada"):
        assert [attempt(name) for _ in range(6)] == ["unauthenticated"] * 5 + ["throttled"]
    assert sorted((r.username, r.failures) for r in LoginThrottle.select()) == [("kepala", 5), ("tidak.ada", 5)]
    assert len(hasher.checked) == 10  # a refused attempt checks no password


def test_the_lock_holds_per_address_and_doubles(hasher):
    assert [attempt("kepala") for _ in range(5)] == ["unauthenticated"] * 5
    assert attempt("kepala", PASSWORD) == "throttled"
    assert attempt("kepala", PASSWORD, address="10.0.0.2") == "ok"
    # One IPv6 subscriber's /64 is one address.
    assert [attempt("kepala", address=f"2001:db8:1:2::{n}") for n in range(1, 7)] == ["unauthenticated"] * 5 + [
        "throttled"]
    assert attempt("kepala", PASSWORD, address="2001:db8:1:3::1") == "ok"
    # After 60 s one more try; its failure locks for 120 s.
    assert attempt("kepala", now=NOW + timedelta(seconds=61)) == "unauthenticated"
    assert attempt("kepala", PASSWORD, now=NOW + timedelta(seconds=61 + 119)) == "throttled"
    assert attempt("kepala", PASSWORD, now=NOW + timedelta(seconds=61 + 121)) == "ok"
    assert not LoginThrottle.select().where(LoginThrottle.address == "10.0.0.1").exists()


def test_failures_are_forgotten_a_day_after_the_last(hasher):
    assert [attempt(f"nama{n}") for n in range(3)] == ["unauthenticated"] * 3
    assert LoginThrottle.select().count() == 3
    assert attempt("kepala", PASSWORD, now=NOW + timedelta(days=1, seconds=1)) == "ok"
    assert LoginThrottle.select().count() == 0
