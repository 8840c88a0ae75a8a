"""Issuing a card: checks, blanko reservation, the print job's states, and the outcome's bookkeeping.

The card is rendered before anything is reserved. The printing process then owns the job through its
OS lock (desktop/store/joblocks.py) from before the job's row exists until its outcome is recorded.
A blanko is reserved when the job is created (`queued`) and ends issued or spoiled (or goes back to
stock when the printer never took it), never both and never neither. Each job state is committed
before the next device step, and `queued` -> `sending` only happens if the job is still queued, so a
crash leaves a job that tells what was happening and a released job is never printed. An outcome the
database cannot take goes into the side journal (desktop/store/journal.py).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.devices.base import CardJob, Fault, Printer, PrinterError, PrintProgress, ProgressCallback
from desktop.domain.audit_chain import blanko_effect
from desktop.domain.card import CardData, CardRaster
from desktop.domain.card_history import ClaimAnswer
from desktop.domain.job_outcome import UNCERTAIN_NO_FAULT
from desktop.domain.limits import LETTER_NUMBER, NUMBER_MAX, too_long
from desktop.domain.quota import QuotaState
from desktop.domain.reasons import REASONS, missing_documents, number_problems, unknown_documents
from desktop.domain.registration import IDENTITY, Registration
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit, row_claims
from desktop.services.approvals import open_reprint, reprint_details
from desktop.services.faults import fault_message, uncertain_cause
from desktop.services.head_mark import HeadMark
from desktop.services.leases import LeaseService
from desktop.services.quota import IN_PROGRESS_STATES, QuotaService
from desktop.services.residents import ResidentService, Verification
from desktop.services.session import CurrentUser
from desktop.services.station import StationInfo, StationService
from desktop.settings import SYNC_CURSOR
from desktop.store.errors import STORAGE_ERRORS, storage_error
from desktop.store.joblocks import JobLocks
from desktop.store.journal import JournalEntry, OutcomeJournal
from desktop.store.models import Blanko, BlankoMovement, IssuedCard, PrintJob, new_id

if TYPE_CHECKING:
    from desktop.services.registration import RegistrationService
    from desktop.sync.link import RegencyLink

log = logging.getLogger("ktp.issuance")

Renderer = Callable[[CardData, float, Registration], CardRaster]  # card, bleed in mm, registration -> print layer

# A print queue reports these with card_consumed=True when the job had started: nobody knows whether
# the card came out. (The Evolis driver says so itself with card_consumed=None.)
UNCERTAIN_FAULTS = frozenset({Fault.QUEUE_CANCELLED, Fault.QUEUE_FAILED})


@dataclass(frozen=True)
class PrintRequest:
    nik: str
    reason: str
    documents: frozenset[str]
    numbers: Mapping[str, str] = field(default_factory=dict)  # document key -> its number


@dataclass(frozen=True)
class JobTicket:
    job_id: str
    blanko_serial: str
    printer_uri: str
    kecamatan_code: str
    card: CardData


@dataclass(frozen=True)
class IssueResult:
    job_id: str
    nik: str
    name: str
    blanko_serial: str
    printer_uri: str
    issued_at: datetime
    quota: QuotaState
    notes: tuple[str, ...] = ()  # e.g. that the regency did not answer the claim (decided locally)


class PrintFailed(UserFacingError):
    """The printer failed; the blanko was spoiled (card_consumed) or went back to stock."""

    def __init__(self, job_id: str, fault: Fault, card_consumed: bool, blanko_serial: str) -> None:
        outcome = (
            msg("Blanko {serial} dicatat rusak.", serial=blanko_serial) if card_consumed
            else msg("Blanko tidak terpakai dan kembali ke stok.")
        )
        super().__init__(msg("{fault} {outcome} Kuota tidak terpakai.", fault=fault_message(fault), outcome=outcome),
                         code=f"printer_{fault.value}")
        self.job_id = job_id
        self.fault = fault
        self.card_consumed = card_consumed
        self.blanko_serial = blanko_serial


class OutcomeJournaled(UserFacingError):
    """The printer's outcome is known but the database could not take it: it waits in the side journal."""


