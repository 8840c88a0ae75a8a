"""Who owns a print job: a card printed by a live process is never settled as crashed, a job that sent
nothing is released without a question, and Ctrl-C means what the operator expects at each step.

The processes here are real: `ktp-mandiri print` in its own process on a slow simulated printer,
`ktp-mandiri jobs` from another (the test's, through the entry point), SIGKILL and SIGINT sent for real.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.issuance import PrintRequest
from desktop.store.models import Blanko, BlankoMovement, IssuedCard, PrintJob
from tests.helpers.command_line import run_main
from tests.helpers.fixtures import PAMULANG, add_resident
from tests.helpers.processes import cli_env, start_print, wait_for_job_state

posix_only = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and SIGINT to another process")
SUPERVISOR = cli_env(KTP_MANDIRI_PASSWORD="supervisor123")
REQUEST = {"reason": "baru", "documents": frozenset({"kk"})}


@pytest.fixture(autouse=True)
def _fresh_simulators():
    yield
    forget_simulators()


@pytest.fixture(autouse=True)
def _ctrl_c_as_at_a_terminal():
    """Ctrl-C at a terminal interrupts; a test run started in the background (nohup, a CI runner)
    inherits SIGINT ignored, and so would the print processes it starts (exec keeps an ignored signal)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def blanko_state(serial: str = "BLK-0000001") -> str:
    return Blanko.get(Blanko.serial == serial).state


def settle(data_dir, job: str, outcome: str = "nothing", user: str = "supervisor", password: str = "supervisor123"):
    return run_main(data_dir, "jobs", "settle", job, "--outcome", outcome, "--user", user,
                    KTP_MANDIRI_PASSWORD=password)


def one_sentence(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ktp-mandiri: "), stderr
    return lines[0]


@posix_only
def test_settle_is_refused_while_the_printing_process_lives_and_accepted_after_kill_9(station):
    data = station.services.data_dir
    nik = add_resident()
    proc = start_print(data, nik, "sim://slow?delay=60")
    try:
        wait_for_job_state(data, "printing", proc)
        listed = run_main(data, "jobs", "--json")
        assert listed.returncode == 0, listed.stderr
        [job] = json.loads(listed.stdout)
        assert job["owner"]["pid"] == proc.pid and not job["settleable"]
        assert (job["state"], job["blanko"], job["nik"]) == ("printing", "BLK-0000001", nik)

        refused = settle(data, job["job"])
        assert refused.returncode == 3
        assert "masih berjalan" in one_sentence(refused.stderr) and str(proc.pid) in refused.stderr
        assert "sedang dicetak oleh proses" in run_main(data, "jobs").stdout
        assert blanko_state() == "reserved" and proc.poll() is None
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    listed = json.loads(run_main(data, "jobs", "--json").stdout)
    assert listed[0]["owner"] is None and listed[0]["settleable"]
    operator = settle(data, job["job"][:8], user="operator", password="operator123")
    assert operator.returncode == 1 and "tidak berwenang" in one_sentence(operator.stderr)

    accepted = settle(data, job["job"][:8])
    assert accepted.returncode == 0, accepted.stderr
    assert blanko_state() == "in_stock"
    assert station.services.quota.state(PAMULANG, PrintJob.get().day).in_progress == 0
    assert audit.recent(1, action="print.recovered")[0].details["outcome"] == "nothing"

    again = settle(data, job["job"], outcome="good")
    assert again.returncode == 4 and "sudah diselesaikan" in one_sentence(again.stderr)
    assert IssuedCard.select().count() == 0
    assert "Tidak ada pekerjaan cetak" in run_main(data, "jobs").stdout


def test_a_queued_job_whose_process_is_gone_is_released_by_the_next_command(station, capsys):
    from desktop.app import main

    nik = add_resident()
    # What a process killed between reserving and sending leaves: a queued job, its lock free.
    ticket = station.services.issuance.prepare(station.operator, PrintRequest(nik, **REQUEST), "sim://gone")
    assert blanko_state(ticket.blanko_serial) == "reserved"

    assert main(["--data-dir", str(station.services.data_dir), "jobs"]) == 0
    assert "Tidak ada pekerjaan cetak" in capsys.readouterr().out
    job = PrintJob.get_by_id(ticket.job_id)
    assert (job.state, job.fault) == ("failed", "released")
    assert blanko_state(ticket.blanko_serial) == "in_stock"
    assert station.services.quota.state(PAMULANG).in_progress == 0
    entry = audit.recent(1, action="print.released")[0]
    assert entry.details == {"job": ticket.job_id, "blanko": ticket.blanko_serial, "why": "abandoned"}
    assert entry.username is None  # done by the station itself, not by whoever ran the command


def test_a_queued_job_whose_lock_is_held_is_left_alone(station):
    services = station.services
    nik = add_resident()
    job_id = "0123abcd-0000-4000-8000-000000000001"
    with services.locks.hold(job_id):
        services.issuance.prepare(station.operator, PrintRequest(nik, **REQUEST), "sim://busy", job_id)
        services.jobs.start()  # what another command's start does meanwhile
        [job] = services.jobs.unfinished()
        assert job.state == "queued" and job.owner.pid == os.getpid() and not job.settleable
        with pytest.raises(UserFacingError, match="masih berjalan"):
            services.jobs.settle(station.supervisor, job_id, "nothing")
    services.jobs.start()
    assert PrintJob.get_by_id(job_id).state == "failed" and blanko_state() == "in_stock"


def test_a_job_released_elsewhere_is_never_sent(station):
    services = station.services
    nik = add_resident()
    printer = open_printer("sim://released")
    sim = get_simulator("released")

    def released_meanwhile(ticket):  # e.g. a process that ignored the lock (a network share)
        services.issuance.release(None, ticket.job_id, "abandoned")

    with pytest.raises(UserFacingError, match="sudah dilepas") as raised:
        services.issuance.print_card(station.operator, PrintRequest(nik, **REQUEST), printer,
                                     on_sending=released_meanwhile)
    printer.close()
    assert raised.value.code == "job_released"
    assert sim.cards_started == 0
    assert blanko_state() == "in_stock"
    assert BlankoMovement.select().where(BlankoMovement.kind == "release").count() == 1


def test_nothing_is_reserved_before_the_card_is_rendered(station):
    """Ctrl-C (a real SIGINT) while the card is being rendered leaves no job and no reserved blanko."""
    services = station.services
    nik = add_resident()
    seen = {}
    real_renderer = services.issuance.renderer

    def render_then_ctrl_c(card, bleed_mm=0.0, registration=None):
        seen["jobs"] = PrintJob.select().count()
        seen["reserved"] = Blanko.select().where(Blanko.state != "in_stock").count()
        raster = real_renderer(card, bleed_mm, registration)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the signal interrupts this
        return raster

    services.issuance.renderer = render_then_ctrl_c
    printer = open_printer("sim://render")
    with pytest.raises(KeyboardInterrupt):
        services.issuance.print_card(station.operator, PrintRequest(nik, **REQUEST), printer)
    printer.close()
    assert seen == {"jobs": 0, "reserved": 0}
    assert PrintJob.select().count() == 0
    assert services.stock.summary(services.stations.require().id).in_stock == 10


def test_a_failed_rendering_reserves_nothing(station):
    services = station.services
    nik = add_resident()

    def broken(card, bleed_mm=0.0, registration=None):
        raise OSError("font file unreadable")

    services.issuance.renderer = broken
    printer = open_printer("sim://broken-render")
    with pytest.raises(OSError):
        services.issuance.print_card(station.operator, PrintRequest(nik, **REQUEST), printer)
    printer.close()
    assert PrintJob.select().count() == 0 and blanko_state() == "in_stock"


def test_ctrl_c_after_reserving_but_before_the_first_byte_releases_the_job(station):
    services = station.services
    nik = add_resident()
    printer = open_printer("sim://before-send")
    sim = get_simulator("before-send")

    def ctrl_c(ticket):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)

    with pytest.raises(KeyboardInterrupt):
        services.issuance.print_card(station.operator, PrintRequest(nik, **REQUEST), printer, on_sending=ctrl_c)
    printer.close()
    job = PrintJob.get()
    assert (job.state, job.fault, job.fault_detail) == ("failed", "released", "interrupted")
    assert blanko_state() == "in_stock" and sim.cards_started == 0
    assert audit.recent(1, action="print.released")[0].username == "operator"


