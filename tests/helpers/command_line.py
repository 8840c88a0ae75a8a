"""The command line run through its entry point in the test process (`desktop.app.main`): the same
output and exit status as `ktp-mandiri ARGS` in a process of its own, without starting Python again.

For tests whose subject is what a command says and returns. Where the process itself is the subject
(no display, signals, another process holding the lock or the job, file modes, resource limits)
tests/helpers/processes.py starts a real one.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Finished:
    """What a finished command left: the fields of subprocess.CompletedProcess that tests read."""

    returncode: int
    stdout: str
    stderr: str


def run_main(data_dir: Path | str, *args: str, **env: str) -> Finished:
    """`ktp-mandiri --data-dir DATA_DIR ARGS` with `env` (KTP_MANDIRI_PASSWORD=...) set meanwhile."""
    return run_entry_point(["--data-dir", str(data_dir), *args], **env)


def run_entry_point(argv: list[str], **env: str) -> Finished:
    """`ktp-mandiri ARGV` with `env` set meanwhile. The station models' database, the umask and the
    log handlers are as they were afterwards."""
    from desktop.app import main
    from desktop.logging_setup import stop_logging
    from desktop.store.models import database

    bound = database.obj
    umask = os.umask(0o077)
    os.umask(umask)
    try:
        return call_entry_point(main, argv, **env)
    finally:
        stop_logging()
        os.umask(umask)
        if bound is not None:
            database.initialize(bound)


def call_entry_point(main: Callable[[list[str]], int], argv: list[str], **env: str) -> Finished:
    """`main(argv)` with `env` set meanwhile and its output captured; an exit by argparse (help, a
    wrong argument) is its status."""
    # A process's output is a pipe: argparse wraps its help at 80 columns, not at this terminal's width.
    env = {"COLUMNS": os.environ.get("COLUMNS", "80"), **env}
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exit_:
                status = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return Finished(status, out.getvalue(), err.getvalue())
