"""The regency server's HTTP API (FastAPI). Plain `def` endpoints run on the thread pool, each with
its own pooled database connection; every fact is in the database, so any number of workers serve
one regency. The protocol is docs/sync-protocol.md."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.middleware.gzip import GZipMiddleware

from desktop.domain.leases import digest_hash
from desktop.domain.serving import EVERY_STATION
from server import (
    anomalies,
    audit,
    blanko_ledger,
    changes,
    claims,
    config,
    leases,
    push,
    regency_panel,
    registry,
    residents,
    security,
)
from server import own_events as own
from server.db import connection, write_transaction
from server.edge import Edge, error_response
from server.errors import ApiError, not_found
from server.migrations import LATEST_VERSION
from server.models import Resident, Station, utcnow
from server.security import AdminIdentity, admin_login, authenticate_admin, authenticate_station

log = logging.getLogger("ktp.server")

PROTOCOL_VERSION = 2  # docs/sync-protocol.md

bearer = HTTPBearer(auto_error=False)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
Installation = Annotated[str | None, Header(alias="X-KTP-Installation", max_length=100)]
Nik = Annotated[str, Path(pattern=r"^\d{16}$")]
Ident = Annotated[str, Path(min_length=1, max_length=64)]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    detail: ErrorDetail


ERRORS = {status: {"model": ErrorBody} for status in (401, 403, 404, 409, 413, 422, 429)}


class EnrolRequest(BaseModel):
    code: str = Field(min_length=1, max_length=40)
    installation_id: str = Field(min_length=8, max_length=100)
    station_name: str | None = Field(default=None, max_length=120)


class AuditHead(BaseModel):
    seq: int = Field(ge=0)
    hash: str = Field(max_length=128)


class PushEvent(BaseModel):
    id: str = Field(min_length=1, max_length=64)
    entity: str = Field(min_length=1, max_length=40)
    entity_id: str = Field(min_length=1, max_length=64)
    op: str = Field(min_length=1, max_length=16)
    at: str | None = Field(default=None, max_length=40)
    data: dict


class PushBatch(BaseModel):
    batch_id: str = Field(pattern=r"^[0-9a-fA-F-]{32,36}$")
    seq: int = Field(ge=1, le=2**62)
    station_time: str | None = Field(default=None, max_length=40)
    events: list[PushEvent] = Field(max_length=push.MAX_EVENTS)
    audit_head: AuditHead | None = None


class LeaseHolding(BaseModel):
    kecamatan: str = Field(min_length=1, max_length=16)
    day: date
    granted: int = Field(ge=0, le=100_000)
    returned: int = Field(ge=0, le=100_000)
    used: int = Field(ge=0, le=100_000)
    want: int | None = Field(default=None, ge=0, le=100_000)  # rights its waiting queue tickets ask for (v2, additive)


class RangeHeld(BaseModel):
    id: str = Field(min_length=1, max_length=64)
    first: str = Field(min_length=1, max_length=32)
    last: str = Field(min_length=1, max_length=32)
    confirmed: bool = False


class BlankoHeld(BaseModel):
    usable: int = Field(ge=0, le=10_000_000)


class LeaseReport(BaseModel):
    leases: list[LeaseHolding] = Field(default_factory=list, max_length=5000)
    ranges: list[RangeHeld] = Field(default_factory=list, max_length=20_000)


class CountDigest(BaseModel):
    """A station's count digest (docs/sync-protocol.md, "Leases"): counts by key."""

    cards: dict[str, int] = Field(default_factory=dict, max_length=100_000)
    blanko: dict[str, int] = Field(default_factory=dict, max_length=100)


class PrinterReport(BaseModel):
    """A station's printer as its sync round reports it (docs/sync-protocol.md, "Printers")."""

    name: str = Field(min_length=1, max_length=120)
    state: Literal["ready", "printing", "attention", "disconnected", "unknown"]
    ribbon_left: int | None = Field(default=None, ge=0, le=100_000)


class LeaseRequest(BaseModel):
    station_time: str = Field(min_length=10, max_length=40)
    generation: str | None = Field(default=None, max_length=64)
    leases: list[LeaseHolding] = Field(default_factory=list, max_length=200)
    blanko: BlankoHeld | None = None
    digest: str | None = Field(default=None, max_length=64)
    counts: CountDigest | None = None  # the full digest, sent on the check after a re-send
    report: LeaseReport | None = None
    printers: list[PrinterReport] | None = Field(default=None, max_length=20)


