"""`ktp-mandiri queue status|list|issue|call`: the station's queue at the door (issue 25,
desktop/services/queue.py) from the command line."""

from __future__ import annotations

import argparse
import json

USER_HELP = "nama pengguna (kata sandi: prompt atau env KTP_MANDIRI_PASSWORD)"


def register(sub: argparse._SubParsersAction) -> None:
    from desktop.domain.queue import PRIORITY_GROUPS, SERVICES

    queue = sub.add_parser("queue", help="antrean stasiun: tempat yang tersisa hari ini, daftar tunggu, ambil nomor, "
                                         "panggil nomor berikutnya")
    actions = queue.add_subparsers(dest="queue_action", metavar="AKSI", required=True)
    status = actions.add_parser("status", help="tempat yang diketahui hari ini dan yang membatasinya")
    status.add_argument("--json", action="store_true", help="keluaran JSON")
    status.set_defaults(handler=cmd_status)
    listing = actions.add_parser("list", help="nomor yang menunggu, dalam urutan panggilan")
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    listing.set_defaults(handler=cmd_list)
    issue = actions.add_parser("issue", help="ambil nomor antrean (hari ini, atau --next-day)")
    issue.add_argument("service", choices=list(SERVICES), help="layanan")
    issue.add_argument("--nik", default=None, metavar="NIK", help="NIK penduduk, bila diketahui (diperiksa di pintu)")
    issue.add_argument("--priority", default="", choices=[k for k in PRIORITY_GROUPS if k], help="kelompok prioritas")
    issue.add_argument("--disaster", default="", metavar="KETERANGAN", help="korban bencana: keterangannya")
    issue.add_argument("--next-day", action="store_true", help="nomor untuk hari buka berikutnya")
    issue.add_argument("--user", required=True, metavar="NAMA_PENGGUNA", help=USER_HELP)
    issue.set_defaults(handler=cmd_issue)
    call = actions.add_parser("call", help="panggil nomor berikutnya (prioritas dulu)")
    call.add_argument("--user", required=True, metavar="NAMA_PENGGUNA", help=USER_HELP)
    call.set_defaults(handler=cmd_call)


def _open(args: argparse.Namespace):
    from desktop.cli.common import open_station

    return open_station(args)


def _signed_in(args: argparse.Namespace):
    from desktop.cli.common import ask_password

    services = _open(args)
    try:
        return services, services.auth.login(args.user, ask_password(args.user))
    except BaseException:
        services.close()
        raise


def cmd_status(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        places = services.queue.places()
    finally:
        services.close()
    if args.json:
        print(json.dumps({"rights": places.rights, "blanko": places.blanko, "capacity": places.capacity,
                          "known": places.known, "waiting": places.waiting, "left": places.left, "why": places.why}))
    else:
        print(f"Tempat diketahui hari ini: {places.known} (hak cetak {places.rights}, blanko {places.blanko}, "
              f"kapasitas printer {places.capacity}); memegang tempat {places.waiting}, tersisa {max(0, places.left)}.")
        print(places.why)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        waiting = services.queue.waiting()
    finally:
        services.close()
    if args.json:
        print(json.dumps([{"code": t.code, "service": t.service, "priority": t.priority,
                           "issued_at": t.issued_at.isoformat(), "wait_minutes": t.estimated_wait_minutes}
                          for t in waiting]))
        return 0
    if not waiting:
        print("Tidak ada nomor yang menunggu.")
    for t in waiting:
        print(f"{t.code}  {t.service_label:<16} {t.priority or '-':<12} {t.issued_at:%H:%M}  "
              f"~{t.estimated_wait_minutes} menit")
    return 0


def cmd_issue(args: argparse.Namespace) -> int:
    from desktop.services.queue import Issued

    services, user = _signed_in(args)
    try:
        queue = services.queue
        if args.next_day:
            result = queue.issue_next_day(user, args.service, args.nik, args.priority, args.disaster)
        else:
            result = queue.issue(user, args.service, args.nik, args.priority, args.disaster)
    finally:
        services.close()
    if isinstance(result, Issued):
        ticket = result.ticket
        wait = f", perkiraan tunggu {ticket.estimated_wait_minutes} menit" if ticket.estimated_wait_minutes is not None \
            else ""
        print(f"Nomor {ticket.code} ({ticket.service_label}) untuk {ticket.day:%d-%m-%Y}{wait}. Id tiket: "
              f"{ticket.ticket_id}")
        return 0
    print(result.why)
    for line in result.alternatives:
        print(f"- {line}")
    return 1


def cmd_call(args: argparse.Namespace) -> int:
    services, user = _signed_in(args)
    try:
        called = services.queue.call_next(user)
    finally:
        services.close()
    if called is None:
        print("Tidak ada nomor yang menunggu.")
        return 0
    print(f"Dipanggil: {called.code} ({called.service_label}).")
    return 0
