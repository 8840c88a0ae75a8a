"""The pull of a sync round, as a part of SyncService (desktop/sync/service.py): pages of the server's
change log, each applied together with its cursor in one local transaction; then the served kecamatan
applied to residents and the regency's accounts (docs/sync-protocol.md).
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from peewee import fn

from desktop.domain import serving
from desktop.domain.audit_chain import ORIGIN_SERVER, quota_day_effect, quota_effect, user_effect
from desktop.domain.regions import issue_place_for
from desktop.domain.text import msg
from desktop.services import audit
from desktop.services.card_history import MalformedCards
from desktop.settings import (
    REGENCY_USERS,
    SYNC_CURSOR,
    SYNC_LOCAL_USERS_RETIRED,
    SYNC_SCOPE_APPLIED,
)
from desktop.store.db import insert_rows
from desktop.store.models import KecamatanQuota, PrintJob, QuotaOverride, Resident, Station, User, new_id
from desktop.sync.client import ServerClient, SyncError
from desktop.sync.report import SyncReport

log = logging.getLogger("ktp.sync")

PAGE_SIZE = 5000  # changes a page; the server's most (a first pull of a hub is ~300,000 of them)
# A page's cards as columns (docs/sync-protocol.md, "Compact pages"); None asks as a station before them did.
PAGE_FORMAT: str | None = "columns"
RESIDENT_FIELDS = ("name", "birth_place", "birth_date", "sex", "blood_type", "address", "rt", "rw", "village_code",
                   "kecamatan_code", "religion", "marital_status", "occupation", "nationality", "record_status")
# A resident from the server replaces the station's copy; a cached image stays while the change names
# the version it is (a status change keeps the photo).
RESIDENT_UPSERT = "ON CONFLICT (\"nik\") DO UPDATE SET " + ", ".join(
    [f'"{f}" = excluded."{f}"' for f in (*RESIDENT_FIELDS, "source", "updated_at", "photo_version", "signature_version")]
    + [f'"{kind}" = CASE WHEN "resident"."source" = \'server\' AND "resident"."{kind}_version" = '
       f'excluded."{kind}_version" THEN "resident"."{kind}" ELSE excluded."{kind}" END' for kind in ("photo", "signature")])


class ChangePull:
    """Mixed into SyncService: it has db, clock, regions, history, _station(), _give_back_unserved(); sets
    _scope_moved when a pull changed the served kecamatan."""

    def _server_users(self) -> dict[str, dict]:
        """The regency's accounts at this station: id -> what the regency last said of it."""
        return REGENCY_USERS.items()  # None: written before the account's kecamatan were kept

    def _pull(self, client: ServerClient, report: SyncReport) -> None:
        residents_changed = False

        def ask(cursor: str | None) -> dict:
            return client.get("/v1/pull", cursor=cursor, limit=PAGE_SIZE, format=PAGE_FORMAT)

        # The next page is asked for while this one is applied, so the server's work and the station's
        # overlap; each page is still applied with its own cursor, in order.
        with ThreadPoolExecutor(1, thread_name_prefix="ktp-pull") as ahead:
            page = ask(SYNC_CURSOR.get())
            while True:
                following = ahead.submit(ask, page["cursor"]) if page["more"] else None
                try:
                    with self.db.atomic("IMMEDIATE"):
                        applied = self._apply(page["changes"], page.get("cards"))
                        SYNC_CURSOR.set(page["cursor"])
                except MalformedCards as exc:
                    log.warning("a page from the server was refused: %s", exc)
                    raise SyncError(msg("Server kabupaten mengirim data kartu yang tidak sah (kolom {column}, baris "
                                        "{row}); halaman itu tidak diterapkan dan sinkronisasi dicoba lagi nanti.",
                                        column=exc.column, row=exc.row), code="invalid_page") from exc
                report.pulled += len(page["changes"]) + len((page.get("cards") or {}).get("change") or ())
                report.residents += applied
                residents_changed = residents_changed or applied > 0
                if following is None:
                    break
                page = following.result()
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

    def _apply(self, changes: list[dict], card_columns: object = None) -> int:
        """A page's changes; `card_columns` its cards as a compact page holds them (MalformedCards, and
        the caller's transaction undone, when they are not what the protocol says)."""
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
            for nik in rows:  # the record status as received: an edit in the file is found (row_claims)
                audit.claim("resident", nik)
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
        if card_columns is not None:  # the regency's card history (docs/sync-protocol.md, "Compact pages")
            kept = self.history.store_columns(card_columns)
            ids = card_columns["change"]
            if ids:
                audit.record("sync.cards", None, at=self.clock.now_utc(), origin=ORIGIN_SERVER,
                             server_change_id=str(ids[-1]), count=len(ids), kept=kept, first_change_id=ids[0])
        return len(residents)

    def _apply_user(self, data: dict) -> list[dict]:
        """Write the regency's user (active here only while it serves one of the user's kecamatan);
        returns the effects for its audit entry."""
        effects = []
        served = serving.codes(self._station().served_kecamatan)
        clash = User.get_or_none((User.username == data["username"]) & (User.id != data["id"]))
        if clash is not None:  # a local account of the same name: kept for the history, renamed
            clash.username = f"{clash.username}.lokal"
            clash.active = False
            clash.save()
            effects.append(user_effect(clash.id, clash.username, clash.role, False, clash.password_hash))
        active = bool(data["active"]) and serving.serves_user(data.get("kecamatan") or [], served)
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
        served = serving.codes(station.served_kecamatan)
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
                active = bool(said["active"]) and serving.serves_user(said["kecamatan"], served)
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

