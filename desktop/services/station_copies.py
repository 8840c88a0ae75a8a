"""The Supervisor menu's copies to a folder (a flash disk): the station's database (as `ktp-mandiri backup
--out`) and the support bundle (as `ktp-mandiri support-bundle --out`), each audited with who made it.

The work is the commands' own (desktop/store/backup.py, desktop/services/support_bundle.py); only the file
name (dated, in the chosen folder) and the audit entry are added here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser

BACKUP_TAKEN = "station.backup_taken"
BUNDLE_MADE = "station.support_bundle_made"
BACKUP_NAME = "ktp-mandiri-cadangan-{stamp}.sqlite3"
BUNDLE_NAME = "ktp-mandiri-dukungan-{stamp}.zip"


@dataclass(frozen=True)
class Copy:
    path: Path
    size: int


def take_backup(services: Services, user: CurrentUser, folder: Path) -> Copy:
    """A checked copy of the station's database in `folder` (mode 0600), the 7-day reminder reset, audited."""
    from desktop.services.backup_reminder import note_backup_taken
    from desktop.store.backup import backup_to
    from desktop.store.files import DB_FILENAME

    user.require(Permission.TAKE_BACKUP)
    out = _target(services, folder, BACKUP_NAME)
    try:
        size = backup_to(services.data_dir / DB_FILENAME, out)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    now = services.clock.now_utc()
    note_backup_taken(services.data_dir, now)
    audit.record(BACKUP_TAKEN, user, at=now, path=str(out), size=size)
    return Copy(out, size)


def make_support_bundle(services: Services, user: CurrentUser, folder: Path, include_card_stream: bool = False) -> Copy:
    """The support bundle in `folder` (mode 0600), audited; a failed write leaves no partial zip.
    `include_card_stream` (confirmed by the user) adds the last failed card's real panel data, and says so
    in the audit entry."""
    from desktop.services.support_bundle import audit_check, printer_setup, write_bundle
    from desktop.store.errors import storage_error

    user.require(Permission.TAKE_BACKUP)
    out = _target(services, folder, BUNDLE_NAME)
    try:
        size = write_bundle(services.data_dir, out, printer_setup(services), audit_check(services),
                            include_card_stream=include_card_stream)
    except OSError as exc:
        out.unlink(missing_ok=True)
        raise (storage_error(exc, out) or UserFacingError(
            msg("Paket dukungan tidak dapat ditulis ke {path} ({exc}).", path=out, exc=exc),
            code="bundle_failed")) from exc
    audit.record(BUNDLE_MADE, user, at=services.clock.now_utc(), path=str(out), size=size,
                 **({"card_stream": True} if include_card_stream else {}))
    return Copy(out, size)


def _target(services: Services, folder: Path, name: str) -> Path:
    """The new file's path in `folder`, made empty now: a folder that cannot take it is said before any work."""
    from desktop.store.errors import storage_error

    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise UserFacingError(msg("Folder {folder} tidak ada; buat dulu atau pilih tujuan lain.", folder=folder))
    out = folder / name.format(stamp=services.clock.now_local().strftime("%Y%m%d-%H%M%S"))
    try:
        os.close(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # 0600 before any byte is in it
    except OSError as exc:
        full = storage_error(exc, out)
        if full is not None and full.code == "disk_full":
            raise full from exc
        raise UserFacingError(msg("Folder {folder} tidak dapat ditulis ({exc}); pilih folder lain, mis. flash disk "
                                  "yang tidak terkunci.", folder=folder, exc=exc.strerror or exc),
                              code="folder_not_writable") from exc
    return out
