"""A supervisor gives back a claim of this station on a NIK (`ktp-mandiri claims release`): one the
counter cannot settle itself, e.g. a claim whose print job will not come back. The regency releases
it with the supervisor's name (audited there) and the station's audit chain records it here too
(docs/sync-protocol.md, "Claims")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.store.models import PrintJob
from desktop.sync.client import SyncError
from desktop.sync.link import RegencyLink

LIVE = ("queued", "sending", "printing")  # a job still on its way to a card holds its claim


@dataclass(frozen=True)
class HeldClaim:
    claim_id: str
    nik: str
    job_id: str
    state: str
    day: date


def held_claims(day: date) -> list[HeldClaim]:
    """The claims this station's print jobs of `day` took at the regency (oldest first)."""
    query = (PrintJob.select().where(PrintJob.claim_id.is_null(False) & (PrintJob.day == day))
             .order_by(PrintJob.created_at))
    return [HeldClaim(job.claim_id, job.nik, job.id, job.fault or job.state, job.day) for job in query]


def release_claim(db: SqliteDatabase, clock: Clock, link: RegencyLink, actor: CurrentUser, claim_id: str) -> None:
    """Release the claim at the regency with the supervisor's name; refused while a print job still
    needs it, and offline (one sentence each)."""
    actor.require(Permission.RESOLVE_PRINT)
    live = PrintJob.get_or_none((PrintJob.claim_id == claim_id) & PrintJob.state.in_(LIVE))
    if live is not None:
        raise UserFacingError(msg("Klaim ini masih dipakai pekerjaan cetak {job} yang belum selesai; selesaikan "
                                  "pekerjaan itu dulu.", job=live.id[:8]), code="claim_in_use")
    try:
        link.client().post(f"/v1/claims/{claim_id}/release", {"by": actor.username})
    except SyncError as exc:
        if exc.code in ("offline", "server_error"):
            raise UserFacingError(msg("Server kabupaten tidak menjawab; klaim tidak dilepas. Coba lagi setelah "
                                      "koneksi pulih."), code="offline") from None
        raise
    with db.atomic("IMMEDIATE"):
        audit.record("claim.release", actor, at=clock.now_utc(), claim=claim_id)
