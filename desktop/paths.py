"""Where the station keeps its data: the platform's per-user data directory unless overridden."""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path

from desktop import platform as system
from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.paths")

APP_NAME = "KTP-el Mandiri"
APP_AUTHOR = "Disdukcapil"
DATA_ENV = "KTP_MANDIRI_DATA"


def resolve_data_dir(override: str | os.PathLike | None = None) -> Path:
    """--data-dir, else $KTP_MANDIRI_DATA, else the platform's user data directory."""
    chosen = override or os.environ.get(DATA_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    import platformdirs  # only when no folder was given: start-up is measured (bench/)

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def demo_data_dir() -> Path:
    """A throw-away data directory for demo mode."""
    return Path(tempfile.mkdtemp(prefix="ktp-mandiri-demo-"))


def prepare_data_dir(path: Path, *, create: bool = True) -> Path:
    """Create the data directory if needed (only when `create`) and check that it can be written."""
    if not create and not path.exists():
        raise no_station(path)
    if system.WINDOWS:
        from desktop import windows_folder  # Windows only: its tools load subprocess (start-up, bench/)

        windows_folder.check_location(path)
    made = not path.exists()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFacingError(
            msg("Folder data {path} tidak dapat dibuat ({strerror}). Pilih folder lain dengan --data-dir.", path=path, strerror=exc.strerror)
        ) from exc
    if not path.is_dir():
        raise UserFacingError(msg("{path} bukan folder. Pilih folder data lain dengan --data-dir.", path=path))
    if not os.access(path, os.W_OK):
        raise UserFacingError(
            msg("Folder data {path} tidak dapat ditulis oleh pengguna ini. Perbaiki izin folder atau pilih "
                "folder lain dengan --data-dir.", path=path)
        )
    if system.WINDOWS:
        from desktop import windows_folder

        windows_folder.protect(path, made=made)
    tighten_permissions(path)
    return path


# What the station keeps in its data folder: files named ktp-mandiri* (database, WAL, lock, journal)
# and these folders (logs, job locks, backups, caches, the reports' archive). Other files a person put there are left alone.
PRIVATE_PREFIX = "ktp-mandiri"
PRIVATE_FOLDERS = ("logs", "jobs", "backups", "cache", "reports")


def tighten_permissions(data_dir: Path) -> None:
    """The data folder 0700 and the station's files in it 0600 (Linux, macOS): a station belongs to one
    OS account. New files are private through the umask set at start (`desktop.app`); this tightens
    files made before, or by a copy with a looser umask. On Windows the per-user folder's ACL does it."""
    if system.WINDOWS:
        return
    paths, foreign = [], False
    for child in _children(data_dir):
        if child.name.startswith(PRIVATE_PREFIX):
            paths.append(child)
        elif child.name in PRIVATE_FOLDERS and child.is_dir() and not child.is_symlink():
            paths.append(child)
            paths.extend(child.rglob("*"))
        else:
            foreign = True
    # The folder itself only when it is the station's own: never a home folder or /tmp given as --data-dir.
    info = data_dir.stat()
    if not foreign and info.st_uid == os.geteuid() and not info.st_mode & stat.S_ISVTX:
        paths.append(data_dir)
    elif stat.S_IMODE(info.st_mode) & 0o077:
        log.warning("data folder %s is shared with other files or accounts; use a folder of its own", data_dir)
    for path in paths:
        try:
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode) or info.st_uid != os.geteuid():
                continue  # a link, or another account's file: not ours to change (opening it says what is wrong)
            wanted = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            if stat.S_IMODE(info.st_mode) & ~wanted:
                path.chmod(stat.S_IMODE(info.st_mode) & wanted)
        except OSError as exc:  # another account's file: report, do not stop the station
            log.warning("could not make %s private: %s", path, exc.strerror)


def _children(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def no_station(data_dir: Path) -> UserFacingError:
    """A command that needs a station's data found none (a mistyped --data-dir, an empty file)."""
    return UserFacingError(
        msg("Tidak ada database stasiun di {path}. Periksa --data-dir (atau KTP_MANDIRI_DATA); stasiun baru "
            "disiapkan di halaman pertama aplikasi, data latihan dengan 'ktp-mandiri demo-data "
            "--with-station'.", path=data_dir),
        code="no_station",
    )
