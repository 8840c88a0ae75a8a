"""The operating system's libraries that Qt needs on Linux, checked before Qt is started.

Qt's xcb platform plugin links to a dozen X11 libraries that a minimal Debian does not have; when one
is missing, QApplication aborts the process with Qt's own English text, which names only
libxcb-cursor0 whatever is really missing (and says the same when the X server is merely
unreachable). So before any QApplication exists the platform plugin's ELF dependencies are read,
every library outside the Qt wheel is opened as the dynamic loader would, and a missing one becomes
one sentence that names the `apt-get install` line (from SONAME_PACKAGES, checked against the bundle
by tests/installer/test_libraries.py). The same walk over every ELF file of the installed bundle is a
step of `ktp-mandiri --smoke-test`. Nothing here imports Qt; Windows and macOS have nothing to check.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from desktop import platform as system

# ctypes, socket and struct are imported where a check needs them: on Windows, macOS and a platform such
# as offscreen nothing is checked, and the log-in window comes sooner (bench/bench_startup.py).

# Every library outside the Qt wheel that an ELF file of the station's bundle names as DT_NEEDED
# (Qt's libraries and the plugins bundle_rules keeps, libusb, the Python runtime), with the Debian
# package that provides it. installer/build-deps.txt installs the packages on the build machine;
# tests/installer/test_libraries.py fails on a soname the bundle needs that is not here.
SONAME_PACKAGES: dict[str, str] = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libgcc_s.so.1": "libgcc-s1",
    "libstdc++.so.6": "libstdc++6",
    "libz.so.1": "zlib1g",
    "libudev.so.1": "libudev1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libcups.so.2": "libcups2",
    # The Python runtime's own extension modules (ssl, sqlite3, lzma, ...).
    "libresolv.so.2": "libc6",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbz2.so.1.0": "libbz2-1.0",
    "libcrypto.so.3": "libssl3",
    "libssl.so.3": "libssl3",
    "libffi.so.8": "libffi8",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
    "liblzma.so.5": "liblzma5",
    "libreadline.so.8": "libreadline8",
    "libsqlite3.so.0": "libsqlite3-0",
    "libuuid.so.1": "libuuid1",
    "libzstd.so.1": "libzstd1",
}

_DT_NEEDED = 1
_SHT_DYNAMIC = 6
_LOADER_MISSING = re.compile(r"(\S+?): cannot open shared object file")


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED names of an ELF shared object or executable, from its dynamic section; [] for
    anything that is not ELF."""
    import struct

    with Path(path).open("rb") as handle:
        ident = handle.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF":
            return []
        wide = ident[4] == 2
        order = "<" if ident[5] == 1 else ">"
        header = handle.read(48 if wide else 36)
        fields = struct.unpack(order + ("HHIQQQIHHHHHH" if wide else "HHIIIIIHHHHHH"), header)
        table_at, entry_size, count = fields[5], fields[10], fields[11]
        handle.seek(table_at)
        table = handle.read(entry_size * count)
        layout = order + ("IIQQQQIIQQ" if wide else "IIIIIIIIII")
        sections = [struct.unpack_from(layout, table, i * entry_size) for i in range(count)]
        for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
            if kind != _SHT_DYNAMIC:
                continue
            handle.seek(offset)
            dynamic = handle.read(size)
            strings_at, strings_size = sections[link][4], sections[link][5]
            handle.seek(strings_at)
            strings = handle.read(strings_size)
            pair = order + ("qQ" if wide else "iI")
            whole = len(dynamic) - len(dynamic) % struct.calcsize(pair)
            names = []
            for tag, value in struct.iter_unpack(pair, dynamic[:whole]):
                if tag == 0:
                    break
                if tag == _DT_NEEDED:
                    names.append(strings[value:strings.index(b"\0", value)].decode())
            return names
    return []


def missing_libraries(files: Iterable[Path], private: Mapping[str, Path]) -> list[str]:
    """The system libraries that `files` need, directly or through the private ones (a name -> file
    map of what ships with the program), and that the dynamic loader cannot open here."""
    import ctypes

    pending = list(files)
    seen: set[str] = set()
    missing: list[str] = []
    while pending:
        for name in needed_libraries(pending.pop()):
            if name in seen:
                continue
            seen.add(name)
            if name in private:
                pending.append(private[name])
                continue
            try:
                ctypes.CDLL(name)
            except OSError as exc:
                # The loader names the first library it could not find: this one, or one it needs.
                found = _LOADER_MISSING.search(str(exc))
                absent = found.group(1) if found else name
                if absent not in missing:
                    missing.append(absent)
    return missing


