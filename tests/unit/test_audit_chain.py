"""The audit log as a hash chain: appended under the write lock, checked by `ktp-mandiri audit verify`,
and tampering with the SQLite file from outside the application is caught, kind by kind."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.app import main
from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators
from desktop.services import audit
from desktop.services.issuance import PrintRequest
from desktop.store.files import DB_FILENAME
from tests.helpers.fixtures import OFFICE_MORNING, PAMULANG, add_resident, make_station

ROOT = Path(__file__).resolve().parents[2]
TODAY = OFFICE_MORNING.date().isoformat()  # the fixture station's office day
LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


@pytest.fixture
def day(tmp_path, qapp) -> Path:
    """A station after a morning's work (users, a quota change, a receipt, two cards); the app closed."""
    st = make_station(tmp_path)
    services = st.services
    services.quota.set_standing_limit(st.admin, PAMULANG, 200)
    services.quota.set_today(st.supervisor, PAMULANG, 220, "antrean panjang")
    printer = open_printer(f"sim://audit-{uuid.uuid4().hex[:8]}")
    for serial in (1, 2):
        services.issuance.print_card(st.operator, PrintRequest(add_resident(serial=serial), **LOST), printer)
    printer.close()
    forget_simulators()
    services.auth.logout(st.operator)
    services.close()
    return tmp_path / "data"


def _verify(data: Path, capsys, *extra: str) -> tuple[int, str]:
    status = main(["--data-dir", str(data), "audit", "verify", *extra])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _tamper(data: Path, *statements: str) -> None:
    """Change the database file as someone with a SQLite tool would: raw SQL, no application code."""
    conn = sqlite3.connect(data / DB_FILENAME)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def _action_seq(data: Path, action: str) -> int:
    conn = sqlite3.connect(data / DB_FILENAME)
    seq = conn.execute("SELECT min(seq) FROM audit_log WHERE action = ?", (action,)).fetchone()[0]
    conn.close()
    return seq


