"""The Windows setup program (64-bit NSIS, built and signed as installer/build.py does) installed
silently under Wine over a stand-in bundle whose programs are real 64-bit Windows programs (MinGW):
the files, the 64-bit registry, the Start-menu shortcuts, the Windows build check, the running-instance
check on the named mutex, an upgrade into a custom folder, the uninstaller leaving each user's station
data, and the Authenticode signatures (a throw-away certificate) with SHA256SUMS.

About a minute (a Wine prefix is made once for the module); marked slow, CI runs it in its slow stage
with Debian's wine, wine64, gcc-mingw-w64-x86-64-win32 and osslsigncode (.ci/run)."""

from __future__ import annotations

import hashlib
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.prerequisites import require_tool
from tests.helpers.windows_setup import (
    WinePrefix,
    compile_stand_in,
    read_shortcut,
    stand_in_bundle,
)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))

import nsis  # noqa: E402

# installer/build.py, imported by name: ruff would sort `import build` by whether a build/ folder exists here.
build = importlib.import_module("build")

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wine"), pytest.mark.timeout(900)]

APP = "KTP-el Mandiri"
DEFAULT_DIR = "C:\\Program Files\\KTP-el Mandiri"
UNINSTALL_KEY = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\KTP-el Mandiri"
WOW64_UNINSTALL_KEY = "HKLM\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\KTP-el Mandiri"
START_MENU = "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\KTP-el Mandiri"
PUBLIC_DESKTOP = "C:\\users\\Public\\Desktop"
SIGNER_NAME = "KTP-el Mandiri test signer"
ABORTED = 2  # an NSIS program's exit code when its script calls Abort (silent: the message box answered)


@pytest.fixture(scope="module")
def signing(tmp_path_factory) -> dict[str, str]:
    """A throw-away code-signing certificate and the KTP_SIGN_COMMAND that signs with it (osslsigncode)."""
    openssl = require_tool("openssl", "openssl")
    osslsigncode = require_tool("osslsigncode", "osslsigncode")
    folder = tmp_path_factory.mktemp("signer")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", str(key),
                    "-out", str(cert), "-subj", f"/CN={SIGNER_NAME}", "-addext", "extendedKeyUsage=codeSigning"],
                   check=True, capture_output=True)
    command = (f'"{osslsigncode}" sign -certs "{cert}" -key "{key}" -n "{APP}" -in "%1" -out "%1.signed" '
               f'&& mv "%1.signed" "%1"')
    return {"command": command, "cert": str(cert), "osslsigncode": osslsigncode}


@pytest.fixture(scope="module")
def releases(tmp_path_factory, signing) -> dict[str, Path]:
    """Two signed setup programs, 0.1.0 (with a file the next version drops) and 0.2.0, each with its
    dist folder's SHA256SUMS, built by installer/nsis.py's build_setup with KTP_SIGN_COMMAND set."""
    require_tool("makensis", "nsis")
    gcc = require_tool("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64-win32")
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(nsis.SIGN_ENV, signing["command"])
        for version in ("0.1.0", "0.2.0"):
            work = tmp_path_factory.mktemp(f"release-{version}")
            programs = {name: compile_stand_in(gcc, work, name.removesuffix(".exe"), version)
                        for name in ("ktp-mandiri.exe", "ktp-mandiri-cli.exe")}
            bundle = stand_in_bundle(work / "ktp-mandiri", programs=programs)
            if version == "0.1.0":
                (bundle / "_internal" / "dropped-in-0.2.0.dll").write_bytes(b"MZ old")
            dist = work / "dist"
            dist.mkdir()
            setup = nsis.build_setup(bundle, version, dist)
            build.sha256sums(dist, [setup.name])
            made[version] = setup
    return made


@pytest.fixture(scope="module")
def windows(tmp_path_factory) -> WinePrefix:
    wine = require_tool("wine", "wine")
    wineserver = require_tool("wineserver", "wine")
    prefix = WinePrefix(wine, wineserver, tmp_path_factory.mktemp("wine") / "prefix")
    prefix.boot()
    prefix.windows_version("win10")
    yield prefix
    prefix.stop()
    shutil.rmtree(prefix.folder, ignore_errors=True)  # ~700 MB: not kept with pytest's last three runs


