"""Showing service messages in the user's language.

Services write their sentences with `desktop.domain.text.msg` (Indonesian text plus template and
arguments) and mark fixed strings with QT_TRANSLATE_NOOP; this turns either into the translated text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.text import MESSAGES_CONTEXT, Message, Translatable
from desktop.errors import UserFacingError


def tr_message(text: object) -> str:
    if isinstance(text, Message):
        args = {k: tr_message(v) if isinstance(v, Message | Translatable) else v for k, v in text.args.items()}
        template = QCoreApplication.translate(MESSAGES_CONTEXT, text.template)
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):  # a broken translation: fall back to the source
            return text.template.format(**args)
    if isinstance(text, Translatable):
        return QCoreApplication.translate(text.context, str(text))
    return str(text)


def error_text(exc: BaseException) -> str:
    """The sentence to show for an error the operator can act on."""
    return tr_message(exc.message) if isinstance(exc, UserFacingError) else str(exc)
