"""spooler:// against a real CUPS (a private `cupsd -f`, tests/helpers/cups_server.py).

What arrives at the queue's `file:` device is read back with poppler (pdfinfo, pdfimages, pdftoppm),
and each job state CUPS reports is followed to the outcome the station records.
"""

from __future__ import annotations

import re
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop.devices import cups
from desktop.devices.base import CardJob, Fault, PrinterError, PrinterState
from desktop.devices.registry import discover, make_printer, open_printer
from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardRaster
from desktop.errors import UserFacingError
from tests.helpers.usb_fake import card_array, card_job, card_raster

WAIT_S = 20


def _arrived(server, queue: str) -> Path:
    path = server.output(queue)
    deadline = time.monotonic() + WAIT_S
    while not (path.exists() and path.stat().st_size and path.read_bytes().rstrip().endswith(b"%%EOF")):
        assert time.monotonic() < deadline, f"nothing arrived at {queue}: {server.log_tail()}"
        time.sleep(0.1)
    return path


def _page_size_mm(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert pages and pages.group(1) == "1", info
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups()
    return float(w) * 25.4 / 72, float(h) * 25.4 / 72


def _images(pdf: Path, tmp_path: Path) -> tuple[list[list[str]], list[np.ndarray]]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    subprocess.run(["pdfimages", "-png", str(pdf), str(tmp_path / "img")], check=True)
    images = [np.asarray(Image.open(p).convert("RGB")) for p in sorted(tmp_path.glob("img-*.png"))]
    return rows, images


def _page_pixels(pdf: Path, tmp_path: Path) -> np.ndarray:
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    return np.asarray(Image.open(tmp_path / "page.png").convert("RGB"))


def _bled(card: np.ndarray, pixels: int) -> np.ndarray:
    """The test card with `pixels` of bleed: the card's own edge colours continued outwards."""
    return np.pad(card, ((pixels, pixels), (pixels, pixels), (0, 0)), mode="edge")


def test_card_arrives_at_the_exact_card_size_with_its_pixels_unscaled(cups_queues, tmp_path, monkeypatch):
    import tempfile

    written, real_mkstemp = [], tempfile.mkstemp

    def recording_mkstemp(*args, **kwargs):
        fd, path = real_mkstemp(*args, **kwargs)
        written.append(Path(path))
        return fd, path

    monkeypatch.setattr(tempfile, "mkstemp", recording_mkstemp)
    printer = open_printer("spooler://kartu")
    steps = []
    printer.print_card(card_job(), steps.append)
    # The page with the personal data was a private file, gone as soon as CUPS had its copy.
    assert len(written) == 1 and not written[0].exists()
    pdf = _arrived(cups_queues, "kartu")
    width, height = _page_size_mm(pdf)
    assert width == pytest.approx(85.60, abs=0.02) and height == pytest.approx(53.98, abs=0.02)
    rows, images = _images(pdf, tmp_path)
    # One picture, 1011 x 638 at 300 ppi: nothing was scaled or fitted on the way through CUPS.
    assert [(r[3], r[4], r[12], r[13]) for r in rows] == [("1011", "638", "300", "300")]
    assert np.array_equal(images[0], card_array())  # stored losslessly: the very pixels
    page = _page_pixels(pdf, tmp_path).astype(int)
    assert abs(page.shape[1] - CARD_WIDTH_PX) <= 1 and page.shape[0] == CARD_HEIGHT_PX
    card = card_array().astype(int)
    # The page shows the card where it belongs: its text bars and colour block at their places.
    assert np.abs(page[:, :CARD_WIDTH_PX] - card).mean() < 8
    assert (page[62:78, 42:298] < 60).all() and np.abs(page[200, 800] - (200, 60, 110)).max() < 12
    assert [s.step for s in steps] == ["sending", "printing", "done"]
    assert printer.counters() == {"cards_printed": 1}
    assert printer.status().state is PrinterState.READY


def test_a_queue_that_declares_the_card_upright_gets_it_turned_not_scaled(cups_queues, tmp_path):
    open_printer("spooler://kartu-tegak").print_card(card_job())
    pdf = _arrived(cups_queues, "kartu-tegak")
    width, height = _page_size_mm(pdf)
    assert width == pytest.approx(53.98, abs=0.02) and height == pytest.approx(85.60, abs=0.02)
    rows, images = _images(pdf, tmp_path)
    assert [(r[3], r[4], r[12], r[13]) for r in rows] == [("1011", "638", "300", "300")]
    assert np.array_equal(images[0], card_array())
    page = _page_pixels(pdf, tmp_path).astype(int)
    # CUPS turns the landscape card a quarter turn onto the upright page, whole and at its size.
    assert abs(page.shape[0] - CARD_WIDTH_PX) <= 1 and abs(page.shape[1] - CARD_HEIGHT_PX) <= 1
    turned = np.rot90(card_array(), k=1).astype(int)  # the card's top edge on the page's left
    h, w = min(page.shape[0], CARD_WIDTH_PX), min(page.shape[1], CARD_HEIGHT_PX)
    assert np.abs(page[:h, :w] - turned[:h, :w]).mean() < 8


def test_bleed_draws_past_the_trim_on_a_page_as_much_larger(cups_queues, tmp_path):
    printer = open_printer("spooler://kartu-bleed?bleed=1")
    assert printer.bleed_mm == 1.0
    bled = _bled(card_array(), 12)  # 1 mm = 11.8 px, rounded to whole pixels on every side
    printer.print_card(CardJob("bleed", CardRaster(bled.shape[1], bled.shape[0], bled.tobytes())))
    pdf = _arrived(cups_queues, "kartu-bleed")
    width, height = _page_size_mm(pdf)
    assert width == pytest.approx(87.60, abs=0.02) and height == pytest.approx(55.98, abs=0.02)
    rows, images = _images(pdf, tmp_path)
    assert [(r[3], r[4], r[12], r[13]) for r in rows] == [("1035", "662", "300", "300")]
    assert np.array_equal(images[0], bled)
    with pytest.raises(ValueError):  # a card without its bleed would be printed off-centre: refused
        printer.print_card(card_job())


def test_a_queue_without_the_card_page_is_refused_before_anything_is_sent(cups_queues):
    for uri in ("spooler://a4", "spooler://kartu?bleed=1"):
        with pytest.raises(UserFacingError) as refused:
            open_printer(uri)
        assert refused.value.code == "queue_page_size"
        assert "tidak punya ukuran kertas kartu" in str(refused.value)
    time.sleep(0.5)
    assert not cups_queues.output("a4").exists() and not cups_queues.output("kartu").exists()


def test_a_queue_that_does_not_exist_is_a_user_facing_error(cups_queues):
    with pytest.raises(UserFacingError) as caught:
        open_printer("spooler://Tidak%20Ada")
    assert str(caught.value).startswith("Printer 'spooler://Tidak%20Ada' tidak ditemukan di sistem")
    assert make_printer("spooler://Tidak%20Ada").status().state is PrinterState.DISCONNECTED


def test_listing_finds_the_queues_with_their_state(cups_queues):
    found = {p.uri: p for p in discover()}
    assert {"spooler://kartu", "spooler://kartu-bleed", "spooler://a4"} <= set(found)
    assert found["spooler://kartu"].status.state is PrinterState.READY
    assert found["spooler://kartu"].description == "KTP-el test card printer kartu (spooler)"


def _fails(uri: str, job: CardJob | None = None) -> PrinterError:
    printer = open_printer(uri)
    with pytest.raises(PrinterError) as failed:
        printer.print_card(job or card_job())
    return failed.value


def test_a_job_the_queue_aborts_after_it_started_is_left_for_settlement(cups_queues):
    error = _fails("spooler://putus")  # the device cannot be reached: CUPS aborts the job
    assert (error.fault, error.card_consumed) == (Fault.QUEUE_FAILED, True)
    assert "aborted after it started" in error.detail


@pytest.mark.parametrize("queue", ["macet", "rusak"])
def test_a_job_that_never_completes_is_cancelled_and_left_for_settlement(cups_queues, queue):
    """macet: the driver never finishes; rusak: the driver fails and CUPS stops the job."""
    seen = []
    printer = open_printer(f"spooler://{queue}?timeout=2")
    with pytest.raises(PrinterError) as failed:
        printer.print_card(card_job(), seen.append)
    assert (failed.value.fault, failed.value.card_consumed) == (Fault.QUEUE_FAILED, True)
    queue_job = seen[0].extra["queue_job"]
    # The station cancelled it: it cannot print later, after a supervisor settled the card.
    assert cups.job(queue, queue_job).state is cups.JobState.CANCELED


def _behind_a_busy_job(cups_queues, uri: str):
    """Start printing on `macet` while another job occupies it, so ours waits in the queue."""
    cups.submit("macet", str(_blocker_pdf(cups_queues)), "blocker", {"media": "CR80"})
    printer = open_printer(uri)
    outcome, steps = [], []

    def run() -> None:
        try:
            printer.print_card(card_job(), steps.append)
            outcome.append(None)
        except PrinterError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + WAIT_S
    while not steps:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return printer, worker, outcome, steps


def _blocker_pdf(server) -> Path:
    from desktop.devices.cups_spooler import card_pdf

    path = server.root / "blocker.pdf"
    path.write_bytes(card_pdf([card_raster()]))
    return path


def test_a_job_cancelled_in_the_queue_before_it_started_releases_the_blanko(cups_queues):
    _, worker, outcome, steps = _behind_a_busy_job(cups_queues, "spooler://macet?start=60")
    queue_job = steps[0].extra["queue_job"]
    assert cups.job("macet", queue_job).state is cups.JobState.PENDING
    cups.cancel("macet", queue_job)  # what `cancel` or the printer's queue window would do
    worker.join(WAIT_S)
    error = outcome[0]
    assert (error.fault, error.card_consumed) == (Fault.QUEUE_CANCELLED, False)
    assert [s.step for s in steps] == ["sending"]  # it never reached the printer


def test_the_station_cancelling_a_waiting_card_releases_it(cups_queues):
    printer, worker, outcome, steps = _behind_a_busy_job(cups_queues, "spooler://macet?start=60")
    printer.cancel()
    worker.join(WAIT_S)
    assert (outcome[0].fault, outcome[0].card_consumed) == (Fault.QUEUE_CANCELLED, False)
    assert cups.job("macet", steps[0].extra["queue_job"]).state is cups.JobState.CANCELED


def test_a_job_the_queue_does_not_start_in_time_is_cancelled_and_released(cups_queues):
    _, worker, outcome, steps = _behind_a_busy_job(cups_queues, "spooler://macet?start=2")
    worker.join(WAIT_S)
    error = outcome[0]
    assert (error.fault, error.card_consumed) == (Fault.QUEUE_WAITING, False)
    assert cups.job("macet", steps[0].extra["queue_job"]).state is cups.JobState.CANCELED


def test_a_printer_the_driver_reports_out_of_cards_needs_attention_and_gets_nothing(cups_queues):
    printer = open_printer("spooler://habis")
    status = printer.status()
    assert (status.state, status.fault) == (PrinterState.ATTENTION, Fault.NO_CARD)
    with pytest.raises(PrinterError) as refused:
        printer.print_card(card_job())
    assert (refused.value.fault, refused.value.card_consumed) == (Fault.NO_CARD, False)
    assert cups.job("habis", 1) is None


def test_a_stopped_queue_is_refused_without_queueing_anything(cups_queues):
    printer = open_printer("spooler://jeda")
    status = printer.status()
    assert status.state is PrinterState.ATTENTION and "stopped" in status.detail
    with pytest.raises(PrinterError) as refused:
        printer.print_card(card_job())
    assert (refused.value.fault, refused.value.card_consumed) == (Fault.QUEUE_WAITING, False)
    assert cups.job("jeda", 1) is None


# -- the queue's verdict in the station's books ----------------------------------------------------

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


def _blanko_of_last_job() -> tuple[str, str]:
    from desktop.store.models import PrintJob

    job = PrintJob.select().order_by(PrintJob.created_at.desc()).first()
    return job.state, job.blanko.state


def test_completed_is_issued_with_the_print_layer_the_queue_received(cups_queues, station, qapp, tmp_path):
    from desktop.services.issuance import PrintRequest
    from desktop.store.models import IssuedCard
    from tests.helpers.fixtures import add_resident

    nik = add_resident()
    printer = open_printer("spooler://kartu")
    result = station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    assert IssuedCard.get().blanko.serial == result.blanko_serial
    assert _blanko_of_last_job() == ("done", "issued")
    card = station.services.residents.card_data(station.services.residents.find(nik), "KOTA TANGERANG SELATAN",
                                                station.clock.today())
    layer = station.services.issuance.renderer(card, 0.0)
    _, images = _images(_arrived(cups_queues, "kartu"), tmp_path)
    assert images[0].tobytes() == layer.rgb  # the print layer, byte for byte: no blanko art, no scaling


def test_a_retransfer_queue_gets_the_card_rendered_past_its_edges(cups_queues, station, qapp, tmp_path):
    from desktop.services.issuance import PrintRequest
    from tests.helpers.fixtures import add_resident

    nik = add_resident()
    station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST),
                                         open_printer("spooler://kartu-bleed?bleed=1"))
    rows, images = _images(_arrived(cups_queues, "kartu-bleed"), tmp_path)
    assert images[0].shape == (638 + 24, 1011 + 24, 3)
    card = station.services.residents.card_data(station.services.residents.find(nik), "KOTA TANGERANG SELATAN",
                                                station.clock.today())
    trim = station.services.issuance.renderer(card, 0.0)
    assert np.array_equal(images[0][12:-12, 12:-12], np.frombuffer(trim.rgb, np.uint8).reshape(638, 1011, 3))


