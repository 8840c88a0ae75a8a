"""Registration on the pre-printed blanko (issue 24 item 1): each printer's offset and scale, the
calibration card found in the decoded byte stream where the setting puts it, and the print layer laid
out (not resampled) with the printer's correction."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.app import main
from desktop.domain.registration import (
    IDENTITY,
    MAX_OFFSET_DOTS,
    Registration,
    checked,
    corrected,
    registration_key,
)
from desktop.errors import UserFacingError
from desktop.render.calibration_card import ARM, calibration_marks, marks_at
from desktop.store.models import AuditLog, Blanko, BlankoMovement, PrinterRegistration
from tests.helpers.fixtures import add_resident, catch_up, make_station
from tests.unit.test_evolis_guide_decoder import decode_card


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """The card renderer needs a Qt application."""


# -- the correction itself ------------------------------------------------------------------------


def test_offset_and_scale_are_refused_past_2_mm_and_5_percent():
    assert checked(MAX_OFFSET_DOTS, -MAX_OFFSET_DOTS, 5, -5) == Registration(23, -23, 1.05, 0.95)
    for values in ((24, 0, 0, 0), (0, -24, 0, 0), (0, 0, 5.01, 0), (0, 0, 0, float("nan"))):
        with pytest.raises(UserFacingError):
            checked(*values)


def test_scale_is_about_the_card_centre():
    r = Registration(0, 0, 1.05, 0.95)
    assert r.map(505.5, 319.0) == (505.5, 319.0)
    assert r.map(0, 0) == pytest.approx((-25.275, 15.95))


def test_readings_from_a_card_give_a_registration_that_lands_on_the_labels():
    """A printer that stretches 2.3 % across and 3.7 % down (a Fargo driver) and shifts the page: the
    readings on the calibration card printed as drawn correct it to within half a dot at every mark."""
    def printer(x, y):  # where the printer puts a point of the print layer on the card
        return 505.5 + (x - 505.5) * 1.023 + 7.4, 319 + (y - 319) * 0.963 - 4.2

    marks = calibration_marks()
    printed = {name: printer(*point) for name, point in marks.named().items()}
    readings = (marks.a[0] - printed["A"][0], marks.c[0] - printed["C"][0],
                marks.a[1] - printed["A"][1], marks.b[1] - printed["B"][1])
    fixed = corrected(IDENTITY, marks.axes, readings)
    for point in marks.named().values():
        landed = printer(*fixed.map(*point))
        assert abs(landed[0] - point[0]) <= 0.6 and abs(landed[1] - point[1]) <= 0.6


def test_the_key_is_the_serial_or_the_uri_without_its_query():
    assert registration_key("E12345", "usb://0F49:5D10/E12345") == "serial:E12345"
    assert registration_key(None, "spooler://Fargo?timeout=60") == "uri:spooler://Fargo"


# -- the print layer is laid out with the correction ------------------------------------------------


def test_an_offset_moves_every_pixel_of_the_layer_exactly(station):
    """Text, photo and signature are drawn in moved geometry: whole-dot offsets give the same pixels, moved."""
    from desktop.render.card import render_front_raster
    from desktop.render.samples import sample_cards

    card = sample_cards()["ordinary"]
    plain = render_front_raster(card)
    moved = render_front_raster(card, registration=Registration(9, -6))
    a = np.frombuffer(plain.rgb, np.uint8).reshape(638, 1011, 3)
    b = np.frombuffer(moved.rgb, np.uint8).reshape(638, 1011, 3)
    assert (b[6:, 9:] != 255).any()
    assert np.array_equal(b[40:600, 40:1000], a[46:606, 31:991])
    assert moved.halftone == (plain.halftone[0] + 9, plain.halftone[1] - 6, *plain.halftone[2:])


def test_a_scaled_layer_is_drawn_sharp_not_resampled():
    """Scaled text keeps hard black cores: the share of pure black among inked pixels stays as drawn."""
    from desktop.render.card import render_front_raster
    from desktop.render.samples import sample_cards

    card = sample_cards()["ordinary"]

    def black_share(registration):
        rgb = np.frombuffer(render_front_raster(card, registration=registration).rgb, np.uint8).reshape(638, 1011, 3)
        text = rgb[:, :600]  # rows of labels and values, left of the photo
        inked = (text < 250).any(axis=2)
        return (text[inked] == 0).all(axis=1).mean()

    assert black_share(Registration(0, 0, 1.04, 0.96)) > 0.9 * black_share(IDENTITY)


# -- calibration through the command line, read back from the byte stream ----------------------------


def _find_cross(k: np.ndarray, x: int, y: int, window: int = 12) -> tuple[int, int]:
    """The cross's centre near (x, y): the column and the row with the longest run of ink in the window."""
    left, top = max(0, x - window), max(0, y - window)
    area = k[max(0, y - ARM - window): y + ARM + window + 1, left: x + window + 1]
    column = int(np.argmax(area.sum(axis=0))) + left
    area = k[top: y + window + 1, max(0, x - ARM - window): x + ARM + window + 1]
    row = int(np.argmax(area.sum(axis=1))) + top
    return column, row


