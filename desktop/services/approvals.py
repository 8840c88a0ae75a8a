"""Four-eyes approvals: a same-day reprint, a spoilage write-off, a destruction, and (at a station that is
not enrolled) a raise of today's quota are approved by a second person at the same PC.

The approver is a supervisor or admin who is not the asker and types their own name and password; the
password is checked by the log-in's own path, so the same per-name throttle counts and locks it. Each
approval is a row (its id, a UUID, is what a reprint names towards the regency: `reprint_approval` in
docs/sync-protocol.md) and an entry in the audit chain with both names.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from peewee import SqliteDatabase, fn

from desktop.clock import Clock
from desktop.domain.audit_chain import blanko_effect, canonical_json
from desktop.domain.roles import Permission
from desktop.domain.spoilage import CAUSES
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.auth import AuthService
from desktop.services.session import CurrentUser
from desktop.store.models import Approval, Blanko, BlankoMovement, IssuedCard, PrintJob

log = logging.getLogger("ktp.approvals")
T = TypeVar("T")

REPRINT, WRITE_OFF, DESTRUCTION, QUOTA_RAISE = "reprint", "write_off", "destruction", "quota_raise"
KINDS = (REPRINT, WRITE_OFF, DESTRUCTION, QUOTA_RAISE)


@dataclass(frozen=True)
class Granted:
    """An approval given: its id, what it is for, and who asked and who approved."""

    id: str
    kind: str
    asker: CurrentUser
    approver: CurrentUser
    day: date


@dataclass(frozen=True)
class ReprintGranted:
    approval: Granted
    returned_blanko: str  # the first card's blanko, now booked spoiled
    cause: str


class ApprovalService:
    def __init__(self, db: SqliteDatabase, clock: Clock, auth: AuthService) -> None:
        self.db = db
        self.clock = clock
        self.auth = auth

    def check_approver(self, asker: CurrentUser, approver_name: str, password: str) -> CurrentUser:
        """The second person: not the asker, their own password right (throttled as a log-in), allowed
        to approve. Raises UserFacingError with one sentence otherwise."""
        name = approver_name.strip().lower()
        if not name or not password:
            raise UserFacingError(msg("Supervisor yang menyetujui mengetik nama pengguna dan kata sandinya sendiri."),
                                  code="approval_incomplete")
        if name == asker.username:
            raise UserFacingError(msg("Persetujuan harus diberikan orang lain: {username} tidak dapat menyetujui "
                                      "permintaannya sendiri.", username=asker.username), code="approval_own")
        approver = self.auth.check_password(name, password)
        if not approver.can(Permission.APPROVE):
            with self.db.atomic("IMMEDIATE"):
                audit.record("approval.refused", approver, at=self.clock.now_utc(), asker=asker.username)
            raise UserFacingError(msg("Pengguna {username} ({role}) tidak dapat menyetujui; yang dapat menyetujui: "
                                      "supervisor atau admin.", username=approver.username, role=approver.role),
                                  code="approval_forbidden")
        return approver

    def approve(self, kind: str, asker: CurrentUser, approver_name: str, password: str,
                **subject: object) -> Granted:
        """An approval of `kind` (write-off, destruction, quota raise), recorded on its own; the action it
        approves names it (`approval=`) and checks it with `require_approval`."""
        if kind not in KINDS or kind == REPRINT:
            raise ValueError(f"approval kind {kind!r} is not approved on its own")
        approver = self.check_approver(asker, approver_name, password)
        with self.db.atomic("IMMEDIATE"):
            return self._record(kind, asker, approver, subject)

    def approved_action(self, kind: str, asker: CurrentUser, approver_name: str, password: str,
                        action: Callable[[str], T], **subject: object) -> T:
        """An approval of `kind` and the action it approves in one transaction: `action(approval_id)` runs
        right after the approval is recorded, and if it is refused (nothing in stock, a witness missing) no
        approval is left behind. A refused approver is refused before the action is tried."""
        if kind not in KINDS or kind == REPRINT:
            raise ValueError(f"approval kind {kind!r} is not approved on its own")
        approver = self.check_approver(asker, approver_name, password)
        with self.db.atomic("IMMEDIATE"):
            granted = self._record(kind, asker, approver, subject)
            return action(granted.id)

    def _record(self, kind: str, asker: CurrentUser, approver: CurrentUser, subject: dict,
                nik: str | None = None, card: str | None = None, effects: list | None = None) -> Granted:
        """The row and the chain's entry (call under the write lock)."""
        now, day = self.clock.now_utc(), self.clock.today()
        approval_id = str(uuid.uuid4())
        Approval.create(id=approval_id, kind=kind, asker=asker.id, approver=approver.id, day=day, nik=nik,
                        card=card, subject=canonical_json(subject), at=now)
        audit.record(f"approval.{kind}", asker, at=now, effects=effects or [], approval=approval_id,
                     asker=asker.username, approver=approver.username, **subject)
        log.info("approval %s (%s) given", approval_id, kind)
        return Granted(approval_id, kind, asker, approver, day)

    def approve_reprint(self, asker: CurrentUser, nik: str, cause: str, approver_name: str,
                        password: str) -> ReprintGranted:
        """The operator's "Minta cetak ulang": today's card of the NIK came back; it is booked spoiled with
        its cause (so its quota place comes back) and the next card of the NIK today names this approval."""
        asker.require(Permission.PRINT)
        if cause not in CAUSES:
            raise UserFacingError(msg("Pilih sebab kartu pertama rusak."), code="approval_cause")
        approver = self.check_approver(asker, approver_name, password)
        with self.db.atomic("IMMEDIATE"):
            card = today_card(nik, self.clock.today())
            if card is None:
                raise UserFacingError(msg("Tidak ada KTP-el untuk NIK ini yang dicetak hari ini di stasiun ini; "
                                          "cetak ulang tidak diperlukan."), code="reprint_nothing")
            blanko = Blanko.get_by_id(card.blanko_id)
            now = self.clock.now_utc()
            moved = (Blanko.update(state="spoiled", updated_at=now)
                     .where((Blanko.id == blanko.id) & (Blanko.state == "issued")).execute())
            if moved != 1:
                raise UserFacingError(msg("Blanko {serial} sudah berstatus lain.", serial=blanko.serial),
                                      code="blanko_state")
            BlankoMovement.create(kind="spoil", quantity=1, blanko=blanko.id, station=card.station_id,
                                  user=approver.id, job_id=card.job_id, reason=f"returned:{cause}", at=now)
            granted = self._record(REPRINT, asker, approver, {"card": card.id, "blanko": blanko.serial,
                                                              "cause": cause},
                                   nik=nik, card=card.id, effects=[blanko_effect(blanko.serial, "spoiled")])
        return ReprintGranted(granted, blanko.serial, cause)

    def pending_reprints(self) -> int:
        """Reprints approved today whose new card is not printed yet (the panel's count)."""
        return (Approval.select()
                .where((Approval.kind == REPRINT) & (Approval.day == self.clock.today())
                       & ~fn_job_done(Approval.id)).count())


