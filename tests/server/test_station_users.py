"""On an enrolled station accounts are the regency's: creating, (de)activating and resetting one is
refused with one sentence (service and `ktp-mandiri users`), while a user's own new password is sent
to the server as its argon2 hash and reaches the other stations, unless the regency changed the
account meanwhile. Real server processes (SQLite, and PostgreSQL with 2 workers)."""

from __future__ import annotations

import pytest

from desktop.app import main as station_main
from desktop.errors import UserFacingError
from desktop.services.audit_verify import verify_chain
from server import registry
from server.models import AuditEntry, ServerUser
from server.security import hasher
from tests.server.test_sync_roundtrip import PAMULANG, station_services

REFUSED = "akun pengguna dibuat, diubah dan disetel ulang oleh admin kabupaten"


def enrolled(regency, tmp_path, name: str = "station"):
    services = station_services(tmp_path, name)
    _, code = registry.add_station("test", f"Stasiun {name}", [PAMULANG])
    services.sync.enrol(regency.url, code)
    services.sync.round()
    return services


def regency_users() -> None:
    registry.save_user("test", "supervisor1", "Budi Supervisor", "supervisor", "supervisor-rahasia", [PAMULANG],
                       must_change_password=False)
    registry.save_user("test", "operator1", "Siti Operator", "operator", "sementara-123", [PAMULANG])


def test_an_enrolled_station_refuses_to_manage_accounts_itself(regency, tmp_path, monkeypatch, capsys):
    regency_users()
    services = enrolled(regency, tmp_path)
    supervisor = services.auth.login("supervisor1", "supervisor-rahasia")
    for attempt in (lambda: services.users.create(supervisor, "baru", "Operator Baru", "operator"),
                    lambda: services.users.set_active(supervisor, "operator1", False),
                    lambda: services.users.reset_password(supervisor, "operator1")):
        with pytest.raises(UserFacingError, match=REFUSED):
            attempt()
    for _ in range(5):  # a log-in lock is the station's own: a supervisor still lifts it
        with pytest.raises(UserFacingError):
            services.auth.login("operator1", "salah-sandi")
    assert services.auth.unlock(supervisor, "operator1")
    services.close()

    data = str(tmp_path / "station")
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "supervisor-rahasia")
    assert station_main(["--data-dir", data, "users", "add", "baru", "--name", "Operator Baru", "--role", "operator",
                         "--user", "supervisor1"]) == 1
    err = capsys.readouterr().err
    assert REFUSED in err and len(err.strip().splitlines()) == 1
    assert station_main(["--data-dir", data, "users", "reset-password", "operator1", "--user", "supervisor1"]) == 1
    assert REFUSED in capsys.readouterr().err
    services = station_services(tmp_path)
    assert {a.username for a in services.users.accounts() if a.active} == {"supervisor1", "operator1"}
    services.close()


def test_a_new_password_set_at_the_counter_reaches_the_regency_and_the_other_stations(regency, tmp_path, monkeypatch,
                                                                                     capsys):
    regency_users()
    enrolled(regency, tmp_path, "second").close()  # one station open at a time in this process
    first = enrolled(regency, tmp_path, "first")
    # The regency's new account must change its temporary password at its first log-in.
    operator = first.auth.login("operator1", "sementara-123")
    assert operator.must_change_password
    first.users.change_own_password(operator, "sementara-123", "kopi-tubruk-77")
    first.sync.round()
    user = ServerUser.get(ServerUser.username == "operator1")
    assert hasher().verify(user.password_hash, "kopi-tubruk-77") and not user.must_change_password
    entry = AuditEntry.select().where(AuditEntry.action == "user.password_change").get()
    assert entry.actor.startswith("station:") and "kopi-tubruk-77" not in entry.details
    first.sync.round()  # the change comes back to the station that made it: nothing moves
    assert first.auth.login("operator1", "kopi-tubruk-77").username == "operator1"
    assert verify_chain(first.db).ok
    first.close()
    second = station_services(tmp_path, "second")
    second.sync.round()
    assert not second.auth.login("operator1", "kopi-tubruk-77").must_change_password
    with pytest.raises(UserFacingError, match="salah"):
        second.auth.login("operator1", "sementara-123")
    assert verify_chain(second.db).ok
    second.close()

    # From the command line as well, and it says where the password goes.
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "kopi-tubruk-77")
    monkeypatch.setenv("KTP_MANDIRI_NEW_PASSWORD", "teh-manis-88")
    assert station_main(["--data-dir", str(tmp_path / "first"), "users", "passwd", "--user", "operator1"]) == 0
    assert "dikirim ke server kabupaten" in capsys.readouterr().out
    first = station_services(tmp_path, "first")
    first.sync.round()
    assert hasher().verify(ServerUser.get(ServerUser.username == "operator1").password_hash, "teh-manis-88")
    first.close()


def test_a_password_reset_by_the_regency_meanwhile_wins_over_one_changed_offline(regency, tmp_path):
    regency_users()
    services = enrolled(regency, tmp_path)
    operator = services.auth.login("operator1", "sementara-123")
    services.users.change_own_password(operator, "sementara-123", "kopi-tubruk-77")  # offline, not yet sent
    # Meanwhile the user phoned the regency, which reset the password.
    registry.save_user("admin:it", "operator1", "Siti Operator", "operator", "dari-kabupaten-1", [PAMULANG])
    services.sync.round()
    user = ServerUser.get(ServerUser.username == "operator1")
    assert hasher().verify(user.password_hash, "dari-kabupaten-1")
    refused = AuditEntry.select().where(AuditEntry.action == "user.password_change_refused").get()
    assert "changed_by_regency" in refused.details
    # The station has the regency's account again: the password changed offline no longer works.
    assert services.auth.login("operator1", "dari-kabupaten-1").must_change_password
    with pytest.raises(UserFacingError, match="salah"):
        services.auth.login("operator1", "kopi-tubruk-77")
    services.close()
