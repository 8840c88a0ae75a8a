"""Applying a station's outbox batch: once, whole or not at all (docs/sync-protocol.md, "Push")."""

from __future__ import annotations

import hashlib
import json
import os
import signal
from datetime import date

from peewee import IntegrityError

from server import anomalies, audit, changes, queue_events
from server.changes import dumps
from server.claims import card_view, check_approval
from server.db import insert_rows, is_postgres, write_transaction
from server.errors import ApiError, forbidden, invalid
from server.leases import stations_to_report
from server.models import (
    Batch,
    BlankoRange,
    BlankoSpoil,
    IssuedCard,
    QuotaRequest,
    Station,
    StationEvent,
    utcnow,
)
from server.registry import generation

# A user's password is changed online only (POST /v1/password): a `user_password` event is refused
# with 403 like any kind a station does not own.
STATION_KINDS = frozenset(
    {"audit_log", "issued_card", "print_job", "blanko_movement", "quota_request", "enrolment_history",
     "blanko_range", queue_events.ENTITY}
)
# Kinds whose data names a kecamatan: the station must serve it.
SCOPED_KINDS = frozenset({"issued_card", "print_job", "quota_request", queue_events.ENTITY})
MAX_EVENTS = 1000
# Fault injection for the protocol tests: "kill-after-commit" kills the server's whole process group
# right after a batch is committed, before the reply leaves.
FAULT_ENV = "KTP_SERVER_FAULT"


def _kecamatan_of(event: dict, number: int) -> str | None:
    data = event["data"]
    kecamatan = data.get("kecamatan") or data.get("kecamatan_code")
    if kecamatan is not None and not isinstance(kecamatan, str):
        raise invalid(f"Peristiwa {number}: kode kecamatan harus berupa teks.")
    return kecamatan


