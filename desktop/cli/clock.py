"""`ktp-mandiri clock status|confirm`: the clock check, and a supervisor's confirmation of the date and time
(as Supervisor > Pastikan tanggal dan jam in the GUI), audited."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_user_argument


def register(sub: argparse._SubParsersAction) -> None:
    clock = sub.add_parser("clock", help="periksa tanggal dan jam komputer terhadap catatan stasiun")
    actions = clock.add_subparsers(dest="clock_command", metavar="PERINTAH", required=True)
    status = actions.add_parser("status", help="apakah tanggal dan jam komputer cocok dengan catatan stasiun")
    status.set_defaults(handler=cmd_status)
    confirm = actions.add_parser("confirm", help="supervisor memastikan tanggal dan jam komputer benar (tercatat)")
    add_user_argument(confirm, "supervisor")
    confirm.set_defaults(handler=cmd_confirm)


def cmd_status(args: argparse.Namespace) -> int:
    """Exit 0 when printing may go on, 1 with the sentence when the clock must be looked at."""
    import sys

    from desktop.cli.common import open_station
    from desktop.services.clock_guard import clock_problem

    services = open_station(args)
    try:
        problem = clock_problem(services.clock)
        now = services.clock.now_local()
    finally:
        services.close()
    if problem is not None:
        print(f"ktp-mandiri: {problem}", file=sys.stderr)
        return 1
    print(f"Tanggal dan jam komputer ({now:%d-%m-%Y %H:%M}) cocok dengan catatan stasiun.")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    from desktop.cli.common import log_in, open_station
    from desktop.services.clock_confirm import confirm_clock

    services = open_station(args)
    try:
        user = log_in(services, args.user)
        confirm_clock(services.db, services.clock, user)
        now = services.clock.now_local()
    finally:
        services.close()
    print(f"Tanggal dan jam {now:%d-%m-%Y %H:%M} dipastikan oleh {user.username}; pencetakan dapat berlanjut.")
    return 0
