"""One password rule for the station and the regency (desktop/domain/passwords.py): long enough, not all
digits, not the user name, not one of the most common passwords; a weak one in use is changed at log-in."""

from __future__ import annotations

import pytest

from desktop.domain.passwords import common_passwords, password_problem, password_rule
from desktop.errors import UserFacingError
from desktop.services.auth import check_new_password


@pytest.mark.parametrize("password", ["12345678", "20260101", "9876543210123"])
def test_all_digits_are_refused_with_the_rule_said(password):
    assert password_problem(password) is not None
    assert "hanya angka" in password_problem(password)


@pytest.mark.parametrize("password", ["bismillah", "Indonesia", "sayang123", "password", "iloveyou", "qwertyuiop"])
def test_common_passwords_are_refused_whatever_their_case(password):
    assert "paling umum" in password_problem(password)


def test_the_list_holds_ten_thousand_common_and_the_indonesian_ones():
    words = common_passwords()
    assert len(words) >= 10_000
    assert {"bismillah", "indonesia", "sayang", "123456", "password"} <= words


def test_a_good_password_passes_and_the_rule_is_one_sentence():
    assert password_problem("kopi-tubruk-9") is None
    assert password_problem("Pamulang#2026!") is None
    assert "minimal 8 karakter" in password_rule()


def test_the_station_refuses_a_weak_new_password_in_one_sentence():
    with pytest.raises(UserFacingError) as refused:
        check_new_password("siti", "12345678")
    assert str(refused.value).startswith("Kata sandi tidak boleh hanya angka")
    with pytest.raises(UserFacingError):
        check_new_password("siti", "siti")
    check_new_password("siti", "kopi-tubruk-9")


def test_a_weak_password_in_use_must_be_changed_at_the_next_log_in(station):
    from desktop.store.models import User

    services = station.services
    services.auth.create_user(None, "dewi", "Dewi", "kopi-tubruk-9", "operator")
    # Set before the rule existed (as an old database holds it): the hash of a common password.
    User.update(password_hash=services.auth.hasher.hash("bismillah")).where(User.username == "dewi").execute()
    user = services.auth.login("dewi", "bismillah")
    assert user.must_change_password
    assert not services.auth.login("operator", "operator123").must_change_password
