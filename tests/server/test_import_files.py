"""`ktp-mandiri-server import-residents` with the files an officer really gives it (issue 20, item 6):
one sentence for a file it cannot read, relative paths from the caller's folder, the encoding checked
and never guessed, rows whose sex or birth date contradicts the NIK imported as given and listed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from desktop.domain.nik import build_nik
from server.db import connection
from server.models import Resident
from tests.helpers.command_line import call_entry_point
from tests.helpers.exports import resident_row, write_export
from tests.helpers.processes import ROOT
from tests.helpers.unprivileged import give_to, unprivileged_prefix

PAMULANG = "36.74.06"


def server(regency, *args: str, **env: str):
    from server.cli import main

    return call_entry_point(main, ["--database-url", regency.database_url, "--officer", "petugas", *args], **env)


def test_a_file_it_cannot_read_is_one_sentence(regency_db, tmp_path):
    missing = server(regency_db, "import-residents", str(tmp_path / "tidak-ada.csv"))
    assert (missing.returncode, missing.stderr.splitlines()) == (
        1, [f"ktp-mandiri-server: Berkas {tmp_path / 'tidak-ada.csv'} tidak ada."])
    folder = server(regency_db, "import-residents", str(tmp_path))
    assert (folder.returncode, folder.stderr.splitlines()) == (
        1, [f"ktp-mandiri-server: {tmp_path} adalah folder, bukan berkas; sebutkan berkas CSV-nya."])
    export = write_export(tmp_path / "siak.csv", [resident_row(PAMULANG, 1)])
    photos = server(regency_db, "import-residents", str(export), "--photos", str(tmp_path / "foto"))
    assert photos.stderr.splitlines() == [f"ktp-mandiri-server: Folder atau zip foto {tmp_path / 'foto'} tidak ada."]
    with connection():
        assert Resident.select().count() == 0


def test_a_relative_path_is_the_callers(regency_db, tmp_path):
    caller = tmp_path / "rumah-petugas"
    caller.mkdir()
    write_export(caller / "siak.csv", [resident_row(PAMULANG, 1)])
    # ktp-mandiri-serverctl runs the command in the service's folder and names the caller's.
    done = server(regency_db, "import-residents", "siak.csv", KTP_SERVER_CALLER_DIR=str(caller))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Impor selesai: 1 penduduk baru")


def test_an_unreadable_file_is_named_as_the_service_user_meets_it(tmp_path):
    prefix = unprivileged_prefix()
    base = Path(tempfile.mkdtemp(prefix="ktp-import-"))
    try:
        base.chmod(0o755)
        export = write_export(base / "siak.csv", [resident_row(PAMULANG, 1)])
        give_to(prefix, base)
        export.chmod(0o000)
        if not prefix:
            export.chmod(0o200)
        done = subprocess.run([*prefix, sys.executable, "-m", "server.cli", "--database-url",
                               f"sqlite:///{base / 'regency.sqlite3'}", "--officer", "petugas", "import-residents",
                               str(export)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        assert done.returncode == 1
        assert done.stderr.strip().splitlines()[-1] == (
            f"ktp-mandiri-server: Berkas {export} tidak boleh dibaca oleh pengguna yang menjalankan perintah ini; "
            "simpan di folder yang dapat dibacanya.")
        assert "Traceback" not in done.stderr
    finally:
        shutil.rmtree(base)


def test_the_encoding_is_checked_never_guessed(regency_db, tmp_path):
    rows = [resident_row(PAMULANG, 1), resident_row(PAMULANG, 2, name="ANDRÉ SITUMORANG")]
    lines = [";".join(("NIK", "NAMA_LGKP", "TMPT_LHR", "TGL_LHR", "JENIS_KLMIN", "GOL_DARAH", "ALAMAT", "NO_RT",
                       "NO_RW", "KODE_DESA", "AGAMA", "STATUS_KAWIN", "PEKERJAAN", "KEWARGANEGARAAN",
                       "STATUS_REKAM"))] + [";".join(r) for r in rows]
    windows = tmp_path / "excel-windows.csv"
    windows.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    refused = server(regency_db, "import-residents", str(windows))
    assert (refused.returncode, refused.stderr.splitlines()) == (1, [
        f"ktp-mandiri-server: Berkas {windows} tidak diimpor, tidak ada yang diubah: baris 3 bukan teks UTF-8 "
        "(byte 0xc9); bila berkas disimpan Excel di Windows, impor dengan --encoding cp1252."])
    with connection():
        assert Resident.select().count() == 0
    stated = server(regency_db, "import-residents", str(windows), "--encoding", "cp1252")
    assert stated.returncode == 0, stated.stderr
    with connection():
        assert Resident.get(Resident.nik == rows[1][0]).name == "ANDRÉ SITUMORANG"
    unknown = server(regency_db, "import-residents", str(windows), "--encoding", "klingon")
    assert unknown.stderr.splitlines() == [
        "ktp-mandiri-server: Pengodean klingon tidak dikenal (mis. utf-8 atau cp1252)."]


def test_a_row_contradicting_its_nik_is_imported_as_given_with_a_warning(regency_db, tmp_path):
    woman = resident_row(PAMULANG, 1)  # born 05/08/1990, P: the NIK's day is 45
    man_by_record = resident_row(PAMULANG, 2)
    man_by_record[4] = "L"  # the record says male, the NIK says female
    other_day = resident_row(PAMULANG, 3)
    other_day[3] = "06/08/1990"  # the NIK says the 5th
    assert other_day[0] == build_nik(PAMULANG, date(1990, 8, 5), "P", 3)
    export = write_export(tmp_path / "siak.csv", [woman, man_by_record, other_day])
    done = server(regency_db, "import-residents", str(export))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Impor selesai: 3 penduduk baru, 0 berubah, 0 tetap; 0 foto/tanda tangan; 2 peringatan.",
        f"  peringatan: baris 3: NIK {man_by_record[0]}: jenis kelamin L berbeda dengan NIK (P); diimpor apa adanya",
        f"  peringatan: baris 4: NIK {other_day[0]}: tanggal lahir 1990-08-06 berbeda dengan NIK (1990-08-05); "
        "diimpor apa adanya"]
    with connection():
        assert Resident.get(Resident.nik == man_by_record[0]).sex == "L"  # as given
        assert Resident.get(Resident.nik == other_day[0]).birth_date == date(1990, 8, 6)
    again = server(regency_db, "import-residents", str(export), "--json")
    summary = json.loads(again.stdout)
    assert (summary["unchanged"], summary["warnings"]) == (3, [
        {"line": 3, "nik": man_by_record[0], "field": "sex", "recorded": "L", "in_nik": "P"},
        {"line": 4, "nik": other_day[0], "field": "birth_date", "recorded": "1990-08-06", "in_nik": "1990-08-05"}])


def test_a_standalone_station_uses_the_same_rule(tmp_path, qapp):
    from tests.helpers.command_line import run_main
    from tests.helpers.fixtures import make_station

    station = make_station(tmp_path)
    data = station.services.data_dir
    station.services.close()
    row = resident_row(PAMULANG, 7)
    row[4] = "L"
    done = run_main(data, "import-residents", str(write_export(tmp_path / "siak.csv", [row])))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == (f"  peringatan: baris 2: NIK {row[0]}: jenis kelamin L berbeda dengan NIK "
                                           "(P); diimpor apa adanya")
