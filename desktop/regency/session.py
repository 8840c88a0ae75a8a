"""A regency account's session with the server: log-in, the token kept in memory only, and the admin API
calls the regency pages make. Qt-free; every call runs on the `net` lane.

Deciding requests carry the acting account's own password (`"password"` in the body): the server checks
it again (403 `reauth_failed` when it is wrong), so a desk left open cannot decide anything.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit

from desktop.domain.roles import RegencyRole, regency_allowed
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.regency.panel import (
    PanelFigures,
    StandingQuota,
    parse_history,
    parse_panel,
    parse_standing_quotas,
)
from desktop.sync.client import ServerClient, SyncError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def check_address(url: str) -> str:
    """The server's address as given, or one sentence why it is refused: HTTPS only, except to this
    computer itself. Nothing is sent before this check."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserFacingError(msg("Alamat server {url} tidak sah; tulis seperti https://server.kabupaten.go.id",
                                  url=url))
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise UserFacingError(msg("Panel kabupaten hanya tersambung lewat https:// (http:// hanya ke komputer ini "
                                  "sendiri); {url} ditolak sebelum ada yang dikirim.", url=url))
    return url.strip().rstrip("/")


@dataclass(frozen=True)
class RegencyUser:
    """Who is logged in at the regency. `can(permission)` as a station user's (the page registry asks)."""

    username: str
    role: str
    must_change_password: bool = False

    @property
    def full_name(self) -> str:
        return self.username

    def can(self, permission) -> bool:
        return regency_allowed(self.role, permission)


