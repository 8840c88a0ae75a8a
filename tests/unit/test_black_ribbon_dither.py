"""Black-only ribbons (issue 24 item 6): the photo prints dithered by error diffusion, text stays sharp.

The K panel is read back from the byte stream with the guide decoder (tests/unit/test_evolis_guide_decoder.py).
The photo's dot pattern is compared with a golden image within a tolerance (another Qt may scale the photo a
little differently, and error diffusion spreads such a change), and checked for what dithering must do: keep
the photo's middle tones as a share of dots, where a threshold at 128 keeps only its dark shapes.

Regenerate after an intended change (and look at it): KTP_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit -k dither
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.unit.test_evolis_guide_decoder import decode_card, print_to_file

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "kb_photo_dithered.png"
UPDATE = os.environ.get("KTP_UPDATE_GOLDEN") == "1"
BLOCK = 8  # the tolerance is on the share of dots in 8 x 8 blocks (what the eye sees)
MAX_BLOCK_DIFFERENCE = 0.25
MAX_PIXELS_DIFFERENT = 0.10  # of the photo's pixels


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """The card renderer needs a Qt application."""


def _blocks(bits: np.ndarray) -> np.ndarray:
    h, w = (bits.shape[0] // BLOCK) * BLOCK, (bits.shape[1] // BLOCK) * BLOCK
    return bits[:h, :w].reshape(h // BLOCK, BLOCK, w // BLOCK, BLOCK).mean(axis=(1, 3))


def _photo_k(tmp_path, monkeypatch, ribbon: str) -> tuple[np.ndarray, np.ndarray]:
    stream, raster = print_to_file(tmp_path, monkeypatch, f"?ribbon={ribbon}")
    _, panels, _ = decode_card(stream)
    x, y, w, h = print_to_file.halftone
    return panels["k"][y : y + h, x : x + w].astype(np.uint8), raster[y : y + h, x : x + w]


def test_the_photo_prints_dithered_and_matches_the_golden_image(tmp_path, monkeypatch):
    k, photo = _photo_k(tmp_path, monkeypatch, "kb")
    darkness = 1 - (photo[..., 0] * 299 + photo[..., 1] * 587 + photo[..., 2] * 114) / 1000 / 255
    middle = (darkness > 0.25) & (darkness < 0.75)
    assert middle.mean() > 0.2, "the sample photo has middle tones"
    # Error diffusion keeps each area's tone as a share of dots; a threshold at 128 would not.
    assert np.abs(_blocks(k.astype(float)) - _blocks(darkness)).mean() < 0.08
    thresholded = (darkness > 0.5).astype(float)
    assert np.abs(_blocks(thresholded) - _blocks(darkness)).mean() > 2 * np.abs(
        _blocks(k.astype(float)) - _blocks(darkness)).mean()

    image = QImage(k.shape[1], k.shape[0], QImage.Format.Format_Grayscale8)
    for row in range(k.shape[0]):
        image.scanLine(row)[: k.shape[1]] = ((1 - k[row]) * 255).astype(np.uint8).tobytes()
    if UPDATE:
        assert image.save(str(GOLDEN), "PNG")
        pytest.skip(f"golden image {GOLDEN.name} written")
    golden = QImage(str(GOLDEN))
    assert (golden.width(), golden.height()) == (k.shape[1], k.shape[0])
    golden = golden.convertToFormat(QImage.Format.Format_Grayscale8)
    expected = np.array([np.frombuffer(golden.constScanLine(row), np.uint8, count=golden.width())
                         for row in range(golden.height())]) < 128
    assert np.abs(_blocks(expected.astype(float)) - _blocks(k.astype(float))).max() <= MAX_BLOCK_DIFFERENCE
    assert (expected != k.astype(bool)).mean() <= MAX_PIXELS_DIFFERENT


def test_ko_ribbons_dither_the_photo_too(tmp_path, monkeypatch):
    k, photo = _photo_k(tmp_path, monkeypatch, "ko")
    darkness = 1 - photo.mean(axis=2) / 255
    assert np.abs(_blocks(k.astype(float)) - _blocks(darkness)).mean() < 0.08
