"""Password rules shared by the station and the regency server: one rule for every new password (a
station account's, a regency user's, a regency admin's), and the same rule for telling at log-in that a
password already set must be changed."""

from __future__ import annotations

from functools import cache

from desktop.domain.text import Message, msg

MIN_PASSWORD_LENGTH = 8  # a station account's, and a regency user's that flows to the stations

def password_rule(length: int = MIN_PASSWORD_LENGTH) -> Message:
    """The rule as told to whoever chooses a password (with the length of the account's kind)."""
    return msg("Kata sandi minimal {length} karakter, tidak boleh hanya angka, tidak boleh sama dengan nama "
               "pengguna, dan bukan kata sandi yang umum dipakai (seperti \u201cbismillah\u201d atau "
               "\u201c12345678\u201d).", length=length)


@cache
def common_passwords() -> frozenset[str]:
    """The 10,000 most common passwords and Indonesian ones (resources/data/common-passwords.txt), lower case."""
    from desktop.resources import resource_path

    lines = resource_path("data", "common-passwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_common(password: str) -> bool:
    return password.strip().lower() in common_passwords()


def password_problem(password: str, username: str = "", length: int = MIN_PASSWORD_LENGTH) -> Message | None:
    """Why `password` may not be chosen (one sentence that also says the rule), or None."""
    if len(password) < length:
        return msg("Kata sandi minimal {length} karakter; tidak boleh hanya angka, sama dengan nama pengguna, "
                   "atau kata sandi yang umum dipakai.", length=length)
    if password.isdigit():
        return msg("Kata sandi tidak boleh hanya angka; pakai juga huruf (minimal {length} karakter, bukan kata "
                   "sandi yang umum dipakai).", length=length)
    if username and password.strip().lower() == username.strip().lower():
        return msg("Kata sandi tidak boleh sama dengan nama pengguna (minimal {length} karakter, tidak hanya "
                   "angka, bukan kata sandi yang umum dipakai).", length=length)
    if is_common(password):
        return msg("Kata sandi ini termasuk kata sandi yang paling umum dipakai dan mudah ditebak; pilih yang "
                   "lain (minimal {length} karakter, tidak hanya angka).", length=length)
    return None


def is_weak(password: str, username: str = "", length: int = MIN_PASSWORD_LENGTH) -> bool:
    """A password already in use that the rule would refuse today: it must be changed at this log-in."""
    return password_problem(password, username, length) is not None
