"""Kemendagri region codes: province, regency (kabupaten/kota), kecamatan and kelurahan/desa.

Codes are kept dotted ("36", "36.03", "36.03.01", "36.03.01.1001") because that is how the shipped
data writes them; a NIK carries them undotted ("360301"), so every lookup accepts both.
The data is read once into dictionaries so lookups stay cheap enough for per-keystroke NIK checks.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.resources import resource_path

# Digits per level, province to village; a dotted code has one part per level.
_PART_WIDTHS = (2, 2, 2, 4)
_UNDOTTED_LENGTHS = {2: 1, 4: 2, 6: 3, 10: 4}  # digit count -> number of levels

# Regency numbers 71-99 are kota, 01-69 kabupaten (DOMAIN.md, NIK section).
_FIRST_KOTA_NUMBER = 71

# How the data (or a future version of it) may spell the regency prefix, and the card's spelling.
_HEADER_PREFIXES = (
    ("KABUPATEN ", "KABUPATEN "),
    ("KAB. ", "KABUPATEN "),
    ("KAB ", "KABUPATEN "),
    ("KOTA ", "KOTA "),
)


@dataclass(frozen=True)
class Region:
    """One region; `code` is always dotted."""

    code: str
    name: str


def _split(code: str) -> list[str] | None:
    """Parts of a dotted or undotted code, or None when it is not a well-formed region code."""
    code = code.strip()
    if "." in code:
        parts = code.split(".")
    else:
        levels = _UNDOTTED_LENGTHS.get(len(code))
        if levels is None:
            return None
        parts, start = [], 0
        for width in _PART_WIDTHS[:levels]:
            parts.append(code[start : start + width])
            start += width
    if len(parts) > len(_PART_WIDTHS):
        return None
    for part, width in zip(parts, _PART_WIDTHS, strict=False):
        # isascii: str.isdigit() also accepts e.g. Arabic-Indic or superscript digits.
        if len(part) != width or not (part.isascii() and part.isdigit()):
            return None
    return parts


def dotted(code: str) -> str:
    """Dotted form of a region code: "360301" -> "36.03.01"; dotted input is returned normalised.

    Raises ValueError for anything that is not a 2, 4, 6 or 10 digit code (dotted or not).
    """
    parts = _split(code)
    if parts is None:
        raise ValueError(f"not a region code: {code!r}")
    return ".".join(parts)


def _key(code: str) -> str | None:
    parts = _split(code)
    return None if parts is None else ".".join(parts)


def _clean_name(name: str) -> str:
    # The shipped data has stray trailing spaces (e.g. "Kota Administrasi Jakarta Utara ").
    return " ".join(name.split())


class Regions:
    """In-memory index of region codes and names, with parent/child lookups."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self._by_code: dict[str, Region] = {}
        children: dict[str, list[Region]] = {}
        for region in regions:
            code = dotted(region.code)
            region = Region(code, _clean_name(region.name))
            self._by_code[code] = region
            if "." in code:
                children.setdefault(code.rsplit(".", 1)[0], []).append(region)
        # Sorted once here so the per-call lists are plain copies; fixed-width parts sort as strings.
        self._children = {parent: sorted(kids, key=lambda r: r.code) for parent, kids in children.items()}

    def __iter__(self) -> Iterator[Region]:
        """Every region, in code order."""
        return iter(sorted(self._by_code.values(), key=lambda r: r.code))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def get(self, code: str) -> Region | None:
        key = _key(code)
        return None if key is None else self._by_code.get(key)

    def name(self, code: str) -> str | None:
        region = self.get(code)
        return None if region is None else region.name

    def province_of(self, code: str) -> Region | None:
        """The province a code of any level belongs to (None if unknown or malformed)."""
        parts = _split(code)
        return None if parts is None else self._by_code.get(parts[0])

    def regency_of(self, code: str) -> Region | None:
        """The regency of a regency-level or deeper code; None for a province code or an unknown one."""
        parts = _split(code)
        if parts is None or len(parts) < 2:
            return None
        return self._by_code.get(".".join(parts[:2]))

    def kecamatan_in(self, regency_code: str) -> list[Region]:
        """Kecamatan of a regency, sorted by code; empty if the regency is unknown."""
        return self._children_at(regency_code, 2)

    def villages_in(self, kecamatan_code: str) -> list[Region]:
        """Kelurahan/desa of a kecamatan, sorted by code; empty where no village data is shipped."""
        return self._children_at(kecamatan_code, 3)

    def _children_at(self, code: str, level: int) -> list[Region]:
        parts = _split(code)
        if parts is None or len(parts) != level:
            return []
        return list(self._children.get(".".join(parts), ()))

    def is_kota(self, regency_code: str) -> bool:
        """True when the regency part of the code is 71-99 (kota), from the number alone.

        Decided from the code and not the name so it also works for codes missing from the data
        (old codes from before a pemekaran). Raises ValueError for a code without a regency part.
        """
        parts = _split(regency_code)
        if parts is None or len(parts) < 2:
            raise ValueError(f"not a regency code: {regency_code!r}")
        return int(parts[1]) >= _FIRST_KOTA_NUMBER

    def regency_header(self, regency_code: str) -> str:
        """The card's second header line: "KABUPATEN TANGERANG" or "KOTA TANGERANG SELATAN".

        Accepts a regency code or any deeper code. The shipped names already carry "Kabupaten"/"Kota";
        an abbreviated "Kab." is spelled out and a bare name gets the prefix its code implies.
        Raises KeyError for a regency that is not in the data.
        """
        regency = self.regency_of(regency_code)
        if regency is None:
            raise KeyError(f"unknown regency: {regency_code!r}")
        name = regency.name.upper()
        for prefix, spelled in _HEADER_PREFIXES:
            if name.startswith(prefix):
                return spelled + name[len(prefix) :].strip()
        return ("KOTA " if self.is_kota(regency.code) else "KABUPATEN ") + name


def _read_csv(path: Path) -> Iterator[Region]:
    # utf-8-sig: tolerate a BOM if the file is ever re-saved from a spreadsheet.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield Region(row["code"].strip(), row["name"])


def load_regions(regions_csv: Path | None = None, villages_csv: Path | None = None) -> Regions:
    """Read region and village CSV files (columns code,name); each defaults to the shipped file."""
    regions_csv = regions_csv or resource_path("data", "regions.csv")
    villages_csv = villages_csv or resource_path("data", "villages-3603-3674.csv")
    return Regions([*_read_csv(regions_csv), *_read_csv(villages_csv)])


@functools.cache
def default_regions() -> Regions:
    """The shipped region data, read on first use and shared afterwards."""
    return load_regions()


def issue_place_for(regions: Regions, code: str) -> str:
    """The place of issue printed under the photo: "KAB. TANGERANG" or "KOTA TANGERANG SELATAN"."""
    regency = regions.regency_of(code)
    is_kota = regions.is_kota(regency.code)
    bare = regency.name.upper()
    for prefix in ("KABUPATEN ", "KAB. ", "KOTA "):
        if bare.startswith(prefix):
            bare = bare[len(prefix):]
    return f"KOTA {bare}" if is_kota else f"KAB. {bare}"
