"""Locate files shipped in `resources/`, from a source checkout or a frozen (PyInstaller) bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. resource_path("data", "regions.csv")."""
    return resources_dir().joinpath(*parts)