def install_line(sonames: Iterable[str]) -> str:
    packages = sorted({SONAME_PACKAGES.get(name, "") for name in sonames} - {""})
    return f"sudo apt-get install {' '.join(packages)}" if packages else ""


def missing_sentence(sonames: list[str], what: str) -> str:
    """One sentence for the person at the PC: what is missing and the line that installs it."""
    unknown = [name for name in sonames if name not in SONAME_PACKAGES]
    line = install_line(sonames)
    fix = f"pasang dulu: {line}" if line else "pasang paket sistem yang menyediakannya"
    if unknown:
        fix += f" (paket untuk {', '.join(unknown)}: cari dengan 'apt-file search')"
    return f"Pustaka sistem untuk {what} tidak ada: {', '.join(sorted(sonames))}; {fix}."


def window_platform(env: Mapping[str, str] = os.environ) -> str:
    """The platform plugin Qt will start a window with: the one chosen in QT_QPA_PLATFORM, else
    wayland in a Wayland session, xcb with an X display, offscreen without either."""
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].split(":")[0]
    if system.WINDOWS:
        return "windows"
    if system.MACOS:
        return "cocoa"
    if env.get("WAYLAND_DISPLAY"):
        return "wayland"
    if env.get("DISPLAY"):
        return "xcb"
    return "offscreen"


def qt_folder() -> Path:
    """PySide6's Qt folder (lib/, plugins/), in the bundle or the Python environment, without
    importing Qt."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "PySide6" / "Qt"
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("PySide6 is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def private_libraries(folders: Iterable[Path]) -> dict[str, Path]:
    """name -> file for the shared libraries that ship with the program in these folders."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.so*")) if folder.is_dir() else []:
            found.setdefault(path.name, path)
    return found


def display_problem(platform: str, env: Mapping[str, str] = os.environ) -> str | None:
    """A sentence when the X server or Wayland compositor named by the environment does not answer."""
    import ctypes
    import socket

    if platform == "xcb":
        display = env.get("DISPLAY", "")
        xcb = ctypes.CDLL("libxcb.so.1")
        xcb.xcb_connect.restype = ctypes.c_void_p
        xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
        xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
        xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
        connection = xcb.xcb_connect(display.encode() or None, None)
        failed = xcb.xcb_connection_has_error(connection)
        xcb.xcb_disconnect(connection)  # also frees the error object xcb_connect returns on failure
        if failed:
            return (f"Layar X '{display}' tidak dapat dihubungi (DISPLAY={display}): jalankan dari sesi desktop "
                    "yang sedang terbuka, atau perbaiki DISPLAY dan izin X (xauth).")
    elif platform.startswith("wayland"):
        name = env.get("WAYLAND_DISPLAY", "wayland-0")
        path = name if name.startswith("/") else os.path.join(env.get("XDG_RUNTIME_DIR", ""), name)
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                probe.settimeout(2)
                probe.connect(path)
        except OSError:
            return (f"Layar Wayland '{name}' tidak dapat dihubungi ({path}): jalankan dari sesi desktop yang "
                    "sedang terbuka, atau perbaiki WAYLAND_DISPLAY dan XDG_RUNTIME_DIR.")
    return None


def window_problem(env: Mapping[str, str] = os.environ) -> str | None:
    """Before Qt starts a window: a missing library of the platform plugin or an unreachable display,
    as one sentence; None when Qt can start (and always on Windows and macOS, where the plugin and
    its libraries ship with the program)."""
    chosen = window_platform(env)
    if system.WINDOWS or system.MACOS or not (chosen == "xcb" or chosen.startswith("wayland")):
        return None
    return _plugin_problem(chosen) or display_problem(chosen, env)


def _plugin_problem(chosen: str) -> str | None:
    qt = qt_folder()
    plugin = qt / "plugins" / "platforms" / f"libq{chosen}.so"
    if not plugin.is_file():
        return None  # the smoke test names a missing plugin; Qt's own message is accurate there
    missing = missing_libraries([plugin], private_libraries([qt / "lib"]))
    return missing_sentence(missing, f"jendela Qt ({chosen})") if missing else None


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def installation_problem(env: Mapping[str, str] = os.environ) -> str | None:
    """For the smoke test: in the installed bundle, a library missing for any of its ELF files (every
    Qt plugin it ships, not only the one this session uses); from a checkout, for the platform plugin
    Qt will use. None when nothing is missing, and on Windows and macOS."""
    if system.WINDOWS or system.MACOS:
        return None
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        files = elf_files(Path(bundle))
        shipped = {path.name: path for path in Path(bundle).rglob("*.so*")}  # symbolic links' names too
        missing = missing_libraries(files, shipped)
        return missing_sentence(missing, "program ini") if missing else None
    return _plugin_problem(window_platform(env))
