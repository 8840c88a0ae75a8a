"""Make tests/data/schemas/station-vN.sqlite3: a station database of each schema version, each made by
the code of the commit that introduced that version (tests/unit/test_schema_files.py migrates them).

"The commit that introduced version N" (docs/decisions.md, "Migrations tested from one file per
schema version"): a version is today's N-th migration function, known by its name in
desktop/store/migrations.py's MIGRATIONS. Its commit is the first commit in `git log --topo-order
--reverse main` whose MIGRATIONS begins with today's first N functions. The history is branchy, so:
- numbers that a branch used for another migration before it was merged (97d7c6a's
  `_v3_sync_outbox_batches`, today's 5; cbbf5f0's `_v6_resident_image_versions`, today's 7) never
  reached main under that number and have no file;
- versions 3 and 4 came in one commit (d217566): version 4 is that commit's own database; version 3
  never stood alone, so its file is version 2's file migrated to 3 by d217566's migration code
  (its `migrate` with LATEST_VERSION set to 3), which is what that code would have done to it.
Each file: the commit's own `demo-data --with-station` (30 synthetic residents, demo users, quotas,
blanko), then one card printed by the operator through that commit's IssuanceService on a printer
that accepts every card (the simulator did not exist at version 1), from a blank picture (the card's
picture is not stored, and version 1's renderer module was missing from its commit). Made with today's virtualenv
(the commits' dependencies are all in it).

The regency server's schema (server/migrations.py) by the same rule, as `server-vN.sqlite3` on the
SQLite back end: v1 97d7c6a, v2 66897e6, v3 61cccd4, v4 d1eec1a, v5 2be4e04 (branch `anomalies`: its
last change of v5, made from that commit's tree before it reached main) (cbbf5f0's v2 is today's v3 and got
no file). Each: the commit's own `ktp-mandiri-server` commands: migrate, an admin, a station for
Pamulang with Setu, a user for Pamulang, a quota, and the four residents of residents.csv.

Run from the repository root:

    .venv/bin/python tests/data/schemas/make_schemas.py [station] [server]
    .venv/bin/python tests/data/schemas/make_schemas.py station:8 server:5   (only those files)
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
DB_FILENAME = "ktp-mandiri.sqlite3"

# version -> (commit, the version its code stops at or None for its own latest, the file it starts from)
VERSIONS = {
    1: ("0005c93", None, None),
    2: ("4124ca7", None, None),
    3: ("d217566", 3, 2),
    4: ("d217566", None, None),
    5: ("74d493e", None, None),
    6: ("66897e6", None, None),
    7: ("61cccd4", None, None),
    8: ("382b6b7", None, None),
    9: ("198cfd3", None, None),  # the approvals (branch panel) renumbered 9 in the merge that brought them
    10: ("abcd611", None, None),  # the claims (branch claims), 10 in the merge that brought them
    11: ("53924cb", None, None),  # rows tied to the chain (branch integrity), 11 in the merge that brought them
    12: ("6be99c7", None, None),  # residents claimed by the upgrade (branch integ19; renumbered at its merge)
    13: ("a4521a0", None, None),  # printer registration (branch calib24; the coordinator renumbers at its merge)
    14: ("3b786e4", None, None),  # the queue (branch q25core; the coordinator renumbers at its merge)
    15: ("ee4ee3f", None, None),  # the lease share (branch q25share; the coordinator renumbers at its merge)
}

# 5: branch `ledger`'s e2c3767, whose v5 is the final one (4df6ba3 introduced it without `transfer_of`).
SERVER_VERSIONS = {1: "97d7c6a", 2: "66897e6", 3: "61cccd4", 4: "d1eec1a", 5: "e2c3767", 6: "abcd611", 7: "39087ae", 8: "58f1c74", 9: "a04757d", 10: "ba5ff22",
                   11: "bffeaa7"}  # 11: the queue events (branch q25srv; the coordinator renumbers at its merge)
SERVER_PASSWORD = "kabupaten-2026"

# The regency server's own commands at that commit.
MAKE_SERVER = r'''
import os
import sys

from server.cli import main

url, residents = f"sqlite:///{sys.argv[1]}", sys.argv[2]
os.environ["KTP_SERVER_PASSWORD"] = "kabupaten-2026"
os.environ["SUDO_USER"] = "petugas"  # the officer the commands name in the audit (since issue 20)
for command in (["migrate"], ["admin", "create", "kepala", "--full-name", "Kepala Dinas"],
                ["station", "add", "--name", "Loket Pamulang", "--kecamatan", "36.74.06,36.74.07"],
                ["user", "add", "siti", "--role", "operator", "--full-name", "Siti Rahmawati", "--kecamatan", "36.74.06"],
                ["quota", "set", "36.74.06", "40"],
                ["import-residents", residents]):
    assert main(["--database-url", url, *command]) in (0, None), command
'''

# Run inside the commit's worktree, with its own code first on the path.
MAKE = r'''
import sys
from pathlib import Path

data = Path(sys.argv[1])
from desktop.app import main

assert main(["--data-dir", str(data), "demo-data", "--with-station", "--residents", "30", "--seed", "2026"]) == 0

from desktop.devices import base
from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardRaster
try:
    from desktop.composition import build_services
except ImportError:  # before 49dcdb6 the composition root was desktop/services/container.py
    from desktop.services.container import build_services
from desktop.services.demo import sample_niks
from desktop.services.issuance import PrintRequest


class Accepting(base.Printer):
    uri = "sim://schema-file"
    duplex = False
    bleed_mm = 0.0

    def open(self): pass
    def close(self): pass
    def status(self): return base.PrinterStatus(base.PrinterState.READY)
    def identity(self): return base.PrinterIdentity(model="schema file", serial="1", firmware="")
    def counters(self): return {"cards_printed": 1}
    def print_card(self, job, progress=None): pass


services = build_services(data)
# the card's picture is not in the database (and 0005c93's renderer module was not there yet)
services.issuance.renderer = lambda *_card: CardRaster(CARD_WIDTH_PX, CARD_HEIGHT_PX, bytes(3 * CARD_WIDTH_PX * CARD_HEIGHT_PX))
operator = services.auth.login("operator", "operator123")
nik = sample_niks()["PRINT_READY_RECORD"][0]
request = PrintRequest(nik, "hilang", frozenset({"kk", "police_letter"}), {"police_letter": "LP/1/XI/2026"})
services.issuance.print_card(operator, request, Accepting())
services.db.close()
'''

# Migrate a copy of the previous file with the commit's own migration code, up to `stop`.
MIGRATE = r'''
import sys
from peewee import SqliteDatabase
from desktop.store import migrations

migrations.LATEST_VERSION = int(sys.argv[2])
db = SqliteDatabase(sys.argv[1])
migrations.migrate(db)
assert migrations.schema_version(db) == int(sys.argv[2])
db.close()
'''


def run(code: str, tree: Path, *args: str) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen", "HOME": str(tree)}
    subprocess.run([sys.executable, "-c", code, *args], cwd=tree, env=env, check=True)


def fold(db: Path) -> None:
    """One self-contained file: the WAL folded in, the journal a plain one."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    db.chmod(0o644)


