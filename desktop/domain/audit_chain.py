"""The audit log as a hash chain: the canonical form of an entry, its hash, and the state it claims.

Written down for the regency server in docs/audit-chain.md; change nothing here without a new FORMAT.
An entry's hash is SHA-256 over the UTF-8 bytes of one canonical JSON array:

    ["ktp-audit/1", seq, prev_hash, at, origin, server_change_id, user_id, username, action, details, effects]

Canonical JSON: keys sorted, no spaces (separators "," and ":"), non-ASCII written as itself, no
floats (values are strings, integers, booleans, null, lists and objects). `at` is UTC as
"YYYY-MM-DDTHH:MM:SS.ffffffZ". The first entry's prev_hash is GENESIS.

Effects are the state an entry establishes: user roles, quotas and blanko states are valid only
when the last entry about them says what the tables hold (`ChainState` replays them).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

FORMAT = "ktp-audit/1"
_json_string = json.encoder.encode_basestring  # JSON's escapes only, non-ASCII as itself
GENESIS = "0" * 64
ORIGIN_STATION = "station"
ORIGIN_SERVER = "server"  # applied from the regency server; carries its change id


@dataclass(frozen=True)
class ChainEntry:
    seq: int
    prev_hash: str
    at: datetime  # naive UTC
    origin: str
    server_change_id: str | None
    user_id: str | None
    username: str | None
    action: str
    details: dict
    effects: list[dict] = field(default_factory=list)

    def hash_input(self) -> bytes:
        return canonical_json([
            FORMAT, self.seq, self.prev_hash, canonical_time(self.at), self.origin, self.server_change_id,
            self.user_id, self.username, self.action, self.details, self.effects,
        ]).encode("utf-8")

    def hash(self) -> str:
        return hashlib.sha256(self.hash_input()).hexdigest()

    def to_dict(self) -> dict:
        """The entry as sent to the regency server (with its hash, so the server can check it)."""
        return {
            "format": FORMAT, "seq": self.seq, "prev_hash": self.prev_hash, "hash": self.hash(),
            "at": canonical_time(self.at), "origin": self.origin, "server_change_id": self.server_change_id,
            "user_id": self.user_id, "username": self.username, "action": self.action, "details": self.details,
            "effects": self.effects,
        }


def stored_hash(seq: int, prev_hash: str, at_text: str, origin: str, server_change_id: str | None,
                user_id: str | None, username: str | None, action: str, details_text: str, effects_text: str) -> str:
    """The hash of an entry as stored (details and effects as their canonical JSON text, `at` as the
    database writes it): the same bytes as `ChainEntry.hash_input` without parsing and re-serialising,
    which is what makes checking a year of entries take seconds. A stored text that is not canonical
    hashes differently, as any change to it should."""
    fields = (_text(prev_hash), _text(stored_time(at_text)), _text(origin), _text(server_change_id), _text(user_id),
              _text(username), _text(action))
    text = f'["{FORMAT}",{int(seq)},{",".join(fields)},{details_text},{effects_text}]'
    return hashlib.sha256(text.encode()).hexdigest()


def _text(value: str | None) -> str:
    """A JSON string as canonical_json writes it (ensure_ascii off), or null."""
    return "null" if value is None else _json_string(value)


def stored_time(text: str) -> str:
    """`at` as SQLite holds it ("YYYY-MM-DD HH:MM:SS[.ffffff]") in the canonical form."""
    if len(text) == 19:
        text += ".000000"
    if len(text) != 26 or text[10] != " ":
        return canonical_time(datetime.fromisoformat(text))  # not as this application writes it
    return text.replace(" ", "T") + "Z"


def canonical_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)


def canonical_time(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def plain(value: object) -> object:
    """A value as it may stand in an entry: dates as ISO text, no floats, tuples as lists."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=canonical_json) if isinstance(value, set | frozenset) else items
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)  # floats, enums, paths: their text, so every implementation hashes the same bytes


def credential(password_hash: str) -> str:
    """A short fingerprint of a stored password hash: shows a hash replaced outside the application."""
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


# --- effects: the state an entry establishes --------------------------------------------------------------
def user_effect(user_id: str, username: str, role: str, active: bool, password_hash: str) -> dict:
    return {"kind": "user", "id": user_id, "username": username, "role": str(role), "active": bool(active),
            "credential": credential(password_hash)}


def quota_effect(kecamatan: str, limit: int) -> dict:
    """The standing daily quota of a kecamatan."""
    return {"kind": "quota", "kecamatan": kecamatan, "limit": int(limit)}


def quota_day_effect(kecamatan: str, day: date | str, limit: int) -> dict:
    """One day's quota of a kecamatan (a supervisor's change)."""
    return {"kind": "quota_day", "kecamatan": kecamatan, "day": plain(day), "limit": int(limit)}


