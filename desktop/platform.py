"""Which operating system this is: the one place the code asks, and the one place tests change.

Code checks `system.WINDOWS` (after `from desktop import platform as system`) at call time, never
`os.name` or `sys.platform` itself (tests/unit/test_platform_checks.py walks the sources); tests that
run a Windows branch here patch these flags (patching `os.name` would break pathlib).
"""

from __future__ import annotations

import os
import sys

WINDOWS = os.name == "nt"
MACOS = sys.platform == "darwin"
LINUX = sys.platform.startswith("linux")
