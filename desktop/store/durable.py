"""Files that must survive a power cut, on Linux and on Windows alike.

`os.fsync` is `FlushFileBuffers` on Windows, which needs a handle opened for writing (a read-only one
fails with EBADF), and Windows cannot open a folder to sync it (NTFS records a new file's entry with
the file). While an antivirus scanner or the search indexer holds a file that was just written,
renaming or deleting it fails with a sharing violation (WinError 32, or 5): it is tried again for
about two seconds before the error counts.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable
from pathlib import Path

from desktop import platform as system

SHARING_RETRY_S = 2.0
_SHARING_WINERRORS = {5, 32, 33}  # access denied (while being scanned), sharing violation, lock violation


def sync_file(path: Path) -> None:
    """The file's content on disk before this returns."""
    flags = os.O_RDWR | getattr(os, "O_BINARY", 0) if system.WINDOWS else os.O_RDONLY
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """A new or renamed entry of the folder on disk (nothing to do on Windows)."""
    if system.WINDOWS:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_text(path: Path, text: str) -> None:
    """A small file whole or not at all: written beside it, synced, renamed into place, the rename synced."""
    path = Path(path)
    part = path.with_name(path.name + ".part")
    part.write_text(text, encoding="utf-8")
    sync_file(part)
    replace(part, path)
    sync_folder(path.parent)


def replace(source: Path, target: Path) -> None:
    _retrying(lambda: os.replace(source, target))


def unlink(path: Path) -> None:
    """Remove the file if it is there."""
    _retrying(lambda: Path(path).unlink(missing_ok=True))


def _retrying(action: Callable[[], None]) -> None:
    deadline = time.monotonic() + SHARING_RETRY_S
    while True:
        try:
            action()
            return
        except OSError as exc:
            shared = system.WINDOWS and (getattr(exc, "winerror", None) in _SHARING_WINERRORS
                                         or exc.errno == errno.EACCES)
            if not shared or time.monotonic() >= deadline:
                raise
            time.sleep(0.1)
