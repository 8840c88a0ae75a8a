"""`ktp-mandiri claims list|release`: the claims this station's print jobs took at the regency, and a
supervisor's release of one (audited here and at the regency)."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_user_argument


def register(sub: argparse._SubParsersAction) -> None:
    claims = sub.add_parser("claims", help="klaim NIK stasiun ini di server kabupaten: daftar dan pelepasan")
    actions = claims.add_subparsers(dest="claims_command", metavar="PERINTAH", required=True)
    listing = actions.add_parser("list", help="klaim NIK pekerjaan cetak hari ini")
    listing.set_defaults(handler=cmd_list)
    release = actions.add_parser("release", help="supervisor melepas satu klaim NIK (tercatat)")
    release.add_argument("claim_id", metavar="ID_KLAIM")
    add_user_argument(release, "supervisor")
    release.set_defaults(handler=cmd_release)


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.cli.common import open_station
    from desktop.services.claim_release import held_claims

    services = open_station(args)
    try:
        held = held_claims(services.clock.today())
    finally:
        services.close()
    if not held:
        print("Tidak ada klaim NIK hari ini.")
    for row in held:
        print(f"{row.claim_id}  NIK {row.nik}  pekerjaan {row.job_id[:8]} ({row.state})")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from desktop.cli.common import log_in, open_station
    from desktop.services.claim_release import release_claim

    services = open_station(args)
    try:
        user = log_in(services, args.user)
        release_claim(services.db, services.clock, services.sync.link, user, args.claim_id)
    finally:
        services.close()
    print(f"Klaim {args.claim_id} dilepas oleh {user.username}.")
    return 0
