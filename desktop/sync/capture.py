"""What goes into the outbox besides what the services queue themselves, as a part of SyncService
(desktop/sync/service.py): the station's history on the first round after enrolment, then every round
the new print-job states and blanko movements (docs/sync-protocol.md). Event ids are derived from the
rows, so capturing a row twice queues it once.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

from peewee import JOIN

from desktop.domain.audit_chain import ChainEntry
from desktop.services import audit
from desktop.settings import (
    STATION_ID,
    SYNC_CURSOR,
    SYNC_HISTORY_QUEUED,
    SYNC_MARK_JOBS,
    SYNC_MARK_MOVEMENTS,
)
from desktop.store.models import (
    AuditLog,
    Blanko,
    BlankoMovement,
    IssuedCard,
    Outbox,
    PrintJob,
    Resident,
    User,
)

EVENT_NAMESPACE = uuid.UUID("5b0f8a52-3c1e-4e0b-9a57-6d2f0c1e7a11")
CAPTURE_OVERLAP = timedelta(minutes=10)


def _event_id(*parts: object) -> str:
    return str(uuid.uuid5(EVENT_NAMESPACE, ":".join(str(p) for p in parts)))


class OutboxCapture:
    """Mixed into SyncService: it has db and clock."""

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
                                                    "at": move.at, **_witnesses(move)}, default=str)})
        rows.sort(key=lambda r: r["created_at"])
        for start in range(0, len(rows), 500):
            Outbox.insert_many(rows[start:start + 500]).on_conflict_ignore().execute()
        if found:
            SYNC_MARK_MOVEMENTS.set(found[-1][0])


def _witnesses(move: BlankoMovement) -> dict:
    """A destruction's witnesses (name, NIP) for the regency's berita acara (issue 22)."""
    return {"witnesses": json.loads(move.witnesses)} if move.kind == "destroy" and move.witnesses else {}
