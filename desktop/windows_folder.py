"""The station's data folder on Windows: on a local disk, outside any folder a cloud client syncs, and
readable by its own account (with SYSTEM and the Administrators) only.

SQLite's write-ahead log and the job locks need a local disk: on a network drive two stations would
not see each other's locks, and a sync client (OneDrive) uploads a database file half-written and may
put back an older copy. A folder made with `--data-dir C:\\KTP` inherits "Users: read" from the drive's
root, so when the station makes a folder it replaces the inherited access list by a protected one
(`icacls /inheritance:r`), naming the accounts by SID (group names are translated on an Indonesian
Windows). A folder that already exists keeps its list, and broad groups in it (Everyone, Users,
Authenticated Users, ...) are written to the log.

The rules are pure functions; the calls to Windows (`icacls`, `whoami`, `GetDriveTypeW`) are made
through `run` and `drive_type`, which the tests replace.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import tempfile
from pathlib import Path, PureWindowsPath

from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.paths")

SYSTEM_SID = "S-1-5-18"
ADMINISTRATORS_SID = "S-1-5-32-544"
DRIVE_REMOTE = 4
CLOUD_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")

# Trustees of an SDDL access list that stand for many accounts: their short names and SIDs.
BROAD_TRUSTEES = {
    "WD": "Everyone", "S-1-1-0": "Everyone",
    "AU": "Authenticated Users", "S-1-5-11": "Authenticated Users",
    "BU": "Users", "S-1-5-32-545": "Users",
    "IU": "Interactive", "S-1-5-4": "Interactive",
    "BG": "Guests", "S-1-5-32-546": "Guests",
    "AN": "Anonymous", "S-1-5-7": "Anonymous",
    "DU": "Domain Users", "NU": "Network",
}
_DOMAIN_USERS = re.compile(r"^S-1-5-21-\d+-\d+-\d+-513$")
_ACE = re.compile(r"\(([^()]*)\)")
_ONEDRIVE = re.compile(r"^onedrive( - .+)?$", re.IGNORECASE)  # "OneDrive", "OneDrive - Pemkab Tangerang"


CREATE_NO_WINDOW = 0x08000000  # subprocess.CREATE_NO_WINDOW, which exists on Windows only


def run(argv: list[str]) -> subprocess.CompletedProcess:
    """A Windows console tool, without flashing a console window over the GUI."""
    return subprocess.run(argv, capture_output=True, check=True, encoding="utf-8", errors="replace",
                          creationflags=CREATE_NO_WINDOW, timeout=30)


def drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def remote_or_synced(path: Path, environ: dict[str, str] | None = None) -> str | None:
    """Why the station must not keep its data at `path` (a network share or drive, a OneDrive folder), or None."""
    environ = dict(os.environ) if environ is None else environ
    windows = PureWindowsPath(str(path))
    if windows.drive.startswith(("\\\\", "//")):
        return msg("Folder data {path} ada di folder jaringan; database stasiun harus di disk lokal PC ini "
                   "(mis. C:). Pilih folder lain dengan --data-dir.", path=path)
    if windows.drive and drive_type(windows.drive + "\\") == DRIVE_REMOTE:
        return msg("Folder data {path} ada di drive jaringan {drive}; database stasiun harus di disk lokal PC ini "
                   "(mis. C:). Pilih folder lain dengan --data-dir.", path=path, drive=windows.drive)
    synced = [PureWindowsPath(environ[name]) for name in CLOUD_VARIABLES if environ.get(name)]
    if any(_inside(windows, folder) for folder in synced) or any(_ONEDRIVE.match(part) for part in windows.parts):
        return msg("Folder data {path} disinkronkan oleh OneDrive; OneDrive dapat mengunggah database setengah "
                   "tertulis atau mengembalikan salinan lama. Pilih folder di luar OneDrive dengan --data-dir.",
                   path=path)
    return None


def _inside(path: PureWindowsPath, folder: PureWindowsPath) -> bool:
    path_parts = [p.casefold() for p in path.parts]
    folder_parts = [p.casefold() for p in folder.parts]
    return path_parts[:len(folder_parts)] == folder_parts


def protect_command(path: Path, user_sid: str) -> list[str]:
    """icacls: the inherited entries removed, full control for the account, SYSTEM and the Administrators,
    passed on to every file and folder made inside."""
    grants = [f"*{sid}:(OI)(CI)F" for sid in (user_sid, SYSTEM_SID, ADMINISTRATORS_SID)]
    return ["icacls", str(path), "/inheritance:r", "/grant:r", *grants]


def broad_access(sddl: str) -> list[str]:
    """The broad groups an SDDL access list (`D:PAI(A;OICI;FA;;;SY)...`) allows in, by name."""
    dacl = sddl.split("D:", 1)[1] if "D:" in sddl else ""
    dacl = dacl.split("S:", 1)[0]  # the audit list, if any, grants nothing
    found = []
    for ace in _ACE.findall(dacl):
        fields = ace.split(";")
        if len(fields) < 6 or fields[0] not in ("A", "OA"):
            continue
        trustee = fields[5]
        name = BROAD_TRUSTEES.get(trustee) or ("Domain Users" if _DOMAIN_USERS.match(trustee) else None)
        if name and name not in found:
            found.append(name)
    return found


def user_sid() -> str:
    """The SID of the account running the station (`whoami /user`: "DOMAIN\\name","S-1-5-21-...")."""
    line = run(["whoami", "/user", "/fo", "csv", "/nh"]).stdout.strip().splitlines()[-1]
    return line.rsplit(",", 1)[-1].strip().strip('"')


def folder_sddl(path: Path) -> str:
    """The folder's access list as SDDL (`icacls /save` writes it to a UTF-16 file)."""
    with tempfile.TemporaryDirectory(prefix="ktp-acl-") as scratch:
        saved = Path(scratch) / "acl.txt"
        run(["icacls", str(path), "/save", str(saved)])
        lines = saved.read_bytes().decode("utf-16").splitlines()
    return next((line for line in lines if line.startswith(("D:", "O:", "G:"))), "")


def check_location(path: Path) -> None:
    """Refuse a network or synced folder, before anything is made there."""
    problem = remote_or_synced(path)
    if problem:
        raise UserFacingError(problem, code="data_dir_remote")


def protect(path: Path, *, made: bool) -> None:
    """A protected access list on a folder the station just made; broad groups in a folder it was given
    are written to the log. Windows' answer failing is logged: the station still opens."""
    try:
        if made:
            run(protect_command(path, user_sid()))
            log.info("data folder %s made private to this account, SYSTEM and the Administrators", path)
            return
        broad = broad_access(folder_sddl(path))
    except (OSError, subprocess.SubprocessError, UnicodeError, IndexError) as exc:
        log.warning("could not read or set the access list of %s: %s", path, exc)
        return
    if broad:
        log.warning("data folder %s can be read by %s: give it to this account, SYSTEM and the "
                    "Administrators only (docs/installers.md)", path, ", ".join(broad))
