"""A station's own events back from the regency (issue 19): after a restore from its own backup, the
cards it printed after the restored point come back from the copy the regency received.

`after` names the last audit entry the restored database holds (its id, as pushed); the events the
station pushed after that entry's event are returned in the order they arrived, a page at a time.
Only the asking station's events, and only the kinds a restore needs (issued cards): a station never
sees another's.
"""

from __future__ import annotations

import json

from server.errors import not_found
from server.models import Station, StationEvent

ENTITIES = ("issued_card",)
DEFAULT_PAGE, MAX_PAGE = 200, 500


def own_events(station: Station, after: str, cursor: int | None, limit: int) -> dict:
    start = StationEvent.get_or_none((StationEvent.station == station.id) & (StationEvent.entity == "audit_log")
                                     & (StationEvent.entity_id == after))
    if start is None:
        raise not_found("Entri audit ini belum pernah diterima server dari stasiun ini.")
    since = max(start.id, cursor or 0)
    rows = list(StationEvent.select().where((StationEvent.station == station.id) & (StationEvent.id > since)
                                            & StationEvent.entity.in_(ENTITIES))
                .order_by(StationEvent.id).limit(limit + 1))
    page = rows[:limit]
    return {"events": [{"id": row.id, "entity": row.entity, "entity_id": row.entity_id, "op": row.op,
                        "data": json.loads(row.data)} for row in page],
            "cursor": page[-1].id if page else since, "more": len(rows) > limit}
