"""The log files: the GUI's rotated only when it starts (past 2 MB, 5 old files kept), the commands'
appended to and never rotated, and no line lost when Windows refuses to rename a file another program
holds (a command writing, an antivirus scanner)."""

from __future__ import annotations

import logging

import pytest

from desktop.logging_setup import (
    KEPT_OLD_LOGS,
    ROTATE_AT_BYTES,
    command_log_file_in,
    log_file_in,
    setup_logging,
    stop_logging,
)
from tests.helpers.command_line import run_main
from tests.helpers.fixtures import make_station
from tests.helpers.platforms import WindowsFiles

BIG = "2026-12-07 07:00:00 INFO ktp.test: an earlier line of the day\n" * (ROTATE_AT_BYTES // 60 + 1)


@pytest.fixture
def logs(tmp_path):
    folder = tmp_path / "data" / "logs"
    folder.mkdir(parents=True)
    yield tmp_path / "data"
    stop_logging()


def gui_start(data_dir, line: str) -> None:
    setup_logging(data_dir, gui=True)
    logging.getLogger("ktp.test").warning(line)
    stop_logging()


def test_the_gui_rotates_its_log_when_it_starts_and_keeps_five_old_ones(logs):
    log = log_file_in(logs)
    for n in range(1, KEPT_OLD_LOGS + 1):
        log.with_name(f"ktp-mandiri.log.{n}").write_text(f"old {n}\n", encoding="utf-8")
    log.write_text(BIG, encoding="utf-8")
    gui_start(logs, "started after a long day")
    assert log.read_text(encoding="utf-8").splitlines()[-1].endswith("started after a long day")
    assert log.stat().st_size < 1000
    assert log.with_name("ktp-mandiri.log.1").read_text(encoding="utf-8") == BIG
    assert [log.with_name(f"ktp-mandiri.log.{n}").read_text(encoding="utf-8") for n in range(2, 6)] == \
        [f"old {n}\n" for n in range(1, 5)]
    assert not log.with_name("ktp-mandiri.log.6").exists()  # the oldest is gone


def test_a_small_gui_log_is_appended_to(logs):
    gui_start(logs, "first start")
    gui_start(logs, "second start")
    lines = log_file_in(logs).read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["first start", "second start"]
    assert sorted(p.name for p in (logs / "logs").iterdir()) == ["crash-traceback.log", "ktp-mandiri.log"]


def test_a_gui_log_another_program_holds_on_windows_is_appended_to_and_rotated_at_a_later_start(logs, monkeypatch):
    log = log_file_in(logs)
    log.write_text(BIG, encoding="utf-8")
    files = WindowsFiles(monkeypatch, busy_replaces=1)
    gui_start(logs, "started while a scanner held the log")
    assert files.replace_attempts == 1 and not log.with_name("ktp-mandiri.log.1").exists()
    assert log.read_text(encoding="utf-8").startswith(BIG)
    assert log.read_text(encoding="utf-8").rstrip().endswith("started while a scanner held the log")
    gui_start(logs, "the next start")
    assert log.with_name("ktp-mandiri.log.1").read_text(encoding="utf-8").rstrip().endswith("held the log")
    assert log.read_text(encoding="utf-8").rstrip().endswith("the next start")


def test_commands_append_to_their_own_log_and_never_rotate_it(tmp_path):
    make_station(tmp_path).services.close()
    data = tmp_path / "data"
    command_log = command_log_file_in(data)
    command_log.parent.mkdir(exist_ok=True)
    command_log.write_text(BIG, encoding="utf-8")
    for _ in range(2):
        assert run_main(data, "jobs").returncode == 0
    text = command_log.read_text(encoding="utf-8")
    assert text.startswith(BIG) and len(text) > len(BIG)
    assert sorted(p.name for p in command_log.parent.glob("ktp-mandiri*")) == ["ktp-mandiri-cli.log"]
