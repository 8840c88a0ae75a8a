"""What every benchmark module shares: the Result row, percentiles, the data directory, the table."""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR_ENV = "KTP_BENCH_DIR"
DEFAULT_BENCH_DIR = Path("/tmp/ktp-bench")


@dataclass(frozen=True)
class Result:
    """One measured number. `ok` is None when the number has no target (shown for reading only)."""

    name: str  # the benchmark module's short name, e.g. "lookup"
    metric: str  # what was measured, e.g. "find p99 (3,500,000 residents)"
    value: float
    unit: str  # "ms", "s", "x", "rows/s", ...
    target: str = ""  # human-readable, e.g. "< 0.5 ms"
    ok: bool | None = None
    note: str = ""
    error: str = ""  # set by the runner when the module crashed; the row then says ERROR

    @property
    def verdict(self) -> str:
        if self.error:
            return "ERROR"
        if self.ok is None:
            return "-"
        return "ok" if self.ok else "MISSED"


def bench_dir() -> Path:
    """Where generated data sets are cached between runs ($KTP_BENCH_DIR, default /tmp/ktp-bench)."""
    path = Path(os.environ.get(BENCH_DIR_ENV) or DEFAULT_BENCH_DIR).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: p99 of 20,000 samples is the 19,800th smallest, an observed value."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def format_value(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    elif abs(value) >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    return f"{text} {unit}".strip()


def format_table(results: Sequence[Result]) -> str:
    """A plain-text table, also valid as a Markdown table so it can be pasted into docs/benchmarks.md."""
    header = ("name", "metric", "value", "target", "verdict")
    rows = [(r.name, r.metric, format_value(r.value, r.unit), r.target or "-", r.verdict) for r in results]
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(row) for row in rows]
    notes = [f"- {r.name} / {r.metric}: {r.note}" for r in results if r.note]
    if notes:
        out += ["", "Notes:", *notes]
    return "\n".join(out)



def login_timing(name: str, attempts: int, attempt: Callable[[str, int], None], target: float = 0.10) -> list[Result]:
    """Times `attempt(kind, number)` for the "known" name (a wrong password) and the "unknown" one,
    alternating which goes first so a noisy moment on a shared machine hits both alike (three
    warm-up rounds first); the rows say whether the medians are within `target` of each other."""
    wall: dict[str, list[float]] = {"known": [], "unknown": []}
    cpu: dict[str, list[float]] = {"known": [], "unknown": []}
    for number in range(attempts + 3):
        for kind in ("known", "unknown") if number % 2 == 0 else ("unknown", "known"):
            started, cpu_started = time.perf_counter(), time.process_time()
            attempt(kind, number)
            if number >= 3:
                wall[kind].append((time.perf_counter() - started) * 1000)
                cpu[kind].append((time.process_time() - cpu_started) * 1000)
    known, unknown = median(wall["known"]), median(wall["unknown"])
    gap = abs(unknown - known) / known
    spread = ", ".join(f"{kind} p10-p90 {percentile(v, 10):.1f}-{percentile(v, 90):.1f} ms" for kind, v in wall.items())
    cpu_known, cpu_unknown = median(cpu["known"]), median(cpu["unknown"])
    return [
        Result(name, f"known name, wrong password (median of {attempts})", known, "ms", note=spread),
        Result(name, f"unknown name (median of {attempts})", unknown, "ms"),
        Result(name, "difference of the medians", gap * 100, "%", target=f"<= {target * 100:.0f} %", ok=gap <= target),
        # CPU time of this process (argon2's lanes included): the work done, whatever else the machine runs.
        Result(name, "CPU time, known / unknown (medians)", cpu_unknown and cpu_known / cpu_unknown, "x",
               note=f"CPU medians: known {cpu_known:.1f} ms, unknown {cpu_unknown:.1f} ms"),
    ]


def group_cpu_seconds(pgid: int) -> float:
    """CPU seconds (user + system) of the live processes of process group `pgid` (a server started with
    start_new_session: its uvicorn workers), from /proc; 0.0 where /proc is not there."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for pid in (p for p in os.listdir("/proc") if p.isdigit()) if os.path.isdir("/proc") else ():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def load_note() -> str:
    """The load average now, for a note: the machine is shared, and wall time shows it."""
    return "load " + " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "load n/a"


def postgres_cluster():
    """The PostgreSQL the benchmarks use: the cluster KTP_TEST_PG names, or a throw-away one of their own.
    Returns (cluster, own): an own cluster is the caller's to stop."""
    from tests.helpers.postgres import EXTERNAL_ENV, Cluster, start_cluster

    external = os.environ.get(EXTERNAL_ENV)
    if external:
        socket_dir, _, port = external.rpartition(":")
        return Cluster(Path("/"), Path(socket_dir), Path(socket_dir), int(port), False), False
    return start_cluster(), True


@contextmanager
def regency_server(prefix: str) -> Iterator[tuple]:
    """A regency server (2 workers) on a fresh database of `postgres_cluster()`, and a work folder."""
    from tests.helpers.regency import Regency

    cluster, own = postgres_cluster()
    work = Path(tempfile.mkdtemp(prefix=prefix))
    regency = Regency("postgres", cluster.url(cluster.new_database()), work, workers=2)
    try:
        yield regency, work
    finally:
        regency.stop()
        if own:
            cluster.stop()


def wait_until(app, condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Let a Qt application's event loop run until `condition()` (a log-in, a first load are asynchronous)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.002)
