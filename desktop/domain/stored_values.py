"""Values as the station's SQLite database stores them, shared with the regency server's bulk writes."""

from __future__ import annotations

from datetime import date, datetime


def sqlite_value(value):
    """Dates and times as peewee writes them to SQLite (the sqlite3 module's own adapters are deprecated)."""
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value
