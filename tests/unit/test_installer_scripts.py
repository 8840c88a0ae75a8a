"""The installer's scripts that run without a build: the bundle's plugin rules, the Windows installer
script compiled by Debian's makensis against a stand-in folder, and the Linux desktop entry."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.prerequisites import require_tool
from tests.helpers.windows_setup import stand_in_bundle

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))

import bundle_rules  # noqa: E402
import nsis  # noqa: E402
from deb import debian_version  # noqa: E402


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("resources/fonts/LiberationSans-Regular.ttf", True),
])
def test_plugin_rules(dest, kept):
    assert bundle_rules.keep_plugin(dest) is kept


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_en.qm", True),
    ("PySide6/Qt/translations/qt_id.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/designer_en.qm", False),
    ("PySide6/translations/qtbase_fr.qm", False),
    ("resources/translations/ktp_en.qm", True),
])
def test_only_indonesian_and_english_qt_translations_are_kept(dest, kept):
    assert bundle_rules.keep_translation(dest) is kept


def test_system_libraries_are_left_to_the_package_dependencies():
    toc = [
        ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"),
        ("libcups.so.2", "/lib/x86_64-linux-gnu/libcups.so.2", "BINARY"),
        ("libQt6Core.so.6", "/venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6", "BINARY"),
        ("python3.11/lib-dynload/_ssl.so", "/usr/lib/python3.11/lib-dynload/_ssl.so", "EXTENSION"),
    ]
    kept = [entry[0] for entry in bundle_rules.without_system_libraries(toc)]
    assert kept == ["libQt6Core.so.6", "python3.11/lib-dynload/_ssl.so"]


def test_debian_versions_sort_pre_releases_first():
    assert debian_version("0.2.0") == "0.2.0"
    assert debian_version("0.3.0rc1") == "0.3.0~rc1"


def test_windows_installer_script_compiles_with_makensis(tmp_path):
    makensis = require_tool("makensis", "nsis")
    bundle = stand_in_bundle(tmp_path / "ktp-mandiri")
    out = tmp_path / nsis.setup_name("0.2.0")
    proc = subprocess.run(nsis.makensis_command(makensis, bundle, "0.2.0", out), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ" and out.stat().st_size > 50_000


def test_windows_installer_refuses_a_bundle_without_libusb(tmp_path):
    makensis = require_tool("makensis", "nsis")
    bundle = stand_in_bundle(tmp_path / "ktp-mandiri", libusb=False)
    out = tmp_path / nsis.setup_name("0.2.0")
    proc = subprocess.run(nsis.makensis_command(makensis, bundle, "0.2.0", out), capture_output=True, text=True)
    assert proc.returncode != 0 and not out.exists()
    assert "libusb-1.0.dll is missing" in proc.stdout + proc.stderr


@pytest.mark.parametrize("version", ["0.2.0", "0.2.0rc1", "1.10"])
def test_windows_installer_takes_release_and_pre_release_versions(tmp_path, version):
    makensis = require_tool("makensis", "nsis")
    bundle = stand_in_bundle(tmp_path / "ktp-mandiri")
    out = tmp_path / nsis.setup_name(version)
    proc = subprocess.run(nsis.makensis_command(makensis, bundle, version, out), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_windows_setup_program_is_64_bit(tmp_path):
    makensis = require_tool("makensis", "nsis")
    bundle = stand_in_bundle(tmp_path / "ktp-mandiri")
    out = tmp_path / nsis.setup_name("0.2.0")
    subprocess.run(nsis.makensis_command(makensis, bundle, "0.2.0", out), check=True, capture_output=True)
    image = out.read_bytes()
    pe = int.from_bytes(image[0x3C:0x40], "little")
    assert image[pe:pe + 4] == b"PE\0\0" and int.from_bytes(image[pe + 4:pe + 6], "little") == 0x8664  # AMD64


def test_windows_installer_refuses_a_bundle_without_the_console_program(tmp_path):
    makensis = require_tool("makensis", "nsis")
    bundle = stand_in_bundle(tmp_path / "ktp-mandiri")
    (bundle / "ktp-mandiri-cli.exe").unlink()
    out = tmp_path / nsis.setup_name("0.2.0")
    proc = subprocess.run(nsis.makensis_command(makensis, bundle, "0.2.0", out), capture_output=True, text=True)
    assert proc.returncode != 0 and "ktp-mandiri-cli.exe is missing" in proc.stdout + proc.stderr


SIGNER = """
import hashlib, sys
from pathlib import Path
path = Path(sys.argv[1])
with open(sys.argv[2], "a", encoding="utf-8") as log:
    log.write(f"{path.name} {path.stat().st_size} {hashlib.sha256(path.read_bytes()).hexdigest()}\\n")
