"""Test configuration: Qt runs offscreen, and every test gets its own data directory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KTP_MANDIRI_DATA", None)

pytest_plugins = ["tests.helpers.fixtures", "tests.helpers.cups_server", "tests.helpers.unprivileged"]
