"""The clock's rules: whether the computer's time may be trusted for printing, judged from the
station's last accepted event (the watermark), an unconfirmed jump, and the boot clock's anchor of
this boot. Pure: desktop/services/clock_guard.py reads and keeps the records these rules look at
(its docstring says why each rule exists)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from desktop.domain.text import msg

if TYPE_CHECKING:
    from desktop.boottime import BootReading

MAX_GAP = timedelta(days=1)
SLACK = timedelta(minutes=2)  # a time server nudging the clock is not a problem
DRIFT = 1e-4  # wall and boot clock may part by this fraction of the time between them (NTP slewing)
IN_BOOT_SLACK = timedelta(minutes=15)  # a time server stepping a drifted clock on, once per boot at most


def time_problem(now: datetime, watermark: datetime | None, unconfirmed_since: datetime | None,
                 anchor: tuple[BootReading, datetime] | None, boot: BootReading | None,
                 zone: tzinfo) -> str | None:
    """What is wrong with the time `now` (read with the boot clock `boot`), or None."""
    if watermark is None:
        return None
    if now < watermark - SLACK:
        return msg("Jam komputer ({now}) lebih awal dari kegiatan terakhir yang tercatat ({last}); betulkan "
                   "tanggal dan jam komputer, atau minta supervisor memastikannya, sebelum mencetak.",
                   now=local_text(now, zone), last=local_text(watermark, zone))
    if unconfirmed_since is not None or now > watermark + MAX_GAP:
        return msg("Jam komputer ({now}) lebih dari sehari sesudah kegiatan terakhir yang tercatat ({last}); "
                   "minta supervisor memastikan tanggal dan jam (menu Supervisor) sebelum mencetak.",
                   now=local_text(now, zone), last=local_text(unconfirmed_since or watermark, zone))
    if boot is not None and anchor is not None and boot.same_boot(anchor[0]):
        ran = timedelta(seconds=boot.seconds - anchor[0].seconds)
        moved = now - anchor[1]
        if moved > ran + IN_BOOT_SLACK + ran * DRIFT:
            return msg("Tanggal komputer maju {moved} sejak {last}, padahal komputer baru berjalan {ran}; betulkan "
                       "tanggal dan jam komputer, atau minta supervisor memastikannya (menu Supervisor atau "
                       "ktp-mandiri clock confirm), sebelum mencetak.",
                       moved=duration_text(moved), last=local_text(anchor[1], zone), ran=duration_text(ran))
    return None


def local_text(at: datetime, zone: tzinfo) -> str:
    return at.replace(tzinfo=UTC).astimezone(zone).strftime("%d-%m-%Y %H:%M")


def duration_text(span: timedelta) -> str:
    minutes = max(0, int(span.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return msg("{days} hari {hours} jam", days=days, hours=hours)
    if hours:
        return msg("{hours} jam {minutes} menit", hours=hours, minutes=minutes)
    return msg("{minutes} menit", minutes=minutes)
