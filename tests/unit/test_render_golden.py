"""Golden images: the print layer of the three reference residents, one finished card (print layer
over the blanko art) and the blanko's back must keep looking as approved.

After an intended change to the design, regenerate and look at the new images before committing:
    KTP_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit -k golden
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop.render import blanko_back, render_front, render_preview, to_raster
from desktop.render.samples import sample_cards

pytestmark = pytest.mark.usefixtures("qapp")

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("KTP_UPDATE_GOLDEN") == "1"
# Another build of Qt or FreeType may anti-alias edges a little differently; nothing else may change.
# Two limits: few strong differences (text is dark on light, so a changed digit moves 66-225 pixels
# by more than 48) and few faint ones (the background lines are faint: a changed pattern moves
# well over 100,000 pixels by up to 48).
STRONG, MAX_STRONG = 48, 40
FAINT, MAX_FAINT = 12, 3000


def _array(img: QImage) -> np.ndarray:
    raster = to_raster(img)
    return np.frombuffer(raster.rgb, dtype=np.uint8).reshape(raster.height, raster.width, 3)


def _compare(name: str, img: QImage, tmp_path: Path) -> None:
    path = GOLDEN / f"{name}.png"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        assert img.save(str(path), "PNG")
        pytest.skip(f"golden image {path.name} written")
    assert path.is_file(), f"{path} is missing: run with KTP_UPDATE_GOLDEN=1 to create it"
    expected = QImage(str(path))
    assert (expected.width(), expected.height()) == (img.width(), img.height())
    diff = np.abs(_array(expected).astype(int) - _array(img).astype(int)).max(axis=2)
    strong, faint = int((diff > STRONG).sum()), int((diff > FAINT).sum())
    if strong > MAX_STRONG or faint > MAX_FAINT:
        actual = tmp_path / f"{name}.actual.png"
        img.save(str(actual), "PNG")
        pytest.fail(
            f"{name} differs from {path}: {strong} pixels by more than {STRONG} (allowed {MAX_STRONG}), "
            f"{faint} by more than {FAINT} (allowed {MAX_FAINT}); this render is at {actual}. "
            "If the change is intended, regenerate with KTP_UPDATE_GOLDEN=1 and look at the images."
        )


@pytest.mark.parametrize("resident", sorted(sample_cards()))
def test_front_matches_golden(resident: str, tmp_path: Path) -> None:
    _compare(f"front_{resident}", render_front(sample_cards()[resident]), tmp_path)


def test_finished_card_matches_golden(tmp_path: Path) -> None:
    _compare("preview_ordinary", render_preview(sample_cards()["ordinary"]), tmp_path)


def test_blanko_back_matches_golden(tmp_path: Path) -> None:
    _compare("blanko_back", blanko_back(), tmp_path)
