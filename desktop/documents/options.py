"""The command line of the reports' papers, the same at the station (`ktp-mandiri report|settings`,
desktop/cli/reports.py) and at the regency server (`ktp-mandiri-server report|settings`): the report kinds,
the day and month arguments, and the settings' options and how they are shown."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from desktop.documents.document import KINDS
from desktop.errors import UserFacingError

__all__ = ["KINDS", "add_report_options", "add_settings_options", "parse_day", "parse_month", "print_settings", "settings_changes"]
SIGNER_HELP = 'penanda tangan "JABATAN|NAMA|NIP" (NIP boleh kosong; ulangi untuk beberapa, urutan = urutan di kertas)'


def add_report_options(report: argparse.ArgumentParser, kecamatan: str) -> None:
    """The kind, day or month and kecamatan of a `report` command (the station's and the regency server's)."""
    report.add_argument("kind", choices=KINDS, metavar="JENIS", help="daily | destruction | stock-notice | "
                                                                     "blanko-request | monthly")
    when = report.add_mutually_exclusive_group()
    when.add_argument("--day", type=parse_day, metavar="YYYY-MM-DD", help="hari laporan (default: hari ini)")
    when.add_argument("--month", type=parse_month, metavar="YYYY-MM", help="bulan rekap (monthly; default: bulan ini)")
    report.add_argument("--kecamatan", metavar="KODE", help=kecamatan)


def add_settings_options(settings: argparse.ArgumentParser, office: str) -> None:
    """The options of a `settings` command (the station's, and the regency server's: the same papers)."""
    settings.add_argument("--regency", metavar="TEKS", help='baris kop pertama, misalnya "Pemerintah Kabupaten Tangerang"')
    settings.add_argument("--dinas", metavar="TEKS", help="baris kop kedua (dinas)")
    settings.add_argument("--office", metavar="TEKS", help=office)
    settings.add_argument("--address", metavar="TEKS", help="alamat di bawah kop")
    logo = settings.add_mutually_exclusive_group()
    logo.add_argument("--logo", type=Path, metavar="BERKAS", help="logo kop (PNG atau JPEG)")
    logo.add_argument("--no-logo", action="store_true", help="hapus logo kop")
    settings.add_argument("--number", metavar="POLA", help="pola nomor surat, misalnya 470/{jenis}/{kode}/{bulan_romawi}/{tahun}")
    settings.add_argument("--signer", action="append", metavar="JABATAN|NAMA|NIP", help=SIGNER_HELP)
    settings.add_argument("--clear-signers", action="store_true", help="hapus semua penanda tangan")


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal ditulis YYYY-MM-DD, misalnya 2026-12-07 (bukan {text!r})") from None


def parse_month(text: str) -> date:
    try:
        return date.fromisoformat(text + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"bulan ditulis YYYY-MM, misalnya 2026-12 (bukan {text!r})") from None


def settings_changes(args: argparse.Namespace, base: Path | None = None) -> dict[str, object]:
    """What a `settings` command asks to change (`base`: the folder a relative logo path is in)."""
    from desktop.documents.letterhead import Signer, logo_from_file

    changes: dict[str, object] = {k: getattr(args, k) for k in ("regency", "dinas", "office", "address")
                                  if getattr(args, k) is not None}
    if args.logo is not None:
        changes["logo_png"] = logo_from_file(base / args.logo if base else args.logo)
    elif args.no_logo:
        changes["logo_png"] = None
    if args.number is not None:
        changes["number_pattern"] = args.number
    if args.clear_signers or args.signer:
        signers = []
        for text in args.signer or []:
            parts = text.split("|")
            if len(parts) not in (2, 3):
                raise UserFacingError(f'Penanda tangan ditulis "JABATAN|NAMA|NIP", misalnya '
                                      f'"Camat Pamulang|Drs. Ahmad Fauzi|197001011990031001" ({text}).')
            signers.append(Signer(*parts))
        changes["signers"] = tuple(signers)
    return changes


def print_settings(current, changed: bool) -> None:
    print(f"Kop surat       : {current.regency or '-'} / {current.dinas or '-'} / {current.office or '-'}")
    print(f"Alamat          : {current.address or '-'}")
    print(f"Logo            : {'ada' if current.logo_png else 'tidak ada'}")
    print(f"Pola nomor surat: {current.number_pattern}")
    for i, signer in enumerate(current.signers, 1):
        print(f"Penanda tangan {i}: {signer.title}, {signer.name}" + (f", NIP {signer.nip}" if signer.nip else ""))
    if not current.signers:
        print("Penanda tangan  : belum diatur (kertas memuat tempat kosong untuk nama dan NIP)")
    if changed:
        print("Pengaturan laporan disimpan.")
