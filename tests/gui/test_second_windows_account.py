"""Windows: a second Windows account on the same PC is told which account holds the station and makes
no second station without an administrator's explicit choice (desktop/station_account.py). The Windows
branch runs here with the platform flag forced and `whoami`/`icacls` answered as Windows answers them."""

from __future__ import annotations

import subprocess

import pytest
from argon2 import PasswordHasher

from desktop import station_account, windows_folder
from desktop.app import main
from desktop.clock import FixedClock
from desktop.composition import build_services
from desktop.errors import UserFacingError
from desktop.store.models import User
from desktop.ui.main_window import MainWindow
from desktop.ui.operations.session import set_up_station
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.platforms import force_platform

FIRST = station_account.Account("PC-PAMULANG\\operator", "S-1-5-21-1111-2222-3333-1001")
SECOND = station_account.Account("PC-PAMULANG\\operator2", "S-1-5-21-1111-2222-3333-1002")
FORM = {"username": "kasi.pelayanan", "full_name": "Kasi Pelayanan", "password": "rahasia-kuat",
        "kecamatan": "36.74.06", "served": []}


class WindowsAccounts:
    """`whoami /user` answered for the account signed in (`as_account`); `icacls` calls recorded."""

    def __init__(self, monkeypatch, tmp_path) -> None:
        self.account = FIRST
        self.icacls: list[list[str]] = []
        monkeypatch.setenv("ProgramData", str(tmp_path / "ProgramData"))
        monkeypatch.setattr(windows_folder, "run", self.run)

    def run(self, argv: list[str]) -> subprocess.CompletedProcess:
        if argv[0] == "whoami":
            return subprocess.CompletedProcess(argv, 0, f'"{self.account.name.lower()}","{self.account.sid}"\r\n', "")
        assert argv[0] == "icacls", argv
        self.icacls.append(argv)
        return subprocess.CompletedProcess(argv, 0, "processed 1 files", "")


@pytest.fixture
def accounts(monkeypatch, tmp_path) -> WindowsAccounts:
    return WindowsAccounts(monkeypatch, tmp_path)


