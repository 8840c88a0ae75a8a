"""The data folder on Windows (desktop/windows_folder.py), run here with the Windows flag forced and
Windows' tools replaced: `icacls`/`whoami` answer as on a Windows PC, `GetDriveTypeW` as for a mapped
network drive. A folder the station makes gets a protected access list (the account, SYSTEM, the
Administrators, by SID); broad groups in a folder it was given are logged; a network or OneDrive folder
is refused before anything is made there."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path, PureWindowsPath

import pytest

from desktop import windows_folder
from desktop.errors import UserFacingError
from desktop.paths import prepare_data_dir
from tests.helpers.platforms import force_platform

USER_SID = "S-1-5-21-1004336348-1177238915-682003330-1001"
INHERITED_FROM_C = "D:AI(A;OICIID;FA;;;BA)(A;OICIID;FA;;;SY)(A;OICIID;0x1200a9;;;BU)(A;ID;0x1301bf;;;AU)"
PRIVATE = f"D:PAI(A;OICI;FA;;;{USER_SID})(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"


class WindowsTools:
    """whoami and icacls as a Windows PC answers them; every command line is kept."""

    def __init__(self, sddl: str = PRIVATE) -> None:
        self.sddl = sddl
        self.calls: list[list[str]] = []

    def __call__(self, argv: list[str]) -> subprocess.CompletedProcess:
        self.calls.append(argv)
        if argv[0] == "whoami":
            out = f'"kecamatan-pc\\\\operator","{USER_SID}"\r\n'
        elif argv[:1] == ["icacls"] and "/save" in argv:
            Path(argv[-1]).write_bytes(f"{Path(argv[1]).name}\r\n{self.sddl}\r\n".encode("utf-16"))
            out = "processed file: ...\r\nSuccessfully processed 1 files; Failed processing 0 files\r\n"
        else:
            out = "Successfully processed 1 files; Failed processing 0 files\r\n"
        return subprocess.CompletedProcess(argv, 0, out, "")


@pytest.fixture
def windows(monkeypatch):
    force_platform(monkeypatch, "windows")
    tools = WindowsTools()
    monkeypatch.setattr(windows_folder, "run", tools)
    monkeypatch.setattr(windows_folder, "drive_type", lambda root: 3)  # DRIVE_FIXED
    for name in windows_folder.CLOUD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return tools


def test_a_folder_the_station_makes_is_given_to_its_account_system_and_the_administrators(windows, tmp_path):
    data = tmp_path / "KTP"
    prepare_data_dir(data)
    assert data.is_dir()
    assert windows.calls[-1] == ["icacls", str(data), "/inheritance:r", "/grant:r", f"*{USER_SID}:(OI)(CI)F",
                                 "*S-1-5-18:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F"]


def test_a_folder_it_was_given_is_left_as_it_is_and_broad_groups_are_logged(windows, tmp_path, caplog):
    windows.sddl = INHERITED_FROM_C
    with caplog.at_level(logging.WARNING, "ktp.paths"):
        prepare_data_dir(tmp_path)
    assert not [call for call in windows.calls if "/grant:r" in call]
    assert [r.getMessage() for r in caplog.records] == [
        f"data folder {tmp_path} can be read by Users, Authenticated Users: give it to this account, SYSTEM and "
        "the Administrators only (docs/installers.md)"]


def test_a_private_folder_it_was_given_says_nothing(windows, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, "ktp.paths"):
        prepare_data_dir(tmp_path)
    assert caplog.records == []


def test_windows_not_answering_leaves_the_station_opening(windows, tmp_path, monkeypatch, caplog):
    def missing(argv):
        raise FileNotFoundError(2, "The system cannot find the file specified", argv[0])

    monkeypatch.setattr(windows_folder, "run", missing)
    with caplog.at_level(logging.WARNING, "ktp.paths"):
        assert prepare_data_dir(tmp_path / "new") == tmp_path / "new"
    assert "could not read or set the access list" in caplog.text


def test_a_onedrive_folder_is_refused_before_anything_is_made_there(windows, tmp_path, monkeypatch):
    synced = tmp_path / "OneDrive - Pemkab Tangerang"
    monkeypatch.setenv("OneDriveCommercial", str(synced))
    with pytest.raises(UserFacingError, match="disinkronkan oleh OneDrive"):
        prepare_data_dir(synced / "KTP")
    assert not synced.exists() and windows.calls == []


@pytest.mark.parametrize(("path", "refused"), [
    (r"\\server\share\KTP", "folder jaringan"),
    ("//server/share/KTP", "folder jaringan"),
    (r"Z:\KTP", "drive jaringan Z:"),
    (r"C:\Users\Siti Rahayu\OneDrive\KTP", "OneDrive"),
    (r"C:\Users\Ñoño Situmorang\OneDrive - Disdukcapil\KTP", "OneDrive"),
    (r"D:\Data\KTP", None),
    (r"C:\Users\Ñoño Situmorang\AppData\Local\Disdukcapil\KTP-el Mandiri", None),
    (r"C:\OneDriveBackup\KTP", None),
])
def test_network_and_synced_folders(monkeypatch, path, refused):
    monkeypatch.setattr(windows_folder, "drive_type", lambda root: windows_folder.DRIVE_REMOTE if root == "Z:\\" else 3)
    problem = windows_folder.remote_or_synced(PureWindowsPath(path), environ={})
    assert (problem is None) if refused is None else (refused in problem)


def test_a_folder_under_the_onedrive_variable_is_refused_whatever_its_name(monkeypatch):
    monkeypatch.setattr(windows_folder, "drive_type", lambda root: 3)
    environ = {"OneDrive": r"C:\Users\budi\Dokumen Kantor"}
    assert "OneDrive" in windows_folder.remote_or_synced(PureWindowsPath(r"c:\users\BUDI\dokumen kantor\ktp"), environ)


@pytest.mark.parametrize(("sddl", "broad"), [
    (PRIVATE, []),
    (INHERITED_FROM_C, ["Users", "Authenticated Users"]),
    ("O:BAD:P(A;OICI;FA;;;WD)(D;;FA;;;BU)", ["Everyone"]),  # a deny entry lets nobody in
    ("D:(A;;FA;;;S-1-5-21-1-2-3-513)S:(AU;SA;FA;;;BU)", ["Domain Users"]),  # the audit list grants nothing
])
def test_broad_groups_are_read_from_the_access_list(sddl, broad):
    assert windows_folder.broad_access(sddl) == broad
