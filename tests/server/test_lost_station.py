"""A station set up from the command line, then revoked (issue 20, items 4 and 5): a real regency
server and the real `ktp-mandiri` command line in processes of their own, on the real clock.

`ktp-mandiri enrol` makes a station of an empty data folder (and refuses one already enrolled), the
supervisor confirms the leased box with `blanko confirm`; after `station revoke` the station's next
round records it "dicabut" for good: the print running then still finishes and is recorded, the next
is refused in one sentence, a restart does not lift it. The regency lists what the station was
leased and what of it arrived, the users whose hashes it held, and writes its blanko off.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from server import leases, registry
from server.db import connection
from tests.helpers.leases import OPERATOR, PASSWORD, SUPERVISOR, admin_call, seed_residents
from tests.helpers.processes import cli_env, run_cli, start_cli, wait_for_job_state

PAMULANG = "36.74.06"
PRINT = ("--reason", "hilang", "--documents", "all", "--letter-number", "LP/12/XII/2026", "--user", OPERATOR)


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """The residents' photos are made with Qt."""
    yield


def _env():
    return cli_env(KTP_MANDIRI_PASSWORD=PASSWORD)


def _rows(data: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(data / "ktp-mandiri.sqlite3", timeout=10)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _enrolled_station(regency, tmp_path: Path, name: str) -> tuple[Path, str, list[str]]:
    """A fresh folder enrolled from the command line, its leased box confirmed; (folder, code, NIKs)."""
    niks = seed_residents(tmp_path, {PAMULANG: 4})[PAMULANG]
    with connection():
        leases.set_settings("test", advance_hour=24, blanko_size=20)
        leases.receive_blanko("test", 40, f"BA-{name}")
        station, code = registry.add_station("test", name, [PAMULANG])
    data = tmp_path / name  # does not exist yet: enrol makes it
    done = run_cli(data, "enrol", regency.url, code)
    assert done.returncode == 0, done.stderr
    assert f"Stasiun {name} terdaftar di {regency.url}; melayani Pamulang." in done.stdout
    assert "Sinkronisasi pertama:" in done.stdout
    assert _rows(data, "SELECT COUNT(*) FROM resident") == [(4,)]
    confirmed = run_cli(data, "blanko", "confirm", "--user", SUPERVISOR, env=_env())
    assert confirmed.returncode == 0, confirmed.stderr
    assert confirmed.stdout.strip() == "Kotak blanko KAB-00000001 s.d. KAB-00000020 diterima: 20 blanko masuk stok."
    return data, station["code"], niks


def test_a_fresh_folder_is_enrolled_from_the_command_line_and_an_enrolled_one_is_refused(regency, tmp_path):
    data, code, niks = _enrolled_station(regency, tmp_path, "loket-baru")
    assert _rows(data, "SELECT action FROM audit_log WHERE action IN ('station.enrol', 'blanko.range_confirmed') "
                       "ORDER BY seq") == [("station.enrol",), ("blanko.range_confirmed",)]
    assert _rows(data, "SELECT username FROM audit_log WHERE action = 'blanko.range_confirmed'") == [(SUPERVISOR,)]
    # A second enrolment of the same folder is refused in one sentence, before any code is spent.
    with connection():
        _, other = registry.add_station("test", "loket-lain", [PAMULANG])
    again = run_cli(data, "enrol", regency.url, other)
    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        f"ktp-mandiri: Folder data ini sudah berisi stasiun loket-baru yang terdaftar di {regency.url}; pendaftaran "
        "baru memerlukan folder data tanpa stasiun (--data-dir)."]
    with connection():
        assert [s["enrolled"] for s in registry.list_stations() if s["name"] == "loket-lain"] == [False]
    # Nothing left to confirm: one sentence.
    nothing = run_cli(data, "blanko", "confirm", "--user", SUPERVISOR, env=_env())
    assert (nothing.returncode, nothing.stderr.strip()) == (
        1, "ktp-mandiri: Tidak ada kotak blanko dalam pengiriman dari kabupaten untuk stasiun ini.")
    # The station prints with what came from the regency.
    done = run_cli(data, "print", niks[0], "--printer", "sim://loket-baru?delay=0", *PRINT, env=_env())
    assert done.returncode == 0, done.stderr
    assert "pada blanko KAB-00000001" in done.stdout


