"""`ktp-mandiri blanko ledger|trace|spoil|destroy|transfer|confirm`: the station's blanko ledger
(desktop/services/blanko_ledger.py) from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import UTC, date

from desktop.cli.common import add_user_argument
from desktop.errors import UserFacingError

APPROVER_HELP = ("empat mata: supervisor atau admin lain yang menyetujui (kata sandi: prompt atau env "
                 "KTP_MANDIRI_APPROVER_PASSWORD)")


def register(sub: argparse._SubParsersAction) -> None:
    from desktop.domain.blanko import BOOKED_BY_APP, KINDS, SPOIL_REASONS

    blanko = sub.add_parser("blanko", help="buku blanko stasiun: saldo, pergerakan, riwayat satu blanko, "
                                           "blanko rusak dan pemusnahannya")
    actions = blanko.add_subparsers(dest="blanko_action", metavar="AKSI", required=True)
    ledger = actions.add_parser("ledger", help="saldo blanko dan daftar pergerakan (terbaru dulu)")
    ledger.add_argument("--kind", action="append", choices=KINDS, help="jenis pergerakan (boleh diulang)")
    ledger.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="sejak tanggal")
    ledger.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD", help="sampai tanggal")
    ledger.add_argument("--serial", default="", metavar="NOMOR_SERI", help="nomor seri atau awalnya")
    ledger.add_argument("--reason", choices=list(SPOIL_REASONS), help="penyebab blanko rusak")
    ledger.add_argument("--user", dest="username", default="", metavar="NAMA_PENGGUNA", help="yang mencatat")
    ledger.add_argument("--limit", type=int, default=200, metavar="JUMLAH", help="paling banyak sekian baris (default 200)")
    ledger.add_argument("--json", action="store_true", help="keluaran JSON")
    ledger.set_defaults(handler=cmd_ledger)
    trace = actions.add_parser("trace", help="riwayat satu blanko dari penerimaan sampai akhirnya")
    trace.add_argument("serial", metavar="NOMOR_SERI")
    trace.add_argument("--json", action="store_true", help="keluaran JSON")
    trace.set_defaults(handler=cmd_trace)
    spoil = actions.add_parser("spoil", help="catat satu blanko di stok sebagai rusak")
    spoil.add_argument("--reason", required=True, choices=[k for k in SPOIL_REASONS if k not in BOOKED_BY_APP],
                       help="penyebab")
    spoil.add_argument("--serial", metavar="NOMOR_SERI", help="nomor seri (default: blanko berikutnya di stok)")
    spoil.add_argument("--note", default="", metavar="KETERANGAN", help="keterangan")
    add_user_argument(spoil)
    spoil.add_argument("--approver", required=True, metavar="NAMA_PENGGUNA", help=APPROVER_HELP)
    spoil.set_defaults(handler=cmd_spoil)
    destroy = actions.add_parser("destroy", help="pemusnahan harian blanko rusak di hadapan saksi")
    destroy.add_argument("--witness", action="append", required=True, metavar="NAMA:NIP",
                         help="saksi: nama dan NIP 18 angka (sedikitnya dua, ulangi opsinya)")
    destroy.add_argument("--serial", action="append", metavar="NOMOR_SERI", help="hanya blanko ini (default: semua yang rusak)")
    add_user_argument(destroy)
    destroy.add_argument("--approver", required=True, metavar="NAMA_PENGGUNA", help=APPROVER_HELP)
    destroy.set_defaults(handler=cmd_destroy)
    transfer = actions.add_parser("transfer", help="kirim blanko di stok ke stasiun lain lewat kabupaten")
    transfer.add_argument("first", metavar="SERI_PERTAMA")
    transfer.add_argument("last", metavar="SERI_TERAKHIR")
    transfer.add_argument("--to", required=True, metavar="KODE_STASIUN", help="stasiun tujuan")
    add_user_argument(transfer)
    transfer.set_defaults(handler=cmd_transfer)
    count = actions.add_parser(
        "count", help="supervisor, sesudah pemulihan database diterima: catat blanko fisik yang ada (sebelum mencetak "
                      "lagi); blanko di stok yang tidak ada dicatat rusak 'hilang sesudah pemulihan'")
    count.add_argument("serials", nargs="*", metavar="SERI",
                       help="nomor seri yang ada secara fisik, atau rentang SERI_PERTAMA..SERI_TERAKHIR; tanpa SERI: "
                            "tampilkan stok yang tercatat")
    count.add_argument("--none", action="store_true", help="tidak ada satu pun blanko fisik tersisa")
    add_user_argument(count)
    count.set_defaults(handler=cmd_count)
    confirm = actions.add_parser("confirm", help="konfirmasi kotak blanko kiriman kabupaten sudah tiba (supervisor)")
    confirm.add_argument("first", nargs="?", metavar="SERI_PERTAMA",
                         help="nomor seri pertama kotak (boleh dilewati bila hanya satu kotak dalam pengiriman)")
    add_user_argument(confirm)
    confirm.set_defaults(handler=cmd_confirm)


def _local(at) -> str:
    return at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _line(row) -> str:
    what = row.serial or (f"{row.quantity} blanko" + (f" ({row.batch})" if row.batch else ""))
    extra = [x for x in (row.reason, row.detail, row.username and f"oleh {row.username}") if x]
    return f"{_local(row.at)}  {row.kind:<12} {what:<26} {'; '.join(extra)}"


def cmd_ledger(args: argparse.Namespace) -> int:
    from desktop.cli.common import open_station
    from desktop.services.blanko_ledger import LedgerFilter

    services = open_station(args)
    try:
        station_id = services.stations.require().id
        ledger = services.blanko_ledger
        balance = ledger.balance(station_id)
        found = LedgerFilter(tuple(args.kind or ()), args.since, args.until, args.serial, args.reason or "",
                             args.username)
        rows = ledger.movements(station_id, found, limit=args.limit)
        total = ledger.count(station_id, found)
    finally:
        services.close()
    if args.json:
        json.dump({"balance": {**asdict(balance), "awaiting_destruction": balance.awaiting_destruction,
                               "holds": balance.holds}, "total": total,
                   "movements": [asdict(r) for r in rows]}, sys.stdout, indent=2, default=str, ensure_ascii=False)
        print()
        return 0
    print(f"Diterima {balance.received}, dipindahkan keluar {balance.transferred_out}, tercetak {balance.issued}, "
          f"rusak {balance.spoiled} (dimusnahkan {balance.destroyed}, menunggu dimusnahkan "
          f"{balance.awaiting_destruction}); di stok {balance.in_stock}, dalam pengiriman {balance.incoming}.")
    if not balance.holds:
        print("PERHATIAN: buku blanko tidak seimbang; periksa blanko fisik dan laporkan ke kabupaten.")
    for row in rows:
        print(_line(row))
    if total > len(rows):
        print(f"… {total - len(rows)} pergerakan lagi (--limit, atau saring dengan --kind/--since/--serial).")
    return 0 if balance.holds else 1


def cmd_trace(args: argparse.Namespace) -> int:
    from desktop.cli.common import open_station

    services = open_station(args)
    try:
        steps = services.blanko_ledger.trace(args.serial)
    finally:
        services.close()
    if not steps:
        raise UserFacingError(f"Blanko {args.serial} tidak tercatat di stasiun ini.")
    if args.json:
        json.dump([asdict(s) for s in steps], sys.stdout, indent=2, default=str, ensure_ascii=False)
        print()
        return 0
    for step in steps:
        print(_line(step))
    return 0


def _signed_in(args: argparse.Namespace):
    from desktop.cli.common import log_in, open_station

    services = open_station(args)
    try:
        user = log_in(services, args.user)
        return services, user, services.stations.require().id
    except BaseException:
        services.close()
        raise


def _approver(args: argparse.Namespace) -> tuple[str, str]:
    """The second person's name and password (asked after the user's, at the same terminal)."""
    from desktop.cli.common import ask_password

    return args.approver, ask_password(args.approver, "KTP_MANDIRI_APPROVER_PASSWORD")


def cmd_spoil(args: argparse.Namespace) -> int:
    from desktop.services.approvals import WRITE_OFF

    services, user, station_id = _signed_in(args)
    try:
        ledger = services.blanko_ledger
        serial = services.approvals.approved_action(
            WRITE_OFF, user, *_approver(args),
            lambda approval_id: ledger.spoil(user, station_id, args.reason, args.serial, args.note, approval_id),
            reason=args.reason, serial=args.serial)
    finally:
        services.close()
    print(f"Blanko {serial} dicatat rusak ({args.reason}), disetujui {args.approver.strip().lower()}; "
          f"menunggu dimusnahkan.")
    return 0


def cmd_destroy(args: argparse.Namespace) -> int:
    witnesses = []
    for text in args.witness:
        name, sep, nip = text.rpartition(":")
        if not sep:
            raise UserFacingError(f"Saksi ditulis NAMA:NIP, misalnya \"Ani Lestari:198001012005012001\" ({text}).")
        witnesses.append((name, nip))
    from desktop.services.approvals import DESTRUCTION

    services, user, station_id = _signed_in(args)
    try:
        ledger = services.blanko_ledger
        destroyed = services.approvals.approved_action(
            DESTRUCTION, user, *_approver(args),
            lambda approval_id: ledger.destroy(user, station_id, witnesses, args.serial, approval_id),
            witnesses=[" ".join(name.split()) for name, _nip in witnesses])
    finally:
        services.close()
    print(f"{len(destroyed)} blanko rusak dicatat dimusnahkan, disetujui {args.approver.strip().lower()}: "
          f"{', '.join(destroyed)}.")
    return 0


def cmd_transfer(args: argparse.Namespace) -> int:
    services, user, station_id = _signed_in(args)
    try:
        count = services.blanko_ledger.transfer_out(user, station_id, args.first, args.last, args.to)
    finally:
        services.close()
    print(f"{count} blanko {args.first.upper()} s.d. {args.last.upper()} dicatat keluar ke {args.to}; kabupaten "
          f"meneruskannya dengan ktp-mandiri-server blanko transfer.")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    """The box of a range the regency leased arrived: the same confirmation as the GUI's (audited)."""
    services, user, _station_id = _signed_in(args)
    try:
        boxes = services.leases.incoming_ranges()
        wanted = (args.first or "").strip().upper()
        chosen = [box for box in boxes if box.first == wanted] if wanted else boxes
        if not boxes:
            raise UserFacingError("Tidak ada kotak blanko dalam pengiriman dari kabupaten untuk stasiun ini.")
        if not chosen:
            raise UserFacingError(f"Tidak ada kotak dalam pengiriman yang berawal {wanted}; yang ada: "
                                  + ", ".join(f"{b.first} s.d. {b.last}" for b in boxes) + ".")
        if len(chosen) > 1:
            raise UserFacingError("Ada beberapa kotak dalam pengiriman; sebutkan nomor seri pertama kotak yang tiba: "
                                  + ", ".join(f"{b.first} s.d. {b.last}" for b in boxes) + ".")
        box = chosen[0]
        count = services.leases.confirm_range(user, box.id)
    finally:
        services.close()
    print(f"Kotak blanko {box.first} s.d. {box.last} diterima: {count} blanko masuk stok.")
    return 0


# --- the count after a restore (desktop/services/restore_count.py) --------------------------------------------
def cmd_count(args: argparse.Namespace) -> int:
    from desktop.services import restore_count

    present = restore_count.parse_serials(" ".join(args.serials))
    if present and args.none:
        raise UserFacingError("Sebut nomor seri yang ada, atau --none bila tidak ada satu pun; tidak keduanya.")
    services, user, station_id = _signed_in(args)
    try:
        if not present and not args.none:
            due, stock = restore_count.due(services.db), restore_count.in_stock(station_id)
        else:
            done = restore_count.record_count(services.db, services.clock, user, station_id, present)
    finally:
        services.close()
    if not present and not args.none:
        print(f"Stok tercatat: {len(stock)} blanko" + (f" ({restore_count.ranges_text(stock)})." if stock else "."))
        print("Hitungan blanko sesudah pemulihan ditunggu: sebut nomor seri yang ada secara fisik (atau --none)."
              if due else "Tidak ada pemulihan database yang menunggu hitungan blanko.")
        return 0
    print(restore_count.summary(done))
    return 0