def make(version: int, work: Path) -> None:
    commit, stop, start_from = VERSIONS[version]
    tree = work / commit
    if not tree.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit], check=True)
    data = work / f"v{version}"
    data.mkdir()
    if start_from is None:
        run(MAKE, tree, str(data))
    else:
        shutil.copy(HERE / f"station-v{start_from}.sqlite3", data / DB_FILENAME)
        run(MIGRATE, tree, str(data / DB_FILENAME), str(stop))
    fold(data / DB_FILENAME)
    shutil.copy(data / DB_FILENAME, HERE / f"station-v{version}.sqlite3")


def make_server(version: int, work: Path) -> None:
    commit = SERVER_VERSIONS[version]
    tree = work / commit
    if not tree.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit], check=True)
    data = work / f"server-v{version}"
    data.mkdir()
    run(MAKE_SERVER, tree, str(data / "regency.sqlite3"), str(HERE / "residents.csv"))
    fold(data / "regency.sqlite3")
    shutil.copy(data / "regency.sqlite3", HERE / f"server-v{version}.sqlite3")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="ktp-schemas-"))
    which = sys.argv[1:] or ["station", "server"]
    only = {kind: {int(a.split(":")[1]) for a in which if a.startswith(f"{kind}:")} for kind in ("station", "server")}
    which += [kind for kind, numbers in only.items() if numbers]
    station_versions = sorted(only["station"] or VERSIONS) if "station" in which else ()
    server_versions = sorted(only["server"] or SERVER_VERSIONS) if "server" in which else ()
    try:
        for version in station_versions:
            make(version, work)
            print(f"station-v{version}.sqlite3 from {VERSIONS[version][0]}")
        for version in server_versions:
            make_server(version, work)
            print(f"server-v{version}.sqlite3 from {SERVER_VERSIONS[version]}")
    finally:
        for commit in {c for c, _, _ in VERSIONS.values()} | set(SERVER_VERSIONS.values()):
            if (work / commit).exists():
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(work / commit)], check=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
