"""An enrolled station's database holds only the settings desktop/settings.py declares, through
enrolment, leases and leased blanko, a print, a round that fails, and a server restored from backup
(tests/unit/test_settings.py does the same for a station that was never enrolled)."""

from __future__ import annotations

import shutil

import pytest

from desktop.devices.simulator import forget_simulators
from desktop.settings import undeclared_keys
from desktop.sync.client import SyncError
from tests.helpers.leases import counter, office_regency, seed_residents

PAMULANG = "36.74.06"


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""
    yield
    forget_simulators()


def test_an_enrolled_station_stores_only_declared_settings(tmp_path, regency_servers):
    server = office_regency(regency_servers, "sqlite", size=5, low_water=1, blanko_size=20)
    seen: set[str] = set()

    def check(station) -> None:
        db = station.use().db
        assert undeclared_keys(db) == []
        seen.update(key for (key,) in db.execute_sql("SELECT key FROM setting").fetchall())

    try:
        niks = seed_residents(tmp_path, {PAMULANG: 3})[PAMULANG]
        station = counter(server, tmp_path, [PAMULANG], "loket-setelan", blanko=20)
        check(station)
        station.print(niks[0])
        station.round()
        check(station)

        server.stop()
        database_file = server.database_url.removeprefix("sqlite:///")
        shutil.copy(database_file, tmp_path / "backup.sqlite3")
        with pytest.raises(SyncError):
            station.round()  # the server is away: the round's error and the lease's are kept
        check(station)

        shutil.copy(tmp_path / "backup.sqlite3", database_file)
        server.cli("restored")
        server.bind()
        server.start()
        station.round()  # a new generation: the station reports what it holds
        station.print(niks[1])
        station.round()
        check(station)
        station.close()
    finally:
        server.stop()
    assert {"station_id", "audit_head", "clock_watermark", "sync.installation_id", "sync.station_code",
            "sync.generation", "sync.cursor", "sync.last_success", "sync.last_error", "sync.batch_seq",
            "sync.history_queued", "sync.mark.print_job", "sync.mark.blanko_movement_rowid",
            "sync.local_users_retired", "sync.scope_applied", "lease.clock_skew", "lease.contact",
            "lease.settings", "lease.renewed_at", "lease.renew_failed"} <= seen
    assert any(key.startswith("sync.user.") for key in seen)
