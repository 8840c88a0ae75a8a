"""The built installer against its budgets: .deb size, the bundled app's time to its main window,
and the oldest glibc the bundle runs on.

Needs a build: `scripts/build-installer` (dist/ by default; $KTP_DIST names another folder).
Start-up is timed with the bundle's own smoke test: the bench notes time.time() just before it
starts the executable and passes it as KTP_MANDIRI_STARTED_AT, and the smoke test's `jendela
utama` step reports when the main window was on screen with its first page usable, counted from
there. This includes the interpreter's start from the bundle, Qt's platform, creating and
migrating a new database and the window, i.e. a first start, so it is pessimistic for later ones.
Runs on Xvfb when it is installed (a real X server, as at a station), else offscreen.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from bench.common import Result, median

ROOT = Path(__file__).resolve().parent.parent
DEB_BUDGET_MB = 80
WINDOW_BUDGET_MS = 1500


def _dist() -> Path:
    dist = Path(os.environ.get("KTP_DIST") or ROOT / "dist")
    if not (dist / "ktp-mandiri" / "ktp-mandiri").is_file():
        raise RuntimeError(f"no bundle in {dist}: run scripts/build-installer first")
    return dist


def _xvfb() -> tuple[subprocess.Popen | None, dict[str, str]]:
    if shutil.which("Xvfb") is None:
        return None, {"QT_QPA_PLATFORM": "offscreen"}
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1366x768x24"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        return proc, {"DISPLAY": f":{pipe.readline().strip()}"}


def window_times(exe: Path, runs: int) -> tuple[list[float], str]:
    server, display = _xvfb()
    try:
        times = []
        for _ in range(runs + 1):  # the first run warms the page cache and is not counted
            env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8", **display,
                   "KTP_MANDIRI_STARTED_AT": repr(time.time())}
            proc = subprocess.run([str(exe), "--smoke-test"], env=env, capture_output=True, text=True, timeout=300)
            found = re.search(r"jendela utama \.\.\. OK \(siap (\d+) ms setelah mulai", proc.stdout)
            if proc.returncode != 0 or not found:
                raise RuntimeError(f"smoke test failed:\n{proc.stdout}\n{proc.stderr}")
            times.append(float(found.group(1)))
        return times[1:], "Xvfb" if server else "offscreen"
    finally:
        if server:
            server.terminate()
            server.wait()


def oldest_glibc(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file of the bundle asks for."""
    newest = (0, 0)
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", out):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def run(quick: bool) -> list[Result]:
    dist = _dist()
    results = []
    debs = sorted(dist.glob("ktp-mandiri_*.deb"))
    if debs:
        size_mb = debs[-1].stat().st_size / 1e6
        results.append(Result("bundle", f".deb size ({debs[-1].name})", size_mb, "MB",
                              target=f"< {DEB_BUDGET_MB} MB", ok=size_mb < DEB_BUDGET_MB))
    bundle = dist / "ktp-mandiri"
    installed = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    results.append(Result("bundle", "bundle installed size", installed, "MB"))
    times, where = window_times(bundle / "ktp-mandiri", 3 if quick else 9)
    results.append(Result("bundle", f"bundled app to main window, median ({where})", median(times), "ms",
                          target=f"< {WINDOW_BUDGET_MS} ms", ok=median(times) < WINDOW_BUDGET_MS,
                          note=f"{len(times)} runs after one untimed: {', '.join(f'{t:.0f}' for t in times)} ms"))
    results.append(Result("bundle", "bundled app to main window, max", max(times), "ms"))
    if shutil.which("objdump"):
        glibc = oldest_glibc(bundle)
        results.append(Result("bundle", "oldest glibc it runs on (newest GLIBC_ symbol in the bundle)",
                              float(glibc), "", note=f"glibc {glibc}; Debian 12 has 2.36, Ubuntu 22.04 2.35"))
    return results
