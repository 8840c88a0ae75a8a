"""Today's quota: set by a supervisor, or (on an enrolled station) requested from the regency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.errors import UserFacingError
from desktop.ui.operations import QUOTA, SYNC_STATUS, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


@dataclass(frozen=True)
class QuotaRequested:
    """The station is enrolled: the change went to the regency as a request (the sentence says so)."""

    error: UserFacingError


def set_quota(services: Services, user: CurrentUser, code: str, limit: int, reason: str) -> Op:
    """Returns the new QuotaState, or QuotaRequested."""
    quota = services.quota

    def work():
        try:
            return quota.set_today(user, code, limit, reason)
        except UserFacingError as exc:
            if exc.code != "quota_requested":
                raise
            return QuotaRequested(exc)

    return Op("quota.set", "db", work, {QUOTA, SYNC_STATUS})
