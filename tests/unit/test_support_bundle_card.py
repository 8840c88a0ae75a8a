"""The support bundle and the last failed card (issue 24 item 8): the card's command framing goes in with
every panel's data zeroed; the real panels (the citizen's photo, name and NIK as pixels) only with
`--include-card-stream` and a "YA" typed at the terminal."""

from __future__ import annotations

import io
import json
import stat
import uuid
import zipfile
from dataclasses import replace

import pytest

from desktop.app import main
from desktop.devices.registry import make_printer
from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.errors import UserFacingError
from desktop.services.failed_card import FOLDER, data_start
from desktop.services.issuance import PrintRequest
from tests.helpers.fixtures import add_resident, make_station

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})
NAME = "SITI RAHMAWATI"


@pytest.fixture
def failed_card(tmp_path, qapp):
    """A station whose card jammed at the end (the whole stream went to the printer); its data folder and NIK."""
    station = make_station(tmp_path)
    name = f"bundle-{uuid.uuid4().hex[:8]}"
    get_simulator(name, faults="jam")
    printer = make_printer(f"sim://{name}")
    printer.options = replace(printer.options, reply_timeout=0.3, print_timeout=0.5, status_timeout=0.2)
    printer.open()
    nik = add_resident(name=NAME)
    try:
        with pytest.raises(UserFacingError):
            station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)
    finally:
        printer.close()
        forget_simulators()
        station.services.close()
    return station.services.data_dir, nik


def _bundle(tmp_path, data_dir, *extra: str) -> dict[str, bytes]:
    out = tmp_path / f"bundle-{uuid.uuid4().hex[:6]}.zip"
    assert main(["--data-dir", str(data_dir), "support-bundle", "--out", str(out), *extra]) == 0
    with zipfile.ZipFile(out) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def _panels(stream: bytes, about: dict) -> list[tuple[bytes, bytes]]:
    """(header, data) of every panel command in the stream, as the frame index places them."""
    found = []
    for frame in about["frames"]:
        if frame["data_offset"] is not None:
            command = stream[frame["offset"]:frame["offset"] + frame["length"]]
            start = frame["data_offset"] - frame["offset"]
            found.append((command[:start], command[start:-1]))
    return found


def test_the_failed_cards_framing_goes_in_with_its_panels_zeroed(failed_card, tmp_path):
    data_dir, nik = failed_card
    kept = data_dir / FOLDER / "stream.bin"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # kept privately, beside the database
    real = kept.read_bytes()
    members = _bundle(tmp_path, data_dir)
    about = json.loads(members[f"{FOLDER}/about.json"])
    assert about["fault"] == "jam" and [f["command"] for f in about["frames"]][0] == "Ss"
    assert about["frames"][-1]["command"] == "Se"
    zeroed = members[f"{FOLDER}/stream-panels-zeroed.bin"]
    assert f"{FOLDER}/stream.bin" not in members and len(zeroed) == len(real)
    real_panels, zeroed_panels = _panels(real, about), _panels(zeroed, about)
    assert len(zeroed_panels) >= 4  # Y, M, C, K (and the overlay) of a colour ribbon
    for (header, data), (zeroed_header, zeroed_data) in zip(real_panels, zeroed_panels, strict=True):
        assert zeroed_header == header and header.startswith((b"\x1bDb;", b"\x1bDbc;"))  # the framing as sent
        assert len(zeroed_data) == len(data) and not any(zeroed_data)  # every pixel gone
    assert any(any(data) for _, data in real_panels)
    outside = [(f["offset"], f["length"]) for f in about["frames"] if f["data_offset"] is None]
    assert all(zeroed[o:o + n] == real[o:o + n] for o, n in outside)  # the other commands untouched
    text = b"".join(data for name, data in members.items() if not name.endswith(".bin"))
    assert nik.encode() not in text and NAME.encode() not in text


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("typed", "included"), [("YA\n", True), ("tidak\n", False)])
def test_the_real_panels_only_after_ya_at_the_terminal(failed_card, tmp_path, monkeypatch, capsys, typed, included):
    data_dir, _nik = failed_card
    monkeypatch.setattr("sys.stdin", Terminal(typed))
    members = _bundle(tmp_path, data_dir, "--include-card-stream")
    said = capsys.readouterr()
    assert "foto, nama dan NIK warga" in said.err
    if included:
        assert members[f"{FOLDER}/stream.bin"] == (data_dir / FOLDER / "stream.bin").read_bytes()
        assert "kirim hanya lewat jalur resmi" in said.out
    else:
        assert f"{FOLDER}/stream.bin" not in members and "tidak disertakan" in said.err
        assert f"{FOLDER}/stream-panels-zeroed.bin" in members


def test_without_a_terminal_the_real_panels_are_refused(failed_card, tmp_path, monkeypatch, capsys):
    data_dir, _nik = failed_card
    monkeypatch.setattr("sys.stdin", None)
    out = tmp_path / "b.zip"
    assert main(["--data-dir", str(data_dir), "support-bundle", "--out", str(out), "--include-card-stream"]) == 1
    assert "perlu konfirmasi di terminal" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize(("command", "start"), [
    (b"\x1bDb;k;2;" + b"\x01;\r" * 3 + b"\r", 8),
    (b"\x1bDbc;k;2;5;" + b"ab;cd" + b"\r", 11),  # three fields: the count is the data's length
    (b"\x1bDbc;k;2;0;5;" + b"ab;cd" + b"\r", 13),  # four fields: first line, then the count
    (b"\x1bSs\r", None),
])
def test_a_panel_commands_data_is_found_after_its_header(command, start):
    assert data_start(command) == start