def fresh_services(folder, monkeypatch):
    """One account's station services (one open at a time: the store is one database), made on the Linux
    branch (the data folder's drive check calls into kernel32); the code after runs Windows' branches."""
    force_platform(monkeypatch, "linux")
    services = build_services(folder, clock=FixedClock(OFFICE_MORNING),
                              hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    force_platform(monkeypatch, "windows")
    return services


def first_station(tmp_path, monkeypatch) -> None:
    """The first account makes the PC's station."""
    services = fresh_services(tmp_path / "operator", monkeypatch)
    set_up(services)
    services.close()


def set_up(services, form=FORM):
    op = set_up_station(services, form)
    return op.work()


def test_the_first_station_names_its_account_in_a_marker_read_only_to_users(accounts, tmp_path, monkeypatch):
    services = fresh_services(tmp_path / "operator", monkeypatch)
    set_up(services)
    marker = station_account.marker_path()
    holder = station_account.read_holder(marker)
    assert holder == station_account.Holder(station_account.Account(FIRST.name.lower(), FIRST.sid),
                                            str(tmp_path / "operator"), "Kecamatan Pamulang")
    assert accounts.icacls == [["icacls", str(marker.parent), "/inheritance:r", "/grant:r", "*S-1-5-18:(OI)(CI)F",
                                "*S-1-5-32-544:(OI)(CI)F", "*S-1-5-32-545:(OI)(CI)RX"]]
    services.close()


def test_on_linux_no_marker_is_written(accounts, tmp_path, monkeypatch):
    services = fresh_services(tmp_path / "operator", monkeypatch)
    force_platform(monkeypatch, "linux")
    set_up(services)
    assert not station_account.marker_path().exists()
    services.close()


def test_a_second_account_is_told_which_account_holds_the_station_and_offered_nothing(
        accounts, qtbot, tmp_path, monkeypatch):
    first_station(tmp_path, monkeypatch)
    accounts.account = SECOND
    second = fresh_services(tmp_path / "operator2", monkeypatch)
    window = MainWindow(second, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitUntil(lambda: window.first_run_page is not None
                    and window.stack.currentWidget() is window.first_run_page, timeout=10000)
    page = window.first_run_page
    assert page.error.isVisible()
    assert page.error.text().startswith(
        "Stasiun cetak PC ini sudah ada di akun Windows pc-pamulang\\operator (stasiun Kecamatan Pamulang, "
        f"folder data {tmp_path / 'operator'}). Keluar, lalu masuk ke Windows dengan akun itu untuk bekerja.")
    assert "'ktp-mandiri station-account allow \"pc-pamulang\\operator2\"'" in page.error.text()
    assert not page.submit.isEnabled() and not page.enrol.isEnabled()
    window.shutdown()

    # Nor can the station be made behind the page (the operation, the command line's enrol).
    with pytest.raises(UserFacingError) as refused:
        set_up(second)
    assert refused.value.code == "station_elsewhere"
    assert User.select().count() == 0 and second.stations.current() is None
    with pytest.raises(UserFacingError) as refused:
        second.sync.enrol_and_sync("https://127.0.0.1:9", "KODE-123", first=True)
    assert refused.value.code == "station_elsewhere"
    second.close()


def test_an_administrators_choice_lets_the_second_account_make_its_own_station(accounts, tmp_path, monkeypatch):
    first_station(tmp_path, monkeypatch)
    accounts.account = SECOND
    second = fresh_services(tmp_path / "operator2", monkeypatch)
    holder = station_account.allow("PC-PAMULANG\\Operator2")  # Windows account names ignore case
    assert holder.allowed == ("PC-PAMULANG\\Operator2",)
    assert station_account.held_elsewhere() is None
    set_up(second)
    assert second.stations.current() is not None
    # The marker still names the account that made the PC's first station.
    assert station_account.read_holder(station_account.marker_path()).account.sid == FIRST.sid
    second.close()


def test_only_an_administrator_can_allow_a_second_station(accounts, tmp_path, monkeypatch):
    first_station(tmp_path, monkeypatch)

    def denied(source, target):  # the marker's folder grants Users read only
        raise PermissionError(13, "Access is denied", str(target))

    monkeypatch.setattr(station_account.os, "replace", denied)
    with pytest.raises(UserFacingError, match="Hanya Administrator yang dapat mengizinkan stasiun kedua"):
        station_account.allow("PC-PAMULANG\\operator2")
    accounts.account = SECOND
    assert station_account.held_elsewhere() is not None


@pytest.mark.parametrize("content", [b"\xff\xfe not json", b'{"account": "x"}', b'{"account": ["x"], "sid": 1}',
                                     b"[" * 100_000])
def test_a_marker_the_station_did_not_write_is_named_never_guessed(accounts, tmp_path, monkeypatch, content,
                                                                   expect_log):
    expect_log("is not readable")
    services = fresh_services(tmp_path / "operator2", monkeypatch)
    marker = station_account.marker_path()
    marker.parent.mkdir(parents=True)
    marker.write_bytes(content)
    with pytest.raises(UserFacingError) as refused:
        set_up(services)
    assert refused.value.code == "station_marker" and str(marker) in str(refused.value)
    assert User.select().count() == 0
    services.close()


def test_the_command_line_shows_the_holder_and_records_the_choice(accounts, tmp_path, monkeypatch, capsys):
    first_station(tmp_path, monkeypatch)
    assert main(["station-account", "allow", "PC-PAMULANG\\operator2"]) == 0
    assert main(["station-account", "show"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-4:] == ["Akun Windows: pc-pamulang\\operator", "Stasiun: Kecamatan Pamulang",
                        f"Folder data: {tmp_path / 'operator'}",
                        "Diizinkan admin membuat stasiun sendiri: PC-PAMULANG\\operator2"]


def test_the_station_is_made_when_the_marker_cannot_be_written(accounts, tmp_path, monkeypatch, expect_log):
    expect_log("could not write the station marker")
    services = fresh_services(tmp_path / "operator", monkeypatch)

    def failing(argv):
        raise subprocess.CalledProcessError(5, argv)

    monkeypatch.setattr(windows_folder, "run", failing)  # whoami cannot answer
    set_up(services)
    assert services.stations.current() is not None
    services.close()


def test_on_linux_the_command_says_it_is_for_windows(monkeypatch, capsys):
    force_platform(monkeypatch, "linux")
    assert main(["station-account", "show"]) == 1
    assert capsys.readouterr().err == ("ktp-mandiri: Perintah ini untuk Windows; di Linux stasiun sudah milik satu "
                                       "akun (folder data 0700).\n")
