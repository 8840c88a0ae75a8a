"""Stations and their enrolment, regency users, quotas and quota requests: the admin's side.

The command line and the admin API call these same functions; each writes its audit row in the
same transaction as the change, and each change stations must know about goes to the change log.
"""

from __future__ import annotations

import math
import secrets
import string
import uuid
from datetime import date, datetime, timedelta

from desktop.domain import serving
from desktop.domain.quota import validate_limit
from desktop.domain.regions import default_regions, dotted, issue_place_for
from desktop.domain.roles import Role
from server import audit, changes
from server.db import database, is_postgres, upsert, write_transaction
from server.errors import ApiError, invalid, not_found
from server.models import (
    EnrolFailure,
    EnrolmentCode,
    Quota,
    QuotaDay,
    QuotaRequest,
    ServerMeta,
    ServerUser,
    Station,
    utcnow,
)
from server.security import (
    count_attempt,
    dummy_hash,
    forget_attempts,
    hasher,
    new_token,
    token_hash,
    verify_password,
)

ENROLMENT_HOURS = 24
ENROLMENT_ATTEMPTS = 5  # wrong attempts a code survives
ADDRESS_ATTEMPTS = 10  # failed enrolments one client address may make per window ...
ADDRESS_WINDOW = timedelta(hours=1)  # ... then it waits until the oldest of them is older than this
ENROL_LOCK = 0x4B54_5045  # "KTPE": the advisory lock that serialises enrolment attempts on PostgreSQL
CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")


def generation() -> str:
    return ServerMeta.get(ServerMeta.key == "generation").value


def new_generation(actor: str) -> str:
    """After a restore from backup: stations notice and re-send what the backup lacks."""
    value = str(uuid.uuid4())
    with write_transaction():
        before = generation()
        ServerMeta.update(value=value).where(ServerMeta.key == "generation").execute()
        # The backup may lack rights granted after it was made: none are granted again until every
        # station has said what it holds (server/leases.py).
        from server.leases import start_restore_wait

        start_restore_wait(value)
        audit.record(actor, "server.new_generation", before=before, after=value)
    return value


def kecamatan_codes(codes: list[str] | str) -> list[str]:
    """Checked, dotted kecamatan codes (the first is the station's own)."""
    if isinstance(codes, str):
        codes = [c for c in codes.split(",") if c.strip()]
    regions = default_regions()
    result: list[str] = []
    for raw in codes:
        try:
            code = dotted(raw.strip())
        except ValueError:
            raise invalid(f"Kode kecamatan {raw.strip()} tidak sah.") from None
        if code.count(".") != 2 or regions.get(code) is None:
            raise invalid(f"Kode kecamatan {code} tidak dikenal.")
        if code not in result:
            result.append(code)
    if not result:
        raise invalid("Sebutkan minimal satu kecamatan.")
    return result


def station_view(station: Station) -> dict:
    return {
        "id": station.id, "code": station.code, "name": station.name, "kecamatan_code": station.kecamatan_code,
        "served": station.served_codes, "issue_place": station.issue_place,
        "enrolled": station.enrolled_at is not None, "revoked": station.revoked_at is not None,
        "last_seen_at": station.last_seen_at.isoformat() if station.last_seen_at else None,
        "suspended": station.suspension if station.suspended_at is not None else None,
    }


def _new_code(station: Station) -> str:
    prefix = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))
    secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    EnrolmentCode.update(used_at=utcnow()).where(
        (EnrolmentCode.station == station.id) & EnrolmentCode.used_at.is_null()
    ).execute()  # an older code of this station stops working
    EnrolmentCode.create(id=prefix, station=station.id, secret_hash=token_hash(secret),
                         expires_at=utcnow() + timedelta(hours=ENROLMENT_HOURS))
    return f"{prefix}-{secret[0:4]}-{secret[4:8]}-{secret[8:12]}"


