"""`ktp-mandiri report daily|destruction|stock-notice|blanko-request|monthly` and `ktp-mandiri settings`: the
station's reports (desktop/services/reports/) and their letterhead, nomor surat and signatories."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_user_argument
from desktop.documents.options import (
    add_report_options,
    add_settings_options,
    print_settings,
    settings_changes,
)
from desktop.errors import UserFacingError


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="buat laporan (PDF atau CSV): harian, berita acara pemusnahan, pengumuman "
                                           "stok, permohonan blanko, rekap bulanan")
    add_report_options(report, kecamatan="kecamatan yang dilayani (daily, monthly)")
    add_user_argument(report)
    report.add_argument("--csv", action="store_true", help="angka yang sama sebagai CSV untuk spreadsheet")
    report.add_argument("--out", required=True, type=Path, metavar="BERKAS", help="berkas yang ditulis (0600)")
    report.set_defaults(handler=cmd_report)

    settings = sub.add_parser("settings", help="kop surat, logo, pola nomor surat dan penanda tangan laporan")
    add_settings_options(settings, office="baris kop ketiga (kantor kecamatan)")
    settings.add_argument("--user", metavar="NAMA_PENGGUNA", help="admin, untuk mengubah (tanpa perubahan: hanya tampil)")
    settings.set_defaults(handler=cmd_settings)


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.cli.common import log_in, open_station
    from desktop.services.reports import MONTHLY, ReportRequest

    if args.month and args.kind != MONTHLY:
        raise UserFacingError("--month hanya untuk rekap bulanan (monthly); laporan lain memakai --day.")
    services = open_station(args)
    try:
        user = log_in(services, args.user)
        station = services.stations.require()
        day = args.month or args.day or services.clock.today()
        request = ReportRequest(args.kind, day, args.kecamatan, args.csv)
        made = services.reports.make(user, station, request)
        path = services.reports.save(user, made, args.out)
    finally:
        services.close()
    state = " (SEMENTARA: hari ini belum selesai)" if made.provisional else ""
    print(f"{made.document.title.capitalize()} nomor {made.document.number}{state} ditulis ke {path}.")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from desktop.cli.common import log_in, open_station

    changes = settings_changes(args)
    if changes and not args.user:
        raise UserFacingError("Perubahan pengaturan laporan perlu --user admin.")
    services = open_station(args)
    try:
        if changes:
            user = log_in(services, args.user)
            current = services.report_settings.update(user, **changes)
        else:
            current = services.report_settings.read()
    finally:
        services.close()
    print_settings(current, bool(changes))
    return 0
