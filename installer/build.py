"""Build the station bundle (PyInstaller, one folder) and its installer into dist/.

    python3 installer/build.py                    # = scripts/build-installer
    python3 installer/build.py --source DIR       # bundle another source tree
    python3 installer/build.py --git-ref REF --dist build/previous/dist --work build/previous
                                                  # a commit of this repository (the previous release)
    python3 installer/build.py --no-package       # the bundle only

Linux: dist/ktp-mandiri/ (the bundle), dist/ktp-mandiri_<version>_<arch>.deb and dist/SHA256SUMS.
Windows: dist/ktp-mandiri/ and, when NSIS's makensis is on PATH, dist/ktp-mandiri-<version>-setup.exe.
Both: dist/ktp-mandiri.modules (the Python modules in the bundle, from PyInstaller's table of contents).

The build runs in its own virtual environment (build/venv-<hash>), with the source tree's
dependencies (no extras: the regency server's libraries stay out) and a pinned PyInstaller.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import os
import shutil
import subprocess
import sys
import time
import tomllib
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # desktop.system_libraries, for the .deb's ELF files

import bundle_rules  # noqa: E402

# Pinned: a new PyInstaller or Qt hook can change what is collected; raise them on purpose.
BUILD_REQUIREMENTS = ["pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9"]
SPEC = HERE / "ktp-mandiri.spec"


def log(text: str) -> None:
    print(f"[build-installer] {text}", flush=True)


def read_project(source: Path) -> dict:
    with (source / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]


def build_environment(work: Path, dependencies: list[str]) -> Path:
    """A virtual environment with the app's dependencies and PyInstaller; reused while they stay the same."""
    wanted = "\n".join([*dependencies, *BUILD_REQUIREMENTS, sys.version])
    env_dir = work / f"venv-{hashlib.sha256(wanted.encode()).hexdigest()[:10]}"
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    stamp = env_dir / ".ktp-build-requirements"
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    log(f"creating the build environment in {env_dir}")
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", *dependencies, *BUILD_REQUIREMENTS])
    stamp.write_text(wanted, encoding="utf-8")
    return python


def run_pyinstaller(python: Path, source: Path, work: Path) -> Path:
    """The one-folder bundle, under work/pyinstaller/dist/."""
    dist = work / "pyinstaller" / "dist"
    env = {**os.environ, "KTP_SOURCE": str(source), "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.check_call(
        [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work / "pyinstaller" / "work"), str(SPEC)],
        cwd=work, env=env,
    )
    return dist / bundle_rules.EXECUTABLE


def export_git_ref(ref: str, work: Path) -> Path:
    """The tree of a commit of this repository, for building an earlier release."""
    target = work / "src"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def write_module_list(work: Path, out: Path) -> None:
    """The modules PyInstaller put into the bundle's archive, one per line (from its PYZ table)."""
    toc = work / "pyinstaller" / "work" / bundle_rules.EXECUTABLE / "PYZ-00.toc"
    _archive, entries = ast.literal_eval(toc.read_text(encoding="utf-8"))
    out.write_text("".join(f"{name}\n" for name in sorted({entry[0] for entry in entries})), encoding="utf-8")


def check_bundle(bundle: Path) -> list[str]:
    """What a working bundle must contain; one line per problem."""
    problems = []
    internal = bundle / "_internal"
    exe = bundle / (bundle_rules.EXECUTABLE + (".exe" if os.name == "nt" else ""))
    if not exe.is_file():
        problems.append(f"no executable {exe.name}")
    if os.name == "nt" and not (bundle / f"{bundle_rules.CONSOLE_EXECUTABLE}.exe").is_file():
        problems.append(f"no console executable {bundle_rules.CONSOLE_EXECUTABLE}.exe (the command line)")
    plugins = next(internal.glob("PySide6/**/plugins/platforms"), None)
    found = {bundle_rules.plugin_key(str(p.relative_to(internal)))[1] for p in plugins.iterdir()} if plugins else set()
    needed = {"qoffscreen", *({"qwindows"} if os.name == "nt" else {"qxcb", "qwayland"})}
    if needed - found:
        problems.append(f"Qt platform plugins missing: {sorted(needed - found)}")
    if not list(internal.glob("libusb-1.0*")):
        problems.append("the libusb library is missing next to the executable")
    for required in ("resources/translations", "resources/fonts", "resources/data"):
        if not (internal / required).is_dir():
            problems.append(f"{required} missing")
    if not list((internal / "resources" / "translations").glob("*.qm")):
        problems.append("no compiled translations (.qm)")
    for unwanted in ("server", "fastapi", "uvicorn", "psycopg", "psycopg2"):
        if (internal / unwanted).exists():
            problems.append(f"{unwanted} must not be in the station bundle")
    return problems


def sha256sums(directory: Path, names: list[str]) -> Path:
    lines = []
    for name in sorted(names):
        digest = hashlib.sha256((directory / name).read_bytes()).hexdigest()
        lines.append(f"{digest}  {name}\n")
    out = directory / "SHA256SUMS"
    out.write_text("".join(lines), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT, help="source tree to bundle (default: this one)")
    parser.add_argument("--git-ref", help="bundle this commit or tag of the repository instead (exported to WORK/src)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="build folder (default: build/)")
    parser.add_argument("--no-package", action="store_true", help="build the bundle only, no .deb / setup.exe")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    started = time.monotonic()
    source = export_git_ref(args.git_ref, work) if args.git_ref else args.source.resolve()
    project = read_project(source)
    version = project["version"]
    log(f"{project['name']} {version} from {source}")

    python = build_environment(work, project.get("dependencies", []))
    built = run_pyinstaller(python, source, work)
    problems = check_bundle(built)
    if problems:
        for problem in problems:
            log(f"PROBLEM: {problem}")
        return 1
    dist.mkdir(parents=True, exist_ok=True)
    bundle = dist / bundle_rules.EXECUTABLE
    if bundle.exists():
        shutil.rmtree(bundle)
    shutil.move(str(built), str(bundle))
    write_module_list(work, dist / f"{bundle_rules.EXECUTABLE}.modules")
    log(f"bundle: {bundle} ({time.monotonic() - started:.0f} s)")

    if not args.no_package:
        packages = []
        if sys.platform.startswith("linux"):
            import deb

            packages.append(deb.build_deb(bundle, source, version, dist, work / "deb"))
        elif os.name == "nt":
            import nsis

            setup = nsis.build_setup(bundle, version, dist)
            if setup:
                packages.append(setup)
        for package in packages:
            log(f"package: {package} ({package.stat().st_size / 1e6:.1f} MB)")
        if packages:
            sha256sums(dist, [p.name for p in packages])
    log(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
