"""Where a queue ticket goes (issue 25 item 3): `print_ticket(view, target) -> TicketOutcome`, for the targets of
the `TICKET_PRINTER` setting:

    ""                          on screen only: nothing is printed (the caller shows the number)
    spooler://QUEUE             the OS print queue (the normal path): the ticket as a PDF page the width of the
                                roll; `?raw=1` sends ESC/POS instead (a receipt printer's raw queue, CUPS only);
                                `?wait=S` how long the queue may take to finish it (default 20 s)
    escpos-usb://VID:PID        ESC/POS straight to a USB receipt printer (python-escpos, the `escpos` extra)
    pdf://FOLDER                a PDF file per ticket in FOLDER (antrian-<day>-<number>.pdf)

Each takes `?paper=58`, `80` (the default) or, for a PDF, `a6`. Nothing here raises for a printer's trouble:
paper out, a printer missing or a queue that does not finish gives `printed=False` with one sentence, and the
caller shows the number on screen instead. A target that cannot be read at all is the operator's setting to fix:
`parse_target` says so (`UserFacingError`), and `print_ticket` turns that into an outcome as well.

The print queue: through CUPS (libcups, desktop/devices/cups.py) on Linux and macOS, where the station waits for
the job to be completed (a job not done in time is cancelled, so a ticket cannot come out later behind the
citizen's back); through Qt's QPrinter on Windows, the PDF's page drawn by pdfium at the printer's resolution,
after Windows' own view of the printer (paused, offline, out of paper) allowed it.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from desktop.documents.ticket import PAPERS, TicketFields, ticket_pdf, ticket_text
from desktop.domain.text import msg
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.devices")

SPOOLER_WAIT_S = 20.0
POLL_S = 0.2


@dataclass(frozen=True)
class TicketOutcome:
    printed: bool  # the paper came out (as far as the station can know)
    why: str | None = None  # when not: one sentence for the operator; None for "on screen only"


@dataclass(frozen=True)
class Target:
    kind: str  # "screen", "spooler", "escpos-usb", "pdf"
    name: str = ""  # the queue's name, the folder, or "VID:PID"
    paper: str = "80"
    raw: bool = False
    wait: float = SPOOLER_WAIT_S


def _bad(target: str, why: str) -> UserFacingError:
    return UserFacingError(msg("Tujuan printer karcis '{target}' tidak dapat dipakai: {why}.", target=target,
                               why=why), code="ticket_target")


def parse_target(target: str) -> Target:
    """The target of a `TICKET_PRINTER` value; UserFacingError naming what is wrong with it."""
    target = target.strip()
    if not target:
        return Target("screen")
    parts = urlsplit(target)
    allowed = {"spooler": {"paper", "raw", "wait"}, "escpos-usb": {"paper"}, "pdf": {"paper"}}
    if parts.scheme not in allowed:
        raise _bad(target, msg("awali dengan spooler://, escpos-usb:// atau pdf://"))
    params = dict(parse_qsl(parts.query))
    unknown = set(params) - allowed[parts.scheme]
    if unknown:
        raise _bad(target, msg("parameter tidak dikenal {names}", names=", ".join(sorted(unknown))))
    paper = params.get("paper", "80")
    raw = params.get("raw", "0") == "1"
    papers = {"58", "80"} if parts.scheme == "escpos-usb" or raw else set(PAPERS)
    if paper not in papers:
        raise _bad(target, msg("kertas harus salah satu dari {papers}", papers=", ".join(sorted(papers))))
    name = unquote(parts.netloc + parts.path)
    if not name:
        raise _bad(target, msg("nama printer atau folder kosong"))
    try:
        wait = float(params.get("wait", SPOOLER_WAIT_S))
    except ValueError:
        raise _bad(target, msg("wait berupa angka detik")) from None
    if not 0 < wait <= 600:
        raise _bad(target, msg("wait antara 0 dan 600 detik"))
    if parts.scheme == "escpos-usb":
        _usb_ids(name, target)
    return Target(parts.scheme, name, paper, raw, wait)


def _usb_ids(name: str, target: str) -> tuple[int, int]:
    vendor, _, product = name.partition(":")
    try:
        ids = int(vendor, 16), int(product, 16)
    except ValueError:
        raise _bad(target, msg("tulis VID:PID dalam heksadesimal, misalnya 0416:5011")) from None
    if not all(0 < value <= 0xFFFF for value in ids):
        raise _bad(target, msg("VID dan PID antara 0001 dan ffff"))
    return ids


def print_ticket(view: TicketFields, target: str, *, usb_backend: Callable[[], object] | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] = time.sleep) -> TicketOutcome:
    """Print the ticket on `target`; never raises for a printer's trouble (the outcome says it). It blocks (up to
    `?wait=` seconds on a print queue): run it off the GUI thread; on Windows it draws the page with pdfium,
    which must not run on two threads at once (the GUI's `pdf` lane).
    `usb_backend` is the libusb backend for escpos-usb:// (tests: a fake device), `clock`/`sleep` the wait for
    a print queue's job."""
    try:
        where = parse_target(target)
    except UserFacingError as exc:
        return TicketOutcome(False, exc.message)
    if where.kind == "screen":
        return TicketOutcome(False)
    try:
        if where.kind == "pdf":
            why = _to_folder(view, where)
        elif where.kind == "escpos-usb":
            why = _to_usb(view, where, usb_backend)
        else:
            why = _to_spooler(view, where, clock, sleep)
    except _NoEscpos:
        why = msg("Dukungan printer karcis ESC/POS (python-escpos) tidak terpasang di stasiun ini.")
    if why is None:
        log.info("ticket %s printed on %s", view.code, target)
        return TicketOutcome(True)
    log.info("ticket %s not printed on %s: %s", view.code, target, why)
    return TicketOutcome(False, why)


class _NoEscpos(Exception):
    pass


def _escpos_bytes(view: TicketFields, paper: str) -> bytes:
    from desktop.devices.escpos_ticket import EscposMissing, ticket_bytes

    try:
        return ticket_bytes(ticket_text(view), paper)
    except EscposMissing as exc:
        raise _NoEscpos() from exc


def _to_usb(view: TicketFields, where: Target, backend: Callable[[], object] | None) -> str | None:
    from desktop.devices.escpos_ticket import print_usb

    vendor, product = _usb_ids(where.name, where.name)
    return print_usb(_escpos_bytes(view, where.paper), vendor, product, backend)


def ticket_file_name(view: TicketFields) -> str:
    return f"antrian-{view.day.isoformat()}-{view.code}.pdf"


def _to_folder(view: TicketFields, where: Target) -> str | None:
    from desktop.documents.output import write_private

    folder = Path(where.name)
    if not folder.is_dir():
        return msg("Folder karcis {folder} tidak ada.", folder=str(folder))
    try:
        write_private(folder / ticket_file_name(view), ticket_pdf(view, where.paper))
    except UserFacingError as exc:
        cause = exc.__cause__
        return msg("Karcis tidak dapat disimpan di {folder}: {why}.", folder=str(folder),
                   why=getattr(cause, "strerror", None) or str(cause or exc))
    return None


def _to_spooler(view: TicketFields, where: Target, clock, sleep) -> str | None:
    from desktop import platform as system
    from desktop.devices import cups

    data = _escpos_bytes(view, where.paper) if where.raw else ticket_pdf(view, where.paper)
    if not system.WINDOWS and cups.available():
        return _cups_print(where, data, f"Karcis {view.code}", clock, sleep)
    if where.raw:
        return msg("Karcis ESC/POS lewat antrean printer hanya tersedia dengan CUPS; di Windows pakai "
                   "escpos-usb:// atau karcis PDF.")
    from desktop.devices.ticket_qt import qt_print

    return qt_print(where.name, data)


def _cups_print(where: Target, data: bytes, title: str, clock, sleep) -> str | None:
    from desktop.devices import cups
    from desktop.devices.base import Fault, PrinterState
    from desktop.devices.cups_spooler import _queue_status

    try:
        queue = cups.queue(where.name)
    except cups.CupsError as exc:
        return msg("Layanan cetak sistem (CUPS) tidak dapat dihubungi ({detail}).", detail=str(exc))
    if queue is None:
        return msg("Antrean printer karcis '{name}' tidak ada di sistem.", name=where.name)
    status = _queue_status(queue)
    if status.fault is Fault.NO_CARD:
        return msg("Kertas printer karcis habis; isi gulungan kertas baru.")
    if queue.state is cups.QueueState.STOPPED:
        return msg("Antrean printer karcis '{name}' dijeda; lanjutkan antreannya di pengaturan printer.",
                   name=where.name)
    if status.state in (PrinterState.ATTENTION, PrinterState.DISCONNECTED):
        return msg("Antrean printer karcis '{name}' tidak siap ({reasons}).", name=where.name,
                   reasons=", ".join(queue.reasons) or msg("tidak menerima pekerjaan"))
    fd, path = tempfile.mkstemp(prefix="ktp-ticket-", suffix=".bin" if where.raw else ".pdf")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        job = cups.submit(where.name, path, title, {"raw": "true"} if where.raw else {})
    except cups.CupsError as exc:
        return msg("Antrean printer karcis '{name}' menolak karcis ({detail}).", name=where.name, detail=str(exc))
    finally:
        os.unlink(path)
    deadline = clock() + where.wait
    while True:
        state = cups.job(where.name, job)
        if state is None:
            return msg("Karcis hilang dari antrean printer '{name}'.", name=where.name)
        if state.state is cups.JobState.COMPLETED:
            return None
        if state.state in (cups.JobState.CANCELED, cups.JobState.ABORTED, cups.JobState.STOPPED,
                           cups.JobState.HELD):
            if state.state in (cups.JobState.STOPPED, cups.JobState.HELD):
                cups.cancel(where.name, job)  # it would print later, behind the citizen's back
            return msg("Antrean printer karcis '{name}' menghentikan karcis; periksa printer.", name=where.name)
        if clock() >= deadline:
            cups.cancel(where.name, job)  # a ticket that comes out later would be taken by the wrong person
            return msg("Printer karcis '{name}' tidak mencetak dalam {seconds} detik; karcis dibatalkan.",
                       name=where.name, seconds=f"{where.wait:g}")
        sleep(POLL_S)
