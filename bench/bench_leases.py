"""Leases and faults, measured with the real server (PostgreSQL, 2 uvicorn workers) and real stations:

- a day at the counter (300 events) sent over a slow link made by the fault proxy (256 kbit/s, 300 ms
  round trip, 3% of connections dropped): how long until everything is acknowledged;
- a simulated day with 2 stations on one quota: no card may wait for a lease request (a station runs
  out of rights while the kecamatan's pool still has some only if the background renewal is late);

The seeded fault run at about 10,000 events is `python -m bench faults` (bench/bench_faults.py).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import Result, median, percentile, postgres_cluster

PAMULANG = "36.74.06"


def run(quick: bool) -> list[Result]:
    from desktop.render.fonts import ensure_gui_app

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ensure_gui_app()
    cluster, own = postgres_cluster()
    try:
        return [*_slow_link_day(cluster), *_two_stations_one_quota(cluster, quick)]
    finally:
        if own:
            cluster.stop()
            shutil.rmtree(cluster.root, ignore_errors=True)


def _server(cluster, work: Path, quotas: dict[str, int], residents_per: int, **settings):
    """A migrated, seeded server database and the server on it (not started)."""
    from server import leases, registry, residents
    from server.db import connection, database, make_database
    from server.migrations import migrate
    from tests.harness.fault_run import OPERATOR, PASSWORD, SUPERVISOR
    from tests.helpers.exports import jpeg, resident_row, write_export
    from tests.helpers.regency import Regency

    url = cluster.url(cluster.new_database())
    database.initialize(make_database(url))
    niks = {}
    with connection():
        migrate(database.obj)
        rows = []
        for kecamatan in quotas:
            made = [resident_row(kecamatan, n, name=f"WARGA {n}") for n in range(1, residents_per + 1)]
            niks[kecamatan] = [r[0] for r in made]
            rows += made
        photos = work / "foto"
        photos.mkdir()
        for row in rows:
            (photos / f"{row[0]}.jpg").write_bytes(jpeg())
        residents.import_residents("bench", write_export(work / "penduduk.csv", rows), photos)
        for username, role in ((OPERATOR, "operator"), (SUPERVISOR, "supervisor")):
            registry.save_user("bench", username, username, role, PASSWORD, [], must_change_password=False)
        for kecamatan, quota in quotas.items():
            registry.set_quota("bench", kecamatan, quota)
        leases.set_settings("bench", advance_hour=24, **settings)
        leases.receive_blanko("bench", 5000, "BA-BENCH")
    database.obj.close()
    return Regency("postgres", url, work, workers=2), niks


def _slow_link_day(cluster) -> list[Result]:
    from desktop.composition import build_services
    from desktop.devices.registry import open_printer
    from desktop.services.issuance import PrintRequest
    from desktop.store.models import Outbox
    from desktop.sync.client import SyncError
    from server import registry
    from server.db import connection, database, make_database
    from tests.harness.fault_proxy import FaultPlan, FaultProxy, LinkShape, ProxyThread
    from tests.harness.fault_run import OPERATOR, PASSWORD, SUPERVISOR
    from tests.helpers.leases import LOST

    work = Path(tempfile.mkdtemp(prefix="ktp-bench-leases-"))
    server, niks = _server(cluster, work, {PAMULANG: 200}, 90, size=90, low_water=5, blanko_size=100)
    server.start()
    database.initialize(make_database(server.database_url))
    with connection():
        _, code = registry.add_station("bench", "Loket lambat", [PAMULANG])
    proxy = ProxyThread(FaultProxy(("127.0.0.1", server.port), FaultPlan(), seed=300)).start()
    try:
        services = build_services(work / "loket")
        services.sync.enrol(proxy.url, code)
        while services.sync.round().photos:
            pass
        supervisor = services.auth.login(SUPERVISOR, PASSWORD)
        for box in services.leases.incoming_ranges():
            services.leases.confirm_range(supervisor, box.id)
        services.sync.round()
        operator = services.auth.login(OPERATOR, PASSWORD)
        proxy.go_offline()  # the day's work piles up while the link is down
        printer = open_printer("sim://bench-lambat?delay=0")
        cards = 0
        for nik in niks[PAMULANG]:
            if Outbox.select().where(Outbox.sent_at.is_null()).count() >= 300:
                break
            services.issuance.print_card(operator, PrintRequest(nik, **LOST), printer)
            cards += 1
        waiting = Outbox.select().where(Outbox.sent_at.is_null()).count()
        proxy.proxy.link = LinkShape(bits_per_second=256_000, rtt=0.3)
        proxy.proxy.plan = FaultPlan(drop=0.03)
        proxy.go_online()
        started, rounds, failed = time.perf_counter(), 0, 0
        while True:
            rounds += 1
            try:
                report = services.sync.round()
            except SyncError:
                failed += 1
                continue
            if Outbox.select().where(Outbox.sent_at.is_null()).count() == 0:
                break
        took = time.perf_counter() - started
        drops = proxy.proxy.counts["drop"]
        services.close()
    finally:
        proxy.stop()
        server.stop()
    return [Result("leases", f"a day at the counter ({waiting} events, {cards} cards) over 256 kbit/s, 300 ms, 3% "
                             "dropped", took, "s", target="< 20 s", ok=took < 20,
                   note=f"{rounds} rounds ({failed} failed), {drops} connections dropped, last round "
                        f"{report.bytes_sent + report.bytes_received:,} bytes")]


def _two_stations_one_quota(cluster, quick: bool) -> list[Result]:
    """Two counters of one hub share Pamulang's quota for a compressed day; the counter must never
    wait for a lease while the kecamatan still has rights (background renewal at the low-water mark)."""
    from server import registry
    from server.db import connection, database, make_database
    from tests.harness.fault_proxy import FaultPlan, FaultProxy, LinkShape, ProxyThread
    from tests.harness.fault_run import FaultRun, StationProcess

    quota = 60 if quick else 240
    work = Path(tempfile.mkdtemp(prefix="ktp-bench-hub-"))
    server, niks = _server(cluster, work, {PAMULANG: quota}, quota, size=20, low_water=5, blanko_size=100,
                           blanko_low_water=20)
    server.start()
    database.initialize(make_database(server.database_url))
    run = FaultRun(cluster, work, seed=2)
    run.server = server
    names = ("hub-1", "hub-2")
    with connection():
        codes = {name: registry.add_station("bench", name, [PAMULANG])[1] for name in names}
    for number, name in enumerate(names):
        # A kecamatan office's link: 300 ms round trip, no faults (this measures the renewal, not the network).
        run.proxies[name] = ProxyThread(FaultProxy(("127.0.0.1", server.port), FaultPlan(), seed=number,
                                                   link=LinkShape(rtt=0.3))).start()
        (work / f"{name}.niks.json").write_text(json.dumps(niks[PAMULANG][number::2]))
        run._enrol(name, codes[name])
    try:
        processes = [StationProcess(run, name, pace=1.0) for name in names]
        deadline = time.monotonic() + quota * 2 + 120
        while time.monotonic() < deadline:
            printed = sum(p.count("printed") for p in processes)
            if printed >= quota or (printed and all(time.time() - p.last("printed") > 20 for p in processes)):
                break
            time.sleep(1)
        for process in processes:
            process.stop()
    finally:
        for proxy in run.proxies.values():
            proxy.stop()
        server.stop()
    events = [e for p in processes for e in p.events]
    printed = [e for e in events if e["kind"] == "printed"]
    waited = [e for e in events if e["kind"] == "refused" and "Stasiun meminta tambahan" in e.get("why", "")]
    seconds = [e["seconds"] * 1000 for e in printed]
    rounds = sum(1 for e in events if e["kind"] == "sync")
    return [
        Result("leases", f"2 stations on one quota ({len(printed)} of {quota} cards): cards that waited for a lease",
               len(waited), "cards", target="0", ok=not waited,
               note=f"{rounds} background rounds; a card every second at each counter, 300 ms round trip; "
                    f"{quota - len(printed)} right(s) left unused at a counter whose citizens were all served"),
        Result("leases", "2 stations on one quota: print p50 / p99", median(seconds), "ms",
               note=f"p99 {percentile(seconds, 99):.0f} ms, max {max(seconds):.0f} ms (zero-delay simulator, "
                    "rounds running beside the counter)"),
    ]
