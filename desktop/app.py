"""Command line and composition root: `ktp-mandiri [--data-dir DIR] [--demo] [COMMAND ...]`."""

from __future__ import annotations

import argparse
import sys

from desktop import cli
from desktop.errors import UserFacingError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ktp-mandiri", description="KTP-el Mandiri: cetak KTP-el di kantor kecamatan."
    )
    parser.add_argument("--data-dir", help="folder data (default: folder data pengguna; env KTP_MANDIRI_DATA)")
    parser.add_argument("--demo", action="store_true",
                        help="mode demo: data sementara, penduduk contoh, printer simulasi")
    parser.add_argument("--demo-residents", type=int, default=2000, help=argparse.SUPPRESS)
    parser.add_argument("--lang", choices=["id", "en"], default=None, help="bahasa tampilan (id/en)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="periksa instalasi: migrasi di folder data sementara, jendela utama, render kartu, "
                             "libusb; keluar 0 bila baik, atau sebutkan langkah yang gagal")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command:
            return args.handler(args)
        if args.smoke_test:
            from desktop.ui.smoke import run_smoke

            return run_smoke(args)
        from desktop.ui.application import run_gui

        return run_gui(args)
    except UserFacingError as exc:
        print(f"ktp-mandiri: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
