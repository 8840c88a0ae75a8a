"""Work around PySide6 6.12 on Python 3.11: every Qt method returning void gives back `None`
without taking a reference to it, so each call lowers None's reference count by one. After a few
thousand calls (about sixty card renders) CPython aborts with "none_dealloc: deallocating None".

Python 3.12+ makes None immortal, which is why the bindings get away with it there. Until the
dependency is fixed or pinned, we give None a reference count no program can exhaust. Importing
`desktop.render` applies it; the app's start-up and the GUI tests should call it too.
"""

from __future__ import annotations

import ctypes
import sys

_applied = False


def keep_none_alive() -> None:
    """Raise None's reference count by 2**40, once per process; a no-op where None is immortal."""
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return
    # ob_refcnt is the first field of every object in release builds of CPython.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _applied = True