def add_station(actor: str, name: str, kecamatan: list[str] | str) -> tuple[dict, str]:
    """Register a station for its kecamatan (one, or several for a hub); returns it and its code."""
    served = kecamatan_codes(kecamatan)
    name = name.strip()
    if not name:
        raise invalid("Tuliskan nama stasiun.")
    with write_transaction():
        code = _unique_station_code()
        station = Station.create(code=code, name=name, kecamatan_code=served[0], served=",".join(served),
                                 issue_place=issue_place_for(default_regions(), served[0]))
        enrolment = _new_code(station)
        audit.record(actor, "station.add", station=station.id, code=code, name=name, served=served)
    return station_view(station), enrolment


def _unique_station_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not Station.select().where(Station.code == code).exists():
            return code


def find_station(ident: str) -> Station:
    station = Station.get_or_none((Station.id == ident) | (Station.code == ident.upper()))
    if station is None:
        raise not_found(f"Stasiun {ident} tidak ditemukan.")
    return station


def new_enrolment_code(actor: str, ident: str) -> str:
    with write_transaction():
        station = find_station(ident)
        if station.revoked_at is not None:
            raise ApiError(409, "conflict", "Stasiun ini sudah dicabut; daftarkan stasiun baru.")
        code = _new_code(station)
        audit.record(actor, "station.code", station=station.id)
    return code


def list_stations() -> list[dict]:
    return [station_view(s) for s in Station.select().order_by(Station.created_at)]


def revoke_station(actor: str, ident: str) -> dict:
    with write_transaction():
        station = find_station(ident)
        if station.revoked_at is None:
            station.revoked_at = utcnow()
            station.save()
            EnrolmentCode.update(used_at=utcnow()).where(
                (EnrolmentCode.station == station.id) & EnrolmentCode.used_at.is_null()).execute()
            audit.record(actor, "station.revoke", station=station.id, code=station.code)
    return station_view(station)


def set_served(actor: str, ident: str, kecamatan: list[str] | str) -> dict:
    """Change the kecamatan a station serves (its own first). The station learns it at its next pull,
    which starts again from the beginning for the new set (server/changes.py), so a newly served
    kecamatan's residents, users and quotas reach it; it purges what it no longer serves."""
    served = kecamatan_codes(kecamatan)
    with write_transaction():
        station = find_station(ident)
        if station.revoked_at is not None:
            raise ApiError(409, "conflict", "Stasiun ini sudah dicabut; daftarkan stasiun baru.")
        before = station.served_codes
        if served == before:
            return station_view(station)
        # Its history for a kecamatan it no longer serves (cards printed before it learnt) is still accepted.
        earlier = [c for c in dict.fromkeys([*station.earlier_codes, *before]) if c not in served]
        station.served, station.served_earlier = ",".join(served), ",".join(earlier)
        station.kecamatan_code = served[0]
        station.issue_place = issue_place_for(default_regions(), served[0])
        station.save()
        changes.record("station", station.id, [f"station:{station.id}"],
                       {"name": station.name, "served": served, "issue_place": station.issue_place})
        audit.record(actor, "station.serve", station=station.id, code=station.code, before=before, after=served)
    return station_view(station)


def reanchor_station(actor: str, ident: str) -> dict:
    """Accept the next audit chain this station pushes (a station restored from its own backup)."""
    with write_transaction():
        station = find_station(ident)
        station.reanchor_pending = True
        station.save()
        audit.record(actor, "station.reanchor", station=station.id, code=station.code,
                     head_seq=station.audit_head_seq, head_hash=station.audit_head_hash)
    return station_view(station)


def _address_wait(address: str, now: datetime) -> int:
    """Seconds until `address` may try again (0: now); failures older than the window are forgotten."""
    since = now - ADDRESS_WINDOW
    EnrolFailure.delete().where(EnrolFailure.at < since).execute()
    recent = (EnrolFailure.select(EnrolFailure.at).where((EnrolFailure.address == address) & (EnrolFailure.at >= since))
              .order_by(EnrolFailure.at.desc()).limit(ADDRESS_ATTEMPTS))
    times = [row.at for row in recent]
    if len(times) < ADDRESS_ATTEMPTS:
        return 0
    return max(1, int((times[-1] + ADDRESS_WINDOW - now).total_seconds()) + 1)


