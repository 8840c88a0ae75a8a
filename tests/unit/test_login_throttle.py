"""Log-in throttling: five failures per user name in 15 minutes lock it for 5, for every name alike."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.clock import Clock
from desktop.composition import build_services
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.store.models import LoginThrottle

ROOT = Path(__file__).resolve().parents[2]


def _attempt(auth, username: str, password: str) -> str:
    """The message the person at the log-in page would read ("" when the log-in succeeded)."""
    try:
        auth.login(username, password)
    except UserFacingError as exc:
        return str(exc)
    return ""


def test_five_failures_lock_the_name_even_for_the_right_password(station):
    auth = station.services.auth
    messages = [_attempt(auth, "operator", "salah-sandi") for _ in range(5)]
    assert messages[:4] == ["Nama pengguna atau kata sandi salah."] * 4
    assert "Terlalu banyak percobaan" in messages[4] and "5 menit" in messages[4]
    locked = _attempt(auth, "operator", "operator123")
    assert "Terlalu banyak percobaan" in locked
    station.clock.advance(minutes=4)
    assert "1 menit" in _attempt(auth, "operator", "operator123")
    station.clock.advance(minutes=1, seconds=1)
    assert _attempt(auth, "operator", "operator123") == ""


def test_unknown_names_are_counted_and_answered_exactly_like_known_ones(station):
    auth = station.services.auth
    known = [_attempt(auth, "operator", "salah-sandi") for _ in range(7)]
    unknown = [_attempt(auth, "tidak.ada", "salah-sandi") for _ in range(7)]
    assert known == unknown
    assert LoginThrottle.get_by_id("tidak.ada").locked_until is not None
    assert len(audit.recent(action="login.refused_locked")) == 4


def test_an_unknown_name_costs_one_verification_against_a_hash_of_the_same_strength(tmp_path):
    class CountingHasher(PasswordHasher):
        """The real argon2 hasher, noting which hashes it verified."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.verified: list[str] = []

        def verify(self, hash, password):
            self.verified.append(hash)
            return super().verify(hash, password)

    hasher = CountingHasher(time_cost=2, memory_cost=2048)
    services = build_services(tmp_path / "data", hasher=hasher)
    services.auth.create_first_admin("admin", "Admin", "rahasia-admin-9")
    for name in ("admin", "nobody"):
        with pytest.raises(UserFacingError):
            services.auth.login(name, "salah-sandi")
    real, dummy = hasher.verified
    assert real != dummy
    # Same algorithm and cost parameters: "$argon2id$v=19$m=2048,t=2,p=4$salt$hash".
    assert real.split("$")[:4] == dummy.split("$")[:4]
    services.close()


def test_a_success_resets_the_count(station):
    auth = station.services.auth
    for _ in range(4):
        _attempt(auth, "operator", "salah-sandi")
    assert _attempt(auth, "operator", "operator123") == ""
    assert [_attempt(auth, "operator", "salah-sandi") for _ in range(4)] == ["Nama pengguna atau kata sandi salah."] * 4
    assert _attempt(auth, "operator", "operator123") == ""


def test_failures_older_than_15_minutes_no_longer_count(station):
    auth = station.services.auth
    for _ in range(4):
        _attempt(auth, "operator", "salah-sandi")
    station.clock.advance(minutes=15, seconds=1)
    assert _attempt(auth, "operator", "salah-sandi") == "Nama pengguna atau kata sandi salah."
    assert _attempt(auth, "operator", "operator123") == ""


def test_the_lock_survives_a_restart_and_a_supervisor_lifts_it(tmp_path):
    from tests.helpers.fixtures import make_station

    st = make_station(tmp_path)
    for _ in range(5):
        _attempt(st.services.auth, "operator", "salah-sandi")
    st.services.close()
    again = build_services(tmp_path / "data", clock=st.clock, hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    assert "Terlalu banyak percobaan" in _attempt(again.auth, "operator", "operator123")
    assert again.auth.locked_names().keys() == {"operator"}
    with pytest.raises(UserFacingError, match="tidak berwenang"):
        again.auth.unlock(st.operator, "operator")
    assert again.auth.unlock(st.supervisor, "operator") is True
    assert _attempt(again.auth, "operator", "operator123") == ""
    assert audit.recent(1, action="user.unlock")[0].details == {"username": "operator", "was_locked": True}
    again.close()


def test_a_deactivated_user_is_refused_with_the_same_message(station):
    from desktop.store.models import User

    User.update(active=False).where(User.username == "operator").execute()
    assert _attempt(station.services.auth, "operator", "operator123") == "Nama pengguna atau kata sandi salah."


def test_failures_at_the_command_line_and_in_the_app_share_one_count(tmp_path):
    """Three failures in this process (as the GUI makes them), two in `ktp-mandiri print` processes."""
    data = tmp_path / "data"
    services = build_services(data, clock=Clock(), hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    services.auth.create_first_admin("admin", "Admin", "rahasia-admin-9")
    for _ in range(3):
        _attempt(services.auth, "admin", "salah-sandi")
    env = {**os.environ, "KTP_MANDIRI_PASSWORD": "salah-sandi", "QT_QPA_PLATFORM": "offscreen"}
    errors = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "print", "3674064508900001",
             "--printer", "sim://x", "--reason", "baru", "--user", "admin"],
            capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
        )
        assert proc.returncode == 1
        errors.append(proc.stderr.strip())
    assert errors[0] == "ktp-mandiri: Nama pengguna atau kata sandi salah."
    assert "Terlalu banyak percobaan" in errors[1]
    assert "Terlalu banyak percobaan" in _attempt(services.auth, "admin", "rahasia-admin-9")
    services.close()
