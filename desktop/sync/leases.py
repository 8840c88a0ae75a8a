"""The lease exchange of a sync round (docs/sync-protocol.md, "Leases"), the clock check and the
count digest, as a part of SyncService (desktop/sync/service.py).

After the push, the station tells the server what it holds and used, and the server tops its rights
up, sends blanko ranges and compares counts. Everything in a reply is cumulative, so a lost reply
costs nothing but the next exchange. What the reply changes is applied in one local transaction,
with an audit entry for each right granted or given back and each range leased.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, timedelta

from peewee import SQL, fn

from desktop.domain.audit_chain import blanko_effect
from desktop.domain.leases import day_end_utc, digest_hash, recall_share
from desktop.domain.queue import HOLDING
from desktop.services import audit
from desktop.services.leases import LeaseService, lease_id
from desktop.settings import (
    LEASE_BLANKO_SHORT,
    LEASE_CLOCK_SKEW,
    LEASE_CONTACT,
    LEASE_COUNTS_AT,
    LEASE_FROZEN,
    LEASE_REGENCY_TIME,
    LEASE_RENEW_FAILED,
    LEASE_RENEWED_AT,
    LEASE_REPORT_DUE,
    LEASE_SETTINGS,
    LEASE_SUSPENDED,
    STATION_ID,
    SYNC_DRIFT,
    SYNC_GENERATION,
)
from desktop.store.models import (
    Blanko,
    BlankoMovement,
    BlankoRange,
    IssuedCard,
    Outbox,
    QueueTicket,
    QuotaLease,
    new_id,
)
from desktop.sync.client import ServerClient, SyncError

log = logging.getLogger("ktp.sync")

REPORT_DAYS = 30  # a report after a restore covers the leases of this many days back
MAX_EXCHANGES = 4  # per round: a report asked for, rights given back, a re-send after a count mismatch
MAX_PRINTERS_REPORTED = 20  # the server's limit (server/printers.py)
BLANKO_SHORT_RETRY = timedelta(minutes=10)  # the regency had no blanko to send: ask again after this


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.removesuffix("Z"))


def _count(value: object) -> int | None:
    """A count the server said (a non-negative int), or None when it said none or something else."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def station_digest() -> dict:
    """This station's counts as the server should hold them (server/leases.py computes its side)."""
    cards = {f"{str(day)[:10]}|{kecamatan}": count for day, kecamatan, count in
             IssuedCard.select(IssuedCard.day, IssuedCard.kecamatan_code, fn.COUNT(SQL("*")))
             .group_by(IssuedCard.day, IssuedCard.kecamatan_code).tuples()}
    leased = BlankoRange.select(fn.COALESCE(fn.SUM(BlankoRange.count), 0)).scalar()
    return {"cards": cards, "blanko": {"leased": int(leased or 0), "issued": IssuedCard.select().count(),
                                       "spoiled": Blanko.select().where(Blanko.state.in_(("spoiled", "destroyed"))).count()}}


def differences(mine: dict, theirs: dict) -> list[dict]:
    """Each count that differs: {"what": "cards"|"blanko", "key", "station", "server"}."""
    found = []
    for what in ("cards", "blanko"):
        keys = sorted(set(mine.get(what, {})) | set(theirs.get(what, {})))
        for key in keys:
            a, b = mine.get(what, {}).get(key, 0), theirs.get(what, {}).get(key, 0)
            if a != b:
                found.append({"what": what, "key": key, "station": a, "server": b})
    return found


