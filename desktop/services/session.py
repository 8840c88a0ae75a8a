"""The logged-in user, as plain data passed to every service call that needs to know who acts."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.roles import Permission, allowed, roles_with
from desktop.domain.text import msg
from desktop.errors import UserFacingError


@dataclass(frozen=True)
class CurrentUser:
    id: str
    username: str
    full_name: str
    role: str
    must_change_password: bool = False  # after a reset: nothing but a password change until then

    def can(self, permission: Permission) -> bool:
        return not self.must_change_password and allowed(self.role, permission)

    def require(self, permission: Permission) -> None:
        if self.must_change_password:
            raise UserFacingError(
                msg("Kata sandi {username} harus diganti dulu sebelum bekerja (ktp-mandiri users passwd "
                    "--user {username}, atau masuk lewat aplikasi).", username=self.username),
                code="password_change_required",
            )
        if not self.can(permission):
            # Name who may do it: a supervisor refused is never told to ask a supervisor.
            holders = [str(role) for role in roles_with(permission)]
            who = holders[0] if len(holders) == 1 else msg(
                "{first} atau {last}", first=", ".join(holders[:-1]), last=holders[-1])
            raise UserFacingError(
                msg("Pengguna {username} ({role}) tidak berwenang untuk tindakan ini; yang berwenang: {who}.",
                    username=self.username, role=self.role, who=who),
                code="forbidden",
            )
