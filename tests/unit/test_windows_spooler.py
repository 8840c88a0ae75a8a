"""Windows' print spooler as the station reads it (desktop/devices/windows_spooler.py, pure): the page
from the driver's own sizes, the job's status bits turned into the card's outcome, the printer checked
before a card is sent, Windows' virtual printers left out; and the winspool structures' x64 layout
(desktop/devices/winspool_api.py) with an enumeration through a stand-in winspool.drv."""

from __future__ import annotations

import ctypes

import pytest

from desktop.devices import winspool_api
from desktop.devices.windows_spooler import (
    ATTRIBUTE_WORK_OFFLINE,
    JOB_BLOCKED_DEVQ,
    JOB_COMPLETE,
    JOB_DELETED,
    JOB_DELETING,
    JOB_ERROR,
    JOB_OFFLINE,
    JOB_PAPEROUT,
    JOB_PAUSED,
    JOB_PRINTED,
    JOB_PRINTING,
    JOB_SPOOLING,
    JOB_USER_INTERVENTION,
    PRINTER_OFFLINE,
    PRINTER_PAPER_OUT,
    PRINTER_PAUSED,
    JobWatch,
    Outcome,
    Paper,
    choose_page,
    is_virtual_printer,
    page_matches,
    printer_problem,
)

CR80_PORTRAIT = Paper("CR80", 53.98, 85.60, 256)  # as card drivers list it
LETTER, A4 = Paper("Letter", 215.9, 279.4, 1), Paper("A4", 210.0, 297.0, 9)


def test_the_drivers_portrait_cr80_is_chosen_and_turned_landscape():
    choice = choose_page([LETTER, A4, CR80_PORTRAIT])
    assert choice is not None and choice.paper == CR80_PORTRAIT and choice.landscape
    assert choice.size_mm() == (85.60, 53.98)


def test_a_landscape_listed_card_size_within_a_few_tenths_is_taken_as_it_is():
    listed = Paper("Card 3.375x2.125in", 85.725, 53.975)  # inch sizes, 0.125 mm off
    choice = choose_page([A4, listed])
    assert choice is not None and choice.paper == listed and not choice.landscape


def test_the_closest_of_two_card_sizes_wins_and_one_too_far_is_refused():
    near, nearer = Paper("CR80 (driver)", 54.2, 85.8), Paper("CR80", 54.0, 85.6)
    assert choose_page([near, nearer]).paper == nearer
    assert choose_page([Paper("CR79", 52.0, 84.0), A4]) is None
    assert choose_page([Paper("almost", 54.3, 85.6)]) is None  # 0.32 mm off


def test_the_bleed_needs_the_drivers_larger_page():
    bleed_page = Paper("CR80 overlap 1mm", 55.98, 87.60)
    assert choose_page([CR80_PORTRAIT], bleed_mm=1.0) is None
    choice = choose_page([CR80_PORTRAIT, bleed_page], bleed_mm=1.0)
    assert choice.paper == bleed_page and choice.landscape


def test_the_page_reported_after_the_choice_is_checked():
    assert page_matches((85.6, 53.98)) and page_matches((85.8, 54.1))
    assert not page_matches((53.98, 85.6))  # the orientation was not applied
    assert page_matches((87.6, 55.98), bleed_mm=1.0) and not page_matches((85.6, 53.98), bleed_mm=1.0)


def watch() -> JobWatch:
    return JobWatch(started_at=0.0, start_timeout=120.0, print_timeout=300.0)


def outcomes(watcher: JobWatch, steps) -> list[tuple[Outcome, str]]:
    return [(v.outcome, str(v.shown)) for v in (watcher.observe(status, now) for now, status in steps)]


def test_seen_printing_then_gone_is_issued():
    assert outcomes(watch(), [(1, JOB_SPOOLING), (2, JOB_PRINTING), (3, None)])[-1] == (Outcome.ISSUED, "")


@pytest.mark.parametrize("final", [JOB_PRINTED, JOB_COMPLETE, JOB_PRINTED | JOB_COMPLETE])
def test_printed_or_completed_is_issued(final):
    assert outcomes(watch(), [(1, JOB_PRINTING), (2, final)])[-1][0] is Outcome.ISSUED
    assert watch().observe(final, 1).outcome is Outcome.ISSUED  # seen at once, printing missed between polls


@pytest.mark.parametrize("cancel", [JOB_DELETING, JOB_DELETED, JOB_DELETING | JOB_SPOOLING])
def test_cancelled_before_it_printed_gives_the_blanko_back(cancel):
    assert outcomes(watch(), [(1, JOB_SPOOLING), (5, cancel)])[-1][0] is Outcome.RELEASED


def test_cancelled_while_printing_or_gone_unseen_is_the_supervisors_decision():
    assert outcomes(watch(), [(1, JOB_PRINTING), (2, JOB_DELETING | JOB_PRINTING)])[-1][0] is Outcome.SUPERVISOR
    gone = outcomes(watch(), [(1, JOB_SPOOLING), (2, None)])[-1]
    assert gone == (Outcome.SUPERVISOR, "pekerjaan hilang dari antrian sebelum terlihat dicetak")


@pytest.mark.parametrize(("bits", "shown"), [
    (JOB_PAPEROUT, "printer kehabisan kartu"),
    (JOB_OFFLINE, "printer offline"),
    (JOB_ERROR, "printer melaporkan galat"),
    (JOB_BLOCKED_DEVQ, "driver printer menahan pekerjaan"),
    (JOB_USER_INTERVENTION, "printer menunggu tindakan petugas"),
    (JOB_ERROR | JOB_PAPEROUT | JOB_PRINTING, "printer kehabisan kartu"),
    (JOB_PAUSED, "antrian printer dijeda"),
    (JOB_PAUSED | JOB_SPOOLING, "antrian printer dijeda"),
])
def test_a_printer_needing_attention_is_shown_and_the_job_still_waits(bits, shown):
    assert outcomes(watch(), [(1, JOB_SPOOLING), (2, bits)])[-1] == (Outcome.WAITING, shown)


