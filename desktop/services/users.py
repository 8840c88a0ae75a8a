"""Accounts an office can manage: create, deactivate, reactivate, reset a password, change one's own.

An admin manages every account; a supervisor the operators' accounts (`auth.require_manage`). New
accounts and reset passwords get a generated temporary password that must be changed at the next
log-in. Every change is one audit entry carrying the account's new state (role, active, credential).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.limits import USERNAME, USERNAME_MAX, check_length
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.auth import (
    AuthService,
    check_new_password,
    current_user,
    is_regency_account,
    require_manage,
    user_effect,
)
from desktop.services.session import CurrentUser
from desktop.services.station import enrolled
from desktop.store.models import LoginThrottle, User
from desktop.sync.link import OFFLINE_PASSWORD, RegencyLink

REGENCY_USERS = msg("Stasiun ini terdaftar ke server kabupaten, jadi akun pengguna dibuat, diubah dan disetel ulang "
                    "oleh admin kabupaten di server (ktp-mandiri-server user), bukan di stasiun.")

# No 0/O, 1/l/I: a temporary password is read from a screen and typed by someone else.
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEMPORARY_LENGTH = 10


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    full_name: str
    role: str
    active: bool
    must_change_password: bool
    last_login_at: datetime | None
    locked_until: datetime | None  # UTC; None when not locked


@dataclass(frozen=True)
class NewPassword:
    username: str
    password: str  # shown once to whoever set it, never stored in clear


def temporary_password() -> str:
    return "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(TEMPORARY_LENGTH))


class UserService:
    def __init__(self, db: SqliteDatabase, clock: Clock, auth: AuthService) -> None:
        self.db = db
        self.clock = clock
        self.auth = auth
        self.link: RegencyLink | None = None  # an enrolled station changes a regency account online

    def accounts(self) -> list[Account]:
        locked = self.auth.locked_names()
        return [
            Account(row.id, row.username, row.full_name, row.role, bool(row.active), bool(row.must_change_password),
                    row.last_login_at, locked.get(row.username))
            for row in User.select().order_by(User.active.desc(), User.role, User.username)
        ]

    def managed_by_regency(self) -> bool:
        """On an enrolled station accounts are the regency's: only a user's own password changes here."""
        return enrolled()

    def _local_accounts(self) -> None:
        if enrolled():
            raise UserFacingError(REGENCY_USERS, code="regency_users")

    def create(self, actor: CurrentUser, username: str, full_name: str, role: str) -> NewPassword:
        """A new account with a temporary password (to be changed at the first log-in)."""
        self._local_accounts()
        password = temporary_password()
        user = self.auth.create_user(actor, username, full_name, password, role, must_change_password=True)
        return NewPassword(user.username, password)

    def set_active(self, actor: CurrentUser, username: str, active: bool) -> None:
        self._local_accounts()
        with self.db.atomic("IMMEDIATE"):
            row = self._target(actor, username)
            if row.active == active:
                return
            if not active and row.id == actor.id:  # so the last active admin always remains
                raise UserFacingError(msg("Anda tidak dapat menonaktifkan akun Anda sendiri."))
            row.active = active
            row.save()
            audit.record("user.activate" if active else "user.deactivate", actor, at=self.clock.now_utc(),
                         effects=[user_effect(row)], username=row.username)

    def reset_password(self, actor: CurrentUser, username: str) -> NewPassword:
        """A temporary password for someone who forgot theirs; it also lifts a log-in lock."""
        self._local_accounts()
        password = temporary_password()
        with self.db.atomic("IMMEDIATE"):
            row = self._target(actor, username)
            row.password_hash = self.auth.hasher.hash(password)
            row.must_change_password = True
            row.save()
            LoginThrottle.delete().where(LoginThrottle.username == row.username).execute()
            audit.claim("login_throttle", row.username)
            audit.record("user.password_reset", actor, at=self.clock.now_utc(), effects=[user_effect(row)],
                         username=row.username)
        return NewPassword(row.username, password)

    def change_own_password(self, user: CurrentUser, old: str, new: str) -> CurrentUser:
        """The logged-in user's new password; the old one is checked (and throttled) like a log-in.

        A regency account at an enrolled station changes it online: the old and the new password go
        over the station's link to the server, which checks the old one and sends the new hash to every
        station of the user's kecamatan; offline it is refused with one sentence (docs/sync-protocol.md,
        "Passwords")."""
        check_new_password(user.username, new)
        if old == new:
            raise UserFacingError(msg("Kata sandi baru harus berbeda dari yang lama."))
        regency = is_regency_account(user.id)
        if regency:
            if self.link is None or not self.link.enrolled():
                raise UserFacingError(OFFLINE_PASSWORD, code="offline")
            account = self.link.change_password(user.username, old, new)
        else:
            self.auth.confirm_password(user, old, None)
        with self.db.atomic("IMMEDIATE"):
            row = User.get_by_id(user.id)
            # The regency's new hash; an admin's stays on the server ("": checked online at log-in).
            row.password_hash = (account.get("password_hash") or "") if regency else self.auth.hasher.hash(new)
            row.must_change_password = False
            row.save()
            audit.record("user.password_change", user, at=self.clock.now_utc(), effects=[user_effect(row)],
                         at_regency=regency)
        return current_user(row)

    def _target(self, actor: CurrentUser, username: str) -> User:
        check_length(username.strip(), USERNAME_MAX, USERNAME)
        row = User.get_or_none(User.username == username.strip().lower())
        if row is None:
            raise UserFacingError(msg("Pengguna {username} tidak ada.", username=username.strip()))
        require_manage(actor, row.role)
        return row
