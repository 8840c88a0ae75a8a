"""The station's .deb: the bundle under /opt, a launcher, a desktop entry and icon, the udev rule.

Depends are computed, not written by hand: dpkg-shlibdeps reads every ELF file of the bundle and
names the Debian packages (with minimum versions) that provide the libraries they link to, so a
plugin or library added to the bundle brings its packages along. Per-user data is never touched by
the package: it lives in each user's data folder, the app migrates it on the first start of the new
version (after a backup copy), and removal or purge leave it in place.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import bundle_rules

from desktop.system_libraries import elf_files

HERE = Path(__file__).resolve().parent
PACKAGE = "ktp-mandiri"
INSTALL_DIR = Path("/opt") / PACKAGE
MAINTAINER = "Disdukcapil KTP-el Mandiri <ti@disdukcapil.invalid>"
# Not found by dpkg-shlibdeps because nothing links to them: Qt loads them by name at run time, or
# the printers need them. (Kept short: every line here must say why.)
EXTRA_DEPENDS = [
    # Qt's xcb platform opens the X keyboard extension's data and the xkb files through libxkbcommon.
    "xkb-data",
    # desktop/devices/cups.py loads libcups.so.2 with ctypes (spooler:// printers).
    "libcups2",
]
RECOMMENDS = ["cups-client"]  # spooler:// printers go through CUPS; lpstat shows the queues
DESCRIPTION = """KTP-el Mandiri station: print the e-KTP at the kecamatan office
 Verify the citizen by NIK, preview and print the card on a USB card printer,
 and keep every blank card and the daily quota accounted for, offline first.
 Data lives in each user's data folder and is kept on upgrade and removal."""


def architecture() -> str:
    return subprocess.check_output(["dpkg", "--print-architecture"], text=True).strip()


def shlib_depends(staging: Path, log_file: Path) -> list[str]:
    """Debian packages (with versions) that the bundle's ELF files link to, from dpkg-shlibdeps."""
    elves = elf_files(staging / INSTALL_DIR.relative_to("/"))
    private = sorted({f"-l{p.parent}" for p in elves})
    work = staging.parent / "shlibdeps"
    (work / "debian").mkdir(parents=True, exist_ok=True)
    (work / "debian" / "control").write_text(f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n",
                                                 encoding="utf-8")
    result = subprocess.run(
        ["dpkg-shlibdeps", "-O", "--warnings=0", *private, *[f"-e{p}" for p in elves]],
        cwd=work, capture_output=True, text=True,
    )
    log_file.write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise SystemExit(f"dpkg-shlibdeps failed (see {log_file}):\n{result.stderr[-2000:]}")
    line = next(x for x in result.stdout.splitlines() if x.startswith("shlibs:Depends="))
    return [dep.strip() for dep in line.split("=", 1)[1].split(",") if dep.strip()]


def _normalise_modes(tree: Path) -> None:
    """Directories and executables 0755, other files 0644; dpkg-deb makes root the owner."""
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _stage(bundle: Path, source: Path, staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)
    target = staging / INSTALL_DIR.relative_to("/")
    shutil.copytree(bundle, target, symlinks=True)
    usr = staging / "usr"
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / PACKAGE).symlink_to(INSTALL_DIR / bundle_rules.EXECUTABLE)
    apps = usr / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(HERE / "linux" / f"{PACKAGE}.desktop", apps)
    icons = source / "resources" / "icons"
    for icon, size in ((icons / f"{PACKAGE}.png", "256x256"), (icons / f"{PACKAGE}.svg", "scalable")):
        if icon.exists():
            folder = usr / "share" / "icons" / "hicolor" / size / "apps"
            folder.mkdir(parents=True)
            shutil.copy(icon, folder)
    rules = usr / "lib" / "udev" / "rules.d"
    rules.mkdir(parents=True)
    for rule in sorted((source / "resources" / "udev").glob("*.rules")):
        shutil.copy(rule, rules)
    doc = usr / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy(HERE / "linux" / "copyright", doc / "copyright")
    _normalise_modes(staging)


def _control(staging: Path, version: str, depends: list[str]) -> str:
    size_kb = sum(p.stat().st_size for p in staging.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {architecture()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )


def _md5sums(staging: Path) -> str:
    lines = []
    for path in sorted(staging.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.relative_to(staging).parts:
            digest = hashlib.md5(path.read_bytes()).hexdigest()  # dpkg's format; not a security check
            lines.append(f"{digest}  {path.relative_to(staging).as_posix()}\n")
    return "".join(lines)


def debian_version(version: str) -> str:
    """PEP 440 pre-releases sort before the release in Debian only with a tilde: 0.2.0rc1 -> 0.2.0~rc1."""
    return re.sub(r"(\d)(a|b|rc|dev)", r"\1~\2", version)


def build_deb(bundle: Path, source: Path, version: str, dist: Path, work: Path) -> Path:
    staging = work / "root"
    _stage(bundle, source, staging)
    debian = staging / "DEBIAN"  # before dpkg-shlibdeps: it marks the tree whose libraries are private
    debian.mkdir()
    depends = sorted(set(shlib_depends(staging, work / "dpkg-shlibdeps.log")) | set(EXTRA_DEPENDS))
    deb_version = debian_version(version)
    (debian / "control").write_text(_control(staging, deb_version, depends), encoding="utf-8")
    (debian / "md5sums").write_text(_md5sums(staging), encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copy(HERE / "linux" / script, debian / script)
        (debian / script).chmod(0o755)
    out = dist / f"{PACKAGE}_{deb_version}_{architecture()}.deb"
    subprocess.check_call(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(out)], stdout=subprocess.DEVNULL
    )
    return out
