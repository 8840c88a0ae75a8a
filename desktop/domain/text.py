"""Marking user-visible text in Qt-free layers.

The domain holds Indonesian source strings; the UI translates them with
`QCoreApplication.translate(context, text)`. The marker keeps Qt's lupdate able to collect them.
"""

from __future__ import annotations


class Translatable(str):
    """A marked string that remembers its translation context (so messages built from it translate)."""

    context: str

    def __new__(cls, text: str, context: str) -> Translatable:
        obj = super().__new__(cls, text)
        obj.context = context
        return obj


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    return Translatable(text, context)


MESSAGES_CONTEXT = "Messages"


class Message(str):
    """A sentence for the operator: its value is the Indonesian text, and it keeps its template and
    arguments so that the UI can show it translated (`desktop.ui.text.tr_message`). Written with
    `msg("... {name} ...", name=value)`, which `python -m desktop.i18n update` collects."""

    template: str
    args: dict[str, object]

    def __new__(cls, template: str, **args: object) -> Message:
        text = template.format(**args) if args else template
        obj = super().__new__(cls, text)
        obj.template = template
        obj.args = args
        return obj


def msg(template: str, **args: object) -> Message:
    return Message(template, **args)
