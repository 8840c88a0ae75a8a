"""The ticket's paper from the UI (issue 25 item 3): the station's TICKET_PRINTER read, the ticket printed on its
lane, and whether the paper came out recorded on the ticket (`printed`), the caller told the outcome."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.services.queue import Issued
from desktop.store.models import QueueTicket
from desktop.ui.operations.tickets import print_paper, ticket_lane
from tests.helpers.fixtures import make_station
from tests.helpers.pages import page_bench
from tests.helpers.platforms import force_platform
from tests.helpers.tickets import pdf_qr_codes


@pytest.fixture
def desk(tmp_path):
    """A station that can promise places on a Monday morning (blanko, a printer, rights)."""
    st = make_station(tmp_path, blanko=10, printers=["sim://tickets"], at=datetime(2026, 12, 7, 8, 0))
    yield st
    st.services.close()


def _issued(station):
    issued = station.services.queue.issue(station.supervisor, "baru")
    assert isinstance(issued, Issued), issued
    return issued.ticket


def test_a_ticket_printed_into_a_pdf_folder_is_recorded_as_printed(qtbot, desk, tmp_path):
    folder = tmp_path / "karcis"
    folder.mkdir()
    desk.services.queue.configure(desk.supervisor, ticket_printer=f"pdf://{folder}?paper=58")
    view = _issued(desk)
    bench = page_bench(qtbot, desk)
    outcomes = []

    print_paper(bench.ops, desk.services, view, outcomes.append)

    assert [o.printed for o in outcomes] == [True]
    assert QueueTicket.get_by_id(view.ticket_id).printed
    [pdf] = folder.iterdir()
    assert pdf_qr_codes(pdf, tmp_path) == [view.ticket_id]


def test_a_ticket_that_did_not_come_out_is_recorded_so_and_the_caller_told_why(qtbot, desk, tmp_path):
    desk.services.queue.configure(desk.supervisor, ticket_printer=f"pdf://{tmp_path / 'tidak-ada'}")
    view = _issued(desk)
    bench = page_bench(qtbot, desk)
    outcomes = []

    print_paper(bench.ops, desk.services, view, outcomes.append)

    [outcome] = outcomes
    assert not outcome.printed and outcome.why.startswith("Folder karcis")
    assert not QueueTicket.get_by_id(view.ticket_id).printed


def test_on_screen_only_prints_nothing(qtbot, desk):
    view = _issued(desk)
    bench = page_bench(qtbot, desk)
    outcomes = []

    print_paper(bench.ops, desk.services, view, outcomes.append)

    assert [(o.printed, o.why) for o in outcomes] == [(False, None)]


def test_on_windows_a_print_queue_ticket_shares_the_pdf_lane(monkeypatch):
    force_platform(monkeypatch, "windows")
    assert ticket_lane("spooler://POS80") == "pdf" and ticket_lane("escpos-usb://0416:5011") == "ticket"
    force_platform(monkeypatch, "linux")
    assert ticket_lane("spooler://POS80") == "ticket"
