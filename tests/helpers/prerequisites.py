"""Tests that need something outside Python (root, a Debian tool, a display server, a database).

Locally such a test is skipped, with the reason, when its prerequisite is missing; in CI (KTP_CI=1,
set by .ci/run, which installs everything) a missing prerequisite fails the test instead, so that a
green run never hides tests that did not run.
"""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("KTP_CI") == "1"


def require(available: bool, what: str) -> None:
    """Skip (locally) or fail (in CI) unless `available`; `what` names the missing prerequisite."""
    if available:
        return
    if in_ci():
        pytest.fail(f"CI must provide {what}, but it is missing", pytrace=False)
    pytest.skip(f"needs {what}")


def require_tool(name: str, package: str | None = None) -> str:
    """The path of a command-line tool, as require() demands it."""
    path = shutil.which(name)
    require(path is not None, f"the '{name}' command" + (f" (Debian package {package})" if package else ""))
    return path  # type: ignore[return-value]


def require_root(why: str) -> None:
    require(hasattr(os, "geteuid") and os.geteuid() == 0, f"root ({why})")
