"""Supervisor > "Cadangkan ke flash disk…" and "Buat paket dukungan…" (issue 21): the CLI's backup and support
bundle from the GUI, to a chosen folder, made off the GUI thread, 0600, audited with who made them; an operator
sees neither; a folder that cannot be written is said in one sentence."""

from __future__ import annotations

import sqlite3
import stat
import zipfile
from pathlib import Path

from desktop.devices.registry import open_printer
from desktop.services.issuance import PrintRequest
from desktop.store.models import AuditLog, IssuedCard, User
from desktop.ui.pages.supervisor.copies import CopyDialog
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.fixtures import add_resident


def run_action(qtbot, window, action: str, name: str, folder: Path | str, card_stream: bool = False) -> CopyDialog:
    window.menus.actions[action].trigger()
    qtbot.waitUntil(lambda: window.findChild(CopyDialog, name) is not None, timeout=WAIT_MS)
    dialog = window.findChild(CopyDialog, name)
    dialog.folder.setText(str(folder))
    if card_stream:
        dialog.card_stream.setChecked(True)
    dialog.make.click()
    qtbot.waitUntil(lambda: dialog.make.isEnabled() and dialog.status.text() != "", timeout=WAIT_MS)
    return dialog


def last_audit() -> AuditLog:
    return AuditLog.select().order_by(AuditLog.seq.desc()).first()


def test_a_supervisor_backs_up_the_database_and_makes_the_support_bundle(qtbot, station_with_sim, sim_uri, tmp_path):
    st = station_with_sim
    nik = add_resident(serial=1, name="SITI RAHMAWATI")
    with open_printer(sim_uri) as printer:
        st.services.issuance.print_card(st.operator, PrintRequest(nik, "baru", frozenset({"kk"})), printer)
    flash = tmp_path / "flashdisk"
    flash.mkdir()
    window = open_window(qtbot, st)
    log_in(qtbot, window, "supervisor", "supervisor123")

    dialog = run_action(qtbot, window, "backup", "backupDialog", flash)
    [copy] = flash.glob("ktp-mandiri-cadangan-*.sqlite3")
    assert dialog.status.text().startswith(f"Cadangan database dibuat dan sudah diperiksa: {copy} (")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute(f"SELECT nik FROM {IssuedCard._meta.table_name}").fetchall() == [(nik,)]
    assert IssuedCard.select().count() == 1
    entry = last_audit()
    assert (entry.action, entry.username) == ("station.backup_taken", "supervisor")
    assert str(copy) in entry.details
    dialog.close()

    dialog = run_action(qtbot, window, "support_bundle", "supportBundleDialog", flash)
    [bundle] = flash.glob("ktp-mandiri-dukungan-*.zip")
    assert dialog.status.text().startswith(f"Paket dukungan dibuat: {bundle} (")
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    with zipfile.ZipFile(bundle) as zipped:
        names = set(zipped.namelist())
        assert {"version.json", "printers.json", "audit-verify.json"} <= names
        text = b"".join(zipped.read(name) for name in names)
    assert sim_uri.encode() in zipped_printers(bundle)
    hashes = [row[0] for row in st.services.db.execute_sql(f"SELECT password_hash FROM {User._meta.table_name}")]
    assert hashes and not any(h.encode() in text for h in hashes)
    assert nik.encode() not in text and b"SITI RAHMAWATI" not in text
    entry = last_audit()
    assert (entry.action, entry.username) == ("station.support_bundle_made", "supervisor")
    dialog.close()


def zipped_printers(bundle: Path) -> bytes:
    with zipfile.ZipFile(bundle) as zipped:
        return zipped.read("printers.json")


def test_a_folder_that_cannot_be_written_is_said_and_nothing_is_audited(qtbot, station_with_sim, expect_log):
    expect_log("storage fault")
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window, "admin", "admin12345")
    before = last_audit().seq
    for action, name in (("backup", "backupDialog"), ("support_bundle", "supportBundleDialog")):
        dialog = run_action(qtbot, window, action, name, "/sys")  # not writable, not even by root
        assert dialog.status.text().startswith("Folder /sys tidak dapat ditulis (")
        assert dialog.status.text().endswith("pilih folder lain, mis. flash disk yang tidak terkunci.")
        dialog.close()
    assert last_audit().seq == before


def test_an_operator_sees_neither(qtbot, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    assert not window.menus.actions["backup"].isEnabled()
    assert not window.menus.actions["support_bundle"].isEnabled()


def test_the_failed_cards_real_panels_go_in_only_after_the_supervisor_confirms(qtbot, station_with_sim, tmp_path):
    import json

    from desktop.devices.base import Fault, PrinterError
    from desktop.services import failed_card
    from tests.helpers.dialogs import answer_dialog

    panel = bytes(range(1, 200)) * 4  # stands for the citizen's pixels
    error = PrinterError(Fault.JAM, "jam at Se", card_consumed=True)
    error.card_stream = [("Ss", b"\x1bSs\r"), ("k", b"\x1bDb;k;2;" + panel + b"\r"), ("Se", b"\x1bSe\r")]
    failed_card.keep(station_with_sim.services.data_dir, "0123456789", error, station_with_sim.clock.now_utc())
    flash = tmp_path / "flashdisk"
    flash.mkdir()
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window, "supervisor", "supervisor123")

    asked: list[str] = []
    answer_dialog("cardStreamConfirm", "Batal", asked)  # the supervisor changes their mind: nothing is made
    dialog = run_action(qtbot, window, "support_bundle", "supportBundleDialog", flash, card_stream=True)
    assert dialog.status.text() == "Paket dukungan tidak dibuat." and not list(flash.iterdir())
    assert "foto, nama dan NIK warga" in asked[0] and asked[0].endswith("Sertakan | Batal")
    dialog.close()
    qtbot.waitUntil(lambda: window.findChild(CopyDialog, "supportBundleDialog") is None, timeout=WAIT_MS)

    answer_dialog("cardStreamConfirm", "Sertakan", asked)
    dialog = run_action(qtbot, window, "support_bundle", "supportBundleDialog", flash, card_stream=True)
    [bundle] = flash.glob("ktp-mandiri-dukungan-*.zip")
    with zipfile.ZipFile(bundle) as zipped:
        assert panel in zipped.read("failed-card/stream.bin")
        assert panel not in zipped.read("failed-card/stream-panels-zeroed.bin")
    entry = last_audit()
    assert entry.action == "station.support_bundle_made" and json.loads(entry.details)["card_stream"] is True
    dialog.close()
