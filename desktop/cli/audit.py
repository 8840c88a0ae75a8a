"""`ktp-mandiri audit verify|head|accept-restore|fetch-own|set-aside`: check the audit hash chain, show
its head, accept a restored or rolled-back database (desktop/services/head_mark.py) and fetch the cards
after it back from the regency (again, when it was unreachable at the accept)."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli.common import add_user_argument
from desktop.errors import UserFacingError

EXIT_CLEAN, EXIT_TAMPERED, EXIT_CANNOT_CHECK = 0, 1, 2
KIND_LABELS = {"edited": "diubah", "deleted": "dihapus", "reordered": "urutan diubah", "inserted": "disisipkan",
               "unexplained": "status tanpa entri"}


def register(sub: argparse._SubParsersAction) -> None:
    audit = sub.add_parser("audit", help="periksa rantai hash log audit")
    actions = audit.add_subparsers(dest="audit_command", metavar="PERINTAH", required=True)
    verify = actions.add_parser(
        "verify", help="periksa seluruh rantai: 0 = utuh, 1 = ada yang diubah (nomor entri pertama), 2 = tidak "
                       "dapat diperiksa")
    verify.add_argument("--json", action="store_true", help="keluaran JSON")
    verify.add_argument("--head", metavar="NOMOR:HASH",
                        help="kepala rantai yang dicatat di tempat lain (server, laporan harian, catatan supervisor) "
                             "untuk dibandingkan; hash saja (64 karakter heksadesimal) juga diterima")
    verify.set_defaults(handler=cmd_verify)
    head = actions.add_parser("head", help="tampilkan kepala rantai (nomor entri terakhir dan hash-nya)")
    head.add_argument("--json", action="store_true", help="keluaran JSON")
    head.set_defaults(handler=cmd_head)
    accept = actions.add_parser(
        "accept-restore", help="supervisor: terima database yang dipulihkan atau mundur sebagai catatan stasiun, "
                               "agar pencetakan dapat berlanjut (tercatat di log audit)")
    add_user_argument(accept)
    accept.set_defaults(handler=cmd_accept_restore)
    fetch = actions.add_parser(
        "fetch-own", help="supervisor: ambil lagi dari server kabupaten kartu sesudah titik pemulihan yang diterima, "
                          "bila server tidak terjangkau saat pemulihan diterima")
    add_user_argument(fetch)
    fetch.set_defaults(handler=cmd_fetch_own)
    aside = actions.add_parser(
        "set-aside", help="supervisor: catat apa adanya catatan yang diubah di luar aplikasi (kartu, pekerjaan "
                          "cetak, blanko, kuota, pengguna, kunci log-in), agar pencetakan dapat berlanjut "
                          "(tercatat di log audit)")
    add_user_argument(aside)
    aside.set_defaults(handler=cmd_set_aside)


def _open(args: argparse.Namespace):
    """The station as it is: the check itself changes nothing (no job released, no copy made)."""
    from desktop.composition import build_services
    from desktop.paths import resolve_data_dir

    return build_services(resolve_data_dir(args.data_dir), create=False)


def _expected_head(text: str | None) -> tuple[int | None, str] | None:
    """NOMOR:HASH, or the hash alone (as on a report): then its number is the one the database gives it."""
    if not text:
        return None
    bare = text.strip().lower()
    if len(bare) == 64 and all(c in "0123456789abcdef" for c in bare):
        return None, bare
    seq, sep, digest = text.partition(":")
    if not sep or not seq.strip().lstrip("#").isdigit() or len(digest.strip()) != 64:
        raise UserFacingError("Kepala rantai ditulis NOMOR:HASH, misalnya 1234:9f86d08…(64 karakter heksadesimal).")
    return int(seq.strip().lstrip("#")), digest.strip().lower()


def cmd_verify(args: argparse.Namespace) -> int:
    from peewee import DatabaseError

    from desktop.services.audit_verify import verify_chain

    try:
        expected = _expected_head(args.head)
        services = _open(args)
        try:
            result = verify_chain(services.db, expected)
        finally:
            services.close()
    except (UserFacingError, DatabaseError, OSError) as exc:
        from desktop.store.errors import storage_problem

        # SQLite's own words stay in the log (storage_problem logs them), out of the sentence.
        reason = exc if isinstance(exc, UserFacingError) else storage_problem(exc) or "database tidak dapat dibaca."
        print(f"ktp-mandiri: rantai audit tidak dapat diperiksa: {reason}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    if args.json:
        problem = result.problem
        json.dump({
            "ok": result.ok, "entries": result.entries, "head": {"seq": result.head_seq, "hash": result.head_hash},
            "problem": None if problem is None else {"seq": problem.seq, "kind": problem.kind,
                                                     "message": str(problem.message)},
        }, sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif result.ok:
        print(f"Rantai audit utuh: {result.entries} entri, kepala #{result.head_seq} {result.head_hash}.")
    else:
        problem = result.problem
        print(f"Rantai audit RUSAK di entri #{problem.seq} ({KIND_LABELS[problem.kind]}): {problem.message}")
    return EXIT_CLEAN if result.ok else EXIT_TAMPERED


def cmd_head(args: argparse.Namespace) -> int:
    from desktop.services import audit

    services = _open(args)
    try:
        head = audit.head()
    finally:
        services.close()
    if args.json:
        json.dump(None if head is None else {"seq": head.seq, "hash": head.hash, "at": head.at.isoformat() + "Z"},
                  sys.stdout)
        print()
    elif head is None:
        print("Rantai audit masih kosong.")
    else:
        print(f"#{head.seq} {head.hash} {head.at:%Y-%m-%d %H:%M:%S} UTC")
    return 0


def cmd_accept_restore(args: argparse.Namespace) -> int:
    from desktop.cli.common import log_in, open_station

    services = open_station(args)
    try:
        user = log_in(services, args.user)
        accepted = services.head_mark.accept(user)
        recovered = _recover_cards(services, user, accepted) if accepted is not None else None
    finally:
        services.close()
    if recovered:
        print(recovered)
    if accepted is None:
        print("Database stasiun tidak mundur dari catatan terakhirnya; tidak ada yang perlu diterima.")
        return 0
    print(f"Pemulihan diterima oleh {user.username} dan dicatat di log audit. {accepted.finding()} Sebelum mencetak "
          "lagi, hitung sisa blanko fisik dan catat hitungannya: ktp-mandiri blanko count --user NAMA SERI... "
          "(blanko yang terpakai setelah titik pemulihan tidak tercatat; yang tidak ada dicatat hilang).")
    return 0


def cmd_set_aside(args: argparse.Namespace) -> int:
    from desktop.cli.common import log_in, open_station
    from desktop.services.set_aside import set_aside

    services = open_station(args)
    try:
        user = log_in(services, args.user)
        done = set_aside(services.db, services.clock, user)
    finally:
        services.close()
    if done.seq is None:
        print("Semua catatan cocok dengan log audit; tidak ada yang perlu disisihkan.")
        return 0
    for item in done.items:
        print(f"- {item}")
    print(f"{len(done.items)} catatan disisihkan oleh {user.username} dan dicatat di log audit (entri #{done.seq}). "
          "Catatan itu tidak dikembalikan: periksa kartu dan blanko fisik terhadapnya.")
    return 0


def _recover_cards(services, user, accepted) -> str | None:
    """An enrolled station: the cards after the restored point come back from the regency's copy (due
    until fetched: `audit fetch-own` retries)."""
    from desktop.sync.own_events import mark_due

    if not services.sync.enrolled():
        return None
    mark_due(accepted.database_seq)
    return _fetch_due(services, user)


def _fetch_due(services, user) -> str | None:
    from desktop.sync.own_events import fetch_due, summary

    try:
        done = fetch_due(services.db, services.clock, services.sync.client(), user)
    except UserFacingError as exc:
        return str(exc)
    return None if done is None else "\n".join(summary(done))


def cmd_fetch_own(args: argparse.Namespace) -> int:
    from desktop.cli.common import log_in, open_station
    from desktop.domain.roles import Permission
    from desktop.sync.own_events import fetch_due, summary

    services = open_station(args)
    try:
        user = log_in(services, args.user)
        user.require(Permission.RESOLVE_PRINT)
        if not services.sync.enrolled():
            print("Stasiun ini tidak terdaftar di server kabupaten; tidak ada kartu yang diambil.")
            return 0
        done = fetch_due(services.db, services.clock, services.sync.client(), user)
    finally:
        services.close()
    if done is None:
        print("Tidak ada pengambilan kartu dari server kabupaten yang tertunda.")
    else:
        print("\n".join(summary(done)))
    return 0
