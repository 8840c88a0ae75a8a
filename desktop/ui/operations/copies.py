"""A supervisor's copies to a folder (desktop/services/station_copies.py), on the database lane: the
database's online backup and the bundle's audit check read it, and the audit entry is written on it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.ui.operations import Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


def take_backup(services: Services, user: CurrentUser, folder: Path) -> Op:
    from desktop.services import station_copies

    return Op("station.backup", "db", lambda: station_copies.take_backup(services, user, folder), ())


def make_support_bundle(services: Services, user: CurrentUser, folder: Path, include_card_stream: bool = False) -> Op:
    from desktop.services import station_copies

    return Op("station.support_bundle", "db",
              lambda: station_copies.make_support_bundle(services, user, folder, include_card_stream), ())
