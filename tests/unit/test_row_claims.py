"""Every table that decides a print is tied to the audit chain (desktop/services/row_claims.py): the
edits of issue 19 made with the sqlite3 module on a closed station's file are found by `ktp-mandiri
audit verify`, refuse the next print (or log-in) in a real command-line process, and a supervisor's
`audit set-aside` (audited) lets the station go on."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators
from desktop.domain.audit_chain import quota_effect
from desktop.services.issuance import PrintRequest
from desktop.store.files import DB_FILENAME
from tests.helpers.fixtures import PAMULANG, add_resident, catch_up
from tests.helpers.processes import cli_env, run_cli
from tests.helpers.tamper import append_entry, edit, rewrite_chain

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})
PRINT = ("--reason", "hilang", "--documents", "all", "--letter-number", "LP/2/XI/2026")


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""


@pytest.fixture
def printed(station):
    """A station that printed one card (NIK returned), closed: its file is edited as an intruder would.
    The card is printed on the real day: the command-line processes below run on the real clock."""
    catch_up(station.clock)
    uri = f"sim://claims-{uuid.uuid4().hex[:8]}"
    printer = open_printer(uri)
    nik = add_resident(serial=1)
    add_resident(serial=2)
    try:
        station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    finally:
        printer.close()
        forget_simulators()
    station.services.close()
    return station.services.data_dir, nik


def verify(data):
    done = run_cli(data, "audit", "verify", "--json", env=cli_env())
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)["problem"]


def print_nik(data, nik: str, user: str = "operator", password: str = "operator123"):
    return run_cli(data, "print", nik, "--printer", f"sim://cli-{uuid.uuid4().hex[:8]}", "--user", user, *PRINT,
                   env=cli_env(KTP_MANDIRI_PASSWORD=password))


def set_aside(data):
    done = run_cli(data, "audit", "set-aside", "--user", "supervisor",
                   env=cli_env(KTP_MANDIRI_PASSWORD="supervisor123"))
    assert done.returncode == 0, done.stderr
    return done.stdout


def assert_refused(done) -> None:
    assert done.returncode != 0
    assert "diubah di luar aplikasi" in done.stderr, done.stderr
    assert "ktp-mandiri audit set-aside --user NAMA" in done.stderr
    assert "Tercetak" not in done.stdout


def test_a_deleted_card_is_found_refuses_the_same_citizen_and_is_set_aside(printed):
    data, nik = printed
    edit(data, ("DELETE FROM issued_card WHERE nik = ?", (nik,)))
    code, problem = verify(data)
    assert code == 1 and problem["kind"] == "unexplained"
    assert problem["message"].startswith("Kartu tercetak ") and "dihapus di luar aplikasi" in problem["message"]
    assert_refused(print_nik(data, nik))

    said = set_aside(data)
    assert "Kartu tercetak" in said and "disisihkan oleh supervisor" in said
    assert verify(data) == (0, None)
    conn = sqlite3.connect(data / DB_FILENAME)
    action, details = conn.execute("SELECT action, details FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    conn.close()
    assert action == "audit.set_aside" and "dihapus" in json.loads(details)["items"][0]


def test_a_card_deleted_from_the_quota_day_refuses_another_citizen_of_that_kecamatan(printed):
    data, nik = printed
    edit(data, ("DELETE FROM issued_card WHERE nik = ?", (nik,)))
    assert_refused(print_nik(data, other(data, nik)))


def other(data, nik: str) -> str:
    """The second citizen (same kecamatan, no card yet)."""
    return [n for n in _niks(data) if n != nik][0]


def _niks(data) -> list[str]:
    conn = sqlite3.connect(data / DB_FILENAME)
    rows = [nik for (nik,) in conn.execute("SELECT nik FROM resident ORDER BY nik")]
    conn.close()
    return rows


def test_a_job_turned_from_done_to_failed_is_found_and_refused(printed):
    data, nik = printed
    edit(data, ("UPDATE print_job SET state = 'failed', fault = 'paper_jam' WHERE nik = ?", (nik,)))
    code, problem = verify(data)
    assert code == 1 and problem["message"].startswith("Pekerjaan cetak ") and "diubah" in problem["message"]
    assert_refused(print_nik(data, nik))


def test_a_used_blanko_put_back_in_stock_is_refused(printed):
    data, nik = printed
    edit(data, ("UPDATE blanko SET state = 'in_stock' WHERE state = 'issued'", ()))
    code, problem = verify(data)
    assert code == 1 and "Blanko BLK" in problem["message"]
    assert_refused(print_nik(data, other(data, nik)))


def test_an_appended_entry_with_recomputed_hash_and_head_is_found(printed):
    data, _nik = printed
    append_entry(data, "station.note", [], note="nothing happened")
    code, problem = verify(data)
    assert code == 1 and problem["kind"] == "inserted"
    assert "tidak pernah diantrekan untuk server kabupaten" in problem["message"]


def test_a_role_raised_to_admin_with_a_forged_entry_is_found_and_refused(printed):
    data, nik = printed
    conn = sqlite3.connect(data / DB_FILENAME)
    uid, name, password_hash = conn.execute(
        "SELECT id, username, password_hash FROM user WHERE username = 'operator'").fetchone()
    conn.close()
    from desktop.domain.audit_chain import user_effect

    edit(data, ("UPDATE user SET role = 'admin' WHERE id = ?", (uid,)))
    append_entry(data, "user.update", [user_effect(uid, name, "admin", True, password_hash)], username=name)
    code, problem = verify(data)
    assert code == 1 and problem["kind"] in ("inserted", "unexplained")
    assert_refused(print_nik(data, other(data, nik)))


def test_a_quota_raised_with_a_forged_entry_is_found_and_refused(printed):
    data, nik = printed
    edit(data, ("INSERT OR REPLACE INTO kecamatan_quota (kecamatan_code, daily_limit, updated_at) "
                "VALUES (?, 9999, '2026-01-01 00:00:00')", (PAMULANG,)))
    append_entry(data, "quota.set_standing", [quota_effect(PAMULANG, 9999)], kecamatan=PAMULANG, after=9999)
    code, problem = verify(data)
    assert code == 1
    assert_refused(print_nik(data, other(data, nik)))


def test_a_deleted_event_for_the_regency_is_found_and_refuses_the_citizen(printed):
    data, nik = printed
    edit(data, ("DELETE FROM outbox WHERE entity = 'issued_card'", ()))
    code, problem = verify(data)
    assert code == 1 and problem["message"].startswith("Kiriman ke server kabupaten ")
    assert_refused(print_nik(data, nik))


def test_a_deleted_audit_event_for_the_regency_is_found(printed):
    data, _nik = printed
    conn = sqlite3.connect(data / DB_FILENAME)
    seq, entry_id = conn.execute("SELECT seq, id FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET 3").fetchone()
    conn.close()
    edit(data, ("DELETE FROM outbox WHERE entity = 'audit_log' AND entity_id = ?", (entry_id,)))
    code, problem = verify(data)
    assert code == 1 and problem["seq"] == seq and problem["kind"] == "inserted"
    set_aside(data)  # the event is queued again: the regency gets the entry and judges it
    assert verify(data) == (0, None)


def test_a_deleted_log_in_lock_still_holds(printed):
    data, nik = printed
    for _ in range(5):  # in processes of their own, on the real clock
        assert print_nik(data, nik, password="salah-sekali").returncode != 0
    edit(data, ("DELETE FROM login_throttle", ()))
    code, problem = verify(data)
    assert code == 1 and problem["message"].startswith("Kunci log-in operator dihapus di luar aplikasi")
    done = print_nik(data, other(data, nik))
    assert done.returncode != 0 and "Terlalu banyak percobaan masuk" in done.stderr, done.stderr
    set_aside(data)
    assert verify(data) == (0, None)


def test_an_untouched_station_verifies_and_prints(printed):
    data, nik = printed
    assert verify(data) == (0, None)
    done = print_nik(data, other(data, nik))
    assert done.returncode == 0, done.stderr
    assert verify(data) == (0, None)


def test_a_chain_rewritten_end_to_end_is_found_only_against_a_head_kept_elsewhere(printed):
    data, _nik = printed
    noted = run_cli(data, "audit", "head", "--json", env=cli_env())
    head = json.loads(noted.stdout)
    rewrite_chain(data, 2)
    assert verify(data) == (0, None)  # the side file and the chain agree: this is what it cannot catch
    for given in (f"{head['seq']}:{head['hash']}", head["hash"]):  # as noted, or the hash alone (a report)
        done = run_cli(data, "audit", "verify", "--head", given, env=cli_env())
        assert done.returncode == 1, done.stdout
        assert "dibuat ulang" in done.stdout


def test_a_resident_record_status_edited_in_the_file_is_found_and_refused(station):
    """The eighth kind: a resident received (here the demo's generation, as the regency's pull and an
    import do) holds its record status in its entry; made print-ready with sqlite3, it is found."""
    from desktop.domain.record_status import PRINT_READY
    from desktop.domain.regions import default_regions
    from desktop.services.demo import generate_residents

    generate_residents(station.services.db, default_regions(), 40, [PAMULANG])
    station.services.close()
    data = station.services.data_dir
    conn = sqlite3.connect(data / DB_FILENAME)
    nik = conn.execute("SELECT nik FROM resident WHERE record_status != ? ORDER BY nik", (PRINT_READY,)).fetchone()[0]
    conn.close()
    assert verify(data) == (0, None)
    edit(data, ("UPDATE resident SET record_status = ? WHERE nik = ?", (PRINT_READY, nik)))
    code, problem = verify(data)
    assert code == 1 and problem["message"].startswith(f"Status rekam penduduk NIK {nik} diubah di luar aplikasi")
    assert_refused(print_nik(data, nik))


def test_residents_received_before_their_claims_are_claimed_by_the_upgrade(tmp_path):
    """A station of schema 11 (tests/data/schemas/, made before residents were claimed): the upgrade
    claims every resident it holds (`audit.residents_sealed`, queued for the regency), so a record
    status made print-ready with sqlite3 afterwards is found and refused, without a pull or import first."""
    import shutil
    from pathlib import Path

    from desktop.domain.record_status import PRINT_READY

    data = tmp_path / "station"
    data.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "schemas" / "station-v11.sqlite3", data / DB_FILENAME)
    conn = sqlite3.connect(data / DB_FILENAME)
    niks = {nik for (nik,) in conn.execute("SELECT nik FROM resident")}
    nik = conn.execute("SELECT nik FROM resident WHERE record_status != ? ORDER BY nik", (PRINT_READY,)).fetchone()[0]
    assert conn.execute("SELECT count(*) FROM audit_claim WHERE key LIKE 'resident|%'").fetchone()[0] == 0
    conn.close()

    assert verify(data) == (0, None)  # the command opens (and upgrades) the file
    conn = sqlite3.connect(data / DB_FILENAME)
    claimed = {key for (key,) in conn.execute("SELECT key FROM audit_claim WHERE kind = 'row' AND key LIKE 'resident|%'")}
    sealed = conn.execute("SELECT id, details FROM audit_log WHERE action = 'audit.residents_sealed'").fetchall()
    queued = conn.execute("SELECT count(*) FROM outbox WHERE entity = 'audit_log' AND entity_id = ?",
                          (sealed[0][0],)).fetchone()[0]
    conn.close()
    assert claimed == {f"resident|{n}" for n in niks}
    assert [json.loads(details) for _id, details in sealed] == [{"residents": len(niks)}] and queued == 1
    edit(data, ("UPDATE resident SET record_status = ? WHERE nik = ?", (PRINT_READY, nik)))
    code, problem = verify(data)
    assert code == 1 and problem["message"].startswith(f"Status rekam penduduk NIK {nik} diubah di luar aplikasi")
    assert_refused(print_nik(data, nik))
