"""`ktp-mandiri ticket-printer` (issue 25 item 3): the ticket printer set by a supervisor, refused when it cannot
be read or for an operator, and a specimen ticket printed to check it (here into a PDF folder, read back)."""

from __future__ import annotations

from desktop.app import main
from tests.helpers.fixtures import make_station
from tests.helpers.tickets import pdf_qr_codes, pdf_text


def test_a_supervisor_sets_the_ticket_printer_and_prints_a_specimen(tmp_path, capsys, monkeypatch):
    station = make_station(tmp_path)
    data = str(station.services.data_dir)
    station.services.close()
    folder = tmp_path / "karcis"
    folder.mkdir()

    assert main(["--data-dir", data, "ticket-printer"]) == 0
    assert "nomor hanya ditampilkan di layar" in capsys.readouterr().out

    assert main(["--data-dir", data, "ticket-printer", "--set", "lpt1:", "--user", "supervisor"]) == 1
    assert "awali dengan spooler://" in capsys.readouterr().err

    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    assert main(["--data-dir", data, "ticket-printer", "--set", f"pdf://{folder}", "--user", "operator"]) == 1
    assert "tidak berwenang" in capsys.readouterr().err

    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "supervisor123")
    assert main(["--data-dir", data, "ticket-printer", "--set", f"pdf://{folder}?paper=58", "--user", "supervisor",
                 "--test"]) == 0
    out = capsys.readouterr().out
    assert f"Printer karcis: pdf://{folder}?paper=58" in out and "Karcis contoh tercetak." in out
    [pdf] = folder.iterdir()
    assert "CONTOH" in pdf_text(pdf) and len(pdf_qr_codes(pdf, tmp_path)[0]) == 32

    assert main(["--data-dir", data, "ticket-printer", "--set", f"pdf://{tmp_path / 'hilang'}", "--user",
                 "supervisor", "--test"]) == 1
    assert "karcis contoh tidak tercetak: Folder karcis" in capsys.readouterr().err