def test_a_revoked_station_finishes_the_running_print_and_starts_no_other(regency, tmp_path):
    data, code, niks = _enrolled_station(regency, tmp_path, "loket-hilang")
    # A card takes 4 s at this printer: it is being printed when the regency revokes the station.
    running = start_cli(data, "print", niks[0], "--printer", "sim://loket-hilang?delay=4", *PRINT, env=_env())
    try:
        wait_for_job_state(data, "printing", running)
        regency.cli("station", "revoke", code)
        sync = run_cli(data, "sync")
        out, err = running.communicate(timeout=120)
    finally:
        if running.poll() is None:
            running.kill()
    assert sync.returncode == 1
    assert sync.stderr.strip().startswith("ktp-mandiri: Stasiun ini sudah dicabut oleh admin kabupaten.")
    assert running.returncode == 0, err
    assert "Tercetak:" in out and "pada blanko KAB-00000001" in out
    assert _rows(data, "SELECT state FROM print_job") == [("done",)]
    assert _rows(data, "SELECT COUNT(*) FROM issued_card") == [(1,)]
    # Recorded for good, in the chain: a later process (a restart) refuses the next print in one sentence.
    assert _rows(data, "SELECT action FROM audit_log WHERE action = 'regency.revoked'") == [("regency.revoked",)]
    refused = run_cli(data, "print", niks[1], "--printer", "sim://loket-hilang?delay=0", *PRINT, env=_env())
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        "ktp-mandiri: Stasiun ini sudah dicabut oleh admin kabupaten: pencetakan berhenti untuk seterusnya. Hubungi "
        "petugas TI kabupaten; catatan stasiun diserahkan dengan ktp-mandiri backup --out."]
    assert _rows(data, "SELECT COUNT(*) FROM print_job") == [(1,)]
    # The setting removed from the database file does not lift it: the chain's entry still says so.
    conn = sqlite3.connect(data / "ktp-mandiri.sqlite3")
    with conn:
        conn.execute("DELETE FROM setting WHERE key = 'station.revoked'")
    conn.close()
    again = run_cli(data, "print", niks[1], "--printer", "sim://loket-hilang?delay=0", *PRINT, env=_env())
    assert again.returncode == 1 and "sudah dicabut" in again.stderr
    # The sync command says the same sentence without asking the server again.
    assert "sudah dicabut oleh admin kabupaten: pencetakan berhenti" in run_cli(data, "sync").stderr
    # Its records are collected with a backup, as the docs' procedure says.
    backup = run_cli(data, "backup", "--out", str(tmp_path / "loket-hilang.backup"))
    assert backup.returncode == 0, backup.stderr


def test_the_regency_accounts_for_a_lost_station_and_writes_its_blanko_off(regency, tmp_path):
    data, code, niks = _enrolled_station(regency, tmp_path, "loket-dicuri")
    done = run_cli(data, "print", niks[0], "--printer", "sim://loket-dicuri?delay=0", *PRINT, env=_env())
    assert done.returncode == 0, done.stderr
    assert run_cli(data, "sync").returncode == 0  # the card reaches the regency
    with connection():
        registry.save_user("test", "kepala.setu", "Kepala Setu", "supervisor", "rahasia-setu", ["36.74.07"])
        registry.save_user("test", "admin.kab", "Admin", "admin", "rahasia-admin", [])
    users = regency.cli("station", "users", code, "--json")
    assert [(u["username"], u["role"]) for u in json.loads(users.stdout)] == [(OPERATOR, "operator"),
                                                                              (SUPERVISOR, "supervisor")]
    # Not revoked yet: its blanko cannot be written off.
    early = regency.cli("blanko", "write-off-revoked", code, check=False)
    assert early.returncode == 1 and "belum dicabut" in early.stderr
    regency.cli("station", "revoke", code)
    # No round since: the print's own request to the regency gets the answer, and stops the station.
    refused = run_cli(data, "print", niks[1], "--printer", "sim://loket-dicuri?delay=0", *PRINT, env=_env())
    assert refused.returncode == 1 and "dicabut" in refused.stderr
    (via,) = _rows(data, "SELECT json_extract(details, '$.via') FROM audit_log WHERE action = 'regency.revoked'")
    assert via[0] in ("claim", "card history")
    assert "pencetakan berhenti untuk seterusnya" in run_cli(data, "print", niks[2], "--printer", "sim://x?delay=0",
                                                              *PRINT, env=_env()).stderr
    account = regency.cli("station", "blanko", code)
    assert account.stdout.splitlines()[0].startswith(f"Stasiun {code} (loket-dicuri), dicabut ")
    assert "KAB-00000001 s.d. KAB-00000020\t20\tdipinjamkan" in account.stdout
    assert account.stdout.splitlines()[-1] == ("Dipinjamkan 20; sampai di kabupaten: 1 kartu, 0 rusak, 0 dimusnahkan; "
                                               "dihapusbukukan 0; belum jelas 19.")
    # The admin API writes it off (authenticated first: tests/server/test_auth_first.py), audited with its note.
    status, reply = admin_call(regency, "POST", f"/v1/admin/stations/{code}/blanko/write-off",
                               {"note": "PC dicuri, LP/99/XII/2026"})
    assert status == 200, reply
    assert (reply["written_off"], reply["unaccounted"], reply["arrived"]["issued"]) == (19, 0, 1)
    status, audit_rows = admin_call(regency, "GET", "/v1/admin/audit?limit=5")
    entry = next(r for r in audit_rows if r["action"] == "blanko.write_off_revoked")
    assert entry["details"]["note"] == "PC dicuri, LP/99/XII/2026" and entry["details"]["count"] == 19
    status, listed = admin_call(regency, "GET", f"/v1/admin/stations/{code}/users")
    assert (status, [u["username"] for u in listed]) == (200, [OPERATOR, SUPERVISOR])
    ledger = json.loads(regency.cli("blanko", "ledger", "--station", code, "--json").stdout)
    mine = next(b for b in ledger["balances"] if b["holder"] == code)
    assert (mine["issued"], mine["spoiled"], mine["in_stock"]) == (1, 19, 0)
