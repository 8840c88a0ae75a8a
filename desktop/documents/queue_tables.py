"""The daily reports' "Antrean" section (issue 25): the day's queue figures as two tables, the same at the
station (desktop/services/reports/content.py) and at the regency server (server/reports.py)."""

from __future__ import annotations

from desktop.documents.document import Table
from desktop.domain.queue import SERVICES
from desktop.domain.queue_times import QueueDay, QueueFigures, minutes


def _label(f: QueueFigures) -> str:
    return SERVICES[f.service][0] if f.service in SERVICES else f.service


def queue_tables(title: str, day: QueueDay) -> tuple[Table | str, ...]:
    """Counts per service, then waits (arrive to first call) and service times (serve to end): median and p90."""
    if day.empty:
        return (f"{title}: tidak ada tiket antrean dan tidak ada warga yang ditolak di pintu.",)
    t = day.total
    counts = Table(f"{title}: jumlah", ("Layanan", "Tiket", "Dilayani", "Tidak hadir", "Kehilangan tempat",
                                        "Ditolak di pintu", "Belum selesai"),
                   tuple((_label(f), f.tickets, f.served, f.no_shows, f.lost_places, f.turned_away, f.still_open)
                         for f in day.by_service),
                   total=("Jumlah", t.tickets, t.served, t.no_shows, t.lost_places, t.turned_away, t.still_open),
                   widths=(0.28, 0.1, 0.12, 0.12, 0.14, 0.12, 0.12))
    times = Table(f"{title}: waktu tunggu (tiket sampai dipanggil pertama) dan lama layanan",
                  ("Layanan", "Tunggu median", "Tunggu p90", "Layanan median", "Layanan p90"),
                  (*((_label(f), *_times(f)) for f in day.by_service), ("Semua layanan", *_times(t))),
                  widths=(0.32, 0.17, 0.17, 0.17, 0.17))
    return counts, times


def _times(f: QueueFigures) -> tuple[str, str, str, str]:
    return (minutes(f.wait.median), minutes(f.wait.p90), minutes(f.service_time.median),
            minutes(f.service_time.p90))
