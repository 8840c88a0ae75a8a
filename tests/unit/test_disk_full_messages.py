"""A disk with no byte left is "Disk penuh" with the space to make, and SQLite's own words (English, nothing
to act on) never reach the operator (issue 19: 0 bytes free was told as a failing disk, "disk I/O error")."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from desktop.store.errors import storage_error
from tests.helpers.fixtures import add_resident, make_station
from tests.helpers.processes import cli_command, cli_env, run_cli, wait_for_job_state
from tests.unit.test_storage_faults import one_sentence, posix_only, small_disk  # noqa: F401 - a fixture

SQLITE_WORDS = ("disk I/O error", "database disk image is malformed", "file is not a database", "SQLITE_")


def fill(disk: Path) -> None:
    """Another program takes every byte left on the file system."""
    fd = os.open(disk / "filler.bin", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    assert os.statvfs(disk).f_bavail == 0


def sqlite_error(name: str, text: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorname = name
    return exc


def test_an_io_error_on_a_disk_with_room_is_a_failing_disk_in_our_words_only(tmp_path):
    problem = storage_error(sqlite_error("SQLITE_IOERR_WRITE", "disk I/O error"), tmp_path / "db.sqlite3")
    assert problem.code == "storage_io"
    assert str(problem) == (f"Disk gagal membaca atau menulis data di {tmp_path}. Periksa disk itu; data yang sudah "
                            "tersimpan tidak diubah.")
    damaged = storage_error(sqlite_error("SQLITE_CORRUPT", "database disk image is malformed"), tmp_path / "d")
    assert damaged.code == "storage_damaged" and not any(word in str(damaged) for word in SQLITE_WORDS)


def test_an_io_error_on_a_disk_with_no_room_is_a_full_disk(tmp_path, monkeypatch):
    import shutil

    from desktop.store import errors

    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(errors.shutil, "disk_usage", lambda _folder: usage._replace(free=0))
    problem = storage_error(sqlite_error("SQLITE_IOERR_SHMSIZE", "disk I/O error"), tmp_path / "db.sqlite3")
    assert problem.code == "disk_full"
    assert str(problem).startswith(f"Disk penuh: data di {tmp_path} tidak dapat disimpan (sisa 0 MB). "
                                   "Sediakan sedikitnya 100 MB ruang kosong")


@posix_only
def test_zero_bytes_free_is_a_full_disk_for_every_command(small_disk):  # noqa: F811 - the fixture
    st = make_station(small_disk)
    nik = add_resident()
    st.services.close()
    data = small_disk / "data"
    fill(small_disk)
    env = cli_env(KTP_MANDIRI_PASSWORD="operator123")
    for command in (["jobs"], ["users", "list", "--user", "admin"],
                    ["print", nik, "--printer", "sim://penuh", "--reason", "baru", "--documents", "all",
                     "--user", "operator"]):
        done = run_cli(data, *command, env=env)
        assert done.returncode == 1, done.stderr
        sentence = one_sentence(done.stderr)
        assert sentence.startswith(f"ktp-mandiri: Disk penuh: data di {data} tidak dapat disimpan (sisa 0 MB). "
                                   "Sediakan sedikitnya 100 MB"), sentence
        assert not any(word in done.stderr for word in SQLITE_WORDS)
    verify = run_cli(data, "audit", "verify", env=env)
    assert verify.returncode == 2 and "Disk penuh" in one_sentence(verify.stderr)
    (small_disk / "filler.bin").unlink()  # the office makes room: the station works again
    assert run_cli(data, "jobs", env=env).returncode == 0


@posix_only
def test_a_disk_filled_while_a_card_prints_gets_one_sentence_and_keeps_the_outcome(small_disk):  # noqa: F811
    st = make_station(small_disk)
    nik = add_resident()
    st.services.close()
    data = small_disk / "data"
    proc = subprocess.Popen(
        cli_command(data, "print", nik, "--printer", "sim://penuh?delay=3", "--reason", "baru", "--documents", "all",
                    "--user", "operator"),
        env=cli_env(KTP_MANDIRI_PASSWORD="operator123"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_job_state(data, "printing", proc)
    fill(small_disk)
    out, err = proc.communicate(timeout=120)
    assert not any(word in err for word in SQLITE_WORDS), err
    # The card came out but its outcome could not reach the database: kept in the side journal, said once.
    assert proc.returncode == 1
    sentence = one_sentence(err)
    assert "Disk penuh" in sentence and "BLK-0000001 (kartu jadi) disimpan di jurnal cadangan" in sentence, sentence
    (small_disk / "filler.bin").unlink()
    jobs = run_cli(data, "jobs", env=cli_env())
    assert jobs.returncode == 0 and "Tidak ada pekerjaan cetak" in jobs.stdout


def test_a_damaged_database_is_one_sentence_without_sqlites_words(tmp_path):
    st = make_station(tmp_path)
    data = st.services.data_dir
    st.services.close()
    database = data / "ktp-mandiri.sqlite3"
    with database.open("r+b") as handle:  # pages past the header overwritten: what a bad sector leaves
        handle.seek(4096)
        handle.write(b"\xa5" * 8192)
    for command in (["jobs"], ["audit", "verify"]):
        done = run_cli(data, *command)
        assert done.returncode in (1, 2), done.stderr
        sentence = one_sentence(done.stderr)
        assert f"Database di {database} rusak. Berkas tidak diubah" in sentence, sentence
        assert not any(word in done.stderr for word in SQLITE_WORDS), done.stderr
