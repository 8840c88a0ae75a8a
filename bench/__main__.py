"""`python -m bench [NAME...] [--quick] [--residents N]`: run the bench_*.py modules and print one table.

Exit status: 0 when every target was met, 1 when one was missed or a module crashed, 2 for a bad
command line. A crash in one module is reported as an ERROR row; the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import pkgutil
import platform
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

from bench.common import Result, format_table

PACKAGE_DIR = Path(__file__).resolve().parent
PREFIX = "bench_"


def discover() -> list[str]:
    """Short names ("lookup", "startup", ...) of the bench_*.py modules, in alphabetical order."""
    names = [m.name[len(PREFIX):] for m in pkgutil.iter_modules([str(PACKAGE_DIR)]) if m.name.startswith(PREFIX)]
    return sorted(names)


def run_one(name: str, quick: bool) -> list[Result]:
    started = time.perf_counter()
    print(f"[bench] {name}: running{' (quick)' if quick else ''} ...", file=sys.stderr, flush=True)
    try:
        module = importlib.import_module(f"bench.{PREFIX}{name}")
        results = list(module.run(quick))
    except Exception as exc:
        traceback.print_exc()
        results = [Result(name, "run", math.nan, "", error=f"{type(exc).__name__}: {exc}",
                          note=f"crashed: {type(exc).__name__}: {exc}")]
    elapsed = time.perf_counter() - started
    print(f"[bench] {name}: done in {elapsed:.1f} s", file=sys.stderr, flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    available = discover()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"benchmarks to run (default all: {', '.join(available)})")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run of about a minute")
    parser.add_argument("--residents", type=int, metavar="N",
                        help="residents in the regency database of the lookup, scan and startup benchmarks "
                             "(default 3,500,000, 50,000 with --quick; each size is built once and cached)")
    args = parser.parse_args(argv)
    if args.residents:
        os.environ["KTP_BENCH_RESIDENTS"] = str(args.residents)  # read by bench/resident_db.resident_count()
    names = [n.removeprefix(PREFIX) for n in args.names] or available
    unknown = [n for n in names if n not in available]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; available: {', '.join(available)}")

    results: list[Result] = []
    for name in names:
        results.extend(run_one(name, args.quick))

    mode = "quick" if args.quick else "full"
    # Other work on the machine shows up in tail latencies; the load average says how busy it was.
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"\nKTP-el Mandiri benchmarks ({mode}), {datetime.now():%Y-%m-%d %H:%M}, "
          f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average at the end {load}\n")
    print(format_table(results))
    failed = any(r.error or r.ok is False for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
