"""Accounts an office manages itself: create, deactivate, reset, change one's own password, lift a lock,
through the services and `ktp-mandiri users`; every change audited; demo passwords only in demo data."""

from __future__ import annotations

import json
import re

import pytest
from argon2 import PasswordHasher

from desktop.app import main
from desktop.composition import build_services
from desktop.domain.roles import Permission, Role
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.audit_verify import verify_chain
from desktop.store.models import User


def test_a_new_account_gets_a_temporary_password_that_must_be_changed(station):
    users, auth = station.services.users, station.services.auth
    new = users.create(station.supervisor, "dewi", "Dewi Lestari", "operator")
    assert len(new.password) == 10
    dewi = auth.login("dewi", new.password)
    assert dewi.must_change_password and dewi.role == "operator"
    with pytest.raises(UserFacingError, match="harus diganti dulu"):
        dewi.require(Permission.PRINT)
    with pytest.raises(UserFacingError, match="berbeda"):
        users.change_own_password(dewi, new.password, new.password)
    dewi = users.change_own_password(dewi, new.password, "kopi-tubruk-7")
    assert not dewi.must_change_password and dewi.can(Permission.PRINT)
    with pytest.raises(UserFacingError, match="salah"):
        auth.login("dewi", new.password)
    assert auth.login("dewi", "kopi-tubruk-7").username == "dewi"
    assert [e.action for e in audit.recent(3)][::-1][:1] == ["user.password_change"]


def test_a_supervisor_manages_operators_only_an_admin_everyone(station):
    users = station.services.users
    with pytest.raises(UserFacingError, match="tidak berwenang"):
        users.create(station.supervisor, "bos", "Bos", "admin")
    with pytest.raises(UserFacingError, match="tidak berwenang"):
        users.reset_password(station.supervisor, "admin")
    with pytest.raises(UserFacingError, match="tidak berwenang"):
        users.create(station.operator, "teman", "Teman", "operator")
    with pytest.raises(UserFacingError, match="Peran kasir tidak dikenal"):
        users.create(station.admin, "kasir", "Kasir", "kasir")
    assert users.create(station.admin, "spv2", "Supervisor Dua", "supervisor").username == "spv2"


def test_deactivated_accounts_cannot_log_in_until_reactivated(station):
    users, auth = station.services.users, station.services.auth
    users.set_active(station.supervisor, "operator", False)
    with pytest.raises(UserFacingError, match="salah"):
        auth.login("operator", "operator123")
    users.set_active(station.supervisor, "operator", True)
    assert auth.login("operator", "operator123").username == "operator"
    with pytest.raises(UserFacingError, match="akun Anda sendiri"):
        users.set_active(station.admin, "admin", False)


def test_a_reset_password_replaces_the_old_one_and_lifts_a_lock(station):
    users, auth = station.services.users, station.services.auth
    for _ in range(5):
        with pytest.raises(UserFacingError):
            auth.login("operator", "lupa-sandi")
    new = users.reset_password(station.supervisor, "operator")
    with pytest.raises(UserFacingError, match="salah"):
        auth.login("operator", "operator123")
    assert auth.login("operator", new.password).must_change_password


def test_every_change_is_audited_and_the_chain_explains_each_account(station):
    users = station.services.users
    new = users.create(station.admin, "rina", "Rina", "supervisor")
    rina = station.services.auth.login("rina", new.password)
    users.change_own_password(rina, new.password, "teh-manis-99")
    users.reset_password(station.admin, "rina")
    users.set_active(station.admin, "rina", False)
    actions = [e.action for e in audit.recent(6)][::-1]
    assert actions[-3:] == ["user.password_change", "user.password_reset", "user.deactivate"]
    assert verify_chain(station.services.db).ok


