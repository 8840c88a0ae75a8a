"""The composition root's service bundle: one instance of each service over one database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.regions import Regions, default_regions
from desktop.paths import prepare_data_dir
from desktop.services.auth import AuthService
from desktop.services.issuance import IssuanceService, Renderer, default_renderer
from desktop.services.quota import QuotaService
from desktop.services.residents import ResidentService
from desktop.services.station import StationService
from desktop.services.stock import StockService
from desktop.store.db import DB_FILENAME, open_database


@dataclass
class Services:
    data_dir: Path
    db: SqliteDatabase
    clock: Clock
    regions: Regions
    auth: AuthService
    stations: StationService
    quota: QuotaService
    stock: StockService
    residents: ResidentService
    issuance: IssuanceService

    def close(self) -> None:
        self.db.close()


def build_services(
    data_dir: Path, clock: Clock | None = None, renderer: Renderer = default_renderer,
    hasher: PasswordHasher | None = None,
) -> Services:
    clock = clock or Clock()
    regions = default_regions()
    db = open_database(prepare_data_dir(data_dir) / DB_FILENAME)
    stations = StationService(db, regions)
    quota = QuotaService(db, clock, regions)
    residents = ResidentService(db, clock, regions, quota)
    return Services(
        data_dir=data_dir,
        db=db,
        clock=clock,
        regions=regions,
        auth=AuthService(db, hasher),
        stations=stations,
        quota=quota,
        stock=StockService(db, clock),
        residents=residents,
        issuance=IssuanceService(db, clock, residents, quota, stations, renderer),
    )
