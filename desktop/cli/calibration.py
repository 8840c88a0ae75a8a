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
    from desktop.cli.common import log_in, open_station
    from desktop.devices.base import PrinterError
    from desktop.devices.registry import make_printer
    from desktop.domain.registration import percent
    from desktop.services.registration import CALIBRATE

    if args.white_card and not args.calibrate:
        raise UserFacingError("--white-card dipakai bersama --calibrate.")
    if args.calibrate and args.readings is not None:
        raise UserFacingError("Cetak kartu kalibrasi dulu (--calibrate), lalu simpan bacaannya (--readings) "
                              "dalam perintah terpisah.")
    if not args.user:
        raise UserFacingError("Kalibrasi printer perlu --user SUPERVISOR atau admin.")
    services = open_station(args)
    try:
        user = log_in(services, args.user)
        user.require(CALIBRATE)
        station = services.stations.require()
        printer = make_printer(args.uri)
        printer.open()
        try:
            if args.readings is not None:
                new = services.registrations.save_readings(user, printer, tuple(args.readings))
                print(f"Posisi cetak printer disimpan: geser x {new.offset_x:+d}, y {new.offset_y:+d} titik; "
                      f"skala x {percent(new.scale_x):+.2f} %, y {percent(new.scale_y):+.2f} %. "
                      "Cetak kartu kalibrasi lagi untuk memeriksa.")
                return 0
            try:
                blanko = services.registrations.print_card(user, printer, station.id, white=args.white_card)
            except PrinterError as exc:
                blanko = getattr(exc, "blanko", None)
                print(f"Kartu kalibrasi gagal dicetak: {exc.fault.value}" +
                      (f"; blanko {blanko} dicatat rusak (kalibrasi, tanpa kuota)." if blanko else "."))
                return 1
        finally:
            printer.close()
    finally:
        services.close()
    print("Kartu kalibrasi tercetak" + (f"; blanko {blanko} dicatat rusak (kalibrasi, tanpa kuota)." if blanko
                                         else " pada kartu putih.") +
          " Baca penggaris di tanda A, C (mendatar) dan A, B (tegak), lalu simpan dengan --readings A_X C_X A_Y B_Y.")
    return 0
