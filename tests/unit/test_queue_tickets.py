"""The queue ticket's paper (issue 25 item 3): ESC/POS to a USB receipt printer, read back byte by byte with a
reader written from Epson's reference (tests/helpers/escpos_reference.py) from what reached a libusb-level fake
device; a PDF in a folder, read back with poppler and its QR code decoded by zbar; the targets' words."""

from __future__ import annotations

import sys
from datetime import date, datetime

import pytest

from desktop.devices.ticket_printers import TicketOutcome, print_ticket, ticket_file_name
from desktop.documents.ticket import ticket_pdf, ticket_text, wait_text
from tests.helpers.escpos_reference import Cut, EscPosError, parse
from tests.helpers.platforms import force_platform
from tests.helpers.receipt_usb import ReceiptPrinterBackend
from tests.helpers.tickets import JAKARTA, NIK, pdf_qr_codes, pdf_text, ticket_view

USB = "escpos-usb://0416:5011"


def _words(receipt) -> str:
    return " ".join(line.text for line in receipt.lines if line.text)


@pytest.mark.parametrize(("paper", "code_size"), [("58", 4), ("80", 5)])
def test_a_receipt_printer_prints_the_number_large_and_a_qr_code_of_the_ticket_id_only(paper, code_size):
    device = ReceiptPrinterBackend()
    view = ticket_view(priority="lansia")

    outcome = print_ticket(view, f"{USB}?paper={paper}", usb_backend=device)

    assert outcome == TicketOutcome(True)
    receipt = parse(bytes(device.received))
    assert receipt.initialized == 1 and device.received.startswith(b"\x10\x04\x04\x1b@")  # paper asked, then ESC @
    number = receipt.line_with("B-007")
    assert (number.text, number.bold, number.width, number.height, number.align) == (
        "B-007", True, code_size, code_size, "center")
    assert receipt.line_with("KTP-el baru").width == 2
    words = _words(receipt)
    for expected in ("Kecamatan Pamulang", "Loket 1", "NOMOR ANTRIAN", "Prioritas: Lansia (60 tahun ke atas)",
                     "Untuk hari Senin, 7 Desember 2026", "Diambil pukul 07.12", "Perkiraan tunggu: sekitar 45 menit",
                     "Karcis hilang? Sebutkan nomor Anda kepada petugas untuk dicetak ulang."):
        assert expected in words
    columns = {"58": 32, "80": 48}[paper]
    assert all(len(line.text) * line.width <= columns for line in receipt.lines)  # nothing runs off the roll
    [qr] = receipt.qr_codes
    assert qr.data == view.ticket_id.encode() and qr.model == "2" and qr.level == "M"
    assert NIK.encode() not in device.received and NIK[:6].encode() + NIK[-4:].encode() not in device.received
    assert isinstance(receipt.events[-1], Cut) and receipt.events[-1].kind == "full"
    assert receipt.status_requests == [4, 4]  # the roll before and after the ticket


def test_the_reader_refuses_bytes_the_reference_does_not_allow():
    with pytest.raises(EscPosError, match="cut short"):
        parse(b"\x1d(k\x03\x001")
    with pytest.raises(EscPosError, match="never printed"):
        parse(b"\x1b@B-007")
    with pytest.raises(EscPosError, match="no data stored"):
        parse(b"\x1d(k\x03\x001Q0")
    with pytest.raises(EscPosError, match="not a command"):
        parse(b"\x1b\x47\x01")


def test_paper_out_prints_nothing_and_says_so():
    device = ReceiptPrinterBackend()
    device.paper = "out"

    outcome = print_ticket(ticket_view(), USB, usb_backend=device)

    assert outcome == TicketOutcome(False, "Kertas printer karcis habis; isi gulungan kertas baru.")
    assert bytes(device.received) == b"\x10\x04\x04"  # only the question: no ticket half printed


def test_paper_running_out_during_the_ticket_is_not_printed():
    device = ReceiptPrinterBackend()
    device.paper_out_after = 200

    outcome = print_ticket(ticket_view(), USB, usb_backend=device)

    assert not outcome.printed and "habis saat mencetak" in outcome.why


def test_a_low_roll_still_prints():
    device = ReceiptPrinterBackend()
    device.paper = "low"
    assert print_ticket(ticket_view(), USB, usb_backend=device).printed


def test_a_missing_printer_is_one_sentence():
    device = ReceiptPrinterBackend()
    device.plugged = False

    outcome = print_ticket(ticket_view(), USB, usb_backend=device)

    assert outcome == TicketOutcome(False, "Printer karcis 0416:5011 tidak terhubung; periksa kabel USB dan daya "
                                           "printer.")


def test_a_printer_without_the_udev_rule_names_it_on_linux(monkeypatch):
    force_platform(monkeypatch, "linux")
    device = ReceiptPrinterBackend()
    device.access_denied = True

    outcome = print_ticket(ticket_view(), USB, usb_backend=device)

    assert not outcome.printed and "aturan udev" in outcome.why and not device.received


def test_a_printer_without_winusb_names_zadig_on_windows(monkeypatch):
    force_platform(monkeypatch, "windows")
    device = ReceiptPrinterBackend()
    device.winusb_missing = True

    outcome = print_ticket(ticket_view(), USB, usb_backend=device)

    assert not outcome.printed and "WinUSB" in outcome.why and "Zadig" in outcome.why and not device.received


def test_without_python_escpos_the_station_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "escpos", None)  # as if the `escpos` extra were not installed
    device = ReceiptPrinterBackend()

    outcome = print_ticket(ticket_view(), USB, usb_backend=device)

    assert outcome == TicketOutcome(False, "Dukungan printer karcis ESC/POS (python-escpos) tidak terpasang di "
                                           "stasiun ini.")


