"""Users, passwords (argon2) and log-in."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from peewee import SqliteDatabase

from desktop.domain.roles import Permission, Role
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.store.models import User, utcnow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

log = logging.getLogger("ktp.auth")

MIN_PASSWORD_LENGTH = 8


class AuthService:
    def __init__(self, db: SqliteDatabase, hasher: PasswordHasher | None = None) -> None:
        self.db = db
        self._hasher = hasher

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
            user = self._create(username, full_name, password, Role.ADMIN)
            audit.record("user.create_first_admin", user, username=user.username)
            return user

    def create_user(
        self, actor: CurrentUser | None, username: str, full_name: str, password: str, role: Role
    ) -> CurrentUser:
        if actor is not None:
            actor.require(Permission.MANAGE_USERS)
        with self.db.atomic("IMMEDIATE"):  # the name check and the insert under one write lock
            user = self._create(username, full_name, password, role)
            audit.record("user.create", actor, username=user.username, role=str(role))
            return user

    def _create(self, username: str, full_name: str, password: str, role: Role) -> CurrentUser:
        username = username.strip().lower()
        if not username or not username.replace(".", "").replace("_", "").isalnum():
            raise UserFacingError(msg("Nama pengguna hanya boleh berisi huruf, angka, titik dan garis "
                                      "bawah."))
        if not full_name.strip():
            raise UserFacingError(msg('Nama lengkap pengguna wajib diisi.'))
        if len(password) < MIN_PASSWORD_LENGTH:
            raise UserFacingError(msg("Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.", MIN_PASSWORD_LENGTH=MIN_PASSWORD_LENGTH))
        if User.select().where(User.username == username).exists():
            raise UserFacingError(msg('Nama pengguna {username} sudah dipakai.', username=username))
        row = User.create(
            username=username, full_name=full_name.strip(), password_hash=self.hasher.hash(password), role=str(role)
        )
        return _current(row)

    def logout(self, user: CurrentUser) -> None:
        with self.db.atomic():
            audit.record("logout", user)

    def login(self, username: str, password: str) -> CurrentUser:
        """Check a password; the same message for an unknown user and a wrong password."""
        username = username.strip().lower()
        row = User.get_or_none(User.username == username)
        ok = False
        if row is not None and row.active:
            from argon2.exceptions import InvalidHashError, VerificationError

            try:
                ok = self.hasher.verify(row.password_hash, password)
            except (VerificationError, InvalidHashError):
                ok = False
        if not ok:
            with self.db.atomic():
                audit.record("login.failed", None, username=username)
            raise UserFacingError(msg('Nama pengguna atau kata sandi salah.'), code="login_failed")
        with self.db.atomic():
            if self.hasher.check_needs_rehash(row.password_hash):
                row.password_hash = self.hasher.hash(password)
            row.last_login_at = utcnow()
            row.save()
            user = _current(row)
            audit.record("login", user)
        return user


def _current(row: User) -> CurrentUser:
    return CurrentUser(id=row.id, username=row.username, full_name=row.full_name, role=row.role)
