"""`ktp-mandiri backup --out F`: a consistent copy of the station's database while the app runs."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help="salin database stasiun ke berkas lain (aman saat aplikasi berjalan)")
    backup.add_argument("--out", required=True, metavar="BERKAS", help="berkas tujuan, mis. flashdisk")
    backup.set_defaults(handler=cmd_backup)


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.cli.common import open_station
    from desktop.services.backup_reminder import note_backup_taken
    from desktop.store.backup import backup_to
    from desktop.store.files import DB_FILENAME

    services = open_station(args)
    try:
        size = backup_to(services.data_dir / DB_FILENAME, Path(args.out))
        note_backup_taken(services.data_dir, services.clock.now_utc())  # the 7-day reminder starts again
    finally:
        services.close()
    print(f"Cadangan database dibuat: {args.out} ({size / 1_000_000:.1f} MB, sudah diperiksa).")
    return 0
