"""Running a Windows (or macOS) branch here: the flags of desktop/platform.py, patched for one test."""

from __future__ import annotations

from desktop import platform as system

SYSTEMS = ("windows", "macos", "linux")


def force_platform(monkeypatch, name: str) -> None:
    """Make the code under test take `name`'s branches (the flags are read at call time)."""
    assert name in SYSTEMS, name
    monkeypatch.setattr(system, "WINDOWS", name == "windows")
    monkeypatch.setattr(system, "MACOS", name == "macos")
    monkeypatch.setattr(system, "LINUX", name == "linux")
