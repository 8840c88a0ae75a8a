"""The queue ticket through the OS print queue (issue 25 item 3) against a real CUPS (a private `cupsd -f`,
tests/helpers/cups_server.py): what reaches the receipt queue's `file:` device is read back (poppler, zbar for the
QR code, tests/helpers/escpos_reference.py for a raw ESC/POS job), and each queue's trouble gives an outcome with
one sentence. The Windows branch (Qt's QPrinter, after Windows' own view of the printer) runs here too: Qt hands
its page to the same CUPS."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.devices import cups, winspool_api
from desktop.devices.ticket_printers import TicketOutcome, print_ticket
from desktop.devices.windows_spooler import PRINTER_PAPER_OUT, PRINTER_PAUSED
from desktop.devices.winspool_api import WindowsPrinter
from tests.helpers.escpos_reference import Cut, parse
from tests.helpers.platforms import force_platform
from tests.helpers.tickets import NIK, pdf_qr_codes, pdf_text, ticket_view


def _arrived(path: Path) -> Path:
    """The PDF at a queue's `file:` device once CUPS has written all of it."""
    deadline = time.monotonic() + 20
    while not (path.exists() and path.read_bytes().rstrip().endswith(b"%%EOF")):
        assert time.monotonic() < deadline, f"nothing arrived at {path}"
        time.sleep(0.1)
    return path


def _job_ids(queue: str) -> set[int]:
    return {job.id for job, _title in cups._jobs(queue)}  # the private CUPS keeps finished jobs in its history


def _nothing_left(queue: str) -> bool:
    return all(job.state in (cups.JobState.COMPLETED, cups.JobState.CANCELED, cups.JobState.ABORTED)
               for job, _title in cups._jobs(queue))


def test_the_ticket_goes_through_the_print_queue_as_a_pdf(cups_queues, tmp_path):
    view = ticket_view()

    outcome = print_ticket(view, "spooler://karcis")

    assert outcome == TicketOutcome(True)  # the queue completed the job before the outcome was given
    pdf = cups_queues.output("karcis")
    text = pdf_text(pdf)
    assert "B-007" in text and "KTP-el baru" in text and "Diambil pukul 07.12" in text
    assert pdf_qr_codes(pdf, tmp_path) == [view.ticket_id]
    assert NIK not in text


def test_a_raw_queue_gets_the_esc_pos_bytes_as_they_are(cups_queues):
    view = ticket_view()

    outcome = print_ticket(view, "spooler://karcis-raw?raw=1&paper=58")

    assert outcome == TicketOutcome(True)
    sent = cups_queues.raw_output("karcis-raw").read_bytes()
    receipt = parse(sent)
    assert receipt.line_with("B-007").width == 4
    assert [qr.data for qr in receipt.qr_codes] == [view.ticket_id.encode()]
    assert isinstance(receipt.events[-1], Cut) and NIK.encode() not in sent


@pytest.mark.parametrize(("queue", "why"), [
    ("habis", "Kertas printer karcis habis; isi gulungan kertas baru."),
    ("jeda", "Antrean printer karcis 'jeda' dijeda; lanjutkan antreannya di pengaturan printer."),
    ("tidak-ada", "Antrean printer karcis 'tidak-ada' tidak ada di sistem."),
])
def test_a_queue_that_cannot_print_gets_nothing(cups_queues, queue, why):
    before = _job_ids(queue) if queue != "tidak-ada" else set()

    outcome = print_ticket(ticket_view(), f"spooler://{queue}")

    assert outcome == TicketOutcome(False, why)
    assert not cups_queues.output(queue).exists()
    if queue != "tidak-ada":
        assert _job_ids(queue) == before


def test_a_driver_that_fails_is_a_ticket_not_printed(cups_queues):
    outcome = print_ticket(ticket_view(), "spooler://rusak")

    assert outcome == TicketOutcome(False, "Antrean printer karcis 'rusak' menghentikan karcis; periksa printer.")
    assert _nothing_left("rusak")


def test_a_ticket_the_queue_does_not_finish_in_time_is_cancelled(cups_queues):
    ticks = iter(range(1000))

    outcome = print_ticket(ticket_view(), "spooler://macet?wait=5", clock=lambda: next(ticks), sleep=lambda _s: None)

    assert outcome == TicketOutcome(False, "Printer karcis 'macet' tidak mencetak dalam 5 detik; karcis dibatalkan.")
    assert _nothing_left("macet")  # it cannot come out later, in someone else's hand


@pytest.fixture
def windows_view(monkeypatch, cups_queues, qapp):
    """Windows' branch here: its flags, and winspool's view of the printers (what Qt does not tell)."""
    force_platform(monkeypatch, "windows")
    printers = {"karcis": WindowsPrinter("karcis", "USB001", "POS-80 Printer", 0, 0, 0)}
    monkeypatch.setattr(winspool_api, "printers", lambda: list(printers.values()))
    return printers


def test_on_windows_the_ticket_is_drawn_for_the_driver(windows_view, cups_queues, tmp_path):
    view = ticket_view()

    outcome = print_ticket(view, "spooler://karcis")

    assert outcome == TicketOutcome(True)  # the driver took the page; CUPS then writes it out
    assert pdf_qr_codes(_arrived(cups_queues.output("karcis")), tmp_path) == [view.ticket_id]


@pytest.mark.parametrize(("status", "why"), [
    (PRINTER_PAPER_OUT, "Kertas printer karcis habis; isi gulungan kertas baru."),
    (PRINTER_PAUSED, "Printer karcis 'karcis' tidak siap (antrian printer dijeda)."),
])
def test_on_windows_a_printer_windows_reports_in_trouble_gets_nothing(windows_view, cups_queues, status, why):
    windows_view["karcis"] = WindowsPrinter("karcis", "USB001", "POS-80 Printer", status, 0, 0)
    before = _job_ids("karcis")

    outcome = print_ticket(ticket_view(), "spooler://karcis")

    assert outcome == TicketOutcome(False, why)
    assert _job_ids("karcis") == before


def test_on_windows_a_raw_ticket_is_refused_with_the_way_out(windows_view):
    outcome = print_ticket(ticket_view(), "spooler://karcis?raw=1")
    assert not outcome.printed and "escpos-usb://" in outcome.why
