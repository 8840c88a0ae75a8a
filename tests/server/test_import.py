"""Resident exports as offices produce them: one parser for the server and for a standalone station."""

from __future__ import annotations

import pytest

from desktop.app import main as station_main
from desktop.composition import build_services
from desktop.domain.resident_file import FileProblems, read_residents
from desktop.store.models import Resident as StationResident
from server import residents
from server.db import connection
from server.models import Change, Resident
from tests.helpers.exports import HEADER, resident_row, write_export

PAMULANG, SETU = "36.74.06", "36.74.07"


def test_excel_export_with_bom_semicolons_and_dmy_dates_loads(tmp_path):
    path = write_export(tmp_path / "siak.csv", [resident_row(PAMULANG, 1), resident_row(SETU, 2, sex="L")])
    records = read_residents(path)
    assert [(r.kecamatan_code, r.birth_date.isoformat(), r.sex, r.rt) for r in records] == [
        (PAMULANG, "1990-08-05", "P", 1), (SETU, "1990-08-05", "L", 1)]


def test_comma_separated_utf8_without_bom_loads_too(tmp_path):
    path = write_export(tmp_path / "siak.csv", [resident_row(PAMULANG, 1)], delimiter=",", bom=False)
    assert len(read_residents(path)) == 1


def test_nik_mangled_by_excel_is_refused_by_line_number(tmp_path):
    good, bad = resident_row(PAMULANG, 1), resident_row(PAMULANG, 2)
    bad[0] = "3.67406E+15"
    path = write_export(tmp_path / "siak.csv", [good, bad])
    with pytest.raises(FileProblems) as refused:
        read_residents(path)
    assert refused.value.problems[0][0] == 3
    assert "notasi ilmiah" in str(refused.value) and "baris 3" in str(refused.value)


def test_every_bad_row_is_named(tmp_path):
    rows = [resident_row(PAMULANG, n) for n in range(1, 5)]
    rows[1][3] = "31/02/1990"  # no such date
    rows[2][9] = "3674991001"  # no such village
    path = write_export(tmp_path / "siak.csv", rows)
    with pytest.raises(FileProblems) as refused:
        read_residents(path)
    assert [line for line, _ in refused.value.problems] == [3, 4]


def test_missing_column_is_named(tmp_path):
    header = tuple(h for h in HEADER if h != "STATUS_REKAM")
    path = write_export(tmp_path / "siak.csv", [resident_row(PAMULANG, 1)[:-1]], header=header)
    with pytest.raises(FileProblems, match="STATUS_REKAM"):
        read_residents(path)


def test_server_import_is_all_or_nothing_and_idempotent(regency_db, tmp_path):
    rows = [resident_row(PAMULANG, n) for n in range(1, 4)]
    path = write_export(tmp_path / "siak.csv", rows)
    broken = write_export(tmp_path / "broken.csv", rows + [resident_row(SETU, 9)[:5]])
    with connection():
        with pytest.raises(FileProblems):
            residents.import_residents("test", broken)
        assert Resident.select().count() == 0 and Change.select().count() == 0
        first = residents.import_residents("test", path)
        changes_after_first = Change.select().count()
        again = residents.import_residents("test", path)
        assert (first.added, again.added, again.changed, again.unchanged) == (3, 0, 0, 3)
        assert Change.select().count() == changes_after_first == 3


def test_status_change_and_move_reach_old_and_new_kecamatan(regency_db, tmp_path):
    row = resident_row(PAMULANG, 1, status="SENT_FOR_ENROLLMENT")
    with connection():
        residents.import_residents("test", write_export(tmp_path / "a.csv", [row]))
        status = tmp_path / "status.csv"
        status.write_text(f"NIK;STATUS_REKAM\n{row[0]};PRINT_READY_RECORD\n", encoding="utf-8-sig")
        assert residents.import_status("test", status).changed == 1
        assert Resident.get().record_status == "PRINT_READY_RECORD"
        moved = list(row)
        moved[9], moved[14] = "3674071001", "PRINT_READY_RECORD"
        residents.import_residents("test", write_export(tmp_path / "b.csv", [moved]))
        last = list(Change.select().order_by(Change.id.desc()).limit(2))
        assert {c.scope for c in last} == {PAMULANG, SETU}
        unknown = tmp_path / "unknown.csv"
        unknown.write_text("NIK;STATUS_REKAM\n3674064508900099;PRINT_READY_RECORD\n", encoding="utf-8")
        with pytest.raises(FileProblems, match="baris 2"):
            residents.import_status("test", unknown)


def test_standalone_station_imports_with_the_same_parser(tmp_path, capsys):
    path = write_export(tmp_path / "siak.csv", [resident_row(PAMULANG, n) for n in range(1, 4)])
    data = str(tmp_path / "station")
    build_services(tmp_path / "station").close()  # a station that exists (set up at its first start)
    assert station_main(["--data-dir", data, "import-residents", str(path)]) == 0
    assert "3 penduduk baru" in capsys.readouterr().out
    assert station_main(["--data-dir", data, "import-residents", str(path)]) == 0
    assert "0 penduduk baru, 0 berubah, 3 tetap" in capsys.readouterr().out
    bad = write_export(tmp_path / "bad.csv", [resident_row(PAMULANG, 5), ["3.67406E+15", *resident_row(PAMULANG, 6)[1:]]])
    assert station_main(["--data-dir", data, "import-residents", str(bad)]) == 1
    assert "baris 3" in capsys.readouterr().err
    services = build_services(tmp_path / "station")
    assert StationResident.select().count() == 3  # nothing of the bad file was applied
    services.close()
