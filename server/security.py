"""Tokens, passwords and who is asking: stations by token and installation, admins by session."""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import ARGON2_VERSION

from server import audit
from server.db import is_postgres, write_transaction
from server.errors import ApiError
from server.models import Admin, AdminSession, LoginThrottle, Station, utcnow

SESSION_HOURS = 8
THROTTLE_AFTER = 5  # failed log-ins of one name from one address before it waits there
THROTTLE_BASE_SECONDS = 60  # then doubles with each further failure
THROTTLE_LONGEST = timedelta(days=1)
THROTTLE_FORGET = timedelta(days=1)  # a name's failures at an address are forgotten a day after the last
MIN_PASSWORD_LENGTH = 10

_hasher: PasswordHasher | None = None
_dummy: tuple[PasswordHasher, str] | None = None


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
        (station.installation_id or "").encode(), installation_id.encode("utf-8", "replace")
    ):
        raise unauthenticated()
    if station.revoked_at is not None:
        raise ApiError(401, "revoked", "Stasiun ini sudah dicabut oleh admin kabupaten. Hubungi petugas TI "
                                       "kabupaten.")
    return station


# The regency's accounts (docs/server-install.md, "Regency roles"): a regency admin does everything;
# a regency supervisor sees the regency panel, decides quota requests and sees anomalies and suspensions.
REGENCY_ADMIN, REGENCY_SUPERVISOR = "regency_admin", "regency_supervisor"
ROLES = (REGENCY_ADMIN, REGENCY_SUPERVISOR)
EVERY_ROLE = ROLES
ADMIN_ONLY = (REGENCY_ADMIN,)


@dataclass(frozen=True)
class AdminIdentity:
    id: str
    username: str
    session: str = ""  # the session's token hash
    role: str = REGENCY_ADMIN

    @property
    def actor(self) -> str:
        return f"admin:{self.username}"


def authorize(identity: AdminIdentity, allowed: tuple[str, ...]) -> AdminIdentity:
    """403 unless the account's role is among `allowed`."""
    if identity.role not in allowed:
        raise ApiError(403, "forbidden", "Akun ini (supervisor kabupaten) tidak berwenang untuk tindakan ini; "
                                         "mintalah admin kabupaten.")
    return identity


def reauthenticate(identity: AdminIdentity, password: str, address: str = "unknown") -> None:
    """A decision asks for the acting account's own password again, under the log-in's throttle:
    a wrong one is 403 `reauth_failed` (and counts as a failed log-in of that name at that address)."""
    now = utcnow()
    address = throttle_address(address)
    count_attempt(identity.username, address, now)
    admin = Admin.get_by_id(identity.id)
    if not verify_password(admin.password_hash, password):
        with write_transaction():
            audit.record(identity.actor, "admin.reauth_failed")
        raise ApiError(403, "reauth_failed", "Kata sandi salah: keputusan ini tidak dijalankan.")
    with write_transaction():
        forget_attempts(identity.username, address)
        Admin.update(failed_logins=0).where(Admin.id == admin.id).execute()


def authenticate_admin(token: str | None, *, password_change: bool = False) -> AdminIdentity:
    """The admin of a live session; a session opened with a one-time password may only change it
    (`password_change`), every other request is 403 until then."""
    if not token:
        raise unauthenticated("Permintaan admin tanpa token sesi yang sah. Masuk lagi.")
    session = AdminSession.get_or_none(AdminSession.token_hash == token_hash(token))
    if session is None or session.expires_at < utcnow():
        raise unauthenticated("Sesi admin tidak sah atau sudah berakhir. Masuk lagi.")
    admin = session.admin
    if not admin.active:
        raise unauthenticated("Akun admin ini dinonaktifkan.")
    if not password_change and must_change_password(admin.id):
        raise ApiError(403, "password_change_required", "Kata sandi sekali pakai harus diganti dulu "
                                                        "(POST /v1/admin/password).")
    return AdminIdentity(admin.id, admin.username, session.token_hash, admin.role)


