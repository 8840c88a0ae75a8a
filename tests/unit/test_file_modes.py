"""A station belongs to one OS account: its data folder is 0700 and its files 0600, whatever umask the
user's session has, and files from before are tightened when the station opens them. Checked as a
user without root (root ignores file modes), and against a second account that tries to read them."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from desktop.paths import tighten_permissions
from desktop.store.files import DB_FILENAME
from tests.helpers.processes import cli_env
from tests.helpers.unprivileged import OTHER_ACCOUNT, as_unprivileged, give_to, unprivileged_prefix

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes (Windows: the per-user folder's ACL)")


def _modes(data: Path) -> dict[str, int]:
    return {str(p.relative_to(data)) or ".": stat.S_IMODE(p.stat().st_mode) for p in [data, *data.rglob("*")]}


@pytest.fixture
def shared_base():
    """A folder other accounts may enter (as /home/<user> is), holding the data folder."""
    base = Path(tempfile.mkdtemp(prefix="ktp-modes-"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base)


def test_a_station_made_under_a_loose_umask_is_private_to_its_account(shared_base):
    prefix = unprivileged_prefix()
    data = shared_base / "data"
    data.mkdir()
    give_to(prefix, data)
    env = cli_env(KTP_MANDIRI_PASSWORD="operator123")
    made = as_unprivileged(prefix, data, "demo-data", "--residents", "5", "--with-station", umask=0o022, env=env)
    assert made.returncode == 0, made.stderr
    conn = sqlite3.connect(data / DB_FILENAME)
    nik = conn.execute("SELECT nik FROM resident WHERE record_status = 'PRINT_READY_RECORD' "
                       "AND kecamatan_code = '36.74.06' LIMIT 1").fetchone()[0]
    conn.close()
    printed = as_unprivileged(prefix, data, "print", nik, "--printer", f"file://{data}/out.bin",
                              "--reason", "baru", "--documents", "all", "--user", "operator", umask=0o022, env=env)
    assert printed.returncode == 0, printed.stderr
    modes = _modes(data)
    assert {DB_FILENAME, "logs", "logs/ktp-mandiri-cli.log"} <= modes.keys(), modes
    loose = {name: oct(mode) for name, mode in modes.items()
             if mode != (0o700 if (data / name).is_dir() else 0o600) and name != "out.bin"}
    assert loose == {}


def test_another_account_on_the_same_pc_cannot_read_the_station(shared_base):
    prefix = unprivileged_prefix()
    if not prefix:
        pytest.skip("switching to a second account needs root (CI runs this as root)")
    data = shared_base / "data"
    data.mkdir()
    give_to(prefix, data)
    assert as_unprivileged(prefix, data, "demo-data", "--residents", "5", "--with-station",
                           umask=0o022).returncode == 0
    other = unprivileged_prefix(OTHER_ACCOUNT)
    for target in (data / DB_FILENAME, data / "logs" / "ktp-mandiri-cli.log"):
        read = subprocess.run([*other, "cat", str(target)], capture_output=True, text=True)
        assert read.returncode != 0 and "Permission denied" in read.stderr, read
    listing = subprocess.run([*other, "ls", str(data)], capture_output=True, text=True)
    assert listing.returncode != 0 and "Permission denied" in listing.stderr


def test_files_from_before_are_tightened_when_the_station_opens(shared_base):
    prefix = unprivileged_prefix()
    data = shared_base / "data"
    data.mkdir()
    give_to(prefix, data)
    assert as_unprivileged(prefix, data, "demo-data", "--residents", "5", "--with-station").returncode == 0
    (data / "notes.txt").write_text("the office's own file")
    for name in ("ktp-mandiri.lock", "ktp-mandiri.journal", "logs/old.log", "jobs/x.lock", "backups/b.sqlite3"):
        (data / name).parent.mkdir(exist_ok=True)
        (data / name).write_bytes(b"x")
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    give_to(prefix, data)
    opened = as_unprivileged(prefix, data, "audit", "head")
    assert opened.returncode == 0, opened.stderr
    modes = _modes(data)
    assert modes[DB_FILENAME] == modes["ktp-mandiri.lock"] == modes["jobs/x.lock"] == modes["logs/old.log"] == 0o600
    assert modes["backups/b.sqlite3"] == modes["ktp-mandiri.journal"] == 0o600
    assert modes["logs"] == modes["jobs"] == modes["backups"] == 0o700
    # A folder that also holds other things is not the station's own: it and those files stay as they were.
    assert modes["."] == 0o755 and modes["notes.txt"] == 0o644


def test_a_folder_of_its_own_is_tightened_but_never_a_shared_one(tmp_path):
    own = tmp_path / "own"
    own.mkdir(mode=0o755)
    (own / DB_FILENAME).write_bytes(b"")
    (own / DB_FILENAME).chmod(0o644)
    tighten_permissions(own)
    assert stat.S_IMODE(own.stat().st_mode) == 0o700
    assert stat.S_IMODE((own / DB_FILENAME).stat().st_mode) == 0o600
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp given as --data-dir
    tighten_permissions(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
