"""Tokens, passwords and who is asking: stations by token and installation, admins by session."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from server import audit
from server.db import write_transaction
from server.errors import ApiError
from server.models import Admin, AdminSession, Station, utcnow

SESSION_HOURS = 8
THROTTLE_AFTER = 5  # failed log-ins before the account waits
THROTTLE_BASE_SECONDS = 60  # then doubles with each further failure
MIN_PASSWORD_LENGTH = 10

_hasher: PasswordHasher | None = None


def hasher() -> PasswordHasher:
    global _hasher
    if _hasher is None:
        _hasher = PasswordHasher()
    return _hasher


def set_hasher(value: PasswordHasher) -> None:
    """Tests use light argon2 parameters."""
    global _hasher
    _hasher = value


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    # Tokens carry 256 random bits: a fast hash is enough, nothing to guess from it.
    return hashlib.sha256(token.encode()).hexdigest()


def unauthenticated(message: str = "Permintaan tanpa token yang sah. Daftarkan stasiun ini ke server "
                    "kabupaten terlebih dahulu.") -> ApiError:
    return ApiError(401, "unauthenticated", message)


def authenticate_station(token: str | None, installation_id: str | None) -> Station:
    if not token:
        raise unauthenticated()
    station = Station.get_or_none(Station.token_hash == token_hash(token))
    if station is None or not installation_id or not secrets.compare_digest(
        station.installation_id or "", installation_id
    ):
        raise unauthenticated()
    if station.revoked_at is not None:
        raise ApiError(401, "revoked", "Stasiun ini sudah dicabut oleh admin kabupaten. Hubungi petugas TI "
                                       "kabupaten.")
    return station


@dataclass(frozen=True)
class AdminIdentity:
    id: str
    username: str

    @property
    def actor(self) -> str:
        return f"admin:{self.username}"


def authenticate_admin(token: str | None) -> AdminIdentity:
    if not token:
        raise unauthenticated("Permintaan admin tanpa token sesi yang sah. Masuk lagi.")
    session = AdminSession.get_or_none(AdminSession.token_hash == token_hash(token))
    if session is None or session.expires_at < utcnow():
        raise unauthenticated("Sesi admin tidak sah atau sudah berakhir. Masuk lagi.")
    admin = session.admin
    if not admin.active:
        raise unauthenticated("Akun admin ini dinonaktifkan.")
    return AdminIdentity(admin.id, admin.username)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ApiError(422, "invalid", f"Kata sandi admin minimal {MIN_PASSWORD_LENGTH} karakter.")


def create_admin(actor: str, username: str, full_name: str, password: str, *, first: bool = False) -> Admin:
    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        raise ApiError(422, "invalid", "Nama pengguna hanya boleh berisi huruf, angka, titik dan garis bawah.")
    check_password_rules(password)
    with write_transaction():
        if first and Admin.select().exists():
            raise ApiError(409, "conflict", "Admin pertama sudah ada; admin berikutnya dibuat oleh admin yang ada.")
        if Admin.select().where(Admin.username == username).exists():
            raise ApiError(409, "conflict", f"Nama pengguna {username} sudah dipakai.")
        admin = Admin.create(username=username, full_name=full_name.strip() or username,
                             password_hash=hasher().hash(password))
        audit.record(actor, "admin.create", username=username)
    return admin


def admin_login(username: str, password: str, now: datetime | None = None) -> tuple[str, datetime]:
    """A session token; the same answer for an unknown user and a wrong password; throttled."""
    now = now or utcnow()
    username = username.strip().lower()
    admin = Admin.get_or_none(Admin.username == username)
    if admin is not None and admin.locked_until is not None and admin.locked_until > now:
        wait = int((admin.locked_until - now).total_seconds()) + 1
        raise ApiError(429, "throttled", f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {wait} detik.")
    ok = False
    if admin is not None and admin.active:
        try:
            ok = hasher().verify(admin.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    with write_transaction():
        if not ok:
            if admin is not None:
                failures = admin.failed_logins + 1
                locked = None
                if failures >= THROTTLE_AFTER:
                    locked = now + timedelta(seconds=THROTTLE_BASE_SECONDS * 2 ** (failures - THROTTLE_AFTER))
                Admin.update(failed_logins=failures, locked_until=locked).where(Admin.id == admin.id).execute()
            audit.record(f"admin:{username}", "admin.login_failed")
        else:
            Admin.update(failed_logins=0, locked_until=None).where(Admin.id == admin.id).execute()
            token = new_token()
            expires = now + timedelta(hours=SESSION_HOURS)
            AdminSession.create(token_hash=token_hash(token), admin=admin.id, expires_at=expires)
            audit.record(f"admin:{username}", "admin.login")
    if not ok:
        raise ApiError(401, "unauthenticated", "Nama pengguna atau kata sandi salah.")
    return token, expires