def _cli(data_dir: str, uri: str, *args: str) -> int:
    return main(["--data-dir", data_dir, "printer-probe", uri, "--user", "supervisor", *args])


def test_calibration_card_marks_are_where_the_setting_puts_them(tmp_path, monkeypatch):
    station = make_station(tmp_path)
    data_dir = str(station.services.data_dir)
    station.services.close()
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "supervisor123")
    out = tmp_path / "calibration.evolis"
    uri = f"file://{out}?ribbon=kb"
    # The first card showed the labels 5 dots right at A, 11 at C, 3 below at A and -6 at B.
    assert _cli(data_dir, uri, "--readings", "5", "11", "3", "-6") == 0
    [row] = PrinterRegistration.select()
    setting = Registration(row.offset_x, row.offset_y, row.scale_x, row.scale_y)
    assert setting == corrected(IDENTITY, calibration_marks().axes, (5, 11, 3, -6))
    assert not setting.identity
    assert _cli(data_dir, uri, "--calibrate") == 0

    _, panels, _ = decode_card(out.read_bytes())
    found = {name: _find_cross(panels["k"], x, y) for name, (x, y) in marks_at(setting).items()}
    for name, (x, y) in marks_at(setting).items():
        assert abs(found[name][0] - x) <= 1 and abs(found[name][1] - y) <= 1, (name, found[name], (x, y))
    as_drawn = marks_at(IDENTITY)
    assert any(abs(found[n][0] - as_drawn[n][0]) > 1 or abs(found[n][1] - as_drawn[n][1]) > 1 for n in found)

    spoiled = BlankoMovement.select().where(BlankoMovement.kind == "spoil")
    assert [(m.reason, m.user.username) for m in spoiled] == [("calibration", "supervisor")]
    assert Blanko.select().where(Blanko.state == "spoiled").count() == 1
    actions = [entry.action for entry in AuditLog.select().order_by(AuditLog.seq)]
    assert "printer.registration" in actions and "blanko.spoil" in actions


def test_a_white_card_books_no_blanko_and_an_operator_may_not_calibrate(tmp_path, monkeypatch):
    station = make_station(tmp_path)
    data_dir = str(station.services.data_dir)
    station.services.close()
    out = tmp_path / "white.evolis"
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "supervisor123")
    assert _cli(data_dir, f"file://{out}", "--calibrate", "--white-card") == 0
    assert out.stat().st_size > 0
    assert Blanko.select().where(Blanko.state == "spoiled").count() == 0
    assert "printer.test_card" in [entry.action for entry in AuditLog.select()]
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    assert main(["--data-dir", data_dir, "printer-probe", f"file://{out}", "--user", "operator",
                 "--readings", "1", "1", "1", "1"]) != 0
    assert PrinterRegistration.select().count() == 0


