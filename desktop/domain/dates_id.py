"""Dates the Indonesian way on paper (7 Desember 2026), from tables here and never from the locale: a
report printed on an English Windows must read the same as one printed in the office."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")  # date.weekday() order
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def long_date(day: date) -> str:
    """7 Desember 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """Senin, 7 Desember 2026 (the heading of a berita acara)."""
    return f"{WEEKDAYS[day.weekday()]}, {long_date(day)}"


def short_date(day: date) -> str:
    """7 Des 2026."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


def month_year(year: int, month: int) -> str:
    """Desember 2026."""
    return f"{MONTHS[month - 1]} {year}"


def clock_time(at: datetime) -> str:
    """14.05 (Indonesian writes the hour and minute with a dot)."""
    return f"{at.hour:02d}.{at.minute:02d}"


def long_date_time(at: datetime) -> str:
    """7 Desember 2026 pukul 14.05 (a local time)."""
    return f"{long_date(at.date())} pukul {clock_time(at)}"


def roman_month(month: int) -> str:
    """XII: the month in a nomor surat."""
    return _ROMAN[month - 1]
