"""The check before Qt starts (desktop/system_libraries.py): the ELF reader against binutils' readelf,
a missing library named with its package, an unreachable display said as such, and nothing checked
on Windows and macOS."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import platform as system
from desktop.system_libraries import (
    SONAME_PACKAGES,
    display_problem,
    installation_problem,
    missing_libraries,
    missing_sentence,
    needed_libraries,
    private_libraries,
    qt_folder,
    window_platform,
    window_problem,
)
from tests.helpers.platforms import force_platform
from tests.helpers.prerequisites import require_tool

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not system.LINUX, reason="ELF libraries are Linux's")
UNUSED_DISPLAY = ":7391"


def qt_file(*parts: str) -> Path:
    return qt_folder().joinpath(*parts)


def renamed_dependency(source: Path, old: str, new: str, folder: Path) -> Path:
    """A copy of an ELF file whose dynamic string table names `new` where it named `old` (same length),
    as a plugin built against a library this machine lacks would."""
    assert len(old) == len(new)
    data = source.read_bytes()
    assert data.count(old.encode() + b"\0") == 1, f"{source.name} should name {old} once"
    copy = folder / source.name
    copy.write_bytes(data.replace(old.encode() + b"\0", new.encode() + b"\0"))
    return copy


@linux_only
@pytest.mark.parametrize("parts", [("plugins", "platforms", "libqxcb.so"), ("lib", "libQt6Gui.so.6"),
                                   ("lib", "libQt6XcbQpa.so.6")])
def test_needed_libraries_are_the_ones_readelf_lists(parts):
    readelf = require_tool("readelf", "binutils")
    path = qt_file(*parts)
    dynamic = subprocess.run([readelf, "-d", str(path)], check=True, capture_output=True, text=True).stdout
    assert needed_libraries(path) == re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)


def test_a_file_that_is_not_elf_needs_nothing(tmp_path):
    text = tmp_path / "notes.so"
    text.write_text("not a library")
    assert needed_libraries(text) == []


@linux_only
def test_a_missing_library_of_the_plugin_is_named_and_the_present_ones_are_not(tmp_path):
    plugin = renamed_dependency(qt_file("plugins", "platforms", "libqxcb.so"), "libxcb-icccm.so.4",
                                "libxcb-icccX.so.4", tmp_path)
    missing = missing_libraries([plugin], private_libraries([qt_file("lib")]))
    assert "libxcb-icccX.so.4" in missing
    assert "libxcb-icccm.so.4" not in missing and "libQt6Gui.so.6" not in missing


@linux_only
def test_a_library_missing_behind_a_shipped_qt_library_is_found_through_it(tmp_path):
    """libqxcb.so -> libQt6XcbQpa.so.6 (shipped) -> libxcb-keysyms.so.1 (the system's)."""
    qpa = renamed_dependency(qt_file("lib", "libQt6XcbQpa.so.6"), "libxcb-keysyms.so.1", "libxcb-keysymZ.so.1",
                             tmp_path)
    shipped = {**private_libraries([qt_file("lib")]), qpa.name: qpa}
    assert "libxcb-keysymZ.so.1" in missing_libraries([qt_file("plugins", "platforms", "libqxcb.so")], shipped)


def test_the_sentence_names_the_libraries_and_the_install_line():
    sentence = missing_sentence(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"], "jendela Qt (xcb)")
    assert sentence == ("Pustaka sistem untuk jendela Qt (xcb) tidak ada: libxcb-icccm.so.4, libxcb-keysyms.so.1; "
                        "pasang dulu: sudo apt-get install libxcb-icccm4 libxcb-keysyms1.")
    unknown = missing_sentence(["libxcb-icccX.so.4"], "program ini")
    assert "libxcb-icccX.so.4" in unknown and "apt-file search" in unknown and "apt-get install" not in unknown


def test_the_table_names_one_debian_package_per_library():
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", package) for package in SONAME_PACKAGES.values())
    assert all(re.fullmatch(r"(lib|ld-)[\w+.-]+\.so(\.\d+)+", name) for name in SONAME_PACKAGES)


@pytest.mark.parametrize("platform", ["windows", "macos"])
def test_windows_and_macos_check_nothing_their_libraries_ship_with_the_program(platform, monkeypatch):
    force_platform(monkeypatch, platform)
    env = {"DISPLAY": UNUSED_DISPLAY, "WAYLAND_DISPLAY": "nothing-here"}
    assert window_problem(env) is None
    assert installation_problem(env) is None
    assert window_platform({}) == {"windows": "windows", "macos": "cocoa"}[platform]


def test_the_platform_qt_will_use():
    assert window_platform({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert window_platform({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}) == "wayland"
    assert window_platform({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == "wayland"
    assert window_platform({"DISPLAY": ":0"}) == "xcb"
    assert window_platform({}) == "offscreen"
    assert window_problem({}) is None  # offscreen needs no display and no X libraries


@linux_only
def test_an_x_display_that_does_not_answer_is_its_own_sentence():
    assert not Path(f"/tmp/.X11-unix/X{UNUSED_DISPLAY[1:]}").exists()
    assert window_problem({"DISPLAY": UNUSED_DISPLAY}) == (
        f"Layar X '{UNUSED_DISPLAY}' tidak dapat dihubungi (DISPLAY={UNUSED_DISPLAY}): jalankan dari sesi desktop "
        "yang sedang terbuka, atau perbaiki DISPLAY dan izin X (xauth).")


@linux_only
def test_a_wayland_display_that_does_not_answer_is_its_own_sentence(tmp_path):
    env = {"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem("wayland", env).startswith("Layar Wayland 'wayland-9' tidak dapat dihubungi")


@linux_only
def test_the_app_says_so_before_qt_starts_and_exits_1(tmp_path):
    """The process is the subject: Qt would abort it (exit 134) with its own English text."""
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8", "DISPLAY": UNUSED_DISPLAY,
           "KTP_MANDIRI_DATA": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == ("ktp-mandiri: Layar X ':7391' tidak dapat dihubungi (DISPLAY=:7391): jalankan "
                                   "dari sesi desktop yang sedang terbuka, atau perbaiki DISPLAY dan izin X (xauth).")
    assert not (tmp_path / "data").exists()


def test_demo_exit_when_ready_shows_the_log_in_page_and_exits_0(tmp_path):
    """What `python3 dev.py demo --smoke` runs (offscreen here; on X in tests/installer/test_fresh_setup.py)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--demo", "--demo-residents", "50",
                           "--exit-when-ready"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^ktp-mandiri: halaman log-in tampil setelah \d+ ms$", proc.stdout, re.MULTILINE)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("ktp")], "the demo's data folder is removed"
