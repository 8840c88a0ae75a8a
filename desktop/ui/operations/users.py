"""The station's accounts: add, edit (a new temporary password), (de)activate, unlock; one's own password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import USERS, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


def add_user(services: Services, actor: CurrentUser, username: str, full_name: str, role: str) -> Op:
    users = services.users
    return Op("user.add", "db", lambda: users.create(actor, username, full_name, role), {USERS})


def reset_password(services: Services, actor: CurrentUser, username: str) -> Op:
    users = services.users
    return Op("user.edit", "db", lambda: users.reset_password(actor, username), {USERS})


def set_active(services: Services, actor: CurrentUser, username: str, active: bool) -> Op:
    users = services.users
    return Op("user.deactivate" if not active else "user.activate", "db",
              lambda: users.set_active(actor, username, active), {USERS})


def unlock(services: Services, actor: CurrentUser, username: str) -> Op:
    auth = services.auth
    return Op("user.unlock", "db", lambda: auth.unlock(actor, username), {USERS})


def change_password(services: Services, user: CurrentUser, old: str, new: str) -> Op:
    """Returns the user's new CurrentUser."""
    users = services.users
    return Op("password.change", "db", lambda: users.change_own_password(user, old, new), {USERS})
