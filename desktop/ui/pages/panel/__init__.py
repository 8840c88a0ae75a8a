"""The office panel: today's quota, cards, printers, blanko and what waits for a supervisor
(desktop/ui/pages/panel/page.py), for supervisors and admins."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(Page("panel", QT_TRANSLATE_NOOP("Pages", "Panel kantor"), "desktop.ui.pages.panel.page:make_page",
              Permission.VIEW_QUOTA_PANEL, order=20, object_name="officePanel", shortcut="Ctrl+2"))