def test_a_days_work_verifies_clean_and_head_matches(day, capsys):
    status, out = _verify(day, capsys)
    assert status == 0, out
    assert out.startswith("Rantai audit utuh:")
    assert main(["--data-dir", str(day), "audit", "head", "--json"]) == 0
    head = json.loads(capsys.readouterr().out)
    assert f"kepala #{head['seq']} {head['hash']}" in out
    # Each blanko movement has its entry; together with receipt and prints that is the whole day.
    conn = sqlite3.connect(day / DB_FILENAME)
    actions = [a for (a,) in conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    conn.close()
    assert actions.count("blanko.reserve") == actions.count("blanko.issue") == 2


def test_an_edited_entry_is_caught_with_its_number(day, capsys):
    seq = _action_seq(day, "quota.set_today")
    _tamper(day, f"UPDATE audit_log SET details = replace(details, '220', '120') WHERE seq = {seq}")
    status, out = _verify(day, capsys)
    assert status == 1
    assert f"RUSAK di entri #{seq} (diubah)" in out


def test_a_deleted_entry_is_caught(day, capsys):
    seq = _action_seq(day, "print.start")
    _tamper(day, f"DELETE FROM audit_log WHERE seq = {seq}")
    status, out = _verify(day, capsys)
    assert (status, f"#{seq} (dihapus)" in out) == (1, True), out


def test_entries_deleted_from_the_end_are_caught(day, capsys):
    _tamper(day, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)")
    status, out = _verify(day, capsys)
    assert status == 1 and "(dihapus)" in out and "ujung rantai" in out, out


def test_a_deleted_entry_with_the_rest_renumbered_is_caught(day, capsys):
    seq = _action_seq(day, "print.done")
    _tamper(day, f"DELETE FROM audit_log WHERE seq = {seq}",
            f"UPDATE audit_log SET seq = -(seq - 1) WHERE seq > {seq}", "UPDATE audit_log SET seq = -seq WHERE seq < 0")
    status, out = _verify(day, capsys)
    assert (status, f"#{seq} (dihapus)" in out) == (1, True), out


def test_two_entries_swapped_are_caught_as_reordered(day, capsys):
    a = _action_seq(day, "quota.set_standing")
    _tamper(day, f"UPDATE audit_log SET seq = -1 WHERE seq = {a}",
            f"UPDATE audit_log SET seq = {a} WHERE seq = {a + 1}",
            f"UPDATE audit_log SET seq = {a + 1} WHERE seq = -1")
    status, out = _verify(day, capsys)
    assert status == 1
    assert f"#{a} (urutan diubah)" in out and f"semula entri #{a + 1}" in out, out


def test_an_entry_inserted_without_a_number_is_caught(day, capsys):
    _tamper(day, "INSERT INTO audit_log (id, at, action, details, origin, effects) "
                 "VALUES ('x', '2026-11-01 01:00:00', 'quota.set_today', '{}', 'station', '[]')")
    status, out = _verify(day, capsys)
    assert status == 1 and "(disisipkan)" in out, out


@pytest.mark.parametrize("statement, words", [
    ("UPDATE user SET role = 'admin' WHERE username = 'operator'", "Peran pengguna operator adalah admin"),
    ("INSERT INTO user (id, username, full_name, password_hash, role, active, created_at, must_change_password) "
     "VALUES ('u1', 'penyusup', 'X', 'x', 'admin', 1, '2026-11-01', 0)", "Pengguna penyusup (admin)"),
    ("UPDATE user SET password_hash = (SELECT password_hash FROM user WHERE username = 'operator') "
     "WHERE username = 'admin'", "Kata sandi pengguna admin diganti"),
    ("UPDATE user SET active = 1 - active WHERE username = 'supervisor'", "Status aktif pengguna supervisor"),
    ("UPDATE kecamatan_quota SET daily_limit = 999", "Kuota harian kecamatan 36.74.06 tercatat 999, tetapi menurut log audit 200"),
    ("UPDATE quota_override SET daily_limit = 999", f"tanggal {TODAY} tercatat 999, tetapi menurut log audit 220"),
    ("INSERT INTO quota_override (id, kecamatan_code, day, daily_limit, reason, user_id, at) "
     "SELECT 'q2', '36.74.07', day, 500, 'x', user_id, at FROM quota_override", f"Kuota kecamatan 36.74.07 tanggal {TODAY} tercatat 500, tetapi menurut log audit -"),
    ("UPDATE blanko SET state = 'in_stock' WHERE state = 'issued' AND serial = 'BLK-0000002'",
     "Blanko BLK-0000002 berstatus di stok, tetapi menurut log audit tercetak"),
    ("DELETE FROM blanko WHERE serial = 'BLK-0000010'", "Blanko BLK-0000010 berstatus tidak ada, tetapi menurut log audit di stok"),
])
def test_a_role_quota_or_blanko_state_no_entry_explains_is_caught(day, capsys, statement, words):
    _tamper(day, "PRAGMA foreign_keys = OFF", statement)
    status, out = _verify(day, capsys)
    assert status == 1 and "(status tanpa entri)" in out and words in out, out


def test_a_database_that_cannot_be_read_cannot_be_checked(tmp_path, capsys):
    status, out = _verify(tmp_path / "kosong", capsys)
    assert status == 2 and "tidak dapat diperiksa" in out
    (tmp_path / DB_FILENAME).write_bytes(b"bukan database" * 100)
    status, out = _verify(tmp_path, capsys)
    assert status == 2 and "rusak" in out


def test_a_head_noted_elsewhere_catches_a_rebuilt_chain(day, capsys):
    conn = sqlite3.connect(day / DB_FILENAME)
    seq, digest = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    conn.close()
    assert _verify(day, capsys, "--head", f"{seq}:{digest}")[0] == 0
    status, out = _verify(day, capsys, "--head", f"{seq + 5}:{'ab' * 32}")
    assert status == 1 and "ujung rantai" in out


def test_the_hash_follows_the_written_recipe(station):
    """docs/audit-chain.md, implemented again here from its text, gives the stored hashes."""
    station.services.quota.set_today(station.supervisor, PAMULANG, 150, "antrean — panjang")
    conn = sqlite3.connect(station.services.data_dir / DB_FILENAME)
    rows = conn.execute("SELECT seq, prev_hash, hash, at, origin, server_change_id, user_id, username, action, "
                        "details, effects FROM audit_log ORDER BY seq").fetchall()
    conn.close()
    previous = "0" * 64
    for seq, prev_hash, stored, at, origin, change_id, user_id, username, action, details, effects in rows:
        stamp = at.replace(" ", "T") + ("" if "." in at else ".000000") + "Z"
        text = json.dumps(["ktp-audit/1", seq, prev_hash, stamp, origin, change_id, user_id, username, action,
                           json.loads(details), json.loads(effects)],
                          ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        assert prev_hash == previous
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == stored
        previous = stored
    payload = json.loads(
        conn_payload(station.services.data_dir)  # what goes to the regency server carries the same hash
    )
    assert payload["hash"] == previous and payload["details"]["reason"] == "antrean — panjang"


def conn_payload(data: Path) -> str:
    conn = sqlite3.connect(data / DB_FILENAME)
    text = conn.execute("SELECT payload FROM outbox WHERE entity = 'audit_log' ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    conn.close()
    return text


def test_an_entry_outside_begin_immediate_is_a_program_error(station):
    with pytest.raises(audit.ChainNotLocked), station.services.db.atomic():
        audit.record("test", None, at=station.clock.now_utc())
    with station.services.db.atomic("IMMEDIATE"):
        entry = audit.record("test", None, at=station.clock.now_utc())
    assert audit.head().seq == entry.seq


def test_an_entry_from_the_server_carries_its_change_id(station):
    with pytest.raises(ValueError):
        audit.record("quota.set_standing", None, at=station.clock.now_utc(), origin="server")
    entry = audit.record("quota.set_standing", None, at=station.clock.now_utc(), origin="server",
                         server_change_id="srv-42", effects=[])
    assert entry.to_dict()["server_change_id"] == "srv-42"


APPENDER = """
import sys
from argon2 import PasswordHasher
from desktop.clock import Clock
from desktop.services import audit
from desktop.composition import build_services
services = build_services(__import__("pathlib").Path(sys.argv[1]), hasher=PasswordHasher(time_cost=1, memory_cost=1024))
for i in range(int(sys.argv[2])):
    audit.record("test.append", None, at=services.clock.now_utc(), writer=sys.argv[3], n=i)
services.close()
"""


def test_two_processes_appending_at_once_do_not_fork_the_chain(tmp_path, capsys):
    data = tmp_path / "data"
    make_station(tmp_path, blanko=0).services.close()
    writers = [subprocess.Popen([sys.executable, "-c", APPENDER, str(data), "150", name], cwd=ROOT,
                                stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for proc in writers:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    conn = sqlite3.connect(data / DB_FILENAME)
    counts = dict(conn.execute("SELECT json_extract(details, '$.writer'), count(*) FROM audit_log "
                               "WHERE action = 'test.append' GROUP BY 1").fetchall())
    conn.close()
    assert counts == {"a": 150, "b": 150}
    status, out = _verify(data, capsys)
    assert status == 0, out


def test_a_migration_seals_existing_rows_under_a_baseline_of_todays_state(tmp_path, capsys):
    from peewee import SqliteDatabase

    from desktop.store.migrations import MIGRATIONS

    data = tmp_path / "data"
    data.mkdir()
    old = SqliteDatabase(str(data / DB_FILENAME))
    for version in range(3):  # a station as version 3 left it
        MIGRATIONS[version](old)
    old.execute_sql("PRAGMA user_version = 3")
    hashed = PasswordHasher(time_cost=1, memory_cost=1024).hash("operator123")
    old.execute_sql("INSERT INTO user VALUES ('u1', 'operator', 'Siti', ?, 'operator', 1, '2026-11-01', NULL, 0)",
                    (hashed,))
    old.execute_sql("INSERT INTO station VALUES ('s1', 'Pamulang', '36.74.06', '36.74.06', 'KOTA X', NULL, NULL)")
    for n, state in enumerate(["in_stock", "in_stock", "issued", "spoiled", "in_stock"], start=1):
        old.execute_sql("INSERT INTO blanko VALUES (?, ?, 'B1', 's1', ?, '2026-11-01', '2026-11-01')",
                        (f"b{n}", f"BLK-{n:07d}", state))
    old.execute_sql("INSERT INTO kecamatan_quota VALUES ('36.74.06', 180, '2026-11-01')")
    old.execute_sql("INSERT INTO audit_log VALUES ('a1', '2026-11-01 01:00:00', 'u1', 'operator', 'login', '{}')")
    old.execute_sql("INSERT INTO audit_log VALUES ('a2', '2026-11-01 02:00:00.5', NULL, NULL, 'x', '{\"n\": 1.5}')")
    old.close()

    status, out = _verify(data, capsys)
    assert status == 0, out
    conn = sqlite3.connect(data / DB_FILENAME)
    rows = conn.execute("SELECT seq, action, effects FROM audit_log ORDER BY seq").fetchall()
    assert [r[:2] for r in rows] == [(1, "login"), (2, "x"), (3, "audit.baseline")]
    effects = json.loads(rows[2][2])
    assert {"kind": "quota", "kecamatan": "36.74.06", "limit": 180} in effects
    assert [(e["first"], e["last"], e["state"]) for e in effects if e["kind"] == "blanko"] == [
        ("BLK-0000001", "BLK-0000002", "in_stock"), ("BLK-0000003", "BLK-0000003", "issued"),
        ("BLK-0000004", "BLK-0000004", "spoiled"), ("BLK-0000005", "BLK-0000005", "in_stock")]
    assert [e["role"] for e in effects if e["kind"] == "user"] == ["operator"]
    conn.execute("UPDATE blanko SET state = 'in_stock' WHERE serial = 'BLK-0000004'")
    conn.commit()
    conn.close()
    status, out = _verify(data, capsys)
    assert status == 1 and "#3 (status tanpa entri)" in out and "BLK-0000004" in out, out
