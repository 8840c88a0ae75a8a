"""Compare the regency server with every station after a fault run: nothing lost, nothing twice,
no kecamatan over its quota.

    python -m tests.harness.check_sync --server-db URL --station DIR [--station DIR ...] [--seed N]

It reads the server's database and each station's SQLite file directly (read-only), not through the
code under test, and checks:
- cards: each station's issued cards are exactly the server's cards of that station (none lost, none
  extra), and per day and kecamatan the server's count is the stations' sum;
- blanko: per state (leased ranges, issued, spoiled) the set of serials at each station is the
  server's set for it; no serial is issued twice, at one station or across stations, or both issued
  and spoiled; every regency serial a station holds lies in a range the server leased to it;
- quotas: on every day no kecamatan has more cards than its quota, nor more rights leased out
  (by the server's count and by the stations' own).
It prints the seed of the run so that a failure can be replayed, and exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.leases import regency_number


@dataclass
class StationView:
    name: str
    cards: dict[str, tuple[str, str, str]]  # card id -> (day, kecamatan, blanko serial)
    blanko: dict[str, str]  # serial -> state
    ranges: set[tuple[str, str]]  # (first, last)
    leases: dict[tuple[str, str], int]  # (kecamatan, day) -> granted - returned
    server_id: str | None


@dataclass
class Report:
    seed: int | None
    problems: list[str] = field(default_factory=list)
    figures: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_station(data_dir: Path) -> StationView:
    conn = sqlite3.connect(f"file:{data_dir / 'ktp-mandiri.sqlite3'}?mode=ro", uri=True, timeout=30)
    try:
        cards = {cid: (str(day)[:10], kec, serial) for cid, day, kec, serial in conn.execute(
            "SELECT c.id, c.day, c.kecamatan_code, b.serial FROM issued_card c JOIN blanko b ON b.id = c.blanko_id")}
        blanko = dict(conn.execute("SELECT serial, state FROM blanko"))
        ranges = set(conn.execute("SELECT first, last FROM blanko_range"))
        leases = {(kec, str(day)[:10]): granted - returned for kec, day, granted, returned in conn.execute(
            "SELECT kecamatan_code, day, granted, returned FROM quota_lease")}
        token = conn.execute("SELECT token FROM station WHERE token IS NOT NULL").fetchone()
    finally:
        conn.close()
    server_id = None
    if token:
        import hashlib

        server_id = hashlib.sha256(token[0].encode()).hexdigest()  # matched to the server's token hash
    return StationView(data_dir.name, cards, blanko, ranges, leases, server_id)


def read_server(url: str) -> dict:
    from server.db import database, make_database
    from server.leases import day_limit
    from server.models import BlankoRange, BlankoSpoil, IssuedCard, QuotaLease, Station

    database.initialize(make_database(url))
    with database.obj.connection_context():
        stations = {s.token_hash: s.id for s in Station.select() if s.token_hash}
        cards = {c.id: (c.station_id, str(c.day)[:10], c.kecamatan_code, c.blanko_serial)
                 for c in IssuedCard.select()}
        spoiled = defaultdict(set)
        for s in BlankoSpoil.select():
            spoiled[s.station_id].add(s.serial)
        from desktop.domain.leases import regency_serial

        ranges = defaultdict(set)
        for r in BlankoRange.select():
            ranges[r.station_id].add((regency_serial(r.first_number), regency_serial(r.last_number)))
        leased = Counter()
        for lease in QuotaLease.select():
            leased[(lease.kecamatan_code, str(lease.day)[:10])] += lease.granted - lease.returned
        days = {(kec, day) for _, day, kec, _ in cards.values()} | set(leased)
        from datetime import date

        limits = {(kec, day): day_limit(kec, date.fromisoformat(day)) for kec, day in days}
    return {"stations": stations, "cards": cards, "spoiled": spoiled, "ranges": ranges, "leased": leased,
            "limits": limits}


def check(server_url: str, station_dirs: list[Path], seed: int | None = None) -> Report:
    report = Report(seed)
    server = read_server(server_url)
    views = [read_station(d) for d in station_dirs]
    problems = report.problems
    by_station_server = defaultdict(dict)
    for cid, (sid, day, kec, serial) in server["cards"].items():
        by_station_server[sid][cid] = (day, kec, serial)

    per_day_server = Counter((kec, day) for _, day, kec, _ in server["cards"].values())
    per_day_stations = Counter()
    issued_everywhere = Counter()
    held_by = defaultdict(list)
    for view in views:
        sid = server["stations"].get(view.server_id)
        if sid is None:
            problems.append(f"{view.name}: the server does not know this station")
            continue
        mine, theirs = view.cards, by_station_server.get(sid, {})
        lost = set(mine) - set(theirs)
        extra = set(theirs) - set(mine)
        if lost:
            problems.append(f"{view.name}: {len(lost)} issued card(s) missing on the server, e.g. {sorted(lost)[:3]}")
        if extra:
            problems.append(f"{view.name}: {len(extra)} card(s) on the server the station never issued")
        for cid in set(mine) & set(theirs):
            if mine[cid] != theirs[cid]:
                problems.append(f"{view.name}: card {cid} differs: station {mine[cid]}, server {theirs[cid]}")
        per_day_stations.update((kec, day) for day, kec, _ in mine.values())
        issued = {serial for serial, state in view.blanko.items() if state == "issued"}
        if issued != {serial for _, _, serial in mine.values()}:
            problems.append(f"{view.name}: issued blanko and issued cards do not match")
        issued_everywhere.update(serial for _, _, serial in mine.values())
        if issued != {serial for _, _, serial in theirs.values()}:
            problems.append(f"{view.name}: the set of issued blanko differs from the server's")
        spoiled = {serial for serial, state in view.blanko.items() if state == "spoiled"}
        if spoiled != server["spoiled"].get(sid, set()):
            problems.append(f"{view.name}: the set of spoiled blanko differs from the server's "
                            f"({len(spoiled)} here, {len(server['spoiled'].get(sid, set()))} there)")
        if issued & spoiled:
            problems.append(f"{view.name}: blanko both issued and spoiled: {sorted(issued & spoiled)[:3]}")
        if view.ranges != server["ranges"].get(sid, set()):
            problems.append(f"{view.name}: leased blanko ranges differ from the server's")
        numbers = [(regency_number(a), regency_number(b)) for a, b in server["ranges"].get(sid, set())]
        for serial in view.blanko:
            number = regency_number(serial)
            if number is not None:
                held_by[serial].append(view.name)
                if not any(a <= number <= b for a, b in numbers):
                    problems.append(f"{view.name}: blanko {serial} was never leased to it")
        for (kec, day), held in view.leases.items():
            report.figures.setdefault("station_leased", Counter())[(kec, day)] += held

    twice = [serial for serial, n in issued_everywhere.items() if n > 1]
    if twice:
        problems.append(f"{len(twice)} blanko issued twice: {twice[:3]}")
    server_serials = Counter(serial for _, _, _, serial in server["cards"].values())
    if any(n > 1 for n in server_serials.values()):
        problems.append("the server holds a blanko serial on two cards")
    shared = [serial for serial, names in held_by.items() if len(names) > 1]
    if shared:
        problems.append(f"{len(shared)} regency blanko held by two stations: {shared[:3]}")
    if per_day_server != per_day_stations:
        for key in sorted(set(per_day_server) | set(per_day_stations)):
            if per_day_server[key] != per_day_stations[key]:
                problems.append(f"cards of {key[0]} on {key[1]}: server {per_day_server[key]}, stations "
                                f"{per_day_stations[key]}")
    station_leased = report.figures.get("station_leased", Counter())
    for key, limit in sorted(server["limits"].items()):
        for what, count in (("cards (server)", per_day_server[key]), ("cards (stations)", per_day_stations[key]),
                            ("rights leased (server)", server["leased"][key]),
                            ("rights held (stations)", station_leased[key])):
            if count > limit:
                problems.append(f"{key[0]} on {key[1]}: {count} {what}, over its quota of {limit}")
    report.figures = {
        "cards": sum(per_day_server.values()),
        "per_day": {f"{day} {kec}": {"cards": per_day_server[(kec, day)], "quota": server["limits"].get((kec, day)),
                                     "leased": server["leased"][(kec, day)]}
                    for kec, day in sorted(set(per_day_server) | set(server["leased"]))},
        "spoiled": sum(len(s) for s in server["spoiled"].values()),
        "stations": len(views),
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_sync", description=__doc__.splitlines()[0])
    parser.add_argument("--server-db", required=True, help="the server's database URL")
    parser.add_argument("--station", action="append", required=True, help="a station's data folder (repeat)")
    parser.add_argument("--seed", type=int, help="the seed of the run, printed so it can be replayed")
    args = parser.parse_args(argv)
    report = check(args.server_db, [Path(d) for d in args.station], args.seed)
    print(f"seed={args.seed}")
    print(json.dumps(report.figures, indent=1, default=str))
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    print("OK: server and stations agree" if report.ok else f"FAILED: {len(report.problems)} problem(s)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
