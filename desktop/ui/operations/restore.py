"""A supervisor accepts a restored or rolled-back database (audited; printing may go on)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import STOCK, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


def accept_restore(services: Services, user: CurrentUser) -> Op:
    return Op("audit.accept_restore", "db", lambda: services.head_mark.accept(user), {STOCK})
