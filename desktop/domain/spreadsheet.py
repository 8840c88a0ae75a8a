"""A CSV cell a spreadsheet will not run: a text that starts with = + - @ (or a tab or carriage return, which
some spreadsheets skip before looking) is a formula to Excel and LibreOffice; a leading apostrophe keeps it
text (OWASP's "CSV injection"). Numbers are written as numbers and stay numbers (a fraction with the
Indonesian decimal comma)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")  # the decimal comma Excel expects in an Indonesian `;` file
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
