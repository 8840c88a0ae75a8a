"""The seeded fault run (tests/harness/fault_run.py) at bench size, `python -m bench faults`: the real
server (PostgreSQL, 2 uvicorn workers), three station processes of one hub and others behind
fault-injecting proxies, about 10,000 events at scale 12 (docs/benchmarks.md, "Leases and faults").

Figures: events, faults injected by kind, the checker's verdict, time to converge after the last
fault; and the shared NIKs of issue 17 judged from what the server holds: no NIK twice in a day
while the second claim was answered, every card beyond a NIK's first of the day flagged `nik_twice`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from bench.common import Result, postgres_cluster


def run(quick: bool) -> list[Result]:
    from desktop.render.fonts import ensure_gui_app

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ensure_gui_app()
    cluster, own = postgres_cluster()
    try:
        return _fault_run(cluster, quick)
    finally:
        if own:
            cluster.stop()
            shutil.rmtree(cluster.root, ignore_errors=True)


def _fault_run(cluster, quick: bool) -> list[Result]:
    from tests.harness.fault_run import FaultRun

    work = Path(tempfile.mkdtemp(prefix="ktp-bench-faults-"))
    run = FaultRun(cluster, work, seed=20261124, scale=1 if quick else 12)  # 9 gave 8,834 events: 12 clears 10,000
    try:
        figures = run.run()
        shared = _shared_nik_figures(run)
    finally:
        run.close()
    faults = ", ".join(f"{k} {v}" for k, v in sorted(figures.faults.items()))
    ok = figures.check is not None and figures.check.ok
    return [
        Result("faults", f"fault run (seed {figures.seed}): events", figures.events, "events",
               target=">= 10000" if not quick else "", ok=(figures.events >= 10_000 and ok) if not quick else ok,
               note=f"{figures.cards} cards, {figures.spoiled} spoiled, {figures.refused} refusals; faults: {faults}; "
                    f"checker: {'agree' if ok else figures.check.problems[:2] if figures.check else 'not run'}"),
        Result("faults", "fault run: time to converge after the last fault", figures.converge_seconds, "s",
               note=f"{figures.convergence_rounds} command-line round(s) per station; whole run "
                    f"{figures.run_seconds:.0f} s"),
        *shared,
    ]


def _shared_nik_figures(run) -> list[Result]:
    """Citizens who queue at two counters of the hub (issue 17), judged from what the server holds, not
    from the stations' own counts: the cards of a NIK and day from two stations or more, whether both
    claims of such a pair were answered (granted claims of both stations), and whether every card
    beyond a NIK's first of the day (without a reprint reference) carries its own `nik_twice` anomaly
    (by card id)."""
    groups = run.server_sql(
        'SELECT c.nik, c.day, COUNT(DISTINCT c.id) FILTER (WHERE COALESCE(c.reprint_approval, \'\') = \'\'), '
        'COUNT(DISTINCT c.station_id), '
        '(SELECT COUNT(DISTINCT k.station_id) FROM nik_claim k WHERE k.nik = c.nik AND k.day = c.day '
        ' AND k.station_id IN (SELECT station_id FROM issued_card WHERE nik = c.nik AND day = c.day)), '
        '(SELECT COUNT(DISTINCT a.entity_id) FROM anomaly a WHERE a.rule = \'nik_twice\' AND a.entity_id IN '
        ' (SELECT id FROM issued_card WHERE nik = c.nik AND day = c.day)) '
        'FROM issued_card c GROUP BY c.nik, c.day HAVING COUNT(DISTINCT c.id) > 1')
    shared = run.figures.shared_niks
    across = [g for g in groups if g[3] > 1]
    online = sum(1 for g in across if g[4] > 1)
    # Cards without a reprint reference beyond the first of their NIK and day: each needs its own flag.
    beyond = sum(max(cards - 1, 0) for _, _, cards, _, _, _ in groups)
    flagged = sum(min(flags, max(cards - 1, 0)) for _, _, cards, _, _, flags in groups)
    unflagged = sum(1 for _, _, cards, _, _, flags in groups if flags < cards - 1)
    other = {rule: n for rule, n in run.figures.anomalies.items() if rule != "nik_twice"}
    return [
        Result("faults", "fault run: NIKs twice in a day while the second claim was answered", online, "NIKs",
               target="0", ok=online == 0,
               note=f"{shared} citizens queued at two counters; {len(across)} NIKs got cards at two stations on "
                    f"one day (claims unanswered: offline, or lost in the restore); from the server's "
                    f"issued_card and nik_claim"),
        Result("faults", "fault run: cards beyond a NIK's first of the day without a nik_twice anomaly",
               beyond - flagged, "cards", target="0", ok=unflagged == 0 and not other,
               note=f"{beyond} such cards, {flagged} with a `nik_twice` anomaly on that card id; anomalies by "
                    f"rule {dict(sorted(run.figures.anomalies.items()))} (honest stations: no other rule expected, "
                    f"{other or 'none'})"),
    ]
