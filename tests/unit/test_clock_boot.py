"""The clock (issue 19): a refused action records nothing at the wrong time, the watermark moves only with an
accepted event, a supervisor confirms the time from the command line, and within one boot the date may not
move forward more than the boot clock (CLOCK_BOOTTIME, GetTickCount64 on Windows) says really passed."""

from __future__ import annotations

import pytest

from desktop.boottime import BootReading, LinuxBootClock, NoBootClock, WindowsBootClock, boot_clock_for
from desktop.clock import Clock, FixedClock
from desktop.errors import UserFacingError
from desktop.services.clock_confirm import confirm_clock
from desktop.services.clock_guard import clock_problem
from desktop.settings import CLOCK_WATERMARK
from desktop.store.models import AuditLog
from tests.helpers.fixtures import OFFICE_MORNING, make_station
from tests.helpers.platforms import force_platform
from tests.helpers.processes import cli_env, run_cli
from tests.unit.test_clock_guard import _print, printer  # noqa: F401 - a fixture

IN_BOOT = "Tanggal komputer maju"
GAP = "lebih dari sehari sesudah kegiatan terakhir"


@pytest.fixture
def booted(tmp_path):
    """A station whose clock also has a boot clock, 1 hour after the computer started."""
    st = make_station(tmp_path)
    st.clock.boot = BootReading("boot-1", 3600.0)
    st.services.auth.login("operator", "operator123")  # the boot's first accepted event
    yield st
    st.services.close()


def _watermark() -> str:
    return CLOCK_WATERMARK.get().isoformat()


def test_stepping_the_date_on_within_one_boot_is_refused_even_under_a_day(booted, printer):  # noqa: F811
    _print(booted, printer, 1)
    booted.clock.set_date(hours=10)  # someone sets the date on: the boot clock did not move
    with pytest.raises(UserFacingError, match=IN_BOOT) as refused:
        _print(booted, printer, 2)
    assert "maju 10 jam 0 menit" in str(refused.value) and "baru berjalan 0 menit" in str(refused.value)
    booted.clock.advance(hours=1)
    booted.clock.set_date(hours=10)  # and on again, each step under a day: the boot's anchor stays
    assert "maju 21 jam 0 menit" in clock_problem(booted.clock) and "baru berjalan 1 jam 0 menit" in \
        clock_problem(booted.clock)
    booted.clock.set_date(hours=-20)  # back to the real time (an hour after the first print)
    _print(booted, printer, 2)


def test_time_that_really_passed_within_the_boot_is_fine(booted, printer):  # noqa: F811
    _print(booted, printer, 1)
    booted.clock.advance(hours=20)  # a long day, the computer left on
    _print(booted, printer, 2)
    booted.clock.advance(seconds=30)
    booted.clock.set_date(minutes=1)  # a time server's nudge
    _print(booted, printer, 3)


def test_a_refused_print_at_a_wrong_time_leaves_nothing_that_blocks_the_right_time(booted, printer):  # noqa: F811
    _print(booted, printer, 1)
    before = _watermark()
    booted.clock.set_date(days=2)
    booted.services.auth.login("operator", "operator123")  # recorded as it happened ...
    with pytest.raises(UserFacingError, match=GAP):
        _print(booted, printer, 2)
    assert AuditLog.select().order_by(AuditLog.seq.desc()).first().action == "login"
    assert _watermark() == before  # ... but it moves nothing
    booted.clock.set_date(days=-2)
    assert clock_problem(booted.clock) is None
    _print(booted, printer, 2)


def test_a_new_boot_keeps_the_one_day_rule(booted, printer):  # noqa: F811
    _print(booted, printer, 1)
    booted.clock.boot = BootReading("boot-2", 60.0)  # restarted: the boot clock starts again
    booted.clock.set_date(hours=20)  # the computer was off for the night
    _print(booted, printer, 2)
    booted.clock.boot = BootReading("boot-3", 60.0)
    booted.clock.set_date(days=3)  # a long weekend: a supervisor confirms
    assert GAP in clock_problem(booted.clock)
    confirm_clock(booted.services.db, booted.clock, booted.supervisor)
    _print(booted, printer, 3)


def test_a_supervisor_confirms_a_forward_correction_within_the_boot(booted, printer):  # noqa: F811
    booted.clock.set_date(hours=3)  # e.g. the clock was three hours behind and is corrected
    assert IN_BOOT in clock_problem(booted.clock)
    confirm_clock(booted.services.db, booted.clock, booted.supervisor)
    assert clock_problem(booted.clock) is None
    _print(booted, printer, 1)


class FakeKernel32:
    """What ctypes gives for kernel32 on Windows: GetTickCount64 in milliseconds since boot."""

    def __init__(self, milliseconds: int) -> None:
        self.milliseconds = milliseconds

    def GetTickCount64(self) -> int:
        return self.milliseconds


