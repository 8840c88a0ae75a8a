"""Four-eyes approvals: a reprint asked at the counter (the first card returned), a quota raise approved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import CARDS, QUOTA, STOCK, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


def approve_reprint(services: Services, user: CurrentUser, nik: str, cause: str, approver: str,
                    password: str) -> Op:
    """Returns a ReprintGranted (desktop/services/approvals.py)."""
    approvals = services.approvals
    return Op("approval.reprint", "db", lambda: approvals.approve_reprint(user, nik, cause, approver, password),
              {CARDS, QUOTA, STOCK})
