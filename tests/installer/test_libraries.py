"""Every system library the built bundle links to comes from a package that the build machine is
told to install (installer/build-deps.txt), found with binutils' readelf and the dynamic loader's ldd,
not with the application's own reader; and the soname -> package table that the application uses to
name a missing library agrees with dpkg's own records."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from desktop.system_libraries import SONAME_PACKAGES
from tests.helpers.prerequisites import require_tool
from tests.installer.conftest import ROOT

pytestmark = pytest.mark.timeout(600)


def listed_packages() -> set[str]:
    lines = (ROOT / "installer" / "build-deps.txt").read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def bundle_elf_files(bundle: Path) -> list[Path]:
    files = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            files.append(path)
    return files


def direct_system_needs(bundle: Path) -> dict[str, list[Path]]:
    """soname -> the bundle's files that name it as NEEDED, for every soname the bundle does not ship."""
    readelf = require_tool("readelf", "binutils")
    shipped = {path.name for path in bundle.rglob("*.so*")}
    needs: dict[str, list[Path]] = {}
    for path in bundle_elf_files(bundle):
        dynamic = subprocess.run([readelf, "-d", str(path)], capture_output=True, text=True, check=True).stdout
        for name in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic):
            if name not in shipped:
                needs.setdefault(name, []).append(path)
    return needs


def test_ldd_finds_every_library_of_every_file_of_the_bundle(bundle):
    ldd = require_tool("ldd", "libc-bin")
    problems = []
    for path in bundle_elf_files(bundle):
        out = subprocess.run([ldd, str(path)], capture_output=True, text=True).stdout
        for name in re.findall(r"^\s*(\S+) => not found", out, re.MULTILINE):
            package = SONAME_PACKAGES.get(name, "unknown: add it to desktop/system_libraries.SONAME_PACKAGES")
            problems.append(f"{name} (package {package}) is missing, needed by {path.relative_to(bundle)}")
    assert not problems, "\n".join(sorted(set(problems)))


def test_every_library_the_bundle_needs_is_in_the_table_and_its_package_in_build_deps(bundle):
    listed = listed_packages()
    problems = []
    for name, users in sorted(direct_system_needs(bundle).items()):
        package = SONAME_PACKAGES.get(name)
        if package is None:
            problems.append(f"{name} (needed by {users[0].relative_to(bundle)}) is not in SONAME_PACKAGES")
        elif package not in listed:
            problems.append(f"{name} (package {package}) is not in installer/build-deps.txt")
    assert not problems, "\n".join(problems)
    assert "libxcb-icccm.so.4" in direct_system_needs(bundle), "the xcb platform plugin must be in the bundle"


def test_the_table_names_the_package_dpkg_says_owns_each_library(bundle):
    dpkg = require_tool("dpkg-query", "dpkg")
    wrong = []
    for name in sorted(direct_system_needs(bundle)):
        owners = subprocess.run([dpkg, "-S", f"*/{name}"], capture_output=True, text=True).stdout
        packages = {line.split(":")[0] for line in owners.splitlines() if line.strip()}
        if SONAME_PACKAGES.get(name) not in packages:
            wrong.append(f"{name}: table says {SONAME_PACKAGES.get(name)}, dpkg says {sorted(packages)}")
    assert not wrong, "\n".join(wrong)


def test_nothing_in_build_deps_is_left_over(bundle):
    needed = {SONAME_PACKAGES.get(name) for name in direct_system_needs(bundle)}
    assert listed_packages() - needed == set(), "packages the bundle no longer links to"
