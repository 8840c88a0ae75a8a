"""The office panel's queue block (issue 25, item 5): the day's tickets, outcomes and waits as the
supervisor sees them, from a morning queued through the real QueueService."""

from __future__ import annotations

from tests.gui.test_operator_day import WAIT_MS
from tests.helpers.pages import page_bench
from tests.unit.test_queue_report import queued_morning


def test_the_panel_shows_todays_queue_and_its_waits(qtbot, station_with_sim):
    station = station_with_sim
    bench = page_bench(qtbot, station, station.supervisor)
    page = bench.open("panel")
    qtbot.waitUntil(lambda: page.queue_box.text.text() == "Belum ada tiket antrean hari ini.", timeout=WAIT_MS)

    queued_morning(station)
    page.refresh()

    assert page.queue_box.text.text().splitlines() == [
        "Tiket 3 · dilayani 1 · tidak hadir 1 · belum selesai 1",
        "Ditolak di pintu 1 · kehilangan tempat 0",
        "Tunggu sampai dipanggil: median 16 mnt, p90 20 mnt",
        "Lama layanan: median 7 mnt, p90 7 mnt",
    ]
    assert page.queue_box.isVisible() and page.queue_box.title() == "Antrean hari ini"
