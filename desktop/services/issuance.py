"""Issuing a card: checks, blanko reservation, the print job's states, and the outcome's bookkeeping.

A blanko is reserved when the job starts and ends issued or spoiled (or goes back to stock when the
printer never took it), never both and never neither. Each job state is committed before the next
device step, so a crash leaves a job that tells what was happening.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.devices.base import CardJob, Fault, Printer, PrinterError, PrintProgress, ProgressCallback
from desktop.domain.card import CardData, CardRaster
from desktop.domain.quota import QuotaState
from desktop.domain.reasons import REASONS, missing_documents
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.faults import fault_message
from desktop.services.quota import QuotaService
from desktop.services.residents import ResidentService, Verification
from desktop.services.session import CurrentUser
from desktop.services.station import StationInfo, StationService
from desktop.store.models import Blanko, BlankoMovement, IssuedCard, PrintJob

log = logging.getLogger("ktp.issuance")

Renderer = Callable[[CardData], CardRaster]


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


class PrintFailed(UserFacingError):
    """The printer failed; the blanko was spoiled (card_consumed) or went back to stock."""

    def __init__(self, job_id: str, fault: Fault, card_consumed: bool, blanko_serial: str) -> None:
        outcome = (
            msg("Blanko {serial} dicatat rusak (spoiled).", serial=blanko_serial) if card_consumed
            else msg("Blanko tidak terpakai dan kembali ke stok.")
        )
        super().__init__(msg("{fault} {outcome} Kuota tidak terpakai.", fault=fault_message(fault), outcome=outcome),
                         code=f"printer_{fault.value}")
        self.job_id = job_id
        self.fault = fault
        self.card_consumed = card_consumed
        self.blanko_serial = blanko_serial


def default_renderer(card: CardData) -> CardRaster:
    from desktop.render.card import render_front, to_raster

    return to_raster(render_front(card))


def default_back_renderer() -> CardRaster:
    """The back carries no personal data: one raster for every card."""
    from desktop.render.card import render_back, to_raster

    return to_raster(render_back())


class IssuanceService:
    def __init__(
        self,
        db: SqliteDatabase,
        clock: Clock,
        residents: ResidentService,
        quota: QuotaService,
        stations: StationService,
        renderer: Renderer = default_renderer,
        back_renderer: Callable[[], CardRaster] = default_back_renderer,
    ) -> None:
        self.db = db
        self.clock = clock
        self.residents = residents
        self.quota = quota
        self.stations = stations
        self.renderer = renderer
        self.back_renderer = back_renderer

    def check(self, request: PrintRequest) -> list[str]:
        """Why this request may not be printed (empty when it may)."""
        return self._check(request, self.stations.require())[1]

    def _check(self, request: PrintRequest, station: StationInfo) -> tuple[Verification, list[str]]:
        verification = self.residents.verify(request.nik, station.served)
        problems = list(verification.blockers)
        if request.reason not in REASONS:
            problems.append(msg('Pilih alasan pencetakan.'))
        else:
            for doc in missing_documents(request.reason, set(request.documents), dict(request.numbers)):
                if doc.needs_number and doc.key in request.documents:
                    problems.append(msg('Tuliskan nomor {value}.', value=doc.label.lower()))
                else:
                    problems.append(msg('Dokumen belum dikonfirmasi: {label}.', label=doc.label))
        if not Blanko.select().where((Blanko.station == station.id) & (Blanko.state == "in_stock")).exists():
            problems.append(no_stock_message())
        return verification, problems

    def prepare(self, user: CurrentUser, request: PrintRequest, printer_uri: str) -> JobTicket:
        """Check everything, reserve a blanko and a quota place, and create the job (state `queued`)."""
        user.require(Permission.PRINT)
        station = self.stations.require()
        with self.db.atomic("IMMEDIATE"):
            # Checked inside the write lock: two printers may race for the last quota place or blanko.
            verification, problems = self._check(request, station)
            if problems:
                raise UserFacingError(" ".join(problems), code="refused")
            resident = verification.resident
            blanko = (
                Blanko.select()
                .where((Blanko.station == station.id) & (Blanko.state == "in_stock"))
                .order_by(Blanko.serial)
                .first()
            )
            now = self.clock.now_utc()
            job = PrintJob.create(
                resident=resident.id,
                nik=resident.nik,
                reason=request.reason,
                documents=json.dumps(sorted(request.documents)),
                police_letter_no=request.numbers.get("police_letter") or None,
                operator=user.id,
                station=station.id,
                kecamatan_code=resident.kecamatan_code,
                day=self.clock.today(),
                printer_uri=printer_uri,
                blanko=blanko.id,
                state="queued",
                created_at=now,
                updated_at=now,
            )
            _move_blanko(blanko, "reserved", "reserve", station.id, user, job.id, now)
            audit.record("print.start", user, job=job.id, blanko=blanko.serial, reason=request.reason,
                         printer=printer_uri)
        card = self.residents.card_data(resident, station.issue_place, self.clock.today())
        return JobTicket(job.id, blanko.serial, printer_uri, resident.kecamatan_code, card)

    def set_state(self, job_id: str, state: str) -> None:
        with self.db.atomic():
            PrintJob.update(state=state, updated_at=self.clock.now_utc()).where(PrintJob.id == job_id).execute()

    def complete(self, user: CurrentUser, ticket: JobTicket) -> IssueResult:
        """The card came out: the blanko is issued, the card recorded, the quota place used."""
        with self.db.atomic("IMMEDIATE"):
            job = _job_in_progress(ticket.job_id)
            now = self.clock.now_utc()
            _issue(job, user, now)
            job.state = "done"
            job.updated_at = now
            job.save()
            audit.record("print.done", user, job=job.id, blanko=ticket.blanko_serial)
        return IssueResult(
            job_id=ticket.job_id, nik=ticket.card.nik, name=ticket.card.name, blanko_serial=ticket.blanko_serial,
            printer_uri=ticket.printer_uri, issued_at=now, quota=self.quota.state(ticket.kecamatan_code),
        )

    def fail(self, user: CurrentUser, ticket: JobTicket, fault: Fault, detail: str, card_consumed: bool) -> None:
        """The printer failed: spoil the blanko if it left the feeder, else put it back; free the quota place."""
        with self.db.atomic("IMMEDIATE"):
            job = _job_in_progress(ticket.job_id)
            now = self.clock.now_utc()
            if card_consumed:
                _move_blanko(job.blanko, "spoiled", "spoil", job.station_id, user, job.id, now,
                             reason=f"print_failed:{fault.value}")
            else:
                _move_blanko(job.blanko, "in_stock", "release", job.station_id, user, job.id, now)
            job.state = "failed"
            job.fault = fault.value
            job.fault_detail = detail
            job.updated_at = now
            job.save()
            audit.record("print.failed", user, job=job.id, blanko=ticket.blanko_serial, fault=fault.value,
                         spoiled=card_consumed)

    def print_card(
        self, user: CurrentUser, request: PrintRequest, printer: Printer, progress: ProgressCallback | None = None
    ) -> IssueResult:
        """The whole use case: prepare, render, send, print, and record the outcome."""
        ticket = self.prepare(user, request, printer.uri)
        sent = False
        try:
            front = self.renderer(ticket.card)
            back = self.back_renderer() if printer.duplex else None
            self.set_state(ticket.job_id, "sending")
            sent = True
            job = CardJob(job_id=ticket.job_id, front=front, back=back)
            printer.print_card(job, self._tracking(ticket, progress))
        except PrinterError as exc:
            log.warning("print job %s failed: %s", ticket.job_id, exc.fault.value)
            if exc.card_consumed is None:
                # The driver could not tell where the card is (docs/printers.md, "fault x step"): it
                # may well have printed it, so neither write it off nor return it.
                raise UserFacingError(
                    msg("{fault} Hasil pencetakan blanko {blanko_serial} tidak pasti: lihat apa yang keluar "
                        "dari printer; supervisor menyelesaikan pekerjaan ini saat masuk berikutnya.",
                        fault=fault_message(exc.fault), blanko_serial=ticket.blanko_serial),
                    code="print_uncertain",
                ) from exc
            self.fail(user, ticket, exc.fault, exc.detail, exc.card_consumed)
            raise PrintFailed(ticket.job_id, exc.fault, exc.card_consumed, ticket.blanko_serial) from exc
        except Exception as exc:
            log.exception("print job %s crashed", ticket.job_id)
            if not sent:  # nothing reached the printer: the blanko goes back to stock
                self.fail(user, ticket, Fault.COMMAND_ERROR, repr(exc), card_consumed=False)
                raise
            # Bytes went to the printer: whether a card came out is unknown, so the job stays
            # unfinished for a supervisor to settle (as after a crash) instead of guessing.
            raise UserFacingError(
                msg("Pencetakan blanko {blanko_serial} terhenti karena kesalahan program; hasilnya tidak "
                    "pasti. Periksa printer; supervisor menyelesaikan pekerjaan ini saat masuk berikutnya.", blanko_serial=ticket.blanko_serial),
                code="print_uncertain",
            ) from exc
        return self.complete(user, ticket)


    def resolve_unfinished(self, user: CurrentUser, job_id: str, outcome: str) -> None:
        """Settle a job the application was killed in, by what the operator found in the printer.

        good: the card is issued and counts against the quota of the job's day; spoiled: the blanko
        is written off; nothing: the blanko goes back to stock. Audited either way.
        """
        if outcome not in RECOVERY_OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        user.require(Permission.RESOLVE_PRINT)  # an operator may not issue or write off a blanko alone
        with self.db.atomic("IMMEDIATE"):
            job = _job_in_progress(job_id)
            now = self.clock.now_utc()
            serial, state_at_crash = job.blanko.serial, job.state
            if outcome == "good":
                _issue(job, user, now, recovered=True)
                job.state = "done"
            elif outcome == "spoiled":
                _move_blanko(job.blanko, "spoiled", "spoil", job.station_id, user, job.id, now,
                             reason="print_failed:interrupted")
                job.state, job.fault = "failed", "interrupted"
            else:
                _move_blanko(job.blanko, "in_stock", "release", job.station_id, user, job.id, now)
                job.state, job.fault = "failed", "interrupted"
            job.updated_at = now
            job.save()
            audit.record("print.recovered", user, job=job.id, blanko=serial, outcome=outcome,
                         state_at_crash=state_at_crash)

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


def _job_in_progress(job_id: str) -> PrintJob:
    job = PrintJob.get_or_none(PrintJob.id == job_id)
    if job is None or job.state not in ("queued", "sending", "printing"):
        raise UserFacingError(msg('Pekerjaan cetak ini sudah diselesaikan.'), code="job_settled")
    return job


def _issue(job: PrintJob, user: CurrentUser, now: datetime, recovered: bool = False) -> None:
    """The card exists: issue the job's blanko, record the card, and queue it for the regency server."""
    _move_blanko(job.blanko, "issued", "issue", job.station_id, user, job.id, now,
                 reason="recovered" if recovered else None)
    card = IssuedCard.create(
        job=job.id, resident=job.resident_id, nik=job.nik, reason=job.reason, blanko=job.blanko_id,
        printer_uri=job.printer_uri, operator=job.operator_id, station=job.station_id,
        kecamatan_code=job.kecamatan_code, day=job.day, issued_at=now,
    )
    payload = {
        "nik": job.nik, "reason": job.reason, "blanko": job.blanko.serial, "printer": job.printer_uri,
        "operator": job.operator.username, "kecamatan": job.kecamatan_code, "day": job.day, "issued_at": now,
    }
    if recovered:
        payload["recovered"] = True
    audit.enqueue("issued_card", card.id, "insert", payload)


