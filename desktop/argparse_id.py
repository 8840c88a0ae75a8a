"""The command line's own words in Bahasa Indonesia: usage, help and argparse's error messages.

argparse looks its texts up with gettext (`argparse._`, `argparse.ngettext`) at the moment it uses
them. `ArgumentParser` here points both at this catalogue while it builds, formats and parses, and
puts them back afterwards (a text not in the catalogue stays as argparse wrote it; the tests compare
the catalogue with the texts of the running Python's argparse).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import Any, NoReturn

TEXTS = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini, lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan %(value)r tidak ada (pilih salah satu: %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah (%(type)s)",
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "ambiguous option: %(option)s could match %(matches)s": "opsi %(option)s kurang jelas: bisa %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "ignored explicit argument %r": "opsi ini tidak menerima nilai (%r)",
    "can't open '%(filename)s': %(error)s": "berkas '%(filename)s' tidak dapat dibuka: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)",
    "unexpected option string: %s": "opsi tidak terduga: %s",
}
PLURALS = {("expected %s argument", "expected %s arguments"): "perlu %s nilai"}

# argparse's complaints about a parser's own definition: a programming error, never shown to a user.
DEVELOPER_TEXTS = frozenset({
    "%r is not callable", "'required' is an invalid argument for positionals", ".__call__() not defined",
    'argument "-" with mode %r', "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r", "conflicting subparser alias: %s", "conflicting subparser: %s",
    "dest= is required for options like %r", "invalid conflict_resolution value: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "mutually exclusive arguments must be optional", "conflicting option string: %s",
})


def _text(message: str) -> str:
    return TEXTS.get(message, message)


def _plural(singular: str, plural: str, n: int) -> str:
    return PLURALS.get((singular, plural), singular if n == 1 else plural)


@contextlib.contextmanager
def _indonesian() -> Iterator[None]:
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _text, _plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Bahasa Indonesia (its sub-command parsers too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _indonesian():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any):
        kwargs.setdefault("parser_class", ArgumentParser)
        with _indonesian():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args=None, namespace=None):
        with _indonesian():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with _indonesian():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _indonesian():
            return super().format_usage()

    def format_help(self) -> str:
        with _indonesian():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _indonesian():
            super().error(message)


class VersionAction(argparse.Action):
    """`--version`: the version is looked up only when asked (importlib.metadata costs ~25 ms at start-up)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from desktop import version

        print(f"{parser.prog} {version()}")
        parser.exit()


def whole_number(text: str) -> int:
    """`type=` for a count: argparse would call it an "invalid int value"."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} bukan bilangan bulat") from None
