"""The Server menu: sync now, enrol the station with the regency server."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(
    Page("sync", QT_TRANSLATE_NOOP("Pages", "Sinkronkan sekarang"), "desktop.ui.pages.server:sync_now",
         order=10, menu="server", object_name="syncAction", shortcut="F9"),
    Page("enrol", QT_TRANSLATE_NOOP("Pages", "Daftarkan ke server kabupaten…"),
         "desktop.ui.pages.server.enrol:open_enrol", Permission.MANAGE_USERS, order=20, menu="server",
         object_name="enrolAction"),
)


def sync_now(ctx) -> None:
    ctx.sync.sync_now()
