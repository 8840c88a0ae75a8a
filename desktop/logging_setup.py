"""Log files in the data directory's logs/ folder, plus faulthandler for hard crashes.

The GUI writes `ktp-mandiri.log` and rotates it only when it starts (past 2 MB, 5 old files kept): one
GUI runs per data folder, and nothing else writes that file then. Commands append to
`ktp-mandiri-cli.log` and never rotate it: on Windows a file another process holds open cannot be
renamed, and a handler that rotates while a command (or the GUI) writes the same file would lose every
later line. A rotation that fails at start (a scanner holds the file) leaves the file to grow until the
next start.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
from pathlib import Path

from desktop.store.files import LOG_FILENAME

LOG_DIRNAME = "logs"
COMMAND_LOG_FILENAME = "ktp-mandiri-cli.log"
ROTATE_AT_BYTES = 2_000_000
KEPT_OLD_LOGS = 5
_fault_file = None


def log_file_in(data_dir: Path) -> Path:
    """The GUI's log file."""
    return Path(data_dir) / LOG_DIRNAME / LOG_FILENAME


def command_log_file_in(data_dir: Path) -> Path:
    """The log file every command appends to."""
    return Path(data_dir) / LOG_DIRNAME / COMMAND_LOG_FILENAME


class _QuietFileHandler(logging.FileHandler):
    """A log line that cannot be written (a full disk, a file-size limit) is dropped: never a traceback on
    the operator's terminal or a failed print. The log is a diagnostic; the database is the record."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def rotate_at_start(log_file: Path, max_bytes: int = ROTATE_AT_BYTES, keep: int = KEPT_OLD_LOGS) -> bool:
    """`ktp-mandiri.log` -> `.1` -> ... -> `.<keep>` when it has grown past `max_bytes`; False when it was
    not rotated (small enough, or a file is held by another program: then it is rotated next time)."""
    try:
        if log_file.stat().st_size < max_bytes:
            return False
        for n in range(keep - 1, 0, -1):
            older = log_file.with_name(f"{log_file.name}.{n}")
            if older.exists():
                os.replace(older, log_file.with_name(f"{log_file.name}.{n + 1}"))
        os.replace(log_file, log_file.with_name(f"{log_file.name}.1"))
    except OSError:
        return False
    return True


def setup_logging(data_dir: Path, level: int = logging.INFO, console: bool = False, *, gui: bool = False) -> Path:
    """Log to the GUI's file (`gui`, rotated first when it is due) or to the commands' file."""
    global _fault_file
    log_file = log_file_in(data_dir) if gui else command_log_file_in(data_dir)
    log_dir = log_file.parent
    with contextlib.suppress(OSError):  # the handlers below then fall back to nothing
        log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_ktp", False):
            root.removeHandler(handler)
            handler.close()
    if gui:
        rotate_at_start(log_file)
    try:
        file_handler = _QuietFileHandler(log_file, mode="a", encoding="utf-8")
    except OSError:  # a full disk: the command still runs, without its log
        file_handler = logging.NullHandler()
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(threadName)s: %(message)s"))
    file_handler._ktp = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)
        stream._ktp = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    if _fault_file is None:
        try:
            _fault_file = (log_dir / "crash-traceback.log").open("a", encoding="utf-8")
        except OSError:
            return log_file
        faulthandler.enable(_fault_file)
    return log_file


def stop_logging() -> None:
    """Close the log files (before the demo's throw-away data folder is removed)."""
    global _fault_file
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_ktp", False):
            root.removeHandler(handler)
            handler.close()
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
