"""The Windows setup program without Windows: a stand-in of the bundle's layout (with real 64-bit
stand-in programs compiled by MinGW), a throw-away Wine prefix that runs the setup program and the
installed programs, and a reader of the shortcuts (.lnk) it makes."""

from __future__ import annotations

import os
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTEX = "Global\\KTP-el-Mandiri"  # desktop/app.py RUNNING_MUTEX, installer/windows/ktp-mandiri.nsi RUNNING_MUTEX


def stand_in_bundle(folder: Path, *, libusb: bool = True, programs: dict[str, Path] | None = None) -> Path:
    """The layout of the Windows bundle (dist/ktp-mandiri), with placeholder files, or with the given
    programs (name -> compiled .exe) in place of the placeholders."""
    for name in ("ktp-mandiri.exe", "ktp-mandiri-cli.exe", "_internal/PySide6/plugins/platforms/qwindows.dll",
                 "_internal/resources/translations/ktp_en.qm", *(["_internal/libusb-1.0.dll"] if libusb else [])):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"MZ stand-in")
    for name, program in (programs or {}).items():
        (folder / name).write_bytes(program.read_bytes())
    icon = folder / "_internal" / "resources" / "icons"
    icon.mkdir(parents=True)
    (icon / "ktp-mandiri.ico").write_bytes((ROOT / "resources" / "icons" / "ktp-mandiri.ico").read_bytes())
    return folder


# A stand-in for ktp-mandiri.exe and ktp-mandiri-cli.exe: says which program and version it is, or, with
# --hold-mutex, holds the named mutex every running KTP-el Mandiri holds until its standard input closes.
STAND_IN_SOURCE = r"""
#include <windows.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--hold-mutex") == 0) {
        HANDLE mutex = CreateMutexW(NULL, FALSE, L"Global\\KTP-el-Mandiri");
        if (mutex == NULL) {
            printf("no mutex: %lu\n", GetLastError());
            return 1;
        }
        printf("holding\n");
        fflush(stdout);
        char line[64];
        while (fgets(line, sizeof line, stdin) != NULL) {
        }
        CloseHandle(mutex);
        return 0;
    }
    printf("%s %s\n", PROGRAM, VERSION);
    return 0;
}
"""


def compile_stand_in(gcc: str, folder: Path, program: str, version: str) -> Path:
    """A 64-bit console program (PE32+) that prints `program version`."""
    source = folder / "stand_in.c"
    source.write_text(STAND_IN_SOURCE, encoding="utf-8")
    out = folder / f"{program}-{version}.exe"
    subprocess.run([gcc, "-O1", "-s", f'-DPROGRAM="{program}"', f'-DVERSION="{version}"', "-o", str(out), str(source)],
                   check=True, capture_output=True)
    return out


class WinePrefix:
    """A throw-away Windows (a Wine prefix) under a temporary folder. Headless: no display is passed on,
    and Mono and Gecko are not installed (WINEDLLOVERRIDES="mscoree,mshtml=")."""

    def __init__(self, wine: str, wineserver: str, folder: Path) -> None:
        self.wine, self.wineserver, self.folder = wine, wineserver, folder
        self.env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.env.update(WINEPREFIX=str(folder), WINEDLLOVERRIDES="mscoree,mshtml=", WINEDEBUG="-all")

    def boot(self) -> None:
        subprocess.run([self.wine, "wineboot", "--init"], env=self.env, check=True, capture_output=True, timeout=300)
        self.settle()

    def run(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """A Windows program (a path in the prefix or a Linux path), waited for; its exit code returned."""
        return subprocess.run([self.wine, *argv], env=self.env, capture_output=True, timeout=timeout,
                              encoding="utf-8", errors="replace")

    def start(self, *argv: str) -> subprocess.Popen:
        return subprocess.Popen([self.wine, *argv], env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, encoding="utf-8")

    def settle(self) -> None:
        """Wait until every Windows process of the prefix has ended (an uninstaller runs on as a copy of
        itself in %TEMP% after the one started returns) and the registry is on disk."""
        subprocess.run([self.wineserver, "--wait"], env=self.env, check=True, timeout=300)

    def stop(self) -> None:
        subprocess.run([self.wineserver, "--kill"], env=self.env, timeout=60)

    def windows_version(self, name: str) -> None:
        """What Windows the prefix reports (winecfg's names: win7, win10, ...)."""
        subprocess.run([self.wine, "winecfg", "-v", name], env=self.env, check=True, capture_output=True)
        self.settle()

    def path(self, windows_path: str) -> Path:
        """The Linux path of a path on the prefix's drive C: (C:\\Program Files\\... ->  drive_c/Program Files/...)."""
        drive, _, rest = windows_path.partition(":\\")
        assert drive.upper() == "C", windows_path
        return self.folder / "drive_c" / Path(*rest.split("\\"))

    def registry(self, key: str) -> dict[str, str] | None:
        """The values of a key in the 64-bit registry view (reg query /reg:64), or None when it does not exist."""
        proc = self.run("reg", "query", key, "/reg:64")
        if proc.returncode != 0:
            return None
        values = {}
        for line in proc.stdout.splitlines():
            parts = line.strip().split("    ")
            if len(parts) == 3 and parts[1].startswith("REG_"):
                values[parts[0]] = parts[2]
        return values


@dataclass(frozen=True)
class Shortcut:
    target: str
    arguments: str
    working_dir: str
    icon: str


def read_shortcut(path: Path) -> Shortcut:
    """A Shell Link (.lnk, [MS-SHLLINK]): its target path (from the LinkInfo) and its string data."""
    data = path.read_bytes()
    assert data[:4] == b"L\0\0\0", f"{path} is not a shell link"
    (flags,) = struct.unpack_from("<I", data, 0x14)
    offset = 0x4C
    if flags & 0x01:  # HasLinkTargetIDList
        offset += 2 + struct.unpack_from("<H", data, offset)[0]
    target = ""
    if flags & 0x02:  # HasLinkInfo
        size, _header, info_flags, _volume, base = struct.unpack_from("<IIIII", data, offset)
        if info_flags & 0x01:  # VolumeIDAndLocalBasePath
            target = data[offset + base:data.index(b"\0", offset + base)].decode("latin-1")  # ANSI
        offset += size
    strings = {}
    unicode = bool(flags & 0x80)
    for flag, name in ((0x04, "name"), (0x08, "relative_path"), (0x10, "working_dir"), (0x20, "arguments"),
                       (0x40, "icon")):
        if flags & flag:
            (count,) = struct.unpack_from("<H", data, offset)
            width = 2 if unicode else 1
            raw = data[offset + 2:offset + 2 + count * width]
            strings[name] = raw.decode("utf-16-le" if unicode else "latin-1").rstrip("\0")  # Wine counts the NUL
            offset += 2 + count * width
    return Shortcut(target, strings.get("arguments", ""), strings.get("working_dir", ""), strings.get("icon", ""))
