"""Daily quota per kecamatan: the standing limit, today's overrides, and what is used."""

from __future__ import annotations

from datetime import UTC, date, datetime

from peewee import SQL, SqliteDatabase, fn

from desktop.clock import Clock
from desktop.domain.audit_chain import quota_day_effect, quota_effect
from desktop.domain.job_state import IN_PROGRESS as IN_PROGRESS_STATES
from desktop.domain.limits import FREE_TEXT_MAX, REASON, check_length
from desktop.domain.quota import DEFAULT_DAILY_QUOTA, QuotaState, validate_limit
from desktop.domain.regions import Regions
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.approvals import QUOTA_RAISE, Granted, require_approval, returned_cards
from desktop.services.session import CurrentUser
from desktop.services.station import enrolled
from desktop.settings import LEASE_COUNTS_AT
from desktop.store.models import (
    IssuedCard,
    KecamatanQuota,
    Outbox,
    PrintJob,
    QuotaLease,
    QuotaOverride,
    new_id,
)


class QuotaService:
    def __init__(self, db: SqliteDatabase, clock: Clock, regions: Regions) -> None:
        self.db = db
        self.clock = clock
        self.regions = regions

    def standing_limit(self, kecamatan_code: str) -> int:
        row = KecamatanQuota.get_or_none(KecamatanQuota.kecamatan_code == kecamatan_code)
        return row.daily_limit if row else DEFAULT_DAILY_QUOTA

    def state(self, kecamatan_code: str, day: date | None = None) -> QuotaState:
        day = day or self.clock.today()
        standing = self.standing_limit(kecamatan_code)
        override = QuotaOverride.get_or_none(
            (QuotaOverride.kecamatan_code == kecamatan_code) & (QuotaOverride.day == day)
        )
        issued = (
            IssuedCard.select(fn.COUNT(SQL("*")))
            .where((IssuedCard.kecamatan_code == kecamatan_code) & (IssuedCard.day == day)
                   & IssuedCard.id.not_in(returned_cards()))  # a card returned for a reprint gave its place back
            .scalar()
        )
        in_progress = (
            PrintJob.select(fn.COUNT(SQL("*")))
            .where(
                (PrintJob.kecamatan_code == kecamatan_code)
                & (PrintJob.day == day)
                & (PrintJob.state.in_(IN_PROGRESS_STATES))
            )
            .scalar()
        )
        limit = override.daily_limit if override else standing
        as_of = None
        regency = self._regency_count(kecamatan_code, day)
        if regency is not None:
            issued, server_limit, as_of = regency
            limit = server_limit if server_limit is not None else limit
        return QuotaState(
            kecamatan_code=kecamatan_code,
            kecamatan_name=self.regions.name(kecamatan_code) or kecamatan_code,
            day=day,
            limit=limit,
            issued=issued,
            in_progress=in_progress,
            raised=override is not None,
            standing=standing,
            as_of=as_of,
        )

    def _regency_count(self, kecamatan_code: str, day: date) -> tuple[int, int | None, datetime] | None:
        """One number for the kecamatan on every station: the server's count at its last word (time T)
        plus this station's cards of that day the server had not acknowledged at T. None on a station
        that never heard a count (never enrolled: its own count is the kecamatan's)."""
        as_of = LEASE_COUNTS_AT.get()
        row = QuotaLease.get_or_none((QuotaLease.kecamatan_code == kecamatan_code) & (QuotaLease.day == day))
        if as_of is None or row is None or row.kecamatan_issued is None or not enrolled():
            return None
        acknowledged = Outbox.select(Outbox.entity_id).where(
            (Outbox.entity == "issued_card") & Outbox.sent_at.is_null(False) & (Outbox.sent_at <= as_of))
        unacknowledged = (IssuedCard.select(fn.COUNT(SQL("*")))
                          .where((IssuedCard.kecamatan_code == kecamatan_code) & (IssuedCard.day == day)
                                 & IssuedCard.id.not_in(acknowledged)).scalar())
        return row.kecamatan_issued + unacknowledged, row.limit, as_of.replace(tzinfo=UTC).astimezone(self.clock.zone)

    def states(self, kecamatan_codes: list[str] | tuple[str, ...]) -> list[QuotaState]:
        return [self.state(code) for code in kecamatan_codes]

    def set_standing_limit(self, actor: CurrentUser, kecamatan_code: str, limit: int) -> None:
        """The regency's standing daily quota for a kecamatan."""
        actor.require(Permission.SET_QUOTA)
        limit = _checked(limit)
        with self.db.atomic("IMMEDIATE"):  # read then write: take the write lock first
            before = self.standing_limit(kecamatan_code)
            KecamatanQuota.replace(
                kecamatan_code=kecamatan_code, daily_limit=limit, updated_at=self.clock.now_utc()
            ).execute()
            audit.record("quota.set_standing", actor, at=self.clock.now_utc(),
                         effects=[quota_effect(kecamatan_code, limit)], kecamatan=kecamatan_code, before=before,
                         after=limit)

    def set_today(self, actor: CurrentUser, kecamatan_code: str, limit: int, reason: str,
                  approval: Granted | None = None) -> QuotaState:
        """A supervisor's change of today's quota (audited); it cannot go below what is already used.
        A raise at a station that is not enrolled names a second supervisor's approval (an enrolled
        station's raise is a request the regency decides: two people already)."""
        actor.require(Permission.RAISE_QUOTA)
        limit = _checked(limit)
        if not reason.strip():
            raise UserFacingError(msg('Tuliskan alasan perubahan kuota hari ini.'))
        check_length(reason.strip(), FREE_TEXT_MAX, REASON)
        day = self.clock.today()
        requested = None
        with self.db.atomic("IMMEDIATE"):
            current = self.state(kecamatan_code, day)
            if limit < current.used:
                raise UserFacingError(
                    msg("Kuota tidak boleh lebih kecil dari kartu yang sudah dicetak hari ini ({used}).", used=current.used)
                )
            if enrolled():
                # An enrolled station's quotas are the regency's: the change becomes a request to it.
                request_id = new_id()
                audit.enqueue("quota_request", request_id, "insert", {
                    "kecamatan": kecamatan_code, "day": day, "daily_limit": limit, "reason": reason.strip(),
                    "username": actor.username})
                audit.record("quota.request", actor, at=self.clock.now_utc(), request=request_id,
                             kecamatan=kecamatan_code, day=day, before=current.limit, after=limit, reason=reason.strip())
                requested = limit
            else:
                if limit > current.limit:
                    require_approval(approval, QUOTA_RAISE, actor, day)
                QuotaOverride.insert(
                    kecamatan_code=kecamatan_code,
                    day=day,
                    daily_limit=limit,
                    reason=reason.strip(),
                    user=actor.id,
                    at=self.clock.now_utc(),
                ).on_conflict(
                    conflict_target=[QuotaOverride.kecamatan_code, QuotaOverride.day],
                    update={
                        QuotaOverride.daily_limit: limit,
                        QuotaOverride.reason: reason.strip(),
                        QuotaOverride.user: actor.id,
                        QuotaOverride.at: self.clock.now_utc(),
                    },
                ).execute()
                audit.record(
                    "quota.set_today", actor, at=self.clock.now_utc(), effects=[quota_day_effect(kecamatan_code, day, limit)],
                    kecamatan=kecamatan_code, day=day,
                    before=current.limit, after=limit, reason=reason.strip(),
                    **({"approval": approval.id, "approver": approval.approver.username} if approval else {}),
                )
        if requested is not None:
            raise QuotaRequested(msg("Permintaan kuota {limit} untuk hari ini dikirim ke kabupaten; kuota berubah "
                                     "setelah kabupaten menyetujuinya.", limit=requested))
        return self.state(kecamatan_code, day)


class QuotaRequested(UserFacingError):
    """Not an error: on an enrolled station a raise is a request to the regency (said in these words)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="quota_requested")


def _checked(limit: int) -> int:
    try:
        return validate_limit(int(limit))
    except ValueError as exc:
        raise UserFacingError(msg('Kuota tidak sah: {exc}.', exc=exc)) from exc
