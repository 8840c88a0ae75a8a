"""Residents from the regency's data: the export, record-status changes, photos and signatures."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.resident_file import (
    FileProblems,
    FileUnreadable,
    NikWarning,
    ResidentRecord,
    is_signature_file,
    photo_nik,
    read_bytes,
    read_resident_file,
    read_status_changes,
)
from desktop.domain.text import msg
from server import audit, changes
from server.db import upsert, write_transaction
from server.errors import invalid
from server.models import Resident, ResidentImage, utcnow

FIELDS = tuple(ResidentRecord.__dataclass_fields__)
MAX_IMAGE_BYTES = 2 * 1024 * 1024
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    photos: int = 0
    skipped: tuple[str, ...] = ()
    warnings: tuple[NikWarning, ...] = ()  # rows imported as given whose sex or birth date contradicts the NIK


def image_version(content: bytes | None) -> str | None:
    """What names one stored image (a prefix of its SHA-256): a station keeps its cached copy while a
    resident's changes name the same version. Migration 2 gave the images stored before it the same."""
    return hashlib.sha256(bytes(content)).hexdigest()[:16] if content is not None else None


def resident_change(values: dict, versions: tuple[str | None, str | None]) -> dict:
    data = {name: values[name] for name in FIELDS}
    data["birth_date"] = data["birth_date"].isoformat()
    data["photo_version"], data["signature_version"] = versions
    data["has_photo"], data["has_signature"] = (v is not None for v in versions)
    return data


