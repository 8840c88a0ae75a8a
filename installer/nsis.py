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


def makensis_command(makensis: str, bundle: Path, version: str, out: Path, zadig: Path | None = None) -> list[str]:
    defines = [f"-DVERSION={version}", f"-DVI_VERSION={file_version(version)}", f"-DBUNDLE_DIR={bundle}",
               f"-DOUT_FILE={out}"]
    if zadig is not None:
        defines.append(f"-DZADIG={zadig}")
    return [makensis, "-V2", "-WX", *defines, str(SCRIPT)]  # -WX: a warning fails the build


def build_setup(bundle: Path, version: str, dist: Path) -> Path | None:
    """dist/ktp-mandiri-<version>-setup.exe, or None (with a note) when makensis is not installed.
    $KTP_ZADIG may name zadig.exe to ship for the WinUSB step (it is not downloaded here)."""
    makensis = shutil.which("makensis")
    if makensis is None:
        print("[build-installer] makensis not found: install NSIS 3 to make the setup program", flush=True)
        return None
    out = dist / setup_name(version)
    zadig = Path(os.environ["KTP_ZADIG"]) if os.environ.get("KTP_ZADIG") else None
    subprocess.check_call(makensis_command(makensis, bundle, version, out, zadig))
    return out
