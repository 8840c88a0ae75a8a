"""NIK (Nomor Induk Kependudukan) rules: `PP KK CC DDMMYY SSSS`, as described in DOMAIN.md.

`parse_nik` runs on every keystroke in the NIK field, so it never touches files: region names come
from the cached `default_regions()` (or the `Regions` passed in). Problems are reported, not raised:
errors make a NIK invalid, warnings (old region codes, a birth date that differs from the record)
are shown to the operator but never block printing, because such NIKs are never corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain.dates_id import MONTHS as _MONTHS_ID
from desktop.domain.regions import Regions, default_regions
from desktop.domain.text import msg

NIK_LENGTH = 16
# The century is not stored in the NIK; older than this is not a living applicant.
MAX_AGE_YEARS = 120
_WOMEN_DAY_OFFSET = 40


# Dash-like characters an operator may paste from a document, besides the ASCII hyphen.
_SEPARATORS = frozenset(".-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


@dataclass(frozen=True)
class NikIssue:
    """One problem found in a NIK: a stable English `code` and an Indonesian sentence for the operator."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class NikInfo:
    """What a typed NIK says, and what is wrong with it.

    Region codes are dotted and set whenever the NIK is 16 digits and the part is not "00"; the names
    are None where the code is not in the region data. `birth_date` and `sex` are None when the date
    part cannot be read. With a wrong length or non-digits nothing positional is decoded.
    """

    text: str
    nik: str
    valid: bool
    errors: tuple[NikIssue, ...] = ()
    warnings: tuple[NikIssue, ...] = ()
    province_code: str | None = None
    province_name: str | None = None
    regency_code: str | None = None
    regency_name: str | None = None
    kecamatan_code: str | None = None
    kecamatan_name: str | None = None
    birth_date: date | None = None
    sex: str | None = None  # "L" (laki-laki) or "P" (perempuan)
    serial: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready copy: dates as YYYY-MM-DD, issues as {code, message}."""
        return {
            "text": self.text,
            "nik": self.nik,
            "valid": self.valid,
            "errors": [issue.to_dict() for issue in self.errors],
            "warnings": [issue.to_dict() for issue in self.warnings],
            "province_code": self.province_code,
            "province_name": self.province_name,
            "regency_code": self.regency_code,
            "regency_name": self.regency_name,
            "kecamatan_code": self.kecamatan_code,
            "kecamatan_name": self.kecamatan_name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "sex": self.sex,
            "serial": self.serial,
        }


def normalize_nik(text: str) -> str:
    """Strip what operators and scanners add: whitespace (incl. Enter) anywhere, dots and dashes between
    digits. A separator before the first digit or after the last stays, so "-3674..." (a negative
    number, a stray key) is not a NIK."""
    chars = [ch for ch in text if not ch.isspace()]
    inner = [i for i, ch in enumerate(chars) if ch not in _SEPARATORS]
    first, last = (inner[0], inner[-1]) if inner else (len(chars), -1)
    return "".join(ch for i, ch in enumerate(chars) if ch not in _SEPARATORS or not first < i < last)


def _is_digits(text: str) -> bool:
    # str.isdigit() alone also accepts superscripts and non-Latin digits, which int() may reject.
    return text.isascii() and text.isdigit()


def _shown(ch: str) -> str:
    return f"'{ch}'" if ch.isprintable() else f"U+{ord(ch):04X}"


def _dmy(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _structure_errors(nik: str) -> list[NikIssue]:
    errors = []
    odd = [ch for ch in dict.fromkeys(nik) if not _is_digits(ch)]
    if odd:
        # A few examples are enough to spot the typo; a pasted paragraph must not flood the label.
        shown = ", ".join(map(_shown, odd[:5])) + (", ..." if len(odd) > 5 else "")
        errors.append(NikIssue("non_digit", msg("NIK hanya boleh berisi angka; ada karakter lain: {shown}.", shown=shown)))
    if not nik:
        errors.append(NikIssue("length", msg('NIK belum diketik; NIK harus 16 angka.')))
    elif len(nik) != NIK_LENGTH:
        unit = "karakter" if odd else "angka"
        errors.append(NikIssue("length", msg("NIK harus 16 angka; yang diketik {value} {unit}.", value=len(nik), unit=unit)))
    return errors


def _birth_date(
    day: int, month: int, yy: int, today: date, recorded: date | None
) -> tuple[date | None, NikIssue | None]:
    """Pick the century for DDMMYY (day already without the +40), or say why none fits."""
    # The latest year ending in YY that is not after this year, and the one a century before it;
    # any later century is in the future by construction.
    latest = today.year - (today.year - yy) % 100
    possible: list[date] = []
    missing: list[int] = []  # years in which this day and month do not exist (29 February)
    future: list[date] = []
    for year in (latest, latest - 100):
        if year < today.year - MAX_AGE_YEARS - 1:
            continue  # too old whatever the day, so not worth mentioning either
        try:
            born = date(year, month, day)
        except ValueError:
            missing.append(year)
            continue
        if born > today:
            future.append(born)
        elif _age(born, today) <= MAX_AGE_YEARS:
            possible.append(born)
    if possible:
        if recorded is not None:
            # Both centuries can fit (YY=15: born 1915 or 2015); the record says which one is meant,
            # so a centenarian gets no false mismatch warning.
            return min(possible, key=lambda born: abs(born.year - recorded.year)), None
        # Without a record the younger reading is far more likely among applicants.
        return possible[0], None
    label = f"{day} {_MONTHS_ID[month - 1]}"
    if not future:
        if month == 2 and day == 29:
            years = " maupun ".join(str(y) for y in sorted(missing))
            text = f"Tanggal lahir di NIK ({label}) tidak ada pada tahun {years} (bukan tahun kabisat)."
        else:
            text = f"Tanggal lahir di NIK ({label}) tidak ada di kalender."
        return None, NikIssue("date_not_exist", text)
    reasons = [f"{_dmy(born)} belum tiba" for born in future]
    reasons += [f"{label} {year} tidak ada" for year in missing]
    return None, NikIssue("born_in_future", msg("Tanggal lahir di NIK tidak mungkin: {value}.", value=' dan '.join(reasons)))


def parse_nik(
    text: str,
    *,
    today: date | None = None,
    regions: Regions | None = None,
    recorded_birth_date: date | None = None,
) -> NikInfo:
    """Decode and check a typed or scanned NIK; never raises for bad input.

    `today` fixes the century choice (tests pass it; default is the system date). A
    `recorded_birth_date` only adds a warning when it differs, and settles the century when both fit.
    """
    nik = normalize_nik(text)
    errors = _structure_errors(nik)
    if errors:
        return NikInfo(text=text, nik=nik, valid=False, errors=tuple(errors))

    today = today or date.today()
    regions = default_regions() if regions is None else regions
    warnings: list[NikIssue] = []
    pp, kk, cc = nik[0:2], nik[2:4], nik[4:6]
    dd, mm, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    serial = nik[12:16]

    province_code = pp
    regency_code = f"{pp}.{kk}" if kk != "00" else None
    kecamatan_code = f"{pp}.{kk}.{cc}" if regency_code and cc != "00" else None
    province_name = regions.name(province_code)
    regency_name = regions.name(regency_code) if regency_code else None
    kecamatan_name = regions.name(kecamatan_code) if kecamatan_code else None

    if province_name is None:
        errors.append(NikIssue("province_unknown", msg('Kode provinsi {pp} di NIK tidak dikenal.', pp=pp)))
    if kk == "00":
        errors.append(NikIssue("regency_zero", msg('Kode kabupaten/kota di NIK tidak boleh 00.')))
    if cc == "00":
        errors.append(NikIssue("kecamatan_zero", msg('Kode kecamatan di NIK tidak boleh 00.')))
    # Inside a known province an unknown code is an old one from before a pemekaran: still valid.
    # Under an unknown province every deeper code is unknown too, so only the province is reported.
    if province_name is not None and regency_code and regency_name is None:
        warnings.append(
            NikIssue(
                "regency_unknown",
                msg("Kode kabupaten/kota {regency_code} tidak ada di data wilayah {province_name}; mungkin "
                    "kode lama sebelum pemekaran.", regency_code=regency_code, province_name=province_name),
            )
        )
    elif regency_name is not None and kecamatan_code and kecamatan_name is None:
        warnings.append(
            NikIssue(
                "kecamatan_unknown",
                msg("Kode kecamatan {kecamatan_code} tidak ada di data wilayah {regency_name}; mungkin kode"
                    " lama sebelum pemekaran.", kecamatan_code=kecamatan_code, regency_name=regency_name),
            )
        )

    sex: str | None = None
    day = dd
    if 1 <= dd <= 31:
        sex = "L"
    elif _WOMEN_DAY_OFFSET + 1 <= dd <= _WOMEN_DAY_OFFSET + 31:
        sex, day = "P", dd - _WOMEN_DAY_OFFSET
    else:
        errors.append(
            NikIssue(
                "day_invalid",
                msg("Tanggal lahir di NIK ({value}) tidak sah: harus 01-31 untuk laki-laki atau 41-71 untuk"
                    " perempuan.", value=nik[6:8]),
            )
        )
    if not 1 <= mm <= 12:
        errors.append(NikIssue("month_invalid", msg("Bulan lahir di NIK ({value}) tidak sah: harus 01-12.", value=nik[8:10])))

    birth_date: date | None = None
    if sex is not None and 1 <= mm <= 12:
        birth_date, issue = _birth_date(day, mm, yy, today, recorded_birth_date)
        if issue is not None:
            errors.append(issue)

    if serial == "0000":
        errors.append(NikIssue("serial_zero", msg('Nomor urut di NIK (4 angka terakhir) tidak boleh 0000.')))

    if recorded_birth_date is not None and birth_date is not None and birth_date != recorded_birth_date:
        warnings.append(
            NikIssue(
                "birth_date_mismatch",
                msg("Tanggal lahir di NIK ({value}) berbeda dengan tanggal lahir tercatat ({value2}); NIK "
                    "tetap sah dan tidak diubah.", value=_dmy(birth_date), value2=_dmy(recorded_birth_date)),
            )
        )

    return NikInfo(
        text=text,
        nik=nik,
        valid=not errors,
        errors=tuple(errors),
        warnings=tuple(warnings),
        province_code=province_code,
        province_name=province_name,
        regency_code=regency_code,
        regency_name=regency_name,
        kecamatan_code=kecamatan_code,
        kecamatan_name=kecamatan_name,
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def build_nik(kecamatan_code: str, birth_date: date, sex: str, serial: int) -> str:
    """The NIK for a kecamatan, birth date, sex ("L"/"P") and running number (1-9999).

    The inverse of `parse_nik` for demo data and tests; raises ValueError for anything that could not
    appear in a valid NIK (so invalid NIKs in tests are written out by hand, on purpose).
    """
    digits = kecamatan_code.strip().replace(".", "")
    if len(digits) != 6 or not _is_digits(digits) or digits[2:4] == "00" or digits[4:6] == "00":
        raise ValueError(f"not a kecamatan code: {kecamatan_code!r}")
    if sex not in ("L", "P"):
        raise ValueError(f"sex must be 'L' or 'P', not {sex!r}")
    if not 1 <= serial <= 9999:
        raise ValueError(f"serial must be 1-9999, not {serial}")
    day = birth_date.day + (_WOMEN_DAY_OFFSET if sex == "P" else 0)
    return f"{digits}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
