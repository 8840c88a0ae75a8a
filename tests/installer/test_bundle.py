"""The PyInstaller bundle as built (dist/ktp-mandiri): what it carries, what it leaves out, and its
smoke test on this machine, offscreen and on a real X display. The same smoke test inside a minimal
Debian, where only the .deb's Depends are installed, is in test_deb.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.installer.conftest import EXECUTABLE, ROOT

pytestmark = pytest.mark.timeout(900)

SERVER_SIDE = ("server", "fastapi", "starlette", "uvicorn", "pydantic", "psycopg", "psycopg2", "sqlalchemy")


def smoke(bundle: Path, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {"PATH": os.environ["PATH"], "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8", **env}
    return subprocess.run([str(bundle / EXECUTABLE), "--smoke-test"], env=clean, capture_output=True,
                          text=True, timeout=180)


def test_platform_plugins_libusb_and_every_resource_are_in_the_bundle(bundle):
    internal = bundle / "_internal"
    platforms = {p.name for p in internal.glob("PySide6/Qt/plugins/platforms/*")}
    assert "libqxcb.so" in platforms and "libqoffscreen.so" in platforms
    assert any(name.startswith("libqwayland") for name in platforms), platforms
    assert list(internal.glob("libusb-1.0*.so*")), "libusb must lie next to the executable's libraries"
    assert (internal / "pypdfium2_raw" / "libpdfium.so").is_file()  # the reports' preview and printing
    for source in (ROOT / "resources").rglob("*"):
        if source.is_file():
            shipped = internal / "resources" / source.relative_to(ROOT / "resources")
            assert shipped.is_file() and shipped.read_bytes() == source.read_bytes(), shipped


def test_unused_qt_plugins_and_translations_are_left_out(bundle):
    qt = bundle / "_internal" / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert not platforms & {"libqeglfs.so", "libqlinuxfb.so", "libqvnc.so", "libqminimalegl.so", "libqvkkhrdisplay.so"}
    kinds = {p.name for p in (qt / "plugins").iterdir()}
    assert not kinds & {"sqldrivers", "tls", "networkinformation", "generic", "egldeviceintegrations",
                        "wayland-graphics-integration-server", "qmltooling", "designer"}
    assert {p.name for p in (qt / "plugins" / "imageformats").iterdir()} == {"libqjpeg.so"}
    assert not (qt / "plugins" / "platformthemes" / "libqgtk3.so").exists()
    catalogues = [p.name for p in (qt / "translations").glob("*.qm")]
    assert catalogues and all(re.search(r"_(id|en)\.qm$", name) for name in catalogues), catalogues
    libraries = {p.name for p in bundle.rglob("libQt6*")}
    assert not [name for name in libraries if re.match(r"libQt6(Quick|Qml|Pdf|Designer|Sql)", name)], libraries


def test_every_desktop_module_and_no_server_module_is_in_the_archive(dist):
    modules = set((dist / f"{EXECUTABLE}.modules").read_text().split())
    for path in (ROOT / "desktop").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        assert name in modules, f"{name} is not in the bundle"
    assert not [m for m in modules if m.split(".")[0] in SERVER_SIDE]


def test_system_libraries_come_from_the_package_dependencies_not_the_build_machine(bundle):
    names = {p.name for p in (bundle / "_internal").iterdir()}
    for system in ("libX11.so.6", "libxcb-cursor.so.0", "libcups.so.2", "libEGL.so.1", "libwayland-client.so.0",
                   "libsqlite3.so.0", "libssl.so.3"):
        assert system not in names


def test_smoke_test_passes_offscreen_and_on_a_real_x_display(bundle, xvfb, tmp_path):
    offscreen = smoke(bundle, {"QT_QPA_PLATFORM": "offscreen"}, tmp_path)
    assert offscreen.returncode == 0, offscreen.stdout + offscreen.stderr
    for step in ("platform Qt", "migrasi database", "jendela utama", "render kartu", "backend libusb"):
        assert f"smoke test: {step} ... OK" in offscreen.stdout
    on_x = smoke(bundle, {"DISPLAY": xvfb["DISPLAY"]}, tmp_path)
    assert on_x.returncode == 0, on_x.stdout + on_x.stderr
    assert "platform Qt ... OK (xcb:" in on_x.stdout


def test_a_bundle_without_its_xcb_plugin_fails_the_smoke_test_naming_the_step(bundle, xvfb, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(bundle, broken, symlinks=True)
    (broken / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").unlink()
    proc = smoke(broken, {"DISPLAY": xvfb["DISPLAY"]}, tmp_path)
    assert proc.returncode == 1
    assert "GAGAL pada langkah 'platform Qt'" in proc.stdout
    assert "plugin platform 'xcb' tidak ada" in proc.stdout