def enrol(code: str, installation_id: str, station_name: str | None = None, *,
          address: str = "unknown") -> tuple[Station, str]:
    """Exchange a one-time enrolment code for a token bound to this installation.

    Wrong attempts count against the code (ENROLMENT_ATTEMPTS) and against the client's address
    (ADDRESS_ATTEMPTS per ADDRESS_WINDOW, whichever code they name), so codes cannot be sprayed."""
    prefix, _, secret = code.strip().upper().partition("-")
    secret = secret.replace("-", "")
    refused = ApiError(401, "unauthenticated", "Kode pendaftaran salah, sudah dipakai atau kedaluwarsa. Minta kode "
                                               "baru kepada admin kabupaten.")
    if not installation_id.strip():
        raise invalid("Identitas instalasi wajib diisi.")
    address = address[:64]
    with write_transaction():
        if is_postgres():  # attempts are counted one at a time across workers
            database.obj.execute_sql("SELECT pg_advisory_xact_lock(%s)", (ENROL_LOCK,))
        now = utcnow()
        wait = _address_wait(address, now)
        if wait:
            raise ApiError(429, "throttled", f"Terlalu banyak percobaan pendaftaran yang gagal dari alamat ini; coba "
                                             f"lagi dalam {math.ceil(wait / 60)} menit dengan kode yang benar.")
        row = EnrolmentCode.get_or_none(EnrolmentCode.id == prefix)
        usable = row is not None and row.used_at is None and row.expires_at >= now and row.attempts < ENROLMENT_ATTEMPTS
        if not usable or not secrets.compare_digest(row.secret_hash, token_hash(secret)):
            EnrolFailure.create(address=address, at=now)
            if usable:
                row.attempts += 1
                row.save()
            audit.record(f"station:{row.station.code}" if row else "anonymous", "station.enrol_failed",
                         address=address, attempts=row.attempts if row else None)
            failed = True
        else:
            failed = False
            station = row.station
            token = new_token()
            station.token_hash = token_hash(token)
            station.installation_id = installation_id.strip()
            station.enrolled_at = utcnow()
            station.save()
            row.used_at = utcnow()
            row.save()
            audit.record(f"station:{station.code}", "station.enrol", station=station.id,
                         installation=installation_id.strip(), reported_name=station_name)
    if failed:  # the attempt is counted (committed above) before the refusal
        raise refused
    return station, token


# Regency users: they flow to the stations of their kecamatan, with their argon2 hashes (not an admin's).

def user_change(user: ServerUser) -> dict:
    """A user as stations learn it; an admin account's hash never leaves the server (None: the station
    checks its password online, POST /v1/login)."""
    return {
        "id": user.id, "username": user.username, "full_name": user.full_name, "role": user.role,
        "password_hash": None if user.role == str(Role.ADMIN) else user.password_hash, "active": bool(user.active),
        "must_change_password": bool(user.must_change_password),
        "kecamatan": serving.codes(user.kecamatan),
    }


def _user_scopes(user: ServerUser) -> list[str]:
    return serving.user_scopes(serving.codes(user.kecamatan))


