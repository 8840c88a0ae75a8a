"""What the command line writes: to a console that cannot encode every character, into a pipe that
closes early, with no standard output at all, and to the data folder's log file."""

from __future__ import annotations

import os
import subprocess

import pytest

from desktop.logging_setup import command_log_file_in
from desktop.store.models import PrintJob
from tests.helpers.fixtures import add_resident
from tests.helpers.processes import cli_command, cli_env, run_cli, start_cli


def test_a_console_that_cannot_encode_a_name_still_gets_the_listing(station):
    services = station.services
    nik = add_resident(name="NUR’AINI")  # U+2019, which a Windows console's code page 437 lacks
    from desktop.services.issuance import PrintRequest

    services.issuance.set_state(
        services.issuance.prepare(station.operator, PrintRequest(nik, "baru", frozenset({"kk"})), "sim://x").job_id,
        "printing")
    done = run_cli(services.data_dir, "jobs", env=cli_env(PYTHONIOENCODING="cp437"))
    assert done.returncode == 0, done.stderr
    assert "NUR?AINI" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(os.name == "nt", reason="SIGPIPE semantics")
def test_a_pipe_closed_by_the_reader_ends_quietly(tmp_path):
    niks = ["3674064508900001"] * 3000  # far more than a pipe holds
    proc = start_cli(tmp_path, "nik", *niks)
    proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode == 141
    assert err == ""


@pytest.mark.skipif(os.name == "nt", reason="closing fd 1 before exec")
def test_no_standard_output_at_all_is_not_a_crash(tmp_path):
    done = subprocess.run(cli_command(tmp_path, "nik", "--json", "3674064508900001"), env=cli_env(),
                          stderr=subprocess.PIPE, text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_command_line_print_writes_the_log_file(station):
    data = station.services.data_dir
    nik = add_resident()
    done = run_cli(data, "print", nik, "--printer", "sim://logged", "--reason", "baru", "--user", "operator",
                   "--documents", "all", env=cli_env(KTP_MANDIRI_PASSWORD="operator123"))
    assert done.returncode == 0, done.stderr
    job = PrintJob.get()
    log = command_log_file_in(data).read_text(encoding="utf-8")
    assert f"job {job.id}: blanko BLK-0000001 reserved" in log
    assert f"job {job.id}: card printed" in log
    assert nik not in log and "SITI" not in log
