"""The spooler path through Qt (Windows' print queues), seen through QPrinter's PDF output: page size,
margins and the painted card. The CUPS path is tested against a real CUPS in test_spooler_cups.py."""

from __future__ import annotations

import re
import zlib

import numpy as np
import pytest

from desktop.devices.base import PrinterState
from desktop.devices.qt_spooler import QtSpoolerPrinter, card_page_layout
from desktop.devices.registry import make_printer, open_printer, spooler_backend
from desktop.devices.spooler import spooler_uri
from desktop.domain.card import CardRaster
from desktop.errors import UserFacingError
from tests.helpers.usb_fake import card_array, card_job, raster_difference

MM_TO_PT = 72 / 25.4


def pdf_images(data: bytes) -> list[np.ndarray]:
    """The RGB pixels of each image XObject in a PDF that Qt wrote (JPEG streams)."""
    from PySide6.QtGui import QImage

    images = []
    for match in re.finditer(rb"/Subtype /Image.*?/Filter /DCTDecode\s*>>\s*stream\r?\n", data, re.S):
        start = match.end()
        end = data.index(b"endstream", start)
        image = QImage.fromData(data[start:end]).convertToFormat(QImage.Format.Format_RGB888)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        images.append(rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy())
    return images


def drawn_image_sizes(data: bytes) -> list[tuple[float, float]]:
    """Width and height in points of each image drawn by a page's content stream (scale-only matrices)."""
    sizes = []
    for match in re.finditer(rb"/Filter /FlateDecode\s*>>\s*stream\r?\n", data):
        content = zlib.decompress(data[match.end() : data.index(b"endstream", match.end())])
        if b" Do" not in content:
            continue
        sx = sy = 1.0
        for a, d in re.findall(rb"([-\d.]+) 0 0 ([-\d.]+) [-\d.]+ [-\d.]+ cm", content.split(b" Do")[0]):
            sx, sy = sx * float(a), sy * abs(float(d))
        sizes.append((sx, sy))
    return sizes


def test_card_page_is_the_card_size_without_margins():
    layout = card_page_layout()
    full = layout.fullRectPoints()
    assert layout.pageSize().size(layout.pageSize().Unit.Millimeter).toTuple() == pytest.approx((85.60, 53.98))
    assert (full.width(), full.height()) == (243, 153)  # 242.6 x 153.0 pt, whole points in Qt
    margins = layout.margins()
    assert (margins.left(), margins.top(), margins.right(), margins.bottom()) == (0, 0, 0, 0)


def test_card_prints_to_a_pdf_page_of_the_card_size(qapp, tmp_path):
    path = tmp_path / "card.pdf"
    printer = open_printer(f"spooler://Kartu?pdf={path}")
    steps = []
    printer.print_card(card_job(back=True), steps.append)
    data = path.read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert [(float(w), float(h)) for w, h in boxes] == [(243.0, 153.0)] * 2  # front and back pages
    assert float(boxes[0][0]) == pytest.approx(85.60 * MM_TO_PT, abs=0.5)
    assert float(boxes[0][1]) == pytest.approx(53.98 * MM_TO_PT, abs=0.5)
    images = pdf_images(data)
    assert len(images) == 2
    for image in images:
        assert image.shape == (638, 1011, 3)
        _, mean = raster_difference(card_array(), image)
        assert mean < 4  # JPEG in the PDF, so only close
    # the card fills the page: the image is drawn over the whole 243 x 153 pt page
    sizes = drawn_image_sizes(data)
    assert len(sizes) == 2
    for width, height in sizes:
        assert width == pytest.approx(243, abs=0.5) and height == pytest.approx(153, abs=0.5)
    assert printer.counters() == {"cards_printed": 1}
    assert [s.step for s in steps][-1] == "done"
    assert printer.status().state is PrinterState.READY


def test_wrong_raster_is_refused_before_printing(qapp, tmp_path):
    printer = QtSpoolerPrinter("x", pdf_path=str(tmp_path / "c.pdf"))
    job = card_job()
    bad = type(job)("bad", CardRaster(10, 10, bytes(300)))
    with pytest.raises(ValueError):
        printer.print_card(bad)
    assert not (tmp_path / "c.pdf").exists()


def test_spooler_uris_quote_the_queue_name():
    assert spooler_uri("Evolis Primacy/1") == "spooler://Evolis%20Primacy%2F1"
    assert make_printer("spooler://Evolis%20Primacy%2F1").name == "Evolis Primacy/1"


def test_bleed_makes_the_page_larger_by_as_much_on_every_side(qapp, tmp_path):
    path = tmp_path / "card.pdf"
    printer = open_printer(f"spooler://Kartu?pdf={path}&bleed=1.5")
    pixels = 18  # 1.5 mm at 300 dpi, rounded
    bled = np.pad(card_array(), ((pixels, pixels), (pixels, pixels), (0, 0)), constant_values=255)
    printer.print_card(type(card_job())("bled", CardRaster(bled.shape[1], bled.shape[0], bled.tobytes())))
    (w, h), = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", path.read_bytes())]
    assert w == pytest.approx((85.60 + 3) * MM_TO_PT, abs=0.5) and h == pytest.approx((53.98 + 3) * MM_TO_PT, abs=0.5)
    assert pdf_images(path.read_bytes())[0].shape == bled.shape


@pytest.mark.parametrize(
    ("uri", "problem"),
    [("spooler://", "nama antrean kosong"), ("spooler://K?bleed=5", "bleed antara 0 dan 3 mm"),
     ("spooler://K?bleed=x", "berupa angka"), ("spooler://K?timeout=0", "lebih dari 0"),
     ("spooler://K?duplex=2", "duplex"), ("spooler://K?speed=1", "speed tidak dikenal")],
)
def test_spooler_uri_mistakes_are_explained(uri, problem):
    with pytest.raises(UserFacingError, match=problem):
        make_printer(uri)


def test_each_print_system_has_its_own_printer_class(monkeypatch):
    from desktop.devices import cups
    from desktop.devices.cups_spooler import CupsSpoolerPrinter
    from tests.helpers.platforms import force_platform

    # Windows: Qt's print system, even where a libcups would load
    force_platform(monkeypatch, "windows")
    monkeypatch.setattr(cups, "available", lambda: True)
    assert spooler_backend() is QtSpoolerPrinter
    printer = make_printer("spooler://Kartu?bleed=1&timeout=9")
    assert type(printer) is QtSpoolerPrinter
    assert (printer.name, printer.bleed_mm, printer.print_timeout, printer.pdf_path) == ("Kartu", 1.0, 9.0, None)
    # Linux and macOS: CUPS where libcups is, Qt where it is not
    for system in ("linux", "macos"):
        force_platform(monkeypatch, system)
        assert type(make_printer("spooler://Kartu")) is CupsSpoolerPrinter
    monkeypatch.setattr(cups, "available", lambda: False)
    assert spooler_backend() is QtSpoolerPrinter
    # a PDF file is painted as Qt paints for a Windows driver, on every system
    monkeypatch.setattr(cups, "available", lambda: True)
    assert type(make_printer("spooler://Kartu?pdf=/tmp/c.pdf")) is QtSpoolerPrinter

