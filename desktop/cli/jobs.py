"""`ktp-mandiri jobs`: unfinished print jobs and who prints them; `jobs settle` for those left behind.

Exit codes of `jobs settle`: 0 settled; 1 refused (unknown job, wrong password, a user who may not
settle); 3 the job is being printed right now (try again when the card is out); 4 already settled.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli.common import add_user_argument
from desktop.errors import UserFacingError

EXIT_RUNNING = 3
EXIT_SETTLED = 4
OUTCOME_HELP = "good: kartu bagus (terbit), spoiled: kartu rusak, nothing: tidak ada kartu (blanko kembali ke stok)"


def register(sub: argparse._SubParsersAction) -> None:
    jobs = sub.add_parser("jobs", help="pekerjaan cetak yang belum selesai, pemiliknya, dan penyelesaiannya")
    jobs.add_argument("--json", action="store_true", help="keluaran JSON")
    jobs.set_defaults(handler=cmd_jobs)
    actions = jobs.add_subparsers(dest="jobs_action", metavar="AKSI")
    settle = actions.add_parser("settle", help="nyatakan apa yang keluar dari printer untuk pekerjaan yang terhenti")
    settle.add_argument("job", metavar="PEKERJAAN", help="nomor pekerjaan (boleh 6 karakter pertamanya)")
    settle.add_argument("--outcome", required=True, choices=["good", "spoiled", "nothing"], help=OUTCOME_HELP)
    add_user_argument(settle, "supervisor")
    settle.set_defaults(handler=cmd_settle)


def cmd_jobs(args: argparse.Namespace) -> int:
    from desktop.cli.common import open_station

    services = open_station(args)
    jobs = services.jobs.unfinished()
    services.close()
    if args.json:
        json.dump([job.to_dict() for job in jobs], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if not jobs:
        print("Tidak ada pekerjaan cetak yang belum selesai.")
        return 0
    for job in jobs:
        print(f"{job.job_id}  {job.state:<8}  blanko {job.blanko_serial}  {job.name} ({job.nik})  "
              f"printer {job.printer_uri}  operator {job.operator}  mulai {_local(job.started_at)}")
        print(f"    {_owner_text(job)}")
    return 0


def _owner_text(job) -> str:
    if job.owner is not None:
        started = job.owner.started_at.astimezone().strftime("%H:%M:%S") if job.owner.started_at else "?"
        return f"sedang dicetak oleh proses {job.owner.pid or '?'} di {job.owner.host} sejak {started}"
    if job.journaled:
        return "hasilnya menunggu di jurnal cadangan; dicatat otomatis begitu database dapat ditulis"
    return (f"terhenti (prosesnya sudah tidak berjalan): supervisor menyelesaikannya dengan "
            f"ktp-mandiri jobs settle {job.job_id[:8]} --outcome good|spoiled|nothing --user NAMA")


def _local(when) -> str:
    from datetime import UTC

    return when.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def cmd_settle(args: argparse.Namespace) -> int:
    from desktop.cli.common import log_in, open_station
    from desktop.services.jobs import JobRunning

    services = open_station(args)
    try:
        job_id = services.jobs.find(args.job)
        user = log_in(services, args.user)
        services.jobs.settle(user, job_id, args.outcome)
    except JobRunning as exc:
        print(f"ktp-mandiri: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    except UserFacingError as exc:
        if exc.code != "job_settled":
            raise
        print(f"ktp-mandiri: {exc}", file=sys.stderr)
        return EXIT_SETTLED
    finally:
        services.close()
    print(f"Pekerjaan {job_id} diselesaikan: {args.outcome}.")
    return 0
