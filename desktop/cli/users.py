"""`ktp-mandiri users ...`: the station's accounts, managed as in the GUI (admin: all; supervisor: operators)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC

from desktop.cli.common import add_user_argument
from desktop.cli.terminal import has_terminal
from desktop.errors import UserFacingError

NEW_PASSWORD_ENV = "KTP_MANDIRI_NEW_PASSWORD"
ROLES = ("antrian", "operator", "supervisor", "admin")  # desktop/domain/roles.py Role


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="kelola akun pengguna stasiun (semua tindakan tercatat di log audit)")
    actions = users.add_subparsers(dest="users_command", metavar="PERINTAH", required=True)

    def action(name: str, help_text: str, handler, *, target: bool = True) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help_text)
        if target:
            parser.add_argument("username", metavar="NAMA_PENGGUNA")
        add_user_argument(parser, "Anda")
        parser.set_defaults(handler=handler)
        return parser

    listing = action("list", "daftar akun, peran, status dan kunci masuk", cmd_list, target=False)
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    add = action("add", "buat akun baru dengan kata sandi sementara", cmd_add)
    add.add_argument("--name", required=True, metavar="NAMA", help="nama lengkap")
    add.add_argument("--role", required=True, choices=ROLES, help="peran")
    action("deactivate", "nonaktifkan akun (tidak dapat masuk lagi)", cmd_deactivate)
    action("activate", "aktifkan kembali akun", cmd_activate)
    action("reset-password", "beri kata sandi sementara baru (wajib diganti saat masuk)", cmd_reset)
    action("unlock", "buka kunci masuk setelah terlalu banyak percobaan gagal", cmd_unlock)
    action("passwd", "ganti kata sandi Anda sendiri (baru: prompt atau env KTP_MANDIRI_NEW_PASSWORD)", cmd_passwd,
           target=False)


@contextmanager
def _session(args: argparse.Namespace) -> Iterator[tuple]:
    """The services and the logged-in user giving the command (log-ins are throttled as in the GUI)."""
    from desktop.cli.common import log_in, open_station

    services = open_station(args)
    try:
        yield services, log_in(services, args.user)
    finally:
        services.close()


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.domain.roles import Permission

    with _session(args) as (services, user):
        user.require(Permission.MANAGE_OPERATORS)
        accounts = services.users.accounts()
        zone = services.clock.zone
    if args.json:
        json.dump([{
            "username": a.username, "full_name": a.full_name, "role": a.role, "active": a.active,
            "must_change_password": a.must_change_password,
            "last_login_at": a.last_login_at.isoformat() + "Z" if a.last_login_at else None,
            "locked_until": a.locked_until.isoformat() + "Z" if a.locked_until else None,
        } for a in accounts], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for a in accounts:
        state = "aktif" if a.active else "nonaktif"
        if a.must_change_password:
            state += ", harus ganti kata sandi"
        if a.locked_until:
            state += f", terkunci s.d. {a.locked_until.replace(tzinfo=UTC).astimezone(zone):%H:%M}"
        print(f"{a.username}\t{a.role}\t{a.full_name}\t{state}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with _session(args) as (services, user):
        new = services.users.create(user, args.username, args.name, args.role)
    print(f"Akun {new.username} ({args.role}) dibuat. Kata sandi sementara: {new.password}\n"
          "Berikan kepada pemiliknya; kata sandi ini wajib diganti saat masuk pertama.")
    return 0


def cmd_deactivate(args: argparse.Namespace) -> int:
    with _session(args) as (services, user):
        services.users.set_active(user, args.username, False)
    print(f"Akun {args.username} dinonaktifkan.")
    return 0


def cmd_activate(args: argparse.Namespace) -> int:
    with _session(args) as (services, user):
        services.users.set_active(user, args.username, True)
    print(f"Akun {args.username} diaktifkan.")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    with _session(args) as (services, user):
        new = services.users.reset_password(user, args.username)
    print(f"Kata sandi sementara untuk {new.username}: {new.password}\n"
          "Kata sandi ini wajib diganti saat masuk berikutnya.")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    with _session(args) as (services, user):
        lifted = services.auth.unlock(user, args.username)
    print(f"Kunci masuk {args.username} dibuka." if lifted
          else f"{args.username} tidak sedang terkunci; hitungan percobaan gagal dihapus.")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from desktop.cli.common import ask_password

    old = ask_password(args.user)
    new = _new_password()
    with _session(args) as (services, user):
        services.users.change_own_password(user, old, new)
        regency = services.users.managed_by_regency()
    print(f"Kata sandi {args.user.strip().lower()} diganti" + (
        " di server kabupaten; stasiun lain mendapatkannya pada sinkronisasi berikutnya." if regency else "."))
    return 0


def _new_password() -> str:
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    if not has_terminal():
        raise UserFacingError("Kata sandi baru tidak diberikan: isi KTP_MANDIRI_NEW_PASSWORD atau jalankan di terminal.")
    first = getpass.getpass("Kata sandi baru: ")
    if getpass.getpass("Ulangi kata sandi baru: ") != first:
        raise UserFacingError("Kedua kata sandi baru tidak sama; kata sandi tidak diganti.")
    return first