def test_an_aborted_job_leaves_the_card_for_a_supervisor(cups_queues, station, qapp):
    from desktop.services.issuance import PrintRequest
    from tests.helpers.fixtures import add_resident

    nik = add_resident()
    with pytest.raises(UserFacingError) as uncertain:
        station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST),
                                             open_printer("spooler://putus"))
    assert uncertain.value.code == "print_uncertain"
    assert str(uncertain.value).startswith("Antrean printer sistem operasi menghentikan pekerjaan")
    state, blanko = _blanko_of_last_job()
    assert state in ("sending", "printing") and blanko == "reserved"  # held until a supervisor settles it


def test_a_job_cancelled_before_it_started_puts_the_blanko_back(cups_queues, station, qapp):
    from desktop.services.issuance import PrintFailed, PrintRequest
    from tests.helpers.fixtures import add_resident

    cups.submit("macet", str(_blocker_pdf(cups_queues)), "blocker", {"media": "CR80"})
    nik = add_resident()
    with pytest.raises(PrintFailed) as failed:
        station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST),
                                             open_printer("spooler://macet?start=1"))
    assert (failed.value.fault, failed.value.card_consumed) == (Fault.QUEUE_WAITING, False)
    assert "kembali ke stok" in str(failed.value)
    assert _blanko_of_last_job() == ("failed", "in_stock")


