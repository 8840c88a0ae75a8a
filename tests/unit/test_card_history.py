"""The history rules at the counter (shared/docs/DOMAIN.md, "One card per citizen"), as the verify page
words them: the card lines, the same-day refusal with where and when, and the reason warnings."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from desktop.domain.card_history import CardSeen, card_line, printed_elsewhere, reason_warning, same_day

TODAY = date(2026, 12, 7)
JAKARTA = ZoneInfo("Asia/Jakarta")


def card(day: date, reason: str = "baru", spoiled: int = 0) -> CardSeen:
    return CardSeen("c1", "3674064508900001", day, "Hub Pamulang loket 1", "KAB-00000051", reason,
                    "2026-12-07T03:42:00", spoiled)


def test_a_card_line_says_when_where_which_blanko_and_why():
    assert card_line(card(date(2026, 12, 3))) == \
        "dicetak 3 Des 2026 di Hub Pamulang loket 1, blanko KAB-00000051, alasan baru"
    assert card_line(card(date(2026, 1, 9), "perubahan_data", spoiled=2)) == \
        "dicetak 9 Jan 2026 di Hub Pamulang loket 1, blanko KAB-00000051, alasan perubahan data (2 percobaan rusak)"


def test_a_card_of_today_elsewhere_is_refused_with_where_and_local_time():
    today = same_day([card(TODAY - timedelta(days=30)), card(TODAY)], TODAY)
    assert today is not None and today.day == TODAY
    assert printed_elsewhere(today, JAKARTA) == (
        "KTP-el untuk NIK ini sudah dicetak hari ini (blanko KAB-00000051, di Hub Pamulang loket 1, pukul 10:42). "
        "Cetak ulang hanya dengan persetujuan supervisor.")
    assert same_day([card(TODAY - timedelta(days=1))], TODAY) is None


def test_the_reason_is_warned_not_refused_when_the_history_does_not_fit():
    earlier = [card(TODAY - timedelta(days=200))]
    assert reason_warning(earlier, "baru", TODAY).startswith("Penduduk ini sudah punya KTP-el (dicetak ")
    assert reason_warning(earlier, "hilang", TODAY) is None
    assert reason_warning([], "hilang", TODAY).startswith("Tidak ada KTP-el sebelumnya yang diketahui")
    assert reason_warning([], "rusak", TODAY) is not None
    assert reason_warning([], "baru", TODAY) is None
    # Older than the 400 days a station keeps: no longer held against "baru".
    assert reason_warning([card(TODAY - timedelta(days=401))], "baru", TODAY) is None
