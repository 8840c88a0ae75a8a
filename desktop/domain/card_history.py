"""A citizen's cards across the regency and the history rules at the counter (shared/docs/DOMAIN.md,
"One card per citizen"): a second card the same day is refused unless it names a reprint approval;
reason *baru* with an earlier card is warned; *hilang* or *rusak* with no known earlier card is
warned, not refused (cards older than the system exist)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.domain.dates_id import short_date
from desktop.domain.text import Message, msg

HISTORY_DAYS = 400  # how long a station keeps the regency's cards (docs/sync-protocol.md, "Card history")
SHOWN = 3  # the last cards the verify page lists
NO_ANSWER = msg("server tidak menjawab: diperiksa dengan data lokal")


@dataclass(frozen=True)
class CardSeen:
    """One card of a NIK, from any station."""

    id: str
    nik: str
    day: date
    station_name: str
    blanko: str
    reason: str
    issued_at: str  # ISO time in UTC, as the issuing station wrote it
    spoiled: int = 0
    reprint_approval: str | None = None


@dataclass(frozen=True)
class ClaimAnswer:
    """The regency's answer to a station's claim on a NIK for the day."""

    claim_id: str | None  # None: the server did not answer (or the station is not enrolled)
    note: Message | None = None  # NO_ANSWER when the decision was the station's own


def local_time(utc_text: str, zone: ZoneInfo) -> str:
    """HH:MM at the office of a UTC time written as ISO text (the text itself when it is not one)."""
    try:
        at = datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    except ValueError:
        return utc_text
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo("UTC"))
    return at.astimezone(zone).strftime("%H:%M")


def card_line(card: CardSeen) -> Message:
    """"dicetak 3 Des 2026 di Hub Pamulang loket 1, blanko KAB-00000051, alasan baru"."""
    line = msg("dicetak {day} di {station}, blanko {blanko}, alasan {reason}", day=short_date(card.day),
               station=card.station_name, blanko=card.blanko, reason=card.reason.replace("_", " "))
    if card.spoiled:
        line = msg("{line} ({spoiled} percobaan rusak)", line=line, spoiled=card.spoiled)
    return line


def printed_elsewhere(card: CardSeen, zone: ZoneInfo) -> Message:
    """The same-day rule in the words of the station's own, with where and when."""
    return msg("KTP-el untuk NIK ini sudah dicetak hari ini (blanko {blanko}, di {station}, pukul {time}). Cetak "
               "ulang hanya dengan persetujuan supervisor.", blanko=card.blanko, station=card.station_name,
               time=local_time(card.issued_at, zone))


def printing_elsewhere(station: str, since_utc: str, zone: ZoneInfo) -> Message:
    return msg("KTP-el untuk NIK ini sedang dicetak di {station} (sejak pukul {time}). Tunggu sampai kartunya "
               "keluar dari printer.", station=station, time=local_time(since_utc, zone))


def same_day(cards: list[CardSeen], today: date) -> CardSeen | None:
    return next((c for c in cards if c.day == today), None)


def reason_warning(cards: list[CardSeen], reason: str, today: date) -> Message | None:
    """A warning (never a refusal) when the reason does not fit what the regency knows."""
    earlier = [c for c in cards if c.day < today and c.day >= today - timedelta(days=HISTORY_DAYS)]
    if reason == "baru" and earlier:
        return msg("Penduduk ini sudah punya KTP-el ({line}): alasannya mungkin hilang, rusak atau perubahan data, "
                   "bukan baru.", line=card_line(earlier[0]))
    if reason in ("hilang", "rusak") and not cards:
        return msg("Tidak ada KTP-el sebelumnya yang diketahui untuk NIK ini; periksa KTP-el lama atau surat "
                   "keterangannya (kartu dari sebelum sistem ini tetap sah).")
    return None
