"""Back up and restore the KTP-el Mandiri regency server's database.

Installed as /opt/ktp-mandiri-server/bin/ktp-mandiri-server-backup (run by the server's Python, so
the database URL is the server's own: --database-url, else KTP_SERVER_DATABASE_URL, else the SQLite
file in KTP_SERVER_DATA):

    ktp-mandiri-server-backup                        one backup now, into KTP_SERVER_BACKUP_DIR
    ktp-mandiri-server-backup --restore FILE         restore FILE into an empty database

PostgreSQL: `pg_dump --format=custom`, checked with `pg_restore --list`; restored with
`pg_restore --exit-on-error --single-transaction --no-owner` into an empty database.
SQLite (the one-machine default): SQLite's online backup API, consistent while the server writes,
checked with `PRAGMA integrity_check`; restored by copying it into place (server stopped).
A backup is written under a temporary name and renamed when complete and checked, with mode 0600;
the newest KTP_SERVER_BACKUP_KEEP (default 14) are kept. After a restore the server is told it runs
on restored data (`ktp-mandiri-server restored`), so the stations send again what it no longer has.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

BACKUP_DIR_ENV = "KTP_SERVER_BACKUP_DIR"
KEEP_ENV = "KTP_SERVER_BACKUP_KEEP"
DEFAULT_BACKUP_DIR = "/var/backups/ktp-mandiri-server"
PREFIX = "ktp-mandiri-server-"


class BackupError(Exception):
    """One sentence for the journal and the IT officer."""


def server_database_url(override: str | None) -> str:
    from server import config  # the server's own rule, so backup and server never disagree

    return config.database_url(override)


def sqlite_path(url: str) -> Path:
    """sqlite:///relative/file or sqlite:////absolute/file, read as the server reads it."""
    if not url.startswith("sqlite:///"):
        raise BackupError(f"alamat database tidak dikenal: {url.split(':', 1)[0]}:// (postgresql:// atau sqlite:///)")
    return Path(unquote(url[len("sqlite:///"):]))


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} gagal: {proc.stderr.strip() or proc.stdout.strip()}")


def backup(url: str, folder: Path, keep: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    suffix = ".dump" if is_postgres(url) else ".sqlite3"
    final = folder / f"{PREFIX}{stamp}{suffix}"
    partial = folder / f".{final.name}.partial"
    old_umask = os.umask(0o077)
    try:
        if is_postgres(url):
            _run(["pg_dump", "--format=custom", "--file", str(partial), "--dbname", url])
            _run(["pg_restore", "--list", str(partial)])  # a truncated or damaged dump fails here
        else:
            source = sqlite_path(url)
            if not source.is_file():
                raise BackupError(f"database SQLite {source} tidak ada.")
            src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                result = dst.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dst.close()
                src.close()
            if result != "ok":
                raise BackupError(f"salinan SQLite tidak utuh: {result}")
        partial.chmod(0o600)
        partial.rename(final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        os.umask(old_umask)
    for old in sorted(folder.glob(f"{PREFIX}*{suffix}"))[:-keep] if keep > 0 else []:
        old.unlink()
    return final


def restore(url: str, dump: Path, server_cli: Path) -> None:
    if not dump.is_file():
        raise BackupError(f"berkas cadangan {dump} tidak ada.")
    if is_postgres(url):
        _run(["pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "--dbname", url, str(dump)])
    else:
        target = sqlite_path(url)
        if target.exists():
            raise BackupError(f"{target} sudah ada: pindahkan dulu (server dihentikan) sebelum memulihkan.")
        check = sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            check.close()
        if result != "ok":
            raise BackupError(f"berkas cadangan {dump} tidak utuh: {result}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(dump, target)
        target.chmod(0o600)
    _run([str(server_cli), "--database-url", url, "restored"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ktp-mandiri-server-backup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: KTP_SERVER_DATABASE_URL, else SQLite in KTP_SERVER_DATA")
    parser.add_argument("--backup-dir", default=os.environ.get(BACKUP_DIR_ENV, DEFAULT_BACKUP_DIR))
    parser.add_argument("--keep", type=int, default=int(os.environ.get(KEEP_ENV, "14")))
    parser.add_argument("--restore", metavar="FILE", type=Path, help="pulihkan cadangan ini ke database kosong")
    args = parser.parse_args(argv)
    try:
        url = server_database_url(args.database_url)
        if args.restore:
            restore(url, args.restore, Path(sys.executable).parent / "ktp-mandiri-server")
            print(f"Dipulihkan dari {args.restore}.")
        else:
            print(f"Cadangan: {backup(url, Path(args.backup_dir), args.keep)}")
    except (BackupError, OSError, sqlite3.Error) as exc:
        print(f"ktp-mandiri-server-backup: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
