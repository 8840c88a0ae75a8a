"""A supervisor confirms the computer's date and time (audited; printing may go on)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import SETTINGS, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


def confirm_clock(services: Services, user: CurrentUser) -> Op:
    from desktop.services.clock_confirm import confirm_clock as confirm

    return Op("clock.confirm", "db", lambda: confirm(services.db, services.clock, user), {SETTINGS})
