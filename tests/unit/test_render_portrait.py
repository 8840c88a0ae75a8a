"""Synthetic demo portraits and signatures: the background colour rule, stability, variety."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.render import portrait_png, signature_png
from desktop.render.portrait import PORTRAIT_SIZE, SIGNATURE_SIZE

pytestmark = pytest.mark.usefixtures("qapp")

NIKS = ["3603011708900001", "3674064512010003", "3603155506850004", "3674031201990002", "3603280101000001"]


def _image(data: bytes) -> QImage:
    assert data.startswith(b"\x89PNG")
    img = QImage.fromData(data)
    assert not img.isNull()
    return img


def _is_red(c: QColor) -> bool:
    return c.red() > 150 and c.green() < 70 and c.blue() < 70


def _is_blue(c: QColor) -> bool:
    return c.blue() > 130 and c.red() < 60 and c.green() < 110


@pytest.mark.parametrize("nik", NIKS)
@pytest.mark.parametrize("sex", ["L", "P"])
@pytest.mark.parametrize(("year", "odd"), [(1990, False), (1991, True), (2000, False), (1975, True)])
def test_background_is_red_for_odd_birth_years_and_blue_for_even(
    nik: str, sex: str, year: int, odd: bool
) -> None:
    img = _image(portrait_png(nik, year, sex))
    assert (img.width(), img.height()) == PORTRAIT_SIZE
    w, h = PORTRAIT_SIZE
    # The top corners and the top edge are background in every variant of the figure.
    for x, y in ((2, 2), (w - 3, 2), (w // 2, 3), (4, h // 3), (w - 5, h // 3)):
        colour = img.pixelColor(x, y)
        assert _is_red(colour) if odd else _is_blue(colour), (x, y, colour.name())


def test_portrait_shows_a_figure_in_the_middle() -> None:
    img = _image(portrait_png(NIKS[0], 1990, "L"))
    w, h = PORTRAIT_SIZE
    face = img.pixelColor(w // 2, int(h * 0.5))
    assert not _is_blue(face)


def test_same_nik_gives_the_same_bytes() -> None:
    assert portrait_png(NIKS[0], 1990, "L") == portrait_png(NIKS[0], 1990, "L")
    assert signature_png(NIKS[0], "Budi Santoso") == signature_png(NIKS[0], "Budi Santoso")


def test_different_residents_look_different() -> None:
    portraits = {portrait_png(nik, 1990, "P") for nik in NIKS}
    signatures = {signature_png(nik, "Siti Aminah") for nik in NIKS}
    assert len(portraits) == len(NIKS)
    assert len(signatures) == len(NIKS)


def test_signature_is_ink_on_a_transparent_background() -> None:
    img = _image(signature_png(NIKS[1], "Siti Nurhaliza"))
    assert (img.width(), img.height()) == SIGNATURE_SIZE
    assert img.hasAlphaChannel()
    assert img.pixelColor(0, 0).alpha() == 0
    w, h = SIGNATURE_SIZE
    inked = sum(1 for x in range(0, w, 2) for y in range(0, h, 2) if img.pixelColor(x, y).alpha() > 128)
    total = (w // 2) * (h // 2)
    assert 0.01 * total < inked < 0.25 * total  # a stroke, not a blot or nothing
