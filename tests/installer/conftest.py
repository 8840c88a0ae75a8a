"""Fixtures of the installer tests: the built bundle and packages, a minimal Debian root, Xvfb.

These tests need a build (scripts/build-installer, a few minutes) and are collected only when
KTP_DIST names its output folder; .ci/run builds both releases and runs them in its own stage, where
every prerequisite missing (root, debootstrap, Xvfb, the previous release's .deb) fails the run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import tomllib
from pathlib import Path

import pytest

from tests.helpers.prerequisites import require, require_root, require_tool
from tests.installer.rootfs import Rootfs, make_base, remove_tree, roots_dir

ROOT = Path(__file__).resolve().parents[2]
EXECUTABLE = "ktp-mandiri"


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


@pytest.fixture(scope="session")
def dist() -> Path:
    path = Path(os.environ["KTP_DIST"]).resolve()
    assert path.is_dir(), f"KTP_DIST={path} is not a folder: run scripts/build-installer first"
    return path


@pytest.fixture(scope="session")
def bundle(dist) -> Path:
    path = dist / EXECUTABLE
    assert (path / EXECUTABLE).is_file(), f"no bundle in {path}"
    return path


@pytest.fixture(scope="session")
def deb(dist) -> Path:
    found = sorted(dist.glob(f"{EXECUTABLE}_{project_version()}_*.deb"))
    assert len(found) == 1, f"expected one .deb of version {project_version()} in {dist}, found {found}"
    return found[0]


@pytest.fixture(scope="session")
def previous_deb() -> Path:
    """The previous release's .deb (KTP_PREVIOUS_DEB; .ci/run builds it from installer/previous-release)."""
    value = os.environ.get("KTP_PREVIOUS_DEB", "")
    require(bool(value) and Path(value).is_file(), "KTP_PREVIOUS_DEB: the previous release's .deb")
    return Path(value)


@pytest.fixture(scope="session")
def debian_base() -> Path:
    require_root("chroot and mount for the minimal Debian root")
    require_tool("debootstrap", "debootstrap")
    base = Path(tempfile.mkdtemp(prefix="base-", dir=roots_dir()))
    yield make_base(base / "root")
    remove_tree(base)


@pytest.fixture(scope="session")
def xvfb() -> dict[str, str]:
    """A real X server (Xvfb) for the whole session: {'DISPLAY': ':N', 'socket_dir': ...}."""
    require_tool("Xvfb", "xvfb")
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1366x768x24"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    # Reached from the minimal Debian too: Xvfb also listens on the abstract socket, which a chroot shares.
    yield {"DISPLAY": f":{number}"}
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def debian(debian_base) -> Rootfs:
    """A fresh copy of the minimal Debian root for one test."""
    root = Rootfs(debian_base)
    yield root
    root.close()
