"""A seeded fault run: the regency server (2 uvicorn workers on PostgreSQL, its own process group) and
four stations (each in its own process, printing through its services on a zero-delay simulator and
syncing in the background), with everything that goes wrong in the field done to them on a schedule:

- every link passes a fault-injecting proxy (drops, delays, requests and replies cut, duplicates);
- the server's whole process group is killed with kill -9 while a batch is being sent, and once it
  kills itself after committing a batch and before replying;
- a station is killed with kill -9 in the middle of a sync round and started again;
- a station is offline for the whole day with hundreds of changes;
- the server is restored from a backup (pg_dump/pg_restore) older than what the stations sent;
- a station's clock is a year wrong (libfaketime) until it is put right;
- two stations of one hub go offline together on the last places of a quota.

Then every link is healed, each station syncs from the command line until the checker
(tests/harness/check_sync.py) finds server and stations in agreement, and the run reports its figures.

    python -m tests.harness.fault_run [--seed N] [--scale 1] [--work-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.harness.check_sync import Report, check
from tests.harness.fault_proxy import FaultPlan, FaultProxy, ProxyThread
from tests.helpers.postgres import Cluster, find_bin_dir
from tests.helpers.processes import ROOT
from tests.helpers.regency import Regency

PAMULANG, SETU, CIPUTAT, SERPONG = "36.74.06", "36.74.07", "36.74.04", "36.74.01"
STATIONS = {  # name -> kecamatan served; A and B are one hub's two counters
    "loket-a": [PAMULANG, SETU],
    "loket-b": [PAMULANG, SETU],
    "loket-c": [CIPUTAT, PAMULANG],
    "loket-d": [SERPONG],
}
QUOTAS = {PAMULANG: 45, SETU: 25, CIPUTAT: 30, SERPONG: 15}
OPERATOR, SUPERVISOR, PASSWORD = "petugas", "kasi", "rahasia-loket-1"
RUN_FAULTS = ("server_kill9_mid_batch", "server_killed_after_commit", "station_kill9_mid_sync",
              "station_offline_day", "server_restored_from_backup", "station_clock_year_wrong",
              "hub_offline_on_last_places")


@dataclass
class Figures:
    seed: int
    events: int = 0  # station events the server stored
    cards: int = 0
    spoiled: int = 0
    refused: int = 0
    faults: Counter = field(default_factory=Counter)  # by kind: proxy faults and run faults
    offline_outbox: int = 0  # changes the day-offline station had waiting when it came back
    last_fault_at: float = 0.0
    converge_seconds: float = 0.0
    convergence_rounds: int = 0
    run_seconds: float = 0.0
    per_station: dict = field(default_factory=dict)
    check: Report | None = None

    def as_dict(self) -> dict:
        return {"seed": self.seed, "events": self.events, "cards": self.cards, "spoiled": self.spoiled,
                "refused": self.refused, "faults": dict(sorted(self.faults.items())),
                "offline_outbox": self.offline_outbox, "converge_seconds": round(self.converge_seconds, 1),
                "convergence_rounds": self.convergence_rounds, "run_seconds": round(self.run_seconds, 1),
                "per_station": self.per_station,
                "problems": self.check.problems if self.check else None}


class StationProcess:
    """One station driver process, its output read by a thread."""

    def __init__(self, run: FaultRun, name: str, env_extra: dict | None = None, pace: float = 0.0) -> None:
        self.run, self.name = run, name
        self.events: list[dict] = []
        self.sync_started = threading.Event()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1",
               "KTP_DRIVER_OPERATOR": f"{OPERATOR}:{PASSWORD}", "KTP_DRIVER_SUPERVISOR": f"{SUPERVISOR}:{PASSWORD}",
               **(env_extra or {})}
        env.pop("KTP_MANDIRI_DATA", None)
        self.log = open(run.work / f"{name}.log", "ab")  # noqa: SIM115 - closed in wait()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.harness.station_driver", "--data-dir", str(run.work / name), "--niks",
             str(run.work / f"{name}.niks.json"), "--seed", str(run.rng.randrange(1 << 30)),
             "--spoil-rate", "0.04", "--sync-interval", "1.5", "--pace", str(pace)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True,
            start_new_session=True)
        self.reader = threading.Thread(target=self._read, name=f"read-{name}", daemon=True)
        self.reader.start()

    def _read(self) -> None:
        with open(self.run.work / f"{self.name}.events.jsonl", "a") as kept:  # for reading a failed run
            for line in self.process.stdout:
                kept.write(line)
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                self.events.append(event)
                if event["kind"] == "sync_start":
                    self.sync_started.set()

    def count(self, kind: str) -> int:
        return sum(1 for e in self.events if e["kind"] == kind)

    def last(self, kind: str) -> float:
        return max((e["t"] for e in self.events if e["kind"] == kind), default=0.0)

    def kill(self) -> None:
        os.killpg(self.process.pid, 9)
        self.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.write("stop\n")
                self.process.stdin.flush()
            except (BrokenPipeError, OSError):
                pass
        self.wait(timeout=120)

    def wait(self, timeout: float = 30) -> None:
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
            self.process.wait(10)
        self.reader.join(10)
        self.log.close()


class FaultRun:
    def __init__(self, cluster: Cluster, work: Path, seed: int, scale: int = 1,
                 log=lambda text: print(text, flush=True)) -> None:
        self.cluster, self.work, self.seed, self.scale, self.log = cluster, work, seed, scale, log
        self.rng = random.Random(seed)
        self.figures = Figures(seed)
        self.quotas = {k: v * scale for k, v in QUOTAS.items()}
        self.proxies: dict[str, ProxyThread] = {}
        self.stations: dict[str, StationProcess] = {}
        self.retired: list[StationProcess] = []  # killed or restarted: their output still counts
        self.changed_at = time.time()

    # --- set-up ----------------------------------------------------------------------------------
    def set_up(self) -> None:
        from desktop.render.fonts import ensure_gui_app
        from server import leases, registry, residents
        from server.db import connection, database, make_database
        from server.migrations import migrate
        from tests.helpers.exports import jpeg, resident_row, write_export

        ensure_gui_app()
        self.database = self.cluster.new_database()
        self.url = self.cluster.url(self.database)
        database.initialize(make_database(self.url))
        with connection():
            migrate(database.obj)
            rows, niks = [], {}
            for kecamatan, quota in self.quotas.items():
                made = [resident_row(kecamatan, n, name=f"WARGA {kecamatan[-2:]} {n}") for n in range(1, quota * 3 + 1)]
                rows += made
                niks[kecamatan] = [r[0] for r in made]
            photos = self.work / "foto"
            photos.mkdir(exist_ok=True)
            picture = jpeg()
            for row in rows:
                (photos / f"{row[0]}.jpg").write_bytes(picture)
            residents.import_residents("fault-run", write_export(self.work / "penduduk.csv", rows), photos)
            registry.save_user("fault-run", OPERATOR, "Petugas Loket", "operator", PASSWORD, [],
                               must_change_password=False)
            registry.save_user("fault-run", SUPERVISOR, "Kasi Pelayanan", "supervisor", PASSWORD, [],
                               must_change_password=False)
            for kecamatan, quota in self.quotas.items():
                registry.set_quota("fault-run", kecamatan, quota)
            scale = self.scale  # a bigger day: bigger leases, so the day offline is a bigger day too
            leases.set_settings("fault-run", size=15 * scale, low_water=4 * scale, blanko_size=40 * scale,
                                blanko_low_water=8 * scale, advance_hour=24)
            leases.receive_blanko("fault-run", 2000 * self.scale, "BA-KAB-2026-01")
            codes = {name: registry.add_station("fault-run", name, served)[1] for name, served in STATIONS.items()}
        database.obj.close()
        # Each station's NIKs: the residents of what it serves, shared out so no citizen comes twice.
        share = {k: [s for s, served in STATIONS.items() if k in served] for k in self.quotas}
        for name, served in STATIONS.items():
            mine = [nik for k in served for i, nik in enumerate(niks[k]) if share[k][i % len(share[k])] == name]
            (self.work / f"{name}.niks.json").write_text(json.dumps(mine))
        self.server = Regency("postgres", self.url, self.work, workers=2)
        self.server.start()
        for number, name in enumerate(STATIONS):
            plan = FaultPlan()
            self.proxies[name] = ProxyThread(FaultProxy(("127.0.0.1", self.server.port), plan,
                                                        self.seed * 10 + number)).start()
        for name in STATIONS:
            self._enrol(name, codes[name])

    def _enrol(self, name: str, code: str) -> None:
        """The office's first day: enrol through its link, first sync, the box of blanko confirmed."""
        from desktop.composition import build_services

        services = build_services(self.work / name)
        try:
            services.sync.enrol(self.proxies[name].url, code)
            while services.sync.round().photos:  # the night before: every photo fetched, for a day offline
                pass
            supervisor = services.auth.login(SUPERVISOR, PASSWORD)
            for box in services.leases.incoming_ranges():
                services.leases.confirm_range(supervisor, box.id)
            services.sync.round()
        finally:
            services.close()

    # --- helpers ---------------------------------------------------------------------------------
    def start_station(self, name: str, env: dict | None = None) -> None:
        self.stations[name] = StationProcess(self, name, env)

    def restart_station(self, name: str, kill: bool, env: dict | None = None) -> None:
        old = self.stations[name]
        old.kill() if kill else old.stop()
        self.retired.append(old)
        self.start_station(name, env)

    def all_processes(self) -> list[StationProcess]:
        return self.retired + list(self.stations.values())

    def printed(self) -> int:
        return sum(p.count("printed") for p in self.all_processes())

    def progress(self) -> float:
        return self.printed() / sum(self.quotas.values())

    def fault(self, kind: str) -> None:
        self.figures.faults[kind] += 1
        self.figures.last_fault_at = self.changed_at = time.time()
        self.log(f"[fault-run] {time.strftime('%H:%M:%S')} fault: {kind} (progress {self.progress():.0%})")

    def wait_until(self, predicate, timeout: float, step: float = 0.1) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(step)
        return False

    def wait_progress(self, share: float, timeout: float = 300) -> None:
        self.wait_until(lambda: self.progress() >= share or self.idle(), timeout, 0.2)

    def idle(self, quiet: float = 10.0) -> bool:
        """No station printed anything for `quiet` seconds (quotas spent or nothing left to print) since
        the last time the run changed what stations can do (a link back, a restore waiting for reports)."""
        newest = max([p.last("printed") for p in self.all_processes()] + [self.changed_at])
        return time.time() - newest > quiet

    def server_sql(self, query: str) -> list[tuple]:
        import psycopg2

        conn = psycopg2.connect(dbname=self.database, user="postgres", host=str(self.cluster.socket_dir),
                                port=self.cluster.port)
        try:
            with conn.cursor() as cursor:
                cursor.execute(query)
                return cursor.fetchall()
        finally:
            conn.close()

    def pg(self, tool: str, *args: str) -> None:
        bin_dir = find_bin_dir()
        subprocess.run([str(bin_dir / tool), "-h", str(self.cluster.socket_dir), "-p", str(self.cluster.port),
                        "-U", "postgres", *args], check=True, capture_output=True, timeout=300)

    # --- the faults --------------------------------------------------------------------------------
    def kill_server_mid_batch(self) -> None:
        for process in self.stations.values():
            process.sync_started.clear()
        busy = [p for name, p in self.stations.items() if name in ("loket-a", "loket-b")]
        self.wait_until(lambda: any(p.sync_started.is_set() for p in busy), 30, 0.005)
        time.sleep(self.rng.uniform(0.0, 0.08))
        self.server.stop(kill=True)  # kill -9 of the whole process group
        self.fault("server_kill9_mid_batch")
        time.sleep(1.0)
        self.server.start()

    def server_dies_after_commit(self) -> None:
        from server.push import FAULT_ENV

        self.server.stop()
        self.server.extra_env = {FAULT_ENV: "kill-after-commit"}
        try:
            self.server.start()
            self.wait_until(lambda: self.server.process.poll() is not None, 60, 0.05)
        except RuntimeError as exc:
            # The stations keep syncing: a batch can commit, and so kill the server, before start() has
            # seen it answer its health check. That is the fault itself, not a failed start.
            if "server exited" not in str(exc):
                raise
        self.fault("server_killed_after_commit")
        self.server.stop()
        self.server.extra_env = {}
        self.server.start()

    def kill_station_mid_sync(self, name: str) -> None:
        process = self.stations[name]
        process.sync_started.clear()
        self.wait_until(process.sync_started.is_set, 30, 0.002)
        time.sleep(self.rng.uniform(0.0, 0.05))
        self.restart_station(name, kill=True)
        self.fault("station_kill9_mid_sync")

    def back_up(self) -> Path:
        path = self.work / "server-backup.dump"
        self.pg("pg_dump", "-Fc", "-f", str(path), self.database)
        self.log(f"[fault-run] backup taken at progress {self.progress():.0%}")
        return path

    def restore(self, backup: Path) -> None:
        self.server.stop(kill=True)
        self.pg("psql", "-d", "postgres", "-c", f'DROP DATABASE "{self.database}" WITH (FORCE)')
        self.pg("psql", "-d", "postgres", "-c", f'CREATE DATABASE "{self.database}"')
        self.pg("pg_restore", "-d", self.database, str(backup))
        self.server.cli("restored")
        self.server.start()
        self.fault("server_restored_from_backup")

    def hub_offline_on_last_places(self) -> None:
        """A and B lose the network together when Pamulang's pool is spent and they hold its last rights."""
        def pool_spent() -> bool:
            try:
                (held,), = self.server_sql(
                    f"SELECT COALESCE(SUM(granted - returned), 0) FROM quota_lease WHERE kecamatan_code = '{PAMULANG}'")
            except Exception:
                return False
            return held >= self.quotas[PAMULANG]

        self.wait_until(pool_spent, 120, 0.2)
        for name in ("loket-a", "loket-b"):
            self.proxies[name].go_offline()
        self.fault("hub_offline_on_last_places")
        hub = [self.stations["loket-a"], self.stations["loket-b"]]
        since = time.time()
        # Offline, they print what they hold and then refuse: wait until both have refused for a while.
        self.wait_until(lambda: all(any(e["kind"] == "refused" and e["t"] > since + 3 for e in p.events)
                                    for p in hub), 90, 0.2)
        for name in ("loket-a", "loket-b"):
            self.proxies[name].go_online()

    # --- the run ---------------------------------------------------------------------------------
    def run(self) -> Figures:
        started = time.time()
        self.log(f"[fault-run] seed={self.seed} scale={self.scale} work={self.work}")
        self.set_up()
        noisy = FaultPlan(drop=0.01, delay=0.02, cut_request=0.01, cut_reply=0.01, duplicate=0.01, max_delay=0.3)
        for name in ("loket-a", "loket-b", "loket-d"):
            self.proxies[name].proxy.plan = noisy
        link = self.proxies["loket-a"].proxy  # each proxy fault at least once, whatever the dice say
        for path, kind in (("/v1/session", "drop"), ("/v1/push", "cut_request"), ("/v1/push", "cut_reply"),
                           ("/v1/push", "duplicate"), ("/v1/leases", "delay"), ("/v1/leases", "cut_reply")):
            link.script(path, kind)
        from tests.helpers.leases import faketime_env_offset

        for name in STATIONS:
            self.start_station(name, faketime_env_offset(days=365) if name == "loket-d" else None)
        self.fault("station_clock_year_wrong")
        self.wait_progress(0.03, 120)
        self.proxies["loket-c"].go_offline()
        self.fault("station_offline_day")
        self.wait_progress(0.12)
        backup = self.back_up()
        self.wait_progress(0.20)
        self.kill_server_mid_batch()
        self.wait_progress(0.28)
        self.kill_station_mid_sync("loket-a")
        self.wait_progress(0.36)
        self.server_dies_after_commit()
        self.wait_progress(0.42)
        self.restart_station("loket-d", kill=False)  # its clock is put right
        self.log("[fault-run] loket-d's clock is right again")
        self.wait_progress(0.48)
        self.restore(backup)
        self.hub_offline_on_last_places()
        self.figures.offline_outbox = self._outbox_waiting("loket-c")
        self.proxies["loket-c"].go_online()
        self.changed_at = time.time()
        self.log(f"[fault-run] loket-c back online with {self.figures.offline_outbox} changes waiting")
        self.wait_until(lambda: self.idle(20), 600 * self.scale, 0.5)
        for process in list(self.stations.values()):
            process.stop()
        for proxy in self.proxies.values():
            proxy.proxy.plan = FaultPlan()
            self.figures.faults.update(proxy.proxy.counts)
        self.converge()
        self.figures.run_seconds = time.time() - started
        processes = self.all_processes()
        self.figures.cards = sum(p.count("printed") for p in processes)
        self.figures.spoiled = sum(p.count("spoiled") for p in processes)
        self.figures.refused = sum(p.count("refused") for p in processes)
        for name in STATIONS:
            mine = [p for p in processes if p.name == name]
            self.figures.per_station[name] = {kind: sum(p.count(kind) for p in mine)
                                              for kind in ("printed", "spoiled", "refused", "sync", "sync_failed",
                                                           "sync_crashed")}
        self.figures.events = self.server_sql("SELECT COUNT(*) FROM station_event")[0][0]
        self.log("[fault-run] " + json.dumps(self.figures.as_dict()))
        return self.figures

    def _outbox_waiting(self, name: str) -> int:
        import sqlite3

        conn = sqlite3.connect(f"file:{self.work / name / 'ktp-mandiri.sqlite3'}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0]
        finally:
            conn.close()

    def converge(self, max_rounds: int = 12) -> None:
        """Each station syncs from the command line until the checker finds nothing wrong."""
        from tests.helpers.processes import cli_env, run_cli

        for number in range(1, max_rounds + 1):
            for name in STATIONS:
                run_cli(self.work / name, "sync", env=cli_env(), timeout=300)
            report = check(self.url, [self.work / name for name in STATIONS], self.seed)
            self.figures.check = report
            self.figures.convergence_rounds = number
            if report.ok:
                break
            self.log(f"[fault-run] not yet converged after round {number}: {report.problems[:3]}")
        self.figures.converge_seconds = time.time() - self.figures.last_fault_at

    def close(self) -> None:
        for process in self.stations.values():
            if process.process.poll() is None:
                process.kill()
        for proxy in self.proxies.values():
            proxy.stop()
        if getattr(self, "server", None) is not None:
            self.server.stop(kill=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fault_run", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--scale", type=int, default=1, help="quotas times this (1: about 1,000 events)")
    parser.add_argument("--work-dir", help="keep the run's folders here (default: a temporary folder)")
    args = parser.parse_args(argv)
    from tests.helpers.postgres import start_cluster

    work = Path(args.work_dir) if args.work_dir else Path(tempfile.mkdtemp(prefix="ktp-fault-run-"))
    work.mkdir(parents=True, exist_ok=True)
    cluster = start_cluster()
    run = FaultRun(cluster, work, args.seed, args.scale)
    try:
        figures = run.run()
    finally:
        run.close()
        cluster.stop()
        shutil.rmtree(cluster.root, ignore_errors=True)
    return 0 if figures.check and figures.check.ok else 1


if __name__ == "__main__":
    sys.exit(main())
