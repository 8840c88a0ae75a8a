"""What the regency server's `check` must say of a file system the tests do not control (the host's)."""

from __future__ import annotations

import os
from pathlib import Path

WARNING_BELOW = 0.15  # docs/server-operations.md: under 15 % free is a warning


def host_disk_status(path: Path) -> str:
    """"ok" or "warning" for the file system holding `path`, from its own free space: a CI machine's
    disk may be nearly full, and then the check is right to warn."""
    usage = os.statvfs(path)
    return "warning" if usage.f_bavail / usage.f_blocks < WARNING_BELOW else "ok"
