"""A test that needs something this machine lacks skips here, and fails in CI (KTP_CI=1), where every
prerequisite must be installed (.ci/run)."""

from __future__ import annotations

import os
import shutil

import pytest


def missing(what: str) -> None:
    if os.environ.get("KTP_CI"):
        pytest.fail(f"CI must provide this: {what}")
    pytest.skip(what)


def require(available: bool, what: str) -> None:
    """missing(what) unless `available`."""
    if not available:
        missing(what)


def require_tool(name: str, package: str | None = None) -> str:
    """The path of a command-line tool, or missing() naming it and its Debian package."""
    path = shutil.which(name)
    require(path is not None, f"the '{name}' command" + (f" (Debian package {package})" if package else ""))
    return path  # type: ignore[return-value]


def require_root(why: str) -> None:
    require(hasattr(os, "geteuid") and os.geteuid() == 0, f"root ({why})")
