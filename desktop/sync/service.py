"""The station's side of sync: enrolment, then rounds of push (outbox batches) and pull (change log).

The protocol is docs/sync-protocol.md. This module holds the round and the station's sync state; its
steps are mixed in from enrol.py, capture.py, push.py, pull.py, photos.py and leases.py. A round never leaves the station half-changed: each pulled
page is applied together with its cursor in one local transaction, and an outbox batch is marked
sent only on the server's acknowledgement. A station that was never enrolled never gets here.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.regions import Regions
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.card_history import CardHistoryService
from desktop.services.revocation import REVOKED_CODE, note_revoked, revoked, revoked_sentence
from desktop.settings import (
    LEASE_RENEW_FAILED,
    LEASE_REPORT_DUE,
    STATION_ID,
    SYNC_CURSOR,
    SYNC_GENERATION,
    SYNC_INSTALLATION_ID,
    SYNC_LAST_ERROR,
    SYNC_LAST_SUCCESS,
    SYNC_SERVER_CA,
)
from desktop.store.models import Outbox, Station
from desktop.sync.capture import OutboxCapture
from desktop.sync.client import ServerClient, SyncError
from desktop.sync.enrol import Enrolment
from desktop.sync.leases import LeaseRounds
from desktop.sync.link import RegencyLink
from desktop.sync.photos import PhotoCache
from desktop.sync.pull import ChangePull
from desktop.sync.push import OutboxPush
from desktop.sync.report import SyncReport

log = logging.getLogger("ktp.sync")

KEEP_SENT_DAYS = 30  # sent outbox rows are kept: a server restored from backup asks for them again


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    online: bool | None  # None: no round tried since start
    last_success: datetime | None
    waiting: int  # outbox rows not yet acknowledged
    last_error: str | None


class SyncService(Enrolment, OutboxCapture, OutboxPush, ChangePull, PhotoCache, LeaseRounds):
    """The round; its steps are in the modules beside this one (enrol, capture, push, pull, photos, leases)."""

    def __init__(self, db: SqliteDatabase, clock: Clock, regions: Regions) -> None:
        self.db = db
        self.clock = clock
        self.regions = regions
        self.online: bool | None = None
        self._client: ServerClient | None = None
        self._leases_renewed = False
        self._scope_moved = False  # set by a pull that changed the served kecamatan
        # The counter's short requests (claims, a NIK's cards, passwords) on a connection of their own.
        self.link = RegencyLink(clock, self.installation_id)
        self.history = CardHistoryService(db, clock, self.link)

    # --- state -----------------------------------------------------------------------------------
    def _station(self) -> Station | None:
        station_id = STATION_ID.get()
        return Station.get_or_none(Station.id == station_id) if station_id else None

    def enrolled(self) -> bool:
        station = self._station()
        return bool(station and station.token)

    def status(self) -> SyncStatus:
        station = self._station()
        waiting = Outbox.select().where(Outbox.sent_at.is_null()).count() if station and station.token else 0
        return SyncStatus(
            enrolled=bool(station and station.token), server_url=station.server_url if station else None,
            online=self.online, last_success=SYNC_LAST_SUCCESS.get(), waiting=waiting,
            last_error=SYNC_LAST_ERROR.get(),
        )

    def installation_id(self) -> str:
        value = SYNC_INSTALLATION_ID.get()
        if value is None:
            value = str(uuid.uuid4())
            with self.db.atomic():
                SYNC_INSTALLATION_ID.set(value)
        return value

    def client(self) -> ServerClient:
        station = self._station()
        if station is None or not station.token:
            raise UserFacingError(msg("Stasiun ini belum didaftarkan ke server kabupaten."), code="not_enrolled")
        if self._client is None or self._client.token != station.token:
            self._client = ServerClient(station.server_url, token=station.token,
                                        installation_id=self.installation_id(), ca_file=SYNC_SERVER_CA.get())
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self.link.close()

    # --- one round -------------------------------------------------------------------------------
    def round(self) -> SyncReport:
        """Handshake, push every waiting batch, pull every waiting change; raises SyncError offline."""
        report = SyncReport()
        if revoked():
            raise UserFacingError(revoked_sentence(), code=REVOKED_CODE)  # for good: nothing more to say to it
        client = self.client()
        start_sent, start_received = client.traffic.sent, client.traffic.received
        try:
            self._leases_renewed = False
            sent = self.clock.now_utc()
            session = client.get("/v1/session")
            self._note_clock(session["server_time"], sent, self.clock.now_utc())
            report.generation_changed = self._check_generation(session)
            self._fetch_own(client, report)
            self._capture()
            self._push(client, report)
            self._lease_round(client, session, report.pushed > 0 or report.generation_changed, report)
            self._leases_renewed = True
            self._scope_moved = False
            self._pull(client, report)
            if self._scope_moved and not self._clock_bad():
                self._exchange(client, report)  # rights back for a kecamatan left, rights for a new one
            self._prefetch(client, report)
            self.link.sweep(client)  # claims with no print job behind them expire
            self._push(client, report)  # the audit entries of what was just applied
        except SyncError as exc:
            self.online = exc.code != "offline"
            if exc.code == REVOKED_CODE:
                note_revoked(self.clock.now_utc(), "sync", str(exc))
            with self.db.atomic():
                SYNC_LAST_ERROR.set(str(exc))
                if not self._leases_renewed:  # a photo that failed after the leases were renewed is no matter
                    LEASE_RENEW_FAILED.set(str(exc))
            raise
        self.online = True
        with self.db.atomic():
            SYNC_LAST_SUCCESS.set(self.clock.now_utc())
            SYNC_LAST_ERROR.set(None)
            Outbox.delete().where(Outbox.sent_at < self.clock.now_utc() - timedelta(days=KEEP_SENT_DAYS)).execute()
            self.history.prune()
        report.bytes_sent = client.traffic.sent - start_sent
        report.bytes_received = client.traffic.received - start_received
        return report

    def _fetch_own(self, client: ServerClient, report: SyncReport) -> None:
        """A restore accepted while the regency was out of reach: the cards after its point come back now
        (before the push, which the regency refuses to a restored chain until it re-anchors it)."""
        from desktop.sync.own_events import fetch_in_round

        done = fetch_in_round(self.db, self.clock, client)
        if done is not None:
            report.recovered = done.cards

    def _check_generation(self, session: dict) -> bool:
        """A server restored from backup: re-send what it lost and pull everything again."""
        known = SYNC_GENERATION.get()
        generation = session["generation"]
        if known == generation:
            return False
        last_seq = (session.get("last_batch") or {}).get("seq") or 0
        with self.db.atomic("IMMEDIATE"):
            if known is not None:
                resent = (Outbox.update(sent_at=None, batch_id=None, batch_seq=None)
                          .where(Outbox.batch_seq > last_seq).execute())
                SYNC_CURSOR.set(None)
                # Print rights are reported to the restored server before anything more is printed.
                LEASE_REPORT_DUE.set(self.clock.now_utc())
                audit.record("sync.server_restored", None, at=self.clock.now_utc(), before=known, after=generation,
                             acked_batch=last_seq, resent=resent)
                log.warning("server generation changed; re-sending %s events after batch %s", resent, last_seq)
            SYNC_GENERATION.set(generation)
        return known is not None
