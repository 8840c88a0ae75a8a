"""Small ones: a delivery document received twice, unknown document keys, a NIK with a leading minus,
demo-data's limits, a simulator delay of nan or inf, and no NIK or name in a command-line print's log."""

from __future__ import annotations

import uuid

import pytest

from desktop.app import main
from desktop.devices.registry import open_printer
from desktop.domain.nik import parse_nik
from desktop.errors import UserFacingError
from desktop.services.issuance import PrintRequest
from desktop.store.files import DB_FILENAME
from desktop.store.models import Blanko, PrintJob
from tests.helpers.fixtures import add_resident, make_station
from tests.helpers.processes import cli_env, run_cli


def test_a_delivery_document_already_received_is_refused(station):
    stock, station_id = station.services.stock, station.services.stations.require().id
    for typed in ("BA-2026-001", " ba-2026-001 ", "BA - 2026-001"):
        with pytest.raises(UserFacingError, match="Berita acara BA-2026-001 sudah dicatat diterima pada"):
            stock.receive(station.supervisor, station_id, 50, typed)
    assert stock.summary(station_id).in_stock == 10
    assert stock.receive(station.supervisor, station_id, 5, "BA-2026-002") == "BLK-0000011 s.d. BLK-0000015"


def test_unknown_document_keys_are_refused(station):
    nik = add_resident()
    request = PrintRequest(nik, "hilang", frozenset({"kk", "police_letter", "paspor"}), {"police_letter": "LP/1"})
    problems = station.services.issuance.check(request)
    assert problems == ["Dokumen tidak dikenal untuk alasan ini: paspor. Pilihannya: kk, police_letter."]


def test_the_command_line_refuses_a_mistyped_document_and_reserves_nothing(tmp_path, capsys, monkeypatch):
    st = make_station(tmp_path)
    nik = add_resident()
    data = st.services.data_dir
    st.services.close()
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    status = main(["--data-dir", str(data), "print", nik, "--printer", f"file://{tmp_path}/out.bin", "--reason",
                   "baru", "--documents", "kk,ktp_lama", "--user", "operator"])
    assert status == 1
    assert "Dokumen tidak dikenal untuk alasan ini: ktp_lama" in capsys.readouterr().err
    assert PrintJob.select().count() == 0 and Blanko.select().where(Blanko.state == "in_stock").count() == 10


@pytest.mark.parametrize("typed", ["-3674064508900001", "3674064508900001-", "−3674064508900001", ".3674064508900001"])
def test_a_nik_with_a_sign_or_separator_outside_the_digits_is_invalid(typed):
    info = parse_nik(typed)
    assert not info.valid and "non_digit" in {e.code for e in info.errors}


def test_separators_between_the_digits_are_still_fine():
    assert parse_nik("3674 0645.0890-0001").valid and parse_nik(" 3674064508900001\n").valid


@pytest.mark.parametrize("args, words", [
    (["--residents", "5000001"], "antara 0 dan 5.000.000"),
    (["--residents", "-1"], "antara 0 dan 5.000.000"),
    (["--kecamatan", ""], "Daftar kecamatan kosong"),
    (["--kecamatan", " , ,"], "Daftar kecamatan kosong"),
])
def test_demo_data_refuses_too_many_residents_and_an_empty_kecamatan_list(tmp_path, capsys, args, words):
    assert main(["--data-dir", str(tmp_path / "data"), "demo-data", "--with-station", *args]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "data" / DB_FILENAME).exists()  # refused before anything was made


@pytest.mark.parametrize("query", ["delay=nan", "delay=inf", "panel_delay=-inf", "delay=NaN"])
def test_a_simulator_delay_that_is_not_a_number_of_seconds_is_refused(query):
    with pytest.raises(UserFacingError, match="nan or inf"):
        open_printer(f"sim://v-{uuid.uuid4().hex[:8]}?{query}")


def test_a_command_line_print_leaves_no_nik_or_name_in_the_log(tmp_path):
    st = make_station(tmp_path)
    nik = add_resident(name="KARTIKA PUSPITASARI", birth_place="PURWAKARTA")
    data = st.services.data_dir
    st.services.close()
    done = run_cli(data, "print", nik, "--printer", f"file://{tmp_path}/card.bin", "--reason", "baru",
                   "--documents", "all", "--user", "operator", env=cli_env(KTP_MANDIRI_PASSWORD="operator123"))
    assert done.returncode == 0, done.stderr
    assert "KARTIKA PUSPITASARI" in done.stdout  # the operator sees it on the terminal ...
    logs = list((data / "logs").glob("*.log"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    assert "card printed on blanko BLK-0000001" in text, text  # ... the log has the job and its blanko ...
    for secret in (nik, nik[:6] + "." + nik[6:12], "KARTIKA", "PUSPITASARI", "PURWAKARTA"):
        assert secret not in text, secret  # ... but not who it was for
