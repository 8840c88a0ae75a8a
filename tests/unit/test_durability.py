"""A printed card is on disk before the operator is told: the print process is traced (strace) and the
write-ahead log that holds the card's commit must be synced (fsync/fdatasync) after its last write and
before "Tercetak" reaches the terminal. With SQLite's synchronous=NORMAL it was not: a power cut could
take back a card already handed over (issue "station integrity")."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import pytest

from tests.helpers.fixtures import add_resident
from tests.helpers.prerequisites import require_tool
from tests.helpers.processes import cli_command, cli_env

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace is Linux's")

WAL = "ktp-mandiri.sqlite3-wal>"


def traced_print(station, tmp_path) -> tuple[list[str], str]:
    strace = require_tool("strace", "strace")
    data = station.services.data_dir
    nik = add_resident()
    trace = tmp_path / "print.strace"
    command = [strace, "-f", "-qq", "-y", "-s", "48", "-e", "trace=write,pwrite64,fsync,fdatasync", "-e",
               "signal=none", "-o", str(trace),
               *cli_command(data, "print", nik, "--printer", f"file://{tmp_path / 'card.bin'}", "--reason", "baru",
                            "--documents", "all", "--user", "operator")]
    proc = subprocess.run(command, env=cli_env(KTP_MANDIRI_PASSWORD="operator123"), capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Tercetak: ")
    return trace.read_text().splitlines(), nik


def test_the_cards_commit_is_synced_before_tercetak_is_printed(station, tmp_path):
    lines, nik = traced_print(station, tmp_path)
    told = next(i for i, line in enumerate(lines) if re.search(r"write\(1<[^>]*>, \"Tercetak", line))
    wal_writes = [i for i, line in enumerate(lines[:told]) if re.search(r"p?write(64)?\(\d+<[^>]*" + WAL, line)]
    assert wal_writes, "the print wrote nothing to the write-ahead log"
    synced = [i for i, line in enumerate(lines[:told]) if re.search(r"f(data)?sync\(\d+<[^>]*" + WAL, line)]
    assert synced and synced[-1] > wal_writes[-1], (
        "the write-ahead log was not synced after the card's last commit and before 'Tercetak':\n"
        + "\n".join(lines[wal_writes[-1]:told + 1][-12:]))
    conn = sqlite3.connect(station.services.data_dir / "ktp-mandiri.sqlite3")
    try:
        assert conn.execute("SELECT count(*) FROM issued_card WHERE nik = ?", (nik,)).fetchone() == (1,)
    finally:
        conn.close()
