"""TLS with a certificate the station is told to trust; a station restored from its own backup is
refused until the regency re-anchors it; a server restored from backup gets back what it lost."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from argon2 import PasswordHasher

from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.services import audit as station_audit
from desktop.services.audit_verify import verify_chain
from desktop.store.models import Outbox
from desktop.sync.client import SyncError
from server import registry
from server.db import connection
from server.models import AuditEntry, StationEvent
from server.models import Station as ServerStation
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.regency import new_regency
from tests.helpers.tamper import rewrite_chain

PAMULANG, SETU = "36.74.06", "36.74.07"


def station(tmp_path, name="station"):
    return build_services(tmp_path / name, clock=FixedClock(OFFICE_MORNING),
                          hasher=PasswordHasher(time_cost=1, memory_cost=1024))


def enrol(regency, tmp_path, ca_file=None):
    with connection():
        registry.set_quota("test", PAMULANG, 120)
        info, code = registry.add_station("test", "Hub Pamulang", [PAMULANG, SETU])
    services = station(tmp_path)
    services.sync.enrol(regency.url, code, ca_file)
    services.sync.round()
    return services, info


def refused_with_nothing_applied(services) -> None:
    """The station's next round is refused as a broken chain, and the regency keeps none of its events."""
    with connection():
        before = StationEvent.select().count()
    with pytest.raises(SyncError) as refused:
        services.sync.round()
    assert refused.value.code == "audit_chain_broken"
    with connection():
        assert StationEvent.select().count() == before


@pytest.fixture
def tls_regency(request, tmp_path):
    cert, key = tmp_path / "server.crt", tmp_path / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    server = new_regency("sqlite", tmp_path, request)
    server.tls = (str(cert), str(key))
    server.start()
    yield server, cert
    server.stop()


def test_tls_with_the_certificate_the_station_is_told_to_trust(tls_regency, tmp_path):
    server, cert = tls_regency
    assert server.url.startswith("https://")
    with connection():
        _, code = registry.add_station("test", "Hub Pamulang", [PAMULANG])
    services = station(tmp_path)
    with pytest.raises(SyncError) as untrusted:  # not told to trust it: refused, nothing sent
        services.sync.enrol(server.url, code)
    assert untrusted.value.code == "tls"
    services.sync.enrol(server.url, code, str(cert))
    services.sync.round()
    assert services.sync.status().last_success is not None
    services.close()


@pytest.mark.parametrize("regency", ["sqlite"], indirect=True)
def test_a_station_restored_from_its_own_backup_is_refused_until_re_anchored(regency, tmp_path):
    services, info = enrol(regency, tmp_path)
    services.close()
    backup = tmp_path / "backup"
    shutil.copytree(tmp_path / "station", backup)
    services = station(tmp_path)
    admin_user = services.auth.create_first_admin("kepala", "Kepala Kantor", "kepala12345")
    services.auth.logout(admin_user)
    services.sync.round()
    services.close()

    shutil.rmtree(tmp_path / "station")
    shutil.copytree(backup, tmp_path / "station")  # the office restores yesterday's copy
    services = station(tmp_path)
    admin_user = services.auth.create_first_admin("kepala2", "Kepala Kantor", "kepala12345")  # another history
    refused_with_nothing_applied(services)  # nothing of the forked chain was applied
    with connection():
        registry.reanchor_station("admin:test", info["id"])
    services.sync.round()
    head = station_audit.head()
    with connection():
        registered = ServerStation.get(ServerStation.id == info["id"])
        assert (registered.audit_head_seq, registered.audit_head_hash) == (head.seq, head.hash)
        actions = [a.action for a in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions[-2:] == ["station.reanchor", "station.reanchored"]
    services.close()


@pytest.mark.parametrize("regency", ["sqlite"], indirect=True)
def test_a_server_restored_from_backup_gets_back_what_it_lost(regency, tmp_path):
    services, _ = enrol(regency, tmp_path)
    with connection():
        kept = StationEvent.select().count()
    regency.stop()
    database_file = regency.database_url.removeprefix("sqlite:///")
    shutil.copy(database_file, tmp_path / "server-backup.sqlite3")
    regency.start()
    admin_user = services.auth.create_first_admin("kepala", "Kepala Kantor", "kepala12345")
    services.auth.logout(admin_user)
    services.sync.round()
    with connection():
        sent = {e.event_id for e in StationEvent.select()}
    assert len(sent) > kept

    regency.stop()  # the server's disk dies; last night's backup is restored
    shutil.copy(tmp_path / "server-backup.sqlite3", database_file)
    regency.cli("restored")
    regency.bind()
    regency.start()
    report = services.sync.round()
    assert report.generation_changed
    with connection():
        assert StationEvent.select().where(StationEvent.event_id.in_(list(sent))).count() == len(sent)  # all back
    assert Outbox.select().where(Outbox.sent_at.is_null()).count() == 0
    assert report.pulled > 0  # and the station pulled the change log again from the start
    services.close()


def test_a_chain_rewritten_end_to_end_is_found_by_the_regency(regency, tmp_path):
    """The side file and the chain agree after a determined rewrite (docs/audit-chain.md); the regency's
    copy does not: the next push is refused and nothing of it is applied."""
    services, _info = enrol(regency, tmp_path)
    admin_user = services.auth.create_first_admin("kepala", "Kepala Kantor", "kepala12345")
    services.auth.logout(admin_user)
    services.sync.round()
    services.close()
    rewrite_chain(tmp_path / "station", 1)
    services = station(tmp_path)
    try:
        assert verify_chain(services.db).ok  # locally consistent
        admin_user = services.auth.login("kepala", "kepala12345")
        refused_with_nothing_applied(services)
    finally:
        services.close()
