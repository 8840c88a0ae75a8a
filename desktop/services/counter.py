"""The counter's rules: what stands between the form and a print, and the request it makes.

Qt-free, so that the counter page, the supervisor's panel and a regency view apply the same rules and
tests check them without widgets. The page gathers the form's state into a `CounterForm` (what the
operator chose) and `PrinterFacts` (what its printer controller knows) and shows `problems()` in
order; the Print button is enabled when there are none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.devices.base import PrinterStatus
from desktop.domain.reasons import missing_documents, number_problems
from desktop.domain.text import Message, msg
from desktop.services.faults import fault_message
from desktop.services.issuance import PrintRequest, no_stock_message
from desktop.services.residents import Verification


@dataclass(frozen=True)
class PrinterFacts:
    """What the station knows of the printer the next card would go to."""

    configured: bool  # the station has at least one printer
    ready: bool  # the chosen printer, or the next ready one, can take a card now
    all_busy: bool = False  # every candidate is printing another card
    status: PrinterStatus | None = None  # the first candidate's shown status; None: not checked yet
    held: PrinterStatus | None = None  # a ready printer still shown at "needs attention": its last card's fault


@dataclass(frozen=True)
class CounterForm:
    """The counter's form as the operator filled it in."""

    verification: Verification | None
    reason: str = ""  # the reason's key; "" when none is chosen
    confirmed: frozenset[str] = frozenset()  # documents ticked
    numbers: dict[str, str] = field(default_factory=dict)  # letter numbers typed, by document
    in_stock: int = 0
    printer: PrinterFacts = PrinterFacts(configured=False, ready=False)

    def request(self) -> PrintRequest | None:
        """The print this form asks for; None while no resident is checked."""
        if self.verification is None or self.verification.resident is None:
            return None
        return PrintRequest(nik=self.verification.resident.nik, reason=self.reason, documents=self.confirmed,
                            numbers=dict(self.numbers))

    def problems(self) -> list[Message | str]:
        """Why the print button is disabled, in the order the operator should fix them."""
        if self.verification is None:
            return [msg("Periksa NIK penduduk terlebih dahulu.")]
        problems: list[Message | str] = list(self.verification.blockers)
        if problems:  # refused: reason and documents would not change that
            return problems
        if not self.reason:
            problems.append(msg("Pilih alasan pencetakan."))
        else:
            for doc in missing_documents(self.reason, set(self.confirmed), self.numbers):
                if doc.key in self.confirmed and doc.needs_number:
                    problems.append(msg("Tuliskan nomor: {document}.", document=doc.label))
                else:
                    problems.append(msg("Konfirmasi dokumen: {document}.", document=doc.label))
            problems.extend(number_problems(self.numbers))
        if self.in_stock <= 0:
            problems.append(no_stock_message())
        problems.extend(printer_problems(self.printer))
        return problems

    def notes(self) -> list[Message | str]:
        """What the operator should know though nothing is refused (shown after the problems)."""
        return printer_notes(self.printer)


def printer_notes(printer: PrinterFacts) -> list[Message | str]:
    """The printer reads ready but its last card failed on a fault it may not see (an Evolis with an empty
    feeder reads ready): said as the header says it, without blocking the print (a refilled printer whose
    note is stale still prints, and its next card clears the hold; desktop/ui/printer_controller.py)."""
    if not printer.ready or printer.held is None or printer.held.fault is None:
        return []
    return [msg("Printer perlu perhatian: kartu terakhir gagal. {fault} Kartu berikutnya dapat dicetak setelah "
                "diperiksa.", fault=fault_message(printer.held.fault))]


def printer_problems(printer: PrinterFacts) -> list[Message | str]:
    if not printer.configured:
        return [msg("Tidak ada printer yang terpasang di stasiun ini.")]
    if printer.ready:
        return []
    if printer.all_busy:
        return [msg("Printer sedang mencetak kartu lain; kartu berikutnya dapat dicetak setelah selesai.")]
    if printer.status is None:
        return [msg("Memeriksa printer…")]
    if printer.status.fault is not None:
        return [msg("{fault} Tombol Cetak aktif lagi begitu printer siap.", fault=fault_message(printer.status.fault))]
    return [msg("Status printer tidak diketahui. Periksa printer, lalu tunggu sebentar.")]
