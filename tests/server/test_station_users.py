"""On an enrolled station accounts are the regency's: creating, (de)activating and resetting one is
refused with one sentence (service and `ktp-mandiri users`), while a user's own new password is
changed online (the server checks the old one) and reaches the other stations; offline it is refused
with one sentence, and an admin account (whose hash stays on the server) cannot log in. Real server
processes (SQLite, and PostgreSQL with 2 workers)."""

from __future__ import annotations

import pytest

from desktop.app import main as station_main
from desktop.errors import UserFacingError
from desktop.services.audit_verify import verify_chain
from desktop.store.models import User
from server import registry
from server.models import AuditEntry, ServerUser
from server.security import hasher
from tests.helpers.regency import free_port
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


def test_a_new_password_is_changed_online_and_reaches_the_other_stations(regency, tmp_path, monkeypatch, capsys):
    regency_users()
    enrolled(regency, tmp_path, "second").close()  # one station open at a time in this process
    first = enrolled(regency, tmp_path, "first")
    # The regency's new account must change its temporary password at its first log-in.
    operator = first.auth.login("operator1", "sementara-123")
    assert operator.must_change_password
    # A wrong old password is the server's answer: nothing changes anywhere.
    with pytest.raises(UserFacingError, match="kata sandi lama salah"):
        first.users.change_own_password(operator, "bukan-ini-123", "kopi-tubruk-77")
    first.users.change_own_password(operator, "sementara-123", "kopi-tubruk-77")
    user = ServerUser.get(ServerUser.username == "operator1")  # changed at the regency before the answer
    assert hasher().verify(user.password_hash, "kopi-tubruk-77") and not user.must_change_password
    entry = AuditEntry.select().where(AuditEntry.action == "user.password_change").get()
    assert entry.actor.startswith("station:") and "kopi-tubruk-77" not in entry.details
    assert first.auth.login("operator1", "kopi-tubruk-77").username == "operator1"
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

    # From the command line as well, and it says where the password was changed.
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "kopi-tubruk-77")
    monkeypatch.setenv("KTP_MANDIRI_NEW_PASSWORD", "teh-manis-88")
    assert station_main(["--data-dir", str(tmp_path / "first"), "users", "passwd", "--user", "operator1"]) == 0
    assert "di server kabupaten" in capsys.readouterr().out
    assert hasher().verify(ServerUser.get(ServerUser.username == "operator1").password_hash, "teh-manis-88")


def _cut_off(services) -> None:
    """The station's server now answers nowhere (a port nobody listens on): offline, for real."""
    from desktop.store.models import Station

    Station.update(server_url=f"http://127.0.0.1:{free_port()}").execute()
    services.sync.close()


def test_offline_a_password_is_not_changed_and_an_admin_account_cannot_log_in(regency, tmp_path, monkeypatch,
                                                                                capsys):
    regency_users()
    registry.save_user("test", "admin.kab", "Admin Kabupaten", "admin", "sandi-admin-1", [],
                       must_change_password=False)
    services = enrolled(regency, tmp_path)
    # An admin account's hash never reached the station: its log-in is checked at the regency.
    assert User.get(User.username == "admin.kab").password_hash == ""
    assert services.auth.login("admin.kab", "sandi-admin-1").username == "admin.kab"
    with pytest.raises(UserFacingError, match="salah"):
        services.auth.login("admin.kab", "sandi-lain-12")
    operator = services.auth.login("operator1", "sementara-123")
    _cut_off(services)
    with pytest.raises(UserFacingError, match="hanya dapat diganti saat stasiun terhubung") as refused:
        services.users.change_own_password(operator, "sementara-123", "kopi-tubruk-77")
    assert len(str(refused.value).split(". ")) == 1
    assert services.auth.login("operator1", "sementara-123").must_change_password  # nothing changed here
    with pytest.raises(UserFacingError, match="hanya dapat masuk saat stasiun terhubung"):
        services.auth.login("admin.kab", "sandi-admin-1")
    services.close()
    user = ServerUser.get(ServerUser.username == "operator1")
    assert hasher().verify(user.password_hash, "sementara-123")
    # The command line says the same one sentence.
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "sementara-123")
    monkeypatch.setenv("KTP_MANDIRI_NEW_PASSWORD", "teh-manis-88")
    assert station_main(["--data-dir", str(tmp_path / "station"), "users", "passwd", "--user", "operator1"]) == 1
    err = capsys.readouterr().err
    assert "hanya dapat diganti saat stasiun terhubung" in err and len(err.strip().splitlines()) == 1