def default_renderer(card: CardData, bleed_mm: float = 0.0, registration: Registration = IDENTITY) -> CardRaster:
    """The front's print layer (the personal data): all the printer gets, the blanko is pre-printed; laid
    out where this printer's registration puts it on the blanko."""
    from desktop.render.card import render_front_raster

    return render_front_raster(card, bleed_mm=bleed_mm, registration=registration)


def default_back_renderer(bleed_mm: float = 0.0) -> CardRaster | None:
    """The back is pre-printed on the blanko: None, unless the template asks for a printed back."""
    from desktop.render.card import render_back, to_raster

    back = render_back(bleed_mm=bleed_mm)
    return None if back is None else to_raster(back)


class IssuanceService:
    def __init__(
        self,
        db: SqliteDatabase,
        clock: Clock,
        residents: ResidentService,
        quota: QuotaService,
        stations: StationService,
        *,
        locks: JobLocks,
        journal: OutcomeJournal,
        renderer: Renderer = default_renderer,
        back_renderer: Callable[[float], CardRaster | None] = default_back_renderer,
        leases: LeaseService | None = None,
        head_mark: HeadMark | None = None,
        registrations: RegistrationService | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.residents = residents
        self.quota = quota
        self.stations = stations
        self.locks = locks
        self.journal = journal
        self.renderer = renderer
        self.back_renderer = back_renderer
        self.leases = leases  # an enrolled station prints only with a print right leased by the regency
        self.registrations = registrations  # each printer's offset and scale on the blanko
        self.head_mark = head_mark  # a rolled-back database prints nothing until a supervisor looked
        # An enrolled station claims the NIK at the regency before it reserves a blanko (sync/link.py).
        self.link: RegencyLink | None = None
        # Where the last failed card's byte stream is kept for the support bundle (the data folder).
        self.failed_card_dir: Path | None = None

    def check(self, request: PrintRequest, user: CurrentUser | None = None) -> list[str]:
        """Why this request may not be printed (empty when it may)."""
        return self._check(request, self.stations.require(), user)[1]

    def _check(self, request: PrintRequest, station: StationInfo,
               user: CurrentUser | None, ask_regency: bool = True) -> tuple[Verification, list[str]]:
        verification = self.residents.verify(request.nik, station.served, ask_regency=ask_regency)
        problems = list(verification.blockers)
        if request.reason not in REASONS:
            problems.append(msg('Pilih alasan pencetakan.'))
        elif unknown := unknown_documents(request.reason, request.documents):
            problems.append(msg("Dokumen tidak dikenal untuk alasan ini: {unknown}. Pilihannya: {known}.",
                                unknown=", ".join(unknown),
                                known=", ".join(doc.key for doc in REASONS[request.reason].documents)))
        else:
            problems += [problem for number in request.numbers.values()
                         if (problem := too_long(number, NUMBER_MAX, LETTER_NUMBER)) is not None]
            problems += number_problems(request.numbers)
            for doc in missing_documents(request.reason, set(request.documents), dict(request.numbers)):
                if doc.needs_number and doc.key in request.documents:
                    problems.append(msg('Tuliskan nomor {value}.', value=doc.label.lower()))
                else:
                    problems.append(msg('Dokumen belum dikonfirmasi: {label}.', label=doc.label))
        first = (Blanko.select(Blanko.serial).where((Blanko.station == station.id) & (Blanko.state == "in_stock"))
                 .order_by(Blanko.serial).first())
        if first is None:
            problems.append(no_stock_message())
        if verification.resident is not None:
            tampered = self._tampered(user.id if user else None, verification.resident.nik,
                                      verification.resident.kecamatan_code, first)
            if tampered is not None:
                return verification, [tampered]  # before anything else: the other answers rest on those rows
        return verification, problems

    def _checked(self, request: PrintRequest, station: StationInfo, user: CurrentUser,
                 ask_regency: bool = True) -> Verification:
        verification, problems = self._check(request, station, user, ask_regency)
        if problems:
            raise UserFacingError(" ".join(problems), code="refused")
        return verification

    def prepare(self, user: CurrentUser, request: PrintRequest, printer_uri: str,
                job_id: str | None = None, claim_id: str | None = None) -> JobTicket:
        """Check everything, reserve a blanko and a quota place, and create the job (state `queued`).

        The caller holds the job's lock (`locks.hold(job_id)`); a job made without it counts as left
        behind and is released by the next start.
        """
        user.require(Permission.PRINT)
        station = self.stations.require()
        self._require_current_head()
        with self.db.atomic("IMMEDIATE"):
            # Checked inside the write lock: two printers may race for the last quota place or blanko.
            # (The regency is not asked here: nothing waits on the network while the lock is held.)
            resident = self._checked(request, station, user, ask_regency=False).resident
            # The job row holds the right (and files the card under the lease's day) until it is settled.
            day = self.leases.take(resident.kecamatan_code) if self.leases else self.clock.today()
            blanko = (
                Blanko.select()
                .where((Blanko.station == station.id) & (Blanko.state == "in_stock"))
                .order_by(Blanko.serial)
                .first()
            )
            now = self.clock.now_utc()
            job = PrintJob.create(
                id=job_id or new_id(),
                resident=resident.id,
                nik=resident.nik,
                reason=request.reason,
                documents=json.dumps(sorted(request.documents)),
                police_letter_no=request.numbers.get("police_letter") or None,
                operator=user.id,
                station=station.id,
                kecamatan_code=resident.kecamatan_code,
                day=day,
                printer_uri=printer_uri,
                blanko=blanko.id,
                state="queued",
                created_at=now,
                updated_at=now,
                # A same-day second card names the reprint approval that returned the first one.
                reprint_approval=open_reprint(resident.nik, day),
                claim_id=claim_id,
            )
            audit.claim("print_job", job.id)
            _move_blanko(blanko, "reserved", "reserve", station.id, user, job.id, now)
            audit.record("print.start", user, at=now, job=job.id, blanko=blanko.serial, reason=request.reason,
                         printer=printer_uri)
        card = self.residents.card_data(resident, station.issue_place, self.clock.today())
        return JobTicket(job.id, blanko.serial, printer_uri, resident.kecamatan_code, card)

    def _tampered(self, user_id: str | None, nik: str, kecamatan: str, blanko: Blanko | None) -> str | None:
        """The rows deciding this print (the citizen's cards and jobs, the day's cards, quotas, the next
        blanko, the operator) against their audit entries: a row edited in the database file stops it."""
        changed = row_claims.Untouched(self.db).problems(
            nik=nik, kecamatan=kecamatan, day=str(self.clock.today()),
            serial=blanko.serial if blanko is not None else None, user_id=user_id)
        if not changed:
            return None
        log.error("print refused: rows differ from their audit entries: %s", ", ".join(changed))
        return msg("Catatan di database stasiun diubah di luar aplikasi ({count} catatan, misalnya kartu yang sudah "
                   "dicetak atau status blanko). Pencetakan dihentikan sampai supervisor memeriksa dan menyisihkan "
                   "catatan itu (ktp-mandiri audit set-aside --user NAMA).", count=len(changed))

    def _require_current_head(self) -> None:
        if self.head_mark is not None:
            self.head_mark.require_current()

    def mark_head(self) -> None:
        """After a card's record is committed: the head file beside the database follows it."""
        if self.head_mark is not None:
            self.head_mark.write()

    def set_state(self, job_id: str, state: str) -> None:
        with self.db.atomic():
            PrintJob.update(state=state, updated_at=self.clock.now_utc()).where(PrintJob.id == job_id).execute()

    def complete(self, user: CurrentUser, ticket: JobTicket, at: datetime | None = None) -> IssueResult:
        """The card came out: the blanko is issued, the card recorded, the quota place used."""
        now = at or self.clock.now_utc()
        with self.db.atomic("IMMEDIATE"):
            job = job_in_progress(ticket.job_id)
            settle_job(job, "good", user, now)
            audit.record("print.done", user, at=now, job=job.id, blanko=ticket.blanko_serial)
        self.mark_head()
        return IssueResult(
            job_id=ticket.job_id, nik=ticket.card.nik, name=ticket.card.name, blanko_serial=ticket.blanko_serial,
            printer_uri=ticket.printer_uri, issued_at=now, quota=self.quota.state(ticket.kecamatan_code),
        )

    def fail(self, user: CurrentUser, ticket: JobTicket, fault: Fault, detail: str, card_consumed: bool,
             at: datetime | None = None) -> None:
        """The printer failed: spoil the blanko if it left the feeder, else put it back; free the quota place."""
        with self.db.atomic("IMMEDIATE"):
            job = job_in_progress(ticket.job_id)
            now = at or self.clock.now_utc()
            settle_job(job, "spoiled" if card_consumed else "nothing", user, now, fault=fault.value, detail=detail)
            audit.record("print.failed", user, at=now, job=job.id, blanko=ticket.blanko_serial, fault=fault.value,
                         spoiled=card_consumed)
        self.mark_head()

    def release(self, user: CurrentUser | None, job_id: str, why: str) -> None:
        """A job that provably sent nothing to the printer: its blanko goes back, its quota place is freed.

        Only a job still `queued` is released (conditional, so a job that went on to the printer never
        is). `why`: `interrupted` (Ctrl-C before the first byte), `abandoned` (its process is gone).
        """
        with self.db.atomic("IMMEDIATE"):
            job = PrintJob.get_or_none((PrintJob.id == job_id) & (PrintJob.state == "queued"))
            if job is None:
                raise UserFacingError(msg('Pekerjaan cetak ini sudah diselesaikan.'), code="job_settled")
            now = self.clock.now_utc()
            settle_job(job, "nothing", user, now, fault="released", detail=why)
            audit.record("print.released", user, at=now, job=job.id, blanko=job.blanko.serial, why=why)
        if job.claim_id and self.link is not None:
            self.link.release(job.claim_id)  # a released job gives its claim back (else it expires)

    def print_card(
        self, user: CurrentUser, request: PrintRequest, printer: Printer, progress: ProgressCallback | None = None,
        on_sending: Callable[[JobTicket], None] | None = None,
    ) -> IssueResult:
        """The whole use case: check and render, then, owning the job's lock: reserve, send, print, record.

        `on_sending` runs on this thread just before the first byte may go to the printer: from then on
        an interruption no longer releases the job (the command line's Ctrl-C changes meaning there).
        """
        user.require(Permission.PRINT)
        station = self.stations.require()
        self._require_current_head()  # before anything else: a rolled-back database's stock is not real
        resident = self._checked(request, station, user).resident
        card = self.residents.card_data(resident, station.issue_place, self.clock.today())
        # Nothing is reserved before the card is rendered (past its edges when the printer wants a bleed).
        front = self.renderer(card, printer.bleed_mm, self.registration_of(printer))
        back = self.back_renderer(printer.bleed_mm) if printer.duplex else None
        self._require_journal()
        job_id = new_id()
        claim = self._claim(resident.nik, job_id)
        with self.locks.hold(job_id):  # taken before the job's row exists: it is never seen unowned
            try:
                ticket = self.prepare(user, request, printer.uri, job_id, claim.claim_id)
            except BaseException:
                if claim.claim_id and self.link is not None:
                    self.link.release(claim.claim_id)
                raise
            log.info("job %s: blanko %s reserved for %s", job_id, ticket.blanko_serial, printer.uri)
            result = self._send(user, ticket, printer, CardJob(job_id=job_id, front=front, back=back), progress,
                                on_sending)
        return replace(result, notes=(claim.note,)) if claim.note else result

    def registration_of(self, printer: Printer) -> Registration:
        """Where this printer's calibration puts the personal layer (as drawn when never calibrated)."""
        if self.registrations is None:
            return IDENTITY
        from desktop.services.registration import printer_serial

        return self.registrations.for_printer(printer.uri, printer_serial(printer))

    def _claim(self, nik: str, job_id: str) -> ClaimAnswer:
        """The regency's claim on the NIK for today (its refusal raises NikTaken); a station that is
        not enrolled, or gets no answer in time, decides on what it knows (already checked)."""
        if self.link is None:
            return ClaimAnswer(None)
        # A spoiled card's retry keeps the claim its job had (the server answers with the same claim); a
        # same-day reprint names its four-eyes approval, the only way past the NIK's card of today.
        reference = open_reprint(nik, self.clock.today())
        answer = self.link.claim(nik, job_id, reference, reprint_details(reference) if reference else None)
        if answer.note:
            log.info("job %s: claim unanswered, decided on local data", job_id)
        return answer

    def _send(
        self, user: CurrentUser, ticket: JobTicket, printer: Printer, job: CardJob,
        progress: ProgressCallback | None, on_sending: Callable[[JobTicket], None] | None,
    ) -> IssueResult:
        sent = False
        try:
            if on_sending is not None:
                on_sending(ticket)
            self._start_sending(ticket)
            sent = True
            printer.print_card(job, self._tracking(ticket, progress))
        except PrinterError as exc:
            log.warning("print job %s failed: %s", ticket.job_id, exc.fault.value)
            self._keep_failed_card(ticket, exc)
            if exc.card_consumed is None or (exc.card_consumed and exc.fault in UNCERTAIN_FAULTS):
                # Nobody can tell where the card is (docs/printers.md, "fault x step"): it may well
                # have printed, so neither write it off nor return it.
                self._mark_uncertain(user, ticket, exc.fault.value, exc.detail)
                raise UserFacingError(
                    msg("{cause} saat mencetak blanko {blanko_serial}; hasilnya tidak "
                        "pasti. Lihat apa yang keluar dari printer; supervisor menyelesaikan pekerjaan ini "
                        "saat masuk berikutnya.", cause=uncertain_cause(exc.fault), blanko_serial=ticket.blanko_serial),
                    code="print_uncertain",
                ) from exc
            fault, detail, consumed = exc.fault, exc.detail, exc.card_consumed
            self._record(user, ticket, "spoiled" if consumed else "nothing",
                         lambda at: self.fail(user, ticket, fault, detail, consumed, at),
                         fault=fault.value, detail=detail)
            raise PrintFailed(ticket.job_id, exc.fault, exc.card_consumed, ticket.blanko_serial) from exc
        except BaseException as exc:
            if isinstance(exc, UserFacingError) and exc.code == "job_released":
                raise
            if not sent:  # nothing reached the printer: the blanko goes back to stock
                self._release_unsent(user, ticket, exc)
                raise
            if not isinstance(exc, Exception):
                raise  # a second Ctrl-C, a kill: the job stays unfinished for a supervisor to settle
            log.exception("print job %s crashed", ticket.job_id)
            self._mark_uncertain(user, ticket, UNCERTAIN_NO_FAULT, type(exc).__name__)
            # Bytes went to the printer: whether a card came out is unknown, so the job stays
            # unfinished for a supervisor to settle (as after a crash) instead of guessing.
            raise UserFacingError(
                msg("Pencetakan blanko {blanko_serial} terhenti karena kesalahan program; hasilnya tidak "
                    "pasti. Periksa printer; supervisor menyelesaikan pekerjaan ini saat masuk berikutnya.", blanko_serial=ticket.blanko_serial),
                code="print_uncertain",
            ) from exc
        result = self._record(user, ticket, "good", lambda at: self.complete(user, ticket, at))
        log.info("job %s: card printed on blanko %s", ticket.job_id, ticket.blanko_serial)
        return result

    def _mark_uncertain(self, user: CurrentUser, ticket: JobTicket, fault: str, detail: str) -> None:
        """The job stays unfinished for a supervisor, with the fault it ended on: the citizen's check and
        the supervisor's question then say "tidak pasti", not "sedang dicetak" or "aplikasi tertutup"
        (desktop/domain/job_outcome.py). Not written (a full disk): it reads as stopped with the application."""
        try:
            with self.db.atomic("IMMEDIATE"):
                now = self.clock.now_utc()
                marked = (PrintJob.update(fault=fault, fault_detail=detail[:500], updated_at=now)
                          .where((PrintJob.id == ticket.job_id) & PrintJob.state.in_(IN_PROGRESS_STATES)).execute())
                if marked:
                    audit.claim("print_job", ticket.job_id)
                    audit.record("print.uncertain", user, at=now, job=ticket.job_id, blanko=ticket.blanko_serial,
                                 fault=fault)
        except STORAGE_ERRORS as exc:
            log.warning("uncertain end of job %s not recorded: %s", ticket.job_id, exc)
            return
        self.mark_head()

    def _start_sending(self, ticket: JobTicket) -> None:
        with self.db.atomic("IMMEDIATE"):
            moved = (
                PrintJob.update(state="sending", updated_at=self.clock.now_utc())
                .where((PrintJob.id == ticket.job_id) & (PrintJob.state == "queued"))
                .execute()
            )
        if moved != 1:
            raise UserFacingError(
                msg("Pekerjaan cetak blanko {blanko_serial} sudah dilepas di tempat lain; tidak ada yang dikirim "
                    "ke printer.", blanko_serial=ticket.blanko_serial),
                code="job_released",
            )

    def _release_unsent(self, user: CurrentUser, ticket: JobTicket, exc: BaseException) -> None:
        if isinstance(exc, Exception):
            log.error("print job %s stopped before sending: %r", ticket.job_id, exc)
        try:
            self.release(user, ticket.job_id, "interrupted" if isinstance(exc, KeyboardInterrupt) else "error")
        except Exception:  # still `queued` with its lock free: the next start releases it
            log.exception("could not release job %s now", ticket.job_id)

    def _record(self, user: CurrentUser, ticket: JobTicket, outcome: str, write: Callable[[datetime], object],
                fault: str | None = None, detail: str = ""):
        """Write the outcome to the database, or, when the database cannot take it, to the side journal."""
        at = self.clock.now_utc()
        try:
            return write(at)
        except UserFacingError:
            raise
        except STORAGE_ERRORS as exc:
            log.error("outcome of job %s not written to the database: %s", ticket.job_id, exc)
            error = storage_error(exc, self.db.database)
            problem = error.message if error else msg("Database tidak dapat ditulis.")
            try:
                self.journal.append(JournalEntry(ticket.job_id, outcome, user.id, at, fault, detail))
            except OSError as journal_exc:
                log.critical("outcome of job %s (%s) lost: %s", ticket.job_id, outcome, journal_exc)
                raise UserFacingError(
                    msg("{problem} Hasil cetak blanko {blanko_serial} ({outcome}) tidak dapat disimpan; catat hasil "
                        "ini, supervisor menyelesaikan pekerjaan ini setelah masalahnya diatasi.",
                        problem=problem, blanko_serial=ticket.blanko_serial, outcome=OUTCOME_LABELS[outcome]),
                    code="outcome_lost",
                ) from exc
            raise OutcomeJournaled(
                msg("{problem} Hasil cetak blanko {blanko_serial} ({outcome}) disimpan di jurnal cadangan dan "
                    "dicatat otomatis saat KTP-el Mandiri dibuka lagi.",
                    problem=problem, blanko_serial=ticket.blanko_serial, outcome=OUTCOME_LABELS[outcome]),
                code="outcome_journaled",
            ) from exc

    def _require_journal(self) -> None:
        """A print whose outcome could not be kept is not started (the journal is made at start)."""
        if self.journal.ready:
            return
        try:
            self.journal.prepare()
        except OSError as exc:
            raise (storage_error(exc, self.db.database) or exc) from exc

    def _keep_failed_card(self, ticket: JobTicket, exc: PrinterError) -> None:
        """The failed card's byte stream for the support bundle (desktop/services/failed_card.py)."""
        if self.failed_card_dir is not None:
            from desktop.services import failed_card

            failed_card.keep(self.failed_card_dir, ticket.job_id, exc, self.clock.now_utc())

    def _tracking(self, ticket: JobTicket, progress: ProgressCallback | None) -> ProgressCallback:
        """Commit `printing` the moment the card is in the printer, then pass progress on."""
        printing = False

        def track(update: PrintProgress) -> None:
            nonlocal printing
            if update.step == "printing" and not printing:
                printing = True
                try:
                    self.set_state(ticket.job_id, "printing")
                except Exception:  # the card is in the printer: finish it; `sending` is still on record
                    log.exception("could not record job %s as printing", ticket.job_id)
            if progress is not None:
                progress(update)

        return track


OUTCOME_LABELS = {
    "good": msg("kartu jadi"),
    "spoiled": msg("blanko rusak"),
    "nothing": msg("blanko kembali ke stok"),
}


def job_in_progress(job_id: str) -> PrintJob:
    job = PrintJob.get_or_none(PrintJob.id == job_id)
    if job is None or job.state not in IN_PROGRESS_STATES:
        raise UserFacingError(msg('Pekerjaan cetak ini sudah diselesaikan.'), code="job_settled")
    return job


def settle_job(job: PrintJob, outcome: str, user: CurrentUser | None, now: datetime, *,
               fault: str | None = None, detail: str | None = None, recovered: bool = False) -> None:
    """End a job in progress: good -> done (card issued); spoiled -> failed (blanko written off);
    nothing -> failed (blanko back in stock). The quota place is used or freed with it."""
    if outcome == "good":
        _issue(job, user, now, recovered=recovered)
        job.state = "done"
    elif outcome == "spoiled":
        _move_blanko(job.blanko, "spoiled", "spoil", job.station_id, user, job.id, now,
                     reason=f"print_failed:{fault}")
        job.state, job.fault, job.fault_detail = "failed", fault, detail
    else:
        _move_blanko(job.blanko, "in_stock", "release", job.station_id, user, job.id, now)
        job.state, job.fault, job.fault_detail = "failed", fault, detail
    job.updated_at = now
    job.save()
    audit.claim("print_job", job.id)  # the caller's entry holds the settled job


def _issue(job: PrintJob, user: CurrentUser | None, now: datetime, recovered: bool = False) -> None:
    """The card exists: issue the job's blanko, record the card, and queue it for the regency server."""
    _move_blanko(job.blanko, "issued", "issue", job.station_id, user, job.id, now,
                 reason="recovered" if recovered else None)
    card = IssuedCard.create(
        job=job.id, resident=job.resident_id, nik=job.nik, reason=job.reason, blanko=job.blanko_id,
        printer_uri=job.printer_uri, operator=job.operator_id, station=job.station_id,
        kecamatan_code=job.kecamatan_code, day=job.day, issued_at=now,
    )
    audit.claim("issued_card", card.id)
    payload = {
        "nik": job.nik, "reason": job.reason, "blanko": job.blanko.serial, "printer": job.printer_uri,
        "operator": job.operator.username, "kecamatan": job.kecamatan_code, "day": job.day, "issued_at": now,
    }
    if recovered:
        payload["recovered"] = True
    spoiled = (PrintJob.select().join(Blanko).where((PrintJob.nik == job.nik) & (PrintJob.day == job.day)
                                                    & (PrintJob.station == job.station_id) & (PrintJob.id != job.id)
                                                    & (Blanko.state == "spoiled")).count())
    if spoiled:
        payload["spoiled"] = spoiled  # the attempts before this card, for the card history at other counters
    if job.reprint_approval:
        payload["reprint_approval"] = job.reprint_approval
    cursor = SYNC_CURSOR.get()
    if cursor:  # what this station had pulled: the server judges the resident on it (docs/sync-protocol.md)
        payload["pull_cursor"] = cursor
    audit.enqueue("issued_card", card.id, "insert", payload)


_MOVES_FROM = {"reserve": "in_stock", "release": "reserved", "issue": "reserved", "spoil": "reserved"}


def _move_blanko(
    blanko: Blanko, state: str, kind: str, station_id: str, user: CurrentUser | None, job_id: str, now: datetime,
    reason: str | None = None,
) -> None:
    moved = (
        Blanko.update(state=state, updated_at=now)
        .where((Blanko.id == blanko.id) & (Blanko.state == _MOVES_FROM[kind]))
        .execute()
    )
    if moved != 1:  # e.g. a second instance settled the same job: never issue and spoil one blanko
        raise UserFacingError(
            msg("Blanko {serial} sudah berstatus lain; pekerjaan cetak ini sudah diselesaikan di tempat "
                "lain.", serial=blanko.serial),
            code="blanko_state",
        )
    BlankoMovement.create(kind=kind, quantity=1, blanko=blanko.id, station=station_id, user=user.id if user else None,
                          job_id=job_id, reason=reason, at=now)
    # Every blanko movement has its own chain entry: a state no entry explains is tampering.
    audit.record(f"blanko.{kind}", user, at=now, effects=[blanko_effect(blanko.serial, state)], job=job_id,
                 reason=reason)


def no_stock_message() -> str:
    return (
        msg("Stok blanko di stasiun ini habis. Supervisor perlu mencatat penerimaan blanko baru sebelum "
            "KTP-el dapat dicetak.")
    )
