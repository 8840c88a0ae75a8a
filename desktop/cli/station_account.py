"""`ktp-mandiri station-account show|allow`: which Windows account of this PC holds its station, and an
administrator's explicit choice to let another account make a station of its own
(desktop/station_account.py)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    account = sub.add_parser("station-account", help="Windows: akun yang memegang stasiun PC ini; izin admin untuk "
                                                     "stasiun kedua")
    actions = account.add_subparsers(dest="station_account_command", metavar="PERINTAH", required=True)
    show = actions.add_parser("show", help="akun Windows, stasiun dan folder data yang tercatat di PC ini")
    show.set_defaults(handler=cmd_show)
    allow = actions.add_parser("allow", help="admin mengizinkan akun Windows lain membuat stasiunnya sendiri "
                                             "(jalankan sebagai Administrator)")
    allow.add_argument("account", metavar="AKUN", help='akun Windows, mis. "PC-KECAMATAN\\operator2"')
    allow.set_defaults(handler=cmd_allow)


def _describe(holder) -> str:
    lines = [f"Akun Windows: {holder.account.name}", f"Stasiun: {holder.station}", f"Folder data: {holder.data_dir}"]
    if holder.allowed:
        lines.append("Diizinkan admin membuat stasiun sendiri: " + ", ".join(holder.allowed))
    return "\n".join(lines)


def _windows_only() -> int:
    import sys

    from desktop.domain.text import msg

    print("ktp-mandiri: " + msg("Perintah ini untuk Windows; di Linux stasiun sudah milik satu akun (folder data "
                                "0700)."), file=sys.stderr)
    return 1


def cmd_show(args: argparse.Namespace) -> int:
    from desktop import platform as system
    from desktop.domain.text import msg
    from desktop.station_account import marker_path, read_holder

    if not system.WINDOWS:
        return _windows_only()
    holder = read_holder(marker_path())
    if holder is None:
        print(msg("Belum ada stasiun yang tercatat di PC ini ({path}).", path=marker_path()))
        return 0
    print(_describe(holder))
    return 0


def cmd_allow(args: argparse.Namespace) -> int:
    from desktop import platform as system
    from desktop.station_account import allow

    if not system.WINDOWS:
        return _windows_only()
    print(_describe(allow(args.account)))
    return 0
