"""The counter's rules without widgets (desktop/services/counter.py): what blocks the Print button, in
the order the operator fixes it, and the request the form makes, on a real station's verification."""

from __future__ import annotations

from desktop.devices.base import Fault, PrinterState, PrinterStatus
from desktop.services.counter import CounterForm, PrinterFacts
from desktop.services.issuance import PrintRequest, no_stock_message
from tests.helpers.fixtures import PAMULANG, add_resident

READY = PrinterFacts(configured=True, ready=True)


def verified(station, nik: str):
    return station.services.residents.verify(nik, (PAMULANG,))


def test_nothing_checked_yet_asks_for_the_nik_first():
    form = CounterForm(verification=None, in_stock=5, printer=READY)
    assert form.problems() == ["Periksa NIK penduduk terlebih dahulu."]
    assert form.request() is None


def test_a_refused_resident_shows_only_the_refusal(station):
    nik = add_resident(status="DUPLICATE_RECORD")
    verification = verified(station, nik)
    assert verification.blockers
    form = CounterForm(verification=verification, reason="", in_stock=0,
                       printer=PrinterFacts(configured=False, ready=False))
    assert form.problems() == list(verification.blockers)


def test_reason_documents_numbers_stock_and_printer_in_the_operators_order(station):
    nik = add_resident()
    verification = verified(station, nik)
    assert verification.printable
    form = CounterForm(verification=verification, in_stock=0, printer=PrinterFacts(configured=False, ready=False))
    assert form.problems() == ["Pilih alasan pencetakan.", no_stock_message(),
                               "Tidak ada printer yang terpasang di stasiun ini."]
    lost = CounterForm(verification=verification, reason="hilang", confirmed=frozenset({"police_letter"}),
                       numbers={"police_letter": ""}, in_stock=3, printer=READY)
    assert lost.problems() == ["Konfirmasi dokumen: Kartu Keluarga (KK).",
                               "Tuliskan nomor: Surat keterangan kehilangan dari kepolisian."]
    done = CounterForm(verification=verification, reason="hilang", confirmed=frozenset({"kk", "police_letter"}),
                       numbers={"police_letter": "SKH/123/XII/2026"}, in_stock=3, printer=READY)
    assert done.problems() == []
    assert done.request() == PrintRequest(nik=nik, reason="hilang", documents=frozenset({"kk", "police_letter"}),
                                          numbers={"police_letter": "SKH/123/XII/2026"})


def test_printer_problems_say_what_the_printer_is_doing(station):
    verification = verified(station, add_resident())

    def problems(printer: PrinterFacts) -> list[str]:
        form = CounterForm(verification=verification, reason="baru", confirmed=frozenset({"kk"}), in_stock=1,
                           printer=printer)
        return form.problems()

    assert problems(PrinterFacts(configured=True, ready=False, all_busy=True)) == [
        "Printer sedang mencetak kartu lain; kartu berikutnya dapat dicetak setelah selesai."]
    assert problems(PrinterFacts(configured=True, ready=False)) == ["Memeriksa printer…"]
    jammed = PrinterFacts(configured=True, ready=False, status=PrinterStatus(PrinterState.ATTENTION, Fault.JAM))
    [sentence] = problems(jammed)
    assert sentence.endswith(" Tombol Cetak aktif lagi begitu printer siap.") and "macet" in sentence
    odd = PrinterFacts(configured=True, ready=False, status=PrinterStatus(PrinterState.UNKNOWN))
    assert problems(odd) == ["Status printer tidak diketahui. Periksa printer, lalu tunggu sebentar."]


def test_a_ready_printer_held_at_attention_is_a_note_not_a_refusal():
    held = PrinterStatus(PrinterState.ATTENTION, Fault.NO_CARD, "NACK F")
    form = CounterForm(verification=None, in_stock=5, printer=PrinterFacts(configured=True, ready=True, held=held))
    (note,) = form.notes()
    assert "perlu perhatian" in note and "Blanko di printer habis" in note
    assert form.problems() == ["Periksa NIK penduduk terlebih dahulu."]
    assert CounterForm(verification=None, in_stock=5, printer=READY).notes() == []
