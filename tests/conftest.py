"""Test configuration: Qt runs offscreen, every test gets its own data directory, and every test is
marked by what it costs, from the fixtures and helpers it uses (qutebrowser's habit): gui, subprocess,
server, postgres, cups. `slow` (over 10 s alone) is marked by hand and left out of `dev.py test`."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KTP_MANDIRI_DATA", None)

pytest_plugins = ["tests.helpers.fixtures", "tests.helpers.cups_server", "tests.helpers.unprivileged",
                  "tests.helpers.postgres", "tests.helpers.regency", "tests.helpers.leases"]

# The installer tests need a build (scripts/build-installer, minutes): collected only when KTP_DIST
# names its output; .ci/run builds the packages and runs them in a stage of their own.
collect_ignore = [] if os.environ.get("KTP_DIST") else ["installer"]


def pytest_report_header(config) -> str:
    if os.environ.get("KTP_DIST"):
        return f"installer tests: on the build in {os.environ['KTP_DIST']}"
    return "installer tests: not collected (scripts/build-installer, then KTP_DIST=dist; .ci/run does both)"


# What makes a test one of each kind: fixtures it uses (with the fixtures they use) ...
FIXTURES = {
    "gui": {"qtbot"},
    "server": {"regency_servers", "tls_regency"},
    "postgres": {"pg_cluster", "pg_template"},
    "cups": {"cups_server"},
    "subprocess": {"nobodys_station"},
}
# ... and helpers its own code calls (tests/helpers/processes.py, unprivileged.py, postgres.py, and
# tests/server/test_backup_restore.py's own).
CALLS = {
    "subprocess": {"subprocess", "run_cli", "start_cli", "start_print", "as_unprivileged", "backup_tool"},
    "server": {"served_once", "filled_and_served"},
    "postgres": {"start_cluster", "fresh_cluster_with_empty_database", "require_pg_tools"},
}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    grouped = config.pluginmanager.hasplugin("xdist")  # its xdist_group marker exists
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        kinds = {kind for kind, names in FIXTURES.items() if used & names}
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "postgres" in params.values():
            kinds.add("postgres")
        code = getattr(getattr(item, "function", None), "__code__", None)
        called = set(code.co_names) if code is not None else set()
        kinds |= {kind for kind, names in CALLS.items() if called & names}
        for kind in sorted(kinds):
            item.add_marker(kind)
        if "server" in kinds and grouped:
            # One worker runs a module's server tests, so they share its servers (tests/helpers/regency.py).
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