def row_effect(table: str, key: str, digest: str | None, **subject: str | None) -> dict:
    """The content of one row of a table that decides a print (issued cards, print jobs, log-in locks,
    outbox events), as a digest of its columns; None: the row is gone. `subject` (nik, quota_day)
    lets a print find the entries about its citizen and its quota day without reading the chain."""
    effect = {"kind": "row", "table": table, "key": key, "digest": digest}
    effect.update({name: value for name, value in subject.items() if value is not None})
    return effect


def blanko_effect(first: str, state: str, last: str | None = None) -> dict:
    """The state of one blanko, or of the serials first..last (a receipt)."""
    return {"kind": "blanko", "first": first, "last": last or first, "state": state}


_SERIAL = re.compile(r"^(.*?)(\d+)$")


def expand_serials(first: str, last: str) -> Iterator[str]:
    """first..last by their trailing number, keeping its width: BLK-0000001..BLK-0000003."""
    if first == last:
        yield first
        return
    a, b = _SERIAL.match(first), _SERIAL.match(last)
    if not a or not b or a.group(1) != b.group(1):
        raise ValueError(f"not a serial range: {first}..{last}")
    width = len(a.group(2))
    for number in range(int(a.group(2)), int(b.group(2)) + 1):
        yield f"{a.group(1)}{number:0{width}d}"


def serial_ranges(serials_by_state: Iterable[tuple[str, str]]) -> list[dict]:
    """Blanko effects for (serial, state) pairs, consecutive serials of one state in one range."""
    effects: list[dict] = []
    previous: tuple[str, int, int, str] | None = None  # prefix, width, number, state
    for serial, state in sorted(serials_by_state):
        match = _SERIAL.match(serial)
        key = (match.group(1), len(match.group(2)), int(match.group(2)), state) if match else None
        if (key and previous and effects and key[:2] == previous[:2] and key[3] == previous[3]
                and key[2] == previous[2] + 1):
            effects[-1]["last"] = serial
        else:
            effects.append(blanko_effect(serial, state))
        previous = key
    return effects


class ChainState:
    """The state the entries establish, replayed in order; remembers which entry set each item."""

    def __init__(self) -> None:
        self.users: dict[str, tuple[dict, int]] = {}
        self.quotas: dict[str, tuple[int, int]] = {}
        self.quota_days: dict[tuple[str, str], tuple[int, int]] = {}
        self.blanko: dict[str, tuple[str, int]] = {}
        self.rows: dict[tuple[str, str], tuple[dict, int]] = {}

    def apply(self, effects: list[dict], seq: int) -> None:
        for effect in effects:
            kind = effect.get("kind")
            if kind == "user":
                if effect.get("deleted"):  # a supervisor set aside a user row removed outside the application
                    self.users.pop(effect["id"], None)
                else:
                    self.users[effect["id"]] = (effect, seq)
            elif kind == "quota":
                self.quotas[effect["kecamatan"]] = (effect["limit"], seq)
            elif kind == "quota_day":
                self.quota_days[(effect["kecamatan"], effect["day"])] = (effect["limit"], seq)
            elif kind == "blanko":
                for serial in expand_serials(effect["first"], effect["last"]):
                    self.blanko[serial] = (effect["state"], seq)
            elif kind == "row":
                self.rows[(effect["table"], effect["key"])] = (effect, seq)
            else:
                raise ValueError(f"unknown effect {kind!r}")


# --- the claim index: which entry last said what about an item (table audit_claim) -------------------------
def claim_keys(effect: dict) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(kind, key, nik, quota_day) of every item an effect claims: the rows of the `audit_claim` index,
    which a print reads instead of the whole chain (desktop/services/row_claims.py)."""
    kind = effect.get("kind")
    if kind == "user":
        yield "user", effect["id"], None, None
    elif kind == "quota":
        yield "quota", effect["kecamatan"], None, None
    elif kind == "quota_day":
        yield "quota_day", f"{effect['kecamatan']}|{effect['day']}", None, None
    elif kind == "blanko":
        for serial in expand_serials(effect["first"], effect["last"]):
            yield "blanko", serial, None, None
    elif kind == "row":
        yield "row", f"{effect['table']}|{effect['key']}", effect.get("nik"), effect.get("quota_day")


def claims(effect: dict, kind: str, key: str) -> bool:
    """Whether `effect` claims the item (kind, key) of the index (a blanko range without listing it)."""
    if kind == "blanko" and effect.get("kind") == "blanko":
        if key in (effect["first"], effect["last"]):
            return True
        item, first, last = _SERIAL.match(key), _SERIAL.match(effect["first"]), _SERIAL.match(effect["last"])
        return bool(item and first and last and item.group(1) == first.group(1) == last.group(1)
                    and len(item.group(2)) == len(first.group(2))
                    and int(first.group(2)) <= int(item.group(2)) <= int(last.group(2)))
    return any((k, v) == (kind, key) for k, v, _nik, _day in claim_keys(effect))
