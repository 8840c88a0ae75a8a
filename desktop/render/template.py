"""The one card template: where everything sits on the card, in millimetres, points and hex colours.

Two layers (DOMAIN.md, "The blanko arrives pre-printed"): the **print layer** (header, NIK, labels and
values, photo, place and date of issue, signature) is all the station's printer receives; the
**blanko art** (`blanko`: the security background of the front and the whole back) is what the card
maker already printed on every blanko, drawn only so that the preview and the PDF proof show the
finished card. `print.back` asks for the back art to be printed too (only for blanko whose back is
blank).

The defaults live here in code; `resources/card/template.json` (or a file an IT officer points to)
overrides any part of them. Keys starting with "_" are comments and ignored. A broken file raises
`TemplateError` naming the key and what is wrong, so the officer can fix it without reading code.
"""

from __future__ import annotations

import copy
import json
import re
import typing
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.domain.card import CARD_HEIGHT_MM, CARD_WIDTH_MM
from desktop.errors import UserFacingError
from desktop.resources import resource_path


class TemplateError(UserFacingError):
    """The card template file cannot be used; the message names the key and the problem."""

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"Template kartu {source} tidak dapat dipakai: {detail}.", code="card_template")


@dataclass(frozen=True)
class Fonts:
    regular: str  # file name in resources/fonts, or an absolute path
    bold: str


@dataclass(frozen=True)
class Colors:
    text: str
    label: str
    header: str
    nik: str


@dataclass(frozen=True)
class Header:
    top_mm: float
    size_pt: float
    line_gap_mm: float
    margin_mm: float
    province_prefix: str


@dataclass(frozen=True)
class NikRow:
    top_mm: float
    size_pt: float
    label: str


@dataclass(frozen=True)
class Rows:
    top_mm: float
    bottom_mm: float
    label_x_mm: float
    colon_x_mm: float
    value_x_mm: float
    value_right_mm: float
    size_pt: float
    row_gap_mm: float


@dataclass(frozen=True)
class FieldSpec:
    label: str
    max_lines: int


@dataclass(frozen=True)
class FieldLabels:
    """One entry per row, top to bottom; the order of the rows is fixed by the regulation."""

    name: FieldSpec
    birth: FieldSpec
    sex: FieldSpec
    address: FieldSpec
    rt_rw: FieldSpec
    village: FieldSpec
    kecamatan: FieldSpec
    religion: FieldSpec
    marital_status: FieldSpec
    occupation: FieldSpec
    nationality: FieldSpec
    valid_until: FieldSpec


@dataclass(frozen=True)
class Blood:
    label: str
    x_mm: float


@dataclass(frozen=True)
class Photo:
    x_mm: float
    y_mm: float
    w_mm: float
    h_mm: float


@dataclass(frozen=True)
class Column:
    """The right-hand column (photo, place and date of issue, signature) no row may enter."""

    left_mm: float
    right_mm: float


@dataclass(frozen=True)
class Issue:
    gap_mm: float
    size_pt: float
    place_max_lines: int


@dataclass(frozen=True)
class Signature:
    gap_mm: float
    bottom_mm: float


@dataclass(frozen=True)
class Guilloche:
    """Background drawn by the program: interlaced waves and one rosette, no copied artwork."""

    paper: str
    colors: tuple[str, ...]
    line_width_mm: float
    waves: int
    wave_amplitude_mm: float
    wave_length_mm: float
    wave_spacing_mm: float
    rosette_x_mm: float
    rosette_y_mm: float
    rosette_radius_mm: float
    rosette_loops: int


@dataclass(frozen=True)
class Back:
    title: str
    subtitle: str
    title_size_pt: float
    subtitle_size_pt: float
    title_y_mm: float
    color: str
    background: Guilloche


@dataclass(frozen=True)
class BlankoArt:
    """The card maker's pre-printed design: preview and proof only, never sent to the printer."""

    front: Guilloche
    back: Back


@dataclass(frozen=True)
class PrintOptions:
    back: bool  # print the back art on duplex printers (for blanko whose back is not pre-printed)