def test_demo_passwords_are_refused_on_a_real_station(tmp_path):
    services = build_services(tmp_path / "data", hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    admin = services.auth.create_first_admin("admin", "Admin", "rahasia-admin-9")
    with pytest.raises(UserFacingError, match="mode demo"):
        services.auth.create_user(admin, "operator", "Siti", "operator123", Role.OPERATOR)
    with pytest.raises(UserFacingError, match="mode demo"):
        services.users.change_own_password(admin, "rahasia-admin-9", "admin12345")
    # An account that got a demo password before this rule existed must change it at its next log-in.
    User.update(password_hash=services.auth.hasher.hash("supervisor123")).where(User.username == "admin").execute()
    assert services.auth.login("admin", "supervisor123").must_change_password
    services.close()


def test_demo_data_makes_a_demo_database_where_the_demo_passwords_work(tmp_path, capsys):
    data = tmp_path / "demo"
    assert main(["--data-dir", str(data), "demo-data", "--residents", "3", "--with-station"]) == 0
    assert "operator / operator123" in capsys.readouterr().out
    services = build_services(data)
    assert not services.auth.login("operator", "operator123").must_change_password
    services.close()


def _cli(capsys, data, monkeypatch, password: str, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", password)
    status = main(["--data-dir", str(data), "users", *args])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_the_command_line_manages_accounts(tmp_path, capsys, monkeypatch):
    from tests.helpers.fixtures import make_station

    st = make_station(tmp_path)
    data = st.services.data_dir
    st.services.close()
    status, out = _cli(capsys, data, monkeypatch, "supervisor123", "add", "yuni", "--name", "Yuni Astuti",
                       "--role", "operator", "--user", "supervisor")
    assert status == 0, out
    temporary = re.search(r"Kata sandi sementara: (\S+)", out).group(1)
    status, out = _cli(capsys, data, monkeypatch, temporary, "list", "--user", "yuni")
    assert status == 1 and "harus diganti dulu" in out
    monkeypatch.setenv("KTP_MANDIRI_NEW_PASSWORD", "nasi-uduk-42")
    status, out = _cli(capsys, data, monkeypatch, temporary, "passwd", "--user", "yuni")
    assert status == 0 and "diganti" in out
    status, out = _cli(capsys, data, monkeypatch, "nasi-uduk-42", "deactivate", "operator", "--user", "yuni")
    assert status == 1 and "tidak berwenang" in out
    for _ in range(5):
        _cli(capsys, data, monkeypatch, "salah-sandi", "list", "--user", "operator")
    status, out = _cli(capsys, data, monkeypatch, "supervisor123", "list", "--json", "--user", "supervisor")
    accounts = {a["username"]: a for a in json.loads(out)}
    assert accounts["operator"]["locked_until"] and not accounts["yuni"]["must_change_password"]
    assert _cli(capsys, data, monkeypatch, "supervisor123", "unlock", "operator", "--user", "supervisor")[0] == 0
    status, out = _cli(capsys, data, monkeypatch, "admin12345", "reset-password", "supervisor", "--user", "admin")
    assert status == 0 and "wajib diganti" in out
    assert _cli(capsys, data, monkeypatch, "admin12345", "deactivate", "yuni", "--user", "admin")[0] == 0
    status, out = _cli(capsys, data, monkeypatch, "nasi-uduk-42", "list", "--user", "yuni")
    assert status == 1 and "salah" in out
    assert main(["--data-dir", str(data), "audit", "verify"]) == 0


def test_a_door_account_issues_tickets_only_and_a_supervisor_may_make_one(tmp_path, capsys, monkeypatch):
    """The role "antrian" (issue 25): created by a supervisor (`ktp-mandiri users add --role antrian`), it may
    issue queue tickets and nothing else: no card, no call at the counter."""
    from desktop.clock import FixedClock
    from tests.helpers.fixtures import OFFICE_MORNING, make_station

    st = make_station(tmp_path, printers=["sim://door-account"])
    data = st.services.data_dir
    st.services.close()
    status, out = _cli(capsys, data, monkeypatch, "supervisor123", "add", "pintu", "--name", "Petugas Pintu",
                       "--role", "antrian", "--user", "supervisor")
    assert status == 0, out
    assert "Akun pintu (antrian) dibuat." in out
    services = build_services(data, clock=FixedClock(OFFICE_MORNING))  # the office's opening hours
    try:
        temporary = re.search(r"Kata sandi sementara: (\S+)", out).group(1)
        door = services.users.change_own_password(services.auth.login("pintu", temporary), temporary, "gerbang-2026x")
        assert door.role == Role.ANTRIAN
        assert door.can(Permission.ISSUE_TICKET)
        assert not any(door.can(p) for p in Permission if p != Permission.ISSUE_TICKET)
        assert services.queue.issue(door, "baru").ticket.code == "B-001"
        with pytest.raises(UserFacingError, match="tidak berwenang"):
            services.queue.call_next(door)
        supervisor = services.auth.login("supervisor", "supervisor123")
        services.users.set_active(supervisor, "pintu", False)  # a supervisor manages the door's accounts
    finally:
        services.close()
