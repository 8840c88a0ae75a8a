"""Storage faults get the true sentence and lose nothing.

- A full disk is a real SQLITE_FULL (`PRAGMA max_page_count` caps the database where it stands).
- A print outcome the database cannot take goes to the side journal: the printing process gets
  `RLIMIT_FSIZE` (with SIGXFSZ ignored) while the card is in the printer, so the database and the log
  cannot grow, while the journal, written at full size at start, still takes the outcome.
- Files this user may not read or write are tried as an unprivileged user (uid 65534 through
  `setpriv`) when the tests run as root, since root ignores file modes.
"""

from __future__ import annotations

import os
import signal
import subprocess

import pytest
from peewee import OperationalError

from desktop.services import audit
from desktop.store.errors import storage_problem
from desktop.store.files import DB_FILENAME, JOURNAL_FILENAME
from desktop.store.journal import SIZE, JournalEntry, OutcomeJournal
from desktop.store.models import Blanko, IssuedCard, PrintJob
from tests.helpers.command_line import run_main
from tests.helpers.fixtures import OFFICE_MORNING, add_resident, make_station
from tests.helpers.processes import ROOT, cli_command, cli_env, wait_for_job_state
from tests.helpers.unprivileged import as_unprivileged

posix_only = pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE, setpriv")