_MOVES_FROM = {"reserve": "in_stock", "release": "reserved", "issue": "reserved", "spoil": "reserved"}


def _move_blanko(
    blanko: Blanko, state: str, kind: str, station_id: str, user: CurrentUser, job_id: str, now: datetime,
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
    BlankoMovement.create(kind=kind, quantity=1, blanko=blanko.id, station=station_id, user=user.id,
                          job_id=job_id, reason=reason, at=now)


def no_stock_message() -> str:
    return (
        msg("Stok blanko di stasiun ini habis. Minta supervisor mencatat penerimaan blanko baru sebelum "
            "mencetak.")
    )


@dataclass(frozen=True)
class UnfinishedJob:
    """A print job that was under way when the application stopped."""

    job_id: str
    nik: str
    name: str
    state: str
    printer_uri: str
    blanko_serial: str
    operator: str
    started_at: datetime


RECOVERY_OUTCOMES = ("good", "spoiled", "nothing")


def unfinished_jobs(station_id: str) -> list[UnfinishedJob]:
    """Jobs left in queued/sending/printing (call at start-up, before any new job runs)."""
    from desktop.store.models import Resident, User

    query = (
        PrintJob.select(PrintJob, Resident.name, Blanko.serial, User.username)
        .join(Resident, on=(PrintJob.resident == Resident.id))
        .switch(PrintJob).join(Blanko, on=(PrintJob.blanko == Blanko.id))
        .switch(PrintJob).join(User, on=(PrintJob.operator == User.id))
        .where((PrintJob.station == station_id) & PrintJob.state.in_(("queued", "sending", "printing")))
        .order_by(PrintJob.created_at)
    )
    return [
        UnfinishedJob(job.id, job.nik, job.resident.name, job.state, job.printer_uri, job.blanko.serial,
                      job.operator.username, job.created_at)
        for job in query
    ]
