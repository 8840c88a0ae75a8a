"""Whether a person can be asked at a terminal. A windowed Windows program, a service or a scheduled
task has no standard input at all (`sys.stdin` is None), not merely one that is not a terminal."""

from __future__ import annotations

import sys


def has_terminal() -> bool:
    stdin = sys.stdin
    return stdin is not None and stdin.isatty()
