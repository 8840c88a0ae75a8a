"""Reading the regency's resident export (a SIAK-style CSV) and record-status files.

One parser for the regency server (`ktp-mandiri-server import-residents`) and for a station that is
not enrolled (`ktp-mandiri import-residents`). Columns are documented in docs/resident-import.md.
Files as offices produce them load: UTF-8 with or without a BOM (or an encoding the caller states,
such as Windows-1252: never guessed), `;` (Indonesian
Excel), `,` or tab separators, dates as dd/mm/yyyy. Every bad row is reported by its line number
with the reason, and the caller applies nothing when any row is bad.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.domain.nik import normalize_nik, parse_nik
from desktop.domain.record_status import STATUSES
from desktop.domain.regions import Regions, default_regions, dotted
from desktop.domain.text import msg

MAX_PROBLEMS_SHOWN = 20

# Canonical field -> the column names accepted for it (upper-case, spaces and dots as underscores).
COLUMNS: dict[str, tuple[str, ...]] = {
    "nik": ("NIK",),
    "name": ("NAMA_LGKP", "NAMA_LENGKAP", "NAMA"),
    "birth_place": ("TMPT_LHR", "TEMPAT_LAHIR"),
    "birth_date": ("TGL_LHR", "TANGGAL_LAHIR"),
    "sex": ("JENIS_KLMIN", "JENIS_KELAMIN", "JK"),
    "blood_type": ("GOL_DARAH", "GOLONGAN_DARAH"),
    "address": ("ALAMAT",),
    "rt": ("NO_RT", "RT"),
    "rw": ("NO_RW", "RW"),
    "village_code": ("KODE_DESA", "KODE_KEL", "KODE_KELURAHAN"),
    "kecamatan_code": ("KODE_KEC", "KODE_KECAMATAN"),
    "religion": ("AGAMA",),
    "marital_status": ("STATUS_KAWIN", "STAT_KWN"),
    "occupation": ("PEKERJAAN", "JENIS_PKRJN"),
    "nationality": ("KEWARGANEGARAAN", "WNI_WNA"),
    "record_status": ("STATUS_REKAM", "STATUS_REKAMAN"),
}
REQUIRED = ("nik", "name", "birth_place", "birth_date", "sex", "address", "rt", "rw", "village_code",
            "religion", "marital_status", "occupation", "record_status")
STATUS_REQUIRED = ("nik", "record_status")

SEX = {"L": "L", "LAKI-LAKI": "L", "LAKI LAKI": "L", "1": "L", "P": "P", "PEREMPUAN": "P", "2": "P"}
BLOOD = {"A", "B", "AB", "O", "-"}
_SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?E\+?\d+$", re.IGNORECASE)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class ResidentRecord:
    """One resident as the regency exports them (the station's card fields)."""

    nik: str
    name: str
    birth_place: str
    birth_date: date
    sex: str
    blood_type: str
    address: str
    rt: int
    rw: int
    village_code: str
    kecamatan_code: str
    religion: str
    marital_status: str
    occupation: str
    nationality: str
    record_status: str

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class StatusChange:
    nik: str
    record_status: str
    line: int = 0


@dataclass
class FileProblems(Exception):
    """Rows that cannot be read; nothing of the file is to be applied."""

    path: str
    problems: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        shown = "; ".join(f"baris {line}: {reason}" for line, reason in self.problems[:MAX_PROBLEMS_SHOWN])
        more = len(self.problems) - MAX_PROBLEMS_SHOWN
        tail = msg(" (dan {more} baris lain)", more=more) if more > 0 else ""
        return msg("Berkas {path} tidak diimpor, tidak ada yang diubah: {shown}{tail}. Perbaiki baris itu lalu "
                   "impor ulang.", path=self.path, shown=shown, tail=tail)


class FileUnreadable(FileProblems):
    """The file itself cannot be read (missing, a folder, no permission, not in the stated encoding)."""

    def __init__(self, path: str, sentence: str) -> None:
        super().__init__(path, [])
        self.sentence = sentence

    def __str__(self) -> str:
        return self.sentence


def read_bytes(path: Path | str, what: str | None = None) -> bytes:
    """The file's bytes, or FileUnreadable with one sentence naming the path (`what` it is: a file by
    default) and what is wrong."""
    path = Path(path)
    what = what or msg("Berkas")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileUnreadable(str(path), msg("{what} {path} tidak ada.", what=what, path=path)) from None
    except IsADirectoryError:
        raise FileUnreadable(str(path), msg("{path} adalah folder, bukan berkas; sebutkan berkas CSV-nya.",
                                            path=path)) from None
    except PermissionError:
        raise FileUnreadable(str(path), msg("{what} {path} tidak boleh dibaca oleh pengguna yang menjalankan "
                                            "perintah ini; simpan di folder yang dapat dibacanya.",
                                            what=what, path=path)) from None
    except OSError as exc:
        if path.is_dir():  # Windows says "permission denied" for a folder
            raise FileUnreadable(str(path), msg("{path} adalah folder, bukan berkas; sebutkan berkas CSV-nya.",
                                                path=path)) from None
        raise FileUnreadable(str(path), msg("{what} {path} tidak dapat dibaca ({reason}).", what=what, path=path,
                                            reason=exc.strerror or exc)) from None


def decode(raw: bytes, path: Path | str, encoding: str | None = None) -> str:
    """The file's text in UTF-8 (a BOM allowed) or the stated `encoding`, never guessed: a byte that is
    not of the encoding refuses the file, naming its line."""
    name = (encoding or "utf-8-sig").strip()
    try:
        return raw.decode(name)
    except LookupError:
        raise FileUnreadable(str(path), msg("Pengodean {encoding} tidak dikenal (mis. utf-8 atau cp1252).",
                                            encoding=encoding)) from None
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        hint = msg("; bila berkas disimpan Excel di Windows, impor dengan --encoding cp1252") if encoding is None \
            else ""
        raise FileUnreadable(str(path), msg(
            "Berkas {path} tidak diimpor, tidak ada yang diubah: baris {line} bukan teks {encoding} (byte 0x{byte:02x})"
            "{hint}.", path=path, line=line, encoding=encoding or "UTF-8", byte=raw[exc.start], hint=hint)) from None


def _rows(path: Path | str, text: str | None = None,
          encoding: str | None = None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if text is None:
        text = decode(read_bytes(path), path, encoding)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [re.sub(r"[\s.]+", "_", c.strip().upper()) for c in cells]
            continue
        rows.append((line, cells))
    return header or [], rows


def _columns(path: Path | str, header: list[str], required: tuple[str, ...]) -> dict[str, int]:
    index: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in header:
                index[name] = header.index(alias)
                break
    missing = [COLUMNS[name][0] for name in required if name not in index]
    if missing:
        raise FileProblems(str(path), [(1, msg("kolom {columns} tidak ada di baris judul",
                                               columns=", ".join(missing)))])
    return index


def check_nik(value: str, regions: Regions, today: date | None = None) -> str:
    """The NIK of a row, or ValueError with the reason (Excel's 3.67406E+15 included)."""
    value = value.strip()
    if _SCIENTIFIC.match(value):
        raise ValueError(msg("NIK {value} sudah diubah Excel menjadi notasi ilmiah dan digit terakhirnya hilang; "
                             "format kolom NIK sebagai Teks lalu ekspor ulang dari SIAK", value=value))
    info = parse_nik(value, today=today, regions=regions)
    if not info.valid:
        raise ValueError(msg("NIK {value}: {reason}", value=value, reason=info.errors[0].message.rstrip(".")))
    return info.nik


def parse_date(value: str) -> date:
    value = value.strip()
    match = _DMY.match(value)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        match = _ISO.match(value)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise ValueError(msg("tanggal lahir {value} tidak sah (tulis dd/mm/yyyy)", value=value))


def _region_code(value: str, depth: int, regions: Regions, label: str) -> str:
    try:
        code = dotted(value.strip())
    except ValueError:
        code = ""
    if code.count(".") != depth or regions.get(code) is None:
        raise ValueError(msg("{label} {value} tidak dikenal", label=label, value=value.strip()))
    return code


def _number(value: str, label: str) -> int:
    value = value.strip()
    if not value.isdigit() or not 0 <= int(value) <= 999:
        raise ValueError(msg("{label} {value} bukan angka", label=label, value=value))
    return int(value)


def _text(value: str, label: str, limit: int) -> str:
    value = " ".join(value.split()).upper()
    if not value:
        raise ValueError(msg("{label} kosong", label=label))
    if len(value) > limit:
        raise ValueError(msg("{label} lebih dari {limit} karakter", label=label, limit=limit))
    return value


def _status(value: str) -> str:
    value = value.strip().upper()
    if value not in STATUSES:
        raise ValueError(msg("status rekam {value} tidak dikenal", value=value))
    return value


@dataclass(frozen=True)
class NikWarning:
    """A row whose recorded sex or birth date contradicts its NIK (docs DOMAIN.md: imported as given)."""

    line: int
    nik: str
    field: str  # "sex" or "birth_date"
    recorded: str
    in_nik: str

    def as_dict(self) -> dict:
        return {"line": self.line, "nik": self.nik, "field": self.field, "recorded": self.recorded,
                "in_nik": self.in_nik}

    def __str__(self) -> str:
        label = msg("jenis kelamin") if self.field == "sex" else msg("tanggal lahir")
        return msg("baris {line}: NIK {nik}: {label} {recorded} berbeda dengan NIK ({in_nik}); diimpor apa adanya",
                   line=self.line, nik=self.nik, label=label, recorded=self.recorded, in_nik=self.in_nik)


def nik_contradictions(record: ResidentRecord, line: int, regions: Regions | None = None,
                       today: date | None = None) -> list[NikWarning]:
    """The fields of `record` its NIK contradicts: the sex (day + 40 for women) and the birth date
    (the NIK's own rule, desktop/domain/nik.py, settles the century against the recorded date)."""
    info = parse_nik(record.nik, today=today, regions=regions, recorded_birth_date=record.birth_date)
    found = []
    if info.sex is not None and info.sex != record.sex:
        found.append(NikWarning(line, record.nik, "sex", record.sex, info.sex))
    if any(w.code == "birth_date_mismatch" for w in info.warnings) and info.birth_date is not None:
        found.append(NikWarning(line, record.nik, "birth_date", record.birth_date.isoformat(),
                                info.birth_date.isoformat()))
    return found


@dataclass(frozen=True)
class ResidentFile:
    """A read export: its records, and the rows imported as given with a warning."""

    records: list[ResidentRecord]
    warnings: list[NikWarning]


def read_resident_file(path: Path | str, *, encoding: str | None = None, regions: Regions | None = None,
                       today: date | None = None, text: str | None = None) -> ResidentFile:
    """Every resident of the file with the NIK contradictions found, or FileProblems (FileUnreadable)."""
    regions = regions or default_regions()
    lines: list[int] = []
    records = read_residents(path, regions=regions, today=today, text=text, encoding=encoding, lines=lines)
    warnings = [w for record, line in zip(records, lines, strict=True)
                for w in nik_contradictions(record, line, regions, today)]
    return ResidentFile(records, warnings)


def read_residents(path: Path | str, *, regions: Regions | None = None, today: date | None = None,
                   text: str | None = None, encoding: str | None = None,
                   lines: list[int] | None = None) -> list[ResidentRecord]:
    """Every resident of the file, or FileProblems listing each bad row (line number and reason);
    `lines` (when given) receives each record's line number."""
    regions = regions or default_regions()
    header, rows = _rows(path, text, encoding)
    col = _columns(path, header, REQUIRED)
    records: list[ResidentRecord] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}

    def cell(cells: list[str], name: str, default: str = "") -> str:
        i = col.get(name)
        return cells[i] if i is not None and i < len(cells) else default

    for line, cells in rows:
        try:
            nik = check_nik(cell(cells, "nik"), regions, today)
            if nik in seen:
                raise ValueError(msg("NIK {nik} sudah ada di baris {line}", nik=nik, line=seen[nik]))
            sex = SEX.get(cell(cells, "sex").strip().upper())
            if sex is None:
                raise ValueError(msg("jenis kelamin {value} tidak sah (L atau P)", value=cell(cells, "sex").strip()))
            blood = cell(cells, "blood_type", "-").strip().upper() or "-"
            blood = "-" if blood in ("TIDAK TAHU", "TIDAK_TAHU") else (blood.rstrip("+-") or "-")
            if blood not in BLOOD:
                raise ValueError(msg("golongan darah {value} tidak sah", value=blood))
            village = _region_code(cell(cells, "village_code"), 3, regions, "kode desa/kelurahan")
            kecamatan = village.rsplit(".", 1)[0]
            if cell(cells, "kecamatan_code").strip():
                stated = _region_code(cell(cells, "kecamatan_code"), 2, regions, "kode kecamatan")
                if stated != kecamatan:
                    raise ValueError(msg("desa {village} tidak berada di kecamatan {kecamatan}", village=village,
                                         kecamatan=stated))
            records.append(ResidentRecord(
                nik=nik, name=_text(cell(cells, "name"), "nama", 60),
                birth_place=_text(cell(cells, "birth_place"), "tempat lahir", 60),
                birth_date=parse_date(cell(cells, "birth_date")), sex=sex, blood_type=blood,
                address=_text(cell(cells, "address"), "alamat", 160),
                rt=_number(cell(cells, "rt"), "RT"), rw=_number(cell(cells, "rw"), "RW"),
                village_code=village, kecamatan_code=kecamatan,
                religion=_text(cell(cells, "religion"), "agama", 40),
                marital_status=_text(cell(cells, "marital_status"), "status perkawinan", 40),
                occupation=_text(cell(cells, "occupation"), "pekerjaan", 60),
                nationality=_text(cell(cells, "nationality", "WNI") or "WNI", "kewarganegaraan", 10),
                record_status=_status(cell(cells, "record_status")),
            ))
            seen[nik] = line
            if lines is not None:
                lines.append(line)
        except ValueError as exc:
            problems.append((line, str(exc)))
    if problems:
        raise FileProblems(str(path), problems)
    return records


def read_status_changes(path: Path | str, *, regions: Regions | None = None, today: date | None = None,
                        text: str | None = None, encoding: str | None = None) -> list[StatusChange]:
    """NIK and new record status per row (a citizen who became PRR this morning)."""
    regions = regions or default_regions()
    header, rows = _rows(path, text, encoding)
    col = _columns(path, header, STATUS_REQUIRED)
    result: list[StatusChange] = []
    problems: list[tuple[int, str]] = []
    for line, cells in rows:
        try:
            nik = check_nik(cells[col["nik"]] if col["nik"] < len(cells) else "", regions, today)
            status = _status(cells[col["record_status"]] if col["record_status"] < len(cells) else "")
            result.append(StatusChange(nik, status, line))
        except ValueError as exc:
            problems.append((line, str(exc)))
    if problems:
        raise FileProblems(str(path), problems)
    return result


def photo_nik(name: str) -> str | None:
    """The NIK a photo or signature file is named after (`NIK.jpg`, `NIK_ttd.png`), else None."""
    stem = Path(name).stem
    kind_free = re.sub(r"[_-](TTD|SIGN|SIGNATURE)$", "", stem, flags=re.IGNORECASE)
    nik = normalize_nik(kind_free)
    return nik if len(nik) == 16 and nik.isdigit() else None


def is_signature_file(name: str) -> bool:
    return bool(re.search(r"[_-](TTD|SIGN|SIGNATURE)$", Path(name).stem, flags=re.IGNORECASE))
