"""The composition root's service bundle: one instance of each service over one database, and the sync
service over it (beside app.py, which is the command line's and the GUI's way in).

Services are made on first use, so that opening the station for the log-in page costs only the
database and the user table (start-up is measured in bench/); the rest loads after log-in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.paths import prepare_data_dir
from desktop.store.db import open_database
from desktop.store.files import DB_FILENAME

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from desktop.domain.card import CardData, CardRaster
    from desktop.domain.regions import Regions
    from desktop.services.approvals import ApprovalService
    from desktop.services.auth import AuthService
    from desktop.services.blanko_ledger import BlankoLedgerService
    from desktop.services.head_mark import HeadMark
    from desktop.services.issuance import IssuanceService
    from desktop.services.jobs import JobService
    from desktop.services.leases import LeaseService
    from desktop.services.office_panel import OfficePanelService
    from desktop.services.panel_lists import PanelListService
    from desktop.services.queue import QueueService
    from desktop.services.quota import QuotaService
    from desktop.services.registration import RegistrationService
    from desktop.services.reports import ReportService
    from desktop.services.reports.settings import ReportSettingsService
    from desktop.services.residents import ResidentService
    from desktop.services.station import StationService
    from desktop.services.stock import StockService
    from desktop.services.users import UserService
    from desktop.store.joblocks import JobLocks
    from desktop.store.journal import OutcomeJournal
    from desktop.sync.service import SyncService


class Services:
    def __init__(
        self, data_dir: Path, db: SqliteDatabase, clock: Clock,
        renderer: Callable[[CardData, float], CardRaster] | None = None, hasher: PasswordHasher | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.db = db
        self.clock = clock
        self._renderer = renderer
        self._hasher = hasher

    @cached_property
    def regions(self) -> Regions:
        from desktop.domain.regions import default_regions

        return default_regions()

    @cached_property
    def auth(self) -> AuthService:
        from desktop.services.auth import AuthService

        service = AuthService(self.db, self.clock, self._hasher)
        service.online_login = lambda username, password: self.sync.link.check_login(username, password)
        return service

    @cached_property
    def approvals(self) -> ApprovalService:
        from desktop.services.approvals import ApprovalService

        return ApprovalService(self.db, self.clock, self.auth)

    @cached_property
    def office_panel(self) -> OfficePanelService:
        from desktop.services.office_panel import OfficePanelService

        return OfficePanelService(self.db, self.clock, self.quota, self.stock, self.leases, self.jobs, self.approvals)

    @cached_property
    def panel_lists(self) -> PanelListService:
        from desktop.services.panel_lists import PanelListService

        return PanelListService(self.db, self.clock)

    @cached_property
    def users(self) -> UserService:
        from desktop.services.users import UserService

        service = UserService(self.db, self.clock, self.auth)
        service.link = self.sync.link  # a regency account's password is changed online
        return service

    @cached_property
    def stations(self) -> StationService:
        from desktop.services.station import StationService

        return StationService(self.db, self.clock, self.regions)

    @cached_property
    def quota(self) -> QuotaService:
        from desktop.services.quota import QuotaService

        return QuotaService(self.db, self.clock, self.regions)

    @cached_property
    def stock(self) -> StockService:
        from desktop.services.stock import StockService

        return StockService(self.db, self.clock)

    @cached_property
    def registrations(self) -> RegistrationService:
        from desktop.services.registration import RegistrationService

        return RegistrationService(self.db, self.clock, self.stock)

    @cached_property
    def blanko_ledger(self) -> BlankoLedgerService:
        from desktop.services.blanko_ledger import BlankoLedgerService

        return BlankoLedgerService(self.db, self.clock)

    # --- reports (issue 22) ---------------------------------------------------------------------------------
    @cached_property
    def reports(self) -> ReportService:
        from desktop.services.reports import ReportService
        from desktop.services.reports.archive import FOLDER

        return ReportService(self.db, self.clock, self.regions, self.quota, self.data_dir / FOLDER)

    @cached_property
    def report_settings(self) -> ReportSettingsService:
        from desktop.services.reports.settings import ReportSettingsService

        return ReportSettingsService(self.db, self.clock)

    @cached_property
    def residents(self) -> ResidentService:
        from desktop.services.residents import ResidentService

        service = ResidentService(self.db, self.clock, self.regions, self.quota)
        service.image_fetcher = self._fetch_images
        service.rights_blocker = self.leases.blocker
        service.history = self._card_history
        return service

    def _card_history(self, nik: str, ask_regency: bool) -> list:
        # An enrolled station knows the regency's cards (and may ask for a NIK with none here); else its own.
        if ask_regency and self.sync.enrolled():
            return self.sync.history.of(nik)
        return self.sync.history.local(nik)

    @cached_property
    def leases(self) -> LeaseService:
        from desktop.services.leases import LeaseService

        return LeaseService(self.db, self.clock, self.regions)

    @cached_property
    def sync(self) -> SyncService:
        from desktop.sync.service import SyncService

        return SyncService(self.db, self.clock, self.regions)

    def _fetch_images(self, nik: str) -> None:
        if self.sync.enrolled():
            self.sync.fetch_images(nik)

    @cached_property
    def issuance(self) -> IssuanceService:
        from desktop.services.issuance import IssuanceService, default_renderer

        service = IssuanceService(self.db, self.clock, self.residents, self.quota, self.stations,
                                  locks=self.locks, journal=self.journal, renderer=self._renderer or default_renderer,
                                  leases=self.leases, head_mark=self.head_mark, registrations=self.registrations)
        service.link = self.sync.link  # an enrolled station claims the NIK before it reserves a blanko
        service.failed_card_dir = self.data_dir
        return service

    @cached_property
    def head_mark(self) -> HeadMark:
        from desktop.services.head_mark import HeadMark

        return HeadMark(self.data_dir, self.db, self.clock)

    @cached_property
    def jobs(self) -> JobService:
        from desktop.services.jobs import JobService

        return JobService(self.db, self.issuance, self.locks, self.journal)

    @cached_property
    def locks(self) -> JobLocks:
        from desktop.store.joblocks import JobLocks

        return JobLocks(self.data_dir)

    @cached_property
    def journal(self) -> OutcomeJournal:
        from desktop.store.files import JOURNAL_FILENAME
        from desktop.store.journal import OutcomeJournal

        return OutcomeJournal(self.data_dir / JOURNAL_FILENAME)

    # --- the queue at the door (issue 25) ----------------------------------------------------------------
    @cached_property
    def queue(self) -> QueueService:
        from desktop.services.queue import QueueService

        return QueueService(self.db, self.clock, self.stations, self.quota, self.leases, self.stock, self.residents,
                            self.regions)

    def check_integrity(self) -> None:
        from desktop.store.db import check_integrity

        check_integrity(self.db, self.data_dir / DB_FILENAME)

    def close(self) -> None:
        if "sync" in self.__dict__:
            self.sync.close()
        self.db.close()


def build_services(
    data_dir: Path, clock: Clock | None = None, renderer: Callable[[CardData, float], CardRaster] | None = None,
    hasher: PasswordHasher | None = None, integrity_check: bool = True, create: bool = True,
) -> Services:
    """Open the station in `data_dir`. Without `create`, a missing folder or database is refused:
    only the GUI's first run, --demo and `demo-data --with-station` make a new one."""
    db = open_database(prepare_data_dir(data_dir, create=create) / DB_FILENAME, integrity_check=integrity_check,
                       create=create)
    return Services(data_dir, db, clock or Clock(), renderer, hasher)
