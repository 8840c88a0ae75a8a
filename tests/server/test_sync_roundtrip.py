"""A station enrols with a real regency server (SQLite and PostgreSQL with 2 workers), gets its
users, residents and quotas, prints, and the server receives the card exactly once."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators
from desktop.errors import UserFacingError
from desktop.services.issuance import PrintRequest
from desktop.store.models import KecamatanQuota, Outbox, Resident, User
from server import leases, registry, residents
from server.models import IssuedCard as ServerCard
from server.models import StationEvent
from tests.helpers.exports import jpeg, resident_row, write_export
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.regency import BOTH

PAMULANG, SETU, CIPUTAT = "36.74.06", "36.74.07", "36.74.04"
LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""


def seed_regency(tmp_path: Path) -> dict:
    rows = [resident_row(PAMULANG, 1, name="SITI RAHMAWATI"), resident_row(SETU, 2, name="BUDI SANTOSO", sex="L"),
            resident_row(CIPUTAT, 3, name="ANI LESTARI")]
    export = write_export(tmp_path / "penduduk.csv", rows)
    photos = tmp_path / "foto"
    photos.mkdir()
    (photos / f"{rows[0][0]}.jpg").write_bytes(jpeg())
    residents.import_residents("test", export, photos)
    registry.save_user("test", "operator1", "Siti Operator", "operator", "operator-rahasia", [PAMULANG],
                       must_change_password=False)
    registry.save_user("test", "supervisor1", "Budi Supervisor", "supervisor", "supervisor-rahasia", [PAMULANG],
                       must_change_password=False)
    registry.save_user("test", "ciputat.op", "Operator Ciputat", "operator", "operator-rahasia", [CIPUTAT])
    registry.set_quota("test", PAMULANG, 150)
    station, code = registry.add_station("test", "Hub Pamulang", [PAMULANG, SETU])
    return {"niks": [r[0] for r in rows], "station": station, "code": code}


def station_services(tmp_path: Path, name: str = "station"):
    return build_services(tmp_path / name, clock=FixedClock(OFFICE_MORNING),
                          hasher=PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.mark.parametrize("office", BOTH, indirect=True)  # PostgreSQL: the whole round trip through PostgreSQL's types, txid cursors and snapshots
def test_enrolled_station_gets_its_regency_data_and_its_card_reaches_the_server(office, tmp_path):
    regency = office
    seeded = seed_regency(tmp_path)
    leases.receive_blanko("test", 50, "BA-KAB-2026-7")
    services = station_services(tmp_path)
    sync = services.sync
    assert not sync.enrolled()
    sync.enrol(regency.url, seeded["code"])
    report = sync.round()

    station = services.stations.require()
    assert station.served == (PAMULANG, SETU)
    # Users of the served kecamatan only, with the regency's argon2 hash: log-in works offline.
    assert {u.username for u in User.select()} == {"operator1", "supervisor1"}
    assert User.get(User.username == "operator1").must_change_password is False
    operator = services.auth.login("operator1", "operator-rahasia")
    supervisor = services.auth.login("supervisor1", "supervisor-rahasia")
    # Residents of Pamulang and Setu, not Ciputat's.
    assert {r.nik for r in Resident.select()} == set(seeded["niks"][:2])
    assert KecamatanQuota.get(KecamatanQuota.kecamatan_code == PAMULANG).daily_limit == 150
    assert report.photos == 1  # the print-ready resident's photo was prefetched

    [box] = services.leases.incoming_ranges()  # blanko come from the regency, in a range of its serials
    assert services.leases.confirm_range(supervisor, box.id) == 50
    name = f"rt-{uuid.uuid4().hex[:6]}"
    printer = open_printer(f"sim://{name}")
    try:
        result = services.issuance.print_card(operator, PrintRequest(seeded["niks"][0], **LOST), printer)
    finally:
        printer.close()
        forget_simulators()
    assert result.quota.limit == 150
    # A resident without a photo on the server is never printed with a drawn face.
    problems = services.issuance.check(PrintRequest(seeded["niks"][1], **LOST))
    assert any("Foto penduduk" in p for p in problems)

    sync.round()
    assert Outbox.select().where(Outbox.sent_at.is_null()).count() == 0
    # The station's audit chain reached the server whole: its head is the station's head.
    from desktop.services import audit as station_audit
    from server.models import Station as ServerStation

    head = station_audit.head()
    registered = ServerStation.get(ServerStation.id == seeded["station"]["id"])
    assert (registered.audit_head_seq, registered.audit_head_hash) == (head.seq, head.hash)
    from desktop.services.audit_verify import verify_chain

    verified = verify_chain(services.db)
    assert verified.ok, verified  # every state applied from the server is explained by its entry
    cards = list(ServerCard.select())
    assert [(c.nik, c.kecamatan_code, c.blanko_serial) for c in cards] == [
        (seeded["niks"][0], PAMULANG, result.blanko_serial)]
    kinds = {e.entity for e in StationEvent.select()}
    assert {"issued_card", "print_job", "blanko_movement", "audit_log", "enrolment_history"} <= kinds
    services.close()


def test_unknown_code_is_refused_and_station_stays_standalone(regency, tmp_path):
    seed_regency(tmp_path)
    services = station_services(tmp_path)
    with pytest.raises(UserFacingError) as refused:
        services.sync.enrol(regency.url, "ABCD-EFGH-JKLM-NPQR")
    assert "Kode pendaftaran salah" in str(refused.value)
    assert not services.sync.enrolled()
    services.close()


def test_a_quota_raise_at_an_enrolled_station_is_a_request_the_regency_decides(regency, tmp_path):
    from desktop.services.quota import QuotaRequested

    seeded = seed_regency(tmp_path)
    services = station_services(tmp_path)
    services.sync.enrol(regency.url, seeded["code"])
    services.sync.round()
    supervisor = services.auth.login("supervisor1", "supervisor-rahasia")
    with pytest.raises(QuotaRequested):
        services.quota.set_today(supervisor, PAMULANG, 180, "antrean panjang")
    assert services.quota.state(PAMULANG).limit == 150  # unchanged until the regency says so
    services.sync.round()
    requests = registry.quota_requests()
    assert [(r["kecamatan_code"], r["daily_limit"], r["username"]) for r in requests] == [
        (PAMULANG, 180, "supervisor1")]
    registry.decide_quota_request("admin:test", requests[0]["id"], approve=True)
    services.sync.round()
    assert services.quota.state(PAMULANG).limit == 180
    services.close()


@pytest.mark.parametrize("regency", ["sqlite"], indirect=True)
def test_a_first_pull_whose_audit_entries_exceed_one_request_is_pushed_in_batches_the_regency_takes(
        regency, tmp_path, monkeypatch):
    """Each pulled page's audit entry claims every resident of the page: a first pull of a kecamatan
    (100,000 residents) wrote ~20 MB of entries, and one batch of them was refused (413) in every round.
    A batch now stops at BATCH_BYTES; the limit is made small here so a few pages need several batches."""
    from bench.bench_sync import _residents
    from desktop.sync import pull, push
    from server.models import Station as ServerStation

    info = seed_regency(tmp_path)
    residents.upsert_residents(_residents(1_200))
    monkeypatch.setattr(pull, "PAGE_SIZE", 300)
    monkeypatch.setattr(push, "BATCH_BYTES", 60_000)  # one page's entry (~40 KB) a batch
    services = station_services(tmp_path)
    services.sync.enrol(regency.url, info["code"])
    report = services.sync.round()
    assert report.residents >= 1_200
    assert Outbox.select().where(Outbox.sent_at.is_null()).count() == 0
    assert report.batches >= 4  # the pages' entries went one or two a batch
    head = services.db.execute_sql("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    registered = ServerStation.get(ServerStation.id == info["station"]["id"])
    assert (registered.audit_head_seq, registered.audit_head_hash) == head  # every entry reached the regency
    services.close()
