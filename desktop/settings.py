"""Every setting of the station, declared once: its stored key, type, default, owner and meaning.

Settings live as text in the `setting` table (desktop/store/models.py). A module reads and writes one
only through its declaration here, typed (`LEASE_CLOCK_SKEW.get()` is a float, `SYNC_DRIFT.set(None)`
removes the row); `owner` names the module that writes it (with any `also_written_by`), the others
only read it. The stored strings are the ones stations have always written (ISO times, JSON, "1"
flags, "seq:hash"), so no database needs upgrading. tests/unit/test_settings.py fails on a stored key
declared nowhere, on a module that reaches the table another way and on a write by a module that is
not the setting's writer. Declaring a key twice fails at import.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from peewee import Database

from desktop.documents.letterhead import DEFAULT_NUMBER_PATTERN
from desktop.domain.leases import LOW_WATER, MAX_SKEW_SECONDS
from desktop.store.models import Setting

T = TypeVar("T")


@dataclass(frozen=True)
class Codec(Generic[T]):
    """How a value of one type is stored as text; `encode` returning None removes the row."""

    name: str
    types: type | tuple[type, ...]
    encode: Callable[[T], str | None]
    decode: Callable[[str], T]


def _audit_head(text: str) -> tuple[int, str]:
    seq, _, digest = text.partition(":")
    return int(seq), digest


def _json_or_none(text: str) -> Any:
    # An account's mark written before its kecamatan were kept is not JSON: decided at its next change.
    try:
        return json.loads(text)
    except ValueError:
        return None


TEXT: Codec[str] = Codec("text", str, str, str)
INT: Codec[int] = Codec("int", int, str, int)
SECONDS: Codec[float] = Codec("seconds", (float, int), lambda v: f"{v:.3f}", float)  # to the millisecond
DATETIME: Codec[datetime] = Codec("datetime", datetime, datetime.isoformat, datetime.fromisoformat)  # naive UTC
FLAG: Codec[bool] = Codec("flag", bool, lambda v: "1" if v else None, lambda _text: True)  # a row, or none
JSON_SORTED: Codec[Any] = Codec("json", (dict, list), lambda v: json.dumps(v, sort_keys=True), json.loads)
JSON_AS_IS: Codec[Any] = Codec("json", (dict, list), json.dumps, _json_or_none)  # keys in the order given
SEQ_HASH: Codec[tuple[int, str]] = Codec("seq:hash", tuple, lambda v: f"{v[0]}:{v[1]}", _audit_head)

_KEYS: dict[str, SettingVar] = {}
_FAMILIES: dict[str, SettingFamily] = {}


class DuplicateSetting(ValueError):
    """A program error: two declarations for one stored key (or a key inside a declared family)."""


def _register(key: str, declared: SettingVar | SettingFamily, family: bool) -> None:
    clash = key in _KEYS or key in _FAMILIES or any(
        key.startswith(prefix) for prefix in _FAMILIES) or (family and any(k.startswith(key) for k in _KEYS))
    if clash:
        raise DuplicateSetting(f"setting {key!r} ({declared.owner}) is already declared, or inside a declared family")
    (_FAMILIES if family else _KEYS)[key] = declared


def _encoded(codec: Codec, value: object, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, codec.types):
        raise TypeError(f"setting {key!r} holds {codec.name}, not {type(value).__name__}")
    return codec.encode(value)


class SettingVar(Generic[T]):
    """One stored setting (Electrum's ConfigVar): read with get(), written with set(); None removes it.

    `owner` writes it, and the modules in `also_written_by`; any module may read it."""

    def __init__(self, key: str, codec: Codec[T], default: T | None, owner: str, description: str,
                 also_written_by: tuple[str, ...] = ()) -> None:
        self.key, self.codec, self.default, self.owner, self.description = key, codec, default, owner, description
        self.writers = (owner, *also_written_by)
        _register(key, self, family=False)

    def get(self) -> T | None:
        """The stored value, or the default when there is none."""
        return self._decoded(Setting.read(self.key))

    def set(self, value: T | None) -> None:
        """Store `value` (inside the caller's transaction); None, or False for a flag, removes the row."""
        Setting.write(self.key, _encoded(self.codec, value, self.key))

    def is_set(self) -> bool:
        return Setting.read(self.key) is not None

    def read_from(self, db: Database) -> T | None:
        """The value in another open database (a file being verified), not the station's own."""
        row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (self.key,)).fetchone()
        return self._decoded(row[0] if row else None)

    def _decoded(self, text: str | None) -> T | None:
        return copy.deepcopy(self.default) if text is None else self.codec.decode(text)

    def __repr__(self) -> str:
        return f"SettingVar({self.key!r}, {self.codec.name})"


class SettingFamily(Generic[T]):
    """Settings whose key is a prefix and a name (one per account, say), all of one type."""

    def __init__(self, prefix: str, codec: Codec[T], owner: str, description: str) -> None:
        self.prefix, self.codec, self.owner, self.description = prefix, codec, owner, description
        self.writers = (owner,)
        _register(prefix, self, family=True)

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def set(self, name: str, value: T | None) -> None:
        Setting.write(self.key(name), _encoded(self.codec, value, self.key(name)))

    def exists(self, name: str) -> bool:
        return Setting.read(self.key(name)) is not None

    def items(self) -> dict[str, T]:
        """Every member: name (the key without the prefix) -> value."""
        rows = Setting.select(Setting.key, Setting.value).where(Setting.key.startswith(self.prefix)).tuples()
        return {key[len(self.prefix):]: self.codec.decode(value) for key, value in rows}

    def __repr__(self) -> str:
        return f"SettingFamily({self.prefix!r}, {self.codec.name})"


def declared(key: str) -> SettingVar | SettingFamily | None:
    """The declaration a stored key belongs to, or None."""
    if key in _KEYS:
        return _KEYS[key]
    return next((f for prefix, f in _FAMILIES.items() if key.startswith(prefix)), None)


def declarations() -> list[SettingVar | SettingFamily]:
    return [*_KEYS.values(), *_FAMILIES.values()]


def undeclared_keys(db: Database) -> list[str]:
    """Keys stored in `db` that no declaration covers; raises when a declared one does not decode."""
    found = []
    for key, value in db.execute_sql("SELECT key, value FROM setting ORDER BY key").fetchall():
        declaration = declared(key)
        if declaration is None:
            found.append(key)
        else:
            declaration.codec.decode(value)
    return found


STATION = "desktop.services.station"
DEMO = "desktop.services.demo_accounts"
CLOCK = "desktop.services.clock_guard"
AUDIT = "desktop.services.audit"
HEAD_MARK = "desktop.services.head_mark"
SYNC = "desktop.sync.service"
ENROL = "desktop.sync.enrol"
CAPTURE = "desktop.sync.capture"
PUSH = "desktop.sync.push"
PULL = "desktop.sync.pull"
LEASES = "desktop.sync.leases"
LINK = "desktop.sync.link"
OWN_EVENTS = "desktop.sync.own_events"
REVOCATION = "desktop.services.revocation"
REPORTS = "desktop.services.reports.settings"
QUEUE = "desktop.services.queue"

# --- the station -------------------------------------------------------------------------------------
STATION_ID = SettingVar("station_id", TEXT, None, STATION,
                        "Id of this station's row in `station`: set up locally, or created at enrolment.",
                        also_written_by=(ENROL,))
DEMO_STATION = SettingVar("demo_station", FLAG, False, DEMO,
                          "A database made by --demo or demo-data: synthetic residents, demo passwords allowed.")

SCAN_KEY_GAP_MS = SettingVar("scanner.key_gap_ms", INT, 50, STATION,
                             "The longest gap (ms) between the keys of a barcode scanner's burst: 16 digits and "
                             "Enter with no longer gap are a scan wherever the focus is (desktop/ui/scan_filter.py).")

# --- the clock and the audit chain ---------------------------------------------------------------------
CLOCK_WATERMARK = SettingVar("clock_watermark", DATETIME, None, CLOCK,
                             "The latest time the station has recorded (naive UTC).")
CLOCK_BOOT_ANCHOR = SettingVar("clock_boot_anchor", JSON_SORTED, None, CLOCK,
                               "The first accepted event of this boot of the computer ({boot, seconds, at}): "
                               "within a boot the date may not run ahead of the boot clock.")
CLOCK_UNCONFIRMED = SettingVar("clock_unconfirmed", DATETIME, None, CLOCK,
                               "The watermark when an entry came more than a day after it, until a "
                               "supervisor confirms the clock.")
AUDIT_HEAD = SettingVar("audit_head", SEQ_HASH, None, AUDIT,
                        "Sequence number and hash of the last audit entry: a deleted tail shows against it.")
HEAD_FILE_MADE = SettingVar("head_mark", FLAG, False, HEAD_MARK,
                            "This database has had its head file (ktp-mandiri.head): a missing file is noticed.")

# --- sync with the regency server ------------------------------------------------------------------------
OWN_EVENTS_DUE = SettingVar("sync.own_events_due", INT, None, OWN_EVENTS,
                            "A restore was accepted on this enrolled station and the cards after its point (this "
                            "entry) have not come back from the regency yet: `ktp-mandiri audit fetch-own` retries.")
CLAIMS_SWEEP_DUE = SettingVar("claims.sweep_due", FLAG, False, LINK,
                              "A NIK was claimed (answered or not) since the last sweep: the next round tells the "
                              "server which claims have a print job, and the others expire.",
                              also_written_by=(SYNC,))
SYNC_INSTALLATION_ID = SettingVar("sync.installation_id", TEXT, None, SYNC,
                                  "This installation's id, sent to the server with every request.")
SYNC_STATION_CODE = SettingVar("sync.station_code", TEXT, None, ENROL,
                               "The station's code at the regency, given at enrolment; blanko serials carry it.")
SYNC_SERVER_CA = SettingVar("sync.server_ca", TEXT, None, ENROL,
                            "Path of the CA file the server's certificate is checked against, if not the system's.")
SYNC_GENERATION = SettingVar("sync.generation", TEXT, None, SYNC,
                             "The server's generation last seen: another one means it was restored from backup.",
                             also_written_by=(ENROL,))
SYNC_CURSOR = SettingVar("sync.cursor", TEXT, None, PULL, "Where the next pull of the change log starts.",
                         also_written_by=(SYNC, ENROL, CAPTURE))
SYNC_LAST_SUCCESS = SettingVar("sync.last_success", DATETIME, None, SYNC,
                               "Station UTC time of the last round that succeeded.")
SYNC_LAST_ERROR = SettingVar("sync.last_error", TEXT, None, SYNC, "Why the last round failed, until one succeeds.")
SYNC_BATCH_SEQ = SettingVar("sync.batch_seq", INT, 0, PUSH, "Sequence number of the last outbox batch made.")
SYNC_HISTORY_QUEUED = SettingVar("sync.history_queued", DATETIME, None, CAPTURE,
                                 "When the station's history was queued for the server (the first round).",
                                 also_written_by=(ENROL,))
SYNC_MARK_JOBS = SettingVar("sync.mark.print_job", DATETIME, None, CAPTURE,
                            "The newest print-job change queued for the server.")
SYNC_MARK_MOVEMENTS = SettingVar("sync.mark.blanko_movement_rowid", INT, 0, CAPTURE,
                                 "Rowid of the last blanko movement queued for the server.")
SYNC_LOCAL_USERS_RETIRED = SettingVar("sync.local_users_retired", DATETIME, None, PULL,
                                      "When local accounts were deactivated for the regency's.")
SYNC_SCOPE_APPLIED = SettingVar("sync.scope_applied", TEXT, None, PULL,
                                "The served kecamatan (comma-separated) whose purge and accounts were last applied.")
REGENCY_USERS: SettingFamily[dict | None] = SettingFamily(
    "sync.user.", JSON_AS_IS, PULL, "+ a regency account's id: {active, kecamatan} as the regency last said "
    "(None for a mark written before the kecamatan were kept); an account here is the regency's.")

# --- print rights leased by the regency (read by desktop/services/leases.py) -------------------------------
LEASE_CLOCK_SKEW = SettingVar("lease.clock_skew", SECONDS, 0.0, LEASES,
                              "Station clock minus server clock, in seconds, at the last contact.")
LEASE_CONTACT = SettingVar("lease.contact", DATETIME, None, LEASES, "The station's UTC time at the last contact.")
LEASE_REGENCY_TIME = SettingVar("lease.regency_time", JSON_SORTED, None, LEASES,
                                "The regency's time at the last contact with the boot clock then ({boot, seconds, "
                                "server}): within that boot the date may not run ahead of the regency's.")
LEASE_SETTINGS = SettingVar("lease.settings", JSON_SORTED,
                            {"size": 20, "low_water": LOW_WATER, "max_skew_seconds": MAX_SKEW_SECONDS}, LEASES,
                            "The server's lease settings, from its last answer.")
LEASE_REPORT_DUE = SettingVar("lease.report_due", DATETIME, None, LEASES,
                              "Since when a restored server waits to hear what this station holds before it "
                              "prints (set by the sync round too, when it sees the server restored).",
                              also_written_by=(SYNC,))
LEASE_RENEWED_AT = SettingVar("lease.renewed_at", DATETIME, None, LEASES,
                              "Station UTC time of the last lease exchange that succeeded.")
LEASE_RENEW_FAILED = SettingVar("lease.renew_failed", TEXT, None, LEASES,
                                "Why the last exchange failed (one sentence), until one succeeds (set by the "
                                "sync round too, when a round fails before the exchange).", also_written_by=(SYNC,))
LEASE_FROZEN = SettingVar("lease.frozen", FLAG, False, LEASES,
                          "The restored server waits for other stations before leasing again.")
LEASE_BLANKO_SHORT = SettingVar("lease.blanko_short", FLAG, False, LEASES, "The regency had no blanko to send.")
LEASE_COUNTS_AT = SettingVar("lease.counts_at", DATETIME, None, LEASES,
                             "Station UTC time of the server's last word on the kecamatan's card counts "
                             "(quota_lease.kecamatan_issued): the quota shown is theirs then plus this station's "
                             "cards not yet acknowledged then.")
LEASE_SUSPENDED = SettingVar("lease.suspended", TEXT, None, LEASES,
                             "The regency's sentence while it has suspended this station for an anomaly "
                             "(no printing until an admin resumes it).")
STATION_REVOKED = SettingVar("station.revoked", DATETIME, None, REVOCATION,
                             "Station UTC time of the regency's first answer that this station is revoked: no "
                             "print starts from then on, for good (its audit entry regency.revoked says it too).")
SYNC_DRIFT = SettingVar("sync.drift", JSON_SORTED, None, LEASES,
                        "{at, differences}: counts that still differ from the server's after a re-send.")

# --- the papers the office signs (issue 22; desktop/services/reports/) ------------------------------------
REPORT_LETTERHEAD = SettingVar("report.letterhead", JSON_SORTED, {}, REPORTS,
                               "{regency, dinas, office, address}: the lines at the head of every report.")
REPORT_LOGO = SettingVar("report.logo", TEXT, None, REPORTS,
                         "The letterhead's logo as the admin supplied it, re-encoded as PNG (base64).")
REPORT_NUMBER = SettingVar("report.number", TEXT, DEFAULT_NUMBER_PATTERN, REPORTS,
                           "The nomor surat's pattern: {jenis} the report, {kode} the kecamatan, {tanggal} "
                           "YYYYMMDD, {bulan_romawi}, {tahun}.")
REPORT_SIGNERS = SettingVar("report.signers", JSON_AS_IS, [], REPORTS,
                            "The signature blocks, in order: [{title, name, nip}] (the first signs on the right).")

# --- the queue at the door (issue 25; desktop/services/queue.py, docs/queue.md) ----------------------------
QUEUE_OPENS = SettingVar("queue.opens", TEXT, "07:00", QUEUE, "Local time (HH:MM) the first ticket can be taken.")
QUEUE_CLOSES = SettingVar("queue.closes", TEXT, "15:00", QUEUE,
                          "Local time (HH:MM) the last ticket can be taken; printing capacity is counted until then.")
QUEUE_DAYS = SettingVar("queue.days", TEXT, "1,2,3,4,5", QUEUE,
                        "ISO weekdays the office is open (1 = Monday): where a ticket for the next open day falls.")
QUEUE_RECALL_AFTER = SettingVar("queue.recall_after", INT, 5, QUEUE,
                                "Numbers called after a missed one before it may be recalled.")
QUEUE_CARDS_PER_HOUR = SettingVar("queue.cards_per_hour", INT, 20, QUEUE,
                                  "Cards an hour of a ready printer while 14 days of its own jobs give no measure.")
TICKET_PRINTER = SettingVar("queue.ticket_printer", TEXT, "", QUEUE,
                            "Where tickets go: \"\" on screen only, spooler://QUEUE, escpos-usb://VID:PID, pdf://FOLDER.")
