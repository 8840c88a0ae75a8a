"""The demos leave nothing behind on any way out: a real process, stopped by a real SIGTERM, removes its
throw-away folder (`ktp-mandiri-demo-*` of `--demo`, `ktp-regency-demo-*` of `dev.py demo --regency`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import platform as system
from tests.helpers.processes import ROOT

pytestmark = pytest.mark.skipif(system.WINDOWS, reason="SIGTERM is a POSIX signal")


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "TMPDIR": str(tmp_path), "TEMP": str(tmp_path), "TMP": str(tmp_path),
            "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}


def _wait_for(condition, process: subprocess.Popen, what: str, timeout: float = 240) -> None:
    """Poll the file system (another process's state) until `condition`, failing if the process died."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the process ended before {what}: {process.returncode}"
        assert time.monotonic() < deadline, f"no {what} within {timeout} s"
        time.sleep(0.1)


def _ours(tmp_path: Path, prefix: str) -> list[str]:
    return [p.name for p in tmp_path.iterdir() if p.name.startswith(prefix)]


def test_the_station_demo_removes_its_folder_after_sigterm(tmp_path):
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--demo", "--demo-residents", "20"],
                               cwd=ROOT, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The database in the demo folder: the window is up and its data is being made.
        _wait_for(lambda: any(tmp_path.glob("ktp-mandiri-demo-*/*.sqlite3")), process, "demo database")
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert _ours(tmp_path, "ktp-mandiri-demo-") == []


def test_the_regency_demo_stops_its_windows_and_server_and_removes_its_folder_after_sigterm(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "devtools.regency_demo", "--demo-residents", "20"], cwd=ROOT,
                               env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in process.stdout:  # its windows are started once the accounts are printed
            if "masuk dengan" in line:
                break
        assert _ours(tmp_path, "ktp-regency-demo-") != []
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=120)[0]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert _ours(tmp_path, "ktp-regency-demo-") == [], output
