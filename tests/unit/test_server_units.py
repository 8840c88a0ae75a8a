"""The regency server's systemd units, checked by systemd itself (`systemd-analyze verify`)."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

from tests.helpers.prerequisites import require_tool

UNITS = Path(__file__).resolve().parents[2] / "installer" / "server"
PREFIX = "/opt/ktp-mandiri-server/bin/"


def read_unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, empty_lines_in_values=False)
    parser.optionxform = str  # keys are case-sensitive in systemd
    parser.read_string((UNITS / name).read_text())
    return parser


def test_units_pass_systemd_analyze_verify(tmp_path):
    analyze = require_tool("systemd-analyze", "systemd")
    # verify also checks that ExecStart programs exist: point them at a real executable here.
    for unit in UNITS.glob("ktp-mandiri-server*.*"):
        if unit.suffix in (".service", ".timer"):
            text = unit.read_text().replace(PREFIX + "ktp-mandiri-server-backup", sys.executable)
            (tmp_path / unit.name).write_text(text.replace(PREFIX + "ktp-mandiri-server", sys.executable))
    units = sorted(str(p) for p in tmp_path.iterdir())
    assert len(units) == 3
    proc = subprocess.run([analyze, "verify", *units], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


def test_server_runs_hardened_as_its_own_user_with_the_environment_file():
    for name in ("ktp-mandiri-server.service", "ktp-mandiri-server-backup.service"):
        service = read_unit(name)["Service"]
        assert service["User"] == "ktp-server" and service["Group"] == "ktp-server"
        assert service["EnvironmentFile"] == "/etc/ktp-mandiri-server/server.env"
        for key, value in {"ProtectSystem": "strict", "NoNewPrivileges": "yes", "PrivateTmp": "yes",
                           "ProtectHome": "yes", "PrivateDevices": "yes", "CapabilityBoundingSet": ""}.items():
            assert service[key] == value, (name, key)
    timer = read_unit("ktp-mandiri-server-backup.timer")["Timer"]
    assert timer["OnCalendar"] == "*-*-* 01:30:00" and timer["Persistent"] == "true"
