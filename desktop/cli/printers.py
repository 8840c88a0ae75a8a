"""`ktp-mandiri printer-probe` and `ktp-mandiri support-bundle`: for the regency's IT officer.

printer-probe records what a real Evolis printer answers (desktop/devices/probe.py), can save the
conclusion as that printer's profile, and can print two test cards; support-bundle gathers what a
remote helper needs (version, logs without NIK or names, printer set-up, probe results, the audit
chain's check) into one zip. docs/printers.md says what to send back.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from desktop.cli import calibration
from desktop.errors import UserFacingError
from desktop.services.support_bundle import PROBES_DIR, scrub_log  # noqa: F401  (scrub_log: its old home)
from desktop.services.support_bundle import about as _about

TEST_PRINT_REASON = "test_print"


def register(sub: argparse._SubParsersAction) -> None:
    probe = sub.add_parser("printer-probe", help="rekam jawaban printer Evolis sungguhan ke berkas JSON (petugas TI)")
    probe.add_argument("uri", metavar="URI", help="usb://VID:PID[/SERIAL] (atau sim://NAMA untuk latihan)")
    probe.add_argument("--out", required=False, metavar="BERKAS", help="berkas JSON hasil probe")
    probe.add_argument("--save-profile", action="store_true",
                       help="simpan kesimpulan sebagai profil printer ini (menggantikan tabel model)")
    probe.add_argument("--test-card", action="store_true",
                       help="cetak kartu uji arah (hitam) lalu kartu uji warna, pada kartu PVC putih polos")
    probe.add_argument("--compress", choices=("none", "dbc3", "dbc4"), metavar="none|dbc3|dbc4",
                       help="bentuk panel untuk kartu uji (dan profil yang disimpan); bawaan: Db biasa")
    probe.add_argument("--confirm", action="append", choices=("Rlr;p", "Rse;p"), default=[], metavar="Rlr;p|Rse;p",
                       help="dengan --save-profile: bacaan yang sudah dipastikan di printer ini (daftar periksa); "
                            "setelah itu bacaan ini boleh mencatat blanko rusak tanpa supervisor")
    probe.add_argument("--on-blanko", action="store_true",
                       help="kartu uji dicetak pada blanko: tiap blanko dicatat rusak (test_print); perlu --user supervisor")
    probe.add_argument("--user", metavar="NAMA_PENGGUNA", help="supervisor yang mencatat blanko uji (kata sandi: KTP_MANDIRI_PASSWORD atau prompt)")
    calibration.add_arguments(probe)
    probe.set_defaults(handler=cmd_printer_probe)

    bundle = sub.add_parser("support-bundle", help="kumpulkan versi, log (tanpa NIK/nama), printer dan hasil probe ke zip")
    bundle.add_argument("--out", required=True, metavar="BERKAS", help="berkas zip tujuan")
    bundle.add_argument("--include-card-stream", action="store_true",
                        help="sertakan data panel asli kartu terakhir yang gagal (foto, nama, NIK warga); ditanya dulu")
    bundle.set_defaults(handler=cmd_support_bundle)


# -- printer-probe ------------------------------------------------------------------------------


def cmd_printer_probe(args: argparse.Namespace) -> int:
    if calibration.wanted(args):
        return calibration.cmd_calibration(args)
    from desktop.devices.probe import run_probe
    from desktop.devices.registry import make_printer
    from desktop.devices.usb import UsbEvolisPrinter

    if args.on_blanko and not (args.test_card and args.user):
        raise UserFacingError("--on-blanko dipakai bersama --test-card dan --user SUPERVISOR.")
    if not args.out:
        raise UserFacingError("printer-probe perlu --out BERKAS (hasil probe).")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UserFacingError(f"Folder {out.parent} untuk --out tidak ada.")
    data_dir = _data_dir(args)
    if args.save_profile and not _has_station(data_dir):
        raise UserFacingError(f"Tidak ada database KTP-el Mandiri di {data_dir}; profil printer disimpan di folder "
                              "data stasiun. Pilih foldernya dengan --data-dir.")
    booking = _blanko_booking(args) if args.on_blanko else None
    printer = make_printer(args.uri)
    if not isinstance(printer, UsbEvolisPrinter):
        raise UserFacingError("printer-probe hanya untuk printer Evolis lewat USB (usb://VID:PID, atau sim:// untuk latihan).")
    printer.setup_on_open = False  # the printer as it is, before the station changes its mode
    printer.open()
    try:
        report = run_probe(printer.session.transport, printer.uri)
        data = report.to_json()
        data["station"] = _about()
        data["usb"] = _usb_identity(printer)
        if args.test_card:
            data["test_cards"] = _print_test_cards(printer, report.conclusion["family"], args.compress, booking)
    finally:
        printer.close()
        if booking is not None:
            booking[0].close()
    text = json.dumps(data, indent=2, ensure_ascii=False)
    out.write_text(text + "\n", encoding="utf-8")
    copy = _keep_copy(data_dir, text, data["usb"]) if _has_station(data_dir) else None
    conclusion = data["conclusion"]
    print(f"Model: {conclusion['model'] or '(tidak menjawab)'} -> tabel {conclusion['family']}; "
          f"akhir jawaban: {', '.join(conclusion['framing']) or '-'}; mode ACK/NACK: "
          f"{'ya' if conclusion['ack_mode_taken'] else 'tidak'}; mode awal dipulihkan: "
          f"{'ya' if report.restored else 'tidak'}.")
    if conclusion["table_says_has_but_refused"]:
        print(f"Ditolak padahal ada di tabel: {', '.join(conclusion['table_says_has_but_refused'])}.")
    for card in data.get("test_cards", []):
        print(f"Kartu uji {card['card']}: {card['result']}" + (f" (blanko {card['blanko']} dicatat rusak)"
                                                               if card.get("blanko") else ""))
    if args.save_profile:
        path = _save_profile(data_dir, data, args.compress, frozenset(args.confirm))
        print(f"Profil printer disimpan: {path}")
    print(f"Hasil probe: {out}" + (f" (salinan: {copy})" if copy else "") +
          ". Kirim berkas ini ke petugas TI kabupaten bersama foto kedua kartu uji.")
    return 0


def _blanko_booking(args: argparse.Namespace):
    """(services, user, station id) for booking test prints on blanko; refused early if not allowed."""
    from desktop.cli.common import log_in, open_station
    from desktop.domain.roles import Permission

    services = open_station(args)
    user = log_in(services, args.user)
    user.require(Permission.RECEIVE_BLANKO)
    station = services.stations.require()
    if services.stock.summary(station.id).in_stock < 2:
        services.close()
        raise UserFacingError("Kartu uji pada blanko perlu 2 blanko di stok stasiun ini.")
    return services, user, station.id


def _print_test_cards(printer, family: str, compression: str | None, booking) -> list[dict]:
    """The orientation card, then the colour card, through the station's own driver."""
    from dataclasses import replace

    from desktop.devices.base import CardJob, PrinterError
    from desktop.devices.evolis_models import capabilities_for
    from desktop.render.probe_cards import colour_card, orientation_card

    session = printer.session
    session.options = replace(session.options, compression=compression)
    session.capabilities = capabilities_for(family)
    session.needs_setup = True
    results = []
    for name, raster in (("arah (K)", orientation_card()), ("warna", colour_card())):
        started = time.monotonic()
        entry: dict = {"card": name, "compression": compression or "none"}
        try:
            printer.print_card(CardJob(f"test-{name}", raster))
            entry["result"], consumed = "tercetak", True
        except PrinterError as exc:
            entry["result"], consumed = f"gagal: {exc.fault.value} ({exc.detail})", exc.card_consumed
        entry["seconds"] = round(time.monotonic() - started, 1)
        if booking is not None and consumed is not False:
            services, user, station_id = booking
            entry["blanko"] = services.stock.write_off(user, station_id, TEST_PRINT_REASON)
        results.append(entry)
        if not entry["result"].startswith("tercetak"):
            break
    return results


