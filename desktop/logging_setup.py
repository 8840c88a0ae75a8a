"""Logging to a rotating file in the data directory, plus faulthandler for hard crashes."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
from pathlib import Path

from desktop.store.files import LOG_FILENAME

LOG_DIRNAME = "logs"
_fault_file = None


def log_file_in(data_dir: Path) -> Path:
    return data_dir / LOG_DIRNAME / LOG_FILENAME


def _file_handler(log_file: Path) -> logging.Handler:
    import logging.handlers  # here, not at import: start-up time is measured (bench/)

    class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
        """A log line that cannot be written (a full disk, a file-size limit) is dropped: never a traceback
        on the operator's terminal or a failed print. The log is a diagnostic; the database is the record."""

        def handleError(self, record: logging.LogRecord) -> None:
            pass

    return QuietRotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")


def setup_logging(data_dir: Path, level: int = logging.INFO, console: bool = False) -> Path:
    global _fault_file
    log_file = log_file_in(data_dir)
    log_dir = log_file.parent
    with contextlib.suppress(OSError):  # the handlers below then fall back to nothing
        log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_ktp", False):
            root.removeHandler(handler)
            handler.close()
    try:
        file_handler = _file_handler(log_file)
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