def save_user(actor: str, username: str, full_name: str, role: str, password: str | None,
              kecamatan: list[str] | str = "", *, active: bool = True, must_change_password: bool = True) -> dict:
    """Create or change a regency user; a new password must be changed at the first log-in."""
    from desktop.domain.passwords import password_problem

    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        raise invalid("Nama pengguna hanya boleh berisi huruf, angka, titik dan garis bawah.")
    try:
        role = str(Role(role))
    except ValueError:
        raise invalid(f"Peran {role} tidak dikenal (operator, supervisor, admin).") from None
    codes = kecamatan_codes(kecamatan) if kecamatan else []
    if password is not None and (problem := password_problem(password, username)) is not None:
        raise invalid(str(problem))
    with write_transaction():
        user = ServerUser.get_or_none(ServerUser.username == username)
        old_scopes = _user_scopes(user) if user else []
        if user is None:
            if password is None:
                raise invalid("Pengguna baru memerlukan kata sandi.")
            user = ServerUser(username=username)
        user.full_name = full_name.strip() or user.full_name or username
        user.role = role
        user.kecamatan = ",".join(codes)
        user.active = active
        if password is not None:
            user.password_hash = hasher().hash(password)
            user.must_change_password = must_change_password
        user.updated_at = utcnow()
        user.save(force_insert=not old_scopes)
        scopes = sorted(set(old_scopes) | set(_user_scopes(user)))  # old scopes learn of a move too
        changes.record("user", user.id, scopes, user_change(user))
        audit.record(actor, "user.save", username=username, role=role, kecamatan=codes, active=active,
                     password_set=password is not None)
    return user_change(user) | {"password_hash": None}


def _serves_user(station: Station, user: ServerUser) -> bool:
    return serving.serves_user(serving.codes(user.kecamatan), station.served_codes)


def _check_user(station: Station, username: str, password: str) -> ServerUser | None:
    """The regency user `username` served by `station` whose password is `password`, or None; the
    attempt is throttled per user name and station like an admin's log-in per address, and an
    unknown or unserved name costs the same argon2 check (server/security.py)."""
    username = username.strip().lower()[:64]
    count_attempt(f"user:{username}", f"station:{station.code}", utcnow())
    user = ServerUser.get_or_none(ServerUser.username == username)
    known = user is not None and user.active and _serves_user(station, user)
    ok = verify_password(user.password_hash if known else dummy_hash(), password) and known
    if ok:
        forget_attempts(f"user:{username}", f"station:{station.code}")
    return user if ok else None


WRONG_PASSWORD = "Nama pengguna atau kata sandi lama salah."


def change_password(station: Station, username: str, old: str, new: str) -> dict:
    """A user's own password changed at an enrolled station (POST /v1/password): the old one is
    checked here, over the station's link; the new hash goes to every station serving the user."""
    from desktop.domain.passwords import password_problem

    if (problem := password_problem(new, username)) is not None:
        raise invalid(str(problem))
    user = _check_user(station, username, old)
    if user is None:
        with write_transaction():
            audit.record(f"station:{station.code}", "user.password_change_refused", username=username[:64])
        raise ApiError(403, "wrong_password", WRONG_PASSWORD)
    with write_transaction():
        user.password_hash = hasher().hash(new)
        user.must_change_password = False
        user.updated_at = utcnow()
        user.save()
        changes.record("user", user.id, _user_scopes(user), user_change(user))
        audit.record(f"station:{station.code}", "user.password_change", username=user.username)
    return {"user": user_change(user)}


def check_login(station: Station, username: str, password: str) -> dict:
    """An account whose hash stays on the server (an admin) logging in at a station (POST /v1/login)."""
    user = _check_user(station, username, password)
    if user is None:
        raise ApiError(403, "wrong_password", "Nama pengguna atau kata sandi salah.")
    with write_transaction():
        _require_change_if_weak(user, password)
        audit.record(f"station:{station.code}", "user.login_online", username=user.username)
    return {"user": user_change(user)}


def _require_change_if_weak(user: ServerUser, password: str) -> None:
    """A password the shared rule refuses today (set before the rule or its list): the user must change it
    at this log-in, and every station serving the user learns so (the station checks it too at its own
    log-in, but only the server sees an admin's password)."""
    from desktop.domain.passwords import is_weak

    if user.must_change_password or not is_weak(password, user.username):
        return
    user.must_change_password = True
    user.updated_at = utcnow()
    user.save()
    changes.record("user", user.id, _user_scopes(user), user_change(user))
    audit.record("system:password_rule", "user.must_change_password", username=user.username)