def _server_env(cups_queues) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, "CUPS_SERVER": str(cups_queues.socket), "KTP_MANDIRI_PASSWORD": "operator123"}


def test_the_command_line_prints_through_the_spooler_on_a_machine_without_display(cups_queues, tmp_path):
    import sys

    from tests.helpers.fixtures import add_resident, make_station

    station = make_station(tmp_path)
    niks = [add_resident(), add_resident(serial=2)]
    data = str(station.services.data_dir)
    station.services.close()
    root = Path(__file__).resolve().parents[2]

    def cli(nik: str, printer: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(root / "main.py"), "--data-dir", data, "print", nik, "--reason", "hilang",
             "--user", "operator", "--documents", "all", "--letter-number", "LP/1/XI/2026", "--printer", printer],
            capture_output=True, text=True, env=_server_env(cups_queues), timeout=120, cwd=root)

    done = cli(niks[0], "spooler://kartu")
    assert done.returncode == 0, done.stderr
    assert "Tercetak: SITI RAHMAWATI" in done.stdout and _arrived(cups_queues, "kartu").exists()
    refused = cli(niks[1], "spooler://a4")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "tidak punya ukuran kertas kartu" in refused.stderr


# -- a queue paused while the card waits or prints (issue 24 item 7) -------------------------------

