"""`ktp-mandiri ticket-printer`: where the queue's tickets are printed (the `TICKET_PRINTER` setting, docs/
queue-tickets.md), set by a supervisor or admin (audited, through the queue's settings), and a specimen ticket
to check the printer before the first citizen comes."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    printer = sub.add_parser("ticket-printer", help="printer karcis antrean: tampilkan, ubah (supervisor/admin) atau "
                                                    "cetak karcis contoh")
    printer.add_argument("--set", dest="target", metavar="TUJUAN",
                         help="spooler://ANTREAN, escpos-usb://VID:PID, pdf://FOLDER (opsional ?paper=58|80|a6), "
                              "atau \"\" untuk hanya di layar")
    printer.add_argument("--user", metavar="NAMA_PENGGUNA",
                         help="supervisor atau admin, untuk --set (kata sandi: prompt atau env KTP_MANDIRI_PASSWORD)")
    printer.add_argument("--test", action="store_true", help="cetak satu karcis contoh ke tujuan itu")
    printer.set_defaults(handler=cmd_ticket_printer)


def specimen(station_name: str, now):
    """A ticket that is plainly a test: its own random id, no NIK, number CONTOH."""
    import secrets

    from desktop.domain.text import msg
    from desktop.services.queue import TicketView

    return TicketView(ticket_id=secrets.token_hex(16), code="CONTOH", service="baru",
                      service_label=msg("Uji printer karcis"), priority="", day=now.date(), issued_at=now,
                      estimated_wait_minutes=None, station_name=station_name, office_name=msg("Karcis contoh"),
                      status="waiting")


def cmd_ticket_printer(args: argparse.Namespace) -> int:
    import sys

    from desktop.cli.common import ask_password, open_station
    from desktop.devices.ticket_printers import parse_target, print_ticket
    from desktop.errors import UserFacingError

    if args.target is not None:
        if not args.user:
            raise UserFacingError("Mengubah printer karcis perlu --user supervisor atau admin.")
        parse_target(args.target)  # a target that cannot be read is refused before it is stored
    services = open_station(args)
    try:
        if args.target is not None:
            user = services.auth.login(args.user, ask_password(args.user))
            services.queue.configure(user, ticket_printer=args.target)
        target = services.queue.settings()["ticket_printer"] or ""
        station = services.stations.require()
        now = services.clock.now_local()
    finally:
        services.close()
    print(f"Printer karcis: {target or '(tidak ada: nomor hanya ditampilkan di layar)'}")
    if not args.test or not target:
        return 0
    outcome = print_ticket(specimen(station.name, now), target)
    if outcome.printed:
        print("Karcis contoh tercetak.")
        return 0
    print(f"ktp-mandiri: karcis contoh tidak tercetak: {outcome.why}", file=sys.stderr)
    return 1