def list_users() -> list[dict]:
    return [user_change(u) | {"password_hash": None} for u in ServerUser.select().order_by(ServerUser.username)]


# Quotas: the standing daily quota of a kecamatan, and raises granted for a day.

def set_quota(actor: str, kecamatan: str, limit: int, *, from_tomorrow: bool = False) -> dict:
    """The standing quota. Lower than what today's (or tomorrow's) leases hold it is refused, unless
    `from_tomorrow`: then today keeps its quota as a day quota and the new one applies after it."""
    from server import leases

    code = kecamatan_codes([kecamatan])[0]
    try:
        limit = validate_limit(int(limit))
    except ValueError as exc:
        raise invalid(f"Kuota tidak sah: {exc}.") from None
    with write_transaction():
        days = leases.days_following_standing(code)
        leases.lock_days([(code, d) for d in days])
        row = Quota.get_or_none(Quota.kecamatan_code == code)
        before = row.daily_limit if row else None
        for day in days:
            if day == days[0] and from_tomorrow and limit < leases.quota_floor(code, day):
                grant_day_quota(code, day, leases.day_limit(code, day), "kuota lama berlaku hari ini", None)
            else:
                leases.check_lowering(code, day, limit)
        upsert(Quota, {"kecamatan_code": code, "daily_limit": limit, "updated_at": utcnow()}, "kecamatan_code")
        changes.record("quota", code, [code], {"kecamatan_code": code, "daily_limit": limit})
        audit.record(actor, "quota.set_standing", kecamatan=code, before=before, after=limit)
    return {"kecamatan_code": code, "daily_limit": limit}


def quota_requests(state: str | None = "pending") -> list[dict]:
    query = QuotaRequest.select().order_by(QuotaRequest.created_at)
    if state:
        query = query.where(QuotaRequest.state == state)
    return [_request_view(r) for r in query]


def _request_view(r: QuotaRequest) -> dict:
    return {"id": r.id, "station": r.station.code, "kecamatan_code": r.kecamatan_code, "day": r.day.isoformat(),
            "daily_limit": r.daily_limit, "reason": r.reason, "username": r.username, "state": r.state}


def decide_quota_request(actor: str, request_id: str, approve: bool) -> dict:
    with write_transaction():
        request = QuotaRequest.get_or_none(QuotaRequest.id == request_id)
        if request is None:
            raise not_found("Permintaan kuota tidak ditemukan.")
        if request.state != "pending":
            raise ApiError(409, "conflict", "Permintaan kuota ini sudah diputuskan.")
        if approve:
            from server import leases

            leases.lock_days([(request.kecamatan_code, request.day)])
            leases.check_lowering(request.kecamatan_code, request.day, request.daily_limit)
        request.state = "approved" if approve else "refused"
        request.decided_at = utcnow()
        request.decided_by = actor
        request.save()
        if approve:
            grant_day_quota(request.kecamatan_code, request.day, request.daily_limit, request.reason, request.id)
        audit.record(actor, "quota.decide", request=request.id, approve=approve, kecamatan=request.kecamatan_code,
                     day=request.day, limit=request.daily_limit)
    return _request_view(request)


def grant_day_quota(kecamatan: str, day: date, limit: int, reason: str, request_id: str | None) -> None:
    """A day's quota for a kecamatan (inside the caller's transaction)."""
    QuotaDay.insert(kecamatan_code=kecamatan, day=day, daily_limit=limit, reason=reason, request_id=request_id,
                    updated_at=utcnow()).on_conflict(
        conflict_target=[QuotaDay.kecamatan_code, QuotaDay.day],
        update={QuotaDay.daily_limit: limit, QuotaDay.reason: reason, QuotaDay.request_id: request_id},
    ).execute()
    changes.record("quota_day", f"{kecamatan}/{day.isoformat()}", [kecamatan],
                   {"kecamatan_code": kecamatan, "day": day.isoformat(), "daily_limit": limit, "reason": reason,
                    "request_id": request_id})
