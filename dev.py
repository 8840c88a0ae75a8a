"""Bootstrap for a fresh machine that has only Python 3.11+.

    python dev.py demo      start the GUI in demo mode (throw-away data, demo residents, simulated printer)
    python dev.py demo --smoke     the same, but quit with 0 once the log-in page is on screen
    python dev.py demo --regency   a local regency server and two enrolled stations of one hub
    python dev.py test      run the test suite offscreen on both cores (ruff + pytest -n 2), all but
                            the tests marked `slow` (over 10 s alone: the fault run)
    python dev.py test --all      the same with the slow tests (what CI runs)
    python dev.py test PATHS...   only the tests named, slow or not
    python dev.py run ARGS  run `ktp-mandiri ARGS` inside the project's environment
    python dev.py bench     run the benchmarks and print their table

Each command creates `.venv` next to this file on first use and installs what the project needs;
later runs reuse it and reinstall only when pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("KTP_MANDIRI_VENV", ROOT / ".venv"))


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment(extras: str) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may run on an older system Python
        sys.exit(f"KTP-el Mandiri needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print(f"Creating the virtual environment in {VENV} ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except Exception as exc:  # ensurepip missing on a bare Debian/Ubuntu
            sys.exit(
                f"Could not create a virtual environment ({exc}).\n"
                "On Debian/Ubuntu install it first: sudo apt-get install python3-venv"
            )
    spec = f".[{extras}]" if extras else "."
    stamp = VENV / f".ktp-installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("Installing KTP-el Mandiri and its dependencies ...", flush=True)
        subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "-e", spec], cwd=ROOT)
        stamp.write_text(digest)
    return python


def run(cmd: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.call(cmd, cwd=ROOT, env={**os.environ, **(env or {})})


def pytest_arguments(args: list[str]) -> list[str]:
    """What `dev.py test ARGS` passes to pytest: both cores, a regency server's tests on one worker
    (they share its server, tests/conftest.py), and without the slow tests unless `--all` or tests
    are named. The installer tests (KTP_DIST) stay serial: they share one Debian root."""
    everything = "--all" in args
    args = [a for a in args if a != "--all"]
    chosen = any(a.startswith("tests") or "::" in a or a.endswith(".py") for a in args)
    marked = any(a == "-m" or a.startswith("-m") and not a.startswith("--") for a in args)
    serial = (os.environ.get("KTP_DIST") or any(a in ("--collect-only", "--co", "no:xdist", "--pdb") for a in args)
              or any(a == "-n" or a.startswith(("-n", "--numprocesses", "--dist")) for a in args))
    extra = [] if serial else ["-n", "2", "--dist", "loadgroup"]
    if not (everything or chosen or marked):
        extra += ["-m", "not slow"]
    return [*extra, *args]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    rest = argv[1:]
    if command == "demo" and "--regency" in rest:
        # The whole system on one machine: a local server and two enrolled stations of one hub.
        python = ensure_environment("server")
        return run([str(python), "-m", "devtools.regency_demo", *[a for a in rest if a != "--regency"]])
    if command == "demo":
        python = ensure_environment("")
        rest = ["--exit-when-ready" if arg == "--smoke" else arg for arg in rest]
        return run([str(python), "main.py", "--demo", *rest])
    if command == "run":
        python = ensure_environment("")
        return run([str(python), "main.py", *rest])
    if command == "test":
        python = ensure_environment("test,server")
        env = {"QT_QPA_PLATFORM": "offscreen"}
        status = run([str(python), "-m", "ruff", "check", "."], env)
        if status != 0:
            print("ruff found problems (see above).", file=sys.stderr)
            return status
        return run([str(python), "-m", "pytest", *pytest_arguments(rest)], env)
    if command == "bench":
        python = ensure_environment("test,server")
        return run([str(python), "-m", "bench", *rest], {"QT_QPA_PLATFORM": "offscreen"})
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
