"""The logged-in user, as plain data passed to every service call that needs to know who acts."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.roles import Permission, allowed
from desktop.domain.text import msg
from desktop.errors import UserFacingError


@dataclass(frozen=True)
class CurrentUser:
    id: str
    username: str
    full_name: str
    role: str

    def can(self, permission: Permission) -> bool:
        return allowed(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise UserFacingError(
                msg("Pengguna {username} ({role}) tidak berwenang untuk tindakan ini. Minta supervisor "
                    "melakukannya.", username=self.username, role=self.role),
                code="forbidden",
            )
