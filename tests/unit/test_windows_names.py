"""Windows names beyond ASCII: an account named "Dédé Śaputra" (its data folder under C:\\Users\\Dédé
Śaputra) and print queues named in Indonesian, with accents, or shared from a print server
(\\\\PRINTSRV\\...). They go through the code that builds the data folder's checks and access list,
the PC's station marker, the `spooler://` URIs and the printer's name, and come out the same."""

from __future__ import annotations

import subprocess
from pathlib import Path, PureWindowsPath

import pytest

from desktop import paths, station_account, windows_folder
from desktop.devices.qt_spooler import QtSpoolerPrinter
from desktop.devices.registry import make_printer
from desktop.devices.spooler import spooler_uri
from desktop.ui.printer_controller import printer_label, printer_name
from tests.helpers.platforms import force_platform

USER = "Dédé Śaputra"
PROFILE = PureWindowsPath("C:\\Users") / USER
DATA_DIR = PROFILE / "AppData" / "Local" / paths.APP_AUTHOR / paths.APP_NAME
SID = "S-1-5-21-1004336348-1177238915-682003330-1001"

QUEUE_NAMES = [
    "Fargo HDP5000 (Loket Dédé)",
    "\\\\PRINTSRV\\Evolis Primacy Śaputra #2",  # a printer shared from a print server
    "Kartu? 50% / loket & arsip",  # URI delimiters in a queue name
    "Printer kartu – ruang pelayanan",  # an en dash, as Windows' own names have
    "打印机 ZC300",
]


def test_the_data_folder_of_an_account_with_accents_is_local_and_given_to_it_whole(monkeypatch):
    monkeypatch.setattr(windows_folder, "drive_type", lambda root: 3)  # DRIVE_FIXED
    assert str(DATA_DIR) == "C:\\Users\\Dédé Śaputra\\AppData\\Local\\Disdukcapil\\KTP-el Mandiri"
    assert windows_folder.remote_or_synced(DATA_DIR, environ={}) is None
    onedrive = {"OneDrive": str(PROFILE / "OneDrive - Pemkab Tangerang")}
    refused = windows_folder.remote_or_synced(PROFILE / "OneDrive - Pemkab Tangerang" / "KTP", onedrive)
    assert "C:\\Users\\Dédé Śaputra\\OneDrive - Pemkab Tangerang\\KTP" in refused
    # The folder reaches icacls as one argument, the accents as they are (subprocess passes UTF-16 on).
    assert windows_folder.protect_command(DATA_DIR, SID)[:2] == ["icacls", str(DATA_DIR)]


def test_the_station_marker_keeps_the_accounts_and_folders_names(monkeypatch, tmp_path):
    force_platform(monkeypatch, "windows")
    monkeypatch.setenv("ProgramData", str(tmp_path / "ProgramData"))
    whoami = f'"pc-kecamatan\\{USER.lower()}","{SID}"\r\n'
    monkeypatch.setattr(windows_folder, "run",
                        lambda argv: subprocess.CompletedProcess(argv, 0, whoami if argv[0] == "whoami" else "", ""))
    station_account.claim(Path(str(DATA_DIR)), "Kecamatan Cipondoh")
    marker = station_account.marker_path()
    assert "dédé śaputra".encode() in marker.read_bytes()  # UTF-8, whatever the ANSI code page
    holder = station_account.read_holder(marker)
    assert holder.account == station_account.Account("pc-kecamatan\\dédé śaputra", SID)
    assert holder.data_dir == str(DATA_DIR)
    other = '"pc-kecamatan\\Ñoño","S-1-5-21-1004336348-1177238915-682003330-1002"\r\n'
    monkeypatch.setattr(windows_folder, "run", lambda argv: subprocess.CompletedProcess(argv, 0, other, ""))
    told = station_account.held_elsewhere()
    assert "akun Windows pc-kecamatan\\dédé śaputra" in told and str(DATA_DIR) in told
    assert station_account.allow("pc-kecamatan\\ÑOÑO").allows(station_account.Account("pc-kecamatan\\Ñoño", "S-1"))


@pytest.mark.parametrize("name", QUEUE_NAMES)
def test_a_queue_name_makes_an_ascii_uri_that_gives_the_same_queue_back(monkeypatch, name):
    force_platform(monkeypatch, "windows")
    uri = spooler_uri(name)
    assert uri.isascii() and uri.startswith("spooler://") and "?" not in uri and "#" not in uri
    printer = make_printer(uri)
    assert isinstance(printer, QtSpoolerPrinter) and printer.name == name and printer.uri == uri
    assert printer_name(uri) == name  # what the operator reads
    with_options = make_printer(f"{uri}?bleed=1&duplex=1")
    assert with_options.name == name and with_options.bleed_mm == 1.0 and with_options.duplex
    assert printer_label(f"{uri}?bleed=1") == uri  # the options are not part of the printer's identity


def test_a_card_file_under_an_accented_profile_is_found_from_its_uri():
    printer = make_printer("file:///C:/Users/D%C3%A9d%C3%A9%20%C5%9Aaputra/kartu.bin")
    assert str(printer.path) == "C:/Users/Dédé Śaputra/kartu.bin"
