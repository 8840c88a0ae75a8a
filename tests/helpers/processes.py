"""Running the real command line in its own process, as an office machine or a server would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What a server, an ssh session or a Windows service has: no display and no Qt platform chosen.
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES and k != "KTP_MANDIRI_DATA"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


def cli_command(data_dir: Path | str, *args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args]


def start_cli(data_dir: Path | str, *args: str, env: dict[str, str] | None = None, **popen) -> subprocess.Popen:
    return subprocess.Popen(cli_command(data_dir, *args), env=env or cli_env(), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def run_cli(data_dir: Path | str, *args: str, env: dict[str, str] | None = None, timeout: float = 120,
            **run) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(data_dir, *args), env=env or cli_env(), cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, **run)


def job_state(data_dir: Path) -> str | None:
    """The state of the newest print job, read as another process would (plain sqlite3)."""
    conn = sqlite3.connect(Path(data_dir) / "ktp-mandiri.sqlite3", timeout=10)
    try:
        row = conn.execute("SELECT state FROM print_job ORDER BY created_at DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def wait_for_job_state(data_dir: Path, state: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Wait until the newest job is in `state`; fail with the process's stderr if it never gets there."""
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline and proc.poll() is None:
        seen = job_state(data_dir)
        if seen == state:
            return
        time.sleep(0.05)
    out, err = proc.communicate(timeout=30) if proc.poll() is not None else ("", "")
    raise AssertionError(f"the job never reached {state!r} (last seen {seen!r}); exit {proc.returncode}: {err}")


PRINT_ARGS = ("--reason", "baru", "--user", "operator", "--documents", "all")


def start_print(data_dir: Path, nik: str, printer: str) -> subprocess.Popen:
    """`ktp-mandiri print` as the operator, in its own process."""
    return start_cli(data_dir, "print", nik, "--printer", printer, *PRINT_ARGS,
                     env=cli_env(KTP_MANDIRI_PASSWORD="operator123"))