def check_password_rules(password: str, username: str = "") -> None:
    """The shared rule (desktop/domain/passwords.py) with an admin's longer minimum."""
    from desktop.domain.passwords import password_problem

    problem = password_problem(password, username, MIN_PASSWORD_LENGTH)
    if problem is not None:
        raise ApiError(422, "invalid", str(problem))


def create_admin(actor: str, username: str, full_name: str, password: str, *, first: bool = False,
                 role: str = REGENCY_ADMIN) -> Admin:
    username = username.strip().lower()
    if role not in ROLES:
        raise ApiError(422, "invalid", f"Peran {role} tidak dikenal (pilih {' atau '.join(ROLES)}).")
    if first and role != REGENCY_ADMIN:
        raise ApiError(422, "invalid", "Akun kabupaten pertama harus admin kabupaten (regency_admin).")
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        raise ApiError(422, "invalid", "Nama pengguna hanya boleh berisi huruf, angka, titik dan garis bawah.")
    check_password_rules(password, username)
    with write_transaction():
        if first and Admin.select().exists():
            raise ApiError(409, "conflict", "Admin pertama sudah ada; admin berikutnya dibuat oleh admin yang ada.")
        if Admin.select().where(Admin.username == username).exists():
            raise ApiError(409, "conflict", f"Nama pengguna {username} sudah dipakai.")
        admin = Admin.create(username=username, full_name=full_name.strip() or username,
                             password_hash=hasher().hash(password), role=role)
        audit.record(actor, "admin.create", username=username, role=role)
    return admin


def dummy_hash() -> str:
    """An argon2 hash with the hasher's own parameters that no password matches: an unknown name is
    checked against it, so the answer takes as long as for a known name. Made from random bytes, not
    by hashing, so making it costs nothing and tells nothing."""
    global _dummy
    current = hasher()
    if _dummy is None or _dummy[0] is not current:
        p = current
        salt, digest = (base64.b64encode(secrets.token_bytes(n)).decode().rstrip("=")
                        for n in (p.salt_len, p.hash_len))
        kind = {Type.ID: "argon2id", Type.I: "argon2i", Type.D: "argon2d"}[p.type]
        _dummy = (current, f"${kind}$v={ARGON2_VERSION}$m={p.memory_cost},t={p.time_cost},p={p.parallelism}"
                           f"${salt}${digest}")
    return _dummy[1]


