"""Where the station keeps its data: the platform's per-user data directory unless overridden."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

from desktop.domain.text import msg
from desktop.errors import UserFacingError

APP_NAME = "KTP-el Mandiri"
APP_AUTHOR = "Disdukcapil"
DATA_ENV = "KTP_MANDIRI_DATA"


def resolve_data_dir(override: str | os.PathLike | None = None) -> Path:
    """--data-dir, else $KTP_MANDIRI_DATA, else the platform's user data directory."""
    chosen = override or os.environ.get(DATA_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def demo_data_dir() -> Path:
    """A throw-away data directory for demo mode."""
    return Path(tempfile.mkdtemp(prefix="ktp-mandiri-demo-"))


def prepare_data_dir(path: Path, *, create: bool = True) -> Path:
    """Create the data directory if needed (only when `create`) and check that it can be written."""
    if not create and not path.exists():
        raise no_station(path)
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
    return path


def no_station(data_dir: Path) -> UserFacingError:
    """A command that needs a station's data found none (a mistyped --data-dir, an empty file)."""
    return UserFacingError(
        msg("Tidak ada database stasiun di {path}. Periksa --data-dir (atau KTP_MANDIRI_DATA); stasiun baru "
            "disiapkan di halaman pertama aplikasi, data latihan dengan 'ktp-mandiri demo-data "
            "--with-station'.", path=data_dir),
        code="no_station",
    )
