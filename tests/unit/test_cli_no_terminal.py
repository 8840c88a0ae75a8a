"""Every command started without standard streams, as Windows starts a windowed program (the GUI
executable, a shortcut, a scheduled task): `sys.stdin`, `sys.stdout` and `sys.stderr` are None. A command
then runs as without a terminal: it asks nothing (a password must come from the environment), its output
goes nowhere instead of failing, and it ends with its status, never with a traceback.

COMMANDS lists every subcommand of the parser (a test fails when a new one is missing here)."""

from __future__ import annotations

import argparse
import os
import sys

import pytest

from desktop.app import build_parser
from desktop.logging_setup import stop_logging
from desktop.store.models import database
from tests.helpers.fixtures import make_station

JOB = "0123abcd-0000-0000-0000-000000000001"

# Each command with arguments it accepts; True where it needs a password (refused without a terminal).
COMMANDS: dict[str, tuple[list[str], bool]] = {
    "nik": (["nik", "3674064508900001", "--json"], False),
    "demo-data": (["demo-data", "--residents", "0"], False),
    "printers": (["printers"], False),
    "print": (["print", "3674064508900001", "--printer", "sim://loket", "--reason", "baru", "--user", "operator"],
              True),
    "render-card": (["render-card", "3674064508900001", "--png", "{tmp}/kartu.png"], False),
    "audit verify": (["audit", "verify"], False),
    "audit head": (["audit", "head"], False),
    "audit accept-restore": (["audit", "accept-restore", "--user", "supervisor"], True),
    "audit fetch-own": (["audit", "fetch-own", "--user", "supervisor"], True),
    "audit set-aside": (["audit", "set-aside", "--user", "supervisor"], True),
    "import-residents": (["import-residents", "{tmp}/tidak-ada.csv"], False),
    "enrol": (["enrol", "https://127.0.0.1:9", "KODE-123"], False),
    "sync": (["sync"], False),
    "backup": (["backup", "--out", "{tmp}/cadangan.sqlite3"], False),
    "users list": (["users", "list", "--user", "admin"], True),
    "users add": (["users", "add", "baru", "--user", "admin", "--name", "Orang Baru", "--role", "operator"], True),
    "users deactivate": (["users", "deactivate", "operator", "--user", "admin"], True),
    "users activate": (["users", "activate", "operator", "--user", "admin"], True),
    "users reset-password": (["users", "reset-password", "operator", "--user", "admin"], True),
    "users unlock": (["users", "unlock", "operator", "--user", "admin"], True),
    "users passwd": (["users", "passwd", "--user", "operator"], True),
    "jobs": (["jobs", "--json"], False),
    "jobs settle": (["jobs", "settle", JOB, "--outcome", "good", "--user", "supervisor"], True),
    "printer-probe": (["printer-probe", "sim://loket", "--out", "{tmp}/probe.zip"], False),
    "support-bundle": (["support-bundle", "--out", "{tmp}/dukungan.zip"], False),
    "clock status": (["clock", "status"], False),
    "clock confirm": (["clock", "confirm", "--user", "supervisor"], True),
    "claims list": (["claims", "list"], False),
    "claims release": (["claims", "release", "1", "--user", "supervisor"], True),
    "blanko confirm": (["blanko", "confirm", "--user", "supervisor"], True),
    "blanko count": (["blanko", "count", "BLK-0000001", "--user", "supervisor"], True),
    "blanko ledger": (["blanko", "ledger"], False),
    "blanko trace": (["blanko", "trace", "BLK-0000001"], False),
    "blanko spoil": (["blanko", "spoil", "--reason", "damaged", "--user", "supervisor", "--approver", "admin"], True),
    "blanko destroy": (["blanko", "destroy", "--witness", "Saksi Satu", "--user", "supervisor", "--approver",
                        "admin"], True),
    "blanko transfer": (["blanko", "transfer", "BLK-0000001", "BLK-0000002", "--to", "36.74.07", "--user",
                         "supervisor"], True),
    "report": (["report", "daily", "--user", "supervisor", "--out", "{tmp}/harian.pdf"], True),
    "settings": (["settings"], False),
    "station-account show": (["station-account", "show"], False),
    "station-account allow": (["station-account", "allow", "PC-PAMULANG\\operator2"], False),
    "queue status": (["queue", "status"], False),
    "queue list": (["queue", "list"], False),
    "queue issue": (["queue", "issue", "baru", "--user", "operator"], True),
    "queue call": (["queue", "call", "--user", "operator"], True),
    "ticket-printer": (["ticket-printer", "--set", "pdf://{tmp}", "--user", "supervisor", "--test"], True),
}


def subcommands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    """Every command a person can run: the leaves of the parser's tree, and a parent that runs alone."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                path = f"{prefix} {name}".strip()
                children = subcommands(child, path)
                needs_child = any(isinstance(a, argparse._SubParsersAction) and a.required for a in child._actions)
                found += children if needs_child else [path, *children]
    return found


def test_every_command_is_run_without_standard_streams_below():
    assert sorted(subcommands(build_parser())) == sorted(COMMANDS)


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    root = tmp_path_factory.mktemp("no-terminal")
    make_station(root).services.close()
    return root


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_without_standard_streams_runs_as_without_a_terminal(command, station, tmp_path, monkeypatch):
    from desktop.app import main

    argv, asks_password = COMMANDS[command]
    monkeypatch.delenv("KTP_MANDIRI_PASSWORD", raising=False)
    monkeypatch.delenv("KTP_MANDIRI_NEW_PASSWORD", raising=False)
    answers = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": answers.append(prompt) or "")
    for name in ("stdin", "stdout", "stderr"):
        monkeypatch.setattr(sys, name, None)
    bound, umask = database.obj, os.umask(0o077)
    try:
        status = main(["--data-dir", str(station / "data"), *(a.format(tmp=tmp_path) for a in argv)])
    finally:
        for name in ("stdout", "stderr"):  # what the entry point put in place of the missing streams
            stream = getattr(sys, name)
            if stream is not None:
                stream.close()
        stop_logging()
        os.umask(umask)
        if bound is not None:
            database.initialize(bound)
    assert status in (0, 1)
    assert answers == []  # nobody was asked at a terminal that is not there
    if asks_password:
        assert status == 1
