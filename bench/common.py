"""What every benchmark module shares: the Result row, percentiles, the data directory, the table."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
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
