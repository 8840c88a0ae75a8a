"""Windows: which account of this PC holds its station.

Each Windows account has its own data folder (%LOCALAPPDATA%), so an operator who signs in to Windows
with another account would meet an empty first-run page and could make a second station on the same
PC, with its own blanko stock and quota. When a station is made (the first-run page or `enrol`), a
machine-wide marker is written under %ProgramData% naming the account, its data folder and the
station. Another account's first-run page reads it, says which account holds the station, and makes
no second station unless an administrator allowed that account one (`ktp-mandiri station-account
allow ACCOUNT`, from a command window run as Administrator: the marker's folder is read-only to Users).

The marker is read as untrusted input (any account of the PC may have written a file there before the
station made its folder): a file that cannot be read is named, never guessed at.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from desktop import platform as system
from desktop import windows_folder
from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.paths")

MARKER_NAME = "station-account.json"
MARKER_MAX_BYTES = 64 * 1024
USERS_SID = "S-1-5-32-545"


@dataclass(frozen=True)
class Account:
    name: str  # DOMAIN\user, as whoami writes it
    sid: str


@dataclass(frozen=True)
class Holder:
    account: Account
    data_dir: str
    station: str
    allowed: tuple[str, ...] = ()  # accounts (names or SIDs) an administrator allowed a station of their own

    def allows(self, account: Account) -> bool:
        if account.sid == self.account.sid:
            return True
        chosen = {entry.casefold() for entry in self.allowed}
        return account.sid.casefold() in chosen or account.name.casefold() in chosen


def marker_path(environ: dict[str, str] | None = None) -> Path:
    """%ProgramData%\\Disdukcapil\\KTP-el Mandiri\\station-account.json."""
    environ = dict(os.environ) if environ is None else environ
    base = environ.get("ProgramData") or environ.get("ALLUSERSPROFILE") or "C:\\ProgramData"
    return Path(base) / "Disdukcapil" / "KTP-el Mandiri" / MARKER_NAME


def this_account() -> Account:
    """The account running the station (`whoami /user`: "DOMAIN\\name","S-1-5-21-...")."""
    line = windows_folder.run(["whoami", "/user", "/fo", "csv", "/nh"]).stdout.strip().splitlines()[-1]
    name, sid = (part.strip().strip('"') for part in line.rsplit(",", 1))
    return Account(name, sid)


def _unreadable(path: Path) -> UserFacingError:
    return UserFacingError(msg("Berkas penanda stasiun PC ini {path} tidak dapat dibaca. Minta admin TI memeriksanya "
                               "(docs/installers.md, bagian akun Windows kedua).", path=path), code="station_marker")


def _text(value: object) -> str:
    if not isinstance(value, str) or not value or len(value) > 1024:
        raise ValueError("not a short text")
    return value


def read_holder(path: Path) -> Holder | None:
    """The marker, or None when there is none; a marker that is not what the station writes is refused."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MARKER_MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _unreadable(path) from exc
    try:
        if len(raw) > MARKER_MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(raw.decode("utf-8"))
        allowed = data.get("allowed", [])
        if not isinstance(allowed, list) or len(allowed) > 100:
            raise ValueError("allowed is not a short list")
        return Holder(Account(_text(data["account"]), _text(data["sid"])), _text(data["data_dir"]),
                      _text(data["station"]), tuple(_text(entry) for entry in allowed))
    except (ValueError, TypeError, KeyError, AttributeError, UnicodeError) as exc:
        log.warning("station marker %s is not readable: %s", path, exc)
        raise _unreadable(path) from exc


def _write(path: Path, holder: Holder) -> None:
    data = {"account": holder.account.name, "sid": holder.account.sid, "data_dir": holder.data_dir,
            "station": holder.station, "allowed": list(holder.allowed)}
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(part, path)


def held_elsewhere(environ: dict[str, str] | None = None) -> str | None:
    """Windows: the sentence the first-run page shows when another account holds this PC's station and
    no administrator allowed this account one of its own; None when this account may make a station."""
    if not system.WINDOWS:
        return None
    holder = read_holder(marker_path(environ))
    if holder is None:
        return None
    try:
        me = this_account()
    except (OSError, subprocess.SubprocessError, IndexError, ValueError) as exc:
        log.warning("could not tell which Windows account this is: %s", exc)
        return None
    if holder.allows(me):
        return None
    return msg("Stasiun cetak PC ini sudah ada di akun Windows {holder} (stasiun {station}, folder data {path}). "
               "Keluar, lalu masuk ke Windows dengan akun itu untuk bekerja. Stasiun kedua di PC ini hanya dibuat "
               "atas keputusan admin TI: 'ktp-mandiri station-account allow \"{me}\"' di jendela perintah yang "
               "dijalankan sebagai Administrator.", holder=holder.account.name, station=holder.station,
               path=holder.data_dir, me=me.name)


def refuse_second_station(environ: dict[str, str] | None = None) -> None:
    """Before a station is made: refused when another account holds this PC's station (Windows)."""
    problem = held_elsewhere(environ)
    if problem:
        raise UserFacingError(problem, code="station_elsewhere")


def claim(data_dir: Path, station: str, environ: dict[str, str] | None = None) -> None:
    """Windows, once a station is made: the marker names this account, unless one is there already (a
    second station an administrator allowed leaves the first account's marker). A marker that cannot be
    written is logged: the station is made and works."""
    if not system.WINDOWS:
        return
    path = marker_path(environ)
    try:
        if read_holder(path) is not None:
            return
        folder_made = not path.parent.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, Holder(this_account(), str(data_dir), station))
        if folder_made:
            # Read-only to Users: only an administrator (or SYSTEM) changes it afterwards.
            grants = [f"*{sid}:(OI)(CI)F" for sid in (windows_folder.SYSTEM_SID, windows_folder.ADMINISTRATORS_SID)]
            windows_folder.run(["icacls", str(path.parent), "/inheritance:r", "/grant:r", *grants,
                                f"*{USERS_SID}:(OI)(CI)RX"])
        log.info("station marker %s names this account", path)
    except (OSError, subprocess.SubprocessError, UserFacingError, IndexError, ValueError) as exc:
        log.warning("could not write the station marker %s: %s", path, exc)


def allow(account: str, environ: dict[str, str] | None = None) -> Holder:
    """An administrator's explicit choice: `account` may make a station of its own on this PC."""
    path = marker_path(environ)
    holder = read_holder(path)
    if holder is None:
        raise UserFacingError(msg("Belum ada stasiun di PC ini ({path} tidak ada); akun mana pun dapat membuatnya.",
                                  path=path), code="no_station_marker")
    account = account.strip()
    if not account or len(account) > 256:
        raise UserFacingError(msg("Nama akun Windows kosong atau terlalu panjang."), code="bad_account")
    if account.casefold() in {entry.casefold() for entry in holder.allowed}:
        return holder
    updated = Holder(holder.account, holder.data_dir, holder.station, (*holder.allowed, account))
    try:
        _write(path, updated)
    except PermissionError as exc:
        raise UserFacingError(msg("Hanya Administrator yang dapat mengizinkan stasiun kedua di PC ini: buka jendela "
                                  "perintah dengan 'Run as administrator', lalu ulangi."), code="not_admin") from exc
    log.info("an administrator allowed %s a station of its own on this PC", account)
    return updated