def _usb_identity(printer) -> dict:
    from desktop.devices.usb import read_serial

    dev = printer._dev
    serial = read_serial(dev) if dev is not None else printer.serial
    return {"vendor_id": f"{printer.vendor_id:04X}", "product_id": f"{printer.product_id:04X}", "serial": serial}


def _save_profile(data_dir: Path, data: dict, compression: str | None, confirmed: frozenset[str] = frozenset()) -> Path:
    from dataclasses import replace

    from desktop.devices.evolis_models import PrinterProfile, profile_key, save_profile
    from desktop.devices.registry import profile_dir_in

    profile = PrinterProfile.from_json(data["conclusion"]["profile"])
    printed = all(card["result"] == "tercetak" for card in data.get("test_cards", [])) and data.get("test_cards")
    if compression and compression != "none":
        if not printed:
            raise UserFacingError("Profil dengan --compress disimpan hanya setelah kedua kartu uji tercetak.")
        profile = replace(profile, compression=compression)
    profile = replace(profile, confirmed=confirmed)  # the readings the office confirmed (docs/printers.md)
    usb = data["usb"]
    key = profile_key(int(usb["vendor_id"], 16), int(usb["product_id"], 16), usb["serial"])
    return save_profile(profile_dir_in(data_dir), key, profile)


