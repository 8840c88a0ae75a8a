"""The regency changes the kecamatan a station serves: the station receives the earlier changes of a
newly served kecamatan (its cursor was past them), purges the residents and photos of one it no
longer serves, and its history for that one is still accepted. A status change keeps a cached photo;
a new photo replaces it. Real server processes (SQLite, and PostgreSQL with 2 workers)."""

from __future__ import annotations

import json
import uuid

import pytest

from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators
from desktop.errors import UserFacingError
from desktop.services.audit_verify import verify_chain
from desktop.services.issuance import PrintRequest
from desktop.store.models import KecamatanQuota, Resident, Station, User
from server import leases, registry, residents
from server.db import connection
from server.models import AuditEntry, Change
from server.models import IssuedCard as ServerCard
from server.models import QuotaLease as ServerLease
from tests.helpers.exports import jpeg, resident_row, write_export
from tests.helpers.regency import free_port
from tests.server.test_protocol import admin_token, call, enrolled_station
from tests.server.test_sync_roundtrip import CIPUTAT, LOST, PAMULANG, SETU, station_services


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""


def seed(tmp_path) -> dict:
    rows = {PAMULANG: resident_row(PAMULANG, 1, name="SITI RAHMAWATI"),
            SETU: resident_row(SETU, 2, name="BUDI SANTOSO", sex="L"),
            "setu-2": resident_row(SETU, 3, name="DEWI LESTARI"),
            CIPUTAT: resident_row(CIPUTAT, 4, name="ANI SUHARTI")}
    photos = tmp_path / "foto"
    photos.mkdir()
    for row in rows.values():
        (photos / f"{row[0]}.jpg").write_bytes(jpeg())
    residents.import_residents("test", write_export(tmp_path / "penduduk.csv", list(rows.values())), photos)
    for username, kecamatan in (("operator1", PAMULANG), ("setu.op", SETU), ("ciputat.op", CIPUTAT)):
        registry.save_user("test", username, username, "operator", "operator-rahasia", [kecamatan],
                           must_change_password=False)
    registry.save_user("test", "supervisor1", "Budi Supervisor", "supervisor", "supervisor-rahasia", [PAMULANG],
                       must_change_password=False)
    registry.set_quota("test", CIPUTAT, 120)
    station, code = registry.add_station("test", "Hub Pamulang", [PAMULANG, SETU])
    return {"nik": {k: r[0] for k, r in rows.items()}, "station": station, "code": code}


def print_card(services, user, nik: str):
    printer = open_printer(f"sim://served-{uuid.uuid4().hex[:6]}")
    try:
        return services.issuance.print_card(user, PrintRequest(nik, **LOST), printer)
    finally:
        printer.close()
        forget_simulators()


def test_a_station_given_another_kecamatan_gets_its_history_and_purges_the_one_it_left(office, tmp_path):
    regency = office  # its clock reads the station's office morning: it leases print rights for that day
    seeded = seed(tmp_path)
    leases.receive_blanko("test", 5, "BA-2026-9")
    nik = seeded["nik"]
    services = station_services(tmp_path)
    services.sync.enrol(regency.url, seeded["code"])
    services.sync.round()
    assert {r.nik for r in Resident.select()} == {nik[PAMULANG], nik[SETU], nik["setu-2"]}
    assert all(r.photo for r in Resident.select())  # prefetched: every one is print-ready
    supervisor = services.auth.login("supervisor1", "supervisor-rahasia")
    [box] = services.leases.incoming_ranges()  # an enrolled station's blanko come from the regency
    services.leases.confirm_range(supervisor, box.id)

    # The regency moves Setu to another hub and gives this one Ciputat, from the command line.
    done = regency.cli("station", "serve", seeded["station"]["code"], "--kecamatan", f"{PAMULANG},{CIPUTAT}")
    assert f"kini melayani {PAMULANG}, {CIPUTAT}" in done.stdout
    entry = AuditEntry.select().where(AuditEntry.action == "station.serve").get()
    assert entry.actor.startswith("cli:")
    assert {"before": [PAMULANG, SETU], "after": [PAMULANG, CIPUTAT]}.items() <= json.loads(entry.details).items()

    # Before its next round the station, not knowing yet, would print a card for a Setu resident:
    # online, its claim is refused (the regency knows better); offline it prints on what it knows.
    operator = services.auth.login("operator1", "operator-rahasia")
    with pytest.raises(UserFacingError, match="tidak ada di kecamatan yang dilayani stasiun ini"):
        print_card(services, operator, nik[SETU])
    live = Station.get().server_url
    Station.update(server_url=f"http://127.0.0.1:{free_port()}").execute()  # nobody listens there
    card = print_card(services, operator, nik[SETU])
    assert card.notes == ("server tidak menjawab: diperiksa dengan data lokal",)
    Station.update(server_url=live).execute()
    report = services.sync.round()

    # Its history for Setu was accepted (served earlier), not refused with the whole batch.
    assert [(c.nik, c.kecamatan_code, c.blanko_serial) for c in ServerCard.select()] == [
        (nik[SETU], SETU, card.blanko_serial)]
    station = services.stations.require()
    assert station.served == (PAMULANG, CIPUTAT)
    # Ciputat's resident, account and quota were all recorded before the station's cursor: they came.
    assert {r.nik for r in Resident.select()} == {nik[PAMULANG], nik[CIPUTAT], nik[SETU]}
    assert Resident.get(Resident.nik == nik[CIPUTAT]).photo == jpeg()
    assert KecamatanQuota.get(KecamatanQuota.kecamatan_code == CIPUTAT).daily_limit == 120
    services.auth.login("ciputat.op", "operator-rahasia")
    # Setu's other resident is purged; the one a print job refers to stays for the history, without images.
    kept = Resident.get(Resident.nik == nik[SETU])
    assert (bytes(kept.photo), bytes(kept.signature)) == (b"", b"")
    assert not User.get(User.username == "setu.op").active
    with pytest.raises(UserFacingError, match="salah"):
        services.auth.login("setu.op", "operator-rahasia")
    # The counter no longer serves Setu's residents.
    problems = services.issuance.check(PrintRequest(nik[SETU], **LOST))
    assert any("yang tidak dilayani stasiun ini" in p for p in problems), problems
    assert report.photos >= 1
    # The rights it held for Setu went back to the regency but the one its card used; none come for Setu.
    with connection():
        setu = ServerLease.get((ServerLease.kecamatan_code == SETU) & (ServerLease.day == card.issued_at.date()))
        assert (setu.granted - setu.returned, setu.used) == (1, 1)
        assert ServerLease.select().where(ServerLease.kecamatan_code == CIPUTAT).count() >= 1
    setu_here = services.leases.lease(SETU, card.issued_at.date())
    assert (setu_here.left, setu_here.used) == (0, 1)
    assert verify_chain(services.db).ok  # every purge and deactivation is explained by its entry
    services.close()


