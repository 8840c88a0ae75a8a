"""Print jobs that are not finished: who owns them, and what happens to those left behind.

A job is owned by the process printing it through its OS lock (desktop/store/joblocks.py). While the
lock is held the job is being printed and nobody else touches it. Once it is free the job was left
behind, and what happens depends on how far it got:
- `queued`: nothing was sent to the printer, so it is released (blanko back, quota place freed) by
  the next command or GUI start, without a question;
- `sending` / `printing`: a card may have come out; a supervisor says what came out (`settle`);
- its outcome waits in the side journal: the next start writes it, without a question.
Every command and the GUI call `start()` once the database is open.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from peewee import SqliteDatabase

from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.issuance import IssuanceService, job_in_progress, settle_job
from desktop.services.quota import IN_PROGRESS_STATES
from desktop.services.session import CurrentUser
from desktop.store.errors import STORAGE_ERRORS
from desktop.store.joblocks import JobLockHeld, JobLocks, LockOwner
from desktop.store.journal import OutcomeJournal
from desktop.store.models import Blanko, PrintJob, Resident, User

log = logging.getLogger("ktp.jobs")

OUTCOMES = ("good", "spoiled", "nothing")


@dataclass(frozen=True)
class UnfinishedJob:
    """A print job in queued/sending/printing, with the process printing it (None: left behind)."""

    job_id: str
    nik: str
    name: str
    state: str
    printer_uri: str
    blanko_serial: str
    operator: str
    started_at: datetime  # UTC
    owner: LockOwner | None = None
    journaled: bool = False  # its outcome waits in the side journal
    fault: str | None = None  # set when it ended uncertain (desktop/domain/job_outcome.py), not with the app

    @property
    def settleable(self) -> bool:
        """Left behind with an unknown outcome: a supervisor says what came out of the printer."""
        return self.owner is None and not self.journaled

    def to_dict(self) -> dict:
        return {
            "job": self.job_id, "nik": self.nik, "name": self.name, "state": self.state,
            "printer": self.printer_uri, "blanko": self.blanko_serial, "operator": self.operator,
            "started_at": self.started_at.isoformat(), "owner": self.owner.to_dict() if self.owner else None,
            "journaled": self.journaled, "settleable": self.settleable,
        }


class JobService:
    def __init__(self, db: SqliteDatabase, issuance: IssuanceService, locks: JobLocks,
                 journal: OutcomeJournal) -> None:
        self.db = db
        self.issuance = issuance
        self.locks = locks
        self.journal = journal

    def start(self) -> None:
        """At every start: make the side journal, apply what it holds, release abandoned queued jobs.

        A storage fault here is logged, not raised: the command that needs to write says it in its
        own sentence, and the next start tries again.
        """
        try:
            self.journal.prepare()
        except OSError as exc:  # a full disk: printing is refused until the journal can be made
            log.warning("side journal not ready: %s", exc)
        try:
            self.apply_journal()
            self.release_abandoned()
        except STORAGE_ERRORS as exc:
            log.warning("left-behind jobs not tidied at start: %s", exc)

    def unfinished(self, station_id: str | None = None) -> list[UnfinishedJob]:
        """Jobs in queued/sending/printing, oldest first, each with its owner if one is printing it."""
        journaled = {entry.job_id for entry in self.journal.entries()}
        query = (
            PrintJob.select(PrintJob, Resident.name, Blanko.serial, User.username)
            .join(Resident, on=(PrintJob.resident == Resident.id))
            .switch(PrintJob).join(Blanko, on=(PrintJob.blanko == Blanko.id))
            .switch(PrintJob).join(User, on=(PrintJob.operator == User.id))
            .where(PrintJob.state.in_(IN_PROGRESS_STATES))
            .order_by(PrintJob.created_at)
        )
        # The station is compared here, not in SQL: SQLite would then walk the station's every job (a
        # year of cards, 56 ms) instead of the few in progress (bench/bench_office_panel.py).
        return [
            UnfinishedJob(job.id, job.nik, job.resident.name, job.state, job.printer_uri, job.blanko.serial,
                          job.operator.username, job.created_at, self.locks.owner(job.id), job.id in journaled,
                          job.fault)
            for job in query if station_id is None or job.station_id == station_id
        ]

    def left_behind(self, station_id: str | None = None) -> list[UnfinishedJob]:
        """What to ask a supervisor about: abandoned queued jobs are released first, without asking."""
        self.release_abandoned()
        return [job for job in self.unfinished(station_id) if job.settleable]

    def find(self, text: str) -> str:
        """The id of the job `text` names: the whole id or a unique beginning of at least 6 characters."""
        text = text.strip().lower()
        matches = [] if len(text) < 6 else [
            job.id for job in PrintJob.select(PrintJob.id).where(PrintJob.id.startswith(text)).limit(2)
        ]
        if len(matches) != 1:
            raise UserFacingError(
                msg("Pekerjaan cetak {job} tidak ditemukan; lihat daftarnya dengan 'ktp-mandiri jobs'.", job=text),
                code="job_unknown",
            )
        return matches[0]

    def settle(self, user: CurrentUser, job_id: str, outcome: str) -> None:
        """A supervisor says what came out of the printer for a job left behind.

        good: the card is issued and counts against the quota of the job's day; spoiled: the blanko is
        written off; nothing: the blanko goes back to stock. Audited as `print.recovered`. Refused while
        the job's owner still runs (JobRunning), and for a job already settled.
        """
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        user.require(Permission.RESOLVE_PRINT)  # an operator may not issue or write off a blanko alone
        job_in_progress(job_id)
        if any(entry.job_id == job_id for entry in self.journal.entries()):
            raise UserFacingError(
                msg("Hasil pekerjaan cetak ini sudah tersimpan di jurnal cadangan dan dicatat otomatis begitu "
                    "database dapat ditulis lagi."),
                code="job_journaled",
            )
        try:
            with self.locks.take_over(job_id), self.db.atomic("IMMEDIATE"):
                job = job_in_progress(job_id)
                serial, state_at_crash = job.blanko.serial, job.state
                now = self.issuance.clock.now_utc()
                settle_job(job, outcome, user, now, fault="interrupted", recovered=True)
                audit.record("print.recovered", user, at=now, job=job.id, blanko=serial, outcome=outcome,
                             state_at_crash=state_at_crash)
        except JobLockHeld as held:
            raise JobRunning(held.owner) from None
        self.issuance.mark_head()

    def release_abandoned(self) -> int:
        """Release every queued job whose process is gone: it provably sent nothing to the printer."""
        released = 0
        for (job_id,) in PrintJob.select(PrintJob.id).where(PrintJob.state == "queued").tuples():
            try:
                with self.locks.take_over(job_id):
                    self.issuance.release(None, job_id, "abandoned")
                released += 1
            except JobLockHeld:
                continue  # being printed right now
            except UserFacingError:
                continue  # it moved on meanwhile
        if released:
            log.info("released %d print job(s) that never reached a printer", released)
        return released

    def apply_journal(self) -> int:
        """Write the outcomes kept in the side journal into the database; returns how many were applied."""
        applied = 0
        for entry in self.journal.entries():
            with self.db.atomic("IMMEDIATE"):
                job = PrintJob.get_or_none(PrintJob.id == entry.job_id)
                if job is not None and job.state in IN_PROGRESS_STATES:
                    row = User.get_or_none(User.id == entry.user_id)
                    user = CurrentUser(row.id, row.username, row.full_name, row.role) if row else None
                    settle_job(job, entry.outcome, user, entry.at, fault=entry.fault, detail=entry.detail)
                    audit.record("print.journal_applied", user, at=entry.at, job=job.id, blanko=job.blanko.serial,
                                 outcome=entry.outcome, fault=entry.fault)
                    applied += 1
            self.journal.clear(entry)
        if applied:
            log.warning("%d print outcome(s) applied from the side journal", applied)
        return applied


class JobRunning(UserFacingError):
    """The job's lock is held: the card is being printed right now."""

    def __init__(self, owner: LockOwner) -> None:
        started = owner.started_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if owner.started_at else "?"
        super().__init__(
            msg("Pekerjaan cetak ini masih berjalan (proses {pid} di {host} sejak {started}); tunggu sampai "
                "kartunya keluar dari printer.", pid=owner.pid or "?", host=owner.host, started=started),
            code="job_running",
        )
        self.owner = owner
