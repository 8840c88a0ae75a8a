"""Running commands as a user without root, since root ignores file modes.

As root (CI) the commands run as uid 65534 through `setpriv`; without root they run as this user,
who is unprivileged already. A second unprivileged account (uid 65533) plays "another user of the PC".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.helpers.fixtures import make_station
from tests.helpers.prerequisites import missing
from tests.helpers.processes import cli_command, cli_env

NOBODY = 65534
OTHER_ACCOUNT = 65533


def unprivileged_prefix(uid: int = NOBODY) -> list[str]:
    """How to run a command so that file modes apply: as is without root, else as `uid`."""
    if os.name == "nt" or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        missing("setpriv (util-linux), to run the permission tests as an unprivileged user")
    prefix = [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    check = subprocess.run([*prefix, *cli_command("/nonexistent", "--help")], env=cli_env(), cwd="/",
                           capture_output=True, text=True)
    if check.returncode != 0:
        missing(f"uid {uid} must be able to read this checkout and its .venv ({check.stderr.strip()[-200:]})")
    return prefix


def as_unprivileged(prefix: list[str], data: Path, *args: str, umask: int | None = None,
                    env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command line as that user; `umask` as the login shell would have set it before."""
    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run([*prefix, *cli_command(data, *args)], env=env or cli_env(), cwd="/",
                          capture_output=True, text=True, timeout=120, preexec_fn=set_umask)


def give_to(prefix: list[str], path: Path, uid: int = NOBODY) -> None:
    """Hand a folder and all in it to the unprivileged user (nothing to do without root)."""
    if prefix:
        for item in [path, *path.rglob("*")]:
            os.chown(item, uid, uid)


@pytest.fixture
def nobodys_station():
    """A station whose data folder belongs to the unprivileged user the commands run as."""
    prefix = unprivileged_prefix()
    base = Path(tempfile.mkdtemp(prefix="ktp-perm-"))
    base.chmod(0o755)
    station = make_station(base)
    data = station.services.data_dir
    station.services.close()
    give_to(prefix, data)
    yield prefix, data
    for path in [data, *data.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    shutil.rmtree(base)
