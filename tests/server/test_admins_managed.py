"""The regency's admins managed (issue 20, items 2 and 3): `ktp-mandiri-server admin list|passwd|reset|
deactivate|activate|unlock` and the same admin-only API on a real server; a new or reset password ends
the admin's open sessions at once, a one-time password opens a session that can only change it, the
last active admin stays; every action is audited under the officer's name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from server.db import connection
from server.errors import ApiError
from server.models import AuditEntry
from tests.helpers.regency import ADMIN_PASSWORD
from tests.server.test_protocol import call

NEW_PASSWORD = "sandi-baru-kabupaten"
ROOT = Path(__file__).resolve().parents[2]


def login(regency, username: str, password: str = ADMIN_PASSWORD) -> tuple[int, dict]:
    return call(regency.url + "/v1/admin/login", "POST", {"username": username, "password": password})


def token_of(regency, username: str, password: str = ADMIN_PASSWORD) -> str:
    status, reply = login(regency, username, password)
    assert status == 200, reply
    return reply["token"]


def as_admin(regency, token: str, path: str, method: str = "GET", body: dict | None = None) -> tuple[int, dict]:
    return call(regency.url + path, method, body, headers={"Authorization": f"Bearer {token}"})


def audited(action: str) -> list[tuple[str, dict]]:
    with connection():
        return [(e.actor, json.loads(e.details)) for e in AuditEntry.select().where(AuditEntry.action == action)
                .order_by(AuditEntry.id)]


@pytest.fixture
def two_admins(regency):
    regency.cli("admin", "create", "kepala")
    regency.cli("admin", "create", "wakil")
    return regency


def test_the_command_line_manages_admins_and_ends_their_sessions(two_admins):
    regency = two_admins
    wakil = token_of(regency, "wakil")
    assert as_admin(regency, wakil, "/v1/admin/stations")[0] == 200

    listed = regency.cli("admin", "list").stdout.splitlines()
    assert [line.split("\t")[:4] for line in listed] == [["kepala", "kepala", "regency_admin", "aktif"],
                                                          ["wakil", "wakil", "regency_admin", "aktif"]]
    assert "sesi 1" in listed[1]

    # passwd: a new password from the prompt (the environment here); the open session ends at once.
    done = regency.cli("admin", "passwd", "wakil", password=NEW_PASSWORD)
    assert done.stdout == "Kata sandi admin wakil diganti; 1 sesi terbuka diakhiri.\n"
    assert as_admin(regency, wakil, "/v1/admin/stations")[0] == 401
    assert login(regency, "wakil")[0] == 401
    wakil = token_of(regency, "wakil", NEW_PASSWORD)
    short = regency.cli("admin", "passwd", "wakil", password="pendek", check=False)
    assert (short.returncode, short.stderr) == (1, "ktp-mandiri-server: Kata sandi minimal 10 karakter; tidak boleh "
                                                   "hanya angka, sama dengan nama pengguna, atau kata sandi yang "
                                                   "umum dipakai.\n")
    common = regency.cli("admin", "passwd", "wakil", password="1234567890", check=False)
    assert common.returncode == 1 and "tidak boleh hanya angka" in common.stderr

    # reset: a one-time password printed once; the session ends; the new session may only change it.
    done = regency.cli("admin", "reset", "wakil")
    one_time = done.stdout.splitlines()[0].rsplit(": ", 1)[1]
    assert done.stdout.splitlines()[1] == "Wajib diganti saat masuk berikutnya; 1 sesi terbuka diakhiri."
    assert as_admin(regency, wakil, "/v1/admin/stations")[0] == 401
    assert login(regency, "wakil", NEW_PASSWORD)[0] == 401
    status, reply = login(regency, "wakil", one_time)
    assert status == 200 and reply["must_change_password"] is True
    first = reply["token"]
    status, reply = as_admin(regency, first, "/v1/admin/stations")
    assert (status, reply["detail"]["code"]) == (403, "password_change_required")
    assert "wajib ganti kata sandi" in regency.cli("admin", "list").stdout
    assert as_admin(regency, first, "/v1/admin/password", "POST",
                    {"old_password": "salah-sandi-1", "new_password": "sandi-wakil-2026"})[0] == 403
    status, reply = as_admin(regency, first, "/v1/admin/password", "POST",
                             {"old_password": one_time, "new_password": "sandi-wakil-2026"})
    assert status == 200, reply
    assert as_admin(regency, first, "/v1/admin/stations")[0] == 200
    assert login(regency, "wakil", one_time)[0] == 401

    # deactivate ends the session; the last active admin cannot be deactivated.
    done = regency.cli("admin", "deactivate", "wakil")
    assert done.stdout == "Admin wakil dinonaktifkan; 1 sesi terbuka diakhiri.\n"
    assert as_admin(regency, first, "/v1/admin/stations")[0] == 401
    assert login(regency, "wakil", "sandi-wakil-2026")[0] == 401
    last = regency.cli("admin", "deactivate", "kepala", check=False)
    assert last.returncode == 1
    assert last.stderr == ("ktp-mandiri-server: kepala adalah satu-satunya admin aktif: aktifkan atau buat admin "
                           "lain dulu.\n")
    assert regency.cli("admin", "activate", "wakil").stdout == "Admin wakil diaktifkan.\n"
    assert login(regency, "wakil", "sandi-wakil-2026")[0] == 200
    unknown = regency.cli("admin", "reset", "tidak.ada", check=False)
    assert (unknown.returncode, unknown.stderr) == (1, "ktp-mandiri-server: Admin tidak.ada tidak ditemukan.\n")

    for action in ("admin.password", "admin.reset", "admin.deactivate", "admin.activate"):
        assert [actor for actor, _ in audited(action)] == ["cli:petugas (sudo)"], action
    assert audited("admin.password_changed") == [("admin:wakil", {"username": "wakil", "sessions_ended": 0})]


def test_unlock_clears_the_throttle_of_that_name_only(two_admins):
    regency = two_admins
    for name in ("kepala", "wakil"):
        assert [login(regency, name, "salah-sandi-1")[0] for _ in range(6)] == [401] * 5 + [429]
    assert "terkunci" in regency.cli("admin", "list").stdout.splitlines()[0]
    assert regency.cli("admin", "unlock", "kepala").stdout == "Penguncian masuk kepala dihapus (1 alamat).\n"
    assert login(regency, "kepala")[0] == 200
    assert login(regency, "wakil")[0] == 429
    assert audited("admin.unlock") == [("cli:petugas (sudo)", {"username": "kepala", "addresses": 1})]


def test_the_api_does_the_same_for_admins_only(two_admins, regency):
    kepala = token_of(regency, "kepala")
    wakil = token_of(regency, "wakil")
    status, admins = as_admin(regency, kepala, "/v1/admin/admins")
    assert status == 200
    assert [(a["username"], a["active"], a["sessions"]) for a in admins] == [("kepala", True, 1), ("wakil", True, 1)]

    status, reply = as_admin(regency, kepala, "/v1/admin/admins/wakil/password", "PUT", {"password": NEW_PASSWORD})
    assert (status, reply["sessions_ended"]) == (200, 1)
    assert as_admin(regency, wakil, "/v1/admin/admins")[0] == 401
    status, reply = as_admin(regency, kepala, "/v1/admin/admins/wakil/reset", "POST")
    assert status == 200 and len(reply["one_time_password"]) >= 12
    assert login(regency, "wakil", reply["one_time_password"])[1]["must_change_password"] is True
    for _ in range(5):
        login(regency, "wakil", "salah-sandi-1")
    assert login(regency, "wakil", reply["one_time_password"])[0] == 429
    assert as_admin(regency, kepala, "/v1/admin/admins/wakil/unlock", "POST")[1]["addresses_cleared"] == 1
    assert as_admin(regency, kepala, "/v1/admin/admins/wakil/deactivate", "POST")[1]["active"] is False
    # Alone now: kepala cannot deactivate itself.
    status, reply = as_admin(regency, kepala, "/v1/admin/admins/kepala/deactivate", "POST")
    assert (status, reply["detail"]["code"]) == (409, "conflict")
    assert as_admin(regency, kepala, "/v1/admin/admins/wakil/activate", "POST")[1]["active"] is True
    for action in ("admin.password", "admin.reset", "admin.unlock", "admin.deactivate", "admin.activate"):
        assert [actor for actor, _ in audited(action)] == ["admin:kepala"], action


def test_a_command_line_action_names_the_officer(regency, monkeypatch):
    monkeypatch.setenv("LOGNAME", "ktp-server")  # as ktp-mandiri-serverctl runs it: the service account
    regency.cli("admin", "create", "kepala")
    assert regency.cli("--officer", "Budi Santoso", "admin", "create", "wakil", sudo_user="").returncode == 0
    refused = regency.cli("admin", "create", "ketiga", sudo_user="", check=False)  # nobody named
    assert (refused.returncode, refused.stderr) == (
        1, "ktp-mandiri-server: Petugas yang menjalankan perintah ini tidak diketahui: jalankan lewat sudo atau "
           "beri --officer NAMA.\n")
    # sudo wins over a stated name: it is the one the system vouches for.
    regency.cli("--officer", "orang lain", "admin", "create", "keempat", sudo_user="siti")
    assert [actor for actor, _ in audited("admin.create")] == ["cli:petugas (sudo)", "cli:Budi Santoso (stated)",
                                                               "cli:siti (sudo)"]
    # migrate audits nothing and needs no officer (the unit runs it as the service account).
    assert regency.cli("migrate", sudo_user="").returncode == 0


def test_the_backup_timer_is_audited_as_system_backup(monkeypatch):
    from server import audit

    unit = (ROOT / "installer" / "server" / "ktp-mandiri-server-backup.service").read_text()
    assert f"Environment={audit.SYSTEM_ENV}=backup\n" in unit
    monkeypatch.delenv("SUDO_USER", raising=False)
    monkeypatch.setenv(audit.SYSTEM_ENV, "backup")
    assert audit.cli_actor() == "system:backup"
    assert audit.cli_actor("Budi") == "cli:Budi (stated)"
    monkeypatch.setenv(audit.SYSTEM_ENV, "anything")  # not a unit of ours: no system name
    monkeypatch.setenv("LOGNAME", "ktp-server")
    with pytest.raises(ApiError, match="--officer NAMA"):
        audit.cli_actor()
    monkeypatch.setenv("LOGNAME", "budi")  # a person's own account names its officer
    assert audit.cli_actor() == "cli:budi"


def test_a_weak_admin_password_set_before_the_rule_must_be_changed_at_log_in(two_admins):
    """The shared rule (desktop/domain/passwords.py): a common password already stored opens a session
    that can only change it, and the new one is held to the rule."""
    from server.models import Admin
    from server.security import hasher

    regency = two_admins
    with connection():
        Admin.update(password_hash=hasher().hash("indonesia123")).where(Admin.username == "wakil").execute()
    status, reply = login(regency, "wakil", "indonesia123")
    assert status == 200 and reply["must_change_password"] is True
    token = reply["token"]
    assert as_admin(regency, token, "/v1/admin/stations")[0] == 403
    status, reply = as_admin(regency, token, "/v1/admin/password", "POST",
                             {"old_password": "indonesia123", "new_password": "bismillah123"})
    assert (status, reply["detail"]["code"]) == (422, "invalid")
    status, reply = as_admin(regency, token, "/v1/admin/password", "POST",
                             {"old_password": "indonesia123", "new_password": "sandi-wakil-2026"})
    assert status == 200, reply
    assert as_admin(regency, token, "/v1/admin/stations")[0] == 200
    assert login(regency, "kepala")[1]["must_change_password"] is False