"""


def test_the_build_signs_the_programs_the_uninstaller_and_then_the_setup_program(tmp_path, monkeypatch):
    makensis = require_tool("makensis", "nsis")
    bundle = stand_in_bundle(tmp_path / "ktp-mandiri")
    signer, log = tmp_path / "sign.py", tmp_path / "signed.log"
    signer.write_text(SIGNER, encoding="utf-8")
    monkeypatch.setenv(nsis.SIGN_ENV, f'"{sys.executable}" "{signer}" "%1" "{log}"')
    monkeypatch.setattr(nsis.shutil, "which", lambda name: makensis if name == "makensis" else None)
    dist = tmp_path / "dist"
    dist.mkdir()
    setup = nsis.build_setup(bundle, "0.2.0rc1", dist)
    assert setup == dist / "ktp-mandiri-0.2.0rc1-setup.exe"
    signed = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert [name for name, _size, _digest in signed[:2]] == ["ktp-mandiri-cli.exe", "ktp-mandiri.exe"]
    assert len(signed) == 4 and signed[2][0] != setup.name  # the uninstaller, under makensis' temporary name
    assert signed[3] == [setup.name, str(setup.stat().st_size), hashlib.sha256(setup.read_bytes()).hexdigest()]


def test_a_signing_command_must_name_the_file():
    with pytest.raises(ValueError, match="%1"):
        nsis.makensis_command("makensis", Path("b"), "0.2.0", Path("o.exe"), sign="signtool sign /a setup.exe")


def nsis_lines() -> list[str]:
    """The script's statements (comments dropped, continued lines joined)."""
    text = nsis.SCRIPT.read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith(";")]


def test_the_installer_offers_no_run_now_that_would_start_the_program_as_the_administrator():
    lines = nsis_lines()
    assert not [line for line in lines if "MUI_FINISHPAGE_RUN" in line]
    assert not [line for line in lines if line.startswith(("Exec ", "ExecShell")) and "${EXE}" in line]


def test_the_start_menu_opens_a_command_window_with_the_program_folder_on_its_own_path():
    shortcut = [line for line in nsis_lines() if line.startswith("CreateShortcut") and "${CLI_SHORTCUT}" in line]
    assert len(shortcut) == 1
    assert '!define CLI_SHORTCUT "${APP_NAME} - baris perintah"' in nsis_lines()
    target, arguments = shortcut[0].split('"$SYSDIR\\cmd.exe"')[1].strip().split("'")[:2]
    assert target == "" and arguments.startswith("/k ")
    assert 'set "PATH=$INSTDIR;%PATH%"' in arguments and "doskey ktp-mandiri=${CLI_EXE} $$*" in arguments
    # Nothing changes the system's PATH (no registry write of an Environment key, no EnVar plug-in).
    assert not [line for line in nsis_lines() if "Environment" in line or "EnVar" in line]


def test_an_upgrade_reads_the_last_install_folder_from_the_64_bit_registry():
    lines = nsis_lines()
    assert not [line for line in lines if line.startswith("InstallDirRegKey")]
    on_init = lines[lines.index("Function .onInit"):]
    on_init = on_init[:on_init.index("FunctionEnd")]
    read = next(i for i, line in enumerate(on_init) if line.startswith("ReadRegStr") and "InstallLocation" in line)
    assert "SetRegView 64" in on_init[:read]
    assert any("${AtLeastBuild} ${MIN_WINDOWS_BUILD}" in line for line in on_init)
    assert "!define MIN_WINDOWS_BUILD 17763" in lines and "Target amd64-unicode" in lines


def test_linux_desktop_entry_is_valid():
    validate = require_tool("desktop-file-validate", "desktop-file-utils")
    proc = subprocess.run([validate, str(ROOT / "installer" / "linux" / "ktp-mandiri.desktop")],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout
