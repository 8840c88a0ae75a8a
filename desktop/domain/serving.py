"""Who serves whom: a regency account works at the stations that serve one of its kecamatan, or at
every station when it lists none. The regency server sends an account's changes to those stations
(`user_scopes`, the change log's scopes) and refuses a password change from any other
(`serves_user`); a station keeps an account active only while it serves one of its kecamatan."""

from __future__ import annotations

from collections.abc import Iterable

EVERY_STATION = ""  # the change-log scope that every station pulls


def codes(text: str) -> list[str]:
    """The kecamatan codes of a comma-separated list as stored ("" is none)."""
    return [code for code in text.split(",") if code]


def serves_user(user_kecamatan: Iterable[str], served: Iterable[str]) -> bool:
    """Whether a station serving `served` serves an account of `user_kecamatan` (none listed: every station)."""
    wanted = set(user_kecamatan)
    return not wanted or bool(wanted & set(served))


def user_scopes(user_kecamatan: Iterable[str]) -> list[str]:
    """The change-log scopes an account's changes go to: its kecamatan, or every station."""
    return list(user_kecamatan) or [EVERY_STATION]
