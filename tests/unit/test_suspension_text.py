"""The regency's suspension sentence is another machine's text: only one printable line of it is kept
(the header, the counter's refusal and the office panel show it as it is stored)."""

from __future__ import annotations

from desktop.settings import LEASE_SUSPENDED


def test_the_suspension_sentence_is_kept_as_one_printable_line_or_not_at_all(station):
    sync, now = station.services.sync, station.clock.now_utc()
    sync._note_suspension("Stasiun dihentikan:\x00 kartu\n\tdi luar hak. " + "x" * 1000, now)
    kept = LEASE_SUSPENDED.get()
    assert kept.startswith("Stasiun dihentikan: kartu di luar hak. x") and len(kept) == 400
    sync._note_suspension(["not", "a", "sentence"], now)  # a wrong type: no suspension, not a crash
    assert LEASE_SUSPENDED.get() is None
    sync._note_suspension(" \n ", now)
    assert LEASE_SUSPENDED.get() is None