@dataclass(frozen=True)
class Template:
    fonts: Fonts
    colors: Colors
    min_font_pt: float
    line_spacing: float
    header: Header
    nik: NikRow
    rows: Rows
    fields: FieldLabels
    blood: Blood
    photo: Photo
    column: Column
    issue: Issue
    signature: Signature
    blanko: BlankoArt
    print: PrintOptions


DEFAULTS: dict[str, Any] = {
    "fonts": {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf"},
    "colors": {"text": "#000000", "label": "#000000", "header": "#000000", "nik": "#000000"},
    "min_font_pt": 5.0,
    "line_spacing": 1.15,
    "header": {
        "top_mm": 2.0,
        "size_pt": 8.5,
        "line_gap_mm": 0.1,
        "margin_mm": 2.5,
        "province_prefix": "PROVINSI",
    },
    "nik": {"top_mm": 9.4, "size_pt": 11.0, "label": "NIK"},
    "rows": {
        "top_mm": 14.3,
        "bottom_mm": 52.6,
        "label_x_mm": 3.0,
        "colon_x_mm": 22.3,
        "value_x_mm": 23.3,
        "value_right_mm": 60.2,
        "size_pt": 6.3,
        "row_gap_mm": 0.28,
    },
    "fields": {
        "name": {"label": "Nama", "max_lines": 3},
        "birth": {"label": "Tempat/Tgl Lahir", "max_lines": 2},
        "sex": {"label": "Jenis Kelamin", "max_lines": 1},
        "address": {"label": "Alamat", "max_lines": 4},
        "rt_rw": {"label": "RT/RW", "max_lines": 1},
        "village": {"label": "Kel/Desa", "max_lines": 2},
        "kecamatan": {"label": "Kecamatan", "max_lines": 2},
        "religion": {"label": "Agama", "max_lines": 1},
        "marital_status": {"label": "Status Perkawinan", "max_lines": 1},
        "occupation": {"label": "Pekerjaan", "max_lines": 2},
        "nationality": {"label": "Kewarganegaraan", "max_lines": 1},
        "valid_until": {"label": "Berlaku Hingga", "max_lines": 1},
    },
    "blood": {"label": "Gol. Darah", "x_mm": 41.0},
    "photo": {"x_mm": 62.4, "y_mm": 10.6, "w_mm": 20.4, "h_mm": 27.2},
    "column": {"left_mm": 61.0, "right_mm": 84.6},
    "issue": {"gap_mm": 0.8, "size_pt": 6.0, "place_max_lines": 2},
    "signature": {"gap_mm": 0.4, "bottom_mm": 52.8},
    "blanko": {
        "front": {
            "paper": "#e9f5f3",
            "colors": ["#b7dcd6", "#bcd3ec"],
            "line_width_mm": 0.07,
            "waves": 30,
            "wave_amplitude_mm": 2.4,
            "wave_length_mm": 21.4,
            "wave_spacing_mm": 1.9,
            "rosette_x_mm": 38.0,
            "rosette_y_mm": 33.0,
            "rosette_radius_mm": 15.0,
            "rosette_loops": 48,
        },
        "back": {
            "title": "REPUBLIK INDONESIA",
            "subtitle": "KARTU TANDA PENDUDUK ELEKTRONIK",
            "title_size_pt": 13.0,
            "subtitle_size_pt": 7.0,
            "title_y_mm": 40.0,
            "color": "#1d3b5a",
            "background": {
                "paper": "#eef3f8",
                "colors": ["#c2d3e6", "#cde3dc"],
                "line_width_mm": 0.07,
                "waves": 30,
                "wave_amplitude_mm": 1.8,
                "wave_length_mm": 17.1,
                "wave_spacing_mm": 1.9,
                "rosette_x_mm": 42.8,
                "rosette_y_mm": 19.5,
                "rosette_radius_mm": 13.0,
                "rosette_loops": 60,
            },
        },
    },
    "print": {"back": False},
}

# Keys of earlier template files that now live elsewhere: the error names the new place.
MOVED = {"background": "blanko.front", "back": "blanko.back"}

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _merge(base: dict[str, Any], override: dict[str, Any], source: str, prefix: str) -> dict[str, Any]:
    """Deep-merge the officer's file over the defaults; a typo in a key is an error, not silently ignored."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if key.startswith("_"):
            continue
        where = f"{prefix}{key}"
        if key not in base:
            moved = f" (sekarang '{MOVED[where]}')" if where in MOVED else ""
            raise TemplateError(source, f"kunci '{where}' tidak dikenal{moved}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise TemplateError(source, f"'{where}' harus berupa objek {{...}}")
            out[key] = _merge(base[key], value, source, where + ".")
        else:
            out[key] = value
    return out


def _convert(cls: type, data: dict[str, Any], source: str, prefix: str) -> Any:
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):
        where = f"{prefix}{f.name}"
        raw = data[f.name]
        kind = hints[f.name]
        if is_dataclass(kind):
            values[f.name] = _convert(kind, raw, source, where + ".")
        elif kind is float:
            # bool is an int in Python; "true" as a size is a mistake worth reporting.
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise TemplateError(source, f"'{where}' harus berupa angka (ditemukan {raw!r})")
            if raw < 0:
                raise TemplateError(source, f"'{where}' tidak boleh negatif (ditemukan {raw})")
            values[f.name] = float(raw)
        elif kind is bool:
            if not isinstance(raw, bool):
                raise TemplateError(source, f"'{where}' harus true atau false (ditemukan {raw!r})")
            values[f.name] = raw
        elif kind is int:
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise TemplateError(source, f"'{where}' harus berupa bilangan bulat (ditemukan {raw!r})")
            values[f.name] = raw
        elif kind is str:
            if not isinstance(raw, str):
                raise TemplateError(source, f"'{where}' harus berupa teks (ditemukan {raw!r})")
            values[f.name] = raw
        else:  # tuple[str, ...]: the colour lists
            if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
                raise TemplateError(source, f"'{where}' harus berupa daftar teks yang tidak kosong")
            values[f.name] = tuple(raw)
    return cls(**values)


def _check(t: Template, source: str) -> None:
    """Rules that keep text on the card and out of the photo column whatever the officer changes."""

    def fail(detail: str) -> None:
        raise TemplateError(source, detail)

    colors = [("colors." + f.name, getattr(t.colors, f.name)) for f in fields(t.colors)]
    back = t.blanko.back
    colors.append(("blanko.back.color", back.color))
    for name, bg in (("blanko.front", t.blanko.front), ("blanko.back.background", back.background)):
        colors.append((f"{name}.paper", bg.paper))
        colors += [(f"{name}.colors", c) for c in bg.colors]
        if bg.waves > 200 or not 12 <= bg.rosette_loops <= 400:
            fail(f"'{name}': waves harus paling banyak 200 dan rosette_loops antara 12 dan 400")
        if bg.wave_length_mm < 1.0:
            fail(f"'{name}.wave_length_mm' minimal 1 mm")
    for name, value in colors:
        if not _COLOR.match(value):
            fail(f"warna '{name}' harus berformat #RRGGBB (ditemukan {value!r})")
    for name in ("regular", "bold"):
        if not font_file(getattr(t.fonts, name)).is_file():
            fail(f"berkas huruf 'fonts.{name}' ({getattr(t.fonts, name)}) tidak ditemukan")
    if not 3.0 <= t.min_font_pt <= 20.0:
        fail("'min_font_pt' harus antara 3 dan 20")
    if not 1.0 <= t.line_spacing <= 2.0:
        fail("'line_spacing' harus antara 1.0 dan 2.0")
    sizes = {
        "header.size_pt": t.header.size_pt,
        "nik.size_pt": t.nik.size_pt,
        "rows.size_pt": t.rows.size_pt,
        "issue.size_pt": t.issue.size_pt,
        "blanko.back.title_size_pt": back.title_size_pt,
        "blanko.back.subtitle_size_pt": back.subtitle_size_pt,
    }
    for name, size in sizes.items():
        if not t.min_font_pt <= size <= 30.0:
            fail(f"'{name}' harus antara min_font_pt ({t.min_font_pt}) dan 30")
    for f in fields(t.fields):
        spec: FieldSpec = getattr(t.fields, f.name)
        if not 1 <= spec.max_lines <= 6:
            fail(f"'fields.{f.name}.max_lines' harus antara 1 dan 6")
    if not 1 <= t.issue.place_max_lines <= 3:
        fail("'issue.place_max_lines' harus antara 1 dan 3")
    r, c, p = t.rows, t.column, t.photo
    if not r.label_x_mm < r.colon_x_mm < r.value_x_mm < r.value_right_mm:
        fail("harus berlaku rows.label_x_mm < rows.colon_x_mm < rows.value_x_mm < rows.value_right_mm")
    if r.value_right_mm > c.left_mm:
        fail("'rows.value_right_mm' tidak boleh melewati 'column.left_mm' (kolom foto)")
    if not r.value_x_mm < t.blood.x_mm < r.value_right_mm:
        fail("'blood.x_mm' harus di antara rows.value_x_mm dan rows.value_right_mm")
    if not c.left_mm < c.right_mm <= CARD_WIDTH_MM:
        fail(f"harus berlaku column.left_mm < column.right_mm <= {CARD_WIDTH_MM}")
    if not (c.left_mm <= p.x_mm and p.x_mm + p.w_mm <= c.right_mm and p.w_mm > 0 and p.h_mm > 0):
        fail("foto ('photo') harus berada di dalam kolom foto ('column')")
    if not r.top_mm < r.bottom_mm <= CARD_HEIGHT_MM:
        fail(f"harus berlaku rows.top_mm < rows.bottom_mm <= {CARD_HEIGHT_MM}")
    if not p.y_mm + p.h_mm < t.signature.bottom_mm <= CARD_HEIGHT_MM:
        fail(f"'signature.bottom_mm' harus di bawah foto dan paling besar {CARD_HEIGHT_MM}")
    # Twelve one-line rows at the smallest size must fit, or long values would have nowhere to go.
    # (The layout never packs lines tighter than the font's own height, about 1.12 em.)
    row_mm = t.min_font_pt / 72 * 25.4 * max(t.line_spacing, 1.25)
    if 12 * row_mm + 11 * r.row_gap_mm > r.bottom_mm - r.top_mm:
        fail("rows.top_mm..rows.bottom_mm terlalu sempit untuk 12 baris pada min_font_pt")
    if not 2 * t.header.margin_mm < CARD_WIDTH_MM:
        fail("'header.margin_mm' terlalu besar")
    if not 0 < back.title_y_mm < CARD_HEIGHT_MM:
        fail(f"'blanko.back.title_y_mm' harus antara 0 dan {CARD_HEIGHT_MM}")


def font_file(name: str) -> Path:
    """A template font entry: a bare file name is looked up in resources/fonts."""
    path = Path(name)
    return path if path.is_absolute() else resource_path("fonts", name)


def template_from_dict(data: dict[str, Any], source: str = "(bawaan)") -> Template:
    """Build and validate a template from a (partial) dictionary laid over the defaults."""
    if not isinstance(data, dict):
        raise TemplateError(source, "isi berkas harus berupa objek JSON {...}")
    merged = _merge(DEFAULTS, data, source, "")
    template = _convert(Template, merged, source, "")
    _check(template, source)
    return template


def default_template_path() -> Path:
    return resource_path("card", "template.json")


def load_template(path: Path | str | None = None) -> Template:
    """Read a template file (default: resources/card/template.json); missing keys take the defaults."""
    file = Path(path) if path is not None else default_template_path()
    source = str(file)
    if path is None and not file.exists():
        return template_from_dict({}, "(bawaan)")
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(source, f"berkas tidak dapat dibaca ({exc.strerror or exc})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(source, f"JSON rusak di baris {exc.lineno} kolom {exc.colno}: {exc.msg}") from exc
    return template_from_dict(data, source)


@lru_cache(maxsize=1)
def default_template() -> Template:
    """The shipped template, read once per process (the renderer is called for every preview)."""
    return load_template()
