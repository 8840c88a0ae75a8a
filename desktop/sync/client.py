"""HTTP(S) to the regency server: one kept-alive connection, gzip both ways, errors as one sentence.

Standard library only (http.client, ssl), so the station's bundle carries no HTTP package. A station
trusts the system's certificates, or exactly the certificate file it was given at enrolment.
"""

from __future__ import annotations

import gzip
import http.client
import json
import logging
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.sync")

TIMEOUT_SECONDS = 30
GZIP_ABOVE = 2048
USER_AGENT = "ktp-mandiri-station/1"
ANSWERS = frozenset({"nik_taken", "wrong_password"})  # refusals that are answers, not faults


class RawReply(bytes):
    """A raw reply's bytes, with the server's ETag (for an image: its version)."""

    etag: str | None = None


class SyncError(UserFacingError):
    """The server could not be reached (code `offline`) or refused the request (its own code)."""

    def __init__(self, message: str, *, code: str, status: int = 0, detail: dict | None = None) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.detail = detail or {}  # the error's `detail` as the server sent it (e.g. who holds a NIK)


@dataclass
class Traffic:
    """Application bytes on the wire (after compression), for the benchmarks and the log."""

    sent: int = 0
    received: int = 0
    requests: int = 0


class ServerClient:
    def __init__(self, base_url: str, *, token: str | None = None, installation_id: str | None = None,
                 ca_file: str | None = None, timeout: float = TIMEOUT_SECONDS) -> None:
        parts = urlsplit(base_url.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserFacingError(msg("Alamat server {url} tidak sah; tulis seperti https://server.kabupaten.go.id",
                                      url=base_url))
        if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise UserFacingError(msg("Server kabupaten harus dihubungi lewat https://, bukan http:// ({url}).",
                                      url=base_url))
        self.base_url = base_url.rstrip("/")
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.prefix = parts.path.rstrip("/")
        self.token = token
        self.installation_id = installation_id
        self.ca_file = ca_file
        self.timeout = timeout
        self.traffic = Traffic()
        self._conn: http.client.HTTPConnection | None = None
        self._lock = threading.RLock()

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            if self.scheme == "https":
                context = ssl.create_default_context(cafile=self.ca_file) if self.ca_file else \
                    ssl.create_default_context()
                self._conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout, context=context)
            else:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, body: dict | None = None, params: dict | None = None,
                raw: bool = False):
        # One kept-alive connection: the sync lane and the counter (a photo fetched on verify) take turns.
        with self._lock:
            return self._request(method, path, body, params, raw)

    def _request(self, method: str, path: str, body: dict | None, params: dict | None, raw: bool):
        headers = {"Accept-Encoding": "gzip", "User-Agent": USER_AGENT}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.installation_id:
            headers["X-KTP-Installation"] = self.installation_id
        data = None
        if body is not None:
            data = json.dumps(body, separators=(",", ":"), default=str).encode()
            headers["Content-Type"] = "application/json"
            if len(data) > GZIP_ABOVE:
                data = gzip.compress(data, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
        url = self.prefix + path + (f"?{urlencode(params)}" if params else "")
        for attempt in (1, 2):
            try:
                conn = self._connection()
                conn.request(method, url, body=data, headers=headers)
                response = conn.getresponse()
                content = response.read()
                if response.getheader("Content-Length") is None and response.getheader("Transfer-Encoding") is None:
                    # The server always says how long its reply is: without it the connection was cut
                    # inside the headers, and what looks like an empty reply is half of one.
                    raise http.client.IncompleteRead(content)
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                # A kept-alive connection the server closed meanwhile: one fresh try. Requests are
                # idempotent (a push carries its batch id), so a repeat is harmless.
                self.close()
                if attempt == 2:
                    raise self._offline(exc) from exc
            except ssl.SSLCertVerificationError as exc:
                self.close()
                raise SyncError(msg("Sertifikat server {host} tidak dipercaya ({reason}). Periksa berkas sertifikat"
                                    " yang diberikan kabupaten.", host=self.host, reason=exc.verify_message),
                                code="tls") from exc
            except (TimeoutError, OSError, http.client.HTTPException) as exc:
                self.close()
                raise self._offline(exc) from exc
        self.traffic.requests += 1
        self.traffic.sent += len(data or b"") + len(url) + sum(len(k) + len(v) + 4 for k, v in headers.items())
        self.traffic.received += len(content) + sum(len(k) + len(v) + 4 for k, v in response.getheaders())
        if response.getheader("Content-Encoding", "") == "gzip":
            content = gzip.decompress(content)
        if response.status >= 400:
            raise self._refused(response.status, content)
        if raw:
            reply = RawReply(content)
            reply.etag = (response.getheader("ETag") or "").strip('"') or None
            return reply
        return json.loads(content) if content else None

    def get(self, path: str, **params) -> dict:
        return self.request("GET", path, params={k: v for k, v in params.items() if v is not None} or None)

    def post(self, path: str, body: dict) -> dict:
        return self.request("POST", path, body)

    def _offline(self, exc: BaseException) -> SyncError:
        log.info("server %s unreachable: %s", self.host, exc)
        return SyncError(msg("Server kabupaten tidak dapat dihubungi ({host}); stasiun tetap bekerja dan "
                             "menyinkronkan nanti.", host=self.host), code="offline")

    def _refused(self, status: int, content: bytes) -> SyncError:
        try:
            detail = json.loads(content)["detail"]
            code, message = detail["code"], detail["message"]
        except (ValueError, KeyError, TypeError):
            detail, code, message = {}, "server_error", msg("Server kabupaten menjawab dengan galat {status}; coba "
                                                            "lagi nanti.", status=status)
        # A claimed NIK or a wrong password is an answer for the person at the counter, not a fault.
        (log.info if code in ANSWERS else log.warning)("server refused (%s %s)", status, code)
        return SyncError(message, code=code, status=status, detail=detail if isinstance(detail, dict) else {})
