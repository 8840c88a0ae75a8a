"""The regency server's HTTP API (FastAPI). Plain `def` endpoints run on the thread pool, each with
its own pooled database connection; every fact is in the database, so any number of workers serve
one regency. The protocol is docs/sync-protocol.md."""

from __future__ import annotations

import gzip
import logging
import re
import time
import zlib
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.middleware.gzip import GZipMiddleware

from server import audit, changes, push, registry, residents
from server.db import connection, write_transaction
from server.errors import ApiError, not_found
from server.migrations import LATEST_VERSION
from server.models import Resident, Station, utcnow
from server.security import AdminIdentity, admin_login, authenticate_admin, authenticate_station

log = logging.getLogger("ktp.server")
access_log = logging.getLogger("ktp.server.access")

MAX_BODY_BYTES = 8 * 1024 * 1024
_NIK_IN_PATH = re.compile(r"\d{16}")

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


class AdminLogin(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class StationCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    kecamatan: list[str] = Field(min_length=1, max_length=12)


class QuotaSet(BaseModel):
    daily_limit: int = Field(ge=0, le=5000)


class Decision(BaseModel):
    approve: bool


def _station(credentials: HTTPAuthorizationCredentials | None, installation: str | None) -> Station:
    return authenticate_station(credentials.credentials if credentials else None, installation)


def _admin(credentials: HTTPAuthorizationCredentials | None) -> AdminIdentity:
    return authenticate_admin(credentials.credentials if credentials else None)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"detail": {"code": code, "message": message}}, status_code=status)