def test_admin_api_changes_a_station_scope_and_the_pull_restarts_for_it(regency, tmp_path):
    """Checked with requests written from docs/sync-protocol.md, not with the station's client."""
    residents.import_residents("test", write_export(tmp_path / "a.csv", [
        resident_row(PAMULANG, 1), resident_row(CIPUTAT, 2)]))
    registry.set_quota("test", PAMULANG, 100)  # the station's cursor goes past Ciputat's resident
    token, installation = enrolled_station(regency, served=(PAMULANG,))
    station = registry.list_stations()[-1]
    status, page = call(regency.url + "/v1/pull", token=token, installation=installation)
    assert [(c["kind"], c["data"]["kecamatan_code"]) for c in page["changes"]] == [
        ("resident", PAMULANG), ("quota", PAMULANG)]
    assert not page["more"]
    cursor = page["cursor"]
    assert call(regency.url + f"/v1/pull?cursor={cursor}", token=token, installation=installation)[1]["changes"] == []

    url = regency.url + f"/v1/admin/stations/{station['code']}/served"
    admin = admin_token(regency)
    assert call(url, "PUT", {"kecamatan": [PAMULANG, CIPUTAT]}, token=token, installation=installation)[0] == 401
    assert call(url, "PUT", {"kecamatan": ["36.74.99"]}, token=admin)[0] == 422
    status, changed = call(url, "PUT", {"kecamatan": [PAMULANG, CIPUTAT]}, token=admin)
    assert (status, changed["served"]) == (200, [PAMULANG, CIPUTAT])

    status, page = call(regency.url + f"/v1/pull?cursor={cursor}", token=token, installation=installation)
    kinds = [(c["kind"], c["data"].get("kecamatan_code")) for c in page["changes"]]
    assert ("resident", CIPUTAT) in kinds  # recorded long before the cursor, delivered all the same
    assert ("station", None) in kinds and page["cursor"] != cursor
    assert call(regency.url + f"/v1/pull?cursor={page['cursor']}", token=token,
                installation=installation)[1]["changes"] == []
    with connection():
        assert AuditEntry.select().where(AuditEntry.action == "station.serve").count() == 1
    registry.revoke_station("test", station["id"])
    assert call(url, "PUT", {"kecamatan": [PAMULANG]}, token=admin)[0] == 409


def test_a_status_change_keeps_the_cached_photo_and_a_new_photo_replaces_it(regency, tmp_path):
    row = resident_row(PAMULANG, 1, status="PRINT_READY_RECORD")
    photos = tmp_path / "foto"
    photos.mkdir()
    (photos / f"{row[0]}.jpg").write_bytes(jpeg("#c0a080"))
    export = write_export(tmp_path / "a.csv", [row])
    residents.import_residents("test", export, photos)
    _, code = registry.add_station("test", "Pamulang", [PAMULANG])
    services = station_services(tmp_path)
    services.sync.enrol(regency.url, code)
    assert services.sync.round().photos == 1
    cached = bytes(Resident.get().photo)

    def photo_requests() -> int:
        log = regency.log_path.read_text()
        return log.count("/v1/residents/…/photo")

    requests_before = photo_requests()
    status = tmp_path / "status.csv"
    status.write_text(f"NIK;STATUS_REKAM\n{row[0]};SENT_FOR_ENROLLMENT\n", encoding="utf-8-sig")
    residents.import_status("test", status)
    status.write_text(f"NIK;STATUS_REKAM\n{row[0]};PRINT_READY_RECORD\n", encoding="utf-8-sig")
    residents.import_status("test", status)
    assert services.sync.round().pulled == 2
    assert bytes(Resident.get().photo) == cached and Resident.get().record_status == "PRINT_READY_RECORD"
    assert photo_requests() == requests_before  # nothing fetched again

    # The same photos imported again change nothing: no change for the stations.
    changes_before = Change.select().count()
    assert residents.import_residents("test", export, photos).photos == 0
    assert Change.select().count() == changes_before

    # A new photo: the station's record still names the old one, so a fetch now keeps the old copy
    # (the image and the record it belongs to come together) ...
    (photos / f"{row[0]}.jpg").write_bytes(jpeg("#203040"))
    assert residents.import_residents("test", export, photos).photos == 1
    services.sync.fetch_images(row[0])
    assert bytes(Resident.get().photo) == cached
    # ... and the next round brings the change naming the new photo, and the new photo.
    services.sync.round()
    assert bytes(Resident.get().photo) == jpeg("#203040") != cached
    services.close()