SHOWN_WITHIN_S = 10  # the operator learns of a paused queue within this, not at the 300 s time-out


@pytest.fixture
def pause(cups_queues):
    """`cupsdisable QUEUE` as an administrator (or the printer's own window) would; enabled again after."""
    paused = []

    def pause_queue(queue: str) -> None:
        subprocess.run(["cupsdisable", queue], check=True, capture_output=True)
        paused.append(queue)

    yield pause_queue
    for queue in paused:
        subprocess.run(["cupsenable", queue], check=True, capture_output=True)


def _shown(steps: list, within: float = SHOWN_WITHIN_S):
    deadline = time.monotonic() + within
    while not any(s.step == "waiting" for s in steps):
        assert time.monotonic() < deadline, [s.step for s in steps]
        time.sleep(0.05)
    return next(s for s in steps if s.step == "waiting")


def test_a_queue_paused_while_the_card_waits_is_shown_at_once_and_cancelling_releases_it(cups_queues, pause):
    printer, worker, outcome, steps = _behind_a_busy_job(cups_queues, "spooler://macet?start=60")
    pause("macet")
    waiting = _shown(steps)
    assert waiting.extra["shown"] == "antrian printer dijeda" and waiting.extra["paused"] is True
    assert worker.is_alive()  # still waiting: the operator chooses
    printer.cancel()  # "Batalkan kartu"
    worker.join(WAIT_S)
    assert (outcome[0].fault, outcome[0].card_consumed) == (Fault.QUEUE_CANCELLED, False)
    assert cups.job("macet", waiting.extra["queue_job"]).state is cups.JobState.CANCELED