def test_readings_past_the_limits_are_refused_and_nothing_is_stored(tmp_path, monkeypatch, capsys):
    station = make_station(tmp_path)
    data_dir = str(station.services.data_dir)
    station.services.close()
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "supervisor123")
    assert _cli(data_dir, f"file://{tmp_path / 'x.evolis'}", "--readings", "40", "40", "0", "0") != 0
    assert "2 mm" in capsys.readouterr().err
    assert PrinterRegistration.select().count() == 0


def test_a_printed_card_follows_the_printers_registration(tmp_path, monkeypatch):
    """The issued card's raster is laid out with the registration stored for that printer."""
    from desktop.devices.file import FilePrinter
    from desktop.render.card import render_front_raster

    station = make_station(tmp_path)
    catch_up(station.clock)  # the print command below runs on the real clock: the card's date is today's
    nik = add_resident(name="SITI RAHMAWATI")
    out = tmp_path / "card.evolis"
    setting = Registration(4, -3, 1.01, 0.99)
    station.services.registrations.save(station.admin, f"file://{out}", None, "card.evolis", setting)
    data_dir = str(station.services.data_dir)
    card = station.services.residents.card_data(
        station.services.residents.find(nik), station.services.stations.require().issue_place,
        station.services.clock.today())
    station.services.close()
    given = []
    original = FilePrinter.print_card
    monkeypatch.setattr(FilePrinter, "print_card", lambda self, job, progress=None: (
        given.append(job.front), original(self, job, progress))[1])
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    assert main(["--data-dir", data_dir, "print", nik, "--printer", f"file://{out}", "--reason", "hilang",
                 "--user", "operator", "--documents", "all", "--letter-number", "LP/1/XI/2026"]) == 0
    assert given[0].rgb == render_front_raster(card, registration=setting).rgb
    assert given[0].rgb != render_front_raster(card).rgb


@pytest.mark.parametrize("setting", [Registration(-23, 23, 1.0, 0.95), Registration(23, -23, 0.95, 1.05),
                                     Registration(0, 0, 1.023, 1.037)])
def test_marks_at_the_limits_are_found_within_1_dot(tmp_path, monkeypatch, setting):
    station = make_station(tmp_path)
    out = tmp_path / "limits.evolis"
    station.services.registrations.save(station.supervisor, f"file://{out}", None, out.name, setting)
    data_dir = str(station.services.data_dir)
    station.services.close()
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "supervisor123")
    assert _cli(data_dir, f"file://{out}?compress=dbc4", "--calibrate", "--white-card") == 0
    _, panels, _ = decode_card(out.read_bytes())
    for name, (x, y) in marks_at(setting).items():
        found = _find_cross(panels["k"], x, y)
        assert abs(found[0] - x) <= 1 and abs(found[1] - y) <= 1, (name, found, (x, y))


def test_a_spooler_queue_has_its_registration_by_uri(station, tmp_path):
    """A print queue has no serial: its registration is kept under its URI and used for its cards."""
    from desktop.devices.qt_spooler import QtSpoolerPrinter

    printer = QtSpoolerPrinter("Fargo", pdf_path=str(tmp_path / "card.pdf"))
    station.services.registrations.save(station.admin, printer.uri, None, "Fargo", Registration(3, 4, 1.02, 1.03))
    assert station.services.issuance.registration_of(printer) == Registration(3, 4, 1.02, 1.03)


def test_a_printer_back_from_repair_with_another_serial_asks_for_calibration(station):
    registrations = station.services.registrations
    uri = "usb://0F49:5D10"
    assert registrations.state(uri, None, "E100").calibrated is False
    registrations.save(station.supervisor, uri, None, "E100", Registration(2, 1))
    assert registrations.state(uri, None, "E100") == registrations.state(uri, None, "E100")
    assert not registrations.state(uri, None, "E100").serial_changed
    back = registrations.state(uri, None, "E777")
    assert back.serial_changed and back.calibrated
    with pytest.raises(UserFacingError):
        registrations.save(station.operator, uri, None, "E777", IDENTITY)