@posix_only
def test_ctrl_c_during_a_panel_download_waits_for_the_card_and_records_it(station):
    data = station.services.data_dir
    nik = add_resident()
    proc = start_print(data, nik, "sim://panels?panel_delay=1.5")
    wait_for_job_state(data, "sending", proc)
    time.sleep(0.5)  # `Ss` and `Sr` are answered at once; the first panel's answer takes 1.5 s
    os.kill(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err
    assert "menunggu kartunya keluar" in err
    assert "Tercetak" in out and "BLK-0000001" in out
    assert PrintJob.get().state == "done" and blanko_state() == "issued"
    assert IssuedCard.select().count() == 1


@posix_only
def test_a_second_ctrl_c_during_se_leaves_the_job_for_a_supervisor_and_says_so(station):
    data = station.services.data_dir
    nik = add_resident()
    proc = start_print(data, nik, "sim://se?delay=60")
    wait_for_job_state(data, "printing", proc)
    os.kill(proc.pid, signal.SIGINT)
    time.sleep(1.5)
    assert proc.poll() is None, "the first Ctrl-C must wait for the card"
    os.kill(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    job = PrintJob.get()
    assert f"jobs settle {job.id}" in err and "belum dicatat" in err
    assert job.state == "printing" and blanko_state() == "reserved"
    [listed] = json.loads(run_main(data, "jobs", "--json").stdout)
    assert listed["owner"] is None and listed["settleable"]
    assert settle(data, job.id, outcome="good").returncode == 0
    assert blanko_state() == "issued"


def test_the_wait_for_se_reads_in_slices_so_a_second_ctrl_c_acts_within_a_second():
    """On real USB a read blocks Python's signal handlers until it returns: never for minutes."""
    from desktop.devices.evolis import ACK, frame
    from desktop.devices.evolis_session import EvolisSession

    class PrinterStillPrinting:  # the transport of a printer that answers `Se` after a while
        def __init__(self) -> None:
            self.timeouts: list[float] = []

        def write(self, data: bytes) -> None:
            pass

        def read(self, timeout: float) -> bytes:
            self.timeouts.append(timeout)
            return bytes([ACK]) if len(self.timeouts) == 5 else b""

    transport = PrinterStillPrinting()
    assert EvolisSession(transport).exchange(frame("Se"), text=False, timeout=120).ack
    assert len(transport.timeouts) == 5 and max(transport.timeouts) <= 1.0