@pytest.fixture
def clean(windows) -> WinePrefix:
    """The prefix with nothing of KTP-el Mandiri installed, before and after the test."""
    assert windows.registry(UNINSTALL_KEY) is None and not windows.path(DEFAULT_DIR).exists()
    yield windows
    location = (windows.registry(UNINSTALL_KEY) or {}).get("InstallLocation")
    if location:
        windows.run(f"{location}\\uninstall.exe", "/S")
        windows.settle()


def install(windows: WinePrefix, setup: Path, folder: str | None = None) -> int:
    # /D= comes last and unquoted, so a folder with a space is not passed through Wine (which quotes it).
    assert folder is None or " " not in folder
    argv = [str(setup), "/S", *([f"/D={folder}"] if folder else [])]
    code = windows.run(*argv).returncode
    windows.settle()
    return code


def uninstall_in_place(windows: WinePrefix, folder: str) -> int:
    """The uninstaller's own exit code: `_?=` runs it where it is instead of from a copy in %TEMP%
    (which returns at once), so the program file and folder themselves are left. Like /D=, `_?=` must
    reach the program unquoted: a folder without a space."""
    assert " " not in folder
    return windows.run(f"{folder}\\uninstall.exe", "/S", f"_?={folder}").returncode


def verified(signing, path: Path) -> bool:
    proc = subprocess.run([signing["osslsigncode"], "verify", "-CAfile", signing["cert"], "-in", str(path)],
                          capture_output=True, text=True)
    return proc.returncode == 0 and SIGNER_NAME in proc.stdout


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_setup_program_refuses_windows_older_than_10_1809(clean, releases):
    clean.windows_version("win7")
    try:
        assert install(clean, releases["0.2.0"]) == ABORTED
    finally:
        clean.windows_version("win10")
    assert not clean.path(DEFAULT_DIR).exists() and clean.registry(UNINSTALL_KEY) is None


def test_a_silent_install_lays_down_the_program_its_registry_entry_and_shortcuts(clean, releases):
    setup = releases["0.2.0"]
    assert install(clean, setup) == 0
    folder = clean.path(DEFAULT_DIR)
    bundle = setup.parent.parent / "ktp-mandiri"
    for name in ("ktp-mandiri.exe", "ktp-mandiri-cli.exe", "_internal/libusb-1.0.dll",
                 "_internal/PySide6/plugins/platforms/qwindows.dll", "_internal/resources/icons/ktp-mandiri.ico"):
        assert sha256(folder / name) == sha256(bundle / name), name
    assert (folder / "uninstall.exe").is_file()
    assert clean.run(f"{DEFAULT_DIR}\\ktp-mandiri-cli.exe").stdout.split() == ["ktp-mandiri-cli", "0.2.0"]

    entry = clean.registry(UNINSTALL_KEY)
    assert entry is not None and clean.registry(WOW64_UNINSTALL_KEY) is None  # the 64-bit view only
    assert entry["DisplayName"] == APP and entry["DisplayVersion"] == "0.2.0"
    assert entry["InstallLocation"] == DEFAULT_DIR
    assert entry["UninstallString"] == f'"{DEFAULT_DIR}\\uninstall.exe"'
    assert entry["QuietUninstallString"] == f'"{DEFAULT_DIR}\\uninstall.exe" /S'

    menu = clean.path(START_MENU)
    assert sorted(p.name for p in menu.iterdir()) == sorted([
        f"{APP}.lnk", f"{APP} - baris perintah.lnk", f"Hapus {APP}.lnk"])
    assert read_shortcut(menu / f"{APP}.lnk").target == f"{DEFAULT_DIR}\\ktp-mandiri.exe"
    assert read_shortcut(menu / f"Hapus {APP}.lnk").target == f"{DEFAULT_DIR}\\uninstall.exe"
    assert read_shortcut(clean.path(PUBLIC_DESKTOP) / f"{APP}.lnk").target == f"{DEFAULT_DIR}\\ktp-mandiri.exe"
    console = read_shortcut(menu / f"{APP} - baris perintah.lnk")
    assert console.target.lower() == "c:\\windows\\system32\\cmd.exe"
    assert console.arguments.startswith("/k ")
    assert f'set "PATH={DEFAULT_DIR};%PATH%"' in console.arguments  # this window's PATH only
    assert "doskey ktp-mandiri=ktp-mandiri-cli.exe $*" in console.arguments
    assert console.icon == f"{DEFAULT_DIR}\\ktp-mandiri.exe"


