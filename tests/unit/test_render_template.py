"""The card template an IT officer edits: defaults, partial files, and clear errors for broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.errors import UserFacingError
from desktop.render.template import (
    DEFAULTS,
    TemplateError,
    default_template,
    default_template_path,
    load_template,
    template_from_dict,
)


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "template.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_shipped_file_matches_the_defaults_in_code() -> None:
    """The file is what the officer edits; the code's defaults must say the same thing."""
    assert default_template_path().is_file()
    assert load_template(default_template_path()) == template_from_dict({})
    assert default_template() == template_from_dict({})


def test_shipped_file_explains_itself() -> None:
    data = json.loads(default_template_path().read_text(encoding="utf-8"))
    assert any("millimetres" in line for line in data["_comment"])


def test_partial_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    t = load_template(
        _write(tmp_path, {"rows": {"size_pt": 7}, "fields": {"name": {"label": "Nama Lengkap"}}})
    )
    assert t.rows.size_pt == 7.0
    assert t.fields.name.label == "Nama Lengkap"
    assert t.fields.name.max_lines == DEFAULTS["fields"]["name"]["max_lines"]
    assert t.rows.top_mm == DEFAULTS["rows"]["top_mm"]


def test_comments_anywhere_are_ignored(tmp_path: Path) -> None:
    t = load_template(_write(tmp_path, {"_note": "x", "photo": {"_why": "bigger", "w_mm": 20.0}}))
    assert t.photo.w_mm == 20.0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"rows": {"size_pt": 6,}}', "JSON rusak di baris 1"),
        ("[1, 2]", "objek JSON"),
        ({"rows": {"sise_pt": 6}}, "'rows.sise_pt' tidak dikenal"),
        ({"rows": {"size_pt": "besar"}}, "'rows.size_pt' harus berupa angka"),
        ({"rows": {"size_pt": True}}, "'rows.size_pt' harus berupa angka"),
        ({"rows": 5}, "'rows' harus berupa objek"),
        ({"fields": {"name": {"max_lines": 2.5}}}, "'fields.name.max_lines' harus berupa bilangan bulat"),
        ({"fields": {"name": {"max_lines": 0}}}, "'fields.name.max_lines' harus antara 1 dan 6"),
        ({"colors": {"text": "black"}}, "colors.text"),
        ({"blanko": {"front": {"colors": []}}}, "'blanko.front.colors' harus berupa daftar"),
        ({"background": {"paper": "#ffffff"}}, "'background' tidak dikenal (sekarang 'blanko.front')"),
        ({"print": {"back": 1}}, "'print.back' harus true atau false"),
        ({"rows": {"value_right_mm": 70}}, "kolom foto"),
        ({"rows": {"size_pt": 3}}, "'rows.size_pt' harus antara min_font_pt"),
        ({"photo": {"x_mm": 80}}, "di dalam kolom foto"),
        ({"rows": {"bottom_mm": 60}}, "rows.bottom_mm"),
        ({"rows": {"top_mm": 40}}, "terlalu sempit"),
        ({"fonts": {"regular": "Comic.ttf"}}, "Comic.ttf"),
        ({"min_font_pt": -1}, "tidak boleh negatif"),
    ],
)
def test_broken_file_names_the_key_and_the_problem(tmp_path: Path, data: object, message: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    text = str(caught.value)
    assert message in text
    assert str(path) in text  # the officer learns which file to fix
    assert isinstance(caught.value, UserFacingError)


def test_missing_file_given_explicitly_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="tidak dapat dibaca"):
        load_template(tmp_path / "nope.json")


def test_template_is_hashable_for_caching() -> None:
    assert hash(default_template()) == hash(template_from_dict({}))