def test_a_queue_paused_while_the_card_prints_is_shown_and_resuming_goes_on(cups_queues, pause):
    printer = open_printer("spooler://macet?timeout=60")
    outcome, steps = [], []
    worker = threading.Thread(target=lambda: _run(printer, steps, outcome))
    worker.start()
    deadline = time.monotonic() + WAIT_S
    while not any(s.step == "printing" for s in steps):
        assert time.monotonic() < deadline and worker.is_alive(), [s.step for s in steps]
        time.sleep(0.05)
    pause("macet")
    waiting = _shown(steps)
    assert waiting.extra["shown"] == "antrian printer dijeda"
    subprocess.run(["cupsenable", "macet"], check=True, capture_output=True)  # "Tunggu": someone resumes it
    deadline = time.monotonic() + SHOWN_WITHIN_S
    while steps[-1].step == "waiting":
        assert time.monotonic() < deadline, [s.step for s in steps]
        time.sleep(0.05)
    assert worker.is_alive() and steps[-1].step == "printing"  # no longer shown as paused; still its card
    printer.cancel()
    worker.join(WAIT_S)
    assert (outcome[0].fault, outcome[0].card_consumed) == (Fault.QUEUE_CANCELLED, True)  # it had started


def _run(printer, steps: list, outcome: list) -> None:
    try:
        printer.print_card(card_job(), steps.append)
        outcome.append(None)
    except PrinterError as exc:
        outcome.append(exc)


# -- what CUPS is told, and what the support bundle takes from it (issue 24 items 7 and 8) ---------


def test_the_queue_is_told_no_name_or_nik_and_the_bundle_has_its_ppd_options_and_last_job(cups_queues, tmp_path):
    import json
    import zipfile

    from desktop.app import main
    from desktop.services.issuance import PrintRequest
    from tests.helpers.fixtures import add_resident, make_station

    station = make_station(tmp_path, printers=["spooler://kartu"])
    nik = add_resident(name="SITI RAHMAWATI")
    station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), open_printer("spooler://kartu"))
    job_id = cups.last_job("kartu", "KTP-el ")
    attributes = cups.job_attributes("kartu", job_id)
    assert attributes["job-name"] == f"KTP-el {_last_job_id()[:8]}" and attributes["job-state"] == "completed"
    told = json.dumps(attributes)
    assert nik not in told and "RAHMAWATI" not in told.upper() and "SITI" not in told.upper()
    data_dir = station.services.data_dir
    station.services.close()

    out = tmp_path / "bundle.zip"
    assert main(["--data-dir", str(data_dir), "support-bundle", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as bundle:
        members = {name: bundle.read(name) for name in bundle.namelist()}
    assert b'*PCFileName: "KTPTEST.PPD"' in members["cups/kartu/queue.ppd"]
    # What `lpoptions -p kartu -l` answers: the options, or (from this private cupsd on a socket) its own
    # error line; either way the helper reads lpoptions' words, and the PPD above holds the options.
    options = members["cups/kartu/lpoptions.txt"].decode()
    assert "PageSize/" in options or options.startswith("\n(lpoptions, exit 0: lpoptions: Unable to get PPD file")
    held = json.loads(members["cups/kartu/options.json"])  # read over IPP, whatever lpoptions manages
    queue = cups.queue("kartu")
    assert held["printer-make-and-model"] == queue.make_and_model and held["printer-info"] == queue.info
    assert held["printer-is-accepting-jobs"] == "true" and held["device-uri"].endswith("kartu.pdf")
    last = json.loads(members["cups/kartu/last-job.json"])
    assert last["job-id"] == job_id and last["attributes"]["job-name"] == attributes["job-name"]
    everything = b"".join(members.values())
    assert nik.encode() not in everything and b"RAHMAWATI" not in everything


def _last_job_id() -> str:
    from desktop.store.models import PrintJob

    return PrintJob.select().order_by(PrintJob.created_at.desc()).first().id
