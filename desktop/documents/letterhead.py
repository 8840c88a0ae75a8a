"""The reports' letterhead, logo, nomor surat pattern and signatories, and the rules an admin's values must
pass (issue 22): the station keeps them in its settings (desktop/services/reports/settings.py), the regency
server in its database (server/reports.py); both check them here.

The logo is the admin's file, taken only if PIL reads it as an image, scaled down and re-encoded as PNG:
the bytes a report embeds are ours, and a past day's report does not change when the file is moved.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import string
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.domain.dates_id import roman_month
from desktop.domain.limits import FREE_TEXT_MAX, NUMBER_MAX, check_length
from desktop.domain.text import QT_TRANSLATE_NOOP, msg
from desktop.errors import UserFacingError

LETTERHEAD_FIELDS = ("regency", "dinas", "office", "address")
SIGNER_FIELDS = ("title", "name", "nip")
MAX_SIGNERS = 3
LOGO_MAX_BYTES = 2_000_000  # the file the admin gives
LOGO_MAX_PX = 400  # the stored image's longer side
NIP = re.compile(r"^\d{18}$")
NUMBER_FIELDS = {"jenis", "kode", "tanggal", "bulan_romawi", "tahun"}
DEFAULT_NUMBER_PATTERN = "470/{jenis}/{kode}/{bulan_romawi}/{tahun}"
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
    number_pattern: str = DEFAULT_NUMBER_PATTERN
    signers: tuple[Signer, ...] = field(default_factory=tuple)

    def number(self, kind_code: str, kecamatan: str, day: date) -> str:
        """The nomor surat of one report: the pattern with its fields filled (the same inputs give the same)."""
        return self.number_pattern.format(jenis=kind_code, kode=kecamatan, tanggal=day.strftime("%Y%m%d"),
                                          bulan_romawi=roman_month(day.month), tahun=day.year)


def checked(wanted: ReportSettings) -> ReportSettings:
    """`wanted` as it may be stored (spaces tidied), or one sentence why not."""
    head = {}
    for key in LETTERHEAD_FIELDS:
        check_length(getattr(wanted, key), FREE_TEXT_MAX, LETTERHEAD_LABEL)
        head[key] = " ".join(getattr(wanted, key).split())
    signers = tuple(check_signer(s.title, s.name, s.nip) for s in wanted.signers)
    if len(signers) > MAX_SIGNERS:
        raise UserFacingError(msg("Paling banyak {count} penanda tangan.", count=MAX_SIGNERS), code="report_signer")
    return ReportSettings(**head, logo_png=wanted.logo_png, number_pattern=check_pattern(wanted.number_pattern),
                          signers=signers)


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
                                  example=DEFAULT_NUMBER_PATTERN), code="report_number")
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


def encode_logo(png: bytes | None) -> str | None:
    return base64.b64encode(png).decode() if png else None


def decode_logo(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UserFacingError(msg("Logo tersimpan rusak; unggah ulang logonya."), code="report_logo") from exc


def as_json(settings: ReportSettings) -> dict:
    """The settings as stored (the logo as base64)."""
    return {**{k: getattr(settings, k) for k in LETTERHEAD_FIELDS}, "logo": encode_logo(settings.logo_png),
            "number_pattern": settings.number_pattern,
            "signers": [{k: getattr(s, k) for k in SIGNER_FIELDS} for s in settings.signers]}


def from_json(data: dict) -> ReportSettings:
    """Stored settings back (what is missing or not of its type left at its default)."""
    signers = tuple(Signer(str(s.get("title", "")), str(s.get("name", "")), str(s.get("nip", "")))
                    for s in data.get("signers") or [] if isinstance(s, dict))
    logo = data.get("logo")
    return ReportSettings(*(str(data.get(k) or "") for k in LETTERHEAD_FIELDS),
                          logo_png=decode_logo(logo) if isinstance(logo, str) and logo else None,
                          number_pattern=str(data.get("number_pattern") or DEFAULT_NUMBER_PATTERN), signers=signers)
