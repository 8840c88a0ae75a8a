"""The queue's waits and counts in the station's daily report (issue 25, item 5): a morning queued through
the real QueueService on an injected clock, the report's PDF read back."""

from __future__ import annotations

import shutil

import pytest

from desktop.services import queue_figures
from desktop.services.queue import Issued, TurnedAway
from tests.helpers.fixtures import Station
from tests.unit.test_reports import _make, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def queued_morning(station: Station) -> None:
    """Three tickets and one refusal: B-001 waits 12 min and is served in 7, H-002 waits 20 min and does
    not come, B-003 is still waiting; then a NIK that cannot be printed is turned away."""
    queue, clock, operator = station.services.queue, station.clock, station.operator
    issued = [queue.issue(operator, service) for service in ("baru", "hilang", "baru")]
    assert all(isinstance(i, Issued) for i in issued), issued
    first, second, _third = (i.ticket for i in issued)
    clock.advance(minutes=12)
    assert queue.call_next(operator).ticket_id == first.ticket_id
    clock.advance(minutes=1)
    queue.serve(operator, first.ticket_id)
    clock.advance(minutes=7)
    queue.end(operator, first.ticket_id)
    assert queue.call_next(operator).ticket_id == second.ticket_id
    clock.advance(minutes=2)
    queue.no_show(operator, second.ticket_id)
    refused = queue.issue(operator, "rusak", nik="3674060000000000")  # not a NIK that can be read
    assert isinstance(refused, TurnedAway)


def test_the_daily_report_shows_the_queue_counts_and_waits(station_with_sim, tmp_path):
    queued_morning(station_with_sim)
    day = queue_figures.day_figures(station_with_sim.clock.today())
    assert (day.total.tickets, day.total.served, day.total.no_shows, day.total.turned_away) == (3, 1, 1, 1)

    text = pdf_text(_make(station_with_sim, "daily", kecamatan="36.74.06").data, tmp_path)

    section = text.split("8. Antrean stasiun (semua kecamatan yang dilayani): jumlah")[1]
    counted, timed = section.split("8. Antrean stasiun (semua kecamatan yang dilayani): waktu tunggu")
    counts = {line.split()[0]: line.split()[-6:] for line in counted.splitlines()
              if line.strip().startswith(("KTP-el baru", "Hilang", "Rusak", "Jumlah"))}
    # Tiket, Dilayani, Tidak hadir, Kehilangan tempat, Ditolak di pintu, Belum selesai
    assert counts["KTP-el"] == ["2", "1", "0", "0", "0", "1"]
    assert counts["Hilang"] == ["1", "0", "1", "0", "0", "0"]
    assert counts["Rusak"] == ["0", "0", "0", "0", "1", "0"]
    assert counts["Jumlah"] == ["3", "1", "1", "0", "1", "1"]
    waits = next(line.split() for line in timed.splitlines() if line.strip().startswith("Semua layanan"))
    # The waits of B-001 (12 min) and H-002 (20 min): median 16, p90 20; B-001 served in 7 min.
    assert waits[-8:] == ["16", "mnt", "20", "mnt", "7", "mnt", "7", "mnt"]


def test_a_day_without_a_queue_says_so(station, tmp_path):
    text = pdf_text(_make(station, "daily", kecamatan="36.74.06").data, tmp_path, layout=False)
    assert "tidak ada tiket antrean dan tidak ada warga yang ditolak di pintu" in " ".join(text.split())