def _keep_copy(data_dir: Path, text: str, usb: dict) -> Path | None:
    """A copy in the data directory, so that support-bundle finds it."""
    try:
        folder = data_dir / PROBES_DIR
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{usb['vendor_id']}_{usb['product_id']}.json"
        path.write_text(text + "\n", encoding="utf-8")
        return path
    except OSError:
        return None


# -- support-bundle -----------------------------------------------------------------------------


def cmd_support_bundle(args: argparse.Namespace) -> int:
    from desktop.services.support_bundle import write_bundle

    data_dir = _data_dir(args)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UserFacingError(f"Folder {out.parent} untuk --out tidak ada.")
    with_stream = args.include_card_stream and _card_stream_confirmed()
    write_bundle(data_dir, out, _with_services(data_dir, "printer_setup", {"station": None, "printers": []}),
                 _with_services(data_dir, "audit_check",
                                {"checked": False, "why": "no database in the data directory"}),
                 include_card_stream=with_stream)
    if with_stream:
        print(f"Paket bantuan: {out} ({out.stat().st_size // 1024 + 1} KB). Berisi data panel kartu yang gagal "
              "(foto, nama, NIK warga): kirim hanya lewat jalur resmi.")
    else:
        print(f"Paket bantuan: {out} ({out.stat().st_size // 1024 + 1} KB). Isinya tanpa NIK dan nama penduduk.")
    return 0


def _card_stream_confirmed() -> bool:
    """Asked at the terminal: the real panel data is the citizen's photo, name and NIK as pixels."""
    from desktop.cli.terminal import has_terminal

    if not has_terminal():
        raise UserFacingError("--include-card-stream perlu konfirmasi di terminal; jalankan perintah ini di jendela "
                              "baris perintah.")
    print("Data panel kartu yang gagal adalah foto, nama dan NIK warga dalam bentuk piksel.", file=sys.stderr)
    answer = input("Ketik YA untuk menyertakannya: ")
    if answer.strip().upper() == "YA":
        return True
    print("Data panel kartu tidak disertakan.", file=sys.stderr)
    return False


def _with_services(data_dir: Path, name: str, without: dict) -> dict:
    """desktop/services/support_bundle.py's `name`(services) on the data directory's station, `without` when none."""
    if not _has_station(data_dir):
        return without
    from desktop.composition import build_services
    from desktop.services import support_bundle

    services = build_services(data_dir)
    try:
        return getattr(support_bundle, name)(services)
    finally:
        services.close()


def _has_station(data_dir: Path) -> bool:
    from desktop.store.files import DB_FILENAME

    return (data_dir / DB_FILENAME).is_file()


def _data_dir(args: argparse.Namespace) -> Path:
    from desktop.paths import resolve_data_dir

    return resolve_data_dir(args.data_dir)
