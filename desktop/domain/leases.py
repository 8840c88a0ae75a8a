"""Print rights and blanko as leases (escrow): the rules both the station and the regency server use.

The regency server leases each station part of a kecamatan's quota for one day (a number of print
rights) and ranges of regency-wide blanko serials. A station spends them offline and can never
create them; the sum of the rights leased for a kecamatan and day never exceeds its quota, so no
group of offline stations can print past it. The protocol is docs/sync-protocol.md ("Leases").
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Defaults of the settings the regency can change (`ktp-mandiri-server lease settings`).
LEASE_SIZE = 20  # rights a station is topped up to per kecamatan and day
LOW_WATER = 5  # a station asks for more in the background when this few are left
BLANKO_SIZE = 50  # serials in one leased blanko range (one box)
BLANKO_LOW_WATER = 10  # a station is sent a new range when it has this few usable blanko
MAX_SKEW_SECONDS = 300  # a station clock further than this from the server's gets no lease and stops printing
ADVANCE_HOUR = 15  # from this local hour the server also leases tomorrow's rights (for a day offline)

REGENCY_SERIAL_PREFIX = "KAB-"


def digest_hash(value: dict) -> str:
    """SHA-256 of a station's count digest as canonical JSON (keys sorted, no spaces): the station sends
    it with each lease round and the server compares it with its own count (docs/sync-protocol.md)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def regency_serial(number: int) -> str:
    """A regency-wide blanko serial: KAB-00000001."""
    return f"{REGENCY_SERIAL_PREFIX}{number:08d}"


def regency_number(serial: str) -> int | None:
    """The number of a regency-wide serial, None for a station's local one (BLK-0000001)."""
    if not serial.startswith(REGENCY_SERIAL_PREFIX):
        return None
    tail = serial[len(REGENCY_SERIAL_PREFIX):]
    return int(tail) if tail.isdigit() else None


def local_day(at_utc: datetime, zone: ZoneInfo) -> date:
    """The office's date at a naive UTC time."""
    return at_utc.replace(tzinfo=UTC).astimezone(zone).date()


def day_end_utc(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight at the end of `day`, as naive UTC: when that day's rights expire."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def top_up(size: int, held: int, used: int, pool: int) -> int:
    """Rights to grant: bring what the station still has (held - used) up to `size`, within the pool."""
    return max(0, min(size - max(0, held - used), pool))


def recall_share(available: int, asked: int) -> int:
    """Rights a station gives back when the server asks (other stations wait and the pool is empty):
    at most what was asked, and never more than half of what it has left, so it keeps serving."""
    return max(0, min(asked, available // 2))


@dataclass(frozen=True)
class Lease:
    """One kecamatan's print rights at this station for one day."""

    kecamatan_code: str
    kecamatan_name: str
    day: date
    granted: int  # leased by the server for that day, cumulative
    returned: int  # given back to the server
    used: int  # cards issued on that day plus jobs holding a place
    renewed_at: datetime | None  # the server's last answer about this lease (naive UTC)
    pool: int | None = None  # rights of the kecamatan the server still had to lease, at that answer

    @property
    def left(self) -> int:
        return max(0, self.granted - self.returned - self.used)
