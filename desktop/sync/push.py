"""The push of a sync round, as a part of SyncService (desktop/sync/service.py): waiting outbox rows
go in numbered batches; a batch is fixed before it is sent and marked sent only on the server's
acknowledgement, so a lost reply sends the same batch again (docs/sync-protocol.md).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from desktop.settings import SYNC_BATCH_SEQ
from desktop.store.models import Outbox
from desktop.sync.client import ServerClient
from desktop.sync.report import SyncReport

BATCH_SIZE = 500
# The regency takes a request body of at most 8 MiB (server/edge.py): a batch stops at half that in
# payload bytes. The audit entry of a pulled page of residents claims each of them (~200 bytes a
# resident), so 500 such entries of a first pull would be ~200 MB, refused forever.
BATCH_BYTES = 4 * 1024 * 1024


class OutboxPush:
    """Mixed into SyncService: it has db and clock."""

    def _next_batch(self) -> tuple[str, int, list[Outbox]] | None:
        """The batch to send: one fixed earlier and not acknowledged, else a new one (committed first)."""
        with self.db.atomic("IMMEDIATE"):
            pending = (Outbox.select().where(Outbox.sent_at.is_null() & Outbox.batch_id.is_null(False))
                       .order_by(Outbox.batch_seq).first())
            if pending is not None:
                rows = list(Outbox.select().where(Outbox.batch_id == pending.batch_id).order_by(Outbox.created_at))
                return pending.batch_id, pending.batch_seq, rows
            rows = _within_bytes(list(Outbox.select().where(Outbox.sent_at.is_null() & Outbox.batch_id.is_null())
                                      .order_by(Outbox.created_at, Outbox.id).limit(BATCH_SIZE)))
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



def _within_bytes(rows: list[Outbox]) -> list[Outbox]:
    """The first rows whose payloads together stay within BATCH_BYTES (at least one row)."""
    total = 0
    for count, row in enumerate(rows):
        total += len(row.payload) + 200  # the event's envelope
        if count and total > BATCH_BYTES:
            return rows[:count]
    return rows
