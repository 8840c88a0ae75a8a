"""Commands of the regency link: `import-residents` (a station that is not enrolled), `enrol`, `sync`."""

from __future__ import annotations

import argparse
import os

from desktop.errors import UserFacingError


def register(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import-residents", help="impor ekspor penduduk (CSV) pada stasiun yang tidak terdaftar")
    imp.add_argument("file", metavar="BERKAS")
    imp.add_argument("--photos", metavar="FOLDER_ATAU_ZIP", help="folder atau zip berisi NIK.jpg dan NIK_ttd.jpg")
    imp.add_argument("--encoding", metavar="PENGODEAN", help="pengodean berkas bila bukan UTF-8 (mis. cp1252)")
    imp.set_defaults(handler=cmd_import_residents)

    enrol = sub.add_parser("enrol", help="daftarkan stasiun ini ke server kabupaten dengan kode sekali pakai")
    enrol.add_argument("server", metavar="ALAMAT_SERVER", help="alamat server, mis. https://ktp.kabupaten.go.id")
    enrol.add_argument("code", metavar="KODE", help="kode pendaftaran dari admin kabupaten")
    enrol.add_argument("--ca-file", metavar="BERKAS_PEM", help="sertifikat server/CA yang harus dipercaya (PEM)")
    enrol.set_defaults(handler=cmd_enrol)

    sync = sub.add_parser("sync", help="satu putaran sinkronisasi dengan server kabupaten")
    sync.set_defaults(handler=cmd_sync)


def open_station(args: argparse.Namespace):
    from desktop.cli.common import open_station as services

    return services(args)


def cmd_import_residents(args: argparse.Namespace) -> int:
    from desktop.domain.resident_file import FileProblems
    from desktop.services.resident_import import import_residents

    services = open_station(args)
    try:
        result = import_residents(services.db, args.file, args.photos, args.encoding)
    except FileProblems as exc:
        raise UserFacingError(str(exc)) from exc
    except OSError as exc:
        raise UserFacingError(f"Berkas {args.file} tidak dapat dibaca ({exc.strerror}).") from exc
    finally:
        services.close()
    print(f"Impor selesai: {result.added} penduduk baru, {result.changed} berubah, {result.unchanged} tetap; "
          f"{result.images} foto/tanda tangan; {len(result.warnings)} peringatan.")
    for warning in result.warnings:
        print(f"  peringatan: {warning}")
    return 0


def cmd_enrol(args: argparse.Namespace) -> int:
    """Enrol a data folder that holds no station yet (a new one is made), as the GUI's first page does."""
    from desktop.cli.common import open_station as services_of

    if args.ca_file and not os.path.isfile(args.ca_file):
        raise UserFacingError(f"Berkas sertifikat {args.ca_file} tidak ada atau bukan berkas.")
    services = services_of(args, create=True)
    try:
        report = services.sync.enrol_and_sync(args.server, args.code,
                                              os.path.abspath(args.ca_file) if args.ca_file else None, first=True)
        station = services.stations.require()
        served = ", ".join(services.regions.name(code) or code for code in station.served)
        print(f"Stasiun {station.name} terdaftar di {args.server}; melayani {served}.")
        print(f"Sinkronisasi pertama: {report.pulled} perubahan diterima, {report.pushed} peristiwa dikirim.")
    finally:
        services.close()
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    services = open_station(args)
    try:
        report = services.sync.round()
        status = services.leases.status(services.stations.require().served)
    finally:
        services.close()
    print(f"Sinkronisasi selesai: {report.pushed} peristiwa dikirim dalam {report.batches} batch, "
          f"{report.pulled} perubahan diterima ({report.residents} penduduk, {report.photos} foto).")
    if report.recovered:
        print(f"Dari server kabupaten: {len(report.recovered)} kartu sesudah titik pemulihan dicatat lagi "
              f"({', '.join(report.recovered)}).")
    print("Hak cetak hari ini: " + ", ".join(f"{lease.kecamatan_name} {lease.left}" for lease in status.leases) + ".")
    notice = status.notice(supervisor=True)
    if notice:
        print(notice)
    return 0
