"""The command line through its Windows branches, run here (desktop/platform.py's flags patched):
redirected output in UTF-8, Qt's own platform kept, the regency demo stopped without process groups."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from desktop.app import main
from tests.helpers.platforms import force_platform


def redirected_output(monkeypatch, encoding: str) -> io.BytesIO:
    """sys.stdout as a redirected stream of Windows' Python: a file in the ANSI code page, not a console."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=encoding, write_through=True))
    return raw


@pytest.mark.parametrize("text", ["36740645089é0001", "3674064508900001ŋ"])
def test_json_redirected_to_a_file_on_windows_is_utf8(monkeypatch, text):
    force_platform(monkeypatch, "windows")
    raw = redirected_output(monkeypatch, "cp1252")
    assert main(["nik", text, "--json"]) == 1
    sys.stdout.flush()
    assert json.loads(raw.getvalue().decode("utf-8"))[0]["text"] == text


def test_linux_output_keeps_the_locale_encoding(monkeypatch):
    force_platform(monkeypatch, "linux")
    raw = redirected_output(monkeypatch, "latin-1")
    main(["nik", "36740645089é0001", "--json"])
    sys.stdout.flush()
    assert "36740645089é0001" in raw.getvalue().decode("latin-1")


@pytest.mark.parametrize(("system", "platform"), [("windows", None), ("linux", "offscreen")])
def test_commands_force_the_offscreen_platform_only_off_windows(monkeypatch, capsys, system, platform):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    force_platform(monkeypatch, system)
    assert main(["nik", "3674064508900001"]) == 0
    assert os.environ.get("QT_QPA_PLATFORM") == platform


def test_the_regency_demo_stops_its_server_without_process_groups_on_windows(monkeypatch):
    from devtools import regency_demo

    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    force_platform(monkeypatch, "windows")
    monkeypatch.delattr(os, "killpg")  # Windows' os has none
    try:
        regency_demo._stop(server)
        assert server.wait(timeout=30) != 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_every_run_holds_the_mutex_the_installer_looks_for(monkeypatch, capsys):
    """The window and every command: the installer refuses to replace files while any holds it."""
    import ctypes
    import re
    import types
    from pathlib import Path

    from desktop import app

    made = []

    class CreateMutexW:  # a ctypes function: it takes argtypes and restype
        def __call__(self, security, owned, name):
            made.append((security, owned, name))
            return 0x1F4

    kernel32 = types.SimpleNamespace(CreateMutexW=CreateMutexW())
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(app, "_running", None)
    force_platform(monkeypatch, "windows")
    assert main(["nik", "3674064508900001"]) == 0
    assert made == [(None, False, "Global\\KTP-el-Mandiri")] and app._running == 0x1F4
    script = (Path(app.__file__).parents[1] / "installer" / "windows" / "ktp-mandiri.nsi").read_text(encoding="utf-8")
    assert re.search(r'^!define RUNNING_MUTEX "(.+)"$', script, re.M).group(1) == app.RUNNING_MUTEX
    assert "OpenMutexW" in script and script.count("Call CheckNotRunning") == 2


def test_linux_makes_no_mutex(monkeypatch, capsys):
    from desktop import app

    monkeypatch.setattr(app, "_running", None)
    force_platform(monkeypatch, "linux")
    assert main(["nik", "3674064508900001"]) == 0 and app._running is None