def test_an_upgrade_goes_into_the_custom_folder_of_the_older_version(clean, releases):
    custom = "C:\\Aplikasi\\KTP-Mandiri"
    assert install(clean, releases["0.1.0"], custom) == 0
    folder = clean.path(custom)
    assert (folder / "_internal" / "dropped-in-0.2.0.dll").is_file()
    assert clean.run(f"{custom}\\ktp-mandiri-cli.exe").stdout.split() == ["ktp-mandiri-cli", "0.1.0"]

    assert install(clean, releases["0.2.0"]) == 0  # no /D=: the folder comes from the registry
    assert not clean.path(DEFAULT_DIR).exists()
    assert clean.run(f"{custom}\\ktp-mandiri-cli.exe").stdout.split() == ["ktp-mandiri-cli", "0.2.0"]
    assert not (folder / "_internal" / "dropped-in-0.2.0.dll").exists()  # _internal replaced whole
    entry = clean.registry(UNINSTALL_KEY)
    assert entry["DisplayVersion"] == "0.2.0" and entry["InstallLocation"] == custom
    assert read_shortcut(clean.path(START_MENU) / f"{APP}.lnk").target == f"{custom}\\ktp-mandiri.exe"


def test_the_uninstaller_removes_the_program_and_leaves_each_users_station_data(clean, releases):
    assert install(clean, releases["0.2.0"]) == 0
    user = clean.run("cmd", "/c", "echo", "%USERNAME%").stdout.strip()
    station = clean.path(f"C:\\users\\{user}\\AppData\\Local\\Disdukcapil\\KTP-el Mandiri")
    station.mkdir(parents=True)
    (station / "ktp.db").write_bytes(b"SQLite format 3\0 a station's cards")
    (station / "backups").mkdir()
    (station / "backups" / "ktp-2026-12-01.db").write_bytes(b"SQLite format 3\0 a copy")

    assert clean.run(f"{DEFAULT_DIR}\\uninstall.exe", "/S").returncode == 0
    clean.settle()  # the uninstaller ran on from its copy in %TEMP%
    assert not clean.path(DEFAULT_DIR).exists()
    assert clean.registry(UNINSTALL_KEY) is None
    assert not clean.path(START_MENU).exists() and not (clean.path(PUBLIC_DESKTOP) / f"{APP}.lnk").exists()
    assert (station / "ktp.db").read_bytes() == b"SQLite format 3\0 a station's cards"
    assert (station / "backups" / "ktp-2026-12-01.db").is_file()


def test_a_running_copy_stops_the_setup_program_and_the_uninstaller_until_it_ends(clean, releases):
    folder = "C:\\KTP-Mandiri"
    assert install(clean, releases["0.1.0"], folder) == 0
    running = clean.start(f"{folder}\\ktp-mandiri.exe", "--hold-mutex")
    try:
        assert running.stdout.readline().strip() == "holding"
        # Silent, the "close them all, then Retry" question takes its default answer: Cancel.
        assert clean.run(str(releases["0.2.0"]), "/S").returncode == ABORTED
        assert clean.run(f"{folder}\\ktp-mandiri-cli.exe").stdout.split() == ["ktp-mandiri-cli", "0.1.0"]
        assert (clean.path(folder) / "_internal" / "dropped-in-0.2.0.dll").is_file()
        assert uninstall_in_place(clean, folder) == ABORTED
        assert clean.registry(UNINSTALL_KEY)["DisplayVersion"] == "0.1.0"
    finally:
        running.stdin.close()
        running.wait(timeout=60)
    assert running.returncode == 0
    assert install(clean, releases["0.2.0"]) == 0
    assert clean.run(f"{folder}\\ktp-mandiri-cli.exe").stdout.split() == ["ktp-mandiri-cli", "0.2.0"]


def test_the_setup_program_its_uninstaller_and_the_programs_are_signed_and_summed(clean, releases, signing):
    setup = releases["0.2.0"]
    assert verified(signing, setup)
    sums = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=setup.parent,
                          capture_output=True, text=True)
    assert sums.returncode == 0 and sums.stdout == f"{setup.name}: OK\n"
    assert install(clean, setup) == 0
    folder = clean.path(DEFAULT_DIR)
    for name in ("uninstall.exe", "ktp-mandiri.exe", "ktp-mandiri-cli.exe"):
        assert verified(signing, folder / name), name