def fill_the_disk(db) -> None:  # tests/gui/test_storage_faults.py too
    """From now on the database cannot grow by a single page: SQLite answers SQLITE_FULL."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")


def one_sentence(stderr: str) -> str:
    """The error line (after any progress lines), which must be the only one."""
    lines = [line for line in stderr.splitlines() if line.strip() and not line.startswith("  ")]
    assert len(lines) == 1 and lines[0].startswith("ktp-mandiri: "), stderr
    return lines[0]


def test_a_full_disk_says_so_names_the_folder_and_the_space_to_make(station):
    services = station.services
    station_id = services.stations.require().id
    fill_the_disk(services.db)
    with pytest.raises(OperationalError) as raised:
        services.stock.receive(station.supervisor, station_id, 5000, "BA-2026-002")
    problem = storage_problem(raised.value)
    assert problem is not None and problem.code == "disk_full"
    text = str(problem)
    assert text.startswith("Disk penuh") and str(services.data_dir) in text and "100 MB" in text
    assert "rusak" not in text and "cadangan" not in text  # never "damaged, restore from backup"
    assert services.stock.summary(station_id).in_stock == 10  # nothing half-written


def test_every_start_makes_the_side_journal_at_full_size(station):
    data = station.services.data_dir
    assert run_main(data, "jobs").returncode == 0
    journal = data / JOURNAL_FILENAME
    info = journal.stat()
    assert info.st_size == SIZE
    if hasattr(info, "st_blocks"):
        assert info.st_blocks * 512 >= SIZE  # written, not sparse: filling it later needs no new blocks
    assert journal.read_bytes() == bytes(SIZE)


@posix_only
def test_an_outcome_the_database_cannot_take_is_journaled_and_applied_at_the_next_start(station):
    data = station.services.data_dir
    nik = add_resident()
    log_file = data / "logs" / "ktp-mandiri-cli.log"
    log_file.parent.mkdir(exist_ok=True)
    log_file.write_text("2026-11-23 07:00:00 INFO earlier lines of the day\n" * 200)  # 10 KB

    proc = subprocess.Popen(
        cli_command(data, "print", nik, "--printer", "sim://full?delay=3", "--reason", "baru", "--user",
                    "operator", "--documents", "all"),
        env=cli_env(KTP_MANDIRI_PASSWORD="operator123"), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, preexec_fn=lambda: signal.signal(signal.SIGXFSZ, signal.SIG_IGN),
    )
    wait_for_job_state(data, "printing", proc)
    # From here no file of that process may grow past 4 KB: the database's log of changes and the log
    # file already are larger, the journal's first slot lies within.
    import resource

    resource.prlimit(proc.pid, resource.RLIMIT_FSIZE, (4096, 4096))
    out, err = proc.communicate(timeout=90)
    assert proc.returncode == 1, (out, err)
    sentence = one_sentence(err)
    assert "BLK-0000001 (kartu jadi) disimpan di jurnal cadangan" in sentence
    assert "Logging error" not in err
    assert PrintJob.get().state == "printing"  # the database never heard of the card
    [waiting] = OutcomeJournal(data / JOURNAL_FILENAME).entries()
    assert (waiting.outcome, waiting.job_id) == ("good", PrintJob.get().id)

    listed = run_main(data, "jobs")  # the next start, without any question
    assert listed.returncode == 0, listed.stderr
    assert "Tidak ada pekerjaan cetak" in listed.stdout
    assert PrintJob.get().state == "done"
    assert Blanko.get(Blanko.serial == "BLK-0000001").state == "issued"
    assert IssuedCard.select().count() == 1
    entry = audit.recent(1, action="print.journal_applied")[0]
    assert (entry.details["outcome"], entry.username) == ("good", "operator")
    assert OutcomeJournal(data / JOURNAL_FILENAME).entries() == []
    assert run_main(data, "audit", "verify").returncode == 0


def test_journal_entries_are_applied_once_and_a_torn_slot_is_ignored(station, tmp_path):
    from desktop.services.issuance import PrintRequest

    services = station.services
    nik = add_resident()
    ticket = services.issuance.prepare(station.operator, PrintRequest(nik, "baru", frozenset({"kk"})), "sim://j")
    services.issuance.set_state(ticket.job_id, "printing")
    journal = services.journal
    journal.prepare()
    journal.append(JournalEntry(ticket.job_id, "spoiled", station.operator.id, OFFICE_MORNING, "jam", "Se: NACK T"))
    journal.append(JournalEntry("not-a-job", "good", station.operator.id, OFFICE_MORNING))
    with journal.path.open("r+b") as handle:  # a power cut in the middle of the second slot's write
        handle.seek(512 + 40)
        handle.write(b"\0" * 20)
    assert [e.job_id for e in journal.entries()] == [ticket.job_id]

    assert services.jobs.apply_journal() == 1
    assert services.jobs.apply_journal() == 0
    job = PrintJob.get_by_id(ticket.job_id)
    assert (job.state, job.fault, job.fault_detail) == ("failed", "jam", "Se: NACK T")
    assert Blanko.get(Blanko.serial == ticket.blanko_serial).state == "spoiled"


def test_a_full_journal_refuses_rather_than_overwrites(tmp_path):
    journal = OutcomeJournal(tmp_path / JOURNAL_FILENAME)
    journal.prepare()
    for number in range(SIZE // 512):
        journal.append(JournalEntry(f"job-{number:04d}", "good", "u", OFFICE_MORNING))
    with pytest.raises(OSError):
        journal.append(JournalEntry("one-too-many", "good", "u", OFFICE_MORNING))
    assert len(journal.entries()) == SIZE // 512


@pytest.mark.parametrize("command", [
    ["jobs"], ["render-card", "3674064508900001", "--png", "x.png"],
    ["print", "3674064508900001", "--printer", "sim://x", "--reason", "baru", "--user", "operator"],
    ["demo-data", "--residents", "5"], ["users", "list", "--user", "admin"], ["audit", "head"],
])
def test_a_mistyped_data_folder_is_refused_and_not_created(tmp_path, command):
    typo = tmp_path / "ktp-mandri"
    done = run_main(typo, *command, KTP_MANDIRI_PASSWORD="x")
    assert done.returncode == 1
    assert "Tidak ada database stasiun" in one_sentence(done.stderr)
    assert not typo.exists()


@pytest.mark.parametrize("command", [["jobs"], ["audit", "verify"], ["users", "list", "--user", "admin"]])
def test_an_empty_database_file_is_refused_and_left_empty(tmp_path, command):
    (tmp_path / DB_FILENAME).write_bytes(b"")
    done = run_main(tmp_path, *command, KTP_MANDIRI_PASSWORD="x")
    assert done.returncode != 0 and "Tidak ada database stasiun" in one_sentence(done.stderr)
    assert (tmp_path / DB_FILENAME).stat().st_size == 0
    assert run_main(tmp_path, "demo-data", "--with-station", "--residents", "5").returncode == 0


# --- as a user without root -------------------------------------------------------------------------

@posix_only
@pytest.mark.parametrize(("damage", "expected"), [
    ("read-only database", "tidak dapat ditulis"),
    ("unreadable database", "tidak dapat dibuka oleh pengguna ini"),
    ("folder in place of the database", "adalah folder, bukan berkas database"),
    ("read-only data folder", "tidak dapat ditulis oleh pengguna ini"),
])
def test_a_database_this_user_cannot_use_gets_one_sentence(nobodys_station, damage, expected):
    prefix, data = nobodys_station
    db = data / DB_FILENAME
    if damage == "read-only database":
        db.chmod(0o400)
    elif damage == "unreadable database":
        db.chmod(0o000)
    elif damage == "folder in place of the database":
        db.unlink()
        # Private, as everything of the station's: run as the folder's owner (no root, e.g. in the
        # README set-up test), the command's start tightens a looser mode, which is not what is tested.
        db.mkdir(mode=0o700)
    else:
        data.chmod(0o500)
    before = db.stat()
    done = as_unprivileged(prefix, data, "jobs")
    assert done.returncode == 1, done.stdout
    assert expected in one_sentence(done.stderr)
    assert "Traceback" not in done.stderr
    assert db.stat().st_mtime_ns == before.st_mtime_ns and db.stat().st_mode == before.st_mode


@posix_only
def test_the_unprivileged_user_can_use_its_own_station(nobodys_station):
    prefix, data = nobodys_station
    done = as_unprivileged(prefix, data, "jobs")
    assert done.returncode == 0, done.stderr
    assert "Tidak ada pekerjaan cetak" in done.stdout


@pytest.fixture
def small_disk(tmp_path):
    """A real 16 MB file system (tmpfs) to fill: the data folder lives on it."""
    from tests.helpers.prerequisites import missing, require_root

    require_root("mounting a small file system")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        missing(f"mount -t tmpfs ({mounted.stderr.strip()})")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


@posix_only
def test_a_file_system_really_full_gets_the_same_sentence_and_keeps_every_record(small_disk):
    """Not SQLite's page cap this time: the disk under the data folder has no byte left (ENOSPC)."""
    station = make_station(small_disk)
    services = station.services
    station_id = services.stations.require().id
    filler = small_disk / "filler.bin"
    with open(filler, "wb") as out:  # another program filled the disk
        try:
            while True:
                out.write(b"\0" * (1 << 20))
                out.flush()
        except OSError:
            pass
    try:
        with pytest.raises(OperationalError) as raised:
            services.stock.receive(station.supervisor, station_id, 5000, "BA-2026-002")
        problem = storage_problem(raised.value)
        assert problem is not None and problem.code == "disk_full", raised.value
        text = str(problem)
        assert text.startswith("Disk penuh") and str(services.data_dir) in text
        assert "rusak" not in text and "cadangan" not in text
        assert services.stock.summary(station_id).in_stock == 10  # nothing half-written
        filler.unlink()  # the office frees space: the same receipt goes through
        services.stock.receive(station.supervisor, station_id, 5000, "BA-2026-002")
        assert services.stock.summary(station_id).in_stock == 5010
    finally:
        services.close()
