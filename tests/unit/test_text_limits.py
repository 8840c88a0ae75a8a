"""Typed texts have limits (issue 19): user name 64, document numbers 64, free texts 500 characters,
refused by the services with one sentence, so the GUI and the command line refuse alike."""

from __future__ import annotations

import pytest

from desktop.domain.roles import Role
from desktop.errors import UserFacingError
from desktop.services.issuance import PrintRequest
from desktop.store.models import AuditLog, LoginThrottle, User
from tests.helpers.fixtures import PAMULANG, add_resident, make_station
from tests.helpers.processes import cli_env, run_cli


def _refusal(call) -> str:
    with pytest.raises(UserFacingError) as caught:
        call()
    assert caught.value.code == "too_long"
    return str(caught.value)


def test_user_names_stop_at_64_characters_everywhere_they_are_typed(station):
    st = station
    name = "u" * 65
    expected = "Nama pengguna paling panjang 64 karakter; yang diisi 65 karakter."
    entries = AuditLog.select().count()
    assert _refusal(lambda: st.services.users.create(st.admin, name, "Nama", "operator")) == expected
    assert _refusal(lambda: st.services.auth.login(name, "salah-sandi")) == expected
    assert _refusal(lambda: st.services.auth.unlock(st.supervisor, name)) == expected
    assert _refusal(lambda: st.services.users.reset_password(st.admin, name)) == expected
    # Nothing of the refused name was counted or recorded.
    assert LoginThrottle.select().count() == 0 and AuditLog.select().count() == entries
    st.services.users.create(st.admin, "u" * 64, "Nama", "operator")
    assert User.select().where(User.username == "u" * 64).exists()


def test_free_texts_stop_at_500_characters(station):
    st = station
    long_text, station_id = "x" * 501, st.services.stations.require().id
    entries = AuditLog.select().count()
    assert _refusal(lambda: st.services.auth.create_user(st.admin, "baru", long_text, "rahasia-baru-1", Role.OPERATOR)) \
        == "Nama lengkap paling panjang 500 karakter; yang diisi 501 karakter."
    assert _refusal(lambda: st.services.quota.set_today(st.supervisor, PAMULANG, 150, long_text)) \
        == "Alasan paling panjang 500 karakter; yang diisi 501 karakter."
    assert _refusal(lambda: st.services.stock.write_off(st.supervisor, station_id, long_text)).startswith("Alasan ")
    assert _refusal(lambda: st.services.stock.receive(st.supervisor, station_id, 5, "BA-2", long_text)) \
        .startswith("Catatan paling panjang 500")
    assert _refusal(lambda: st.services.stock.receive(st.supervisor, station_id, 5, "B" * 65)) \
        .startswith("Nomor batch / berita acara paling panjang 64")
    assert _refusal(lambda: st.services.stations.add_printer(st.admin, "sim://panjang", long_text)) \
        .startswith("Nama printer paling panjang 500")
    assert AuditLog.select().count() == entries  # nothing refused was recorded
    st.services.quota.set_today(st.supervisor, PAMULANG, 150, "y" * 500)  # the limit itself is allowed


def test_a_police_letter_number_stops_at_64_characters(station):
    nik = add_resident()
    request = PrintRequest(nik, "hilang", frozenset({"kk", "police_letter"}), {"police_letter": "7" * 65})
    assert station.services.issuance.check(request) == ["Nomor surat paling panjang 64 karakter; yang diisi 65 karakter."]
    assert station.services.issuance.check(
        PrintRequest(nik, "hilang", frozenset({"kk", "police_letter"}), {"police_letter": "7" * 64})) == []


def test_the_command_line_refuses_a_long_letter_number_and_a_100000_character_user_name(tmp_path):
    st = make_station(tmp_path)
    nik = add_resident()
    st.services.close()
    data, env = tmp_path / "data", cli_env(KTP_MANDIRI_PASSWORD="operator123")
    letter = run_cli(data, "print", nik, "--printer", f"file://{tmp_path / 'card.bin'}", "--reason", "hilang",
                     "--documents", "all", "--letter-number", "7" * 50_000, "--user", "operator", env=env)
    assert (letter.returncode, letter.stderr.strip()) == (
        1, "ktp-mandiri: Nomor surat paling panjang 64 karakter; yang diisi 50000 karakter.")
    assert not (tmp_path / "card.bin").exists()
    name = run_cli(data, "users", "list", "--user", "a" * 100_000, env=env)
    assert (name.returncode, name.stderr.strip()) == (
        1, "ktp-mandiri: Nama pengguna paling panjang 64 karakter; yang diisi 100000 karakter.")
    import sqlite3

    conn = sqlite3.connect(data / "ktp-mandiri.sqlite3")
    longest = conn.execute("SELECT max(length(username)) FROM login_throttle").fetchone()[0]
    details = conn.execute("SELECT max(length(details)) FROM audit_log").fetchone()[0]
    conn.close()
    assert longest is None and details < 2_000
