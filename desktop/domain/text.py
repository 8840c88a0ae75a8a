"""Marking user-visible text in Qt-free layers.

The domain holds Indonesian source strings; the UI translates them with
`QCoreApplication.translate(context, text)`. The marker keeps Qt's lupdate able to collect them.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text
