"""Station settings are declared once (desktop/settings.py): typed, stored as stations always stored
them, reached only through their declarations, and a station's database holds no other key."""

from __future__ import annotations

import ast
import re
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from desktop import settings
from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators
from desktop.services.clock_confirm import confirm_clock
from desktop.services.clock_guard import clock_problem
from desktop.services.issuance import PrintRequest
from desktop.settings import (
    AUDIT_HEAD,
    CLOCK_UNCONFIRMED,
    DEMO_STATION,
    LEASE_BLANKO_SHORT,
    LEASE_CLOCK_SKEW,
    LEASE_SETTINGS,
    REGENCY_USERS,
    SYNC_BATCH_SEQ,
    SYNC_DRIFT,
    SYNC_MARK_JOBS,
    DuplicateSetting,
    SettingFamily,
    SettingVar,
    undeclared_keys,
)
from desktop.store.db import open_database
from desktop.store.models import Setting
from tests.helpers.fixtures import add_resident

ROOT = Path(__file__).resolve().parents[2]
LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


def stored() -> dict[str, str]:
    return dict(Setting.select(Setting.key, Setting.value).tuples())


# --- declarations -----------------------------------------------------------------------------------------
def test_a_key_declared_twice_fails():
    with pytest.raises(DuplicateSetting):
        SettingVar("station_id", settings.TEXT, None, "tests", "a second station id")
    with pytest.raises(DuplicateSetting):
        SettingVar("sync.user.someone", settings.TEXT, None, "tests", "a key inside the accounts' family")
    with pytest.raises(DuplicateSetting):
        SettingFamily("sync.", settings.TEXT, "tests", "a family over declared keys")
    assert settings.declared("station_id") is settings.STATION_ID
    assert settings.declared("sync.user.1234") is REGENCY_USERS
    assert settings.declared("station") is None


def test_every_declaration_says_its_owner_and_meaning():
    modules = {p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".") for p in (ROOT / "desktop").rglob("*.py")}
    for declaration in settings.declarations():
        assert declaration.owner in modules and set(declaration.writers) <= modules, declaration
        assert declaration.description.strip(), declaration
    assert len(settings.declarations()) >= 28


# --- typed, stored as before ---------------------------------------------------------------------------------
def test_values_are_read_typed_and_stored_as_stations_always_stored_them(tmp_path):
    db = open_database(tmp_path / "station.sqlite3")
    try:
        assert (LEASE_CLOCK_SKEW.get(), SYNC_BATCH_SEQ.get(), DEMO_STATION.get(), SYNC_DRIFT.get()) == (0.0, 0, False, None)
        defaults = LEASE_SETTINGS.get()
        defaults["size"] = 99  # a default handed out is the caller's copy
        assert LEASE_SETTINGS.get()["size"] == 20

        at = datetime(2026, 11, 30, 1, 2, 3, 456789)
        LEASE_CLOCK_SKEW.set(-1.23456)
        SYNC_BATCH_SEQ.set(7)
        DEMO_STATION.set(True)
        LEASE_BLANKO_SHORT.set(False)
        CLOCK_UNCONFIRMED.set(at)
        AUDIT_HEAD.set((12, "ab" * 32))
        SYNC_DRIFT.set({"differences": [], "at": "2026-11-30T01:02:03"})
        LEASE_SETTINGS.set({"size": 20, "low_water": 5, "max_skew_seconds": 300})
        REGENCY_USERS.set("u-1", {"active": True, "kecamatan": ["36.74.06"]})
        assert stored() == {
            "lease.clock_skew": "-1.235", "sync.batch_seq": "7", "demo_station": "1",
            "clock_unconfirmed": "2026-11-30T01:02:03.456789", "audit_head": f"12:{'ab' * 32}",
            "sync.drift": '{"at": "2026-11-30T01:02:03", "differences": []}',
            "lease.settings": '{"low_water": 5, "max_skew_seconds": 300, "size": 20}',
            "sync.user.u-1": '{"active": true, "kecamatan": ["36.74.06"]}',
        }
        assert (LEASE_CLOCK_SKEW.get(), SYNC_BATCH_SEQ.get(), DEMO_STATION.get(), CLOCK_UNCONFIRMED.get()) == (
            -1.235, 7, True, at)
        assert AUDIT_HEAD.get() == (12, "ab" * 32) == AUDIT_HEAD.read_from(db)
        assert REGENCY_USERS.items() == {"u-1": {"active": True, "kecamatan": ["36.74.06"]}}
        assert REGENCY_USERS.exists("u-1") and not REGENCY_USERS.exists("u-2")

        Setting.replace(key="sync.user.u-2", value="u-2").execute()  # a mark from before the kecamatan were kept
        assert REGENCY_USERS.items()["u-2"] is None

        DEMO_STATION.set(False)  # a flag is a row or none
        SYNC_DRIFT.set(None)
        assert "demo_station" not in stored() and "sync.drift" not in stored()
        with pytest.raises(TypeError):
            SYNC_MARK_JOBS.set("2026-11-30T01:02:03")  # a time is given as a datetime
        with pytest.raises(TypeError):
            SYNC_BATCH_SEQ.set("8")
    finally:
        db.close()