def batch_digest(seq: int, events: list[dict]) -> str:
    """SHA-256 of what a batch says (its sequence number and events by id, canonical JSON): the same
    batch sent again has the same digest, in whatever order its events come (a station reads them
    back ordered by a time that several share); its id re-used for other events does not."""
    ordered = sorted(events, key=lambda e: str(e["id"]))
    text = json.dumps([seq, ordered], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _duplicate(done: Batch, seq: int, events: list[dict]) -> dict:
    """The stored acknowledgement of a batch applied before, or 409 when its id now carries other content."""
    if done.digest is not None and done.digest != batch_digest(seq, events):
        raise ApiError(409, "conflict", f"Batch {done.batch_id} sudah diterima dengan isi lain; tidak ada yang "
                                        "diterapkan. Batch baru memerlukan id baru.")
    return json.loads(done.reply) | {"duplicate": True}


def _check(station: Station, events: list[dict]) -> None:
    # What a station did for a kecamatan before it stopped serving it is still its history.
    served = set(station.served_codes) | set(station.earlier_codes)
    for number, event in enumerate(events, start=1):
        if event["entity"] not in STATION_KINDS:
            raise forbidden(f"Peristiwa {number}: jenis {event['entity']} bukan milik stasiun.")
        if event["entity"] in SCOPED_KINDS:
            kecamatan = _kecamatan_of(event, number)
            if kecamatan not in served:
                raise forbidden(f"Peristiwa {number}: kecamatan {kecamatan} tidak dilayani stasiun ini; "
                                "tidak ada yang diterapkan.")
        if event["entity"] == "issued_card":
            _card_fields(event, number)
        if event["entity"] == "quota_request":
            _request_fields(event, number)
        if event["entity"] == queue_events.ENTITY:
            queue_events.fields(event, number)


def _day(value: object, number: int) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise invalid(f"Peristiwa {number}: tanggal {value!r} tidak sah.") from None


def _card_fields(event: dict, number: int) -> dict:
    data = event["data"]
    wrong = next((k for k in ("nik", "day", "blanko", "reason", "issued_at")
                  if k in data and not isinstance(data[k], str)), None)
    if wrong is not None:
        raise invalid(f"Peristiwa {number}: {wrong} kartu harus berupa teks.")
    spoiled = data.get("spoiled", 0)
    if type(spoiled) is not int or not 0 <= spoiled <= 1000:
        raise invalid(f"Peristiwa {number}: jumlah percobaan rusak kartu harus berupa bilangan 0-1000.")
    try:
        return {"id": event["entity_id"], "nik": str(data["nik"])[:16], "kecamatan_code": _kecamatan_of(event, number),
                "day": _day(data["day"], number), "blanko_serial": str(data["blanko"])[:64],
                "reason": str(data["reason"])[:64], "issued_at": str(data.get("issued_at", ""))[:40],
                "reprint_approval": check_approval(data.get("reprint_approval")), "spoiled": spoiled}
    except KeyError as exc:
        raise invalid(f"Peristiwa {number}: kartu tanpa {exc.args[0]}.") from None


def _request_fields(event: dict, number: int) -> dict:
    data = event["data"]
    try:
        limit = int(data["daily_limit"])
        if not 0 <= limit <= 5000:
            raise ValueError
        return {"id": event["entity_id"], "kecamatan_code": _kecamatan_of(event, number), "day": _day(data["day"], number),
                "daily_limit": limit, "reason": str(data.get("reason", ""))[:500],
                "username": str(data.get("username") or "")[:64] or None}
    except (KeyError, ValueError, TypeError, OverflowError):
        raise invalid(f"Peristiwa {number}: permintaan kuota tidak lengkap.") from None


def entry_hash(entry: dict) -> str:
    """SHA-256 of an audit entry's canonical input, written from docs/audit-chain.md (not the
    station's code): the JSON array below, keys sorted, no spaces, non-ASCII as itself."""
    text = json.dumps(["ktp-audit/1", entry.get("seq"), entry.get("prev_hash"), entry.get("at"), entry.get("origin"),
                       entry.get("server_change_id"), entry.get("user_id"), entry.get("username"), entry.get("action"),
                       entry.get("details"), entry.get("effects")],
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ChainBroken(ApiError):
    """409 `audit_chain_broken`; the entry that broke it is recorded as an anomaly apart (nothing else is applied)."""

    def __init__(self, seq: object, head_seq: int | None, why: str, event: dict) -> None:
        super().__init__(409, "audit_chain_broken",
                         f"Log audit stasiun tidak menyambung ke yang dimiliki server ({why} pada nomor {seq}, server "
                         f"punya {head_seq}). Tidak ada yang diterapkan; minta admin kabupaten memeriksa dan "
                         "menambatkan ulang stasiun ini.")
        self.event = event


def _audit_event(event: dict) -> dict:
    return {"event_id": str(event["id"]), "entity": "audit_log", "entity_id": str(event["entity_id"]),
            "event_at": event.get("at")}


def _chain(station: Station, events: list[dict]) -> None:
    """The station's audit entries must extend the head the server holds, each with a true hash; an
    entry of another format is kept and recorded as an anomaly."""
    for e in events:
        if e["entity"] == "audit_log" and e["data"].get("format") != "ktp-audit/1":
            anomalies.record(station, "audit_format", **_audit_event(e))
    chained = [e for e in events if e["entity"] == "audit_log" and e["data"].get("format") == "ktp-audit/1"]
    entries = [e["data"] for e in chained]
    if not entries:
        return
    if not all(type(d.get("seq")) is int and 0 <= d["seq"] <= 2**62 for d in entries):
        raise invalid("Entri audit tanpa nomor urut.")
    chained.sort(key=lambda e: e["data"]["seq"])
    entries.sort(key=lambda d: d["seq"])
    head_seq, head_hash = station.audit_head_seq, station.audit_head_hash
    first = entries[0]
    if station.reanchor_pending or head_seq is None:
        # Trust on first use, or after the admin's audited re-anchoring of a restored station.
        if station.reanchor_pending:
            audit.record(f"station:{station.code}", "station.reanchored", old_seq=head_seq, old_hash=head_hash,
                         new_seq=first["seq"] - 1, new_hash=first.get("prev_hash"))
        head_seq, head_hash = first["seq"] - 1, first.get("prev_hash")
        station.reanchor_pending = False
    for event, entry in zip(chained, entries, strict=True):
        if entry["seq"] != head_seq + 1 or entry.get("prev_hash") != head_hash:
            raise ChainBroken(entry["seq"], head_seq, "urutan terputus", event)
        if entry_hash(entry) != entry.get("hash"):
            raise ChainBroken(entry["seq"], head_seq, "isi entri tidak sesuai hash-nya", event)
        head_seq, head_hash = entry["seq"], entry["hash"]
    station.audit_head_seq, station.audit_head_hash = head_seq, head_hash


def _apply_cards(station: Station, events: list[dict], now) -> None:
    """Issued cards, the station's own records: a card sent again (reconciliation) overwrites the
    server's copy of it, never another station's card."""
    by_id = {}  # a card sent again in the batch that also carries its first sending: the last one counts
    for n, e in enumerate(events, start=1):
        if e["entity"] == "issued_card":
            by_id[e["entity_id"]] = _card_fields(e, n)
    kept = ("nik", "kecamatan_code", "day", "blanko_serial", "reason", "issued_at", "reprint_approval", "spoiled")
    updates = ", ".join(f'"{k}" = EXCLUDED."{k}"' for k in kept)
    insert_rows(IssuedCard, ("id", "station_id", *kept, "received_at"),
                [(c["id"], station.id, *(c[k] for k in kept), now) for c in by_id.values()],
                f'ON CONFLICT ("id") DO UPDATE SET {updates} WHERE "issued_card"."station_id" = EXCLUDED."station_id"')
    # The card history at the counter: every station serving the card's kecamatan learns it.
    stored = IssuedCard.select().where(IssuedCard.id.in_(list(by_id)) & (IssuedCard.station == station.id))
    changes.record_many([("card", card.id, card.kecamatan_code, "upsert", card_view(card, station))
                         for card in stored])


def _fresh_cards(station: Station, events: list[dict]) -> list[anomalies.Card]:
    """The batch's cards the server did not have (a card sent again was judged when it first came), in
    the batch's order; those before the station's enrolment-history marker and printed before its
    enrolment are its history."""
    history = anomalies.history_open(station)
    found: dict[str, anomalies.Card] = {}
    for number, event in enumerate(events, start=1):
        if event["entity"] == "enrolment_history":
            history = False
        elif event["entity"] == "issued_card":
            fields = _card_fields(event, number)
            found[fields["id"]] = anomalies.card(
                event, fields, history and anomalies.before_enrolment(station, fields["issued_at"]))
    ids = list(found)
    for start in range(0, len(ids), 500):
        for (known,) in IssuedCard.select(IssuedCard.id).where(IssuedCard.id.in_(ids[start:start + 500])).tuples():
            found.pop(known, None)
    return list(found.values())


def _apply_blanko(station: Station, events: list[dict], now) -> None:
    """Spoiled blanko (from the station's movements) and leased ranges whose box arrived. A spoil of -1
    undoes one: a blanko the station's count after a restore booked missing whose card came back."""
    moves = [e for e in events if e["entity"] == "blanko_movement" and e["data"].get("kind") == "spoil"
             and e["data"].get("blanko")]
    spoils = [{"station": station.id, "serial": str(e["data"]["blanko"])[:64],
               "reason": str(e["data"].get("reason") or "")[:255], "at": str(e["data"].get("at") or "")[:40]}
              for e in moves if e["data"].get("quantity") != -1]
    if spoils:
        BlankoSpoil.insert_many(spoils).on_conflict_ignore().execute()
    undone = [str(e["data"]["blanko"])[:64] for e in moves if e["data"].get("quantity") == -1]
    if undone:
        BlankoSpoil.delete().where((BlankoSpoil.station == station.id) & BlankoSpoil.serial.in_(undone)).execute()
    for e in events:
        if e["entity"] == "blanko_range" and e["op"] == "confirm":
            BlankoRange.update(confirmed_at=now).where((BlankoRange.id == e["entity_id"])
                                                       & (BlankoRange.station == station.id)
                                                       & BlankoRange.confirmed_at.is_null()).execute()


def apply_batch(station_id: str, batch_id: str, seq: int, events: list[dict]) -> dict:
    if len(events) > MAX_EVENTS:
        raise invalid(f"Satu batch paling banyak {MAX_EVENTS} peristiwa.")
    try:
        with write_transaction():
            reply = _apply(station_id, batch_id, seq, events)
    except ChainBroken as exc:
        anomalies.record_apart(station_id, "audit_chain", **_audit_event(exc.event))
        raise
    except IntegrityError:
        # The same batch committed by a concurrent request (a retry racing the original).
        done = Batch.get_or_none((Batch.station == station_id) & (Batch.batch_id == batch_id))
        if done is None:
            raise
        return _duplicate(done, seq, events)
    else:
        if os.environ.get(FAULT_ENV) == "kill-after-commit" and not reply["duplicate"]:
            os.killpg(0, signal.SIGKILL)
        return reply


def _apply(station_id: str, batch_id: str, seq: int, events: list[dict]) -> dict:
    query = Station.select().where(Station.id == station_id)
    if is_postgres():
        query = query.for_update()  # one batch of a station at a time
    station = query.get()
    done = Batch.get_or_none((Batch.station == station.id) & (Batch.batch_id == batch_id))
    if done is not None:
        return _duplicate(done, seq, events)
    _check(station, events)
    ids = [e["id"] for e in events]
    if len(set(ids)) != len(ids):
        raise invalid("Batch berisi peristiwa yang sama dua kali.")
    seen: set[str] = set()
    for start in range(0, len(ids), 500):
        seen.update(
            row[0] for row in StationEvent.select(StationEvent.event_id)
            .where((StationEvent.station == station.id) & StationEvent.event_id.in_(ids[start:start + 500])).tuples()
        )
    new = [e for e in events if e["id"] not in seen]  # re-sent after a server restore: stored once
    _chain(station, new)
    now = utcnow()
    if new:
        fresh = _fresh_cards(station, new)
        insert_rows(StationEvent, ("station_id", "event_id", "entity", "entity_id", "op", "station_time", "data",
                                   "received_at"),
                    [(station.id, e["id"], e["entity"], e["entity_id"], e["op"], e.get("at"), dumps(e["data"]),
                      now) for e in new])
        _apply_cards(station, new, now)
        _apply_blanko(station, new, now)
        queue_events.apply(station, new, now)
        anomalies.judge_transfers(station, new)
        anomalies.judge(station, fresh, defer_leased=station.id in {s.id for s in stations_to_report()})
        for n, e in enumerate(new, start=1):
            if e["entity"] == "quota_request":
                fields = _request_fields(e, n)
                # A request for a kecamatan the station no longer serves is kept, already refused.
                state = "pending" if fields["kecamatan_code"] in station.served_codes else "refused"
                QuotaRequest.insert(**fields, station=station.id, created_at=now, state=state) \
                    .on_conflict_ignore().execute()
    reply = {
        "batch_id": batch_id, "seq": seq, "applied": len(new), "duplicate": False,
        "server_time": now.isoformat() + "Z", "generation": generation(),
        "audit_head": ({"seq": station.audit_head_seq, "hash": station.audit_head_hash}
                       if station.audit_head_seq is not None else None),
    }
    station.last_batch_seq = seq
    station.last_batch_id = batch_id
    station.last_seen_at = now
    station.save()
    Batch.create(station=station.id, batch_id=batch_id, seq=seq, events=len(events), applied_at=now,
                 reply=dumps(reply), digest=batch_digest(seq, events))
    return reply
