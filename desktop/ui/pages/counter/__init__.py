"""The counter: NIK, citizen, reason and documents, preview, print (desktop/ui/pages/counter/page.py)."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(Page("counter", QT_TRANSLATE_NOOP("Pages", "Loket"), "desktop.ui.pages.counter.page:make_page",
              Permission.PRINT, order=10, object_name="verifyPage", shortcut="Ctrl+1"))
