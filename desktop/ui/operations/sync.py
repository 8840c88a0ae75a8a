"""The regency link: a sync round now (or on the timer), enrolling the station."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import LEASES, QUOTA, SETTINGS, STOCK, SYNC_STATUS, USERS, Op

if TYPE_CHECKING:
    from desktop.composition import Services


def sync_now(services: Services) -> Op:
    """One round on the `sync` lane (nothing for a station that is not enrolled); a failed round
    changes what the header says about the link."""
    sync = services.sync

    def one_round():
        from desktop.services.revocation import revoked

        if not sync.enrolled() or revoked():  # a revoked station's header says why it stopped
            return None
        return sync.round()

    return Op("sync.now", "sync", one_round, {SYNC_STATUS, LEASES, USERS}, changes_on_failure={SYNC_STATUS})


def enrol(services: Services, url: str, code: str, ca_file: str | None) -> Op:
    sync = services.sync

    def work():
        return sync.enrol_and_sync(url, code, ca_file)  # the command line's enrol runs the same

    return Op("enrol", "sync", work, {SETTINGS, SYNC_STATUS, USERS, LEASES, QUOTA, STOCK})
