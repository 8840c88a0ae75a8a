"""`ktp-mandiri printer-probe URI --calibrate` and `--readings`: a printer's registration on the blanko.

--calibrate prints the calibration card (desktop/render/calibration_card.py) with the printer's current
registration on a blanko, booked spoiled as "calibration" with no quota place (or, with --white-card,
on a plain white card, nothing booked); --readings stores what the person read on its rulers. Both are
for a supervisor or an admin (--user) and audited.
"""

from __future__ import annotations

import argparse

from desktop.errors import UserFacingError


def add_arguments(probe: argparse.ArgumentParser) -> None:
    probe.add_argument("--calibrate", action="store_true",
                       help="cetak kartu kalibrasi pada blanko (dicatat rusak: kalibrasi, tanpa kuota); perlu --user")
    probe.add_argument("--white-card", action="store_true",
                       help="bersama --calibrate: cetak pada kartu PVC putih polos (uji cepat, tanpa blanko)")
    probe.add_argument("--readings", nargs=4, type=int, metavar=("A_X", "C_X", "A_Y", "B_Y"),
                       help="bacaan penggaris kartu kalibrasi dalam titik (kanan/bawah +); simpan posisi printer")


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.calibrate or args.readings is not None or args.white_card)


def cmd_calibration(args: argparse.Namespace) -> int:
    from desktop.cli.common import ask_password, open_station
    from desktop.devices.registry import make_printer
    from desktop.domain.registration import corrected, percent
    from desktop.render.calibration_card import calibration_marks
    from desktop.services.registration import CALIBRATE, printer_serial

    if args.white_card and not args.calibrate:
        raise UserFacingError("--white-card dipakai bersama --calibrate.")
    if args.calibrate and args.readings is not None:
        raise UserFacingError("Cetak kartu kalibrasi dulu (--calibrate), lalu simpan bacaannya (--readings) "
                              "dalam perintah terpisah.")
    if not args.user:
        raise UserFacingError("Kalibrasi printer perlu --user SUPERVISOR atau admin.")
    services = open_station(args)
    try:
        user = services.auth.login(args.user, ask_password(args.user))
        user.require(CALIBRATE)
        station = services.stations.require()
        printer = make_printer(args.uri)
        printer.open()
        try:
            serial = printer_serial(printer)
            reported = printer.identity().serial
            current = services.registrations.for_printer(printer.uri, serial)
            if args.readings is not None:
                new = corrected(current, calibration_marks().axes, tuple(args.readings))
                services.registrations.save(user, printer.uri, serial, reported, new)
                print(f"Posisi cetak printer disimpan: geser x {new.offset_x:+d}, y {new.offset_y:+d} titik; "
                      f"skala x {percent(new.scale_x):+.2f} %, y {percent(new.scale_y):+.2f} %. "
                      "Cetak kartu kalibrasi lagi untuk memeriksa.")
                return 0
            if not args.white_card and services.stock.summary(station.id).in_stock < 1:
                raise UserFacingError("Kartu kalibrasi pada blanko perlu 1 blanko di stok stasiun ini.")
            return _print(services, user, station.id, printer, serial, current, args.white_card)
        finally:
            printer.close()
    finally:
        services.close()


def _print(services, user, station_id: str, printer, serial, current, white: bool) -> int:
    from desktop.devices.base import CardJob, PrinterError
    from desktop.render.calibration_card import calibration_card

    card = calibration_card(current, printer.uri.split("?", 1)[0])
    try:
        printer.print_card(CardJob("calibration", card))
        consumed = True
        outcome = "tercetak"
    except PrinterError as exc:
        consumed, outcome = exc.card_consumed, f"gagal: {exc.fault.value}"
    blanko = None
    if consumed is not False:
        blanko = services.registrations.record_card(user, printer.uri, serial, station_id, on_blanko=not white)
    print(f"Kartu kalibrasi {outcome}" + (f"; blanko {blanko} dicatat rusak (kalibrasi, tanpa kuota)." if blanko
                                          else ".") +
          " Baca penggaris di tanda A, C (mendatar) dan A, B (tegak), lalu simpan dengan --readings A_X C_X A_Y B_Y.")
    return 0 if outcome == "tercetak" else 1
