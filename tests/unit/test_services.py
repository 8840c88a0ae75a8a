"""Users, quota, stock and verification rules as a station relies on them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop.errors import UserFacingError
from desktop.paths import prepare_data_dir
from desktop.services import audit
from desktop.store.models import AuditLog, Blanko, KecamatanQuota, Outbox, User
from tests.helpers.fixtures import CIPUTAT, PAMULANG, SETU, add_resident


# --- users and log-in -----------------------------------------------------------------------------
def test_passwords_are_stored_as_argon2_hashes(station):
    row = User.get(User.username == "operator")
    assert row.password_hash.startswith("$argon2id$")
    assert "operator123" not in row.password_hash


def test_production_hasher_uses_argon2_defaults(tmp_path):
    from argon2 import PasswordHasher

    from desktop.composition import build_services

    services = build_services(tmp_path / "data")
    user = services.auth.create_first_admin("admin", "Admin", "rahasia-admin-9")
    stored = User.get_by_id(user.id).password_hash
    assert stored.startswith("$argon2id$") and f"m={PasswordHasher().memory_cost}" in stored
    services.close()


def test_login_succeeds_and_is_audited(station):
    user = station.services.auth.login("Operator ", "operator123")
    assert (user.username, user.role) == ("operator", "operator")
    assert audit.recent(1)[0].action == "login"


def test_wrong_password_and_unknown_user_get_the_same_message(station):
    auth = station.services.auth
    with pytest.raises(UserFacingError) as wrong:
        auth.login("operator", "salah-sandi")
    with pytest.raises(UserFacingError) as unknown:
        auth.login("nobody", "operator123")
    assert str(wrong.value) == str(unknown.value) == "Nama pengguna atau kata sandi salah."
    assert AuditLog.select().where(AuditLog.action == "login.failed").count() == 2


def test_first_admin_can_only_be_created_once(station):
    with pytest.raises(UserFacingError, match="sudah dibuat"):
        station.services.auth.create_first_admin("admin2", "Second", "admin12345")


def test_short_password_is_refused(station):
    from desktop.domain.roles import Role

    with pytest.raises(UserFacingError, match="minimal 8"):
        station.services.auth.create_user(station.admin, "baru", "Baru", "pendek", Role.OPERATOR)


def test_operator_cannot_create_users(station):
    from desktop.domain.roles import Role

    with pytest.raises(UserFacingError, match="tidak berwenang"):
        station.services.auth.create_user(station.operator, "baru", "Baru", "panjang123", Role.OPERATOR)


# --- quota ------------------------------------------------------------------------------------------
def test_default_quota_is_100_and_pamulang_can_be_set_to_200(station):
    quota = station.services.quota
    assert quota.state(SETU).limit == 100
    quota.set_standing_limit(station.admin, PAMULANG, 200)
    assert quota.state(PAMULANG).limit == 200
    assert KecamatanQuota.get_by_id(PAMULANG).daily_limit == 200


def test_supervisor_raises_today_quota_and_it_is_audited(station):
    state = station.services.quota.set_today(station.supervisor, PAMULANG, 150, "antrean panjang")
    assert (state.limit, state.raised) == (150, True)
    entry = audit.recent(1, action="quota.set_today")[0]
    assert entry.username == "supervisor"
    assert (entry.details["before"], entry.details["after"]) == (100, 150)
    # The next day the standing quota applies again.
    station.clock.advance(days=1)
    assert station.services.quota.state(PAMULANG).limit == 100


def test_operator_cannot_raise_quota(station):
    with pytest.raises(UserFacingError, match="tidak berwenang"):
        station.services.quota.set_today(station.operator, PAMULANG, 150, "mau")


def test_quota_change_needs_a_reason_and_a_sane_number(station):
    quota = station.services.quota
    with pytest.raises(UserFacingError, match="alasan"):
        quota.set_today(station.supervisor, PAMULANG, 150, "  ")
    with pytest.raises(UserFacingError, match="Kuota tidak sah"):
        quota.set_today(station.supervisor, PAMULANG, -1, "x")


# --- blanko stock ---------------------------------------------------------------------------------------
def test_receipt_adds_individually_numbered_blanko(station):
    services = station.services
    station_id = services.stations.require().id
    before = services.stock.summary(station_id).in_stock
    serials = services.stock.receive(station.supervisor, station_id, 25, "BA-2026-002", "dari Disdukcapil")
    summary = services.stock.summary(station_id)
    assert summary.in_stock == before + 25
    assert Blanko.select().where(Blanko.batch == "BA-2026-002").count() == 25
    assert serials == "BLK-0000011 s.d. BLK-0000035"
    assert audit.recent(1)[0].details["quantity"] == 25


def test_operator_cannot_receive_blanko_and_bad_quantities_are_refused(station):
    stock, station_id = station.services.stock, station.services.stations.require().id
    with pytest.raises(UserFacingError, match="tidak berwenang"):
        stock.receive(station.operator, station_id, 5, "X")
    with pytest.raises(UserFacingError, match="antara 1"):
        stock.receive(station.supervisor, station_id, 0, "X")
    with pytest.raises(UserFacingError, match="batch"):
        stock.receive(station.supervisor, station_id, 5, "")


def test_audited_actions_are_queued_for_the_server(station):
    station.services.quota.set_today(station.supervisor, PAMULANG, 120, "antrean")
    payloads = sorted((json.loads(row.payload) for row in Outbox.select().where(Outbox.entity == "audit_log")),
                      key=lambda p: p["seq"])  # the chain's order, not the table's
    sent = [p for p in payloads if p["action"] == "quota.set_today"]
    assert sent[0]["details"]["after"] == 120
    assert len(sent[0]["hash"]) == 64 and sent[0]["prev_hash"] == payloads[-2]["hash"]


# --- verification -----------------------------------------------------------------------------------------
def test_verify_prr_resident_is_printable(station):
    nik = add_resident()
    result = station.services.residents.verify(nik, (PAMULANG, SETU))
    assert result.printable
    assert result.resident.name == "SITI RAHMAWATI"
    assert result.resident.kecamatan_name == "Pamulang"
    assert result.quota.remaining == 100


def test_verify_accepts_separators_typed_by_the_operator(station):
    nik = add_resident()
    typed = f"{nik[:6]}.{nik[6:12]}-{nik[12:]} "
    assert station.services.residents.verify(typed, (PAMULANG,)).resident.nik == nik


def test_verify_malformed_nik_gives_the_rule_broken(station):
    result = station.services.residents.verify("36740612345", (PAMULANG,))
    assert not result.printable and result.resident is None
    assert "16 angka" in result.blockers[0]


def test_verify_unknown_nik_says_what_to_do(station):
    result = station.services.residents.verify("3674064508900099", (PAMULANG,))
    assert result.resident is None
    assert "tidak ditemukan" in result.blockers[0]


def test_verify_not_prr_explains_the_next_step(station):
    nik = add_resident(status="DUPLICATE_RECORD")
    result = station.services.residents.verify(nik, (PAMULANG,))
    assert not result.printable
    assert result.status.short == "DUP"
    assert "Disdukcapil" in result.blockers[0]


def test_verify_resident_of_a_kecamatan_not_served_here(station):
    nik = add_resident(kecamatan=CIPUTAT)
    result = station.services.residents.verify(nik, (PAMULANG, SETU))
    assert not result.printable
    assert "Ciputat" in result.blockers[0]


def test_verify_warns_when_nik_date_differs_from_record(station):
    from datetime import date

    nik = add_resident(born=date(1990, 8, 5))
    from desktop.store.models import Resident

    Resident.update(birth_date=date(1990, 8, 6)).where(Resident.nik == nik).execute()
    result = station.services.residents.verify(nik, (PAMULANG,))
    assert result.printable
    assert [w.code for w in result.nik.warnings] == ["birth_date_mismatch"]


# --- data directory -----------------------------------------------------------------------------------------
def test_data_dir_that_is_a_file_is_a_clear_error(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(UserFacingError, match="tidak dapat dibuat|bukan folder"):
        prepare_data_dir(target)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc, which refuses new folders")
def test_data_dir_that_cannot_be_created_is_a_clear_error():
    with pytest.raises(UserFacingError, match="tidak dapat dibuat"):
        prepare_data_dir(Path("/proc/ktp-mandiri-test"))


def test_nik_already_in_the_printer_cannot_be_sent_again(station):
    from desktop.services.issuance import PrintRequest

    nik = add_resident()
    station.services.issuance.prepare(station.operator, PrintRequest(nik, "baru", frozenset({"kk"})), "sim://x")
    result = station.services.residents.verify(nik, (PAMULANG,))
    assert not result.printable
    assert "sedang dicetak" in " ".join(result.blockers)


def test_logout_is_audited(station):
    station.services.auth.logout(station.operator)
    entry = audit.recent(1)[0]
    assert (entry.action, entry.username) == ("logout", "operator")