def create_app() -> FastAPI:
    app = FastAPI(title="KTP-el Mandiri regency server", version=f"1 (schema {LATEST_VERSION})",
                  description="Sync protocol: docs/sync-protocol.md")

    @app.exception_handler(ApiError)
    def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(422, "invalid", f"Permintaan tidak sah ({where}: {first.get('msg', '')}).")

    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimit)

    @app.get("/v1/health")
    def health() -> dict:
        with connection():
            return {"status": "ok", "generation": registry.generation(), "server_time": _now(),
                    "schema_version": LATEST_VERSION}

    @app.post("/v1/enrol", responses=ERRORS)
    def enrol(body: EnrolRequest) -> dict:
        with connection():
            station, token = registry.enrol(body.code, body.installation_id, body.station_name)
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
                "leases": [], "digest": None,  # issue 10
            }

    @app.post("/v1/push", responses=ERRORS)
    def push_batch(body: PushBatch, credentials: Credentials, installation: Installation = None) -> dict:
        with connection():
            station = _station(credentials, installation)
            events = [e.model_dump() for e in body.events]
            return push.apply_batch(station.id, body.batch_id, body.seq, events)

    @app.get("/v1/pull", responses=ERRORS)
    def pull(credentials: Credentials, installation: Installation = None,
             cursor: Annotated[str | None, Query(max_length=64)] = None,
             limit: Annotated[int, Query(ge=1, le=changes.MAX_PAGE)] = changes.DEFAULT_PAGE) -> dict:
        with connection():
            station = _station(credentials, installation)
            scopes = [*station.served_codes, "", f"station:{station.id}"]
            page = changes.pull(scopes, cursor, limit)
            return {"changes": page.changes, "cursor": page.cursor, "more": page.more}

    def _image(nik: str, kind: str, credentials, installation) -> Response:
        with connection():
            station = _station(credentials, installation)
            resident = Resident.get_or_none(Resident.nik == nik)
            if resident is None or resident.kecamatan_code not in station.served_codes:
                raise not_found("Penduduk ini tidak ada di kecamatan yang dilayani stasiun ini.")
            content = residents.image(nik, kind)
            if content is None:
                raise not_found("Foto atau tanda tangan penduduk ini belum ada di server.")
            media = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
            return Response(content, media_type=media, headers={"Cache-Control": "private, max-age=86400"})

    @app.get("/v1/residents/{nik}/photo", responses=ERRORS | {200: {"content": {"image/jpeg": {}}}})
    def photo(nik: Nik, credentials: Credentials, installation: Installation = None) -> Response:
        return _image(nik, "photo", credentials, installation)

    @app.get("/v1/residents/{nik}/signature", responses=ERRORS | {200: {"content": {"image/jpeg": {}}}})
    def signature(nik: Nik, credentials: Credentials, installation: Installation = None) -> Response:
        return _image(nik, "signature", credentials, installation)

    @app.post("/v1/admin/login", responses=ERRORS)
    def login(body: AdminLogin) -> dict:
        with connection():
            token, expires = admin_login(body.username, body.password)
            return {"token": token, "expires_at": expires.isoformat() + "Z"}

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
    def station_action(ident: Ident, action: Literal["revoke", "code", "reanchor"], credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            if action == "revoke":
                return registry.revoke_station(admin.actor, ident)
            if action == "reanchor":
                return registry.reanchor_station(admin.actor, ident)
            return {"enrolment_code": registry.new_enrolment_code(admin.actor, ident)}

    @app.put("/v1/admin/quotas/{kecamatan}", responses=ERRORS)
    def set_quota(kecamatan: Annotated[str, Path(min_length=1, max_length=16)], body: QuotaSet,
                  credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            return registry.set_quota(admin.actor, kecamatan, body.daily_limit)

    @app.get("/v1/admin/quota-requests", responses=ERRORS)
    def quota_requests(credentials: Credentials,
                       state: Literal["pending", "approved", "refused"] | None = "pending") -> list[dict]:
        with connection():
            _admin(credentials)
            return registry.quota_requests(state)

    @app.post("/v1/admin/quota-requests/{ident}/decide", responses=ERRORS)
    def decide(ident: Ident, body: Decision, credentials: Credentials) -> dict:
        with connection():
            admin = _admin(credentials)
            return registry.decide_quota_request(admin.actor, ident, body.approve)

    @app.get("/v1/admin/audit", responses=ERRORS)
    def audit_trail(credentials: Credentials, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict]:
        with connection():
            _admin(credentials)
            return audit.recent(limit)

    return app


def _now() -> str:
    return utcnow().isoformat() + "Z"


class BodyLimit:
    """Refuses bodies over MAX_BODY_BYTES (after gzip decompression, which it does), logs access
    without NIKs and stamps the server time on every reply."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_holder = {"status": 0}

        async def stamped_send(message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-ktp-server-time", _now().encode())]
            await send(message)

        try:
            headers = {k.decode().lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            if scope["method"] in ("POST", "PUT", "PATCH"):
                body = await _read_body(receive, headers)
                sent = False

                async def replay():
                    nonlocal sent
                    if not sent:
                        sent = True
                        return {"type": "http.request", "body": body, "more_body": False}
                    return await receive()

                scope = dict(scope)
                scope["headers"] = [(k, v) for k, v in scope["headers"]
                                    if k.lower() not in (b"content-encoding", b"content-length")]
                scope["headers"].append((b"content-length", str(len(body)).encode()))
                await self.app(scope, replay, stamped_send)
            else:
                await self.app(scope, receive, stamped_send)
        except ApiError as exc:
            response = _error(exc.status, exc.code, exc.message)
            await response(scope, receive, stamped_send)
        finally:
            path = _NIK_IN_PATH.sub("…", scope.get("path", ""))
            access_log.info("%s %s %s %.1f ms", scope.get("method"), path, status_holder["status"],
                            (time.perf_counter() - started) * 1000)


async def _read_body(receive, headers: dict[str, str]) -> bytes:
    too_large = ApiError(413, "too_large", f"Isi permintaan melebihi batas {MAX_BODY_BYTES // (1024 * 1024)} MiB.")
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    chunks, size = [], 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    body = b"".join(chunks)
    if headers.get("content-encoding", "").lower() == "gzip":
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            body = inflater.decompress(body, MAX_BODY_BYTES + 1)
            if len(body) > MAX_BODY_BYTES or inflater.unconsumed_tail:
                raise too_large
        except (zlib.error, gzip.BadGzipFile):
            raise ApiError(400, "invalid", "Isi permintaan gzip rusak.") from None
    return body
