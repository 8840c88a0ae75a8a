"""The reports' letterhead, logo, nomor surat pattern and signatories (issue 22): read by every report, edited
by an admin (`ktp-mandiri settings`, the admin page), each change an audit entry.

The logo is the admin's file, taken only if PIL reads it as an image, scaled down and re-encoded as PNG:
the bytes a report embeds are ours, and a past day's report does not change when the file is moved.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import string
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.dates_id import roman_month
from desktop.domain.limits import FREE_TEXT_MAX, NUMBER_MAX, check_length
from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP, msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.settings import REPORT_LETTERHEAD, REPORT_LOGO, REPORT_NUMBER, REPORT_SIGNERS

LETTERHEAD_FIELDS = ("regency", "dinas", "office", "address")
SIGNER_FIELDS = ("title", "name", "nip")
MAX_SIGNERS = 3
LOGO_MAX_BYTES = 2_000_000  # the file the admin gives
LOGO_MAX_PX = 400  # the stored image's longer side
NIP = re.compile(r"^\d{18}$")
NUMBER_FIELDS = {"jenis", "kode", "tanggal", "bulan_romawi", "tahun"}
# Field names in a "too long" sentence (desktop/domain/limits.py's context).
PATTERN_LABEL = QT_TRANSLATE_NOOP("TextLimits", "Pola nomor surat")
SIGNER_LABEL = QT_TRANSLATE_NOOP("TextLimits", "Penanda tangan")
LETTERHEAD_LABEL = QT_TRANSLATE_NOOP("TextLimits", "Kop surat")


@dataclass(frozen=True)
class Signer:
    title: str  # "Camat Pamulang", "Supervisor Stasiun"
    name: str
    nip: str = ""  # 18 digits, or empty for someone without one


@dataclass(frozen=True)
class ReportSettings:
    regency: str = ""
    dinas: str = ""
    office: str = ""
    address: str = ""
    logo_png: bytes | None = None
    number_pattern: str = REPORT_NUMBER.default or ""
    signers: tuple[Signer, ...] = field(default_factory=tuple)

    def number(self, kind_code: str, kecamatan: str, day: date) -> str:
        """The nomor surat of one report: the pattern with its fields filled (the same inputs give the same)."""
        return self.number_pattern.format(jenis=kind_code, kode=kecamatan, tanggal=day.strftime("%Y%m%d"),
                                          bulan_romawi=roman_month(day.month), tahun=day.year)


def read_settings() -> ReportSettings:
    head = REPORT_LETTERHEAD.get() or {}
    logo = REPORT_LOGO.get()
    signers = tuple(Signer(str(s.get("title", "")), str(s.get("name", "")), str(s.get("nip", "")))
                    for s in (REPORT_SIGNERS.get() or []) if isinstance(s, dict))
    return ReportSettings(*(str(head.get(k, "")) for k in LETTERHEAD_FIELDS),
                          logo_png=decode_logo(logo) if logo else None,
                          number_pattern=REPORT_NUMBER.get() or "", signers=signers)


def check_pattern(pattern: str) -> str:
    pattern = pattern.strip()
    check_length(pattern, NUMBER_MAX, PATTERN_LABEL)
    try:
        fields = [(name, spec, conv) for _text, name, spec, conv in string.Formatter().parse(pattern)
                  if name is not None]
    except ValueError:
        fields = [("?", "", None)]
    # Only the bare names: a format spec ({tahun:>999999999}) or a conversion would be the admin's code to run.
    names = {name if not spec and conv is None else "?" for name, spec, conv in fields}
    unknown = names - NUMBER_FIELDS
    if unknown or not pattern:
        raise UserFacingError(msg("Pola nomor surat hanya boleh memakai {fields} (misalnya {example}).",
                                  fields=", ".join("{" + f + "}" for f in sorted(NUMBER_FIELDS)),
                                  example=REPORT_NUMBER.default), code="report_number")
    return pattern


def check_signer(title: str, name: str, nip: str) -> Signer:
    title, name, nip = (" ".join(v.split()) for v in (title, name, nip))
    for value in (title, name):
        check_length(value, FREE_TEXT_MAX, SIGNER_LABEL)
    if not title or not name:
        raise UserFacingError(msg("Penanda tangan perlu jabatan dan nama."), code="report_signer")
    if nip and not NIP.match(nip):
        raise UserFacingError(msg("NIP {nip} tidak sah: NIP terdiri dari 18 angka.", nip=nip), code="report_nip")
    return Signer(title, name, nip)


def logo_from_file(path: Path) -> bytes:
    """The admin's image as a small PNG, or one sentence why not."""
    from PIL import Image, UnidentifiedImageError

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserFacingError(msg("Berkas logo {path} tidak dapat dibaca ({why}).", path=str(path),
                                  why=exc.strerror or exc), code="report_logo") from exc
    if len(data) > LOGO_MAX_BYTES:
        raise UserFacingError(msg("Berkas logo lebih dari 2 MB; perkecil dulu gambarnya."), code="report_logo")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UserFacingError(msg("Berkas {path} bukan gambar yang dapat dibaca (PNG atau JPEG).", path=str(path)),
                              code="report_logo") from exc
    image.thumbnail((LOGO_MAX_PX, LOGO_MAX_PX))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


class ReportSettingsService:
    def __init__(self, db: SqliteDatabase, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def read(self) -> ReportSettings:
        return read_settings()

    def update(self, actor: CurrentUser, **changes: object) -> ReportSettings:
        """Change some of the settings (letterhead fields, `logo_png` (None removes it), `number_pattern`,
        `signers`): checked, stored and audited in one transaction."""
        actor.require(Permission.EDIT_LETTERHEAD)
        with self.db.atomic("IMMEDIATE"):
            current = read_settings()
            wanted = replace(current, **changes)
            for key in LETTERHEAD_FIELDS:
                check_length(getattr(wanted, key), FREE_TEXT_MAX, LETTERHEAD_LABEL)
            pattern = check_pattern(wanted.number_pattern)
            signers = tuple(check_signer(s.title, s.name, s.nip) for s in wanted.signers)
            if len(signers) > MAX_SIGNERS:
                raise UserFacingError(msg("Paling banyak {count} penanda tangan.", count=MAX_SIGNERS),
                                      code="report_signer")
            REPORT_LETTERHEAD.set({k: " ".join(getattr(wanted, k).split()) for k in LETTERHEAD_FIELDS})
            REPORT_LOGO.set(base64.b64encode(wanted.logo_png).decode() if wanted.logo_png else None)
            REPORT_NUMBER.set(pattern)
            REPORT_SIGNERS.set([{"title": s.title, "name": s.name, "nip": s.nip} for s in signers])
            changed = sorted(changes)
            audit.record("report.settings", actor, at=self.clock.now_utc(), changed=changed)
            return read_settings()


def decode_logo(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UserFacingError(msg("Logo tersimpan rusak; unggah ulang logonya."), code="report_logo") from exc
