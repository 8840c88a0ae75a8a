"""A minimal Debian (debootstrap --variant=minbase) to install the .deb into, as a chroot.

Only what the package's Depends bring is installed there, so the smoke test run inside proves the
Depends rather than the libraries of the machine that built the bundle. The only mount is /proc
(debootstrap made the device nodes in the root's /dev); the X server is reached through its
abstract socket, which a chroot shares with the host. Roots live in a folder of their own
($KTP_ROOTFS_DIR, default /var/tmp/ktp-installer-roots), never in pytest's temporary folders, and
are deleted with `rm --one-file-system`, which cannot cross into a mount left by a killed run.

Mirror and suite are the host's own (its apt sources and /etc/os-release), so CI downloads from the
mirror apt already uses; KTP_DEBIAN_MIRROR / KTP_DEBIAN_SUITE override them. KTP_ROOTFS_CACHE names
a tarball to reuse between local runs (made on first use); CI builds a fresh root every run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

DEFAULT_MIRROR = "http://deb.debian.org/debian"
USER, UID = "petugas", 1500
BASE_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}


def host_suite() -> str:
    if os.environ.get("KTP_DEBIAN_SUITE"):
        return os.environ["KTP_DEBIAN_SUITE"]
    release = Path("/etc/os-release").read_text()
    match = re.search(r"^VERSION_CODENAME=\"?([a-z]+)", release, re.MULTILINE)
    if not match or "ID=debian" not in release:
        raise RuntimeError("the installer tests build a Debian root; set KTP_DEBIAN_SUITE (e.g. bookworm)")
    return match.group(1)


def host_mirror() -> str:
    """The Debian mirror in the host's apt sources (deb822 .sources or one-line .list files)."""
    if os.environ.get("KTP_DEBIAN_MIRROR"):
        return os.environ["KTP_DEBIAN_MIRROR"]
    files = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in files:
        if not path.is_file() or path.suffix not in ("", ".list", ".sources"):
            continue
        for uri in re.findall(r"(?:^URIs:|^deb)\s+(?:\[[^]]*\]\s+)?(\S+)", path.read_text(), re.MULTILINE):
            if uri.rstrip("/").endswith("/debian"):
                return uri.rstrip("/")
    return DEFAULT_MIRROR


def make_base(dest: Path) -> Path:
    """debootstrap --variant=minbase into dest (or unpack the cached tarball)."""
    cache = os.environ.get("KTP_ROOTFS_CACHE")
    if cache and Path(cache).is_file():
        dest.mkdir(parents=True)
        with tarfile.open(cache) as tar:
            tar.extractall(dest, filter="fully_trusted")
        return dest
    subprocess.run(
        ["debootstrap", "--variant=minbase", host_suite(), str(dest), host_mirror()],
        check=True, capture_output=True, text=True,
    )
    if cache:
        with tarfile.open(cache, "w") as tar:
            tar.add(dest, arcname=".")
    return dest


def roots_dir() -> Path:
    path = Path(os.environ.get("KTP_ROOTFS_DIR", "/var/tmp/ktp-installer-roots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def remove_tree(path: Path) -> None:
    """Delete a root, never following a mount point into another file system."""
    subprocess.run(["rm", "-rf", "--one-file-system", str(path)], check=False)


class Rootfs:
    """A copy of the base root with /proc mounted, for `apt-get install` and the program."""

    def __init__(self, base: Path) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="root-", dir=roots_dir()))
        self._proc: Path | None = None
        self._updated = False
        subprocess.run(["cp", "-a", f"{base}/.", str(self.path)], check=True)
        shutil.copy("/etc/resolv.conf", self.path / "etc" / "resolv.conf")
        subprocess.run(["mount", "-t", "proc", "proc", str(self.path / "proc")], check=True)
        self._proc = self.path / "proc"
        self.run(["useradd", "--create-home", "--uid", str(UID), "--user-group", USER])

    @property
    def home(self) -> Path:
        return self.path / "home" / USER

    def run(self, cmd: list[str], *, user: bool = False, env: dict[str, str] | None = None,
            check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run in the root with a clean environment; as the unprivileged user when `user`."""
        userspec = [f"--userspec={UID}:{UID}"] if user else []
        home = f"/home/{USER}" if user else "/root"
        variables = [f"{k}={v}" for k, v in {**BASE_ENV, "HOME": home, **(env or {})}.items()]
        proc = subprocess.run(
            ["chroot", *userspec, str(self.path), "env", "-i", *variables, *cmd],
            capture_output=True, text=True, timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
        return proc

    def apt_install(self, deb: Path) -> subprocess.CompletedProcess:
        """`apt-get install ./x.deb` as an IT officer would, without Recommends (Depends must suffice)."""
        target = self.path / "tmp" / deb.name
        shutil.copy(deb, target)
        if not self._updated:
            self.run(["apt-get", "update", "-qq"])
            self._updated = True
        return self.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", f"/tmp/{deb.name}"],
            env={"DEBIAN_FRONTEND": "noninteractive"},
        )

    def close(self) -> None:
        if self._proc is not None:
            subprocess.run(["umount", "--lazy", str(self._proc)], check=False)
        remove_tree(self.path)