def _existing(niks: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for start in range(0, len(niks), 500):
        for row in Resident.select().where(Resident.nik.in_(niks[start:start + 500])).dicts():
            found[row["nik"]] = row
    return found


def _images(niks: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """The versions of each resident's photo and signature (None: the server has none)."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for start in range(0, len(niks), 500):
        query = ResidentImage.select(ResidentImage.nik, ResidentImage.photo_hash, ResidentImage.signature_hash).where(
            ResidentImage.nik.in_(niks[start:start + 500])).tuples()
        for nik, photo, signature in query:
            found[nik] = (photo, signature)
    return found


def upsert_residents(records: list[ResidentRecord]) -> ImportResult:
    """Apply the records as upserts (inside the caller's transaction); unchanged ones write nothing."""
    niks = [r.nik for r in records]
    existing = _existing(niks)
    images = _images(niks)
    now = utcnow()
    rows, change_rows = [], []
    added = changed = 0
    for record in records:
        values = record.as_dict()
        old = existing.get(record.nik)
        if old is not None and all(old[name] == values[name] for name in FIELDS):
            continue
        added += old is None
        changed += old is not None
        rows.append(values | {"updated_at": now})
        data = resident_change(values, images.get(record.nik, (None, None)))
        change_rows.append(("resident", record.nik, record.kecamatan_code, "upsert", data))
        if old is not None and old["kecamatan_code"] != record.kecamatan_code:
            # The old kecamatan's stations learn that the resident moved away.
            change_rows.append(("resident", record.nik, old["kecamatan_code"], "upsert", data))
    preserve = [getattr(Resident, name) for name in FIELDS if name != "nik"] + [Resident.updated_at]
    for start in range(0, len(rows), 1000):
        Resident.insert_many(rows[start:start + 1000]).on_conflict(
            conflict_target=[Resident.nik], preserve=preserve).execute()
    changes.record_many(change_rows)
    return ImportResult(added, changed, len(records) - added - changed)


def import_residents(actor: str, path: Path | str, photos: Path | str | None = None,
                     encoding: str | None = None) -> ImportResult:
    """Load an export (all or nothing); photos and signatures from a folder or zip of NIK.jpg files.
    The file is UTF-8 or in the stated `encoding`; a row whose sex or birth date contradicts its NIK
    is imported as given and listed in the result's warnings."""
    read = read_resident_file(path, encoding=encoding)
    records = read.records
    images = list(_read_images(photos)) if photos else []
    with write_transaction():
        result = upsert_residents(records)
        stored, skipped = _store_images(images, {r.nik for r in records})
        audit.record(actor, "residents.import", file=Path(path).name, added=result.added, changed=result.changed,
                     unchanged=result.unchanged, photos=stored, nik_warnings=len(read.warnings))
    return ImportResult(result.added, result.changed, result.unchanged, stored, tuple(skipped), tuple(read.warnings))


def import_status(actor: str, path: Path | str, encoding: str | None = None) -> ImportResult:
    """Record-status changes (all or nothing): every NIK must be a known resident."""
    updates = read_status_changes(path, encoding=encoding)
    with write_transaction():
        existing = _existing([u.nik for u in updates])
        unknown = [(u.line, u.nik) for u in updates if u.nik not in existing]
        if unknown:
            raise FileProblems(str(path), [(line, f"NIK {nik} tidak ada di data penduduk server")
                                           for line, nik in unknown])
        records = [ResidentRecord(**{name: existing[u.nik][name] for name in FIELDS} | {"record_status": u.record_status})
                   for u in updates]
        result = upsert_residents(records)
        audit.record(actor, "residents.import_status", file=Path(path).name, changed=result.changed,
                     unchanged=result.unchanged)
    return result


def _read_images(source: Path | str) -> Iterator[tuple[str, bytes]]:
    source = Path(source)
    if not source.exists():
        raise FileUnreadable(str(source), f"Folder atau zip foto {source} tidak ada.")
    if source.is_dir():
        try:
            items = sorted(source.iterdir())
        except OSError as exc:
            raise FileUnreadable(str(source), f"Folder foto {source} tidak dapat dibaca ({exc.strerror}).") from None
        for item in items:
            if item.is_file():
                yield item.name, read_bytes(item, msg("Foto"))
        return
    read_bytes(source, msg("Zip foto"))  # unreadable: one sentence
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                if not info.is_dir() and info.file_size <= MAX_IMAGE_BYTES:
                    yield Path(info.filename).name, archive.read(info)
    else:
        raise invalid(f"{source} bukan folder atau berkas zip foto.")


def _store_images(images: list[tuple[str, bytes]], niks_in_file: set[str]) -> tuple[int, list[str]]:
    skipped: list[str] = []
    by_nik: dict[str, dict] = {}
    for name, content in images:
        nik = photo_nik(name)
        if nik is None or len(content) > MAX_IMAGE_BYTES or not content.startswith(IMAGE_MAGIC):
            skipped.append(name)
            continue
        by_nik.setdefault(nik, {})["signature" if is_signature_file(name) else "photo"] = content
    known = set(_existing(sorted(by_nik)))
    before = _images(sorted(by_nik))
    now = utcnow()
    stored = 0
    touched = []
    for nik, parts in by_nik.items():
        if nik not in known and nik not in niks_in_file:
            skipped.extend(f"{nik} (NIK tidak dikenal)" for _ in parts)
            continue
        old = dict(zip(("photo", "signature"), before.get(nik, (None, None)), strict=True))
        parts = {kind: content for kind, content in parts.items() if image_version(content) != old[kind]}
        if not parts:
            continue  # the same images again: nothing changes, no station drops its copy
        hashes = {f"{kind}_hash": image_version(content) for kind, content in parts.items()}
        upsert(ResidentImage, {"nik": nik, "updated_at": now, **parts, **hashes}, "nik")
        stored += len(parts)
        touched.append(nik)
    # The stations of these residents learn the images' new versions (they fetch them again).
    current = _existing(touched)
    versions = _images(touched)
    changes.record_many([("resident", nik, current[nik]["kecamatan_code"], "upsert",
                          resident_change(current[nik], versions[nik])) for nik in touched if nik in current])
    return stored, skipped


def image(nik: str, kind: str) -> tuple[bytes, str] | None:
    """The stored photo or signature and its version, or None."""
    row = ResidentImage.get_or_none(ResidentImage.nik == nik)
    value = getattr(row, kind) if row is not None else None
    if value is None:
        return None
    return bytes(value), getattr(row, f"{kind}_hash") or image_version(value)