class RegencySession:
    """The server's address and the session token (memory only; gone when the window closes)."""

    def __init__(self, url: str, ca_file: str | None = None, timeout: float = 15) -> None:
        self.url = check_address(url)
        self.client = ServerClient(self.url, ca_file=ca_file, timeout=timeout)
        self.user: RegencyUser | None = None
        self._lock = threading.Lock()

    # --- the session ----------------------------------------------------------------------------
    def log_in(self, username: str, password: str) -> RegencyUser:
        reply = self._call("POST", "/v1/admin/login", {"username": username, "password": password}, auth=False)
        token = reply.get("token") if isinstance(reply, dict) else None
        if not isinstance(token, str) or not token:
            raise UserFacingError(msg("Server kabupaten menjawab log-in tanpa sesi; coba lagi nanti."))
        self.client.token = token
        must_change = reply.get("must_change_password") is True
        role = _role(reply.get("role"))
        if role is None and not must_change:
            role = self._role_of(username)
        self.user = RegencyUser(username, role or RegencyRole.ADMIN, must_change)
        return self.user

    def _role_of(self, username: str) -> str | None:
        """The account's role from the list of accounts (a server that names no role: every account is
        an admin, as before roles existed)."""
        try:
            accounts = self._call("GET", "/v1/admin/admins")
        except SyncError as exc:
            if exc.status == 403:  # the list of accounts is a regency admin's: this one is not
                return RegencyRole.SUPERVISOR
            if exc.status == 404:
                return None
            raise
        for account in accounts if isinstance(accounts, list) else []:
            if isinstance(account, dict) and account.get("username") == username:
                return _role(account.get("role"))
        return None

    def change_password(self, old: str, new: str) -> RegencyUser:
        self._call("POST", "/v1/admin/password", {"old_password": old, "new_password": new})
        # The server ends the account's sessions: log in again with the new password.
        return self.log_in(self.user.username if self.user else "", new)

    def check_password(self, password: str) -> RegencyUser:
        """The screen lock: the password is checked at the server (a new session replaces the old)."""
        if self.user is None:
            raise UserFacingError(msg("Tidak ada yang masuk."))
        return self.log_in(self.user.username, password)

    def log_out(self) -> None:
        self.client.token = None
        self.user = None
        self.client.close()

    # --- reading ------------------------------------------------------------------------------------
    def panel(self, day: date | None = None) -> PanelFigures:
        return parse_panel(self._get("/v1/admin/panel", msg("panel kabupaten"), day=day and day.isoformat()))

    def history(self, days: int = 30, kecamatan: str | None = None) -> list:
        return parse_history(self._get("/v1/admin/panel/history", msg("riwayat 30 hari"), days=days,
                                       kecamatan=kecamatan))

    def standing_quotas(self) -> tuple[list[StandingQuota], int]:
        return parse_standing_quotas(self._get("/v1/admin/quotas", msg("daftar kuota tetap")))

    def quota_requests(self) -> list[dict]:
        return _rows(self._call("GET", "/v1/admin/quota-requests"))

    def anomalies(self) -> dict:
        reply = self._call("GET", "/v1/admin/anomalies", params={"limit": 500})
        reply = reply if isinstance(reply, dict) else {}
        return {"anomalies": _rows(reply.get("anomalies")), "suspended": _rows(reply.get("suspended"))}

    def ledger(self) -> list[dict]:
        reply = self._get("/v1/admin/ledger", msg("buku blanko"), limit=500)
        return _rows(reply.get("movements") if isinstance(reply, dict) else reply)

    def balances(self) -> dict:
        """The regency's own blanko balance (name -> number) and the allocations (holder, allocated,
        leased): the ledger's, or from an older server the stock figures of its lease view."""
        try:
            reply = self._call("GET", "/v1/admin/ledger/balances")
        except SyncError as exc:
            if exc.status != 404:
                raise
            reply = self._call("GET", "/v1/admin/leases")
            stock = reply.get("blanko") if isinstance(reply, dict) else None
            return {"regency": _numbers(stock), "allocations": []}
        reply = reply if isinstance(reply, dict) else {}
        own = next((b for b in _rows(reply.get("balances")) if b.get("holder") == "regency"), {})
        return {"regency": _numbers(own), "allocations": _rows(reply.get("allocations"))}

    # --- deciding (the password again, every time) --------------------------------------------------
    def decide_quota_request(self, ident: str, approve: bool, password: str) -> dict:
        return self._call("POST", f"/v1/admin/quota-requests/{_part(ident)}/decide",
                          {"approve": approve, "password": password})

    def set_standing_quota(self, kecamatan: str, limit: int, from_tomorrow: bool, password: str) -> dict:
        return self._call("PUT", f"/v1/admin/quotas/{_part(kecamatan)}",
                          {"daily_limit": limit, "from_tomorrow": from_tomorrow, "password": password})

    def receive_blanko(self, quantity: int, batch: str, requested: int | None, box_first: str, box_last: str,
                       password: str) -> dict:
        return self._call("POST", "/v1/admin/blanko", {"quantity": quantity, "batch": batch, "requested": requested,
                                                       "box_first": box_first, "box_last": box_last,
                                                       "password": password})

    def allocate_blanko(self, holder: str, quantity: int, note: str, password: str) -> dict:
        return self._call("POST", "/v1/admin/blanko/allocate",
                          {"holder": holder, "quantity": quantity, "note": note, "password": password},
                          what=msg("pembagian blanko"))

    def resume_station(self, station: str, password: str) -> dict:
        return self._call("POST", f"/v1/admin/stations/{_part(station)}/resume", {"password": password})

    def report(self, kind: str, day: date, kecamatan: str | None, as_csv: bool) -> bytes:
        """A regency report the server makes (GET /v1/admin/reports/KIND): the PDF, or the CSV."""
        when = {"month": f"{day:%Y-%m}"} if kind == "monthly" else {"day": day.isoformat()}
        params = {**when, "kecamatan": kecamatan, "format": "csv" if as_csv else "pdf"}
        data = self._call("GET", f"/v1/admin/reports/{_part(kind)}", params={k: v for k, v in params.items() if v},
                          what=msg("laporan kabupaten"), raw=True)
        if not isinstance(data, bytes) or not data.startswith(b"\xef\xbb\xbf" if as_csv else b"%PDF-"):
            raise UserFacingError(msg("Server kabupaten tidak mengirim laporan yang utuh; coba lagi."),
                                  code="report_reply")
        return bytes(data)

    # --- the wire -----------------------------------------------------------------------------------
    def _get(self, path: str, what: str, **params) -> object:
        return self._call("GET", path, params={k: v for k, v in params.items() if v is not None} or None, what=what)

    def _call(self, method: str, path: str, body: dict | None = None, params: dict | None = None,
              auth: bool = True, what: str | None = None, raw: bool = False) -> object:
        if auth and not self.client.token:
            raise UserFacingError(msg("Sesi ke server kabupaten sudah berakhir; masuk lagi."))
        with self._lock:
            try:
                return self.client.request(method, path, body, params, raw=raw)
            except SyncError as exc:
                if exc.status == 404 and what is not None and exc.code in ("not_found", "server_error"):
                    raise UserFacingError(msg("Server kabupaten ini belum menyediakan {what}; perbarui server lalu "
                                               "coba lagi.", what=what), code="not_yet") from exc
                if exc.code == "offline":
                    raise UserFacingError(msg("Server kabupaten {host} tidak dapat dihubungi; angka terakhir tetap "
                                              "tampil dan dicoba lagi sebentar lagi.", host=self.client.host),
                                          code="offline") from exc
                raise


def _role(value: object) -> str | None:
    return value if value in (RegencyRole.ADMIN, RegencyRole.SUPERVISOR) else None


def _rows(value: object) -> list[dict]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _numbers(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)}


def _part(value: str) -> str:
    return quote(str(value), safe="")
