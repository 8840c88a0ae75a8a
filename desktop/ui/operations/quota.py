"""Today's quota: set by a supervisor, or (on an enrolled station) requested from the regency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.errors import UserFacingError
from desktop.services.approvals import QUOTA_RAISE
from desktop.services.station import enrolled
from desktop.ui.operations import QUOTA, SYNC_STATUS, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


@dataclass(frozen=True)
class QuotaRequested:
    """The station is enrolled: the change went to the regency as a request (the sentence says so)."""

    error: UserFacingError


def set_quota(services: Services, user: CurrentUser, code: str, limit: int, reason: str,
              approver: tuple[str, str] | None = None) -> Op:
    """Returns the new QuotaState, or QuotaRequested. `approver` (name, password): the second person a
    raise needs at a station that is not enrolled."""
    quota, approvals = services.quota, services.approvals

    def work():
        try:
            approval = None
            # asked once the form is complete: a missing reason is said first
            if approver is not None and reason.strip() and not enrolled() and limit > quota.state(code).limit:
                approval = approvals.approve(QUOTA_RAISE, user, *approver, kecamatan=code, limit=limit)
            return quota.set_today(user, code, limit, reason, approval)
        except UserFacingError as exc:
            if exc.code != "quota_requested":
                raise
            return QuotaRequested(exc)

    return Op("quota.set", "db", work, {QUOTA, SYNC_STATUS})