# --- reached only through declarations -------------------------------------------------------------------------
SETTING_SQL = re.compile(r'\b(from|into|update|join|table)\s+"?setting"?(\s|$|\()', re.IGNORECASE)


def raw_setting_access(source: str) -> list[str]:
    """Where a module reaches the setting table other than through desktop/settings.py: the model,
    SQL on the table, or a declared key written out, alone or in an f-string (an audit action may
    share a key's name)."""
    keys = {d.key for d in settings.declarations() if isinstance(d, SettingVar)}
    prefixes = tuple(d.prefix for d in settings.declarations() if isinstance(d, SettingFamily))
    tree = ast.parse(source)
    actions = {id(call.args[0]) for call in ast.walk(tree) if isinstance(call, ast.Call) and call.args
               and isinstance(call.func, ast.Attribute) and call.func.attr == "record"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "Setting":
            found.append(f"line {node.lineno}: the Setting model")
        elif isinstance(node, ast.alias) and node.name == "Setting":
            found.append(f"line {node.lineno}: imports the Setting model")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in actions:
            if node.value in keys or node.value.startswith(prefixes):
                found.append(f"line {node.lineno}: the key {node.value!r} written out")
            elif SETTING_SQL.search(node.value):
                found.append(f"line {node.lineno}: SQL on the setting table")
    return sorted(found, key=lambda problem: (int(problem.split(":")[0].split()[1]), problem))


def test_the_check_finds_a_key_reached_around_its_declaration():
    source = '''
from desktop.store.models import Setting
x = Setting.read("lease.frozen")
y = db.execute_sql("SELECT value FROM setting WHERE key = ?", (KEY,))
z = f"sync.user.{user_id}"
audit.record("sync.drift", None, at=now)
'''
    assert raw_setting_access(source) == [
        "line 2: imports the Setting model", "line 3: the Setting model", "line 3: the key 'lease.frozen' written out",
        "line 4: SQL on the setting table", "line 5: the key 'sync.user.' written out"]


def test_no_module_reaches_a_setting_but_through_its_declaration():
    allowed = {ROOT / "desktop" / "settings.py"}
    found = {}
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        if path in allowed or (ROOT / "desktop" / "store") in path.parents:
            continue
        problems = raw_setting_access(path.read_text(encoding="utf-8"))
        if problems:
            found[str(path.relative_to(ROOT))] = problems
    assert found == {}


def writes_by_others(source: str, module: str) -> list[str]:
    """Settings this module writes (`NAME.set(...)` on a declaration) without being one of their writers."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "set" \
                and isinstance(node.func.value, ast.Name):
            declaration = getattr(settings, node.func.value.id, None)
            if isinstance(declaration, SettingVar | SettingFamily) and module not in declaration.writers:
                found.append(f"line {node.lineno}: {node.func.value.id} belongs to {declaration.owner}")
    return found


def test_a_setting_is_written_only_by_its_owner():
    assert writes_by_others("SYNC_CURSOR.set(None)\nLEASE_REPORT_DUE.set(now)\nwidget.set(1)", "desktop.sync.leases") \
        == ["line 1: SYNC_CURSOR belongs to desktop.sync.pull"]
    found = {}
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        module = path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        problems = writes_by_others(path.read_text(encoding="utf-8"), module)
        if problems:
            found[module] = problems
    assert found == {}


# --- a station's database ---------------------------------------------------------------------------------------
def test_a_station_database_holds_only_declared_keys(station, qapp):
    """A demo station set up, a card printed, the clock moved on and confirmed, the sync's own id made:
    every key stored is declared (tests/server/test_settings_stored.py does it for an enrolled station)."""
    name = f"settings-{uuid.uuid4().hex[:8]}"
    printer = open_printer(f"sim://{name}?delay=0")
    try:
        station.services.issuance.print_card(station.operator, PrintRequest(add_resident(), **LOST), printer)
    finally:
        printer.close()
        forget_simulators()
    station.clock.advance(days=2)
    station.services.auth.login("operator", "operator123")  # an event two days on: the clock waits for a supervisor
    assert clock_problem(station.clock) is not None
    confirm_clock(station.services.db, station.clock, station.supervisor)
    station.services.sync.installation_id()
    keys = set(stored())
    assert {"station_id", "demo_station", "audit_head", "clock_watermark", "head_mark",
            "sync.installation_id"} <= keys
    assert undeclared_keys(station.services.db) == []

    Setting.replace(key="printer.default", value="sim://x").execute()  # what a new module might slip in
    assert undeclared_keys(station.services.db) == ["printer.default"]
    Setting.replace(key="clock_watermark", value="kemarin").execute()  # declared, but not as it is stored
    with pytest.raises(ValueError):
        undeclared_keys(station.services.db)
