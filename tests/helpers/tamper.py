"""Edits of a station's database file as an intruder with sqlite3 makes them (issue 19's attacks)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime

from desktop.domain.audit_chain import ChainEntry, canonical_json
from desktop.store.files import DB_FILENAME, HEAD_FILENAME


def edit(data, *statements: tuple[str, tuple]) -> None:
    conn = sqlite3.connect(data / DB_FILENAME)
    with conn:
        for sql, params in statements:
            conn.execute(sql, params)
    conn.close()


def append_entry(data, action: str, effects: list[dict], **details) -> None:
    """An entry appended with the public recipe (docs/audit-chain.md), hash and head recomputed."""
    conn = sqlite3.connect(data / DB_FILENAME)
    seq, prev = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    at = datetime.utcnow().replace(microsecond=0)
    entry = ChainEntry(seq + 1, prev, at, "station", None, None, "admin", action, details, effects)
    with conn:
        conn.execute("INSERT INTO audit_log (id, seq, prev_hash, hash, at, origin, username, action, details, effects) "
                     "VALUES (?, ?, ?, ?, ?, 'station', 'admin', ?, ?, ?)",
                     (str(uuid.uuid4()), entry.seq, prev, entry.hash(), at.isoformat(" "), action,
                      canonical_json(details), canonical_json(effects)))
        conn.execute("UPDATE setting SET value = ? WHERE key = 'audit_head'", (f"{entry.seq}:{entry.hash()}",))
    conn.close()



def rewrite_chain(data, edited_seq: int) -> None:
    """A determined intruder: an entry's details changed, every hash after it recomputed with the public
    recipe, the recorded head and the head file beside the database rewritten to match."""
    conn = sqlite3.connect(data / DB_FILENAME)
    rows = conn.execute("SELECT id, seq, at, origin, server_change_id, user_id, username, action, details, effects "
                        "FROM audit_log ORDER BY seq").fetchall()
    prev = "0" * 64
    with conn:
        for entry_id, seq, at, origin, change, user_id, username, action, details, effects in rows:
            details = json.loads(details)
            if seq == edited_seq:
                details["rewritten"] = True
            entry = ChainEntry(seq, prev, datetime.fromisoformat(at), origin, change, user_id, username, action,
                               details, json.loads(effects))
            conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ?, details = ? WHERE id = ?",
                         (prev, entry.hash(), canonical_json(details), entry_id))
            prev = entry.hash()
        conn.execute("UPDATE setting SET value = ? WHERE key = 'audit_head'", (f"{seq}:{prev}",))
    conn.close()
    (data / HEAD_FILENAME).write_text(f"{seq}:{prev}\n")
