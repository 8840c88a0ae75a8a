"""The boot clock: how long this computer has really run since it started, whatever its date says.

Setting the date moves the wall clock, not the boot clock (Linux `CLOCK_BOOTTIME`, Windows
`GetTickCount64`; both count time asleep). Within one boot, the date may not move forward by more than
the boot clock did (desktop/services/clock_guard.py). Which boot a reading belongs to comes from the
system's boot identifier (Linux `/proc/sys/kernel/random/boot_id`, Windows' `BootId` counter).

One backend per system, chosen by `boot_clock_for`; a system without one reads None (no in-boot check).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from desktop import platform as system


@dataclass(frozen=True)
class BootReading:
    boot: str  # which boot ("" when the system does not say: then a smaller reading means a new boot)
    seconds: float  # since that boot, time asleep included

    def same_boot(self, earlier: BootReading) -> bool:
        """Whether `earlier` was read during this boot."""
        return self.boot == earlier.boot and self.seconds >= earlier.seconds


class _SystemBootClock:
    """What both systems share: the boot's identifier is read once (a process lives within one boot)."""

    _boot_id: Callable[[], str]

    @cached_property
    def _boot(self) -> str:
        return self._boot_id()


class LinuxBootClock(_SystemBootClock):
    BOOT_ID = Path("/proc/sys/kernel/random/boot_id")

    def __init__(self, read_seconds: Callable[[], float] | None = None, boot_id: Callable[[], str] | None = None):
        self._seconds = read_seconds or (lambda: time.clock_gettime(time.CLOCK_BOOTTIME))
        self._boot_id = boot_id or self._read_boot_id

    def _read_boot_id(self) -> str:
        try:
            return self.BOOT_ID.read_text(encoding="ascii").strip()
        except OSError:
            return ""

    def read(self) -> BootReading | None:
        return BootReading(self._boot, self._seconds())


class WindowsBootClock(_SystemBootClock):
    """`GetTickCount64` (milliseconds since boot, sleep included) and the kernel's boot counter."""

    BOOT_ID_KEY = r"SYSTEM\CurrentControlSet\Control\Session Manager\Memory Management\PrefetchParameters"

    def __init__(self, kernel32=None, boot_id: Callable[[], str] | None = None) -> None:
        self._kernel32 = kernel32
        self._boot_id = boot_id or self._read_boot_id

    @property
    def kernel32(self):
        if self._kernel32 is None:
            import ctypes

            kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
            kernel32.GetTickCount64.restype = ctypes.c_uint64
            self._kernel32 = kernel32
        return self._kernel32

    def _read_boot_id(self) -> str:
        with contextlib.suppress(OSError, ImportError):
            import winreg  # type: ignore[import-not-found]

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, self.BOOT_ID_KEY) as key:
                return str(winreg.QueryValueEx(key, "BootId")[0])
        return ""

    def read(self) -> BootReading | None:
        return BootReading(self._boot, self.kernel32.GetTickCount64() / 1000)


class NoBootClock:
    def read(self) -> BootReading | None:
        return None


def boot_clock_for(**backend) -> LinuxBootClock | WindowsBootClock | NoBootClock:
    """This system's boot clock (`backend` arguments stand in for the system's calls in tests)."""
    if system.LINUX:
        return LinuxBootClock(**backend)
    if system.WINDOWS:
        return WindowsBootClock(**backend)
    return NoBootClock()


@cache
def system_boot_clock() -> LinuxBootClock | WindowsBootClock | NoBootClock:
    return boot_clock_for()
