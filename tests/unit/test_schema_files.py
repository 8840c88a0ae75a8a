"""A station database of every schema version, each made by the code of the commit that introduced it
(tests/data/schemas/make_schemas.py says which and how), opened by today's code: migrated in place, with
everything a user relies on still there and still working."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import settings
from desktop.composition import build_services
from desktop.services.audit_verify import verify_chain
from desktop.store.files import DB_FILENAME
from desktop.store.migrations import LATEST_VERSION
from desktop.store.models import IssuedCard, PrintJob

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
VERSIONS = sorted(int(p.stem.removeprefix("station-v")) for p in SCHEMAS.glob("station-v*.sqlite3"))


def test_there_is_a_file_for_every_version():
    assert list(range(1, LATEST_VERSION + 1)) == VERSIONS, "run tests/data/schemas/make_schemas.py for a new version"


def facts(path: Path) -> dict:
    """What the file holds, read with plain SQL before today's code touches it."""
    conn = sqlite3.connect(path)
    try:
        one = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        return {
            "version": one("PRAGMA user_version")[0][0],
            "residents": dict(one("SELECT nik, name FROM resident")),
            "users": sorted(u for (u,) in one("SELECT username FROM user")),
            "blanko": dict(one("SELECT state, count(*) FROM blanko GROUP BY state")),
            "jobs": sorted(one("SELECT id, nik, state FROM print_job")),
            "cards": sorted(one("SELECT job_id, nik, blanko_id FROM issued_card")),
            "settings": dict(one("SELECT key, value FROM setting")),
            "audit": one("SELECT count(*) FROM audit_log")[0][0],
        }
    finally:
        conn.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_a_station_of_each_version_opens_migrated_with_all_it_held(version, tmp_path):
    shutil.copy(SCHEMAS / f"station-v{version}.sqlite3", tmp_path / DB_FILENAME)
    before = facts(tmp_path / DB_FILENAME)
    assert before["version"] == version
    assert before["residents"] and before["jobs"] and before["cards"] and before["blanko"]

    services = build_services(tmp_path, create=False)
    try:
        db = services.db
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        # every setting kept its stored text (before a log-in moves the audit head), every key declared
        stored = dict(db.execute_sql("SELECT key, value FROM setting").fetchall())
        # (migration 11 seals the rows of the day under one entry, migration 12 the residents received
        # before they were claimed: the head moves on by those entries)
        moved = {"audit_head"} if version < 12 and before["settings"].get("audit_head") else set()
        assert {k: stored.get(k) for k in before["settings"] if k not in moved} == {
            k: v for k, v in before["settings"].items() if k not in moved}
        if moved:
            sealed = ["audit.residents_sealed"] + (["audit.rows_sealed"] if version < 11 else [])
            assert [a for (a,) in db.execute_sql(
                f"SELECT action FROM audit_log ORDER BY seq DESC LIMIT {len(sealed)}")] == sealed
            assert int(stored["audit_head"].split(":")[0]) == (
                int(before["settings"]["audit_head"].split(":")[0]) + len(sealed))
        assert settings.undeclared_keys(db) == []
        # residents are found by NIK with their names
        for nik, name in before["residents"].items():
            assert services.residents.find(nik).name == name
        # the same accounts, and the operator still logs in with the password they had
        assert sorted(a.username for a in services.users.accounts()) == before["users"]
        assert services.auth.login("operator", "operator123").username == "operator"
        # the blanko stock counts as before
        summary = services.stock.summary(services.stations.require().id)
        assert (summary.in_stock, summary.issued) == (before["blanko"].get("in_stock", 0), before["blanko"]["issued"])
        # the jobs and the cards issued, nothing left unfinished
        assert sorted(PrintJob.select(PrintJob.id, PrintJob.nik, PrintJob.state).tuples()) == before["jobs"]
        assert sorted(IssuedCard.select(IssuedCard.job, IssuedCard.nik, IssuedCard.blanko).tuples()) == before["cards"]
        assert services.jobs.unfinished() == []
        # the audit log is one intact chain, holding every entry the station had
        result = verify_chain(db)
        assert result.ok, result.problem
        assert result.entries >= before["audit"]
    finally:
        services.close()


# --- the regency server's schema ------------------------------------------------------------------------
SERVER_VERSIONS = sorted(int(p.stem.removeprefix("server-v")) for p in SCHEMAS.glob("server-v*.sqlite3"))
SERVER_PASSWORD = "kabupaten-2026"  # the admin's, as make_schemas.py set it


def test_there_is_a_regency_file_for_every_server_version():
    from server.migrations import LATEST_VERSION as SERVER_LATEST

    assert list(range(1, SERVER_LATEST + 1)) == SERVER_VERSIONS, "run make_schemas.py server for a new version"


def server_facts(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {
            "admins": conn.execute("SELECT username FROM admin").fetchall(),
            "stations": conn.execute("SELECT id, code, served FROM station").fetchall(),
            "users": conn.execute("SELECT id, username, kecamatan FROM server_user").fetchall(),
            "residents": dict(conn.execute("SELECT nik, name FROM resident").fetchall()),
            "quota": conn.execute("SELECT kecamatan_code, daily_limit FROM quota").fetchall(),
        }
    finally:
        conn.close()


@pytest.mark.parametrize("version", SERVER_VERSIONS)
def test_a_regency_database_of_each_version_opens_migrated_with_all_it_held(version, tmp_path):
    from server import changes, registry
    from server.db import database
    from server.migrations import LATEST_VERSION as SERVER_LATEST
    from server.migrations import migrate
    from server.models import Quota, Resident, ServerUser, Station
    from server.security import admin_login
    from tests.helpers.regency import Regency

    path = tmp_path / "regency.sqlite3"
    shutil.copy(SCHEMAS / f"server-v{version}.sqlite3", path)
    before = server_facts(path)
    assert before["admins"] and before["stations"] and before["users"] and before["residents"]
    Regency("sqlite", f"sqlite:///{path}", tmp_path).bind()
    assert migrate(database.obj) == (version, SERVER_LATEST)
    # the admin still logs in with the password they had
    token, _expires = admin_login("kepala", SERVER_PASSWORD)
    assert token
    # the station, its kecamatan, the regency's account and whether the station serves it
    (station_id, code, served), = before["stations"]
    station = Station.get_by_id(station_id)
    assert (station.code, station.served_codes) == (code, served.split(","))
    (user_id, username, kecamatan), = before["users"]
    user = ServerUser.get_by_id(user_id)
    assert registry.user_change(user)["kecamatan"] == kecamatan.split(",")
    assert registry._serves_user(station, user)
    assert {r.nik: r.name for r in Resident.select()} == before["residents"]
    assert list(Quota.select(Quota.kecamatan_code, Quota.daily_limit).tuples()) == before["quota"]
    # what the station will pull: its residents and the account
    scopes = [*station.served_codes, "", f"station:{station.id}"]
    page = changes.pull(scopes, None, scope_tag=changes.scope_tag(station.served_codes))
    pulled = {(c["kind"], c["key"]) for c in page.changes}
    assert {("resident", nik) for nik in before["residents"]} <= pulled
    assert ("user", user_id) in pulled
