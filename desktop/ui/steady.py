"""Labels whose width never changes with their numbers or words (docs/ui-style.md, "Steady layout"):
a header or status item as wide as its widest text so far, counting every number at WIDEST_NUMBER
digits and every word that can stand in it at the longest of them, so that "9" becoming "10" or
"Siap" becoming "Perlu perhatian" moves nothing beside it."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel

WIDEST_NUMBER = 4  # room for numbers of up to this many digits
_TAGS = re.compile(r"<[^>]+>")
_NUMBER = re.compile(r"\d+")


def widest_form(html: str, alternatives: tuple[str, ...] = (), digits: int = WIDEST_NUMBER) -> str:
    """The plain text of `html` as wide as it can get: numbers at `digits` digits (or their own length when
    longer: a clock's fields have a fixed length), each word of `alternatives` replaced by the longest one."""
    def widest(number: re.Match[str]) -> str:
        return "0" * max(len(number.group()), digits)

    text = _NUMBER.sub(widest, _TAGS.sub("", html))
    if alternatives:
        alternatives = tuple(_NUMBER.sub(widest, word) for word in alternatives)
        longest = max(alternatives, key=len)
        for word in alternatives:
            if word and word != longest:
                text = text.replace(word, longest)
    return text


def show_steady(label: QLabel, html: str, alternatives: tuple[str, ...] = (), most: int = 100_000,
                digits: int = WIDEST_NUMBER) -> None:
    """Show `html` in `label`, whose fixed width only ever grows (to at most `most` pixels)."""
    label.ensurePolished()
    margins = label.contentsMargins()
    needed = (label.fontMetrics().horizontalAdvance(widest_form(html, alternatives, digits))
              + margins.left() + margins.right() + 2 * label.margin() + 4)
    width = min(max(label.minimumWidth(), needed), most)
    if label.minimumWidth() != width or label.maximumWidth() != width:
        label.setFixedWidth(width)
    label.setText(html)