@pytest.mark.parametrize("paper", ["58", "80", "a6"])
def test_a_pdf_ticket_in_a_folder_reads_back_with_its_qr_code(tmp_path, paper):
    folder = tmp_path / "karcis"
    folder.mkdir()
    view = ticket_view(code="H-012", service="hilang", service_label="Hilang", estimated_wait_minutes=None)

    outcome = print_ticket(view, f"pdf://{folder}?paper={paper}")

    assert outcome == TicketOutcome(True)
    pdf = folder / "antrian-2026-12-07-H-012.pdf"
    assert [p.name for p in folder.iterdir()] == [pdf.name]
    text = pdf_text(pdf)
    for expected in ("Kecamatan Pamulang", "H-012", "Hilang", "Untuk hari Senin, 7 Desember 2026",
                     "Diambil pukul 07.12", "Perkiraan tunggu: belum dapat diperkirakan", "Karcis hilang?"):
        assert expected in text
    assert pdf_qr_codes(pdf, tmp_path) == [view.ticket_id]
    assert NIK not in text and NIK.encode() not in pdf.read_bytes()


def test_the_pdf_is_the_same_bytes_for_the_same_ticket():
    view = ticket_view()
    assert ticket_pdf(view, "80") == ticket_pdf(view, "80")


def test_a_pdf_folder_that_is_missing_prints_nothing(tmp_path):
    outcome = print_ticket(ticket_view(), f"pdf://{tmp_path / 'tidak-ada'}")
    assert outcome == TicketOutcome(False, f"Folder karcis {tmp_path / 'tidak-ada'} tidak ada.")


def test_on_screen_only_is_not_a_fault():
    assert print_ticket(ticket_view(), "") == TicketOutcome(False, None)


@pytest.mark.parametrize(("target", "words"), [
    ("lpt1", "awali dengan spooler://"),
    ("escpos-usb://printer", "VID:PID dalam heksadesimal"),
    ("escpos-usb://0416:5011?paper=a6", "kertas harus salah satu dari 58, 80"),
    ("spooler://Karcis?raw=1&paper=a6", "kertas harus salah satu dari 58, 80"),
    ("spooler://Karcis?warna=merah", "parameter tidak dikenal warna"),
    ("spooler://Karcis?wait=lama", "wait berupa angka detik"),
    ("pdf://", "nama printer atau folder kosong"),
])
def test_a_target_that_cannot_be_read_is_one_sentence(target, words):
    outcome = print_ticket(ticket_view(), target)
    assert not outcome.printed and words in outcome.why and outcome.why.startswith("Tujuan printer karcis")


def test_a_ticket_for_the_next_open_day_says_both_days():
    view = ticket_view(day=date(2026, 12, 8), issued_at=datetime(2026, 12, 7, 14, 55, tzinfo=JAKARTA))
    text = ticket_text(view)
    assert text.day == "Untuk hari Selasa, 8 Desember 2026"
    assert text.issued == "Diambil Senin, 7 Desember 2026 pukul 14.55"


@pytest.mark.parametrize(("minutes", "words"), [
    (None, "belum dapat diperkirakan"), (0, "kurang dari 5 menit"), (45, "sekitar 45 menit"),
    (130, "sekitar 2 jam 10 menit"),
])
def test_the_estimated_wait_in_words(minutes, words):
    assert wait_text(minutes) == f"Perkiraan tunggu: {words}"


def test_the_qr_code_holds_a_ticket_id_and_nothing_else():
    with pytest.raises(ValueError):
        ticket_text(ticket_view(ticket_id=f"id {NIK}"))
    assert ticket_file_name(ticket_view()) == "antrian-2026-12-07-B-007.pdf"


def test_on_windows_a_receipt_printer_another_program_holds_is_named_so(monkeypatch):
    force_platform(monkeypatch, "windows")
    device = ReceiptPrinterBackend()
    device.access_denied = True  # what WinUSB answers to a second program

    outcome = print_ticket(ticket_view(), USB, usb_backend=device)

    assert not outcome.printed and "dipakai program lain" in outcome.why and "udev" not in outcome.why


def test_the_receipt_printers_udev_rule_covers_the_known_vendors_and_only_printer_interfaces():
    import re

    from desktop.devices.escpos_ticket import RECEIPT_VENDORS
    from desktop.resources import resource_path
    from tests.helpers.receipt_usb import VENDOR

    text = resource_path("udev", "61-ktp-mandiri-receipt-printers.rules").read_text()
    rules = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    vendors = {int(re.search(r'ATTR\{idVendor\}=="([0-9a-f]{4})"', rule).group(1), 16) for rule in rules}
    assert vendors == RECEIPT_VENDORS and VENDOR in vendors
    for rule in rules:
        assert 'SUBSYSTEM=="usb"' in rule and 'ENV{ID_USB_INTERFACES}=="*:0701*"' in rule
        assert 'TAG+="uaccess"' in rule and 'MODE="0660"' in rule and 'GROUP="plugdev"' in rule


def test_a_windows_folder_and_a_queue_name_with_spaces_are_read_as_written():
    from desktop.devices.ticket_printers import parse_target

    assert parse_target("pdf://C:/Antrian/Karcis?paper=a6").name == "C:/Antrian/Karcis"
    target = parse_target("spooler://POS%2080%20Loket?raw=1&paper=58&wait=5")
    assert (target.kind, target.name, target.paper, target.raw, target.wait) == ("spooler", "POS 80 Loket", "58",
                                                                                  True, 5.0)
