"""The Printer menu: the station's printers, their state and counters (adding and removing for an admin)."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(Page("printers", QT_TRANSLATE_NOOP("Pages", "Status dan penghitung printer…"),
              "desktop.ui.pages.printers.page:open_printers", Permission.PRINT, order=10, menu="printer", object_name="printerAction"))
