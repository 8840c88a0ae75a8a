"""No display is not a crash: every command runs where there is no DISPLAY, WAYLAND_DISPLAY or
QT_QPA_PLATFORM (a server, an ssh session, a scheduled task), and the GUI says in one sentence that
it has no screen. Each command runs in its own process with those variables removed."""

from __future__ import annotations

import json

import pytest

from desktop.app import has_display
from desktop.store.models import PrintJob
from tests.helpers.fixtures import add_resident
from tests.helpers.platforms import force_platform
from tests.helpers.processes import cli_env, run_cli


def test_commands_run_without_a_display(station, tmp_path):
    data = station.services.data_dir
    nik = add_resident()
    env = cli_env()
    assert not {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"} & set(env)

    rendered = run_cli(data, "render-card", nik, "--png", str(tmp_path / "card.png"), "--pdf",
                       str(tmp_path / "card.pdf"), env=env)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "card.png").stat().st_size > 10_000 and (tmp_path / "card.pdf").stat().st_size > 1000

    printed = run_cli(data, "print", nik, "--printer", "sim://headless", "--reason", "baru", "--user", "operator",
                      "--documents", "all", env=cli_env(KTP_MANDIRI_PASSWORD="operator123"))
    assert printed.returncode == 0, printed.stderr
    assert "Tercetak" in printed.stdout and PrintJob.get().state == "done"

    listed = run_cli(data, "jobs", "--json", env=env)
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    verified = run_cli(data, "audit", "verify", env=env)
    assert verified.returncode == 0, verified.stderr


def test_a_stale_x11_platform_without_its_display_does_not_abort_a_command(station, tmp_path):
    nik = add_resident()
    out = tmp_path / "card.png"
    done = run_cli(station.services.data_dir, "render-card", nik, "--png", str(out),
                   env=cli_env(QT_QPA_PLATFORM="xcb"))
    assert done.returncode == 0, done.stderr
    assert out.exists()


def test_smoke_test_runs_without_a_display(tmp_path):
    done = run_cli(tmp_path / "data", "--demo", "--demo-residents", "50", "--smoke-test", timeout=180)
    assert done.returncode == 0, done.stderr
    assert "smoke test: OK" in done.stdout


def test_the_gui_without_a_display_exits_with_one_sentence(tmp_path):
    data = tmp_path / "data"
    done = run_cli(data, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("ktp-mandiri: Tidak ada layar")
    assert "Traceback" not in done.stderr and "qt.qpa" not in done.stderr
    assert not data.exists()  # nothing was created for a window that could not open


@pytest.mark.parametrize(("env", "platform", "expected"), [
    ({}, "linux", False),
    ({"DISPLAY": ":0"}, "linux", True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),  # a Wayland-only session is a display
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
    ({"QT_QPA_PLATFORM": "vnc:size=1366x768"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
    ({}, "windows", True),
    ({}, "macos", True),
])
def test_what_counts_as_a_display(env, platform, expected, monkeypatch):
    force_platform(monkeypatch, platform)
    assert has_display(env) is expected