def throttle_address(address: str) -> str:
    """The address a log-in is throttled by: an IPv4 address as it is, an IPv6 address by its /64
    (one subscriber's whole prefix is one address); anything else (a test client) as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def admin_login(username: str, password: str, address: str = "unknown", now: datetime | None = None
                ) -> tuple[str, datetime]:
    """A session token; the same answer, the same work and the same throttle for an unknown user and a
    wrong password. The attempt is counted before the password is checked (under a row lock), so
    parallel attempts cannot pass the limit; a success clears the count of its own address only."""
    now = now or utcnow()
    username = username.strip().lower()[:64]
    address = throttle_address(address)
    count_attempt(username, address, now)
    admin = Admin.get_or_none(Admin.username == username)
    ok = verify_password(admin.password_hash if admin is not None else dummy_hash(), password)
    ok = ok and admin is not None and admin.active
    with write_transaction():
        if not ok:
            audit.record(f"admin:{username}", "admin.login_failed")
        else:
            forget_attempts(username, address)
            Admin.update(failed_logins=0).where(Admin.id == admin.id).execute()
            token = new_token()
            expires = now + timedelta(hours=SESSION_HOURS)
            AdminSession.create(token_hash=token_hash(token), admin=admin.id, expires_at=expires)
            _require_change_if_weak(admin, password)
            audit.record(f"admin:{username}", "admin.login")
    if not ok:
        raise ApiError(401, "unauthenticated", "Nama pengguna atau kata sandi salah.")
    return token, expires


def forget_attempts(username: str, address: str) -> None:
    """A success takes back the failures counted for this name at this address."""
    LoginThrottle.delete().where((LoginThrottle.username == username) & (LoginThrottle.address == address)).execute()


def count_attempt(username: str, address: str, now: datetime) -> None:
    """Counts this attempt as a failure (a success takes it back), or refuses it with 429 while the
    name is locked for this address. One transaction with the row locked: on PostgreSQL by
    SELECT ... FOR UPDATE, on SQLite by BEGIN IMMEDIATE (write_transaction)."""
    with write_transaction():
        LoginThrottle.delete().where((LoginThrottle.last_failure < now - THROTTLE_FORGET)
                                     & (LoginThrottle.locked_until.is_null()
                                        | (LoginThrottle.locked_until < now))).execute()
        LoginThrottle.insert(username=username, address=address, failures=0, last_failure=now) \
            .on_conflict_ignore().execute()
        query = LoginThrottle.select().where((LoginThrottle.username == username)
                                             & (LoginThrottle.address == address))
        row = (query.for_update() if is_postgres() else query).get()
        if row.locked_until is not None and row.locked_until > now:
            wait = int((row.locked_until - now).total_seconds()) + 1
            raise ApiError(429, "throttled", f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {wait} detik.")
        failures = row.failures + 1
        locked = None
        if failures >= THROTTLE_AFTER:
            locked = now + min(timedelta(seconds=THROTTLE_BASE_SECONDS * 2 ** min(failures - THROTTLE_AFTER, 16)),
                               THROTTLE_LONGEST)
        LoginThrottle.update(failures=failures, locked_until=locked, last_failure=now) \
            .where(LoginThrottle.id == row.id).execute()
        Admin.update(failed_logins=Admin.failed_logins + 1).where(Admin.username == username).execute()


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# --- admins managed (issue 20, item 2) -----------------------------------------------------------------
MUST_CHANGE_KEY = "admin.must_change:"  # a ServerMeta row per admin whose password is a one-time password


def must_change_password(admin_id: str) -> bool:
    from server.models import ServerMeta

    return ServerMeta.select().where(ServerMeta.key == MUST_CHANGE_KEY + admin_id).exists()


def _require_change_if_weak(admin: Admin, password: str) -> None:
    """A password set before the rule (or the rule's list) refused it: changed at this log-in, as a
    one-time password is (the session may do nothing but change it)."""
    from desktop.domain.passwords import is_weak
    from server.models import ServerMeta

    if is_weak(password, admin.username, MIN_PASSWORD_LENGTH) and not must_change_password(admin.id):
        ServerMeta.create(key=MUST_CHANGE_KEY + admin.id, value=utcnow().isoformat())


def _admin_named(username: str) -> Admin:
    admin = Admin.get_or_none(Admin.username == username.strip().lower()[:64])
    if admin is None:
        raise ApiError(404, "not_found", f"Admin {username.strip()[:64]} tidak ditemukan.")
    return admin


def _end_sessions(admin: Admin) -> int:
    return AdminSession.delete().where(AdminSession.admin == admin.id).execute()


def _set_password(admin: Admin, password: str, *, one_time: bool) -> None:
    from server.models import ServerMeta

    Admin.update(password_hash=hasher().hash(password)).where(Admin.id == admin.id).execute()
    ServerMeta.delete().where(ServerMeta.key == MUST_CHANGE_KEY + admin.id).execute()
    if one_time:
        ServerMeta.create(key=MUST_CHANGE_KEY + admin.id, value=utcnow().isoformat())


def list_admins(now: datetime | None = None) -> list[dict]:
    now = now or utcnow()
    locked = {row.username for row in LoginThrottle.select().where(LoginThrottle.locked_until > now)}
    sessions: dict[str, int] = {}
    for session in AdminSession.select().where(AdminSession.expires_at > now):
        sessions[session.admin_id] = sessions.get(session.admin_id, 0) + 1
    return [{"username": a.username, "full_name": a.full_name, "active": bool(a.active),
             "failed_logins": a.failed_logins, "locked": a.username in locked,
             "must_change_password": must_change_password(a.id), "sessions": sessions.get(a.id, 0),
             "role": a.role,
             "created_at": a.created_at.isoformat()}
            for a in Admin.select().order_by(Admin.username)]


def set_admin_password(actor: str, username: str, password: str) -> dict:
    """A new password chosen by the officer; the admin's open sessions end at once."""
    check_password_rules(password, username)
    with write_transaction():
        admin = _admin_named(username)
        _set_password(admin, password, one_time=False)
        ended = _end_sessions(admin)
        audit.record(actor, "admin.password", username=admin.username, sessions_ended=ended)
    return {"username": admin.username, "sessions_ended": ended}


def reset_admin_password(actor: str, username: str) -> dict:
    """A one-time password, to be changed at the admin's next log-in; open sessions end at once."""
    one_time = secrets.token_urlsafe(12)
    with write_transaction():
        admin = _admin_named(username)
        _set_password(admin, one_time, one_time=True)
        ended = _end_sessions(admin)
        audit.record(actor, "admin.reset", username=admin.username, sessions_ended=ended)
    return {"username": admin.username, "one_time_password": one_time, "sessions_ended": ended}


def set_admin_active(actor: str, username: str, active: bool) -> dict:
    """Deactivating ends the admin's sessions; the last active regency admin cannot be deactivated
    (active supervisors do not count: they could not manage accounts)."""
    with write_transaction():
        admin = _admin_named(username)
        ended = 0
        if not active:
            others = Admin.select().where(Admin.active & (Admin.id != admin.id)
                                          & (Admin.role == REGENCY_ADMIN)).count()
            if admin.active and admin.role == REGENCY_ADMIN and others == 0:
                raise ApiError(409, "conflict", f"{admin.username} adalah satu-satunya admin aktif: aktifkan atau "
                                                "buat admin lain dulu.")
            ended = _end_sessions(admin)
        Admin.update(active=active).where(Admin.id == admin.id).execute()
        audit.record(actor, "admin.activate" if active else "admin.deactivate", username=admin.username,
                     sessions_ended=ended)
    return {"username": admin.username, "active": active, "sessions_ended": ended}


def unlock_admin(actor: str, username: str) -> dict:
    """Clears the log-in throttle of this name at every address (a name nobody holds too: the
    throttle counts unknown names as well)."""
    username = username.strip().lower()[:64]
    with write_transaction():
        cleared = LoginThrottle.delete().where(LoginThrottle.username == username).execute()
        Admin.update(failed_logins=0).where(Admin.username == username).execute()
        audit.record(actor, "admin.unlock", username=username, addresses=cleared)
    return {"username": username, "addresses_cleared": cleared}


def change_own_password(identity: AdminIdentity, old_password: str, new_password: str) -> dict:
    """The admin's own change (the one a one-time password asks for): the other sessions end."""
    admin = Admin.get_by_id(identity.id)
    if not verify_password(admin.password_hash, old_password):
        raise ApiError(403, "forbidden", "Kata sandi lama salah.")
    if new_password == old_password:
        raise ApiError(422, "invalid", "Kata sandi baru harus berbeda dari yang lama.")
    check_password_rules(new_password, admin.username)
    with write_transaction():
        _set_password(admin, new_password, one_time=False)
        ended = AdminSession.delete().where((AdminSession.admin == admin.id)
                                            & (AdminSession.token_hash != identity.session)).execute()
        audit.record(identity.actor, "admin.password_changed", username=admin.username, sessions_ended=ended)
    return {"username": admin.username, "sessions_ended": ended}
