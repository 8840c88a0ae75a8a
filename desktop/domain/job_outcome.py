"""One wording for each outcome of a print job, wherever it is shown: the counter's queue and result
line, the citizen's check, the supervisor's question about a job left unfinished.

An operator saw "Gagal" in the queue while the result said "hasilnya tidak pasti", then "sedang
dicetak" for the citizen though nothing printed, then a supervisor was told "the application closed
while printing" though it never closed. A job's outcome is decided here from what is stored (the job's
state, and the fault an uncertain end records on the job while it stays unfinished), and each place
takes its words from this table.
"""

from __future__ import annotations

from enum import StrEnum

from desktop.domain.text import QT_TRANSLATE_NOOP, Message, msg

_C = "JobOutcome"

# The fault an unfinished job carries after an uncertain end, when the printer gave none of its own.
UNCERTAIN_NO_FAULT = "uncertain"


class Outcome(StrEnum):
    PRINTING = "printing"  # the card is in the printer now
    PRINTED = "printed"
    FAILED = "failed"  # settled: the blanko spoiled or back in stock
    UNCERTAIN = "uncertain"  # an error while the card was in the printer: what came out is not known
    INTERRUPTED = "interrupted"  # the application stopped while the card was in the printer
    JOURNALED = "journaled"  # the outcome waits in the side journal until the database takes it


# The short label: the queue's status column, lists of jobs.
LABELS: dict[Outcome, str] = {
    Outcome.PRINTING: QT_TRANSLATE_NOOP(_C, "Sedang dicetak"),
    Outcome.PRINTED: QT_TRANSLATE_NOOP(_C, "Tercetak"),
    Outcome.FAILED: QT_TRANSLATE_NOOP(_C, "Gagal"),
    Outcome.UNCERTAIN: QT_TRANSLATE_NOOP(_C, "Hasil tidak pasti — tunggu supervisor"),
    Outcome.INTERRUPTED: QT_TRANSLATE_NOOP(_C, "Terhenti saat aplikasi tertutup"),
    Outcome.JOURNALED: QT_TRANSLATE_NOOP(_C, "Hasil disimpan di jurnal cadangan"),
}


def unfinished_outcome(fault: str | None, running: bool) -> Outcome:
    """A job still in queued/sending/printing: printing now (its process runs it), ended uncertain
    (a fault recorded), or stopped with the application."""
    if fault:
        return Outcome.UNCERTAIN
    return Outcome.PRINTING if running else Outcome.INTERRUPTED


def citizen_blocker(outcome: Outcome) -> Message:
    """Why the citizen's NIK cannot be printed while a job of theirs is unfinished."""
    if outcome is Outcome.PRINTING:
        return msg("KTP-el untuk NIK ini sedang dicetak. Tunggu sampai kartunya keluar dari printer.")
    if outcome is Outcome.UNCERTAIN:
        return msg("Hasil pencetakan KTP-el untuk NIK ini tidak pasti (printer bermasalah saat mencetak). "
                   "Supervisor memeriksa apa yang keluar dari printer dan mencatatnya; sampai itu NIK ini "
                   "tidak dapat dicetak.")
    return msg("Pencetakan KTP-el untuk NIK ini terhenti saat aplikasi tertutup. Supervisor memeriksa apa yang "
               "keluar dari printer dan mencatatnya; sampai itu NIK ini tidak dapat dicetak.")


def supervisor_question(outcome: Outcome, name: str, nik: str, blanko: str, printer: str) -> Message:
    """What a supervisor is asked about a job left unfinished."""
    if outcome is Outcome.UNCERTAIN:
        return msg("Hasil pencetakan KTP-el untuk {name} (NIK {nik}) pada blanko {blanko} di {printer} "
                   "tidak pasti: printer bermasalah saat mencetak. Apa yang keluar dari printer?",
                   name=name, nik=nik, blanko=blanko, printer=printer)
    return msg("Aplikasi tertutup saat mencetak KTP-el untuk {name} (NIK {nik}) pada blanko {blanko} di "
               "{printer}. Apa yang keluar dari printer?", name=name, nik=nik, blanko=blanko, printer=printer)
