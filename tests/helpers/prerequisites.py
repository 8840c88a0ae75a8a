"""A test that needs something this machine lacks skips here, and fails in CI (KTP_CI=1), where every
prerequisite must be installed (.ci/run)."""

from __future__ import annotations

import os

import pytest


def missing(what: str) -> None:
    if os.environ.get("KTP_CI"):
        pytest.fail(f"CI must provide this: {what}")
    pytest.skip(what)
