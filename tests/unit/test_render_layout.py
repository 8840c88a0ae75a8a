"""Text never escapes its box: whatever the lengths, every word stays on the card, out of the photo
column and at a legible size. These tests need no Qt: the layout measures with the font files."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardData
from desktop.render.fonts import font_metrics
from desktop.render.layout import TextBox, fit, layout_back, layout_front, photo_column, plan_front, wrap
from desktop.render.samples import sample_cards
from desktop.render.template import default_template
from desktop.resources import resource_path

TEMPLATE = default_template()
BASE = sample_cards()["ordinary"]
EPS = 1e-6
# Baselines are snapped to whole pixels, so a box may sit up to half a pixel off its computed room.
SNAP = 0.5 + EPS


def _inside(inner: tuple[float, ...], outer: tuple[float, ...], slack: float = EPS) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox - slack and y >= oy - slack and x + w <= ox + ow + slack and y + h <= oy + oh + slack


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw - EPS and bx < ax + aw - EPS and ay < by + bh - EPS and by < ay + ah - EPS


def check_layout(card: CardData) -> list[TextBox]:
    """Every rule the card must keep, asserted for one card."""
    boxes = layout_front(card, TEMPLATE)
    plan = plan_front(card, TEMPLATE)
    card_rect = (0.0, 0.0, float(CARD_WIDTH_PX), float(CARD_HEIGHT_PX))
    column = photo_column(TEMPLATE)
    for box in boxes:
        assert box.size_pt >= TEMPLATE.min_font_pt - EPS, box
        assert _inside(box.rect, card_rect), box
        assert _inside(box.rect, box.limit, SNAP), box
        fm = font_metrics(box.font)
        for line in box.lines:
            assert fm.text_width_px(line, box.size_pt) <= box.limit[2] + EPS, (box.key, line)
        if box.region == "column":
            assert _inside(box.rect, column), box
        else:
            assert not _overlap(box.rect, column), box
    assert _inside(plan.photo, column) and _inside(plan.signature, column)
    assert _inside(plan.signature, card_rect)
    # Rows never run into each other: each row's ink ends above the next row's ink starts.
    rows = [b for b in boxes if b.region == "rows"]
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            assert not _overlap(a.rect, b.rect), (a.key, b.key)
    under_photo = [b for b in boxes if b.region == "column"]
    for b in under_photo:
        assert not _overlap(b.rect, plan.photo) and not _overlap(b.rect, plan.signature), b
    return boxes


def _joined(box: TextBox) -> str:
    return " ".join(box.lines)


def _text(max_size: int) -> st.SearchStrategy[str]:
    """Any length up to the limit, with values at or near the limit drawn often."""
    # Letters of Indonesian names and addresses (spaces weighted up), and the punctuation they use.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZWMabcdefghijklmnopqrstuvwxyz0123456789     .,'/-"
    return st.one_of(
        st.text(alphabet=alphabet, min_size=1, max_size=max_size),
        st.text(alphabet=alphabet, min_size=max(1, max_size - 8), max_size=max_size),
    )


cards = st.builds(
    replace,
    st.just(BASE),
    nik=st.text(alphabet="0123456789", min_size=16, max_size=16),
    name=_text(60),
    birth_place=_text(40),
    birth_date=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
    sex=st.sampled_from(["L", "P"]),
    blood_type=st.sampled_from(["A", "B", "AB", "O", "-"]),
    address=_text(120),
    rt=st.integers(0, 999),
    rw=st.integers(0, 999),
    village=_text(40),
    kecamatan=_text(40),
    regency=_text(45),
    province=_text(35),
    religion=_text(30),
    marital_status=_text(20),
    occupation=_text(40),
    issue_place=_text(40),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards)
def test_random_field_lengths_stay_in_their_boxes(card: CardData) -> None:
    check_layout(card)


def _longest(path: str, dots: int) -> list[str]:
    with resource_path("data", path).open(encoding="utf-8") as f:
        names = [row["name"] for row in csv.DictReader(f) if row["code"].count(".") == dots]
    return sorted(names, key=len, reverse=True)[:5]


@pytest.mark.parametrize("kecamatan", _longest("regions.csv", 2))
@pytest.mark.parametrize("village", _longest("villages-3603-3674.csv", 3))
def test_longest_region_names_fit_in_full(kecamatan: str, village: str) -> None:
    card = replace(BASE, kecamatan=kecamatan, village=village)
    boxes = {b.key: b for b in check_layout(card)}
    # Real names must be printed whole: no ellipsis, every word present.
    assert _joined(boxes["kecamatan.value"]) == kecamatan.upper()
    assert _joined(boxes["village.value"]) == village.upper()


@pytest.mark.parametrize("province", _longest("regions.csv", 0))
@pytest.mark.parametrize("regency", _longest("regions.csv", 1))
def test_longest_headers_fit_on_one_line(province: str, regency: str) -> None:
    boxes = {b.key: b for b in check_layout(replace(BASE, province=province, regency=regency))}
    assert boxes["header.province"].lines == (f"PROVINSI {province.upper()}",)
    assert boxes["header.regency"].lines == (regency.upper(),)


def test_longest_legal_name_and_address_wrap_without_loss() -> None:
    card = sample_cards()["longest"]
    assert len(card.name) == 60 and len(card.address) == 120
    boxes = {b.key: b for b in check_layout(card)}
    assert _joined(boxes["name.value"]) == card.name.upper()
    assert _joined(boxes["address.value"]) == " ".join(card.address.upper().split())
    assert len(boxes["address.value"].lines) > 1
    assert "\u2026" not in "".join(b.text for b in boxes.values())


def test_ordinary_card_keeps_the_template_sizes() -> None:
    boxes = {b.key: b for b in check_layout(BASE)}
    assert boxes["name.value"].size_pt == TEMPLATE.rows.size_pt
    assert boxes["nik.value"].size_pt == TEMPLATE.nik.size_pt
    assert boxes["nik.value"].size_pt > boxes["name.value"].size_pt
    assert boxes["nik.value"].font.endswith("Bold.ttf") and not boxes["name.value"].font.endswith("Bold.ttf")


def test_absurd_text_is_cut_with_an_ellipsis_rather_than_overflowing() -> None:
    card = replace(BASE, name="W" * 60, address="W" * 120, occupation="M" * 40, kecamatan="W" * 40)
    boxes = {b.key: b for b in check_layout(card)}
    assert boxes["address.value"].lines[-1].endswith("\u2026")
    assert all(b.size_pt >= TEMPLATE.min_font_pt for b in boxes.values())


def test_wrap_breaks_words_and_keeps_every_character() -> None:
    fm = font_metrics(TEMPLATE.fonts.regular)
    width = fm.text_width_px("MMMMM", 6.0)
    lines = wrap("JL. MMMMMMMMMMMM NO. 5", fm, 6.0, width)
    assert "".join(lines).replace(" ", "") == "JL.MMMMMMMMMMMMNO.5"
    assert all(fm.text_width_px(line, 6.0) <= width + EPS for line in lines)


def test_fit_shrinks_before_giving_up_but_not_below_the_minimum() -> None:
    fm = font_metrics(TEMPLATE.fonts.regular)
    text = "KECAMATAN YANG NAMANYA CUKUP PANJANG"
    width = fm.text_width_px(text, 5.5)
    lines, size = fit(text, fm, 6.3, 5.0, width, 1)
    assert lines == [text] and 5.0 <= size <= 5.5
    lines, size = fit(text * 3, fm, 6.3, 5.0, width, 1)
    assert size == 5.0 and lines[0].endswith("\u2026")


def test_back_text_is_centred_on_the_card() -> None:
    for box in layout_back(TEMPLATE):
        x, _, w, _ = box.rect
        assert x + w / 2 == pytest.approx(CARD_WIDTH_PX / 2, abs=0.5)
        assert _inside(box.rect, (0, 0, CARD_WIDTH_PX, CARD_HEIGHT_PX))
    assert [b.text for b in layout_back(TEMPLATE)][0] == "REPUBLIK INDONESIA"
