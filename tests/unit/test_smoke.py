"""`ktp-mandiri --smoke-test` from a checkout: the steps, the temporary data folder, a named failure.
The same test runs on the built bundle and in a minimal Debian (tests/installer)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("platform Qt", "aplikasi Qt", "folder data", "migrasi database", "jendela utama", "render kartu",
         "backend libusb")


def smoke(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    clean.update({"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "xdg"),
                  "KTP_MANDIRI_DATA": str(tmp_path / "users-data"), **env})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke-test"], env=clean, cwd=ROOT,
                          capture_output=True, text=True, timeout=180)


def test_smoke_test_without_a_display_runs_every_step_offscreen_and_leaves_the_users_data_alone(tmp_path):
    proc = smoke(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for step in STEPS:
        assert f"smoke test: {step} ... OK" in proc.stdout, step
    assert "platform Qt ... OK (offscreen:" in proc.stdout
    assert proc.stdout.rstrip().endswith("smoke test: OK")
    # Neither $KTP_MANDIRI_DATA nor the platform's data folder was created: a temporary one was used.
    assert not (tmp_path / "users-data").exists() and not (tmp_path / "xdg").exists()
    temporary = next(line for line in proc.stdout.splitlines() if "folder data ... OK" in line)
    assert "(sementara)" in temporary
    assert not Path(temporary.split("OK (")[1].split(" (sementara)")[0]).exists(), "not cleaned up"


def test_a_platform_qt_cannot_load_fails_at_its_named_step(tmp_path):
    proc = smoke(tmp_path, QT_QPA_PLATFORM="nosuchplatform")
    assert proc.returncode == 1
    assert "plugin platform 'nosuchplatform' tidak ada" in proc.stdout
    assert "smoke test: GAGAL pada langkah 'platform Qt'" in proc.stdout
