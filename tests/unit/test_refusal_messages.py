"""Refusals say who may act, and a printer's unreadable reply is not called silence."""

from __future__ import annotations

import uuid

import pytest

from desktop.devices.base import Fault, PrinterError
from desktop.devices.registry import open_printer
from desktop.devices.usb import UsbEvolisPrinter
from desktop.errors import UserFacingError
from desktop.services.issuance import PrintRequest
from tests.helpers.fixtures import PAMULANG, add_resident


def test_a_refused_supervisor_is_not_told_to_ask_a_supervisor(station):
    with pytest.raises(UserFacingError) as refused:
        station.services.quota.set_standing_limit(station.supervisor, PAMULANG, 150)
    assert str(refused.value) == ("Pengguna supervisor (supervisor) tidak berwenang untuk tindakan ini; "
                                  "yang berwenang: admin.")


def test_a_refused_operator_is_told_who_may(station):
    with pytest.raises(UserFacingError) as refused:
        station.services.quota.set_today(station.operator, PAMULANG, 150, "antrean panjang")
    assert "yang berwenang: supervisor atau admin." in str(refused.value)


def test_quota_and_stock_refusals_do_not_send_a_supervisor_to_a_supervisor(station):
    nik = add_resident()
    station.services.quota.set_today(station.supervisor, PAMULANG, 0, "libur")
    blockers = " ".join(station.services.residents.verify(nik, (PAMULANG,)).blockers)
    assert "sudah habis" in blockers and "Minta supervisor" not in blockers


def test_a_garbled_reply_mid_card_is_not_called_no_answer(station, monkeypatch):
    from desktop.devices.simulator import forget_simulators

    def garbled(self, job, progress=None):
        raise PrinterError(Fault.GARBLED, "Se: unreadable reply", card_consumed=None)

    monkeypatch.setattr(UsbEvolisPrinter, "print_card", garbled)
    nik = add_resident()
    try:
        with open_printer(f"sim://garbled-{uuid.uuid4().hex[:6]}") as printer, \
                pytest.raises(UserFacingError) as uncertain:
            station.services.issuance.print_card(station.operator, PrintRequest(nik, "baru", frozenset({"kk"})),
                                                 printer)
    finally:
        forget_simulators()
    text = str(uncertain.value)
    assert text.startswith("Jawaban printer tidak dapat dibaca saat mencetak blanko")
    assert "tidak lagi menjawab" not in text