def test_a_job_stuck_past_its_time_out_is_the_supervisors_decision():
    never_started = watch()
    assert never_started.observe(JOB_PAUSED, 119).outcome is Outcome.WAITING
    assert never_started.observe(JOB_PAUSED, 121).outcome is Outcome.SUPERVISOR
    stuck = watch()
    assert stuck.observe(JOB_PRINTING, 100).outcome is Outcome.WAITING
    assert stuck.observe(JOB_PRINTING | JOB_PAPEROUT, 399).outcome is Outcome.WAITING  # 300 s after it started printing
    assert stuck.observe(JOB_PRINTING, 401).outcome is Outcome.SUPERVISOR


@pytest.mark.parametrize(("status", "attributes", "jobs", "problem"), [
    (0, 0, 0, None),
    (PRINTER_PAUSED, 0, 0, "antrian printer dijeda"),
    (PRINTER_OFFLINE, 0, 0, "printer offline"),
    (PRINTER_PAPER_OUT | PRINTER_OFFLINE, 0, 0, "printer offline"),
    (0, ATTRIBUTE_WORK_OFFLINE, 0, "printer diatur 'Use Printer Offline' di Windows"),
    (0, 0, 2, "2 pekerjaan lain masih di antrian printer"),
])
def test_the_printer_is_checked_before_a_card_is_sent(status, attributes, jobs, problem):
    assert printer_problem(status, attributes, jobs) == problem


@pytest.mark.parametrize(("port", "driver", "virtual"), [
    ("PORTPROMPT:", "Microsoft Print To PDF", True),
    ("USB001", "Microsoft Print To PDF", True),
    ("XPSPort:", "Microsoft XPS Document Writer v4", True),
    ("nul:", "Send to Microsoft OneNote 16 Driver", True),
    ("SHRFAX:", "Microsoft Shared Fax Driver", True),
    ("portprompt:", "Some Driver", True),
    ("USB001", "Fargo HDP5000 Card Printer", False),
    ("USB002", "Evolis Primacy 2", False),
    ("WSD-1234,USB003", "Zebra ZXP Series 7", False),
])
def test_windows_own_virtual_printers_are_not_card_printers(port, driver, virtual):
    assert is_virtual_printer(port, driver) is virtual


def test_printer_info_2w_has_the_x64_layout():
    s = winspool_api.PRINTER_INFO_2W
    assert ctypes.sizeof(s) == 136
    assert [getattr(s, name).offset for name in ("pPrinterName", "pPortName", "pDriverName", "pDevMode",
                                                 "pSecurityDescriptor", "Attributes", "Status", "cJobs",
                                                 "AveragePPM")] == [8, 24, 32, 56, 96, 104, 124, 128, 132]


def test_job_info_1w_has_the_x64_layout():
    s = winspool_api.JOB_INFO_1W
    assert ctypes.sizeof(s) == 96 and ctypes.sizeof(winspool_api.SYSTEMTIME) == 16
    assert [getattr(s, name).offset for name in ("JobId", "pPrinterName", "pDocument", "pStatus", "Status",
                                                 "Priority", "PagesPrinted", "Submitted")] == \
        [0, 8, 32, 48, 56, 60, 72, 76]


class StandInWinspool:
    """EnumPrintersW as winspool.drv answers it: the size first, then the structures and their strings."""

    def __init__(self, rows: list[tuple[str, str, str, int, int]]) -> None:
        self.rows = rows
        self.keep: list = []

    def EnumPrintersW(self, flags, name, level, buffer, size, needed, returned):
        width = ctypes.sizeof(winspool_api.PRINTER_INFO_2W)
        needed._obj.value = width * len(self.rows)
        if buffer is None or size < needed._obj.value:
            return 0
        for index, (printer, port, driver, status, jobs) in enumerate(self.rows):
            info = winspool_api.PRINTER_INFO_2W.from_buffer(buffer, index * width)
            strings = [ctypes.create_unicode_buffer(text) for text in (printer, port, driver)]
            self.keep += strings
            info.pPrinterName, info.pPortName, info.pDriverName = (ctypes.cast(s, ctypes.c_wchar_p) for s in strings)
            info.Status, info.cJobs = status, jobs
        returned._obj.value = len(self.rows)
        return 1


def test_the_printer_list_leaves_out_windows_virtual_printers(monkeypatch):
    monkeypatch.setattr(winspool_api, "_winspool", StandInWinspool([
        ("Microsoft Print to PDF", "PORTPROMPT:", "Microsoft Print To PDF", 0, 0),
        ("Fargo HDP5000", "USB001", "HID FARGO HDP5000 Card Printer", PRINTER_PAUSED, 1),
        ("OneNote (Desktop)", "nul:", "Send to Microsoft OneNote 16 Driver", 0, 0),
        ("Fax", "SHRFAX:", "Microsoft Shared Fax Driver", 0, 0),
    ]))
    assert [p.name for p in winspool_api.printers()] == ["Microsoft Print to PDF", "Fargo HDP5000",
                                                         "OneNote (Desktop)", "Fax"]
    (fargo,) = winspool_api.card_printers()
    assert (fargo.name, fargo.port, fargo.status, fargo.jobs) == ("Fargo HDP5000", "USB001", PRINTER_PAUSED, 1)
    assert printer_problem(fargo.status, fargo.attributes, fargo.jobs) == "antrian printer dijeda"
