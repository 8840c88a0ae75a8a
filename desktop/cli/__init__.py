"""The command-line subcommands; each calls the same services the GUI uses.

Commands of one area live in their own module of this package (`desktop/cli/<area>.py`) with a
`register(sub)` function; `register` below calls each of them.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time

from desktop.argparse_id import whole_number
from desktop.cli import audit as audit_cli
from desktop.cli import backup as backup_cli
from desktop.cli import blanko as blanko_cli
from desktop.cli import claims as claims_cli
from desktop.cli import clock as clock_cli
from desktop.cli import jobs as jobs_cli
from desktop.cli import printers as printers_cli
from desktop.cli import queue as queue_cli
from desktop.cli import reports as reports_cli
from desktop.cli import station_account as station_account_cli
from desktop.cli import sync as sync_cli
from desktop.cli import tickets as tickets_cli
from desktop.cli import users as users_cli
from desktop.cli.common import ask_password, open_station
from desktop.domain.reasons import REASONS
from desktop.errors import UserFacingError

# Each command imports what it needs when it runs: the GUI starts through this module too.


def register(sub: argparse._SubParsersAction) -> None:
    _register_core(sub)
    # Area modules register their commands here, one line each.
    audit_cli.register(sub)
    sync_cli.register(sub)
    backup_cli.register(sub)
    users_cli.register(sub)
    jobs_cli.register(sub)
    printers_cli.register(sub)
    clock_cli.register(sub)
    claims_cli.register(sub)
    blanko_cli.register(sub)
    reports_cli.register(sub)
    station_account_cli.register(sub)
    queue_cli.register(sub)
    tickets_cli.register(sub)


def _register_core(sub: argparse._SubParsersAction) -> None:
    nik = sub.add_parser("nik", help="periksa dan uraikan NIK")
    nik.add_argument("niks", nargs="+", metavar="NIK")
    nik.add_argument("--json", action="store_true", help="keluaran JSON")
    nik.set_defaults(handler=cmd_nik)

    demo = sub.add_parser("demo-data", help="buat data penduduk sintetis")
    demo.add_argument("--residents", type=whole_number, metavar="JUMLAH", default=1000, help="jumlah penduduk (default 1000)")
    demo.add_argument("--kecamatan", default=None, metavar="KODE,…",
                      help="kode kecamatan dipisah koma (default: yang dilayani stasiun, atau Pamulang/Setu/Ciputat)")
    demo.add_argument("--seed", type=whole_number, default=2026, metavar="ANGKA",
                      help="benih acak: angka yang sama memberi penduduk yang sama")
    demo.add_argument("--with-station", action="store_true",
                      help="juga siapkan stasiun demo, pengguna demo, kuota dan blanko bila database masih kosong")
    demo.add_argument("--force", action="store_true", help=argparse.SUPPRESS)
    demo.set_defaults(handler=cmd_demo_data)

    printers = sub.add_parser("printers", help="daftar printer yang ditemukan (USB, simulasi, OS) dan statusnya")
    change = printers.add_mutually_exclusive_group()
    change.add_argument("--add", metavar="URI", help="daftarkan printer ini di stasiun (perlu --user admin)")
    printers.add_argument("--name", metavar="NAMA", help="nama printer yang didaftarkan")
    change.add_argument("--remove", metavar="URI", help="hapus printer ini dari stasiun (perlu --user admin)")
    printers.add_argument("--user", metavar="NAMA_PENGGUNA", help="nama pengguna admin untuk --add dan --remove")
    printers.set_defaults(handler=cmd_printers)

    prn = sub.add_parser("print", help="cetak satu KTP-el lewat layanan yang sama dengan GUI")
    prn.add_argument("nik", metavar="NIK")
    prn.add_argument("--printer", required=True, metavar="URI", help="URI printer: usb://VID:PID[/SERIAL], sim://NAMA, file://PATH")
    prn.add_argument("--reason", required=True, choices=sorted(REASONS), help="alasan pencetakan")
    prn.add_argument("--user", required=True, metavar="NAMA_PENGGUNA", help="nama pengguna operator (kata sandi: prompt atau env "
                     "KTP_MANDIRI_PASSWORD)")
    prn.add_argument("--documents", default="", metavar="DOKUMEN",
                     help="dokumen yang sudah diperiksa, dipisah koma (kk,old_card,police_letter,change_proof,suket) "
                          "atau 'all' untuk semua dokumen alasan ini")
    prn.add_argument("--letter-number", default="", metavar="NOMOR", help="nomor surat kehilangan dari kepolisian (alasan hilang)")
    prn.set_defaults(handler=cmd_print)

    render = sub.add_parser("render-card", help="gambar kartu penduduk ke PNG (300 dpi) dan/atau PDF ukuran asli")
    render.add_argument("nik", metavar="NIK")
    render.add_argument("--png", metavar="PNG", help="PNG lapisan cetak depan: persis yang diterima printer (data pribadi saja)")
    render.add_argument("--preview", metavar="PNG", help="PNG kartu jadi: lapisan cetak di atas gambar blanko pracetak")
    render.add_argument("--pdf", metavar="PDF", help="PDF bukti (85,60 x 53,98 mm): kartu jadi, lapisan cetak, dan sisi belakang")
    render.add_argument("--template", metavar="JSON", help="coba templat kartu lain (JSON, seperti resources/card/template.json)")
    render.set_defaults(handler=cmd_render_card)


def cmd_nik(args: argparse.Namespace) -> int:
    from desktop.clock import Clock
    from desktop.domain.nik import parse_nik

    today = Clock().today()
    infos = [parse_nik(text, today=today) for text in args.niks]
    if args.json:
        json.dump([info.to_dict() for info in infos], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for info in infos:
            print(_describe_nik(info))
    return 0 if all(info.valid for info in infos) else 1


def _describe_nik(info) -> str:
    lines = [f"{info.nik or info.text}: {'SAH' if info.valid else 'TIDAK SAH'}"]
    for issue in info.errors:
        lines.append(f"  galat: {issue.message}")
    for issue in info.warnings:
        lines.append(f"  peringatan: {issue.message}")
    if info.province_code:
        lines.append(f"  provinsi:   {info.province_code} {info.province_name or '(tidak dikenal)'}")
    if info.regency_code:
        lines.append(f"  kab/kota:   {info.regency_code} {info.regency_name or '(tidak dikenal)'}")
    if info.kecamatan_code:
        lines.append(f"  kecamatan:  {info.kecamatan_code} {info.kecamatan_name or '(tidak dikenal)'}")
    if info.birth_date:
        lines.append(f"  lahir:      {info.birth_date.isoformat()}")
    if info.sex:
        from desktop.domain.card import SEX_LABELS

        lines.append(f"  kelamin:    {SEX_LABELS[info.sex]}")
    if info.serial:
        lines.append(f"  nomor urut: {info.serial}")
    return "\n".join(lines)


def cmd_demo_data(args: argparse.Namespace) -> int:
    from desktop.services.demo import DEMO_KECAMATAN, MAX_DEMO_RESIDENTS, generate_residents, setup_demo
    from desktop.services.demo_accounts import is_demo_database, mark_demo_database

    if not 0 <= args.residents <= MAX_DEMO_RESIDENTS:
        raise UserFacingError(f"Jumlah penduduk demo harus antara 0 dan {MAX_DEMO_RESIDENTS:,}.".replace(",", "."))
    if args.kecamatan is not None and not args.kecamatan.replace(",", "").strip():
        raise UserFacingError("Daftar kecamatan kosong; tulis kode kecamatan dipisah koma, mis. 36.74.06,36.74.07.")
    services = open_station(args, create=args.with_station)
    if services.auth.has_users() and not is_demo_database() and not args.force:
        raise UserFacingError(
            f"Database di {services.data_dir} milik stasiun sungguhan; penduduk demo tidak ditambahkan ke "
            "sana. Pakai --data-dir lain (atau --force bila memang disengaja)."
        )
    started = time.perf_counter()
    if not services.auth.has_users():
        mark_demo_database()  # demo passwords are allowed here, and only here
    if args.with_station and not services.auth.has_users():
        creds = setup_demo(services.db, services.clock, services.regions, residents=0)
        for cred in creds:
            print(f"pengguna demo: {cred.username} / {cred.password} ({cred.role})")
    if args.kecamatan is not None:
        from desktop.domain.regions import dotted

        try:
            codes = [dotted(code) for code in args.kecamatan.split(",") if code.strip()]
        except ValueError as exc:
            raise UserFacingError(f"Kode kecamatan tidak sah: {exc}.") from exc
        for code in codes:
            if code.count(".") != 2 or services.regions.get(code) is None:
                raise UserFacingError(f"Kode kecamatan {code} tidak dikenal.")
    else:
        station = services.stations.current()
        codes = list(station.served) if station else list(DEMO_KECAMATAN)
    written = generate_residents(
        services.db, services.regions, args.residents, codes, seed=args.seed, today=services.clock.today()
    )
    elapsed = time.perf_counter() - started
    print(f"{written} penduduk demo dibuat di {services.data_dir} dalam {elapsed:.1f} detik.")
    services.close()
    return 0


def cmd_printers(args: argparse.Namespace) -> int:
    from desktop.devices.registry import discover, make_printer

    if args.add:
        if not args.user:
            raise UserFacingError("Mendaftarkan printer perlu --user (admin).")
        make_printer(args.add)  # a malformed URI is refused before anything is stored
        services = open_station(args)
        user = services.auth.login(args.user, ask_password(args.user))
        services.stations.add_printer(user, args.add, args.name)
        print(f"Printer {args.add} didaftarkan di {services.stations.require().name}.")
        services.close()
        return 0
    if args.remove:
        if not args.user:
            raise UserFacingError("Menghapus printer perlu --user (admin).")
        services = open_station(args)
        user = services.auth.login(args.user, ask_password(args.user))
        services.stations.remove_printer(user, args.remove)
        print(f"Printer {args.remove} dihapus dari {services.stations.require().name}.")
        services.close()
        return 0

    configured: list[str] = []
    if args.data_dir or os.environ.get("KTP_MANDIRI_DATA"):
        station = open_station(args).stations.current()
        configured = list(station.printers) if station else []
    found = discover(probe=True)
    known = {p.uri for p in found}
    if not found and not configured:
        print("Tidak ada printer kartu yang ditemukan.")
        return 0
    for printer in found:
        mark = " (terdaftar)" if printer.uri in configured else ""
        detail = f" - {printer.status.detail}" if printer.status.detail else ""
        print(f"{printer.uri}\t{printer.description}\t{printer.status.state.value}{detail}{mark}")
    for uri in configured:
        if uri not in known:
            print(f"{uri}\t(terdaftar di stasiun)\tbelum diperiksa")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from desktop.devices.registry import open_printer, profile_dir_in
    from desktop.services.clock_guard import check_clock
    from desktop.services.issuance import PrintRequest

    services = open_station(args)
    check_clock(services.clock)  # before the log-in: a print refused for the clock records nothing
    user = services.auth.login(args.user, ask_password(args.user))
    reason = REASONS[args.reason]
    if args.documents.strip() == "all":
        documents = frozenset(doc.key for doc in reason.documents)
    else:
        documents = frozenset(d.strip() for d in args.documents.split(",") if d.strip())
    request = PrintRequest(args.nik, args.reason, documents, {"police_letter": args.letter_number})
    problems = services.issuance.check(request, user)
    if problems:
        raise UserFacingError(" ".join(problems))
    printer = open_printer(args.printer, profile_dir_in(services.data_dir))

    def progress(update) -> None:
        shown = update.extra.get("shown")  # an OS print queue needs someone (paused, out of cards, ...)
        print(f"  {update.step} {update.fraction:4.0%}" + (f": {shown}" if shown else ""), file=sys.stderr,
              flush=True)

    ctrl_c = PrintInterrupts()
    try:
        result = services.issuance.print_card(user, request, printer, progress, on_sending=ctrl_c.sending)
    except KeyboardInterrupt:
        print(f"ktp-mandiri: {ctrl_c.stopped_message()}", file=sys.stderr)
        return 130
    finally:
        ctrl_c.restore()
        printer.close()
    print(f"Tercetak: {result.name} ({result.nik}) pada blanko {result.blanko_serial}, printer {result.printer_uri}. "
          f"Kuota {result.quota.kecamatan_name} hari ini: {result.quota.used}/{result.quota.limit}.")
    services.close()
    return 0


class PrintInterrupts:
    """Ctrl-C during a command-line print.

    Until the first byte may go to the printer, Ctrl-C interrupts as usual and the job is released.
    From then on the first Ctrl-C only says that the card is awaited (its outcome is then recorded);
    a second one stops without waiting and leaves the job for a supervisor to settle.
    """

    def __init__(self) -> None:
        self.ticket = None
        self.presses = 0
        self._previous = None

    def sending(self, ticket) -> None:
        self.ticket = ticket
        self._previous = signal.signal(signal.SIGINT, self._pressed)

    def _pressed(self, signum, frame) -> None:
        self.presses += 1
        if self.presses > 1:
            raise KeyboardInterrupt
        print(f"ktp-mandiri: blanko {self.ticket.blanko_serial} sudah di printer; menunggu kartunya keluar untuk "
              "mencatat hasilnya. Tekan Ctrl-C sekali lagi untuk berhenti tanpa menunggu.", file=sys.stderr, flush=True)

    def restore(self) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def stopped_message(self) -> str:
        if self.ticket is None:
            return "Pencetakan dibatalkan sebelum ada data dikirim ke printer; tidak ada blanko atau kuota yang terpakai."
        return (f"Pencetakan dihentikan tanpa menunggu printer; hasil blanko {self.ticket.blanko_serial} belum "
                f"dicatat. Supervisor menyelesaikannya setelah melihat printer: ktp-mandiri jobs settle "
                f"{self.ticket.job_id} --outcome good|spoiled|nothing --user NAMA.")


def cmd_render_card(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.domain.nik import parse_nik
    from desktop.domain.regions import issue_place_for
    from desktop.render.card import render_card_pdf, render_front, render_preview
    from desktop.render.fonts import ensure_gui_app

    if not (args.png or args.preview or args.pdf):
        raise UserFacingError("Sebutkan --png BERKAS, --preview BERKAS dan/atau --pdf BERKAS.")
    services = open_station(args)
    station = services.stations.current()
    info = parse_nik(args.nik, today=services.clock.today())
    resident = services.residents.find(info.nik) if info.valid else None
    if resident is None:
        problem = " ".join(e.message for e in info.errors) or f"NIK {info.nik} tidak ditemukan di data penduduk."
        raise UserFacingError(problem)
    issue_place = station.issue_place if station else issue_place_for(services.regions, resident.kecamatan_code)
    card = services.residents.card_data(resident, issue_place, services.clock.today())
    ensure_gui_app()
    template = None
    if args.template:
        from desktop.render.template import load_template

        template = load_template(args.template)
    for path, render, what in ((args.png, render_front, "lapisan cetak"), (args.preview, render_preview, "kartu jadi")):
        if path:
            image = render(card, template)
            if not image.save(str(Path(path)), "PNG"):
                raise UserFacingError(f"Berkas {path} tidak dapat ditulis.")
            print(f"PNG {what}: {path} ({image.width()} x {image.height()} piksel, 300 dpi)")
    if args.pdf:
        try:
            render_card_pdf(card, Path(args.pdf), template=template)
        except OSError as exc:
            raise UserFacingError(f"Berkas {args.pdf} tidak dapat ditulis ({exc.strerror}).") from exc
        print(f"PDF bukti: {args.pdf} (kartu 85,60 x 53,98 mm: kartu jadi, lapisan cetak, sisi belakang)")
    services.close()
    return 0