def test_the_windows_boot_clock_reads_get_tick_count_64_and_the_boot_counter(booted, printer,  # noqa: F811
                                                                                  monkeypatch):
    kernel32 = FakeKernel32(7_200_000)
    with monkeypatch.context() as patched:  # only the boot clock is Windows': the print runs on this system
        force_platform(patched, "windows")
        windows = boot_clock_for(kernel32=kernel32, boot_id=lambda: "41")
    assert isinstance(windows, WindowsBootClock)
    assert windows.read() == BootReading("41", 7200.0)
    booted.clock.boot = windows.read()  # this station on a Windows PC: a new boot, within the day
    _print(booted, printer, 1)
    kernel32.milliseconds += 60_000  # one minute on, and the date set 20 hours on
    booted.clock.boot = windows.read()
    booted.clock.set_date(hours=20, minutes=1)
    assert "maju 20 jam 1 menit" in clock_problem(booted.clock)
    kernel32.milliseconds = 5_000  # restarted (BootId 42): a new boot, the one-day rule
    with monkeypatch.context() as patched:
        force_platform(patched, "windows")
        booted.clock.boot = boot_clock_for(kernel32=kernel32, boot_id=lambda: "42").read()
    assert clock_problem(booted.clock) is None


def test_each_system_gets_its_boot_clock(monkeypatch):
    force_platform(monkeypatch, "macos")
    assert isinstance(boot_clock_for(), NoBootClock) and boot_clock_for().read() is None
    force_platform(monkeypatch, "linux")
    assert isinstance(boot_clock_for(), LinuxBootClock)
    reading = boot_clock_for().read()
    assert reading.seconds > 0 and len(reading.boot) == 36  # the kernel's boot_id
    assert Clock().now_utc().boot.boot == reading.boot
    assert BootReading("a", 10).same_boot(BootReading("a", 5)) and not BootReading("a", 4).same_boot(
        BootReading("a", 5)) and not BootReading("b", 10).same_boot(BootReading("a", 5))


def test_a_fixed_clock_without_a_boot_clock_checks_only_the_day(tmp_path):
    st = make_station(tmp_path, at=OFFICE_MORNING)
    assert isinstance(st.clock, FixedClock) and st.clock.now_utc().boot is None
    st.services.auth.login("operator", "operator123")
    st.clock.set_date(hours=23)
    assert clock_problem(st.clock) is None
    st.services.close()


# --- real processes, the date moved with libfaketime and the boot clock left real --------------------


def _faked(offset: str) -> dict[str, str]:
    from tests.helpers.leases import faketime_library

    # The boot clock must stay real: libfaketime would otherwise move it with the date.
    return cli_env(LD_PRELOAD=faketime_library(), FAKETIME=offset, FAKETIME_DONT_FAKE_MONOTONIC="1",
                   KTP_MANDIRI_PASSWORD="operator123")


@pytest.mark.slow
def test_the_command_line_under_a_moved_date(tmp_path):
    from tests.helpers.fixtures import add_resident

    st = make_station(tmp_path, blanko=5)
    niks = [add_resident(serial=n) for n in (1, 2, 3)]
    data = st.services.data_dir
    st.services.close()
    real = cli_env(KTP_MANDIRI_PASSWORD="operator123")

    def print_card(nik: str, env: dict[str, str]):
        return run_cli(data, "print", nik, "--printer", f"file://{tmp_path / 'card.bin'}", "--reason", "hilang",
                       "--documents", "all", "--letter-number", "LP/1", "--user", "operator", env=env)

    def entries() -> int:
        import sqlite3

        conn = sqlite3.connect(data / "ktp-mandiri.sqlite3")
        try:
            return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        finally:
            conn.close()

    assert print_card(niks[0], real).returncode == 0  # the first event of this boot at the real time
    # Two days on: refused, and nothing recorded (the log-in comes after the clock check).
    count = entries()
    two_days = print_card(niks[1], _faked("+2d"))
    assert two_days.returncode == 1 and GAP in two_days.stderr and entries() == count
    # Twenty hours on within this boot: refused by the boot clock.
    twenty_hours = print_card(niks[1], _faked("+20h"))
    assert twenty_hours.returncode == 1 and IN_BOOT in twenty_hours.stderr and entries() == count
    status = run_cli(data, "clock", "status", env=_faked("+20h"))
    assert status.returncode == 1 and IN_BOOT in status.stderr
    # Back at the real time nothing blocks.
    assert run_cli(data, "clock", "status", env=real).returncode == 0
    assert print_card(niks[1], real).returncode == 0
    # A supervisor confirms the moved date from the command line (an operator may not).
    refused = run_cli(data, "clock", "confirm", "--user", "operator", env=_faked("+20h"))
    assert refused.returncode == 1 and "tidak berwenang" in refused.stderr
    confirmed = run_cli(data, "clock", "confirm", "--user", "supervisor",
                        env={**_faked("+20h"), "KTP_MANDIRI_PASSWORD": "supervisor123"})
    assert confirmed.returncode == 0 and "dipastikan oleh supervisor" in confirmed.stdout, confirmed.stderr
    assert print_card(niks[2], _faked("+20h")).returncode == 0
    assert [line for line in confirmed.stderr.splitlines() if line.strip()] == []


def test_a_time_servers_correction_within_the_boot_passes_and_no_more(booted, printer):  # noqa: F811
    """The PC's clock had drifted 12 minutes behind; a time server steps it on (at boot or later)."""
    booted.clock.advance(minutes=5)
    booted.clock.set_date(minutes=12)
    _print(booted, printer, 1)
    booted.clock.set_date(minutes=12)  # a second step: 24 minutes against the boot's anchor
    assert "maju 29 menit" in clock_problem(booted.clock) and "baru berjalan 5 menit" in clock_problem(booted.clock)
