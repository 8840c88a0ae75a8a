"""The Windows setup program: NSIS's makensis on installer/windows/ktp-mandiri.nsi.

Used by installer/build.py on Windows (with the real bundle) and by the tests on Linux, which
compile the same script with Debian's makensis against a stand-in folder of the bundle's layout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "windows" / "ktp-mandiri.nsi"


def setup_name(version: str) -> str:
    return f"ktp-mandiri-{version}-setup.exe"


def file_version(version: str) -> str:
    """The four numbers Windows' version resource takes (VIProductVersion): 0.2.0rc1 -> 0.2.0.0."""
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", version)
    if match is None:
        raise ValueError(f"not a version: {version!r}")
    return ".".join(part or "0" for part in match.groups()) + ".0"


SIGN_ENV = "KTP_SIGN_COMMAND"  # e.g. signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a "%1"


def makensis_command(makensis: str, bundle: Path, version: str, out: Path, zadig: Path | None = None,
                     sign: str | None = None) -> list[str]:
    """`sign` is a command with `%1` for the file: makensis runs it on the uninstaller before it is
    packed (`!uninstfinalize`) and on the setup program once written (`!finalize`)."""
    defines = [f"-DVERSION={version}", f"-DVI_VERSION={file_version(version)}", f"-DBUNDLE_DIR={bundle}",
               f"-DOUT_FILE={out}"]
    if zadig is not None:
        defines.append(f"-DZADIG={zadig}")
    if sign:
        if "%1" not in sign:
            raise ValueError(f"{SIGN_ENV} must name the file to sign as %1")
        defines.append(f"-DSIGN={sign}")
    return [makensis, "-V2", "-WX", *defines, str(SCRIPT)]  # -WX: a warning fails the build


def sign_bundle(bundle: Path, sign: str) -> list[Path]:
    """The bundle's own programs signed before they are packed (the setup program carries them as they are)."""
    signed = []
    for exe in sorted(bundle.glob("*.exe")):
        subprocess.check_call(sign.replace("%1", str(exe)), shell=True)  # the builder's own command, as makensis runs it
        signed.append(exe)
    return signed


def build_setup(bundle: Path, version: str, dist: Path) -> Path | None:
    """dist/ktp-mandiri-<version>-setup.exe, or None (with a note) when makensis is not installed.
    $KTP_ZADIG may name zadig.exe to ship for the WinUSB step (it is not downloaded here). With
    $KTP_SIGN_COMMAND the bundle's programs, the uninstaller and the setup program are signed inside the
    build, so the checksums written afterwards are those of the signed files."""
    makensis = shutil.which("makensis")
    if makensis is None:
        print("[build-installer] makensis not found: install NSIS 3 to make the setup program", flush=True)
        return None
    out = dist / setup_name(version)
    zadig = Path(os.environ["KTP_ZADIG"]) if os.environ.get("KTP_ZADIG") else None
    sign = os.environ.get(SIGN_ENV) or None
    if sign:
        sign_bundle(bundle, sign)
    else:
        print(f"[build-installer] {SIGN_ENV} not set: the setup program is NOT signed", flush=True)
    subprocess.check_call(makensis_command(makensis, bundle, version, out, zadig, sign))
    return out
