"""The Bantuan menu: the keyboard's shortcuts, About."""

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(Page("shortcuts", QT_TRANSLATE_NOOP("Pages", "Pintasan keyboard"),
              "desktop.ui.pages.about.shortcuts:open_shortcuts", order=5, menu="help",
              object_name="shortcutsAction", shortcut="F1", signed_out=True),
         Page("about", QT_TRANSLATE_NOOP("Pages", "Tentang KTP-el Mandiri"), "desktop.ui.pages.about.page:open_about",
              order=10, menu="help", object_name="aboutAction", signed_out=True))
