"""A database error met in the background is told in our words; SQLite's own ("database is locked", "disk
I/O error") stays in the log (issue 19, item 6)."""

from __future__ import annotations

from peewee import OperationalError

from desktop.ui.main_window import MainWindow


def test_a_database_error_shows_one_sentence_without_sqlites_words(qtbot, station, expect_message, expect_log):
    told = expect_message("Database tidak dapat dipakai saat ini.")
    expect_log("unexpected error: database table is locked: print_job")
    window = MainWindow(station.services, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.errors.fatal(OperationalError("database table is locked: print_job"))
    assert told.matched == ["Database tidak dapat dipakai saat ini. Tidak ada data yang hilang; coba lagi sebentar "
                            "lagi. Jika berulang, tutup aplikasi lain yang membuka data ini atau hubungi petugas TI."]
