"""Who serves whom, and the count digest's hash: written once in desktop.domain, used by the regency
server and the station alike."""

from __future__ import annotations

from desktop.domain.leases import digest_hash
from desktop.domain.serving import EVERY_STATION, codes, serves_user, user_scopes

PAMULANG, SETU, CIPUTAT = "36.74.01", "36.74.02", "36.74.03"


def test_an_account_works_where_one_of_its_kecamatan_is_served_or_everywhere_when_it_lists_none():
    assert serves_user([PAMULANG], [SETU, PAMULANG])
    assert not serves_user([CIPUTAT], [SETU, PAMULANG])
    assert serves_user([], [SETU])
    assert serves_user([], [])
    assert not serves_user([PAMULANG], [])


def test_an_accounts_changes_go_to_its_kecamatan_or_to_every_station():
    assert user_scopes([PAMULANG, SETU]) == [PAMULANG, SETU]
    assert user_scopes([]) == [EVERY_STATION]
    assert codes(f"{PAMULANG},{SETU}") == [PAMULANG, SETU] and codes("") == []


def test_the_digest_hash_does_not_depend_on_key_order_and_is_the_protocols_sha256():
    one = {"cards": {"2026-12-07": 3}, "blanko": {"issued": 3, "spoiled": 0}}
    other = {"blanko": {"spoiled": 0, "issued": 3}, "cards": {"2026-12-07": 3}}
    assert digest_hash(one) == digest_hash(other)
    # canonical JSON: keys sorted, no spaces (docs/sync-protocol.md), so any implementation agrees
    import hashlib

    text = '{"blanko":{"issued":3,"spoiled":0},"cards":{"2026-12-07":3}}'
    assert digest_hash(one) == hashlib.sha256(text.encode()).hexdigest()
    assert digest_hash(one) != digest_hash({**one, "cards": {"2026-12-07": 4}})
