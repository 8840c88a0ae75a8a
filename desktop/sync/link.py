"""The counter's own short requests to the regency (docs/sync-protocol.md, "Claims", "Card history",
"Passwords"): claiming a NIK before a blanko is reserved, a citizen's cards, a password change.

They go over a connection of their own with a short time-out, so the counter never waits behind a
sync round's pull and never more than CLAIM_SECONDS for an answer. Without one, the caller decides
on what the station knows and says so.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, timedelta

from desktop.clock import Clock
from desktop.domain.card_history import (
    NO_ANSWER,
    CardSeen,
    ClaimAnswer,
    printed_elsewhere,
    printing_elsewhere,
)
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services.revocation import REVOKED_CODE, note_revoked, revoked
from desktop.settings import CLAIMS_SWEEP_DUE, STATION_ID, SYNC_SERVER_CA
from desktop.store.models import PrintJob, Station
from desktop.sync.client import ServerClient, SyncError

log = logging.getLogger("ktp.sync.link")

CLAIM_SECONDS = 3.0  # the longest a print waits for the regency's answer to its claim
OFFLINE_PASSWORD = msg("Kata sandi hanya dapat diganti saat stasiun terhubung ke server kabupaten; coba lagi "
                       "setelah koneksi pulih.")

OFFLINE_ADMIN = msg("Akun admin kabupaten hanya dapat masuk saat stasiun terhubung ke server kabupaten; coba lagi "
                    "setelah koneksi pulih.")


class NikTaken(UserFacingError):
    """The regency refused the claim: another station claimed or printed this NIK today."""


def card_from(data: dict) -> CardSeen:
    """A card as the server sends it (pull kind `card`, GET /v1/cards); ValueError/KeyError when malformed."""
    return CardSeen(id=str(data["id"])[:64], nik=str(data["nik"])[:16], day=date.fromisoformat(str(data["day"])[:10]),
                    station_name=str(data.get("station_name") or data.get("station") or "")[:120],
                    blanko=str(data["blanko"])[:64], reason=str(data["reason"])[:64],
                    issued_at=str(data.get("issued_at") or "")[:40], spoiled=int(data.get("spoiled") or 0),
                    reprint_approval=(str(data["reprint_approval"])[:64] if data.get("reprint_approval") else None))


class RegencyLink:
    def __init__(self, clock: Clock, installation_id: Callable[[], str], timeout: float = CLAIM_SECONDS) -> None:
        self.clock = clock
        self.installation_id = installation_id
        self.timeout = timeout
        self._client: ServerClient | None = None
        self._lock = threading.Lock()

    def enrolled(self) -> bool:
        """Enrolled and not revoked: a revoked station asks the regency nothing more."""
        station = self._station()
        return bool(station and station.token) and not revoked()

    def _station(self) -> Station | None:
        station_id = STATION_ID.get()
        return Station.get_or_none(Station.id == station_id) if station_id else None

    def client(self) -> ServerClient:
        station = self._station()
        if station is None or not station.token:
            raise UserFacingError(msg("Stasiun ini belum didaftarkan ke server kabupaten."), code="not_enrolled")
        with self._lock:
            if (self._client is None or self._client.token != station.token
                    or self._client.base_url != station.server_url.rstrip("/")):
                self._client = ServerClient(station.server_url, token=station.token,
                                            installation_id=self.installation_id(), ca_file=SYNC_SERVER_CA.get(),
                                            timeout=self.timeout)
            return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    # --- claims ----------------------------------------------------------------------------------
    def claim(self, nik: str, job_id: str, reprint_approval: str | None = None,
              approval: dict | None = None) -> ClaimAnswer:
        """Claim the NIK for today before a blanko is reserved; a same-day reprint names its approval and
        brings its details (`approval`), which the regency checks and records. Raises NikTaken when another
        station holds it; without an answer (offline, slow, a server error) the station decides on what it
        knows, and the answer says so."""
        if not self.enrolled():
            return ClaimAnswer(None)
        if not CLAIMS_SWEEP_DUE.get():
            CLAIMS_SWEEP_DUE.set(True)  # a claim whose answer is lost has no job: the next round lets it expire
        try:
            reply = self.client().post("/v1/claims", {"nik": nik, "job_id": job_id,
                                                      "reprint_approval": reprint_approval, "approval": approval})
        except SyncError as exc:
            self._note_revoked(exc, "claim")
            if exc.code == "nik_taken":
                raise NikTaken(self._refusal(exc), code="nik_taken") from None
            if exc.status in (401, 403, 404, 409, 422):
                raise  # answered: the server's own sentence (revoked, not served, no rights held)
            log.info("claim unanswered (%s): decided locally", exc.code)
            return ClaimAnswer(None, NO_ANSWER)
        return ClaimAnswer(str(reply["claim_id"])[:64])

    def _note_revoked(self, exc: SyncError, via: str) -> None:
        """The regency's `revoked` stops this station for good (desktop/services/revocation.py)."""
        if exc.code == REVOKED_CODE:
            note_revoked(self.clock.now_utc(), via, str(exc))

    def _refusal(self, exc: SyncError) -> str:
        holder = exc.detail.get("holder")
        zone = self.clock.zone
        try:
            station = str(holder["station_name"])[:120]
            if holder["state"] == "printed":
                return printed_elsewhere(CardSeen("", "", self.clock.today(), station, str(holder["blanko"])[:64], "",
                                                  str(holder["at"])[:40]), zone)
            return printing_elsewhere(station, str(holder["at"])[:40], zone)
        except (KeyError, TypeError):
            return str(exc)  # the server's own sentence

    def release(self, claim_id: str, by: str | None = None) -> bool:
        """Give a claim back (its job was released); False when the server did not answer: the
        station's next round lets it expire."""
        try:
            self.client().post(f"/v1/claims/{claim_id}/release", {"by": by})
        except SyncError as exc:
            self._note_revoked(exc, "claim release")
            log.info("claim release unanswered (%s); it expires at the next round", exc.code)
            return False
        return True

    def sweep(self, client: ServerClient) -> int | None:
        """At a round (on the round's connection): the claims with a print job behind them are kept,
        the station's others expire. Only when a claim was made since the last sweep."""
        if not CLAIMS_SWEEP_DUE.get():
            return None
        keep = [row.claim_id for row in PrintJob.select(PrintJob.claim_id).where(
            PrintJob.claim_id.is_null(False) & ((PrintJob.fault.is_null()) | (PrintJob.fault != "released"))
            & (PrintJob.day >= self.clock.today() - timedelta(days=1)))]
        reply = client.post("/v1/claims/sweep", {"keep": keep})
        CLAIMS_SWEEP_DUE.set(False)
        return int(reply.get("expired", 0))

    # --- card history ----------------------------------------------------------------------------
    def cards(self, nik: str) -> list[dict] | None:
        """The NIK's cards from any station as the regency sends them (checked by the caller); None
        without an answer."""
        if not self.enrolled():
            return None
        try:
            reply = self.client().get("/v1/cards", nik=nik)
        except SyncError as exc:
            self._note_revoked(exc, "card history")
            log.info("card history unanswered (%s)", exc.code)
            return None
        cards = reply.get("cards") if isinstance(reply, dict) else None
        return [c for c in cards if isinstance(c, dict)] if isinstance(cards, list) else None

    # --- passwords -------------------------------------------------------------------------------
    def change_password(self, username: str, old: str, new: str) -> dict:
        """The user's own password changed at the regency; the old one is checked there."""
        try:
            return self.client().post("/v1/password", {"username": username, "old_password": old,
                                                       "new_password": new})["user"]
        except SyncError as exc:
            if exc.code in ("offline", "server_error"):
                raise UserFacingError(OFFLINE_PASSWORD, code="offline") from None
            raise

    def check_login(self, username: str, password: str) -> bool:
        """An account whose hash stays on the server (an admin's) logging in here; offline: one sentence."""
        try:
            self.client().post("/v1/login", {"username": username, "password": password})
        except SyncError as exc:
            if exc.code == "wrong_password":
                return False
            if exc.code in ("offline", "server_error"):
                raise UserFacingError(OFFLINE_ADMIN, code="offline") from None
            raise
        return True
