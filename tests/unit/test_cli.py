"""The command line: NIK checks, demo data, and clear one-sentence errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.app import main

ROOT = Path(__file__).resolve().parents[2]


def test_nik_valid_prints_decoded_fields(capsys):
    assert main(["nik", "3674064508900001"]) == 0
    out = capsys.readouterr().out
    assert "3674064508900001: SAH" in out
    assert "36.74.06 Pamulang" in out
    assert "1990-08-05" in out
    assert "PEREMPUAN" in out


def test_nik_json_and_exit_status_for_an_invalid_one(capsys):
    assert main(["nik", "3674 0645.0890-0001", "3674060000000000", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["valid"] is True and data[0]["nik"] == "3674064508900001"
    assert data[0]["birth_date"] == "1990-08-05" and data[0]["sex"] == "P"
    assert data[0]["kecamatan_name"] == "Pamulang"
    assert data[1]["valid"] is False
    assert {e["code"] for e in data[1]["errors"]} >= {"day_invalid", "serial_zero"}


def test_demo_data_creates_residents_with_valid_niks(tmp_path, capsys):
    from desktop.composition import build_services
    from desktop.domain.nik import parse_nik
    from desktop.store.models import Resident

    assert main(["--data-dir", str(tmp_path), "demo-data", "--with-station", "--residents", "300",
                 "--kecamatan", "36.03.01"]) == 0
    assert "300 penduduk demo" in capsys.readouterr().out
    services = build_services(tmp_path)
    rows = list(Resident.select())
    assert len(rows) == 300
    assert all(parse_nik(r.nik).valid for r in rows)
    assert {r.kecamatan_code for r in rows} == {"36.03.01"}
    assert all(r.village_code.startswith("36.03.01.") for r in rows)
    statuses = {r.record_status for r in rows}
    assert "PRINT_READY_RECORD" in statuses and len(statuses) > 2
    assert sum(r.record_status == "PRINT_READY_RECORD" for r in rows) > 200
    services.close()


def test_unknown_kecamatan_is_a_one_sentence_error(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "demo-data", "--with-station", "--residents", "5",
                 "--kecamatan", "36.99.01"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ktp-mandiri: ") and "tidak dikenal" in err
    assert "Traceback" not in err


def test_corrupt_database_is_one_sentence_on_the_command_line(tmp_path, capsys):
    (tmp_path / "ktp-mandiri.sqlite3").write_bytes(b"garbage" * 1000)
    assert main(["--data-dir", str(tmp_path), "demo-data", "--residents", "5"]) == 1
    err = capsys.readouterr().err
    assert "rusak" in err and "Traceback" not in err
    assert (tmp_path / "ktp-mandiri.sqlite3").read_bytes() == b"garbage" * 1000


def test_smoke_test_starts_the_app_and_renders(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path), "--demo", "--demo-residents", "50",
         "--smoke-test"],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "smoke test: OK" in proc.stdout


def _server_env() -> dict[str, str]:
    """The environment of a server or an SSH session: no display, no Qt platform chosen."""
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


def test_render_card_writes_the_layers_on_a_machine_without_display(tmp_path, qapp):
    import numpy as np
    from PySide6.QtGui import QImage

    from desktop.composition import build_services
    from desktop.render.card import blanko_front, compose, to_raster
    from tests.helpers.fixtures import add_resident

    services = build_services(tmp_path / "data")
    nik = add_resident()
    services.close()
    png, preview, pdf = tmp_path / "card.png", tmp_path / "preview.png", tmp_path / "card.pdf"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "data"), "render-card", nik,
         "--png", str(png), "--preview", str(preview), "--pdf", str(pdf)],
        capture_output=True, text=True, env=_server_env(), timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    layer, finished = to_raster(QImage(str(png))), to_raster(QImage(str(preview)))
    assert (layer.width, layer.height) == (finished.width, finished.height) == (1011, 638)
    # --png is the print layer: nothing on the card's edge, where only the blanko's own print is.
    pixels = np.frombuffer(layer.rgb, np.uint8).reshape(638, 1011, 3)
    assert (pixels[:, :5] == 255).all() and (pixels[-5:] == 255).all()
    # --preview is that very layer over the blanko art.
    assert finished.rgb == to_raster(compose(layer, blanko_front())).rgb
    assert finished.rgb != layer.rgb
    assert pdf.read_bytes().startswith(b"%PDF")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "data"), "render-card",
         "3674064508900099", "--png", str(png)],
        capture_output=True, text=True, env=_server_env(), timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 1 and "tidak ditemukan" in proc.stderr and "Traceback" not in proc.stderr


def test_admin_registers_a_printer_and_an_operator_may_not(tmp_path, capsys, monkeypatch):
    from tests.helpers.fixtures import make_station

    station = make_station(tmp_path)
    data = str(station.services.data_dir)
    station.services.close()
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    assert main(["--data-dir", data, "printers", "--add", "sim://hub2", "--user", "operator"]) == 1
    assert "tidak berwenang" in capsys.readouterr().err
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "admin12345")
    assert main(["--data-dir", data, "printers", "--add", "bogus://x", "--user", "admin"]) == 1
    assert "tidak dikenali" in capsys.readouterr().err
    assert main(["--data-dir", data, "printers", "--add", "sim://hub2", "--user", "admin"]) == 0
    assert "didaftarkan" in capsys.readouterr().out
    assert main(["--data-dir", data, "printers"]) == 0
    assert "sim://hub2" in capsys.readouterr().out


def test_smoke_test_reports_a_corrupt_database_in_one_sentence(tmp_path):
    (tmp_path / "ktp-mandiri.sqlite3").write_bytes(b"garbage" * 1000)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path), "--smoke-test"],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 1
    assert "rusak" in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "ktp-mandiri.sqlite3").read_bytes() == b"garbage" * 1000


def test_render_card_tries_another_template_and_explains_a_broken_one(tmp_path, capsys, qapp):
    from desktop.composition import build_services
    from desktop.resources import resource_path
    from tests.helpers.fixtures import add_resident

    services = build_services(tmp_path / "data")
    nik = add_resident()
    services.close()
    data, png = str(tmp_path / "data"), str(tmp_path / "card.png")
    shipped = resource_path("card", "template.json")
    assert main(["--data-dir", data, "render-card", nik, "--png", png, "--template", str(shipped)]) == 0
    broken = tmp_path / "broken.json"
    broken.write_text('{"nik": {"size_pt": ', encoding="utf-8")
    assert main(["--data-dir", data, "render-card", nik, "--png", png, "--template", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "Template kartu" in err and "Traceback" not in err


def test_a_second_window_on_the_same_data_is_refused(tmp_path, qapp):
    from PySide6.QtCore import QLockFile

    held = QLockFile(str(tmp_path / "ktp-mandiri.lock"))
    assert held.tryLock(100)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path), "--demo", "--demo-residents", "10",
         "--smoke-test"],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )
    held.unlock()
    assert proc.returncode == 1
    assert "sudah berjalan" in proc.stderr


def test_demo_data_is_refused_on_a_real_station(tmp_path, capsys):
    from desktop.services.demo_accounts import DEMO_KEY
    from desktop.store.models import Setting
    from tests.helpers.fixtures import make_station

    station = make_station(tmp_path)
    data = str(station.services.data_dir)
    Setting.delete().where(Setting.key == DEMO_KEY).execute()  # the test station is a demo one: make it real
    station.services.close()
    assert main(["--data-dir", data, "demo-data", "--residents", "5"]) == 1
    assert "stasiun sungguhan" in capsys.readouterr().err
