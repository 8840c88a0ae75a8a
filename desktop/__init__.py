"""KTP-el Mandiri: the print station."""

import logging

# Until a command has opened its data folder's log file, log lines go nowhere: Python's last-resort
# handler would print them on the operator's terminal as a second line, in English (SQLite's words).
logging.getLogger("ktp").addHandler(logging.NullHandler())


def version() -> str:
    """The installed version (pyproject.toml's), for `--version` and the About box."""
    from importlib import metadata

    try:
        return metadata.version("ktp-mandiri")
    except metadata.PackageNotFoundError:  # a copy that was never installed (pip install .)
        return "0+dev"
