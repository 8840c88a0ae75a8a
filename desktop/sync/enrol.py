"""Enrolment, as a part of SyncService (desktop/sync/service.py): the regency's one-time code is
exchanged for this station's token (docs/sync-protocol.md); the next round does the rest.
"""

from __future__ import annotations

from pathlib import Path

from desktop import station_account
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.settings import (
    STATION_ID,
    SYNC_CURSOR,
    SYNC_GENERATION,
    SYNC_HISTORY_QUEUED,
    SYNC_SERVER_CA,
    SYNC_STATION_CODE,
)
from desktop.store.models import Station
from desktop.sync.client import ServerClient


class Enrolment:
    """Mixed into SyncService: it has db, clock, installation_id(), _station(); drops its client."""

    def enrol_and_sync(self, server_url: str, code: str, ca_file: str | None = None, *, first: bool = False):
        """The first page's enrolment and `ktp-mandiri enrol`: the code exchanged, then the first round
        (its SyncReport). `first`: refused when the folder already holds an enrolled station."""
        if first and self.enrolled():
            station = self._station()
            raise UserFacingError(msg("Folder data ini sudah berisi stasiun {name} yang terdaftar di {url}; "
                                      "pendaftaran baru memerlukan folder data tanpa stasiun (--data-dir).",
                                      name=station.name, url=station.server_url), code="already_enrolled")
        made = self._station() is None
        if made:
            station_account.refuse_second_station()  # Windows: another account of this PC holds the station
        self.enrol(server_url, code, ca_file)
        if made:
            station_account.claim(Path(self.db.database).parent, self._station().name)
        return self.round()

    def enrol(self, server_url: str, code: str, ca_file: str | None = None) -> None:
        """Exchange the regency's one-time code for this station's token; the next round does the rest."""
        client = ServerClient(server_url, ca_file=ca_file or None)
        existing = self._station()
        try:
            reply = client.post("/v1/enrol", {"code": code.strip(), "installation_id": self.installation_id(),
                                              "station_name": existing.name if existing else None})
        finally:
            client.close()
        with self.db.atomic("IMMEDIATE"):
            served = ",".join(reply["served"])
            if existing is None:
                existing = Station.create(name=reply["name"], kecamatan_code=reply["kecamatan_code"], served_kecamatan=served,
                                          issue_place=reply["issue_place"])
                STATION_ID.set(existing.id)
            existing.name = reply["name"]
            existing.kecamatan_code = reply["kecamatan_code"]
            existing.served_kecamatan = served
            existing.issue_place = reply["issue_place"]
            existing.server_url = client.base_url
            existing.token = reply["token"]
            existing.save()
            SYNC_SERVER_CA.set(ca_file or None)
            SYNC_STATION_CODE.set(reply["code"])
            SYNC_GENERATION.set(reply["generation"])
            SYNC_CURSOR.set(None)
            SYNC_HISTORY_QUEUED.set(None)
            audit.record("station.enrol", None, at=self.clock.now_utc(), server=client.base_url,
                         station_code=reply["code"], served=reply["served"])
        self._client = None