def require_approval(approval: Granted | None, kind: str, actor: CurrentUser, day: date) -> Granted:
    """The approval an action names: of this kind, of `day`, asked by the one acting, recorded here."""
    if (approval is None or approval.kind != kind or approval.asker.id != actor.id or approval.day != day
            or approval.approver.id == actor.id
            or not Approval.select().where((Approval.id == approval.id) & (Approval.kind == kind)).exists()):
        raise UserFacingError(msg("Tindakan ini memerlukan persetujuan supervisor atau admin lain (empat mata)."),
                              code="approval_required")
    return approval


def require_recorded(approval_id: str | None, kind: str, actor: CurrentUser, day: date,
                     used: Callable[[str], bool]) -> Approval:
    """The approval a recorded action names by its id: a row here of this kind and `day`, asked by the one
    acting and approved by someone else, and not yet named by another action (`used`). Call under the
    action's write lock."""
    row = Approval.get_or_none(Approval.id == approval_id) if approval_id else None
    if (row is None or row.kind != kind or row.asker_id != actor.id or row.approver_id == actor.id
            or row.day != day):
        raise UserFacingError(msg("Tindakan ini memerlukan persetujuan supervisor atau admin lain (empat mata)."),
                              code="approval_required")
    if used(row.id):
        raise UserFacingError(msg("Persetujuan ini sudah dipakai; satu persetujuan untuk satu tindakan."),
                              code="approval_used")
    return row


def today_card(nik: str, day: date) -> IssuedCard | None:
    """The NIK's card of `day` at this station that has not come back (None when there is none)."""
    return (IssuedCard.select().where((IssuedCard.nik == nik) & (IssuedCard.day == day)
                                      & IssuedCard.id.not_in(returned_cards()))
            .order_by(IssuedCard.issued_at.desc()).first())


def returned_cards():
    """The ids of cards that came back for an approved reprint (they hold no quota place)."""
    return Approval.select(Approval.card).where(Approval.card.is_null(False))


def open_reprint(nik: str, day: date) -> str | None:
    """The reprint approval a new card of the NIK today names: the latest whose reprint is not issued."""
    row = (Approval.select(Approval.id)
           .where((Approval.kind == REPRINT) & (Approval.nik == nik) & (Approval.day == day)
                  & ~fn_job_done(Approval.id))
           .order_by(Approval.at.desc()).first())
    return row.id if row else None


def fn_job_done(approval_id):
    """SQL: a card was issued under the approval."""
    return fn.EXISTS(PrintJob.select(PrintJob.id).where((PrintJob.reprint_approval == approval_id)
                                                       & (PrintJob.state == "done")))
