"""What every station command shares: opening the station of --data-dir, and the user who signs (`--user`,
the password asked or read from the environment)."""

from __future__ import annotations

import argparse
import getpass
import os

from desktop.cli.terminal import has_terminal
from desktop.errors import UserFacingError


def open_station(args: argparse.Namespace, *, create: bool = False):
    """Open the station of --data-dir for a command: log to its log file, then tidy what earlier
    processes left (the side journal's outcomes, queued jobs that never reached a printer).

    Only `create` (demo-data --with-station) makes a new database; every other command refuses a
    missing folder or an empty file with one sentence (a mistyped --data-dir must not become a station).
    """
    from desktop.composition import build_services
    from desktop.logging_setup import setup_logging
    from desktop.paths import resolve_data_dir
    from desktop.store.backup import keep_daily_backup

    services = build_services(resolve_data_dir(args.data_dir), create=create)
    setup_logging(services.data_dir)
    services.jobs.start()
    keep_daily_backup(services.data_dir, services.clock.today())
    return services


def ask_password(username: str, variable: str = "KTP_MANDIRI_PASSWORD") -> str:
    """`username`'s password: from the environment `variable`, else asked at the terminal."""
    password = os.environ.get(variable)
    if password is None:
        if not has_terminal():
            raise UserFacingError(f"Kata sandi tidak diberikan: isi {variable} atau jalankan di terminal.")
        password = getpass.getpass(f"Kata sandi {username}: ")
    return password


PASSWORD_FROM = "kata sandi: prompt atau env KTP_MANDIRI_PASSWORD"


def add_user_argument(parser: argparse.ArgumentParser, who: str = "supervisor atau admin") -> None:
    """The required `--user` of a command someone must sign: `who` may run it (in the help)."""
    parser.add_argument("--user", required=True, metavar="NAMA_PENGGUNA", help=f"nama pengguna {who} ({PASSWORD_FROM})")


def log_in(services, username: str):
    """`username` logged in with the password asked for (or from KTP_MANDIRI_PASSWORD); refusals raise."""
    return services.auth.login(username, ask_password(username))
