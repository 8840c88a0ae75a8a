"""Enrolled stations that print under leases from a real regency server, for the lease tests.

The server runs in its own processes under libfaketime (Debian's `faketime` package), started at the
time the station's FixedClock shows, so server time and station time agree without touching either
program: the server reads a real (faked) system clock, the station its injected clock.
"""

from __future__ import annotations

import glob
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.clock import FixedClock
from desktop.composition import Services, build_services
from desktop.devices.registry import open_printer, profile_dir_in
from desktop.services.issuance import PrintRequest
from desktop.store.models import database
from server import leases, registry, residents
from server.db import connection
from tests.helpers.exports import jpeg, resident_row, write_export
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.prerequisites import missing
from tests.helpers.regency import BACKENDS, Regency, Servers

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})
OPERATOR, SUPERVISOR, PASSWORD = "operator1", "supervisor1", "rahasia-loket"


def faketime_library() -> str:
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1") + glob.glob("/usr/lib/faketime/libfaketime.so.1"))
    if not found:
        missing("libfaketime (apt-get install faketime) to run a process at another time")
    return found[0]


def faketime_env(at: datetime) -> dict[str, str]:
    """A process started with this environment sees its clock start at `at` (naive = office time) and run on."""
    if at.tzinfo is None:
        at = FixedClock(at).now_local()
    utc = at.astimezone(UTC)
    # (FAKETIME_DONT_FAKE_MONOTONIC=1 makes uvicorn answer 40 times slower: the monotonic clock is faked too.)
    return {"LD_PRELOAD": faketime_library(), "FAKETIME": utc.strftime("@%Y-%m-%d %H:%M:%S"), "TZ": "UTC"}


def faketime_env_offset(days: int) -> dict[str, str]:
    """A process started with this environment sees its clock `days` off (a machine set a year wrong)."""
    return {"LD_PRELOAD": faketime_library(), "FAKETIME": f"{days:+d}d"}


# A station's clock stands still at the office time while the server's runs on: a shared server is
# replaced before the two drift apart by more than a test can tell (MAX_SKEW_SECONDS is 300).
OFFICE_SERVER_SECONDS = 120


def office_regency(servers: Servers, backend: str, at: datetime = OFFICE_MORNING, **settings: int) -> Regency:
    """The module's server whose clock started at `at` (and runs on), over an emptied database with
    lease settings for the test (the server reads them from its database at each request)."""
    server = servers.get(backend, faketime_env(at), younger_than=OFFICE_SERVER_SECONDS)
    with connection():
        leases.set_settings("test", **({"advance_hour": 24} | settings))
    return server


@pytest.fixture(params=BACKENDS)
def office(request, regency_servers) -> Regency:
    """A server whose clock reads the station's office morning: it leases print rights for that day."""
    return office_regency(regency_servers, request.param)


@dataclass
class Counter:
    """One enrolled station with an operator and a supervisor logged in and a zero-delay simulator.

    The station's models reach its database through one process-wide proxy, so a test with two
    stations in one process goes through these methods, which point the proxy at this station first.
    """

    services: Services
    clock: FixedClock
    operator: object
    supervisor: object
    printer_uri: str
    printed: list = field(default_factory=list)

    def use(self) -> Services:
        database.initialize(self.services.db)
        return self.services

    def round(self):
        return self.use().sync.round()

    def lease(self, kecamatan: str, day=None):
        return self.use().leases.lease(kecamatan, day)

    def check(self, nik: str) -> list[str]:
        return self.use().issuance.check(PrintRequest(nik, **LOST))

    def print(self, nik: str):
        self.use()
        printer = open_printer(self.printer_uri, profile_dir_in(self.services.data_dir))
        try:
            result = self.services.issuance.print_card(self.operator, PrintRequest(nik, **LOST), printer)
        finally:
            printer.close()
        self.printed.append(result)
        return result

    def confirm_blanko(self) -> int:
        self.use()
        return sum(self.services.leases.confirm_range(self.supervisor, r.id)
                   for r in self.services.leases.incoming_ranges())

    def close(self) -> None:
        self.use().close()


def seed_residents(tmp_path: Path, counts: dict[str, int]) -> dict[str, list[str]]:
    """Print-ready residents with photos on the server, `counts[kecamatan]` of each; returns their NIKs."""
    rows, niks = [], {}
    for kecamatan, count in counts.items():
        made = [resident_row(kecamatan, n, name=f"WARGA {kecamatan[-2:]} {n}") for n in range(1, count + 1)]
        rows += made
        niks[kecamatan] = [r[0] for r in made]
    export = write_export(tmp_path / f"penduduk-{uuid.uuid4().hex[:6]}.csv", rows)
    photos = tmp_path / f"foto-{uuid.uuid4().hex[:6]}"
    photos.mkdir()
    picture = jpeg()
    for row in rows:
        (photos / f"{row[0]}.jpg").write_bytes(picture)
    with connection():
        residents.import_residents("test", export, photos)
        for username, role in ((OPERATOR, "operator"), (SUPERVISOR, "supervisor")):
            registry.save_user("test", username, username, role, PASSWORD, [], must_change_password=False)
    return niks


def counter(regency: Regency, tmp_path: Path, served: list[str], name: str | None = None,
            clock: FixedClock | None = None, blanko: int = 0) -> Counter:
    """Register, enrol and sync a station; `blanko` > 0 receives that many at the regency first and
    confirms the range the station is sent."""
    name = name or f"loket-{uuid.uuid4().hex[:6]}"
    with connection():
        if blanko:
            leases.receive_blanko("test", blanko, f"BA-{name}")
        _, code = registry.add_station("test", name, served)
    clock = clock or FixedClock(OFFICE_MORNING)
    services = build_services(tmp_path / name, clock=clock, hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    services.sync.enrol(regency.url, code)
    services.sync.round()
    station = Counter(services, clock, services.auth.login(OPERATOR, PASSWORD), services.auth.login(SUPERVISOR, PASSWORD),
                      f"sim://{name}?delay=0")
    if blanko:
        station.confirm_blanko()
    return station


def admin_call(regency: Regency, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    """An admin request to the running server (its clock, not this process's, decides what "today" is)."""
    from tests.server.test_protocol import admin_token, call

    token = getattr(regency, "_admin_token", None)
    if token is None:
        token = regency._admin_token = admin_token(regency)
    return call(regency.url + path, method, body, token=token)
