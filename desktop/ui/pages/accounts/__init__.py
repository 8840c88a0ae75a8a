"""The Akun menu: the station's users, one's own password, locking the screen."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(
    Page("users", QT_TRANSLATE_NOOP("Pages", "Pengguna stasiun…"), "desktop.ui.pages.accounts.page:open_users",
         Permission.MANAGE_OPERATORS, order=10, menu="account", object_name="usersAction"),
    Page("password", QT_TRANSLATE_NOOP("Pages", "Ganti kata sandi saya…"),
         "desktop.ui.pages.accounts.page:open_password", order=20, menu="account", object_name="passwordAction"),
    Page("lock", QT_TRANSLATE_NOOP("Pages", "Kunci layar"), "desktop.ui.pages.accounts:lock_screen",
         order=30, menu="account", object_name="lockAction"),
)


def lock_screen(ctx) -> None:
    ctx.screen_lock.lock()
