"""What every request meets before an endpoint sees it (docs/sync-protocol.md, "Authenticate first"):
the client's address (forwarded headers only from a trusted reverse proxy), the token check, the
body limit and gzip, text the database cannot hold; and the access log and the server-time header
on every reply.

The token is checked before the request is routed or its body read, so a request without a valid
token learns nothing from the server (no 404, 405 or 422 about a path or a body it may not use).
The endpoints still authenticate and authorise as before: this is a gate, not a session.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import logging
import re
import time
import zlib
from collections.abc import Sequence
from urllib.parse import unquote_to_bytes

from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from server.db import connection
from server.errors import ApiError, invalid
from server.models import utcnow
from server.security import authenticate_admin, authenticate_station

access_log = logging.getLogger("ktp.server.access")

MAX_BODY_BYTES = 8 * 1024 * 1024
PUBLIC_PATHS = frozenset({"/v1/health", "/v1/enrol", "/v1/admin/login"})
ADMIN_PREFIX = "/v1/admin/"
# A NUL or a UTF-16 surrogate written as a JSON escape (the only ways they reach a JSON string); a
# match is confirmed on the parsed body, since a pair of surrogates is one valid character.
_SUSPECT_ESCAPE = re.compile(rb"\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
_UNHOLDABLE = "teks berisi karakter NUL atau surrogate tunggal"

Networks = Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network]


def error_response(status: int, code: str, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"detail": {"code": code, "message": message, **extra}}, status_code=status)


def _trusted(host: str, proxies: Networks) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in proxies)


def client_address(peer: str, forwarded_for: list[str], proxies: Networks) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy; then the nearest address
    in X-Forwarded-For that is not itself a trusted proxy (the ones further left are the client's
    word and prove nothing)."""
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop[:64]
    return hops[0][:64] if hops else peer


def check_admin_network(client: str, networks: Networks) -> None:
    """The regency and admin API answers only clients in the allowed networks (before any token):
    403 with one sentence for the others."""
    if not _trusted(client, networks):
        raise ApiError(403, "network_refused", f"Alamat {client[:64] or 'tak dikenal'} tidak termasuk jaringan yang "
                                               "boleh memakai API kabupaten (KTP_SERVER_ADMIN_NETWORKS).")


def needs_token(path: str) -> bool:
    return path.startswith("/v1/") and path not in PUBLIC_PATHS


def authenticate(path: str, headers: dict[str, str]) -> str:
    """Raises the endpoint's own 401 when the request lacks the token `path` needs (runs in a thread:
    it reads the database); returns who asks, for the access log (`station:CODE`, `admin:NAME`)."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip() if scheme.lower() == "bearer" else ""
    with connection():
        if path.startswith(ADMIN_PREFIX):
            return authenticate_admin(token or None, password_change=True).actor  # the endpoint refuses the rest
        return f"station:{authenticate_station(token or None, headers.get('x-ktp-installation')).code}"


def access_line(scope: dict, who: str, status: int, millis: float) -> str:
    """One access-log line: the client's address, who asked, the route's template (never the path
    itself nor its query: a NIK stays out of the log), the status and the time taken."""
    route = getattr(scope.get("route"), "path", None) or "-"
    client = (scope.get("client") or ("-", 0))[0]
    return f"{client} {who} {scope.get('method')} {route} {status} {millis:.1f} ms"


def check_text(scope: dict, body: bytes) -> None:
    """422 for a NUL (PostgreSQL cannot store one) or a lone surrogate (not UTF-8) in the path, the
    query or anywhere in a JSON body, keys included, and for a body that is not UTF-8."""
    query = scope.get("query_string", b"")
    if "\x00" in scope.get("path", "") or b"\x00" in unquote_to_bytes(query):
        raise invalid(f"Permintaan tidak sah (alamat: {_UNHOLDABLE}).")
    if not body:
        return
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid("Permintaan tidak sah (body: bukan teks UTF-8).") from None
    if not _SUSPECT_ESCAPE.search(body):
        return
    try:
        where = _unholdable(json.loads(body), ["body"])
    except ValueError:
        return  # FastAPI answers 422 for a body that is not JSON
    except RecursionError:
        raise invalid("Permintaan tidak sah (body: terlalu dalam bersarang).") from None
    if where is not None:
        raise invalid(f"Permintaan tidak sah ({'.'.join(where)}: {_UNHOLDABLE}).")


def _unholdable(value: object, where: list[str]) -> list[str] | None:
    if isinstance(value, str):
        return where if _bad(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and _bad(key):
            return where
        found = _unholdable(item, [*where, str(key)])
        if found is not None:
            return found
    return None


def _bad(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class Edge:
    """The ASGI middleware in front of the API (see the module's docstring)."""

    def __init__(self, app, trusted_proxies: Networks = (), admin_networks: Networks | None = None) -> None:
        self.app = app
        self.proxies = tuple(trusted_proxies)
        self.admin_networks = tuple(admin_networks) if admin_networks is not None else None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_holder = {"status": 0}
        who = "-"

        async def stamped_send(message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-ktp-server-time", _server_time().encode())]
            await send(message)

        try:
            headers = {k.decode().lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            scope = dict(scope)
            if self.proxies and scope.get("client"):
                forwarded = [v.decode("latin-1") for k, v in scope["headers"] if k.lower() == b"x-forwarded-for"]
                scope["client"] = (client_address(scope["client"][0], forwarded, self.proxies), scope["client"][1])
            if self.admin_networks is not None and scope.get("path", "").startswith(ADMIN_PREFIX):
                check_admin_network(scope["client"][0] if scope.get("client") else "", self.admin_networks)
            if needs_token(scope.get("path", "")):
                who = await run_in_threadpool(authenticate, scope["path"], headers)
            if scope["method"] in ("POST", "PUT", "PATCH"):
                body = await _read_body(receive, headers)
                check_text(scope, body)
                sent = False

                async def replay():
                    nonlocal sent
                    if not sent:
                        sent = True
                        return {"type": "http.request", "body": body, "more_body": False}
                    return await receive()

                scope["headers"] = [(k, v) for k, v in scope["headers"]
                                    if k.lower() not in (b"content-encoding", b"content-length")]
                scope["headers"].append((b"content-length", str(len(body)).encode()))
                await self.app(scope, replay, stamped_send)
            else:
                check_text(scope, b"")
                await self.app(scope, receive, stamped_send)
        except ApiError as exc:
            response = error_response(exc.status, exc.code, exc.message, **exc.extra)
            await response(scope, receive, stamped_send)
        finally:
            access_log.info("%s", access_line(scope, who, status_holder["status"],
                                              (time.perf_counter() - started) * 1000))


def _server_time() -> str:
    return utcnow().isoformat() + "Z"


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
