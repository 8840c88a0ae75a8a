"""Taking a printer off the station: the service, its refusals, and `ktp-mandiri printers --remove`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.app import main
from desktop.errors import UserFacingError
from desktop.services.issuance import PrintRequest
from desktop.store.models import AuditLog, PrinterConfig
from tests.helpers.fixtures import add_resident, make_station
from tests.unit.test_cli import ROOT, _server_env


def test_a_removed_printer_leaves_the_station_and_the_audit_log_says_who(tmp_path):
    station = make_station(tmp_path, printers=["sim://satu?delay=1", "spooler://Fargo%20HDP5000"])
    stations = station.services.stations
    stations.remove_printer(station.admin, "sim://satu?delay=1")
    assert stations.require().printers == ("spooler://Fargo%20HDP5000",)
    entry = AuditLog.select().where(AuditLog.action == "printer.remove").get()
    assert entry.username == "admin" and json.loads(entry.details)["uri"] == "sim://satu?delay=1"
    with pytest.raises(UserFacingError, match="tidak terdaftar di stasiun ini"):
        stations.remove_printer(station.admin, "sim://satu?delay=1")
    stations.add_printer(station.admin, "sim://satu?delay=1", "Loket 1")  # it can come back
    assert stations.require().printer_names["sim://satu?delay=1"] == "Loket 1"
    with pytest.raises(UserFacingError, match="Nama printer Loket 1 sudah dipakai"):
        stations.add_printer(station.admin, "sim://dua", "Loket 1")
    station.services.close()


@pytest.mark.parametrize("state", ["queued", "sending", "printing"])
def test_removal_is_refused_while_a_job_on_that_printer_is_unfinished(tmp_path, state):
    uri = "sim://sibuk?delay=2"  # a simulated printer's job records its URI without the query
    station = make_station(tmp_path, printers=[uri, "sim://lain"])
    services = station.services
    job = services.issuance.prepare(station.operator, PrintRequest(add_resident(), "baru", frozenset({"kk"})),
                                    "sim://sibuk")
    services.issuance.set_state(job.job_id, state)
    with pytest.raises(UserFacingError) as refused:
        services.stations.remove_printer(station.admin, uri)
    assert str(refused.value) == (f"Printer {uri} masih punya pekerjaan cetak yang belum selesai; tunggu sampai "
                                  "selesai atau minta supervisor menyatakan hasilnya, lalu hapus lagi.")
    services.stations.remove_printer(station.admin, "sim://lain")  # the other printer has no job
    services.jobs.settle(station.supervisor, job.job_id, "nothing")
    services.stations.remove_printer(station.admin, uri)  # settled: now it may go
    assert services.stations.require().printers == ()
    services.close()


def test_printers_remove_on_the_command_line(tmp_path, capsys, monkeypatch):
    station = make_station(tmp_path, printers=["spooler://kartu", "sim://hub2"])
    data = str(station.services.data_dir)
    station.services.close()
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    assert main(["--data-dir", data, "printers", "--remove", "sim://hub2", "--user", "operator"]) == 1
    assert "tidak berwenang" in capsys.readouterr().err
    assert main(["--data-dir", data, "printers", "--remove", "sim://hub2"]) == 1
    assert "perlu --user" in capsys.readouterr().err
    # As on a server: no display, a second process, the password from the environment.
    env = {**_server_env(), "KTP_MANDIRI_PASSWORD": "admin12345"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", data, "printers", "--remove", "sim://hub2",
         "--user", "admin"], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Printer sim://hub2 dihapus dari Kecamatan ")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", data, "printers", "--remove", "sim://hub2",
         "--user", "admin"], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "Printer sim://hub2 tidak terdaftar di stasiun ini." in proc.stderr
    from desktop.composition import build_services

    services = build_services(tmp_path / "data")
    assert [p.uri for p in PrinterConfig.select().where(PrinterConfig.active == True)] == ["spooler://kartu"]  # noqa: E712
    services.close()
