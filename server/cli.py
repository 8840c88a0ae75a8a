"""`ktp-mandiri-server`: serve the API (the default), migrate, and the regency admin's commands.

Every command takes --database-url (or KTP_SERVER_DATABASE_URL; default SQLite in --data-dir).
Errors are one sentence in Bahasa Indonesia on stderr with exit code 1.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from datetime import date

from server import config

log = logging.getLogger("ktp.server")
PASSWORD_ENV = "KTP_SERVER_PASSWORD"
CALLER_DIR_ENV = "KTP_SERVER_CALLER_DIR"  # set by ktp-mandiri-serverctl: the folder it was run from


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ktp-mandiri-server",
                                     description="Server kabupaten KTP-el Mandiri (sinkronisasi stasiun cetak).")
    parser.add_argument("--data-dir", help=f"folder data server (env {config.DATA_ENV})")
    parser.add_argument("--database-url", help=f"postgresql://... atau sqlite:///... (env {config.DATABASE_ENV}; "
                                               "default SQLite di folder data)")
    parser.add_argument("--officer", metavar="NAMA",
                        help="nama petugas yang menjalankan perintah, untuk audit (wajib bila tidak lewat sudo)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = sub.add_parser("serve", help="jalankan server HTTP (perintah default)")
    _serve_options(serve)
    _serve_options(parser)
    sub.add_parser("migrate", help="perbarui skema database ke versi terbaru")
    sub.add_parser("restored", help="tandai database baru dipulihkan dari cadangan (generasi baru)")
    _check_options(sub)

    admin = sub.add_parser("admin", help="admin kabupaten").add_subparsers(dest="action", required=True)
    create = admin.add_parser("create", help=f"buat admin (kata sandi: prompt atau env {PASSWORD_ENV})")
    create.add_argument("username")
    create.add_argument("--full-name", default="")
    create.add_argument("--role", default="regency_admin", choices=["regency_admin", "regency_supervisor"],
                        help="regency_admin (semua tindakan, default) atau regency_supervisor (panel kabupaten, "
                             "keputusan permintaan kuota, anomali dan penghentian)")
    admin.add_parser("list", help="daftar admin (aktif, terkunci, sesi terbuka)")
    for action, text in (("passwd", "ganti kata sandi admin (prompt); sesinya berakhir"),
                         ("reset", "buat kata sandi sekali pakai yang wajib diganti saat masuk; sesinya berakhir"),
                         ("deactivate", "nonaktifkan admin; sesinya berakhir (admin aktif terakhir tidak bisa)"),
                         ("activate", "aktifkan lagi admin"),
                         ("unlock", "hapus penguncian masuk (percobaan gagal) untuk nama ini")):
        admin.add_parser(action, help=text).add_argument("username")

    station = sub.add_parser("station", help="stasiun cetak").add_subparsers(dest="action", required=True)
    add = station.add_parser("add", help="daftarkan stasiun dan cetak kode pendaftaran sekali pakai")
    add.add_argument("--name", required=True)
    add.add_argument("--kecamatan", required=True, help="kode kecamatan dipisah koma, kecamatan sendiri dulu")
    station.add_parser("list", help="daftar stasiun")
    serve_set = station.add_parser("serve", help="ubah kecamatan yang dilayani stasiun (tercatat di audit)")
    serve_set.add_argument("station", help="id atau kode stasiun")
    serve_set.add_argument("--kecamatan", required=True, help="kode kecamatan dipisah koma, kecamatan sendiri dulu")
    for action, text in (("revoke", "cabut stasiun (token tidak berlaku lagi)"),
                         ("code", "buat kode pendaftaran baru"),
                         ("reanchor", "terima rantai audit baru stasiun yang dipulihkan dari cadangan"),
                         ("resume", "cabut penghentian stasiun karena anomali (tercatat di audit)")):
        one = station.add_parser(action, help=text)
        one.add_argument("station", help="id atau kode stasiun")

    _lost_station_parsers(station)

    anomalies = sub.add_parser("anomalies", help="peristiwa stasiun yang tidak dapat dibenarkan server, dan stasiun "
                                                 "yang dihentikan")
    anomalies.add_argument("--json", action="store_true", help="daftar JSON (aturan, stasiun, waktu, NIK, blanko, "
                                                              "kecamatan seperti dikirim)")
    anomalies.add_argument("--station", help="hanya stasiun ini (id atau kode)")
    anomalies.add_argument("--limit", type=int, default=1000, help="paling banyak sekian anomali terbaru")

    user = sub.add_parser("user", help="pengguna stasiun (operator, supervisor, admin)").add_subparsers(
        dest="action", required=True)
    save = user.add_parser("add", help=f"buat atau ubah pengguna (kata sandi: prompt atau env {PASSWORD_ENV})")
    save.add_argument("username")
    save.add_argument("--role", required=True, choices=["operator", "supervisor", "admin"])
    save.add_argument("--full-name", default="")
    save.add_argument("--kecamatan", default="", help="kode kecamatan dipisah koma (kosong: seluruh kabupaten)")
    save.add_argument("--keep-password", action="store_true", help="ubah data tanpa mengganti kata sandi")
    save.add_argument("--no-change-required", action="store_true",
                      help="kata sandi tidak wajib diganti saat masuk pertama (mis. akun demo)")
    user.add_parser("list", help="daftar pengguna")
    off = user.add_parser("deactivate", help="nonaktifkan pengguna di semua stasiun")
    off.add_argument("username")

    quota = sub.add_parser("quota", help="kuota harian").add_subparsers(dest="action", required=True)
    qset = quota.add_parser("set", help="kuota harian tetap satu kecamatan")
    qset.add_argument("kecamatan")
    qset.add_argument("limit", type=int)
    qset.add_argument("--from-tomorrow", action="store_true",
                      help="kuota lebih rendah dari yang sudah dipinjamkan hari ini berlaku mulai besok")
    quota.add_parser("requests", help="permintaan kenaikan kuota dari stasiun")
    decide = quota.add_parser("decide", help="putuskan permintaan kenaikan kuota")
    decide.add_argument("request")
    choice = decide.add_mutually_exclusive_group(required=True)
    choice.add_argument("--approve", action="store_true")
    choice.add_argument("--refuse", action="store_true")

    lease = sub.add_parser("lease", help="hak cetak yang dipinjamkan ke stasiun").add_subparsers(
        dest="action", required=True)
    show = lease.add_parser("list", help="kuota, hak yang dipinjamkan dan kartu per kecamatan untuk satu hari")
    show.add_argument("--day", help="tanggal (YYYY-MM-DD; default hari ini)")
    tune = lease.add_parser("settings", help="ukuran pinjaman dan batas bawahnya (tanpa opsi: tampilkan)")
    for option, text in (("--size", "hak cetak per kecamatan yang diisi ulang ke stasiun"),
                         ("--low-water", "stasiun meminta lagi bila sisa haknya sebanyak ini"),
                         ("--blanko-size", "blanko per rentang (satu kotak)"),
                         ("--blanko-low-water", "rentang baru bila blanko stasiun tinggal sebanyak ini"),
                         ("--max-skew-seconds", "selisih jam stasiun terbesar yang masih diterima"),
                         ("--advance-hour", "mulai jam ini hak untuk besok ikut dipinjamkan (24: tidak)")):
        tune.add_argument(option, type=int, help=text)
    blanko = sub.add_parser("blanko", help="blanko kabupaten").add_subparsers(dest="action", required=True)
    receive = blanko.add_parser("receive", help="catat blanko yang diterima kabupaten (diberi nomor seri)")
    receive.add_argument("quantity", type=int)
    receive.add_argument("--batch", required=True, help="nomor batch / berita acara")
    receive.add_argument("--requested", type=int, help="jumlah yang diminta ke pusat (mis. 10000 bila tiba 6000)")
    receive.add_argument("--box-first", default="", help="nomor seri pertama yang tercetak di kotak (dari pabrik)")
    receive.add_argument("--box-last", default="", help="nomor seri terakhir yang tercetak di kotak")
    blanko.add_parser("stock", help="blanko diterima, dipinjamkan ke stasiun, dan sisa")
    allocate = blanko.add_parser("allocate", help="alokasikan blanko ke kecamatan atau hub (batas rentang ke stasiunnya)")
    allocate.add_argument("holder", help="kode kecamatan (36.03.01) atau kode stasiun hub")
    allocate.add_argument("quantity", type=int, help="jumlah (negatif: tarik kembali)")
    allocate.add_argument("--note", default="", help="catatan / nomor surat")
    transfer = blanko.add_parser("transfer", help="pindahkan blanko dari satu stasiun ke stasiun lain lewat kabupaten")
    transfer.add_argument("source", help="kode stasiun asal")
    transfer.add_argument("target", help="kode stasiun tujuan")
    transfer.add_argument("first", help="nomor seri pertama (KAB-…)")
    transfer.add_argument("last", help="nomor seri terakhir (KAB-…)")
    write_off = blanko.add_parser("write-off-revoked", help="hapusbukukan blanko yang masih dipegang stasiun yang dicabut")
    write_off.add_argument("station", help="kode stasiun yang dicabut")
    write_off.add_argument("--note", default="", help="alasan dengan kata-kata (mis. nomor laporan polisi), dicatat "
                                                      "di audit")
    ledger = blanko.add_parser("ledger", help="buku blanko: saldo tiap pemegang dan semua pergerakan")
    ledger.add_argument("--kind", action="append", choices=["receipt", "allocation", "lease", "transfer", "issue",
                                                            "spoil", "destroy"], help="jenis pergerakan (boleh diulang)")
    ledger.add_argument("--station", default="", help="kode stasiun (atau kecamatan, untuk alokasi)")
    ledger.add_argument("--since", type=date.fromisoformat, help="sejak tanggal (YYYY-MM-DD)")
    ledger.add_argument("--until", type=date.fromisoformat, help="sampai tanggal (YYYY-MM-DD)")
    ledger.add_argument("--limit", type=int, default=200, help="paling banyak sekian baris pergerakan")
    ledger.add_argument("--json", action="store_true", help="keluaran JSON")
    trace = blanko.add_parser("trace", help="riwayat satu blanko dari penerimaan sampai akhirnya")
    trace.add_argument("serial", help="nomor seri (KAB-…)")
    trace.add_argument("--json", action="store_true", help="keluaran JSON")

    claim = sub.add_parser("claims", help="klaim NIK hari ini oleh stasiun").add_subparsers(dest="action",
                                                                                          required=True)
    claim.add_parser("list", help="klaim yang belum dilepas").add_argument("--day", help="tanggal (YYYY-MM-DD)")
    claim.add_parser("release", help="lepaskan satu klaim (tercatat di audit)").add_argument("claim_id")

    imp = sub.add_parser("import-residents", help="impor ekspor penduduk (CSV, lihat docs/resident-import.md)")
    imp.add_argument("file")
    imp.add_argument("--photos", help="folder atau zip berisi NIK.jpg (foto) dan NIK_ttd.jpg (tanda tangan)")
    imp.add_argument("--encoding", help="pengodean berkas bila bukan UTF-8 (mis. cp1252 untuk CSV Excel Windows)")
    imp.add_argument("--json", action="store_true", help="ringkasan JSON (dengan peringatan per baris)")
    status = sub.add_parser("import-status", help="impor perubahan status rekam (kolom NIK;STATUS_REKAM)")
    status.add_argument("file")
    status.add_argument("--encoding", help="pengodean berkas bila bukan UTF-8 (mis. cp1252)")
    _cards_parser(sub)
    _report_parsers(sub)
    return parser


def _check_options(sub) -> None:
    check = sub.add_parser("check", help="periksa pemasangan untuk pemantauan: sertifikat, database, cadangan, "
                                         "disk, stasiun, jam (kode keluar 0 ok, 1 peringatan, 2 kritis, "
                                         "3 tidak diketahui)")
    check.add_argument("--json", action="store_true", help="keluaran JSON (status, exit_code, checks)")
    check.add_argument("--tls-cert", default=os.environ.get(config.TLS_CERT_ENV),
                       help=f"sertifikat TLS yang diperiksa (env {config.TLS_CERT_ENV})")
    check.add_argument("--tls-key", default=os.environ.get(config.TLS_KEY_ENV),
                       help=f"kunci privat TLS yang diperiksa bersama sertifikatnya (env {config.TLS_KEY_ENV})")
    check.add_argument("--backup-dir", help="folder cadangan (env KTP_SERVER_BACKUP_DIR; default "
                                            "/var/backups/ktp-mandiri-server)")


def check(args: argparse.Namespace) -> int:
    """`check`: one line per finding (or --json), the monitoring exit code. The database is opened,
    never migrated: a check changes nothing."""
    from pathlib import Path

    from server import checks

    url = config.database_url(args.database_url, config.data_dir(args.data_dir))
    folder = Path(args.backup_dir or os.environ.get(checks.BACKUP_DIR_ENV) or checks.DEFAULT_BACKUP_DIR)
    findings = checks.run_all(url, args.tls_cert, folder, tls_key=args.tls_key, load_tls=check_tls)
    result = checks.report(findings)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            print(finding.line())
    return result["exit_code"]


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get(config.HOST_ENV, "127.0.0.1"),
                        help=f"alamat yang didengar (env {config.HOST_ENV}; default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get(config.PORT_ENV, config.DEFAULT_PORT)),
                        help=f"port (env {config.PORT_ENV}; default {config.DEFAULT_PORT})")
    parser.add_argument("--workers", type=int, default=int(os.environ.get(config.WORKERS_ENV, 1)),
                        help=f"jumlah proses pekerja (env {config.WORKERS_ENV})")
    parser.add_argument("--tls-cert", default=os.environ.get(config.TLS_CERT_ENV),
                        help=f"sertifikat TLS (PEM; env {config.TLS_CERT_ENV})")
    parser.add_argument("--tls-key", default=os.environ.get(config.TLS_KEY_ENV),
                        help=f"kunci privat TLS (PEM; env {config.TLS_KEY_ENV})")
    parser.add_argument("--trusted-proxy", action="append", default=None, metavar="ALAMAT",
                        help="reverse proxy yang X-Forwarded-For-nya dipercaya: alamat IP atau jaringan, boleh "
                             f"diulang atau dipisah koma (env {config.TRUSTED_PROXIES_ENV}; default tidak ada)")
    parser.add_argument("--admin-network", action="append", default=None, metavar="JARINGAN",
                        help="jaringan yang boleh memakai API kabupaten/admin (/v1/admin/): alamat IP atau "
                             f"jaringan, boleh diulang atau dipisah koma (env {config.ADMIN_NETWORKS_ENV}; "
                             f"default {config.DEFAULT_ADMIN_NETWORKS}, mesin ini saja)")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    args = build_parser().parse_args(argv)
    from server.errors import ApiError

    try:
        return run(args)
    except ApiError as exc:
        print(f"ktp-mandiri-server: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from desktop.domain.resident_file import FileProblems

        if isinstance(exc, FileProblems):
            print(f"ktp-mandiri-server: {exc}", file=sys.stderr)
            return 1
        if exc.__class__.__name__ in ("OperationalError", "InterfaceError"):
            print(f"ktp-mandiri-server: database tidak dapat dibuka ({str(exc).strip().splitlines()[0]}). Periksa "
                  "--database-url dan bahwa PostgreSQL berjalan.", file=sys.stderr)
            return 1
        raise


def open_database(args: argparse.Namespace, *, migrate: bool = True) -> str:
    from server.db import database, make_database
    from server.migrations import migrate as run_migrations

    url = config.database_url(args.database_url, config.data_dir(args.data_dir))
    db = make_database(url)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if migrate:
        from server.migrations import LATEST_VERSION, schema_version

        found = schema_version(db)
        if found > LATEST_VERSION:
            from server.errors import invalid

            raise invalid(f"Skema database versi {found} lebih baru dari server ini (versi {LATEST_VERSION}): "
                          "pasang versi server yang membuatnya, atau pulihkan cadangan yang cocok.")
        run_migrations(db)
    return url


def run(args: argparse.Namespace) -> int:
    from server import audit, registry

    command = args.command or "serve"
    if command == "serve":
        return serve(args)
    if command == "check":
        return check(args)
    url = open_database(args)
    actor = "" if command == "migrate" else audit.cli_actor(args.officer)
    if command == "migrate":
        from server.db import database
        from server.migrations import schema_version

        print(f"Skema database versi {schema_version(database.obj)} ({_safe_url(url)}).")
    elif command == "restored":
        print(f"Generasi server baru: {registry.new_generation(actor)}. Stasiun akan mengirim ulang data yang "
              "tidak ada di cadangan.")
    elif command == "admin":
        return _admin(args, actor)
    elif command == "station":
        return _station(args, actor)
    elif command == "user":
        return _user(args, actor)
    elif command == "anomalies":
        return _anomalies(args)
    elif command == "quota":
        return _quota(args, actor)
    elif command == "lease":
        return _lease(args, actor)
    elif command == "blanko":
        return _blanko(args, actor)
    elif command == "claims":
        return _claims(args, actor)
    elif command == "import-residents":
        return _import_residents(args, actor)
    elif command == "import-status":
        from server import residents

        result = residents.import_status(actor, caller_path(args.file), args.encoding)
        print(f"Status rekam: {result.changed} berubah, {result.unchanged} tetap.")
    elif command == "cards":
        return _cards(args)
    elif command == "report":
        return _report(args, actor)
    elif command == "settings":
        return _report_settings(args, actor)
    return 0


def caller_path(path: str | None) -> str | None:
    """A file named on the command line, relative to the caller's folder: ktp-mandiri-serverctl runs
    the command elsewhere (the service's folder) and passes the caller's in KTP_SERVER_CALLER_DIR."""
    if not path:
        return path
    from pathlib import Path

    base = Path(os.environ.get(CALLER_DIR_ENV) or os.getcwd())
    return str(base / Path(path).expanduser())


def _import_residents(args: argparse.Namespace, actor: str) -> int:
    from server import residents

    result = residents.import_residents(actor, caller_path(args.file), caller_path(args.photos), args.encoding)
    if args.json:
        print(json.dumps({"added": result.added, "changed": result.changed, "unchanged": result.unchanged,
                          "photos": result.photos, "skipped": list(result.skipped),
                          "warnings": [w.as_dict() for w in result.warnings]}, ensure_ascii=False, indent=1))
        return 0
    print(f"Impor selesai: {result.added} penduduk baru, {result.changed} berubah, {result.unchanged} tetap; "
          f"{result.photos} foto/tanda tangan; {len(result.warnings)} peringatan.")
    for warning in result.warnings:
        print(f"  peringatan: {warning}")
    for name in result.skipped:
        print(f"  dilewati: {name}", file=sys.stderr)
    return 0


def _cards_parser(sub) -> None:
    cards = sub.add_parser("cards", help="kartu yang sudah dicetak (kueri yang sama dengan pencarian kartu API)")
    cards.add_argument("--day", type=date.fromisoformat, help="tanggal cetak (YYYY-MM-DD; default hari ini)")
    cards.add_argument("--kecamatan", help="kode kecamatan (mis. 36.74.06)")
    cards.add_argument("--nik", help="hanya kartu NIK ini (semua hari dalam riwayat)")
    cards.add_argument("--json", action="store_true", help="keluaran JSON")


def _cards(args: argparse.Namespace) -> int:
    from server import claims
    from server.leases import today
    from server.registry import kecamatan_codes

    if args.nik is not None and not (len(args.nik) == 16 and args.nik.isdigit()):
        from server.errors import invalid

        raise invalid(f"NIK {args.nik} tidak sah: harus 16 angka.")
    kecamatan = kecamatan_codes([args.kecamatan])[0] if args.kecamatan else None
    day = args.day or (None if args.nik else today())
    found = claims.issued_cards(day=day, kecamatan=kecamatan, nik=args.nik)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return 0
    if not found:
        print("Tidak ada kartu tercetak yang cocok.")
    for c in found:
        print(f"{c['day']}\t{c['nik']}\t{c['kecamatan_code']}\t{c['station']} {c['station_name']}\t{c['blanko']}\t"
              f"{c['reason']}\t{c['issued_at']}")
    print(f"{len(found)} kartu.")
    return 0


def _report_parsers(sub) -> None:
    """`report` and `settings`: the regency's papers (issue 22, server/reports.py)."""
    from desktop.documents.options import add_report_options, add_settings_options

    report = sub.add_parser("report", help="laporan kabupaten (PDF atau CSV): harian kecamatan, rekap bulanan, "
                                           "berita acara pemusnahan, permohonan blanko ke Ditjen, pengumuman stok")
    add_report_options(report, kecamatan="kecamatan (daily: wajib; monthly, stock-notice)")
    report.add_argument("--hub", metavar="KODE_STASIUN", help="rekap bulanan satu hub (stasiun)")
    report.add_argument("--csv", action="store_true", help="angka yang sama sebagai CSV untuk spreadsheet")
    report.add_argument("--out", required=True, metavar="BERKAS", help="berkas yang ditulis (0600)")
    settings = sub.add_parser("settings", help="kop surat, logo, pola nomor surat dan penanda tangan laporan kabupaten")
    add_settings_options(settings, office="baris kop ketiga (bidang atau kantor)")


def _report(args: argparse.Namespace, actor: str) -> int:
    from pathlib import Path

    from desktop.documents.document import MONTHLY
    from desktop.documents.output import write_private
    from desktop.errors import UserFacingError
    from server import reports
    from server.errors import invalid
    from server.leases import today
    from server.registry import kecamatan_codes

    if args.month and args.kind != MONTHLY:
        raise invalid("--month hanya untuk rekap bulanan (monthly); laporan lain memakai --day.")
    kecamatan = kecamatan_codes([args.kecamatan])[0] if args.kecamatan else None
    ask = reports.ReportAsk(args.kind, args.month or args.day or today(), kecamatan, args.hub, args.csv)
    made = reports.make(ask)
    path = Path(caller_path(args.out))
    try:
        write_private(path, made.data)
    except UserFacingError as exc:
        raise invalid(str(exc)) from None
    reports.record(actor, made, file=str(path))
    state = " (SEMENTARA: hari ini belum selesai)" if made.document.provisional else ""
    print(f"{made.document.title.capitalize()} nomor {made.document.number}{state} ditulis ke {path}.")
    return 0


def _report_settings(args: argparse.Namespace, actor: str) -> int:
    from pathlib import Path

    from desktop.documents.options import print_settings, settings_changes
    from desktop.errors import UserFacingError
    from server import reports
    from server.errors import invalid

    try:
        changes = settings_changes(args, Path(caller_path(".")))
    except UserFacingError as exc:
        raise invalid(str(exc)) from None
    current = reports.update_settings(actor, **changes) if changes else reports.read_settings()
    print_settings(current, bool(changes))
    return 0


def _station(args: argparse.Namespace, actor: str) -> int:
    from server import registry

    if args.action in ("blanko", "users"):
        return _lost_station(args)
    if args.action == "add":
        station, code = registry.add_station(actor, args.name, args.kecamatan)
        print(f"Stasiun {station['name']} ({station['code']}) melayani {', '.join(station['served'])}.")
        print(f"Kode pendaftaran (sekali pakai, berlaku 24 jam): {code}")
    elif args.action == "list":
        for s in registry.list_stations():
            state = "dicabut" if s["revoked"] else ("dihentikan" if s["suspended"] else (
                "terdaftar" if s["enrolled"] else "menunggu pendaftaran"))
            print(f"{s['code']}\t{s['name']}\t{','.join(s['served'])}\t{state}\t{s['last_seen_at'] or '-'}\t{s['id']}")
    elif args.action == "serve":
        s = registry.set_served(actor, args.station, args.kecamatan)
        print(f"Stasiun {s['name']} ({s['code']}) kini melayani {', '.join(s['served'])}; stasiun menerima data "
              "kecamatan barunya dan menghapus data kecamatan yang tidak dilayani lagi pada sinkronisasi berikutnya.")
    elif args.action == "revoke":
        s = registry.revoke_station(actor, args.station)
        print(f"Stasiun {s['name']} ({s['code']}) dicabut; permintaan berikutnya ditolak.")
    elif args.action == "code":
        print(f"Kode pendaftaran baru (sekali pakai, berlaku 24 jam): {registry.new_enrolment_code(actor, args.station)}")
    elif args.action == "reanchor":
        s = registry.reanchor_station(actor, args.station)
        print(f"Rantai audit stasiun {s['name']} ({s['code']}) akan ditambatkan ulang pada sinkronisasi berikutnya.")
    elif args.action == "resume":
        from server import anomalies

        s = anomalies.clear(actor, args.station)
        print(f"Penghentian stasiun {s['station']} dicabut; stasiun mendapat hak cetak lagi pada sinkronisasi "
              "berikutnya. Anomalinya tetap tercatat.")
    return 0


def _lost_station_parsers(station) -> None:
    """`station blanko` and `station users`: what a lost or revoked station had (docs/server-install.md)."""
    account = station.add_parser("blanko", help="blanko yang dipinjamkan ke stasiun dan yang sampai kembali "
                                                "(kartu, rusak, dihapusbukukan)")
    account.add_argument("station", help="id atau kode stasiun")
    account.add_argument("--json", action="store_true", help="keluaran JSON")
    users = station.add_parser("users", help="pengguna yang hash kata sandinya disimpan stasiun ini (reset bila "
                                             "stasiun hilang)")
    users.add_argument("station", help="id atau kode stasiun")
    users.add_argument("--json", action="store_true", help="keluaran JSON")


def _lost_station(args: argparse.Namespace) -> int:
    from server import lost_station

    if args.action == "users":
        found = lost_station.held_users(args.station)
        if args.json:
            print(json.dumps(found, ensure_ascii=False, indent=1))
            return 0
        print(f"{len(found)} pengguna yang hash kata sandinya ada di stasiun {args.station.upper()}:")
        for u in found:
            print(f"{u['username']}\t{u['role']}\t{','.join(u['kecamatan']) or 'semua'}\t"
                  f"{'aktif' if u['active'] else 'nonaktif'}\t{u['full_name']}")
        return 0
    account = lost_station.blanko_account(args.station)
    if args.json:
        print(json.dumps(account, ensure_ascii=False, indent=1))
        return 0
    s, arrived = account["station"], account["arrived"]
    print(f"Stasiun {s['code']} ({s['name']})" + (f", dicabut {account['revoked_at'][:19]}" if account["revoked_at"]
                                                  else ", belum dicabut") + ".")
    for r in account["ranges"]:
        box = f"diterima stasiun {r['confirmed_at'][:19]}" if r["confirmed_at"] else "belum dikonfirmasi stasiun"
        print(f"  {r['first']} s.d. {r['last']}\t{r['count']}\tdipinjamkan {r['granted_at'][:19]}\t{box}")
    print(f"Dipinjamkan {account['leased']}; sampai di kabupaten: {arrived['issued']} kartu, {arrived['spoiled']} "
          f"rusak, {arrived['destroyed']} dimusnahkan; dihapusbukukan {account['written_off']}; belum jelas "
          f"{account['unaccounted']}.")
    return 0


def _admin(args: argparse.Namespace, actor: str) -> int:
    from server import security
    from server.models import Admin

    if args.action == "create":
        first = not Admin.select().exists()
        security.create_admin(actor, args.username, args.full_name,
                              _password(f"Kata sandi admin {args.username}: "), first=first, role=args.role)
        print(f"Akun {args.username} ({args.role}) dibuat.")
    elif args.action == "list":
        for a in security.list_admins():
            state = ["aktif" if a["active"] else "nonaktif"] + ["terkunci"] * a["locked"] + [
                "wajib ganti kata sandi"] * a["must_change_password"]
            print(f"{a['username']}\t{a['full_name']}\t{a['role']}\t{', '.join(state)}\tsesi {a['sessions']}\t"
                  f"gagal masuk {a['failed_logins']}")
    elif args.action == "passwd":
        done = security.set_admin_password(actor, args.username, _password(f"Kata sandi baru {args.username}: "))
        print(f"Kata sandi admin {done['username']} diganti; {done['sessions_ended']} sesi terbuka diakhiri.")
    elif args.action == "reset":
        done = security.reset_admin_password(actor, args.username)
        print(f"Kata sandi sekali pakai admin {done['username']}: {done['one_time_password']}")
        print(f"Wajib diganti saat masuk berikutnya; {done['sessions_ended']} sesi terbuka diakhiri.")
    elif args.action == "unlock":
        done = security.unlock_admin(actor, args.username)
        print(f"Penguncian masuk {done['username']} dihapus ({done['addresses_cleared']} alamat).")
    else:
        done = security.set_admin_active(actor, args.username, args.action == "activate")
        print(f"Admin {done['username']} " + ("diaktifkan." if done["active"] else
                                              f"dinonaktifkan; {done['sessions_ended']} sesi terbuka diakhiri."))
    return 0


def _anomalies(args: argparse.Namespace) -> int:
    from server import anomalies

    if not 1 <= args.limit <= 100_000:
        from server.errors import invalid

        raise invalid("--limit harus antara 1 dan 100000.")
    found = anomalies.listing(args.limit, args.station)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return 0
    for s in anomalies.suspended_stations():
        print(f"DIHENTIKAN {s['station']} ({s['name']}): {s['why']}")
    if not found:
        print("Tidak ada anomali.")
    for a in found:
        print(f"{a['recorded_at']}\t{a['station']}\t{a['rule']}\tNIK {a['nik'] or '-'}\tblanko "
              f"{a['blanko_serial'] or '-'}\tkecamatan {a['kecamatan'] or '-'}\t{a['detail']}")
    return 0


def _user(args: argparse.Namespace, actor: str) -> int:
    from server import registry
    from server.models import ServerUser

    if args.action == "add":
        password = None if args.keep_password else _password(f"Kata sandi {args.username}: ")
        user = registry.save_user(actor, args.username, args.full_name, args.role, password, args.kecamatan,
                                  must_change_password=not args.no_change_required)
        print(f"Pengguna {user['username']} ({user['role']}) disimpan.")
    elif args.action == "list":
        for u in registry.list_users():
            print(f"{u['username']}\t{u['role']}\t{','.join(u['kecamatan']) or 'semua'}\t"
                  f"{'aktif' if u['active'] else 'nonaktif'}")
    elif args.action == "deactivate":
        user = ServerUser.get_or_none(ServerUser.username == args.username.strip().lower())
        if user is None:
            from server.errors import not_found

            raise not_found(f"Pengguna {args.username} tidak ditemukan.")
        registry.save_user(actor, user.username, user.full_name, user.role, None, user.kecamatan, active=False)
        print(f"Pengguna {user.username} dinonaktifkan; stasiun menerimanya pada sinkronisasi berikutnya.")
    return 0


def _quota(args: argparse.Namespace, actor: str) -> int:
    from server import registry

    if args.action == "set":
        q = registry.set_quota(actor, args.kecamatan, args.limit, from_tomorrow=args.from_tomorrow)
        print(f"Kuota harian {q['kecamatan_code']}: {q['daily_limit']}.")
    elif args.action == "requests":
        requests = registry.quota_requests()
        if not requests:
            print("Tidak ada permintaan kuota yang menunggu.")
        for r in requests:
            print(json.dumps(r, ensure_ascii=False))
    elif args.action == "decide":
        r = registry.decide_quota_request(actor, args.request, approve=args.approve)
        print(f"Permintaan {r['id']}: {r['state']}.")
    return 0


def _lease(args: argparse.Namespace, actor: str) -> int:
    from datetime import date

    from server import leases

    if args.action == "list":
        waiting = leases.stations_to_report()
        if waiting:
            print("Menunggu laporan stasiun setelah pemulihan: " + ", ".join(s.code for s in waiting))
        day = date.fromisoformat(args.day) if args.day else None
        for row in leases.admin_view(day):
            shares = ", ".join(f"{s['station']} {s['granted'] - s['returned']} (dipakai {s['used']})"
                               for s in row["stations"])
            print(f"{row['kecamatan']}\t{row['day']}\tkuota {row['limit']}\tdipinjamkan {row['leased']}\t"
                  f"tercetak {row['issued']}\t{shares}")
    else:
        values = {name: getattr(args, name) for name in ("size", "low_water", "blanko_size", "blanko_low_water",
                                                         "max_skew_seconds", "advance_hour")}
        current = leases.set_settings(actor, **values) if any(v is not None for v in values.values()) \
            else leases.settings()
        for name, value in current.items():
            print(f"{name}\t{value}")
    return 0


def _claims(args: argparse.Namespace, actor: str) -> int:
    from datetime import date

    from server import claims

    if args.action == "release":
        released = claims.admin_release(actor, args.claim_id)
        print(f"Klaim {released['claim_id']} atas NIK {released['nik']} ({released['day']}) dilepas.")
        return 0
    for row in claims.open_claims(date.fromisoformat(args.day) if args.day else None):
        print(f"{row['claim_id']}\t{row['nik']}\t{row['day']}\t{row['station']} {row['station_name']}\t"
              f"{row['claimed_at']}")
    return 0


def _blanko(args: argparse.Namespace, actor: str) -> int:
    from server import blanko_ledger, leases

    if args.action == "receive":
        first, last = leases.receive_blanko(actor, args.quantity, args.batch, args.requested, args.box_first,
                                            args.box_last)
        short = f", {args.requested - args.quantity} kurang dari yang diminta" if args.requested else ""
        print(f"Blanko {first} s.d. {last} dicatat ({args.quantity}{short}).")
    elif args.action == "allocate":
        done = blanko_ledger.allocate(actor, args.holder, args.quantity, args.note)
        print(f"Alokasi {done['holder']}: {done['allocated']} blanko, {done['leased']} sudah dipinjamkan ke stasiun.")
        return 0
    elif args.action == "transfer":
        done = blanko_ledger.transfer(actor, args.source, args.target, args.first, args.last)
        print(f"Blanko {done['first']} s.d. {done['last']} ({done['count']}) dipindahkan dari {args.source} ke "
              f"{args.target}; dikirim ke {args.target} pada sinkronisasi berikutnya.")
        return 0
    elif args.action == "write-off-revoked":
        count = blanko_ledger.write_off_revoked(actor, args.station, args.note)
        print(f"{count} blanko stasiun {args.station} dihapusbukukan (rusak: stasiun dicabut).")
        return 0
    elif args.action in ("ledger", "trace"):
        return _blanko_ledger(args)
    stock = leases.blanko_stock()
    print(f"Blanko kabupaten: diterima {stock['received']}, dipinjamkan ke stasiun {stock['leased']}, "
          f"sisa {stock['left']}.")
    return 0


def _blanko_ledger(args: argparse.Namespace) -> int:
    import json

    from server import blanko_ledger

    if args.action == "trace":
        steps = blanko_ledger.trace(args.serial)
        if not steps:
            from server.errors import invalid

            raise invalid(f"Blanko {args.serial} tidak tercatat di kabupaten.")
        if args.json:
            print(json.dumps(steps, default=str, indent=1))
        for step in [] if args.json else steps:
            print(f"{str(step['at'])[:19]}  {step['kind']:<9} {step['holder'] or '-':<12} {step['detail']}")
        return 0
    balances = blanko_ledger.balances()
    rows = blanko_ledger.movements(tuple(args.kind or ()), args.station, args.since, args.until, args.limit)
    if args.json:
        print(json.dumps({"balances": [b.as_dict() for b in balances], "allocations": blanko_ledger.allocations(),
                          "movements": rows}, default=str, indent=1))
        return 0
    print("pemegang      diterima  masuk  alokasi  keluar  tercetak  rusak  musnah  stok  dikirim  seimbang")
    for b in balances:
        print(f"{b.holder:<12} {b.received:>9} {b.transferred_in:>6} {b.allocated_out:>8} {b.transferred_out:>7} "
              f"{b.issued:>9} {b.spoiled:>6} {b.destroyed:>7} {b.in_stock:>5} {b.incoming:>8}  "
              f"{'ya' if b.holds else 'TIDAK'}")
    for a in blanko_ledger.allocations():
        print(f"Alokasi {a['holder']}: {a['allocated']}, dipinjamkan {a['leased']}.")
    for r in rows:
        span = r["first"] if r["first"] == r["last"] else f"{r['first']} s.d. {r['last']}" if r["first"] else ""
        print(f"{str(r['at'])[:19]}  {r['kind']:<10} {r['holder'] or '-':<12} {r['quantity']:>6}  {span}  {r['detail']}")
    return 0


def _password(prompt: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            from server.errors import invalid

            raise invalid(f"Kata sandi tidak diberikan: isi {PASSWORD_ENV} atau jalankan di terminal.")
        password = getpass.getpass(prompt)
    return password


def _safe_url(url: str) -> str:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.password:
        return url.replace(f":{parsed.password}@", ":***@")
    return url


def _admin_networks(args: argparse.Namespace) -> tuple:
    """The networks allowed to reach /v1/admin/ (checked before the server starts)."""
    from server.errors import invalid

    try:
        return config.admin_networks(args.admin_network)
    except ValueError as exc:
        raise invalid(f"--admin-network / {config.ADMIN_NETWORKS_ENV}: {exc}.") from None


def serve(args: argparse.Namespace) -> int:
    """Everything that can stop the server is checked here, in the parent, before any worker is
    spawned (issue 20, item 1): the TLS certificate and key are loaded, the port is bound, the
    database is opened and migrated; each problem is one sentence on stderr and exit code 1."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from server.errors import invalid

    if bool(args.tls_cert) != bool(args.tls_key):
        raise invalid("Sertifikat TLS dan kuncinya harus diberikan bersama (--tls-cert dan --tls-key).")
    try:
        proxies = config.trusted_proxies(args.trusted_proxy)
    except ValueError as exc:
        raise invalid(f"--trusted-proxy: {exc}.") from None
    admin_networks = _admin_networks(args)
    if args.tls_cert:
        check_tls(args.tls_cert, args.tls_key)
    sock = bind(args.host, args.port)
    try:
        url = open_database(args)  # migrate once, before the workers start
    except BaseException:
        sock.close()
        raise
    os.environ[config.DATABASE_ENV] = url
    os.environ[config.TRUSTED_PROXIES_ENV] = ",".join(map(str, proxies))  # for the workers' create_app()
    os.environ[config.ADMIN_NETWORKS_ENV] = ",".join(map(str, admin_networks))
    from server.db import database

    database.obj.close()
    scheme = "https" if args.tls_cert else "http"
    log.info("serving %s://%s:%s with %s worker(s) on %s; trusted proxies: %s; admin API from: %s", scheme,
             args.host, args.port, args.workers, _safe_url(url), ", ".join(map(str, proxies)) or "none",
             ", ".join(map(str, admin_networks)))
    from server.transport import PROTOCOL

    settings = uvicorn.Config("server.asgi:app", host=args.host, port=args.port, workers=max(1, args.workers),
                              ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key, access_log=False,
                              log_config=None, timeout_keep_alive=75, http=PROTOCOL,
                              proxy_headers=False)  # uvicorn would believe 127.0.0.1; server/edge.py decides
    if settings.workers > 1:
        Multiprocess(settings, sockets=[sock]).run()
    else:
        uvicorn.Server(settings).run(sockets=[sock])
    return 0


def check_tls(cert: str, key: str) -> None:
    """Loads the certificate and key as the workers will, so a missing, unreadable or mismatched
    file stops the start with a sentence naming it."""
    import ssl

    from server.errors import invalid

    for path, what in ((cert, "Sertifikat TLS"), (key, "Kunci privat TLS")):
        try:
            with open(path, "rb"):
                pass
        except FileNotFoundError:
            raise invalid(f"{what} {path} tidak ada. Buat sertifikat (docs/server-install.md) atau perbaiki "
                          "KTP_SERVER_TLS_CERT/KTP_SERVER_TLS_KEY.") from None
        except OSError as exc:
            raise invalid(f"{what} {path} tidak dapat dibaca ({exc.strerror}); server berjalan sebagai "
                          f"pengguna {_os_user()}.") from None
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert, key)
    except (ssl.SSLError, ValueError) as exc:
        raise invalid(f"Sertifikat TLS {cert} dan kunci {key} tidak dapat dipakai ({exc}): bukan PEM, atau "
                      "kuncinya bukan pasangan sertifikat ini.") from None


def bind(host: str, port: int):
    """The listening socket, bound by the parent and handed to the workers."""
    import errno
    import socket

    from server.errors import invalid

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise invalid(f"Port {port} di {host} sudah dipakai program lain (ss -ltnp 'sport = :{port}' "
                          "menunjukkan yang mana).") from None
        if exc.errno == errno.EACCES:
            raise invalid(f"Port {port} di {host} tidak boleh dipakai pengguna {_os_user()} (port di bawah 1024 "
                          "butuh hak khusus).") from None
        raise invalid(f"Alamat {host} port {port} tidak dapat dipakai ({exc.strerror}).") from None
    return sock


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return str(os.getuid())


if __name__ == "__main__":
    sys.exit(main())
