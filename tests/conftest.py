"""Test configuration: Qt runs offscreen, and every test gets its own data directory."""

from __future__ import annotations

import os

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
