"""The rules for print jobs left behind (the application stopped mid-card): who answers, what the
answers mean, and what the person at the PC is told. Qt-free, for the main window's question today and
the supervisor's panel next; the answer itself is recorded by `JobService.settle`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.job_outcome import supervisor_question, unfinished_outcome
from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP, Message, msg
from desktop.services.jobs import OUTCOMES, UnfinishedJob
from desktop.services.session import CurrentUser

_C = "Recovery"

# The answers, in the order offered, with what each records (jobs.OUTCOMES' keys).
ANSWERS: dict[str, str] = {
    "good": QT_TRANSLATE_NOOP(_C, "Kartu bagus"),
    "spoiled": QT_TRANSLATE_NOOP(_C, "Kartu rusak"),
    "nothing": QT_TRANSLATE_NOOP(_C, "Tidak ada kartu"),
}
assert tuple(ANSWERS) == OUTCOMES
# Not an answer: the job keeps its blanko and quota place until a supervisor decides.
LATER = QT_TRANSLATE_NOOP(_C, "Putuskan nanti")
MEANING = QT_TRANSLATE_NOOP(_C, "Kartu bagus: dicatat terbit. Kartu rusak: blanko dicatat rusak. "
                                "Tidak ada kartu: blanko kembali ke stok.")


@dataclass(frozen=True)
class RecoveryStep:
    """What the window does next: ask about `job`, or tell that `waiting` jobs wait for a supervisor."""

    job: UnfinishedJob | None = None
    rest: tuple[UnfinishedJob, ...] = ()
    waiting: int = 0


def next_step(user: CurrentUser | None, jobs: list[UnfinishedJob]) -> RecoveryStep | None:
    """None when there is nothing to ask or tell (no job, nobody logged in)."""
    if not jobs or user is None:
        return None
    if not user.can(Permission.RESOLVE_PRINT):  # an operator may not issue or write off a blanko alone
        return RecoveryStep(waiting=len(jobs))
    return RecoveryStep(job=jobs[0], rest=tuple(jobs[1:]))


def waiting_message(count: int) -> Message:
    return msg("{count} pencetakan terhenti saat aplikasi tertutup. Blanko dan kuotanya ditahan sampai supervisor "
               "masuk dan menyatakan apa yang keluar dari printer.", count=count)


def question(job: UnfinishedJob, printer_name: str) -> Message:
    """Asked as the job ended: uncertain after a printer fault, or stopped with the application."""
    outcome = unfinished_outcome(job.fault, running=False)
    return supervisor_question(outcome, job.name, job.nik, job.blanko_serial, printer_name)
