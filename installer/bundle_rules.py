"""What the station bundle leaves out, used by installer/ktp-mandiri.spec and checked by its tests.

PyInstaller's Qt hooks take every plugin of the kinds QtGui and QtPrintSupport can load and every
translation of Qt's modules; a card-printing station needs a few. The plugins kept are named below
(by file name without `lib` prefix and extension, so one list serves Linux and Windows); Qt's own
translations are kept for Indonesian and English only. The filter runs inside the PySide6 hooks
(`write_qt_hooks`), before PyInstaller follows library dependencies, so what only the dropped
plugins need (GTK, QtSvg, QtQuick, the EGLFS device integration, ...) is never collected.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath

EXECUTABLE = "ktp-mandiri"
CONSOLE_EXECUTABLE = "ktp-mandiri-cli"  # Windows only: the command line, beside the windowed program

# Plugin kinds and the plugins of each kind that are kept; a kind not listed is dropped whole.
# `None` keeps every plugin of the kind.
KEPT_PLUGINS: dict[str, set[str] | None] = {
    # xcb: X11 sessions (and Xvfb); wayland: Wayland sessions; offscreen: command line and smoke test
    # without a display; windows/cocoa: the other systems' platforms.
    "platforms": {"qxcb", "qwayland", "qwayland-generic", "qwayland-egl", "qoffscreen", "qwindows", "qcocoa"},
    "xcbglintegrations": None,
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": {"qt-plugin-wayland-egl"},
    # Dead keys and input methods (ibus) at the keyboard.
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    # Native file dialogs inside sandboxes and portals; GTK's theme would need GTK.
    "platformthemes": {"qxdgdesktopportal"},
    # Residents' photos from the regency server may be JPEG; PNG is built into QtGui.
    "imageformats": {"qjpeg"},
    # CUPS (Linux) for spooler:// printers; Windows' spooler support is built in.
    "printsupport": None,
    # Windows 11 / modern Windows widget style.
    "styles": None,
}

# Qt's own translation catalogues that are kept (the app's own are in resources/translations).
KEPT_QT_TRANSLATION = re.compile(r"^qt(base)?_(id|en)\.qm$")

# Never in the station bundle: the regency server and its libraries, test tools, Tk.
EXCLUDED_MODULES = [
    "server",
    "fastapi",
    "starlette",
    "uvicorn",
    "pydantic",
    "psycopg",
    "psycopg2",
    "pytest",
    "_pytest",
    "hypothesis",
    "tkinter",
]


def plugin_key(dest: str) -> tuple[str, str] | None:
    """(kind, name) for a Qt plugin's bundle path, e.g. ('platforms', 'qxcb'); None for anything else."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if "plugins" not in parts:
        return None
    at = parts.index("plugins")
    if "PySide6" not in parts[:at] or len(parts) != at + 3:
        return None
    kind, filename = parts[at + 1], parts[at + 2]
    stem = filename.split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return kind, stem


def keep_plugin(dest: str) -> bool:
    key = plugin_key(dest)
    if key is None:
        return True
    kind, name = key
    if kind not in KEPT_PLUGINS:
        return False
    names = KEPT_PLUGINS[kind]
    return names is None or name in names


def keep_translation(dest: str) -> bool:
    parts = PurePath(dest.replace("\\", "/")).parts
    if len(parts) < 2 or parts[-2] != "translations" or "PySide6" not in parts:
        return True  # not one of Qt's catalogues (ours live under resources/)
    return bool(KEPT_QT_TRANSLATION.match(parts[-1]))


# Where Debian/Ubuntu keep the libraries of their packages (/lib is /usr/lib on a merged system).
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def without_system_libraries(binaries):
    """Linux: drop the libraries PyInstaller found in the system's folders. The .deb declares the
    packages that provide them (dpkg-shlibdeps), so the bundle runs on the target's own X11, Wayland,
    EGL and CUPS libraries instead of copies from the build machine; what the Python wheels carry
    (Qt, ICU, numpy's OpenBLAS, Pillow's codecs, libusb) and the Python runtime stay in the bundle."""
    kept = []
    for dest, source, typecode in binaries:
        # Python's own extension modules stay, wherever the interpreter keeps them.
        if typecode == "BINARY" and os.path.realpath(source).startswith(SYSTEM_LIBRARY_DIRS):
            continue
        kept.append((dest, source, typecode))
    return kept


def strip_runtime_debug(binaries, runtime_prefix: str, work_dir):
    """Linux: copies without debug information of the Python runtime's own libraries (libpython and
    the standard library's extension modules, about half their size when the interpreter was built
    with -g). Libraries from wheels are left alone: `strip` breaks the ones auditwheel rewrote
    (numpy's OpenBLAS then fails with "ELF load command address/offset not page-aligned")."""
    import shutil
    import subprocess

    prefix = os.path.realpath(runtime_prefix) + os.sep
    out = Path(work_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = []
    for dest, source, typecode in binaries:
        real = os.path.realpath(source)
        if real.startswith(prefix) and "site-packages" not in real and "dist-packages" not in real:
            stripped = out / dest
            stripped.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(real, stripped)
            subprocess.check_call(["strip", "--strip-debug", str(stripped)])
            source = str(stripped)
        result.append((dest, source, typecode))
    return result


def qt_hook(hook_file: str):
    """A PySide6 module's hook: what PyInstaller's own hook collects, less the plugins and translations
    left out."""
    from PyInstaller.utils.hooks.qt import add_qt6_dependencies

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    return hiddenimports, _kept(binaries), _kept(datas)


def _kept(entries):
    kept = []
    for source, dest_dir in entries:
        dest = f"{dest_dir}/{PurePath(source).name}"
        if keep_plugin(dest) and keep_translation(dest):
            kept.append((source, dest_dir))
    return kept


HOOK_TEMPLATE = (
    "# Written by installer/ktp-mandiri.spec: PyInstaller's hook for this module, filtered.\n"
    "from bundle_rules import qt_hook\n\n"
    "hiddenimports, binaries, datas = qt_hook(__file__)\n"
)


def write_qt_hooks(pyside_dir, hooks_dir) -> None:
    """One hook per PySide6 module present, so that a module the app starts to use is filtered too."""
    hooks = Path(hooks_dir)
    hooks.mkdir(parents=True, exist_ok=True)
    for module in sorted(Path(pyside_dir).glob("Qt*.*")):
        name = module.name.split(".")[0]
        if module.suffix in (".so", ".pyd") and name.isidentifier():
            (hooks / f"hook-PySide6.{name}.py").write_text(HOOK_TEMPLATE, encoding="utf-8")
