"""The command line's usage, help and argument errors are Indonesian; `--version` shows the version."""

from __future__ import annotations

import argparse
import ast
import inspect
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from desktop.app import build_parser
from desktop.argparse_id import DEVELOPER_TEXTS, PLURALS, TEXTS
from tests.helpers.command_line import Finished, run_entry_point

ROOT = Path(__file__).resolve().parents[2]


def _argparse_texts() -> tuple[set[str], set[tuple[str, str]]]:
    """Every text the running Python's argparse puts through gettext (read from its source)."""
    singles, plurals = set(), set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and literals:
                singles.add(literals[0])
            elif node.func.id == "ngettext" and len(literals) == 2:
                plurals.add((literals[0], literals[1]))
    return singles, plurals


def test_every_argparse_text_a_user_can_see_has_its_indonesian():
    singles, plurals = _argparse_texts()
    assert len(singles) > 20
    assert sorted(singles - DEVELOPER_TEXTS - set(TEXTS)) == []
    assert sorted(p for p in plurals if p not in PLURALS and p[0] not in DEVELOPER_TEXTS) == []


def _run(*args: str) -> Finished:
    return run_entry_point(list(args))


ENGLISH = ("usage:", "error:", "positional arguments", "options:", "show this help", "required:",
           "invalid choice", "choose from", "unrecognized arguments", "invalid int value", "expected one argument")


@pytest.mark.parametrize("args, expected", [
    (("--help",), "penggunaan: ktp-mandiri"),
    (("print", "--help"), "tampilkan bantuan ini, lalu keluar"),
    (("print", "3674064508900001"), "argumen berikut wajib diisi: --printer, --reason, --user"),
    (("print", "1", "--printer", "x", "--user", "u", "--reason", "lupa"), "pilihan 'lupa' tidak ada"),
    (("demo-data", "--residents", "banyak"), "argumen --residents: 'banyak' bukan bilangan bulat"),
    (("cetak",), "argumen PERINTAH: pilihan 'cetak' tidak ada"),
    (("--tidak-ada",), "argumen tidak dikenal: --tidak-ada"),
    (("nik",), "argumen berikut wajib diisi: NIK"),
])
def test_usage_and_argument_errors_are_indonesian(args, expected):
    done = _run(*args)
    output = done.stdout + done.stderr
    assert expected in output, output
    assert not [word for word in ENGLISH if word in output], output
    assert done.returncode == (0 if "--help" in args else 2)


def test_every_option_with_a_value_names_it_in_indonesian():
    """An option without a metavar shows its English name in capitals (--user USER)."""
    unnamed = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")
            elif action.nargs != 0 and action.help != argparse.SUPPRESS and action.metavar is None \
                    and action.choices is None and not isinstance(action, argparse._VersionAction):
                unnamed.append(f"{path} {'/'.join(action.option_strings) or action.dest}")

    walk(build_parser(), "ktp-mandiri")
    assert unnamed == []


def test_version_is_shown():
    done = _run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"ktp-mandiri {metadata.version('ktp-mandiri')}"


def test_the_gui_start_does_not_load_the_command_modules_and_commands_still_parse():
    code = ("import sys; from desktop.app import parse_arguments; "
            "a = parse_arguments(['--demo', '--lang', 'en']); print(a.command, a.lang, 'desktop.cli' in sys.modules); "
            "b = parse_arguments(['--data-dir', 'x', 'nik', '3674064508900001']); print(b.command, b.niks)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines() == ["None en False", "nik ['3674064508900001']"], done.stderr