class LeaseRounds:
    """Mixed into SyncService: it has db, clock, regions, _capture(), _push(), _station()."""

    @property
    def leases(self) -> LeaseService:
        if getattr(self, "_leases", None) is None:
            self._leases = LeaseService(self.db, self.clock, self.regions)
        return self._leases

    # --- the printers, for the regency panel ------------------------------------------------------
    def note_printers(self, report: list[dict]) -> None:
        """The station's printers as the window last saw them ({name, state, ribbon_left}, plain data
        from the GUI thread): sent with the next lease exchange (docs/sync-protocol.md, "Printers")."""
        self._printers_seen = [{"name": str(p["name"])[:120], "state": p["state"], "ribbon_left": p.get("ribbon_left")}
                               for p in report[:MAX_PRINTERS_REPORTED]]

    def _printers_changed(self) -> bool:
        return getattr(self, "_printers_seen", None) != getattr(self, "_printers_sent", None)

    # --- the clock -------------------------------------------------------------------------------
    def _note_clock(self, server_time: str, sent: datetime, received: datetime) -> None:
        """The station's offset from server time, measured on the handshake (half the round trip)."""
        middle = sent + (received - sent) / 2
        skew = (middle - _utc(server_time)).total_seconds()
        boot = getattr(received, "boot", None)
        regency_now = _utc(server_time) + (received - middle)  # the regency's time when the answer came
        with self.db.atomic():
            LEASE_CLOCK_SKEW.set(skew)
            LEASE_CONTACT.set(received)
            LEASE_REGENCY_TIME.set(None if boot is None else {"boot": boot.boot, "seconds": boot.seconds,
                                                              "server": regency_now.isoformat()})
        limit = float(self.leases.settings().get("max_skew_seconds", 300))
        if abs(skew) > limit:
            log.warning("station clock is %.0f s off server time: no lease, printing stopped", skew)

    def _clock_bad(self) -> bool:
        limit = float(self.leases.settings().get("max_skew_seconds", 300))
        return abs(self.leases.skew()) > limit

    def _give_back_unserved(self, served: list[str], now: datetime) -> list[str]:
        """Rights left for a kecamatan the station no longer serves go back to the regency (the next
        exchange says so): its quota must not sit at a counter that may not print it. Runs inside
        the scope's transaction; returns the kecamatan that gave some back."""
        gave = []
        since = self.leases.day() - timedelta(days=1)
        for row in QuotaLease.select().where(QuotaLease.kecamatan_code.not_in(served) & (QuotaLease.day >= since)):
            day = row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day))
            left = row.granted - row.returned - self.leases.lease(row.kecamatan_code, day).used
            if left > 0:
                QuotaLease.update(returned=row.returned + left).where(QuotaLease.id == row.id).execute()
                audit.record("lease.returned", None, at=now, kecamatan=row.kecamatan_code, day=day, count=left,
                             reason="not_served")
                gave.append(row.kecamatan_code)
        return gave

    # --- the exchange ----------------------------------------------------------------------------
    def _lease_round(self, client: ServerClient, session: dict, pushed: bool, report) -> None:
        """Exchange leases when something asks for it; an idle round only compares the session's digest."""
        if self._clock_bad():
            return  # the server would refuse; the header says why printing stopped
        station = self.leases
        served = tuple(c for c in self._station().served_kecamatan.split(",") if c)
        local = {(r.kecamatan_code, str(r.day)[:10]): (r.granted, r.returned) for r in
                 QuotaLease.select().where(QuotaLease.day >= station.day())}
        remote = {(r["kecamatan"], r["day"]): (r["granted"], r["returned"]) for r in session.get("leases") or []}
        recall = any(r.get("recall") for r in session.get("leases") or [])
        self._note_session(session, counts=not pushed)
        digest_known = session.get("digest")
        with self.db.atomic():
            mine = self._digest_if_settled()
        needed = (pushed or recall or LEASE_REPORT_DUE.is_set() or station.wants_renewal(served) or local != remote
                  or LEASE_RENEW_FAILED.is_set() or self._blanko_low() or SYNC_DRIFT.is_set() or self._printers_changed()
                  or self._queue_short(served)
                  or (mine is not None and digest_known is not None and digest_hash(mine) != digest_known))
        if needed:
            self._exchange(client, report)

    def _note_session(self, session: dict, counts: bool) -> None:
        """A suspension, and the kecamatan's card counts as the handshake says them (an idle round too;
        not after a push, whose cards the handshake's counts lack: the exchange that follows says them)."""
        now = self.clock.now_utc()
        known = [item for item in session.get("leases") or [] if item.get("issued") is not None] if counts else []
        with self.db.atomic("IMMEDIATE"):
            for item in session.get("leases") or []:
                if _count(item.get("share")) is not None:
                    QuotaLease.update(share=_count(item["share"])).where(
                        QuotaLease.id == lease_id(item["kecamatan"], date.fromisoformat(item["day"]))).execute()
            for item in known:
                QuotaLease.update(kecamatan_issued=int(item["issued"])).where(
                    QuotaLease.id == lease_id(item["kecamatan"], date.fromisoformat(item["day"]))).execute()
            if known:
                LEASE_COUNTS_AT.set(now)
            self._note_suspension((session.get("station") or {}).get("suspended"), now)

    def _note_suspension(self, sentence: object, now: datetime) -> None:
        # The regency's sentence is another machine's text: kept only as one printable line of text.
        if not isinstance(sentence, str):
            sentence = None
        else:
            sentence = " ".join("".join(c if c.isprintable() else " " for c in sentence).split())[:400] or None
        if sentence == LEASE_SUSPENDED.get():
            return
        LEASE_SUSPENDED.set(sentence or None)
        audit.record("regency.suspended" if sentence else "regency.resumed", None, at=now, why=sentence)

    def _digest_if_settled(self) -> dict | None:
        """The station's digest, or None while some of its events have not reached the server."""
        if Outbox.select().where(Outbox.sent_at.is_null()).exists():
            return None
        return station_digest()

    def _blanko_low(self) -> bool:
        """Few blanko left: ask the regency for a range. When its last answer was that it had none,
        ask again only every BLANKO_SHORT_RETRY (a round a minute would each cost an exchange)."""
        usable = Blanko.select().where(Blanko.state.in_(("in_stock", "incoming"))).count()
        if usable > int(self.leases.settings().get("blanko_low_water", 10)):
            return False
        renewed = LEASE_RENEWED_AT.get()
        return (not LEASE_BLANKO_SHORT.get() or renewed is None
                or self.clock.now_utc() - renewed >= BLANKO_SHORT_RETRY)

    def _exchange(self, client: ServerClient, report) -> None:
        resent = gave_back = False
        try:
            for _ in range(MAX_EXCHANGES):
                with self.db.atomic("IMMEDIATE"):
                    self._capture_now()
                    mine = self._digest_if_settled()
                body = self._request(mine, with_counts=resent)
                reply = client.post("/v1/leases", body)
                self._printers_sent = body.get("printers")
                if reply.get("report_needed"):
                    with self.db.atomic():
                        LEASE_REPORT_DUE.set(self.clock.now_utc())
                    continue
                # Rights are given back once a round (at the first ask), then reported at once.
                again = self._apply_reply(reply, reported="report" in body, may_give_back=not gave_back)
                gave_back |= again
                match = (reply.get("digest") or {}).get("match")
                if match is False and not resent:
                    self._resend(differences(mine, reply["digest"]["server"]))
                    self._push(client, report)
                    resent = True
                    continue
                self._note_drift(mine, reply, resent)
                if not again:
                    break
        except SyncError as exc:
            with self.db.atomic():
                LEASE_RENEW_FAILED.set(str(exc))
            raise

    def _capture_now(self) -> None:
        """Print-job and blanko-movement events of the moment, so the digest sees them as sent or not."""
        self._queue_movements(full=False)

    def _request(self, mine: dict | None, with_counts: bool) -> dict:
        station = self.leases
        today = station.day()
        wants = self._queue_wants()
        body = {"station_time": self.clock.now_utc().isoformat() + "Z", "generation": SYNC_GENERATION.get(),
                "leases": [self._holding(r, wants) for r in
                           QuotaLease.select().where(QuotaLease.day >= today - timedelta(1))],
                "blanko": {"usable": Blanko.select().where(Blanko.state.in_(("in_stock", "incoming"))).count()},
                "digest": digest_hash(mine) if mine is not None else None}
        if getattr(self, "_printers_seen", None) is not None:
            body["printers"] = self._printers_seen
        if with_counts and mine is not None:
            body["counts"] = mine  # after a re-send: the server records what still differs
        if LEASE_REPORT_DUE.is_set():
            since = today - timedelta(days=REPORT_DAYS)
            body["report"] = {
                "leases": [self._holding(r) for r in QuotaLease.select().where(QuotaLease.day >= since)],
                "ranges": [{"id": r.id, "first": r.first, "last": r.last, "confirmed": r.confirmed_at is not None}
                           for r in BlankoRange.select()]}
        return body

    def _holding(self, row: QuotaLease, wants: dict[str, int] | None = None) -> dict:
        day = row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day))
        holding = {"kecamatan": row.kecamatan_code, "day": day.isoformat(), "granted": row.granted,
                   "returned": row.returned, "used": self.leases.lease(row.kecamatan_code, day).used}
        if wants and day == self.leases.day() and wants.get(row.kecamatan_code):
            holding["want"] = wants[row.kecamatan_code]
        return holding

    def _queue_wants(self) -> dict[str, int]:
        """Today's queue tickets holding a place, by kecamatan (a ticket without one is the station's own):
        the rights the station wants to hold left, so its tickets keep their places offline."""
        station = self._station()
        own = station.kecamatan_code if station is not None else ""
        wants: dict[str, int] = {}
        for (code,) in (QueueTicket.select(QueueTicket.kecamatan_code)
                        .where((QueueTicket.day == self.leases.day()) & QueueTicket.status.in_(HOLDING)).tuples()):
            wants[code or own] = wants.get(code or own, 0) + 1
        return wants

    def _queue_short(self, served: tuple[str, ...]) -> bool:
        """Waiting tickets exceed the rights held for a served kecamatan today: ask for more."""
        wants = self._queue_wants()
        return any(wants.get(code, 0) > self.leases.lease(code).left for code in served)

    def _apply_reply(self, reply: dict, reported: bool, may_give_back: bool) -> bool:
        """Apply one reply; True when rights were given back (the server should hear it at once)."""
        now = self.clock.now_utc()
        gave_back = False
        with self.db.atomic("IMMEDIATE"):
            for item in reply["leases"]:
                gave_back |= self._apply_lease(item, now, may_give_back)
            for item in reply.get("ranges", []):
                self._apply_range(item, now)
            LEASE_SETTINGS.set(reply["settings"])
            LEASE_RENEWED_AT.set(now)
            LEASE_RENEW_FAILED.set(None)
            LEASE_FROZEN.set(bool(reply.get("frozen")))
            LEASE_BLANKO_SHORT.set(bool(reply.get("blanko_short")))
            LEASE_COUNTS_AT.set(now)
            self._note_suspension((reply.get("suspension") or {}).get("message"), now)
            if reported and LEASE_REPORT_DUE.is_set():
                LEASE_REPORT_DUE.set(None)
                audit.record("lease.reported", None, at=now)
        return gave_back

    def _apply_lease(self, item: dict, now: datetime, may_give_back: bool) -> bool:
        day = date.fromisoformat(item["day"])
        key = lease_id(item["kecamatan"], day)
        row = QuotaLease.get_or_none(QuotaLease.id == key)
        if row is None:
            row = QuotaLease(id=key, kecamatan_code=item["kecamatan"], day=day, granted=0, returned=0, recall=0,
                             expires_at=_utc(item["expires_at"]) if item.get("expires_at")
                             else day_end_utc(day, self.clock.zone))
            row.save(force_insert=True)
        granted = max(row.granted, int(item["granted"]))
        if granted != row.granted:
            audit.record("lease.granted", None, at=now, kecamatan=item["kecamatan"], day=day, granted=granted,
                         added=granted - row.granted)
        returned = 0
        if item.get("recall") and may_give_back and day == self.leases.day():
            left = granted - row.returned - self.leases.lease(item["kecamatan"], day).used
            left -= self._queue_wants().get(item["kecamatan"], 0)  # rights backing waiting tickets stay
            returned = recall_share(max(0, left), int(item["recall"]))
            if returned:
                audit.record("lease.returned", None, at=now, kecamatan=item["kecamatan"], day=day, count=returned,
                             asked=item["recall"])
        # Rights the server took back (a suspended station's unused ones) are given back here too.
        returned = max(row.returned + returned, min(granted, int(item.get("returned") or 0))) - row.returned
        QuotaLease.update(granted=granted, returned=row.returned + returned, recall=int(item.get("recall") or 0),
                          pool=item.get("pool"), share=_count(item.get("share")), limit=item.get("limit"), kecamatan_issued=item.get("issued"),
                          renewed_at=now).where(QuotaLease.id == key).execute()
        return returned > 0

    def _apply_range(self, item: dict, now: datetime) -> None:
        if BlankoRange.get_or_none(BlankoRange.id == item["id"]) is not None:
            return
        from desktop.domain.audit_chain import expand_serials

        serials = list(expand_serials(item["first"], item["last"]))
        BlankoRange.create(id=item["id"], first=item["first"], last=item["last"], count=len(serials),
                           granted_at=_utc(item["granted_at"]))
        station_id = STATION_ID.get()
        rows = [{"id": new_id(), "serial": s, "batch": f"range:{item['id']}", "station": station_id,
                 "state": "incoming", "received_at": now, "updated_at": now, "range_id": item["id"]} for s in serials]
        for start in range(0, len(rows), 500):
            Blanko.insert_many(rows[start:start + 500]).execute()
        audit.record("blanko.leased", None, at=now, effects=[blanko_effect(item["first"], "incoming", item["last"])],
                     range=item["id"], first=item["first"], last=item["last"], count=len(serials))

    # --- drift ----------------------------------------------------------------------------------
    def _resend(self, diffs: list[dict]) -> None:
        """Send again this station's own records behind the counts that differ (the owner's copy wins)."""
        now = self.clock.now_utc()
        days = {d["key"] for d in diffs if d["what"] == "cards"}
        cards_all = any(d["what"] == "blanko" and d["key"] == "issued" for d in diffs)
        spoils = any(d["what"] == "blanko" and d["key"] == "spoiled" for d in diffs)
        ranges = any(d["what"] == "blanko" and d["key"] == "leased" for d in diffs)
        with self.db.atomic("IMMEDIATE"):
            query = IssuedCard.select(IssuedCard, Blanko.serial).join(Blanko)
            cards = [c for c in query if cards_all or f"{str(c.day)[:10]}|{c.kecamatan_code}" in days]
            rows = [{"id": new_id(), "entity": "issued_card", "entity_id": c.id, "op": "upsert", "created_at": now,
                     "payload": json.dumps({"nik": c.nik, "reason": c.reason, "blanko": c.blanko.serial,
                                            "printer": c.printer_uri, "kecamatan": c.kecamatan_code, "day": c.day,
                                            "issued_at": c.issued_at, "resent": True}, default=str)} for c in cards]
            if spoils:
                spoiled = BlankoMovement.select(BlankoMovement, Blanko.serial).join(
                    Blanko, on=(BlankoMovement.blanko == Blanko.id)).where(BlankoMovement.kind == "spoil")
                rows += [{"id": new_id(), "entity": "blanko_movement", "entity_id": m.id, "op": "insert",
                          "created_at": now, "payload": json.dumps({"kind": "spoil", "quantity": 1,
                                                                    "blanko": m.blanko.serial, "reason": m.reason,
                                                                    "job": m.job_id, "at": m.at, "resent": True},
                                                                   default=str)} for m in spoiled]
            if ranges:
                LEASE_REPORT_DUE.set(now)  # the ranges it holds go with the next exchange
            for start in range(0, len(rows), 500):
                Outbox.insert_many(rows[start:start + 500]).execute()
            audit.record("sync.resend", None, at=now, events=len(rows), differences=diffs)
        log.warning("counts differ from the server's (%s); re-sent %s records", diffs, len(rows))

    def _note_drift(self, mine: dict | None, reply: dict, resent: bool) -> None:
        """What still differs after a re-send is raised to the supervisor; a match clears it."""
        match = (reply.get("digest") or {}).get("match")
        if match is None:
            return
        now = self.clock.now_utc()
        with self.db.atomic("IMMEDIATE"):
            if match and SYNC_DRIFT.is_set():
                SYNC_DRIFT.set(None)
                audit.record("sync.drift_cleared", None, at=now)
            elif not match and resent:
                diffs = differences(mine, reply["digest"]["server"])
                SYNC_DRIFT.set({"at": now.isoformat(), "differences": diffs})
                audit.record("sync.drift", None, at=now, differences=diffs)
                log.error("counts still differ from the server's after a re-send: %s", diffs)

