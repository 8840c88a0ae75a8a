"""A station that is not enrolled loads the regency's resident export itself (same parser as the server)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from desktop.domain.resident_file import (
    NikWarning,
    ResidentRecord,
    is_signature_file,
    photo_nik,
    read_resident_file,
)
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.store.models import Resident, Station, new_id, utcnow

FIELDS = tuple(f for f in ResidentRecord.__dataclass_fields__ if f != "nik")
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


@dataclass(frozen=True)
class LocalImport:
    added: int
    changed: int
    unchanged: int
    images: int
    warnings: tuple[NikWarning, ...] = ()  # rows imported as given whose sex or birth date contradicts the NIK


def import_residents(db: SqliteDatabase, path: Path | str, photos: Path | str | None = None,
                     encoding: str | None = None) -> LocalImport:
    """All rows or none (FileProblems names each bad row); importing the same file again changes nothing."""
    if Station.select().where(Station.token.is_null(False)).exists():
        raise UserFacingError(msg("Stasiun ini terdaftar di server kabupaten: data penduduk datang dari server, "
                                  "bukan dari berkas."))
    read = read_resident_file(path, encoding=encoding)
    records = read.records
    images = _images(Path(photos)) if photos else {}
    added = changed = 0
    now = utcnow()
    with db.atomic("IMMEDIATE"):
        existing = {r.nik: r for r in Resident.select().where(Resident.nik.in_([x.nik for x in records]))} \
            if len(records) < 30000 else {r.nik: r for r in Resident.select()}
        for record in records:
            values = {name: getattr(record, name) for name in FIELDS}
            old = existing.get(record.nik)
            if old is None:
                Resident.create(id=new_id(), nik=record.nik, source="import", updated_at=now, **values)
                added += 1
            elif any(getattr(old, name) != value for name, value in values.items()):
                Resident.update(updated_at=now, **values).where(Resident.nik == record.nik).execute()
                changed += 1
        stored = 0
        for nik, parts in images.items():
            stored += Resident.update(**parts).where(Resident.nik == nik).execute() * len(parts)
        for record in records:  # the record status as imported: an edit in the file is found (row_claims)
            audit.claim("resident", record.nik)
        audit.record("residents.import", None, at=utcnow(), file=Path(path).name, added=added, changed=changed,
                     images=stored)
    return LocalImport(added, changed, len(records) - added - changed, stored, tuple(read.warnings))


def _images(source: Path) -> dict[str, dict[str, bytes]]:
    found: dict[str, dict[str, bytes]] = {}
    if source.is_dir():
        items = [(p.name, p.read_bytes()) for p in sorted(source.iterdir()) if p.is_file()]
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            items = [(Path(i.filename).name, archive.read(i)) for i in archive.infolist() if not i.is_dir()]
    else:
        raise UserFacingError(msg("{source} bukan folder atau berkas zip foto.", source=source))
    for name, content in items:
        nik = photo_nik(name)
        if nik and content.startswith(IMAGE_MAGIC):
            found.setdefault(nik, {})["signature" if is_signature_file(name) else "photo"] = content
    return found
