"""The README's two commands proved from nothing: a minimal Debian (debootstrap minbase) holding only
python3, python3-venv and ca-certificates, then the README's list of X11 libraries. Before the list,
the demo names what is missing (with the line that installs it) instead of letting Qt abort; after
it, `python3 dev.py demo --smoke` reaches the log-in page offscreen and on the host's Xvfb, and
`python3 dev.py test tests/unit` passes with none of CI's KTP_REQUIRE_* variables set."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.installer.conftest import ROOT
from tests.installer.rootfs import UID, USER

# pip installs the project's dependencies from the package index, and the unit tests run: minutes.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]

CHECKOUT = f"/home/{USER}/ktp-mandiri"
BASE_PACKAGES = ["python3", "python3-venv", "ca-certificates"]


def readme_x11_packages() -> list[str]:
    """The packages of the README's `sudo apt-get install` line for a visible window (Quick start)."""
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    lines = re.findall(r"^sudo apt-get install (libegl1 .+)$", quick_start, re.MULTILINE)
    assert len(lines) == 1, "the Quick start should have one apt-get line for Qt's X11 libraries"
    return lines[0].split()


def copy_checkout(debian) -> None:
    """The working tree as git sees it (tracked and new files, nothing ignored: no .venv, build/ or dist/)."""
    names = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout
    target = debian.path / CHECKOUT.lstrip("/")
    target.mkdir(parents=True)
    archive = subprocess.run(["tar", "--null", "-T", "-", "-cf", "-"], cwd=ROOT, input=names, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-xf", "-", "-C", str(target)], input=archive, check=True)
    subprocess.run(["chown", "-R", f"{UID}:{UID}", str(target)], check=True)


def in_checkout(debian, command: str, env: dict[str, str] | None = None, timeout: float = 900):
    return debian.run(["sh", "-c", f"cd {CHECKOUT} && {command}"], user=True, env=env, check=False, timeout=timeout)


def installed(debian, packages: list[str]) -> set[str]:
    out = debian.run(["dpkg-query", "-W", "-f=${Package} ${Status}\n", *packages], check=False).stdout
    return {line.split()[0] for line in out.splitlines() if line.endswith("install ok installed")}


def test_the_readme_set_up_works_on_a_minimal_debian(debian, xvfb):
    debian.run(["apt-get", "update", "-qq"])
    debian.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *BASE_PACKAGES],
               env={"DEBIAN_FRONTEND": "noninteractive"})
    # The package index is reached through this machine's own trust store (it may hold a local
    # authority that Debian's ca-certificates does not).
    shutil.copy("/etc/ssl/certs/ca-certificates.crt", debian.path / "etc/ssl/certs/ca-certificates.crt")
    copy_checkout(debian)
    on_x = {"DISPLAY": xvfb["DISPLAY"]}

    # Without the X11 libraries: one sentence naming them and the line that installs them.
    bare = in_checkout(debian, "python3 dev.py demo --smoke", on_x)
    assert bare.returncode == 1, bare.stdout + bare.stderr
    sentence = re.search(r"^ktp-mandiri: Pustaka sistem untuk jendela Qt \(xcb\) tidak ada: .+; "
                         r"pasang dulu: sudo apt-get install ([a-z0-9.+ -]+)\.$", bare.stderr, re.MULTILINE)
    assert sentence, bare.stderr
    assert "Could not load the Qt platform plugin" not in bare.stderr and "Aborted" not in bare.stderr
    named = sentence.group(1).split()
    assert "libxcb-icccm4" in named and "libxcb-keysyms1" in named

    readme = readme_x11_packages()
    debian.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *readme],
               env={"DEBIAN_FRONTEND": "noninteractive"})
    assert installed(debian, named) == set(named), "the README's list must bring every library the check named"

    for env in ({"QT_QPA_PLATFORM": "offscreen"}, on_x):
        demo = in_checkout(debian, "python3 dev.py demo --smoke", env)
        assert demo.returncode == 0, f"{env}: {demo.stdout}\n{demo.stderr}"
        assert re.search(r"^ktp-mandiri: halaman log-in tampil setelah \d+ ms$", demo.stdout, re.MULTILINE)

    dead = in_checkout(debian, "python3 dev.py demo --smoke", {"DISPLAY": ":7391"})
    assert dead.returncode == 1
    assert "ktp-mandiri: Layar X ':7391' tidak dapat dihubungi" in dead.stderr

    unit = in_checkout(debian, "python3 dev.py test tests/unit -q -p no:cacheprovider", timeout=1800)
    assert unit.returncode == 0, unit.stdout[-6000:] + unit.stderr[-3000:]
    summary = unit.stdout.strip().splitlines()[-1]
    assert re.search(r"\d+ passed", summary) and "failed" not in summary and "error" not in summary, summary
