"""The regency server applies the one password rule itself (desktop/domain/passwords.py), whatever the
station says: a regency user's or a regency admin's new password is refused with the rule's sentence
(API and `ktp-mandiri-server` commands), and a regency account whose stored password the rule refuses
today must change it at its next log-in at the server. Real server processes on SQLite and PostgreSQL."""

from __future__ import annotations

from desktop.domain.passwords import password_problem
from server.db import connection
from server.models import ServerUser
from server.security import MIN_PASSWORD_LENGTH, hasher
from tests.server.test_admins_managed import login
from tests.server.test_protocol import PAMULANG, call, enrolled_station

GOOD = "kopi-tubruk-2026"


def sentence(password: str, username: str, length: int = 8) -> str:
    return str(password_problem(password, username, length))


def test_a_regency_users_weak_new_password_is_refused_by_the_command_and_the_api(regency):
    for weak in ("12345678", "bismillah", "operator7"):
        done = regency.cli("user", "add", "operator7", "--role", "operator", "--kecamatan", PAMULANG,
                           password=weak, check=False)
        assert (done.returncode, done.stderr) == (1, f"ktp-mandiri-server: {sentence(weak, 'operator7')}\n"), weak
    with connection():
        assert not ServerUser.select().where(ServerUser.username == "operator7").exists()  # nothing half-made
    regency.cli("user", "add", "operator7", "--role", "operator", "--kecamatan", PAMULANG, password=GOOD)

    token, installation = enrolled_station(regency)
    for weak in ("20260101", "Indonesia"):  # the user's own change through a station (POST /v1/password)
        status, reply = call(regency.url + "/v1/password", "POST",
                             {"username": "operator7", "old_password": GOOD, "new_password": weak},
                             token=token, installation=installation)
        assert (status, reply["detail"]["code"], reply["detail"]["message"]) == (
            422, "invalid", sentence(weak, "operator7")), reply
    with connection():
        assert hasher().verify(ServerUser.get(ServerUser.username == "operator7").password_hash, GOOD)


def test_a_regency_admins_weak_new_password_is_refused_by_the_command(regency):
    done = regency.cli("admin", "create", "kepala", password="bismillah123", check=False)
    assert (done.returncode, done.stderr) == (
        1, f"ktp-mandiri-server: {sentence('bismillah123', 'kepala', MIN_PASSWORD_LENGTH)}\n")
    assert login(regency, "kepala", "bismillah123")[0] == 401  # never made


def test_a_regency_account_with_a_weak_password_must_change_it_at_its_next_log_in_at_the_server(regency):
    """An admin account held in the regency's user list logs in at a station online (POST /v1/login: its
    hash never leaves the server): with a password the rule refuses today, the server itself asks for a
    change, and the stations serving it learn so. (The panel's own log-in, POST /v1/admin/login, opens a
    session that can only change a weak password: tests/server/test_admins_managed.py.)"""
    regency.cli("user", "add", "admin.kab", "--role", "admin", "--kecamatan", PAMULANG, "--no-change-required",
                password=GOOD)
    with connection():
        ServerUser.update(password_hash=hasher().hash("sayang123")).where(ServerUser.username == "admin.kab").execute()
    token, installation = enrolled_station(regency)
    status, reply = call(regency.url + "/v1/login", "POST", {"username": "admin.kab", "password": "sayang123"},
                         token=token, installation=installation)
    assert status == 200 and reply["user"]["must_change_password"] is True, reply
    with connection():
        assert ServerUser.get(ServerUser.username == "admin.kab").must_change_password
    status, reply = call(regency.url + "/v1/password", "POST",
                         {"username": "admin.kab", "old_password": "sayang123", "new_password": "teh-manis-88"},
                         token=token, installation=installation)
    assert status == 200 and reply["user"]["must_change_password"] is False, reply
    status, reply = call(regency.url + "/v1/login", "POST", {"username": "admin.kab", "password": "teh-manis-88"},
                         token=token, installation=installation)
    assert status == 200 and reply["user"]["must_change_password"] is False, reply

