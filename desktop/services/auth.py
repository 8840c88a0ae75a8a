"""Users, passwords (argon2) and log-in, with failed log-ins throttled per user name in the database.

Five failures for one user name within 15 minutes lock that name for 5 minutes. The count lives in
the database, so the GUI and the command line share it and a restart does not reset it; a success
resets it. An attempt is counted, under the write lock, before its password is checked and stays
counted as a failure until the password is found right: of attempts started together (command-line
processes and the GUI) at most five are checked, and a right password among them does not get in
once the others have locked the name. A name that does not exist is counted and answered exactly
like one that does, and costs the same time: its password is checked against a dummy hash with the
same parameters.
"""

from __future__ import annotations

import base64
import logging
import math
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain import audit_chain
from desktop.domain.limits import FREE_TEXT_MAX, FULL_NAME, USERNAME, USERNAME_MAX, check_length
from desktop.domain.passwords import is_weak, password_problem
from desktop.domain.roles import SUPERVISED_ROLES, Permission, Role
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit, row_claims
from desktop.services.session import CurrentUser
from desktop.settings import REGENCY_USERS
from desktop.store.models import LoginThrottle, User

if TYPE_CHECKING:
    from argon2 import PasswordHasher

log = logging.getLogger("ktp.auth")

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=5)


