"""The rendered card: size, resolution, raster bytes, the two layers, PDF proof, photo and what is printed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from desktop.domain.card import CARD_HEIGHT_MM, CARD_HEIGHT_PX, CARD_WIDTH_MM, CARD_WIDTH_PX
from desktop.errors import UserFacingError
from desktop.render import (
    blanko_back,
    blanko_front,
    compose,
    default_template,
    layout_front,
    render_back,
    render_card_pdf,
    render_front,
    render_preview,
    to_raster,
)
from desktop.render.card import DOTS_PER_METER
from desktop.render.images import generated_portrait
from desktop.render.layout import mm
from desktop.render.samples import sample_cards

pytestmark = pytest.mark.usefixtures("qapp")  # one QApplication for the session, made by pytest-qt

CARDS = sample_cards()
ORDINARY = CARDS["ordinary"]


def _pixels(img: QImage) -> np.ndarray:
    raster = to_raster(img)
    return np.frombuffer(raster.rgb, dtype=np.uint8).reshape(raster.height, raster.width, 3)


def _photo_rect() -> tuple[int, int, int, int]:
    p = default_template().photo
    return round(mm(p.x_mm)), round(mm(p.y_mm)), round(mm(p.w_mm)), round(mm(p.h_mm))


def test_front_is_exactly_card_sized_at_300_dpi() -> None:
    img = render_front(ORDINARY)
    assert (img.width(), img.height()) == (CARD_WIDTH_PX, CARD_HEIGHT_PX) == (1011, 638)
    assert img.format() == QImage.Format.Format_RGB888
    assert img.dotsPerMeterX() == img.dotsPerMeterY() == DOTS_PER_METER
    assert round(img.dotsPerMeterX() * 0.0254) == 300


def test_back_is_pre_printed_so_nothing_is_printed_unless_the_template_asks() -> None:
    assert render_back() is None
    art = blanko_back()
    assert (art.width(), art.height(), art.format()) == (1011, 638, QImage.Format.Format_RGB888)
    assert art.dotsPerMeterX() == DOTS_PER_METER
    t = default_template()
    printed = render_back(replace(t, print=replace(t.print, back=True)))
    assert printed is not None and to_raster(printed).rgb == to_raster(art).rgb


def test_print_layer_carries_only_the_personal_data() -> None:
    """The blanko arrives with its security design printed: the printer must not lay a background."""
    layer = _pixels(render_front(ORDINARY))
    white = (layer == 255).all(axis=2)
    assert white[:, :30].all() and white[:, -25:].all() and white[-10:].all()  # edges: no ink at all
    assert white.mean() > 0.6  # text, photo and signature cover well under half of the card
    x, y, w, h = _photo_rect()
    assert not white[y : y + h, x : x + w].any()  # the photo is printed whole
    art = _pixels(blanko_front())
    assert not (art == 255).all(axis=2).any()  # the art has no white of its own: it is the paper


def test_preview_is_the_print_layer_multiplied_onto_the_blanko_art() -> None:
    layer, art = render_front(ORDINARY), blanko_front()
    preview = _pixels(render_preview(ORDINARY)).astype(int)
    ink, paper = _pixels(layer).astype(int), _pixels(art).astype(int)
    assert (preview == np.rint(paper * ink / 255)).all()
    white = (ink == 255).all(axis=2)
    assert (preview[white] == paper[white]).all()  # where nothing is printed the blanko shows
    black = (ink == 0).all(axis=2)
    assert black.sum() > 1000 and (preview[black] == 0).all()  # text stays black
    assert to_raster(compose(to_raster(layer), art)).rgb == to_raster(render_preview(ORDINARY)).rgb
    with pytest.raises(ValueError):
        compose(to_raster(layer.copy(0, 0, 100, 100)), art)


def test_raster_has_no_row_padding_and_matches_the_image() -> None:
    img = render_front(ORDINARY)
    assert img.bytesPerLine() != img.width() * 3  # 3033 bytes: Qt pads rows to 3036
    raster = to_raster(img)
    assert (raster.width, raster.height) == (1011, 638)
    assert len(raster.rgb) == 1011 * 638 * 3
    pixels = _pixels(img)
    for x, y in ((0, 0), (1010, 637), (500, 300), (777, 201)):
        c = img.pixelColor(x, y)
        assert tuple(pixels[y, x]) == (c.red(), c.green(), c.blue())


def test_raster_is_deterministic() -> None:
    for card in CARDS.values():
        assert to_raster(render_front(card)).rgb == to_raster(render_front(card)).rgb


def test_to_raster_converts_other_formats() -> None:
    img = QImage(5, 3, QImage.Format.Format_ARGB32)
    img.fill(QColor(10, 20, 30))
    raster = to_raster(img)
    assert raster.rgb == bytes([10, 20, 30]) * 15


def test_generated_portrait_background_follows_birth_year_on_the_card() -> None:
    x, y, w, h = _photo_rect()
    blue = _pixels(render_front(ORDINARY))[y + 4, x + 4]  # born 1990: even
    red = _pixels(render_front(CARDS["longest"]))[y + 4, x + 4]  # born 2001: odd
    assert blue[2] > 130 and blue[0] < 60, blue
    assert red[0] > 150 and red[2] < 60, red


def _png(img: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buffer, "PNG")
    return bytes(data.data())


def test_holders_own_photo_is_used_when_present() -> None:
    green = QImage(60, 80, QImage.Format.Format_RGB32)
    green.fill(QColor(0, 200, 0))
    card = replace(ORDINARY, photo_png=_png(green))
    x, y, w, h = _photo_rect()
    pixels = _pixels(render_front(card))
    assert tuple(pixels[y + h // 2, x + w // 2]) == (0, 200, 0)
    assert tuple(pixels[y + 2, x + 2]) == (0, 200, 0)


def test_unreadable_photo_is_an_error_the_operator_can_act_on() -> None:
    card = replace(ORDINARY, photo_png=b"not a png")
    with pytest.raises(UserFacingError, match="Foto"):
        render_front(card)
    with pytest.raises(UserFacingError, match="Foto"):
        render_card_pdf(card, io.BytesIO())


def test_front_shows_the_fields_as_printed() -> None:
    texts = {b.key: b.text for b in layout_front(ORDINARY)}
    assert texts["header.province"] == "PROVINSI BANTEN"
    assert texts["header.regency"] == "KABUPATEN TANGERANG"
    assert texts["nik.value"] == "3603011708900001"
    assert texts["name.value"] == "BUDI SANTOSO"
    assert texts["birth.value"] == "TANGERANG, 17-08-1990"
    assert texts["sex.value"] == "LAKI-LAKI"
    assert texts["blood.label"] == "Gol. Darah"
    assert texts["blood.value"] == "O"
    assert texts["rt_rw.value"] == "001/002"
    assert texts["religion.value"] == "ISLAM"
    assert texts["nationality.value"] == "WNI"
    assert texts["valid_until.value"] == "SEUMUR HIDUP"
    assert texts["issue.place"] == "KAB. TANGERANG"
    assert texts["issue.date"] == "22-11-2026"
    assert texts["address.value"].replace("\n", " ") == "JL. RAYA SERANG KM 24 GG. MAWAR NO. 12"
    assert {b.key: b.text for b in layout_front(replace(ORDINARY, sex="P"))}["sex.value"] == "PEREMPUAN"


def test_colons_are_aligned_and_blood_type_shares_the_sex_row() -> None:
    boxes = {b.key: b for b in layout_front(ORDINARY)}
    colons = [b for k, b in boxes.items() if k.endswith(".colon") and not k.startswith(("blood", "nik"))]
    assert len(colons) == 12
    assert len({round(b.rect[0], 3) for b in colons}) == 1
    assert boxes["blood.label"].origins[0][1] == pytest.approx(boxes["sex.value"].origins[0][1])
    assert boxes["blood.label"].rect[0] > boxes["sex.value"].rect[0] + boxes["sex.value"].rect[2]
    rows = [boxes[f"{k}.label"].origins[0][1] for k in ("name", "birth", "sex", "address", "rt_rw")]
    assert rows == sorted(rows)


def _boxes(pdf: bytes, name: bytes) -> list[tuple[float, ...]]:
    found = re.findall(rb"/" + name + rb"\s*\[\s*([-\d.\s]+?)\s*\]", pdf)
    return [tuple(float(v) for v in box.split()) for box in found]


def test_pdf_proof_shows_the_card_at_its_exact_size_with_a_caption_below(tmp_path) -> None:
    path = tmp_path / "card.pdf"
    render_card_pdf(ORDINARY, path)
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF")
    trims = _boxes(pdf, b"TrimBox")
    assert len(trims) == len(_boxes(pdf, b"MediaBox")) == 3  # finished front, print layer, back
    for (x0, y0, x1, y1), (_, m0, _, m1) in zip(trims, _boxes(pdf, b"MediaBox"), strict=True):
        assert (x1 - x0) / 72 * 25.4 == pytest.approx(CARD_WIDTH_MM, abs=0.005)
        assert (y1 - y0) / 72 * 25.4 == pytest.approx(CARD_HEIGHT_MM, abs=0.005)
        assert y1 == pytest.approx(m1) and y0 > m0  # the card at the top, the caption under it


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_pdf_proof_marks_the_blanko_art_as_pre_printed(tmp_path) -> None:
    render_card_pdf(ORDINARY, tmp_path / "card.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "card.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [" ".join(page.split()) for page in text.split("\f")[:3]]
    assert "kartu jadi" in pages[0] and "BLANKO PRACETAK" in pages[0] and "tidak mencetaknya" in pages[0]
    assert "BUDI SANTOSO" in pages[0]
    assert "lapisan cetak: hanya ini yang diterima printer" in pages[1] and "BUDI SANTOSO" in pages[1]
    assert "Belakang - BLANKO PRACETAK" in pages[2] and "REPUBLIK INDONESIA" in pages[2]


def test_pdf_without_back_has_two_pages_and_is_reproducible() -> None:
    first, second = io.BytesIO(), io.BytesIO()
    render_card_pdf(ORDINARY, first, back=False)
    render_card_pdf(ORDINARY, second, back=False)
    assert len(_boxes(first.getvalue(), b"TrimBox")) == 2
    assert first.getvalue() == second.getvalue()


def test_pdf_embeds_the_shipped_fonts() -> None:
    out = io.BytesIO()
    render_card_pdf(ORDINARY, out)
    fonts = set(re.findall(rb"/BaseFont /(\S+)", out.getvalue()))
    # Subsets of the shipped files; Helvetica is only reportlab's declared starting font, never drawn.
    assert {f.split(b"+")[-1] for f in fonts if b"+" in f} == {b"LiberationSans", b"LiberationSans-Bold"}


def _pdf_page(pdf: Path, page: int, tmp_path: Path) -> np.ndarray:
    """One page of the proof at 300 dpi, cut to the card (the caption band is below it)."""
    out = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(out)], check=True)
    image = QImage(f"{out}.png").convertToFormat(QImage.Format.Format_RGB888)
    assert abs(image.width() - 1011) <= 1
    return _pixels(image.copy(0, 0, min(image.width(), 1011), 638))


def _same_picture(raster: np.ndarray, pdf: np.ndarray) -> None:
    raster, pdf = raster.astype(int), pdf.astype(int)
    assert np.abs(pdf - raster).mean() < 6.0
    # Rasterisers anti-alias differently, so compare where the ink is, allowing one pixel of slack:
    # a misplaced line, word or picture would leave many ink pixels with no partner.
    for a, b in ((raster, pdf), (pdf, raster)):
        ink_a, ink_b = a.sum(axis=2) < 300, b.sum(axis=2) < 300
        near_b = ink_b.copy()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                near_b |= np.roll(np.roll(ink_b, dy, axis=0), dx, axis=1)
        assert (ink_a & near_b).sum() / ink_a.sum() > 0.98


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_pdf_and_raster_show_the_same_card(tmp_path) -> None:
    """Both come from one layout: rasterised at 300 dpi each view of the PDF looks like its raster."""
    card = CARDS["longest"]
    render_card_pdf(card, tmp_path / "card.pdf", back=False)
    _same_picture(_pixels(render_preview(card)), _pdf_page(tmp_path / "card.pdf", 1, tmp_path))
    _same_picture(_pixels(render_front(card)), _pdf_page(tmp_path / "card.pdf", 2, tmp_path))


def test_generated_portrait_is_cached_per_nik() -> None:
    a = generated_portrait("3603011708900001", 1990, "L")
    b = generated_portrait("3603011708900001", 1990, "L")
    assert a is b


def test_render_uses_the_given_template_and_the_art_never_reaches_the_printer() -> None:
    t = default_template()
    relabelled = replace(t, nik=replace(t.nik, label="N I K"))
    texts = {b.key: b.text for b in layout_front(ORDINARY, relabelled)}
    assert texts["nik.label"] == "N I K"
    default_raster = to_raster(render_front(ORDINARY)).rgb
    assert to_raster(render_front(ORDINARY, relabelled)).rgb != default_raster
    other_paper = replace(t, blanko=replace(t.blanko, front=replace(t.blanko.front, paper="#ffeeaa")))
    assert to_raster(render_front(ORDINARY, other_paper)).rgb == default_raster
    assert to_raster(render_preview(ORDINARY, other_paper)).rgb != to_raster(render_preview(ORDINARY)).rgb


def test_bleed_renders_past_the_trim_without_moving_the_card() -> None:
    bled = _pixels(render_front(ORDINARY, bleed_mm=1.0))
    assert bled.shape == (638 + 2 * 12, 1011 + 2 * 12, 3)  # 1 mm = 11.8 px, whole pixels
    assert (bled[12:-12, 12:-12] == _pixels(render_front(ORDINARY))).all()
    assert (bled[:12] == 255).all() and (bled[:, :12] == 255).all()


def test_worker_thread_renders_the_same_pixels() -> None:
    """The GUI renders previews off the GUI thread; a worker must get the very same card."""
    import threading

    result: list[bytes] = []
    worker = threading.Thread(target=lambda: result.append(to_raster(render_front(ORDINARY)).rgb))
    worker.start()
    worker.join(timeout=30)
    assert result == [to_raster(render_front(ORDINARY)).rgb]


def test_the_card_fonts_are_registered_without_reportlabs_search_of_every_metrics_file(tmp_path):
    """reportlab's getFont of an unknown name first parses every AFM file on its search path (~0.3-0.8 s a
    font): the first card after start-up paid it twice. In a fresh interpreter, as the first card meets it."""
    script = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "searched = []\n"
        "real = pdfmetrics.bruteForceSearchForAFM\n"
        "pdfmetrics.bruteForceSearchForAFM = lambda name: searched.append(name) or real(name)\n"
        "from desktop.render.fonts import font_metrics\n"
        "from desktop.render.template import default_template\n"
        "fonts = default_template().fonts\n"
        "metrics = [font_metrics(fonts.regular), font_metrics(fonts.bold)]\n"
        "assert all(m.pdf_name in pdfmetrics.getRegisteredFontNames() for m in metrics)\n"
        "print(len(metrics), searched)\n"
    )
    import sys

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    count, searched = done.stdout.split(" ", 1)
    assert int(count) == 2 and searched.strip() == "[]"