class LeaseSettings(BaseModel):
    size: int | None = Field(default=None, ge=1, le=1000)
    low_water: int | None = Field(default=None, ge=0, le=999)
    blanko_size: int | None = Field(default=None, ge=1, le=5000)
    blanko_low_water: int | None = Field(default=None, ge=0, le=4999)
    max_skew_seconds: int | None = Field(default=None, ge=30, le=86400)
    advance_hour: int | None = Field(default=None, ge=0, le=24)


class Reauth(BaseModel):
    """A decision carries the acting account's own password again (checked like a log-in)."""

    password: str = Field(min_length=1, max_length=200)


class BlankoReceipt(Reauth):
    quantity: int = Field(ge=1, le=1_000_000)
    batch: str = Field(min_length=1, max_length=120)
    requested: int | None = Field(default=None, ge=1, le=1_000_000)  # the delivery fell short of it
    box_first: str = Field(default="", max_length=64)  # the card maker's serials on the box
    box_last: str = Field(default="", max_length=64)


class AdminLogin(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class StationCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    kecamatan: list[str] = Field(min_length=1, max_length=12)


class StationServed(BaseModel):
    kecamatan: list[str] = Field(min_length=1, max_length=12)


class QuotaSet(Reauth):
    daily_limit: int = Field(ge=0, le=5000)
    from_tomorrow: bool = False  # a lower quota that today's leases exceed applies from tomorrow


class Decision(Reauth):
    approve: bool


class StationDecision(BaseModel):
    password: str | None = Field(default=None, min_length=1, max_length=200)  # revoke and resume need it


class Allocation(Reauth):
    holder: str = Field(min_length=1, max_length=64)
    quantity: int = Field(ge=-1_000_000, le=1_000_000)
    note: str = Field(default="", max_length=500)


class ReprintApprovalDetails(BaseModel):
    """The station's reprint approval a claim names (docs/sync-protocol.md, "Reprint approvals")."""

    nik: str = Field(pattern=r"^\d{16}$")
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    asked_by: str = Field(min_length=1, max_length=64)
    approved_by: str = Field(min_length=1, max_length=64)
    card: str = Field(min_length=1, max_length=64)


class ClaimRequest(BaseModel):
    nik: str = Field(pattern=r"^\d{16}$")
    job_id: str | None = Field(default=None, min_length=1, max_length=64)
    reprint_approval: str | None = Field(default=None, max_length=64)
    approval: ReprintApprovalDetails | None = None


class ClaimRelease(BaseModel):
    by: str | None = Field(default=None, min_length=1, max_length=64)  # the supervisor who asked, if any


class ClaimSweep(BaseModel):
    keep: list[str] = Field(default_factory=list, max_length=5000)  # claims with a job behind them


class PasswordChange(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    old_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


class AdminPasswordChange(BaseModel):
    old_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


class AdminPasswordSet(BaseModel):
    password: str = Field(min_length=1, max_length=200)


class OnlineLogin(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


def _station(credentials: HTTPAuthorizationCredentials | None, installation: str | None) -> Station:
    return authenticate_station(credentials.credentials if credentials else None, installation)


def _admin(credentials: HTTPAuthorizationCredentials | None,
           roles: tuple[str, ...] = security.ADMIN_ONLY) -> AdminIdentity:
    """The account of the session, if its role is among `roles` (403 otherwise)."""
    return security.authorize(authenticate_admin(credentials.credentials if credentials else None), roles)


def _decider(credentials: HTTPAuthorizationCredentials | None, request: Request, password: str | None,
             roles: tuple[str, ...] = security.ADMIN_ONLY) -> AdminIdentity:
    """The account of a decision: its role allowed, and its own password given again."""
    admin = _admin(credentials, roles)
    if not password:
        raise ApiError(422, "invalid", "Keputusan ini meminta kata sandi akun Anda lagi (password).")
    security.reauthenticate(admin, password, _address(request))
    return admin


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


GZIP_LEVEL = 6


def create_app(trusted_proxies: Sequence[str] | None = None, admin_networks: Sequence[str] | None = None) -> FastAPI:
    """The API; forwarded headers are believed only from `trusted_proxies` (addresses or networks;
    by default $KTP_SERVER_TRUSTED_PROXIES, none when unset); /v1/admin/ answers only clients in
    `admin_networks` (by default $KTP_SERVER_ADMIN_NETWORKS, else this machine only)."""
    app = FastAPI(title="KTP-el Mandiri regency server", version=f"{PROTOCOL_VERSION} (schema {LATEST_VERSION})",
                  description="Sync protocol: docs/sync-protocol.md")

    @app.exception_handler(ApiError)
    def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, **exc.extra)

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error_response(422, "invalid", f"Permintaan tidak sah ({where}: {first.get('msg', '')}).")

    # Level 6, not Starlette's 9: a page of 5,000 cards compresses 5x faster (185 -> 36 ms as objects)
    # into 1% more bytes (docs/benchmarks.md, "The first pull of a hub's cards").
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=GZIP_LEVEL)
    app.add_middleware(Edge, trusted_proxies=config.trusted_proxies(trusted_proxies),
                       admin_networks=config.admin_networks(admin_networks))

    @app.get("/v1/health")
    def health() -> dict:
        with connection():
            return {"status": "ok", "generation": registry.generation(), "server_time": _now(),
                    "schema_version": LATEST_VERSION, "protocol": PROTOCOL_VERSION}

    @app.post("/v1/enrol", responses=ERRORS)
    def enrol(body: EnrolRequest, request: Request) -> dict:
        with connection():
            address = request.client.host if request.client else "unknown"
            station, token = registry.enrol(body.code, body.installation_id, body.station_name, address=address)
            return registry.station_view(station) | {
                "station_id": station.id, "token": token, "generation": registry.generation(),
                "server_time": _now()}

    @app.get("/v1/session", responses=ERRORS)
    def session(credentials: Credentials, installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            with write_transaction():
                Station.update(last_seen_at=utcnow()).where(Station.id == station.id).execute()
            return {
                "station": registry.station_view(station), "generation": registry.generation(),
                "server_time": _now(),
                "last_batch": ({"seq": station.last_batch_seq, "batch_id": station.last_batch_id}
                               if station.last_batch_id else None),
                "audit_head": ({"seq": station.audit_head_seq, "hash": station.audit_head_hash}
                               if station.audit_head_seq is not None else None),
                "reanchor_pending": bool(station.reanchor_pending),
                "leases": leases.station_leases(station),
                "digest": digest_hash(leases.digest(station.id)),
                "protocol": PROTOCOL_VERSION,
            }

    @app.post("/v1/push", responses=ERRORS)
    def push_batch(body: PushBatch, credentials: Credentials, installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            events = [e.model_dump() for e in body.events]
            return push.apply_batch(station.id, body.batch_id, body.seq, events)

    @app.post("/v1/leases", responses=ERRORS)
    def lease_exchange(body: LeaseRequest, credentials: Credentials, installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            return leases.exchange(station, body.model_dump(mode="json", exclude_unset=True), registry.generation())

    @app.get("/v1/pull", responses=ERRORS)
    def pull(credentials: Credentials, installation: Installation = None,
             cursor: Annotated[str | None, Query(max_length=64)] = None,
             limit: Annotated[int, Query(ge=1, le=changes.MAX_PAGE)] = changes.DEFAULT_PAGE,
             page_format: Annotated[Literal["objects", "columns"], Query(alias="format")] = "objects") -> dict:
        with connection():
            station = _station(credentials, installation)
            scopes = [*station.served_codes, EVERY_STATION, f"station:{station.id}"]
            page = changes.pull(scopes, cursor, limit, scope_tag=changes.scope_tag(station.served_codes),
                                compact=page_format == "columns")
            reply = {"changes": page.changes, "cursor": page.cursor, "more": page.more}
            if page.cards is not None:  # docs/sync-protocol.md, "Compact pages"
                reply["cards"] = page.cards
            return reply

    @app.get("/v1/own-events", responses=ERRORS)
    def own_events(credentials: Credentials, installation: Installation = None,
                   after: Annotated[str, Query(pattern=r"^[0-9A-Za-z-]{1,64}$")] = ...,
                   cursor: Annotated[int | None, Query(ge=0, le=2**62)] = None,
                   limit: Annotated[int, Query(ge=1, le=own.MAX_PAGE)] = own.DEFAULT_PAGE) -> dict:
        with connection():
            return own.own_events(_station(credentials, installation), after, cursor, limit)

    def _image(nik: str, kind: str, credentials, installation) -> Response:
        with connection():
            station = _station(credentials, installation)
            resident = Resident.get_or_none(Resident.nik == nik)
            if resident is None or resident.kecamatan_code not in station.served_codes:
                raise not_found("Penduduk ini tidak ada di kecamatan yang dilayani stasiun ini.")
            found = residents.image(nik, kind)
            if found is None:
                raise not_found("Foto atau tanda tangan penduduk ini belum ada di server.")
            content, version = found
            media = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
            return Response(content, media_type=media,
                            headers={"Cache-Control": "private, max-age=86400", "ETag": f'"{version}"'})

    @app.get("/v1/residents/{nik}/photo", responses=ERRORS | {200: {"content": {"image/jpeg": {}}}})
    def photo(nik: Nik, credentials: Credentials, installation: Installation = None) -> Response:
        return _image(nik, "photo", credentials, installation)

    @app.get("/v1/residents/{nik}/signature", responses=ERRORS | {200: {"content": {"image/jpeg": {}}}})
    def signature(nik: Nik, credentials: Credentials, installation: Installation = None) -> Response:
        return _image(nik, "signature", credentials, installation)

    @app.post("/v1/claims", responses=ERRORS)
    def make_claim(body: ClaimRequest, credentials: Credentials, installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            details = body.approval.model_dump() if body.approval is not None else None
            return claims.claim(station, body.nik, body.job_id, body.reprint_approval, details)

    @app.post("/v1/claims/{ident}/release", responses=ERRORS)
    def release_claim(ident: Ident, body: ClaimRelease, credentials: Credentials,
                      installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            return claims.release(station, ident, body.by)

    @app.post("/v1/claims/sweep", responses=ERRORS)
    def sweep_claims(body: ClaimSweep, credentials: Credentials, installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            return {"expired": claims.sweep(station, body.keep)}

    @app.get("/v1/cards", responses=ERRORS)
    def cards(credentials: Credentials, nik: Annotated[str, Query(pattern=r"^\d{16}$")],
              installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            return claims.cards_of(station, nik)

    @app.post("/v1/password", responses=ERRORS)
    def password(body: PasswordChange, credentials: Credentials, installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            return registry.change_password(station, body.username, body.old_password, body.new_password)

    @app.post("/v1/login", responses=ERRORS)
    def online_login(body: OnlineLogin, credentials: Credentials, installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            return registry.check_login(station, body.username, body.password)

    @app.post("/v1/admin/login", responses=ERRORS)
    def login(body: AdminLogin, request: Request) -> dict:
        with connection():
            address = request.client.host if request.client else "unknown"
            token, expires = admin_login(body.username, body.password, address)
            admin = authenticate_admin(token, password_change=True)
            return {"token": token, "expires_at": expires.isoformat() + "Z",
                    "must_change_password": security.must_change_password(admin.id),
                    "role": admin.role}  # what the desktop's regency mode shows this account

    # Each /v1/admin/ endpoint names the roles it serves (server/security.py): ADMIN_ONLY unless said.
    @app.post("/v1/admin/password", responses=ERRORS)
    def own_password(body: AdminPasswordChange, credentials: Credentials) -> dict:
        with connection():  # every role
            admin = authenticate_admin(credentials.credentials if credentials else None, password_change=True)
            return security.change_own_password(admin, body.old_password, body.new_password)

    @app.get("/v1/admin/admins", responses=ERRORS)
    def admin_list(credentials: Credentials) -> list[dict]:
        with connection():
            _admin(credentials)
            return security.list_admins()

    @app.put("/v1/admin/admins/{ident}/password", responses=ERRORS)
    def admin_password(ident: Ident, body: AdminPasswordSet, credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            return security.set_admin_password(admin.actor, ident, body.password)

    @app.post("/v1/admin/admins/{ident}/{admin_action}", responses=ERRORS)
    def admin_action(ident: Ident, admin_action: Literal["reset", "deactivate", "activate", "unlock"],
                     credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            if admin_action == "reset":
                return security.reset_admin_password(admin.actor, ident)
            if admin_action == "unlock":
                return security.unlock_admin(admin.actor, ident)
            return security.set_admin_active(admin.actor, ident, admin_action == "activate")

    @app.get("/v1/admin/stations", responses=ERRORS)
    def stations(credentials: Credentials) -> list[dict]:
        with connection():
            _admin(credentials)
            return registry.list_stations()

    @app.post("/v1/admin/stations", responses=ERRORS)
    def add_station(body: StationCreate, credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            station, code = registry.add_station(admin.actor, body.name, body.kecamatan)
            return station | {"enrolment_code": code}

    @app.post("/v1/admin/stations/{ident}/{action}", responses=ERRORS)
    def station_action(ident: Ident, action: Literal["revoke", "code", "reanchor", "resume"], request: Request,
                       credentials: Credentials, body: StationDecision | None = None) -> dict:
        with connection():
            password = body.password if body is not None else None
            admin = (_decider(credentials, request, password) if action in ("revoke", "resume")
                     else _admin(credentials))
            if action == "resume":  # lift a suspension for an anomaly (audited)
                return anomalies.clear(admin.actor, ident)
            if action == "revoke":
                return registry.revoke_station(admin.actor, ident)
            if action == "reanchor":
                return registry.reanchor_station(admin.actor, ident)
            return {"enrolment_code": registry.new_enrolment_code(admin.actor, ident)}

    @app.put("/v1/admin/stations/{ident}/served", responses=ERRORS)
    def station_served(ident: Ident, body: StationServed, credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            return registry.set_served(admin.actor, ident, body.kecamatan)

    @app.put("/v1/admin/quotas/{kecamatan}", responses=ERRORS)
    def set_quota(kecamatan: Annotated[str, Path(min_length=1, max_length=16)], body: QuotaSet, request: Request,
                  credentials: Credentials) -> dict:
        with connection():
            admin = _decider(credentials, request, body.password)
            return registry.set_quota(admin.actor, kecamatan, body.daily_limit, from_tomorrow=body.from_tomorrow)

    @app.get("/v1/admin/leases", responses=ERRORS)
    def lease_view(credentials: Credentials, day: date | None = None) -> dict:
        with connection():
            _admin(credentials)
            return {"settings": leases.settings(), "kecamatan": leases.admin_view(day), "blanko": leases.blanko_stock(),
                    "waiting_for": [s.code for s in leases.stations_to_report()]}

    @app.put("/v1/admin/lease-settings", responses=ERRORS)
    def lease_settings(body: LeaseSettings, credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            return leases.set_settings(admin.actor, **body.model_dump())

    @app.post("/v1/admin/blanko", responses=ERRORS)
    def blanko_receipt(body: BlankoReceipt, request: Request, credentials: Credentials) -> dict:
        with connection():
            admin = _decider(credentials, request, body.password)
            first, last = leases.receive_blanko(admin.actor, body.quantity, body.batch, body.requested,
                                                body.box_first, body.box_last)
            return {"first": first, "last": last, **leases.blanko_stock()}

    @app.get("/v1/admin/quota-requests", responses=ERRORS)
    def quota_requests(credentials: Credentials,
                       state: Literal["pending", "approved", "refused"] | None = "pending") -> list[dict]:
        with connection():
            _admin(credentials, security.EVERY_ROLE)
            return registry.quota_requests(state)

    @app.post("/v1/admin/quota-requests/{ident}/decide", responses=ERRORS)
    def decide(ident: Ident, body: Decision, request: Request, credentials: Credentials) -> dict:
        with connection():
            admin = _decider(credentials, request, body.password, security.EVERY_ROLE)
            return registry.decide_quota_request(admin.actor, ident, body.approve)

    @app.get("/v1/admin/claims", responses=ERRORS)
    def claim_list(credentials: Credentials, day: date | None = None) -> list[dict]:
        with connection():
            _admin(credentials)
            return claims.open_claims(day)

    @app.post("/v1/admin/claims/{ident}/release", responses=ERRORS)
    def claim_release(ident: Ident, credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            return claims.admin_release(admin.actor, ident)

    @app.get("/v1/admin/anomalies", responses=ERRORS)
    def anomaly_list(credentials: Credentials, limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
                     station: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9-]{1,64}$")] = None) -> dict:
        with connection():
            _admin(credentials, security.EVERY_ROLE)
            return {"anomalies": anomalies.listing(limit, station), "suspended": anomalies.suspended_stations()}

    @app.get("/v1/admin/audit", responses=ERRORS)
    def audit_trail(credentials: Credentials, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict]:
        with connection():
            _admin(credentials)
            return audit.recent(limit)

    _regency_panel_endpoints(app)
    _lost_station_routes(app)
    _report_endpoints(app)
    return app


def _regency_panel_endpoints(app: FastAPI) -> None:
    """The regency panel's API (issue 18, item 2): the panel, its history, the blanko ledger, allocation."""

    @app.get("/v1/admin/panel", responses=ERRORS)
    def panel(credentials: Credentials, day: date | None = None) -> dict:
        with connection():
            _admin(credentials, security.EVERY_ROLE)
            return regency_panel.panel(day)

    @app.get("/v1/admin/quotas", responses=ERRORS)
    def standing_quotas(credentials: Credentials) -> dict:
        with connection():
            _admin(credentials, security.EVERY_ROLE)
            return regency_panel.standing_quotas()

    @app.get("/v1/admin/panel/history", responses=ERRORS)
    def panel_history(credentials: Credentials,
                      days: Annotated[int, Query(ge=1, le=regency_panel.MAX_HISTORY_DAYS)] = 30,
                      kecamatan: Annotated[str | None, Query(pattern=r"^\d{2}\.\d{2}\.\d{2}$")] = None) -> dict:
        with connection():
            _admin(credentials, security.EVERY_ROLE)
            return regency_panel.history(days, kecamatan)

    @app.get("/v1/admin/ledger", responses=ERRORS)
    def ledger(credentials: Credentials,
               holder: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9.-]{1,64}$")] = None,
               kind: Literal["receipt", "allocation", "lease", "transfer", "issue", "spoil", "destroy"] | None = None,
               serial: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9-]{1,32}$")] = None,
               since: Annotated[date | None, Query(alias="from")] = None,
               until: Annotated[date | None, Query(alias="to")] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100,
               after: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,400}$")] = None) -> dict:
        with connection():
            _admin(credentials, security.EVERY_ROLE)
            return blanko_ledger.page(holder, kind, serial, since, until, limit, after)

    @app.get("/v1/admin/ledger/balances", responses=ERRORS)
    def ledger_balances(credentials: Credentials) -> dict:
        with connection():
            _admin(credentials, security.EVERY_ROLE)
            return {"balances": [b.as_dict() for b in blanko_ledger.balances()],
                    "allocations": blanko_ledger.allocations()}

    @app.post("/v1/admin/blanko/allocate", responses=ERRORS)
    def allocate(body: Allocation, request: Request, credentials: Credentials) -> dict:
        with connection():
            admin = _decider(credentials, request, body.password)
            return blanko_ledger.allocate(admin.actor, body.holder, body.quantity, body.note)


class WriteOff(BaseModel):
    note: str = Field(default="", max_length=500)  # the officer's reason: a police report, a broken PC


def _lost_station_routes(app: FastAPI) -> None:
    """A stolen, broken or revoked station (issue 20, item 4): its blanko account, the users whose
    hashes it held, and the write-off of what it still held (docs/server-install.md)."""
    from server import blanko_ledger, lost_station

    @app.get("/v1/admin/stations/{ident}/blanko", responses=ERRORS)
    def station_blanko(ident: Ident, credentials: Credentials) -> dict:
        with connection():
            _admin(credentials)
            return lost_station.blanko_account(ident)

    @app.get("/v1/admin/stations/{ident}/users", responses=ERRORS)
    def station_users(ident: Ident, credentials: Credentials) -> list[dict]:
        with connection():
            _admin(credentials)
            return lost_station.held_users(ident)

    @app.post("/v1/admin/stations/{ident}/blanko/write-off", responses=ERRORS)
    def station_write_off(ident: Ident, body: WriteOff, credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            code = registry.find_station(ident).code
            count = blanko_ledger.write_off_revoked(admin.actor, code, body.note)
            return {"written_off": count, **lost_station.blanko_account(code)}


def _report_endpoints(app: FastAPI) -> None:
    """The regency's reports (issue 22): the PDF or CSV the regency panel saves, each one an audit entry."""
    from server import reports

    @app.get("/v1/admin/reports/{kind}", responses=ERRORS)
    def report(kind: Literal["daily", "monthly", "destruction", "blanko-request", "stock-notice"],
               credentials: Credentials, day: date | None = None,
               month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
               kecamatan: Annotated[str | None, Query(pattern=r"^\d{2}\.\d{2}\.\d{2}$")] = None,
               hub: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9-]{1,32}$")] = None,
               format: Literal["pdf", "csv"] = "pdf") -> Response:
        with connection():
            admin = _admin(credentials, security.EVERY_ROLE)
            when = reports.parse_when(kind, day.isoformat() if day else None, month)
            made = reports.make(reports.ReportAsk(kind, when, kecamatan, hub, format == "csv"))
            reports.record(admin.actor, made, via="api")
            return Response(made.data, media_type=made.media_type, headers={
                "Content-Disposition": f'attachment; filename="{made.ask.file_name()}"',
                "X-KTP-Provisional": "1" if made.document.provisional else "0"})


def _now() -> str:
    return utcnow().isoformat() + "Z"