class AuthService:
    def __init__(self, db: SqliteDatabase, clock: Clock, hasher: PasswordHasher | None = None) -> None:
        self.db = db
        self.clock = clock
        self._hasher = hasher
        # An enrolled station's check at the regency (POST /v1/login) of an account whose hash stays
        # on the server (an admin's); set by the composition root.
        self.online_login: Callable[[str, str], bool] | None = None

    @property
    def hasher(self) -> PasswordHasher:
        # argon2 loads on the first password, not while the log-in page is being opened.
        if self._hasher is None:
            from argon2 import PasswordHasher

            self._hasher = PasswordHasher()
        return self._hasher

    def has_users(self) -> bool:
        return User.select().where(User.active == True).exists()  # noqa: E712 - peewee expression

    def create_first_admin(self, username: str, full_name: str, password: str) -> CurrentUser:
        """The account a fresh install asks for; refused once any user exists."""
        with self.db.atomic("IMMEDIATE"):
            if self.has_users():
                raise UserFacingError(msg('Akun admin pertama sudah dibuat. Masuk dengan akun yang ada.'))
            user, effect = self._create(username, full_name, password, Role.ADMIN)
            audit.record("user.create_first_admin", user, at=self.clock.now_utc(), effects=[effect],
                         username=user.username)
            return user

    def create_user(
        self, actor: CurrentUser | None, username: str, full_name: str, password: str, role: Role,
        *, must_change_password: bool = False,
    ) -> CurrentUser:
        """A new account (actor None: the station's own set-up, e.g. demo data)."""
        if actor is not None:
            require_manage(actor, role)
        with self.db.atomic("IMMEDIATE"):  # the name check and the insert under one write lock
            user, effect = self._create(username, full_name, password, role, must_change_password)
            audit.record("user.create", actor, at=self.clock.now_utc(), effects=[effect], username=user.username,
                         role=str(role))
            return user

    def _create(
        self, username: str, full_name: str, password: str, role: Role, must_change_password: bool = False
    ) -> tuple[CurrentUser, dict]:
        username = username.strip().lower()
        check_length(username, USERNAME_MAX, USERNAME)
        check_length(full_name.strip(), FREE_TEXT_MAX, FULL_NAME)
        if not username or not username.replace(".", "").replace("_", "").isalnum():
            raise UserFacingError(msg("Nama pengguna hanya boleh berisi huruf, angka, titik dan garis "
                                      "bawah."))
        if not full_name.strip():
            raise UserFacingError(msg('Nama lengkap pengguna wajib diisi.'))
        if str(role) not in {r.value for r in Role}:
            raise UserFacingError(msg("Peran {role} tidak dikenal; pilih antrian, operator, supervisor atau admin.", role=role))
        check_new_password(username, password)
        if User.select().where(User.username == username).exists():
            raise UserFacingError(msg('Nama pengguna {username} sudah dipakai.', username=username))
        row = User.create(
            username=username, full_name=full_name.strip(), password_hash=self.hasher.hash(password), role=str(role),
            created_at=self.clock.now_utc(), must_change_password=must_change_password,
        )
        return current_user(row), user_effect(row)

    def logout(self, user: CurrentUser) -> None:
        with self.db.atomic("IMMEDIATE"):
            audit.record("logout", user, at=self.clock.now_utc())

    @cached_property
    def _dummy_hash(self) -> str:
        """What an unknown name's password is checked against: a hash string with this hasher's algorithm and
        parameters and random salt and digest. Verifying it is the same work as a real check, and making it
        costs nothing (hashing a dummy password in each process made an unknown name twice as slow)."""
        from argon2.low_level import ARGON2_VERSION

        hasher = self.hasher

        def b64(size: int) -> str:
            return base64.b64encode(secrets.token_bytes(size)).decode("ascii").rstrip("=")

        return (f"$argon2{hasher.type.name.lower()}$v={ARGON2_VERSION}$m={hasher.memory_cost},t={hasher.time_cost},"
                f"p={hasher.parallelism}${b64(hasher.salt_len)}${b64(hasher.hash_len)}")

    def _verify(self, password_hash: str, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return self.hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _verify_online(self, username: str, password: str) -> bool:
        """The regency checks the password of an account whose hash it keeps; offline: one sentence."""
        return self.online_login is not None and self.online_login(username, password)

    def login(self, username: str, password: str) -> CurrentUser:
        """Check a password; one message for an unknown user and a wrong password, and the same time."""
        return self._authenticate(username, password, "login")

    def confirm_password(self, user: CurrentUser, password: str, action: str | None) -> CurrentUser:
        """The logged-in user's password again (to unlock the screen, to change it): throttled like a log-in.
        A success is recorded as `action` (None: the caller records what it then does)."""
        return self._authenticate(user.username, password, action)

    def check_password(self, username: str, password: str) -> CurrentUser:
        """Another person's name and password at this PC (a four-eyes approval): throttled like a log-in,
        nothing recorded on success (the caller records what was approved)."""
        return self._authenticate(username, password, None)

    def _authenticate(self, username: str, password: str, action: str | None) -> CurrentUser:
        username = username.strip().lower()
        check_length(username, USERNAME_MAX, USERNAME)  # no account has a longer name: nothing to count
        now = self.clock.now_utc()
        # The attempt takes its place in the count before the slow hash, under the write lock: parallel
        # attempts (GUI and command-line processes) cannot all pass a lock that none of them has yet set.
        with self.db.atomic("IMMEDIATE"):
            locked_until = _take_attempt(username, now) or _lifted_lock(self.db, username)
            if locked_until is not None:
                audit.record("login.refused_locked", None, at=now, username=username)
        if locked_until is not None:
            raise _locked(locked_until, now)
        row = User.get_or_none(User.username == username)
        if row is not None and row.password_hash == "" and row.active:
            ok = self._verify_online(username, password)  # a regency admin: its hash never left the server
        else:
            # Always one argon2 verification, whatever the name: the time must not tell which names exist.
            ok = self._verify(row.password_hash if row is not None else self._dummy_hash, password)
        if not ok or row is None or not row.active:
            self._refuse(username, now)
        with self.db.atomic("IMMEDIATE"):
            # A lock set while this password was being checked (by attempts counted with this one) holds,
            # and so does a deactivation.
            locked_until = _locked_until(LoginThrottle.get_or_none(LoginThrottle.username == username), now)
            row = User.get_or_none((User.id == row.id) & (User.active == True))  # noqa: E712 - peewee expression
            if locked_until is not None:
                audit.record("login.refused_locked", None, at=now, username=username)
            elif row is not None:
                user = self._accept(row, password, action, now)
        if locked_until is not None:
            raise _locked(locked_until, now)
        if row is None:
            self._refuse(username, now)
        return user

    def _accept(self, row: User, password: str, action: str | None, now: datetime) -> CurrentUser:
        """A right password: forget the name's failures, rehash if due, record the log-in (under the write lock)."""
        LoginThrottle.delete().where(LoginThrottle.username == row.username).execute()
        effects = []
        # A regency account's hash is the regency's (the server compares it when the user changes
        # the password here): only the station's own accounts are rehashed with its parameters.
        if not is_regency_account(row.id) and self.hasher.check_needs_rehash(row.password_hash):
            row.password_hash = self.hasher.hash(password)
            effects.append(user_effect(row))  # the stored hash changed: the chain must say so
        if action == "login":
            row.last_login_at = now
            if not row.must_change_password and (is_demo_password(password) or is_weak(password, row.username)):
                # A demo password at a real station, or one the password rule refuses today: change it now.
                row.must_change_password = True
        row.save()
        user = current_user(row)
        if action is not None or effects:
            audit.record(action or "login.rehash", user, at=now, effects=effects)
        return user

    def _refuse(self, username: str, now: datetime) -> None:
        """A wrong password (or no such active account): settle the counted attempt, audit it, raise the one message."""
        with self.db.atomic("IMMEDIATE"):
            locked_until = _settle_failure(username, now)
            audit.record("login.failed", None, at=now, username=username, locked=locked_until is not None)
        if locked_until is not None:
            raise _locked(locked_until, now)
        raise UserFacingError(msg('Nama pengguna atau kata sandi salah.'), code="login_failed")

    def unlock(self, actor: CurrentUser, username: str) -> bool:
        """Lift a log-in lock (and forget the failures); True when there was something to lift."""
        actor.require(Permission.MANAGE_OPERATORS)
        username = username.strip().lower()
        check_length(username, USERNAME_MAX, USERNAME)
        with self.db.atomic("IMMEDIATE"):
            removed = LoginThrottle.delete().where(LoginThrottle.username == username).execute()
            audit.claim("login_throttle", username)
            audit.record("user.unlock", actor, at=self.clock.now_utc(), username=username, was_locked=bool(removed))
        return bool(removed)

    def locked_names(self) -> dict[str, datetime]:
        """User names locked now, with the moment (UTC) the lock ends."""
        now = self.clock.now_utc()
        rows = LoginThrottle.select().where(LoginThrottle.locked_until > now)
        return {row.username: row.locked_until for row in rows}


def is_regency_account(user_id: str) -> bool:
    """An account the regency server sent to this enrolled station (desktop/sync/pull.py keeps the mark)."""
    return REGENCY_USERS.exists(user_id)


def _lifted_lock(db, username: str) -> datetime | None:
    """A lock its entry recorded but the table lost (deleted with sqlite3): it still holds."""
    lifted = row_claims.lock_lifted(db, username)
    if lifted is None:
        return None
    log.error("log-in lock of a user name removed outside the application; it still holds")
    return datetime.fromisoformat(lifted)


def _locked_until(throttle: LoginThrottle | None, now: datetime) -> datetime | None:
    if throttle is not None and throttle.locked_until is not None and now < throttle.locked_until:
        return throttle.locked_until
    return None


def _take_attempt(username: str, now: datetime) -> datetime | None:
    """Count an attempt as a failure before its password is checked (call under the write lock).

    Returns the end of the lock that refuses it unchecked: the name is locked, or MAX_FAILURES attempts
    of the window are already counted (failed or still being checked), whose failure would lock it.
    A right password takes its attempt back (the row goes); a process killed while checking leaves its
    attempt counted, as a failure.
    """
    throttle = LoginThrottle.get_or_none(LoginThrottle.username == username)
    locked_until = _locked_until(throttle, now)
    if locked_until is not None:
        return locked_until
    created = throttle is None
    if created:
        throttle = LoginThrottle(username=username, failures=0)
    if throttle.window_start is None or now - throttle.window_start > FAILURE_WINDOW:
        throttle.failures, throttle.window_start = 0, now
    if throttle.failures >= MAX_FAILURES:
        return now + LOCK_DURATION  # the lock the attempts being checked will set when they fail
    throttle.failures += 1
    throttle.locked_until = None
    throttle.save(force_insert=created)
    return None


def _settle_failure(username: str, now: datetime) -> datetime | None:
    """The counted attempt failed (call under the write lock); returns the lock's end when the name is locked."""
    throttle = LoginThrottle.get_or_none(LoginThrottle.username == username)
    if throttle is None:
        return None  # a right password or a supervisor reset the count while this one was being checked
    locked_until = _locked_until(throttle, now)
    if locked_until is None and throttle.failures >= MAX_FAILURES:
        # Locked; after the lock the count starts again, so each further five failures lock again.
        throttle.failures, throttle.window_start, throttle.locked_until = 0, None, now + LOCK_DURATION
        throttle.save()
        audit.claim("login_throttle", username)  # recorded by the caller's login.failed
        log.warning("log-in locked for %s minutes after %s failures", LOCK_DURATION.seconds // 60, MAX_FAILURES)
        return throttle.locked_until
    return locked_until


def _locked(locked_until: datetime, now: datetime) -> UserFacingError:
    minutes = max(1, math.ceil((locked_until - now).total_seconds() / 60))
    return UserFacingError(
        msg("Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini; coba lagi {minutes} menit "
            "lagi atau minta supervisor membuka kuncinya.", minutes=minutes),
        code="login_locked",
    )


def require_manage(actor: CurrentUser, role: str) -> None:
    """An admin manages every account; a supervisor only operators' and the door's (antrian) accounts."""
    if str(role) in SUPERVISED_ROLES and actor.can(Permission.MANAGE_OPERATORS):
        return
    actor.require(Permission.MANAGE_USERS)


def is_demo_password(password: str) -> bool:
    """A demo account's password, outside a demo database (one made by --demo or demo-data)."""
    from desktop.services.demo_accounts import DEMO_USERS, is_demo_database

    return password in {user[2] for user in DEMO_USERS} and not is_demo_database()


def check_new_password(username: str, password: str) -> None:
    problem = password_problem(password, username)
    if problem is not None:
        raise UserFacingError(problem, code="weak_password")
    if is_demo_password(password):
        raise UserFacingError(msg("Kata sandi ini adalah kata sandi contoh mode demo dan tidak boleh dipakai di "
                                  "stasiun sungguhan; pilih kata sandi lain."))


def user_effect(row: User) -> dict:
    return audit_chain.user_effect(row.id, row.username, row.role, row.active, row.password_hash)


def current_user(row: User) -> CurrentUser:
    return CurrentUser(id=row.id, username=row.username, full_name=row.full_name, role=row.role,
                       must_change_password=bool(row.must_change_password))
