"""The blanko ledger: every movement with filters, one serial traced, the balance (desktop/ui/pages/ledger/page.py)."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(Page("ledger", QT_TRANSLATE_NOOP("Pages", "Buku blanko…"), "desktop.ui.pages.ledger.page:open_ledger",
              Permission.RECEIVE_BLANKO, order=25, menu="supervisor", object_name="ledgerAction"))
