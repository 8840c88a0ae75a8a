"""`ktp-mandiri printer-probe` against simulated printers, and `ktp-mandiri support-bundle`."""

from __future__ import annotations

import json
import uuid
import zipfile

import numpy as np
import pytest

from desktop.app import main
from desktop.devices import usb as usb_driver
from desktop.devices.probe import PROBE_READS
from desktop.devices.simulator import forget_simulators, get_simulator
from desktop.store.models import Blanko, BlankoMovement
from tests.helpers.fixtures import make_station


@pytest.fixture(autouse=True)
def _no_real_usb(monkeypatch, qapp):
    monkeypatch.setattr(usb_driver, "default_backend", lambda: None)
    yield
    forget_simulators()


def probe(tmp_path, uri: str, *extra: str, data_dir=None) -> tuple[int, dict]:
    out = tmp_path / "probe.json"
    code = main(["--data-dir", str(data_dir or tmp_path / "data"), "printer-probe", uri, "--out", str(out), *extra])
    return code, (json.loads(out.read_text()) if out.exists() else {})


def test_the_probe_records_every_read_in_both_modes_and_restores_the_mode(tmp_path, capsys):
    name = f"p{uuid.uuid4().hex[:6]}"
    sim = get_simulator(name, model="dualys", framing="nul")
    sim.start_recording()
    code, report = probe(tmp_path, f"sim://{name}")
    assert code == 0
    steps = report["steps"]
    assert steps[0]["command"] == "Rem" and steps[0]["phase"] == "before"  # the mode is read first
    assert [s["command"] for s in steps if s["phase"] == "ack"][0] == "Pem;4"
    for phase in ("before", "ack"):
        asked = {s["command"] for s in steps if s["phase"] == phase}
        assert {";".join(read) for read in PROBE_READS} <= asked
    assert steps[-1]["phase"] == "restore" and steps[-1]["command"] == "Pem;0" and report["restored"]
    assert not sim.ack_mode  # back in the mode it was found in
    rtp = next(s for s in steps if s["command"] == "Rtp" and s["phase"] == "ack")
    assert bytes.fromhex(rtp["sent_hex"]) == b"\x1bRtp\r"
    assert bytes.fromhex(rtp["reply_hex"]) == b"Evolis Dualys (simulated)\x00"
    assert rtp["framing"] == "NUL" and rtp["seconds"] >= 0
    conclusion = report["conclusion"]
    assert (conclusion["model"], conclusion["family"], conclusion["framing"]) == (
        "Evolis Dualys (simulated)", "dualys", ["NUL"])
    assert conclusion["refused"]["Rse;o"] == "nack 1"  # Quantum and Kiosk only
    assert conclusion["table_says_has_but_refused"] == []
    assert report["checklist"] and report["usb"]["serial"] == sim.serial
    assert b"\x1bSs\r" not in bytes(sim.recording)  # reads only: nothing moved
    assert "dualys" in capsys.readouterr().out


def test_an_ack_before_each_value_is_seen(tmp_path):
    name = f"p{uuid.uuid4().hex[:6]}"
    get_simulator(name, model="quantum", framing="crlf", ack_value=True)
    _, report = probe(tmp_path, f"sim://{name}")
    assert report["conclusion"]["framing"] == ["ACK+CRLF", "CRLF"]  # values in ACK mode, and before it
    assert "Rse;p" in report["conclusion"]["answered"]


def test_a_saved_profile_overrides_the_table_for_that_printer(tmp_path):
    name = f"p{uuid.uuid4().hex[:6]}"
    sim = get_simulator(name, model="zenius")
    assert probe(tmp_path, f"sim://{name}", "--save-profile")[0] == 1  # no station folder to keep it in
    station = make_station(tmp_path)
    data_dir = station.services.data_dir
    station.services.close()
    code, report = probe(tmp_path, f"sim://{name}", "--test-card", "--compress", "dbc4", "--save-profile",
                         "--confirm", "Rlr;p", data_dir=data_dir)
    assert code == 0 and [c["result"] for c in report["test_cards"]] == ["tercetak", "tercetak"]
    [path] = (data_dir / "printer-profiles").glob("*.json")
    saved = json.loads(path.read_text())
    assert (saved["family"], saved["compression"], saved["confirmed"]) == ("zenius", "dbc4", ["Rlr;p"])
    from desktop.devices.registry import open_printer
    from tests.helpers.usb_fake import card_job

    sim.commands.clear()
    with open_printer(f"sim://{name}", profile_dir=data_dir / "printer-profiles") as printer:
        printer.print_card(card_job())
    assert "Dbc" in sim.commands and "Db" not in sim.commands
    assert "Rtp" not in sim.commands  # the profile said which model it is


