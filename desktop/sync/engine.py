"""The station's side of sync: enrolment, then rounds of push (outbox batches) and pull (change log).

The protocol is docs/sync-protocol.md. A round never leaves the station half-changed: each pulled
page is applied together with its cursor in one local transaction, and an outbox batch is marked
sent only on the server's acknowledgement. A station that was never enrolled never gets here.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import JOIN, SqliteDatabase, fn

from desktop.clock import Clock
from desktop.domain.audit_chain import ORIGIN_SERVER, ChainEntry, quota_day_effect, quota_effect, user_effect
from desktop.domain.regions import Regions, issue_place_for
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.card_history import CardHistoryService
from desktop.settings import (
    LEASE_RENEW_FAILED,
    LEASE_REPORT_DUE,
    REGENCY_USERS,
    STATION_ID,
    SYNC_BATCH_SEQ,
    SYNC_CURSOR,
    SYNC_GENERATION,
    SYNC_HISTORY_QUEUED,
    SYNC_INSTALLATION_ID,
    SYNC_LAST_ERROR,
    SYNC_LAST_SUCCESS,
    SYNC_LOCAL_USERS_RETIRED,
    SYNC_MARK_JOBS,
    SYNC_MARK_MOVEMENTS,
    SYNC_SCOPE_APPLIED,
    SYNC_SERVER_CA,
    SYNC_STATION_CODE,
)
from desktop.store.db import insert_rows
from desktop.store.models import (
    AuditLog,
    Blanko,
    BlankoMovement,
    IssuedCard,
    KecamatanQuota,
    Outbox,
    PrintJob,
    QuotaOverride,
    Resident,
    Station,
    User,
    new_id,
)
from desktop.sync.client import ServerClient, SyncError
from desktop.sync.leases import LeaseRounds
from desktop.sync.link import RegencyLink

log = logging.getLogger("ktp.sync")

BATCH_SIZE = 500
PAGE_SIZE = 2000
KEEP_SENT_DAYS = 30  # sent outbox rows are kept: a server restored from backup asks for them again
PHOTO_CACHE_BYTES = 200 * 1024 * 1024
PREFETCH_PER_ROUND = 50
EVENT_NAMESPACE = uuid.UUID("5b0f8a52-3c1e-4e0b-9a57-6d2f0c1e7a11")

CAPTURE_OVERLAP = timedelta(minutes=10)
RESIDENT_FIELDS = ("name", "birth_place", "birth_date", "sex", "blood_type", "address", "rt", "rw", "village_code",
                   "kecamatan_code", "religion", "marital_status", "occupation", "nationality", "record_status")
# A resident from the server replaces the station's copy; a cached image stays while the change names
# the version it is (a status change keeps the photo).
RESIDENT_UPSERT = "ON CONFLICT (\"nik\") DO UPDATE SET " + ", ".join(
    [f'"{f}" = excluded."{f}"' for f in (*RESIDENT_FIELDS, "source", "updated_at", "photo_version", "signature_version")]
    + [f'"{kind}" = CASE WHEN "resident"."source" = \'server\' AND "resident"."{kind}_version" = '
       f'excluded."{kind}_version" THEN "resident"."{kind}" ELSE excluded."{kind}" END' for kind in ("photo", "signature")])


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    online: bool | None  # None: no round tried since start
    last_success: datetime | None
    waiting: int  # outbox rows not yet acknowledged
    last_error: str | None


@dataclass
class SyncReport:
    pushed: int = 0
    batches: int = 0
    pulled: int = 0
    residents: int = 0
    photos: int = 0
    generation_changed: bool = False
    bytes_sent: int = 0
    bytes_received: int = 0


def _user_served(kecamatan: list[str], served: set[str]) -> bool:
    """A regency account works at a station serving one of its kecamatan (all, when it lists none)."""
    return not kecamatan or bool(set(kecamatan) & served)


def _event_id(*parts: object) -> str:
    return str(uuid.uuid5(EVENT_NAMESPACE, ":".join(str(p) for p in parts)))


class SyncService(LeaseRounds):
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

    # --- enrolment -------------------------------------------------------------------------------
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

    # --- one round -------------------------------------------------------------------------------
    def round(self) -> SyncReport:
        """Handshake, push every waiting batch, pull every waiting change; raises SyncError offline."""
        report = SyncReport()
        client = self.client()
        start_sent, start_received = client.traffic.sent, client.traffic.received
        try:
            self._leases_renewed = False
            sent = self.clock.now_utc()
            session = client.get("/v1/session")
            self._note_clock(session["server_time"], sent, self.clock.now_utc())
            report.generation_changed = self._check_generation(session)
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

    # --- push ------------------------------------------------------------------------------------
    def _capture(self) -> None:
        """Queue what the outbox does not get from the services themselves: on the first round after
        enrolment the station's history, then every round new print-job states and blanko movements.
        Event ids are derived from the rows, so capturing a row twice queues it once."""
        with self.db.atomic("IMMEDIATE"):
            first = not SYNC_HISTORY_QUEUED.is_set()
            if first:
                self._queue_history()
            self._queue_jobs(full=first)
            self._queue_movements(full=first)
            if first:
                Outbox.insert(id=_event_id("enrolment_history", STATION_ID.get()), entity="enrolment_history",
                              entity_id=STATION_ID.get(), op="insert", payload="{}").on_conflict_ignore().execute()
                SYNC_HISTORY_QUEUED.set(self.clock.now_utc())

    def _queue_history(self) -> None:
        # The whole audit chain goes, in its order and its sent form (entries queued before the chain
        # existed had another form): unsent audit rows are queued anew from the log itself.
        Outbox.delete().where((Outbox.entity == "audit_log") & Outbox.sent_at.is_null()
                              & Outbox.batch_id.is_null()).execute()
        queued = {("audit_log", e) for (e,) in Outbox.select(Outbox.entity_id).where(Outbox.entity == "audit_log").tuples()}
        queued |= {("issued_card", e) for (e,) in
                   Outbox.select(Outbox.entity_id).where(Outbox.entity == "issued_card").tuples()}
        rows = []
        first = datetime(2000, 1, 1)  # before anything queued later, in chain order
        for entry in AuditLog.select().where(AuditLog.seq.is_null(False)).order_by(AuditLog.seq):
            if ("audit_log", entry.id) not in queued:
                chained = ChainEntry(entry.seq, entry.prev_hash, entry.at, entry.origin, entry.server_change_id,
                                     entry.user_id, entry.username, entry.action, json.loads(entry.details),
                                     json.loads(entry.effects))
                rows.append({"id": _event_id("audit_log", entry.id), "entity": "audit_log", "entity_id": entry.id,
                             "op": "insert", "created_at": first + timedelta(microseconds=entry.seq),
                             "payload": json.dumps(chained.to_dict(), default=str)})
        for card in IssuedCard.select(IssuedCard, Blanko.serial).join(Blanko):
            if ("issued_card", card.id) not in queued:
                rows.append({"id": _event_id("issued_card", card.id), "entity": "issued_card", "entity_id": card.id,
                             "op": "insert", "created_at": card.issued_at,
                             "payload": json.dumps({"nik": card.nik, "reason": card.reason, "blanko": card.blanko.serial,
                                                    "printer": card.printer_uri, "kecamatan": card.kecamatan_code,
                                                    "day": card.day, "issued_at": card.issued_at}, default=str)})
        for start in range(0, len(rows), 500):
            Outbox.insert_many(rows[start:start + 500]).on_conflict_ignore().execute()
        # Residents are replaced by the server's; those a job refers to stay until the server's copy comes.
        referenced = PrintJob.select(PrintJob.resident)
        Resident.delete().where((Resident.source != "server") & ~Resident.id.in_(referenced)).execute()
        SYNC_CURSOR.set(None)
        audit.record("sync.history_queued", None, at=self.clock.now_utc(), events=len(rows))

    def _server_users(self) -> dict[str, dict]:
        """The regency's accounts at this station: id -> what the regency last said of it."""
        return REGENCY_USERS.items()  # None: written before the account's kecamatan were kept

    def _queue_jobs(self, full: bool) -> None:
        mark = SYNC_MARK_JOBS.get()
        query = PrintJob.select(PrintJob, Blanko.serial, User.username).join(Blanko, on=(PrintJob.blanko == Blanko.id)) \
            .switch(PrintJob).join(User, on=(PrintJob.operator == User.id))
        if mark and not full:
            # A state written by a transaction that began before the last capture may carry an earlier
            # time than the newest one seen, and a station clock put back makes every new time earlier:
            # look back from the earlier of the mark and now (event ids make a second capture harmless).
            since = min(mark, self.clock.now_utc()) - CAPTURE_OVERLAP
            query = query.where(PrintJob.updated_at >= since)
        rows, newest = [], mark
        for job in query:
            rows.append({"id": _event_id("print_job", job.id, job.state, job.updated_at), "entity": "print_job",
                         "entity_id": job.id, "op": "upsert", "created_at": job.updated_at,
                         "payload": json.dumps({"nik": job.nik, "kecamatan": job.kecamatan_code, "day": job.day,
                                                "state": job.state, "reason": job.reason, "blanko": job.blanko.serial,
                                                "printer": job.printer_uri, "operator": job.operator.username,
                                                "fault": job.fault, "created_at": job.created_at,
                                                "updated_at": job.updated_at}, default=str)})
            stamp = job.updated_at
            newest = stamp if newest is None or stamp > newest else newest
        for start in range(0, len(rows), 500):
            Outbox.insert_many(rows[start:start + 500]).on_conflict_ignore().execute()
        SYNC_MARK_JOBS.set(newest)

    def _queue_movements(self, full: bool) -> None:
        # Movements are only ever inserted, and SQLite gives each insert the next rowid under its one
        # write lock, so every movement after the last rowid seen is new: no clock involved (a movement
        # can be written with an earlier time than one already captured, and clocks are put back).
        mark = 0 if full else SYNC_MARK_MOVEMENTS.get()
        found = self.db.execute_sql('SELECT rowid, id FROM "blanko_movement" WHERE rowid > ? ORDER BY rowid',
                                    (mark,)).fetchall()
        rows = []
        for start in range(0, len(found), 500):
            ids = [movement_id for _, movement_id in found[start:start + 500]]
            query = BlankoMovement.select(BlankoMovement, Blanko.serial).join(
                Blanko, join_type=JOIN.LEFT_OUTER, on=(BlankoMovement.blanko == Blanko.id)).where(BlankoMovement.id.in_(ids))
            for move in query:
                serial = move.blanko.serial if move.blanko_id else None
                rows.append({"id": _event_id("blanko_movement", move.id), "entity": "blanko_movement",
                             "entity_id": move.id, "op": "insert", "created_at": move.at,
                             "payload": json.dumps({"kind": move.kind, "quantity": move.quantity, "batch": move.batch,
                                                    "blanko": serial, "reason": move.reason, "job": move.job_id,
                                                    "at": move.at}, default=str)})
        rows.sort(key=lambda r: r["created_at"])
        for start in range(0, len(rows), 500):
            Outbox.insert_many(rows[start:start + 500]).on_conflict_ignore().execute()
        if found:
            SYNC_MARK_MOVEMENTS.set(found[-1][0])

    def _next_batch(self) -> tuple[str, int, list[Outbox]] | None:
        """The batch to send: one fixed earlier and not acknowledged, else a new one (committed first)."""
        with self.db.atomic("IMMEDIATE"):
            pending = (Outbox.select().where(Outbox.sent_at.is_null() & Outbox.batch_id.is_null(False))
                       .order_by(Outbox.batch_seq).first())
            if pending is not None:
                rows = list(Outbox.select().where(Outbox.batch_id == pending.batch_id).order_by(Outbox.created_at))
                return pending.batch_id, pending.batch_seq, rows
            rows = list(Outbox.select().where(Outbox.sent_at.is_null() & Outbox.batch_id.is_null())
                        .order_by(Outbox.created_at, Outbox.id).limit(BATCH_SIZE))
            if not rows:
                return None
            seq = SYNC_BATCH_SEQ.get() + 1
            batch_id = str(uuid.uuid4())
            Outbox.update(batch_id=batch_id, batch_seq=seq).where(Outbox.id.in_([r.id for r in rows])).execute()
            SYNC_BATCH_SEQ.set(seq)
            return batch_id, seq, rows

    def _push(self, client: ServerClient, report: SyncReport) -> None:
        while (batch := self._next_batch()) is not None:
            batch_id, seq, rows = batch
            events = [{"id": r.id, "entity": r.entity, "entity_id": r.entity_id, "op": r.op,
                       "at": r.created_at.isoformat() if isinstance(r.created_at, datetime) else str(r.created_at),
                       "data": json.loads(r.payload)} for r in rows]
            with self.db.atomic():
                Outbox.update(attempts=Outbox.attempts + 1).where(Outbox.batch_id == batch_id).execute()
            reply = client.post("/v1/push", {"batch_id": batch_id, "seq": seq,
                                             "station_time": self.clock.now_utc().isoformat(), "events": events})
            with self.db.atomic():
                Outbox.update(sent_at=self.clock.now_utc()).where(Outbox.batch_id == batch_id).execute()
            report.batches += 1
            report.pushed += reply.get("applied", 0)

    # --- pull ------------------------------------------------------------------------------------
    def _pull(self, client: ServerClient, report: SyncReport) -> None:
        residents_changed = False
        while True:
            page = client.get("/v1/pull", cursor=SYNC_CURSOR.get(), limit=PAGE_SIZE)
            with self.db.atomic("IMMEDIATE"):
                applied = self._apply(page["changes"])
                SYNC_CURSOR.set(page["cursor"])
            report.pulled += len(page["changes"])
            report.residents += applied
            residents_changed = residents_changed or applied > 0
            if not page["more"]:
                break
        station = self._station()
        if residents_changed or SYNC_SCOPE_APPLIED.get() != station.served_kecamatan:
            self._apply_scope(station)
        server_users = list(self._server_users())
        if server_users and not SYNC_LOCAL_USERS_RETIRED.is_set():
            # Users come from the regency now; local accounts stay only for the history. Done once the
            # regency's users are here, so the station is never left without anyone able to log in.
            with self.db.atomic("IMMEDIATE"):
                local = list(User.select().where(~User.id.in_(server_users) & User.active))
                User.update(active=False).where(User.id.in_([u.id for u in local])).execute()
                SYNC_LOCAL_USERS_RETIRED.set(self.clock.now_utc())
                audit.record("sync.local_users_retired", None, at=self.clock.now_utc(), count=len(local),
                             effects=[user_effect(u.id, u.username, u.role, False, u.password_hash) for u in local])

    def _apply(self, changes: list[dict]) -> int:
        residents = [c for c in changes if c["kind"] == "resident"]
        if residents:
            rows = {}
            for change in residents:  # the last change of a NIK in the page wins (server order)
                data = change["data"]
                # NULL: an image to fetch; empty: the server has none (nothing to ask for).
                rows[data["nik"]] = {"id": new_id(), "nik": data["nik"], "source": "server",
                                     "photo": None if data.get("has_photo") else b"",
                                     "signature": None if data.get("has_signature") else b"",
                                     "photo_version": data.get("photo_version"),
                                     "signature_version": data.get("signature_version"),
                                     "updated_at": self.clock.now_utc(),
                                     **{f: data[f] for f in RESIDENT_FIELDS} | {"birth_date": date.fromisoformat(data["birth_date"])}}
            insert_rows(self.db, Resident, list(rows.values()), RESIDENT_UPSERT)
            audit.record("sync.residents", None, at=self.clock.now_utc(), origin=ORIGIN_SERVER,
                         server_change_id=str(residents[-1]["id"]), count=len(residents),
                         first_change_id=residents[0]["id"])
        cards = [c for c in changes if c["kind"] == "card"]
        if cards:  # the regency's card history (docs/sync-protocol.md, "Card history"): one entry a page
            kept = self.history.store([c["data"] for c in cards])
            audit.record("sync.cards", None, at=self.clock.now_utc(), origin=ORIGIN_SERVER,
                         server_change_id=str(cards[-1]["id"]), count=len(cards), kept=kept,
                         first_change_id=cards[0]["id"])
        for change in changes:
            kind, data = change["kind"], change["data"]
            effects: list[dict] = []
            if kind == "user":
                effects = self._apply_user(data)
            elif kind == "quota":
                KecamatanQuota.replace(kecamatan_code=data["kecamatan_code"], daily_limit=data["daily_limit"],
                                       updated_at=self.clock.now_utc()).execute()
                effects = [quota_effect(data["kecamatan_code"], data["daily_limit"])]
            elif kind == "quota_day":
                day = date.fromisoformat(data["day"])
                QuotaOverride.delete().where((QuotaOverride.kecamatan_code == data["kecamatan_code"])
                                             & (QuotaOverride.day == day)).execute()
                QuotaOverride.create(kecamatan_code=data["kecamatan_code"], day=day, daily_limit=data["daily_limit"],
                                     reason=data.get("reason") or "kabupaten", user=None, at=self.clock.now_utc())
                effects = [quota_day_effect(data["kecamatan_code"], day, data["daily_limit"])]
            elif kind == "station":
                self._apply_station(data)
            else:
                if kind not in ("resident", "card"):
                    log.warning("unknown change kind %s ignored", kind)
                continue
            details = {k: v for k, v in data.items() if k != "password_hash"}
            audit.record(f"sync.{kind}", None, at=self.clock.now_utc(), origin=ORIGIN_SERVER,
                         server_change_id=str(change["id"]), effects=effects, **details)
        return len(residents)

    def _apply_user(self, data: dict) -> list[dict]:
        """Write the regency's user (active here only while it serves one of the user's kecamatan);
        returns the effects for its audit entry."""
        effects = []
        served = set(self._station().served_kecamatan.split(","))
        clash = User.get_or_none((User.username == data["username"]) & (User.id != data["id"]))
        if clash is not None:  # a local account of the same name: kept for the history, renamed
            clash.username = f"{clash.username}.lokal"
            clash.active = False
            clash.save()
            effects.append(user_effect(clash.id, clash.username, clash.role, False, clash.password_hash))
        active = bool(data["active"]) and _user_served(data.get("kecamatan") or [], served)
        # An admin account's hash stays on the server (None): its password is checked online here.
        values = {"username": data["username"], "full_name": data["full_name"], "role": data["role"],
                  "password_hash": data["password_hash"] or "", "active": active}
        if hasattr(User, "must_change_password"):
            values["must_change_password"] = bool(data.get("must_change_password"))
        if User.update(**values).where(User.id == data["id"]).execute() == 0:
            User.create(id=data["id"], **values)
        # What the regency says of the account, to decide again when the served kecamatan change.
        REGENCY_USERS.set(data["id"], {"active": bool(data["active"]), "kecamatan": data.get("kecamatan") or []})
        effects.append(user_effect(data["id"], data["username"], data["role"], active, values["password_hash"]))
        return effects

    def _apply_station(self, data: dict) -> None:
        station = self._station()
        station.name = data.get("name", station.name)
        if data.get("served"):
            station.served_kecamatan = ",".join(data["served"])
            station.kecamatan_code = data["served"][0]
            station.issue_place = issue_place_for(self.regions, data["served"][0])
        station.save()

    def _apply_scope(self, station: Station) -> None:
        """After a pull: residents and photos of a kecamatan this station does not serve (any more) go
        (a resident a print job refers to stays for the history, without the images), and the
        regency's accounts are active here only while it serves one of their kecamatan."""
        served = [c for c in station.served_kecamatan.split(",") if c]
        with self.db.atomic("IMMEDIATE"):
            unserved = ~Resident.kecamatan_code.in_(served)
            referenced = Resident.id.in_(PrintJob.select(PrintJob.resident))
            purged = Resident.delete().where(unserved & ~referenced).execute()
            Resident.update(photo=b"", signature=b"", photo_version=None, signature_version=None).where(
                unserved & referenced & (Resident.photo.is_null() | (fn.LENGTH(Resident.photo) > 0)
                                         | Resident.signature.is_null() | (fn.LENGTH(Resident.signature) > 0))).execute()
            changed = []
            for user_id, said in self._server_users().items():
                if said is None:
                    continue
                active = bool(said["active"]) and _user_served(said["kecamatan"], set(served))
                user = User.get_or_none(User.id == user_id)
                if user is not None and bool(user.active) != active:
                    user.active = active
                    user.save()
                    changed.append(user_effect(user.id, user.username, user.role, active, user.password_hash))
            if SYNC_SCOPE_APPLIED.get() != station.served_kecamatan:
                self._give_back_unserved(served, self.clock.now_utc())
                self._scope_moved = True
                audit.record("sync.scope_applied", None, at=self.clock.now_utc(), served=served,
                             residents_purged=purged, effects=changed)
            elif changed:  # cannot happen without a scope change; said all the same if it does
                audit.record("sync.users_scope", None, at=self.clock.now_utc(), effects=changed)
            SYNC_SCOPE_APPLIED.set(station.served_kecamatan)

    # --- photos ----------------------------------------------------------------------------------
    def fetch_images(self, nik: str, client: ServerClient | None = None) -> bool:
        """Fetch a resident's photo and signature into the cache; False when no photo was cached."""
        client = client or self.client()
        images: dict[str, tuple[bytes, str | None]] = {}
        for kind in ("photo", "signature"):
            try:
                reply = client.request("GET", f"/v1/residents/{nik}/{kind}", raw=True)
                images[kind] = (bytes(reply), reply.etag)
            except SyncError as exc:
                if exc.status != 404:
                    raise
                images[kind] = (b"", None)  # none on the server: not asked for again until it changes
        with self.db.atomic():
            for kind, (content, version) in images.items():
                column, version_column = getattr(Resident, kind), getattr(Resident, f"{kind}_version")
                where = Resident.nik == nik
                if content:
                    # Only the version the station's record names (or any, when it names none): an image
                    # newer than the record waits for the record's change, a late older reply is dropped.
                    where &= version_column.is_null() | (version_column == version)
                Resident.update({column: content, version_column: version if content else None}).where(where).execute()
            self._trim_cache()
        return Resident.select().where((Resident.nik == nik) & (fn.LENGTH(Resident.photo) > 0)).exists()

    def _trim_cache(self) -> None:
        total = Resident.select(fn.SUM(fn.LENGTH(Resident.photo)) + fn.COALESCE(fn.SUM(fn.LENGTH(Resident.signature)), 0)) \
            .where(Resident.source == "server").scalar() or 0
        if total <= PHOTO_CACHE_BYTES:
            return
        # Drop the images of residents who cannot be printed for now first, then the oldest.
        victims = (Resident.select(Resident.id).where(Resident.photo.is_null(False) & (Resident.source == "server"))
                   .order_by((Resident.record_status == "PRINT_READY_RECORD"), Resident.updated_at).limit(500))
        Resident.update(photo=None, signature=None).where(Resident.id.in_(victims)).execute()

    def _prefetch(self, client: ServerClient, report: SyncReport) -> None:
        """Photos of print-ready residents, a few each round, so the counter does not wait for them."""
        wanted = [r.nik for r in Resident.select(Resident.nik).where(
            (Resident.source == "server") & (Resident.record_status == "PRINT_READY_RECORD")
            & Resident.photo.is_null()).limit(PREFETCH_PER_ROUND)]
        for nik in wanted:
            report.photos += self.fetch_images(nik, client)
