"""The Bantuan menu: About."""

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(Page("about", QT_TRANSLATE_NOOP("Pages", "Tentang KTP-el Mandiri"), "desktop.ui.pages.about.page:open_about",
              order=10, menu="help", object_name="aboutAction", signed_out=True))