def test_the_test_cards_settle_the_orientation_and_show_colour(tmp_path):
    name = f"p{uuid.uuid4().hex[:6]}"
    sim = get_simulator(name, model="dualys")
    code, report = probe(tmp_path, f"sim://{name}", "--test-card")
    assert code == 0 and sim.cards_printed == 2
    first, second = (card["front"] for card in list(sim.printed)[-2:])
    dark = first.max(axis=2) < 60
    assert dark[40:200, 40:200].mean() > 0.2  # the arrow, top left
    assert dark[45:95, 215:450].any()  # KIRI ATAS beside it
    assert not dark[480:600, 20:200].any() and not dark[40:200, 820:990].any()  # the other corners are empty
    assert dark[565:600, 780:985].any()  # KANAN BAWAH, bottom right
    assert (np.abs(first.astype(int) - first.mean(axis=2, keepdims=True)) < 3).all()  # black and white only
    colourful = np.ptp(second.astype(int), axis=2) > 100
    assert colourful.mean() > 0.1


def test_test_cards_on_blanko_are_booked_as_spoiled_by_a_supervisor(tmp_path, monkeypatch):
    station = make_station(tmp_path)
    data_dir = station.services.data_dir
    station.services.close()
    name = f"p{uuid.uuid4().hex[:6]}"
    get_simulator(name, model="dualys")
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "operator123")
    code, _ = probe(tmp_path, f"sim://{name}", "--test-card", "--on-blanko", "--user", "operator",
                    data_dir=data_dir)
    assert code == 1  # an operator may not write blanko off
    monkeypatch.setenv("KTP_MANDIRI_PASSWORD", "supervisor123")
    code, report = probe(tmp_path, f"sim://{name}", "--test-card", "--on-blanko", "--user", "supervisor",
                         data_dir=data_dir)
    assert code == 0
    assert [c["blanko"] for c in report["test_cards"]] == ["BLK-0000001", "BLK-0000002"]
    from desktop.composition import build_services

    services = build_services(data_dir)
    try:
        spoiled = BlankoMovement.select().where(BlankoMovement.kind == "spoil")
        assert {(m.blanko.serial, m.reason) for m in spoiled} == {("BLK-0000001", "test_print"),
                                                                  ("BLK-0000002", "test_print")}
        assert Blanko.select().where(Blanko.state == "spoiled").count() == 2
        from desktop.services.audit_verify import verify_chain

        assert verify_chain(services.db).ok  # the chain explains both write-offs
    finally:
        services.close()


def test_the_probe_refuses_what_it_cannot_probe(tmp_path, capsys):
    assert main(["printer-probe", f"file://{tmp_path}/x.bin", "--out", str(tmp_path / "p.json")]) == 1
    assert "usb://" in capsys.readouterr().err
    assert main(["printer-probe", "sim://x", "--out", str(tmp_path / "p.json"), "--on-blanko"]) == 1
    assert "--user" in capsys.readouterr().err


def test_the_support_bundle_has_what_a_helper_needs_and_no_nik_or_name(tmp_path, capsys):
    station = make_station(tmp_path, printers=["sim://bundle-a"])
    data_dir = station.services.data_dir
    station.services.close()
    logs = data_dir / "logs"
    logs.mkdir(exist_ok=True)
    (logs / "ktp-mandiri.log").write_text(
        "2026-11-23 08:00:01,000 INFO ktp.issuance MainThread: print job 12 for 3674064508900001 done\n"
        "2026-11-23 08:00:02,000 DEBUG ktp.residents MainThread: resident SITI RAHMAWATI loaded\n"
        "  and a continuation line of that debug record\n"
        "2026-11-23 08:00:03,000 WARNING ktp.devices MainThread: printer answered Db;m with NACK T\n",
        encoding="utf-8")
    get_simulator("bundle-p", model="dualys")
    probe(tmp_path, "sim://bundle-p", data_dir=data_dir)
    out = tmp_path / "bundle.zip"
    assert main(["--data-dir", str(data_dir), "support-bundle", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        assert {"version.json", "printers.json", "audit-verify.json", "logs/ktp-mandiri.log"} <= set(names)
        assert any(n.startswith("printer-probes/") for n in names)
        log_text = bundle.read("logs/ktp-mandiri.log").decode()
        assert "3674064508900001" not in log_text and "[NIK]" in log_text
        assert "RAHMAWATI" not in log_text and "continuation" not in log_text
        assert "NACK T" in log_text
        assert json.loads(bundle.read("printers.json"))["printers"] == ["sim://bundle-a"]
        assert json.loads(bundle.read("audit-verify.json"))["ok"] is True
        assert json.loads(bundle.read("version.json"))["version"]
        everything = b"".join(bundle.read(n) for n in names)
    assert b"RAHMAWATI" not in everything and b"3674064508900001" not in everything


def test_a_broken_profile_is_one_sentence_and_the_printer_is_given_back(tmp_path):
    from desktop.devices.evolis_models import profile_key
    from desktop.devices.registry import make_printer
    from desktop.errors import UserFacingError

    name = f"p{uuid.uuid4().hex[:6]}"
    sim = get_simulator(name, model="dualys")
    profiles = tmp_path / "printer-profiles"
    profiles.mkdir()
    (profiles / f"{profile_key(sim.VENDOR_ID, sim.PRODUCT_ID, sim.serial)}.json").write_text('{"version": 7}')
    printer = make_printer(f"sim://{name}", profile_dir=profiles)
    with pytest.raises(UserFacingError) as caught:
        printer.open()
    assert caught.value.code == "printer_profile" and "printer-probe" in str(caught.value)
    assert sim.kernel_driver_active  # given back to the kernel
