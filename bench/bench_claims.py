"""What the claim adds to a print (issue 17, item 1; docs/sync-protocol.md, "Claims"), and the first
pull of a hub's card history: the regency server on a real PostgreSQL (2 uvicorn workers) over
loopback, driven by the station's own link (its own connection, the 3 s time-out of the print path).

- claim p95: one `POST /v1/claims` per card, each for another NIK, with ~250,000 cards of the last 400
  days already in the server's `issued_card` (the claim looks a NIK's card of the day up there), and
  half of the claims answered by a refusal from another station's claim (the refusal path reads
  more). Target: at most 50 ms p95 (a card takes 15-30 s on a real printer).
- first pull of the card history: a fresh station serving the hub's 5 kecamatan pulls those cards
  (one `card` change each, sent as compact pages: docs/sync-protocol.md, "Compact pages") through its
  sync round. Target: under 30 s; an idle round after it stays under 2 KB. The note gives the CPU
  seconds of the station and of the server's workers: on a shared machine the wall time is mostly
  waiting for a CPU.
"""

from __future__ import annotations

import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from bench.common import Result, group_cpu_seconds, load_note, median, percentile, regency_server

HUB = ("36.74.06", "36.74.07", "36.74.04", "36.74.01", "36.74.02")


def run(quick: bool) -> list[Result]:
    with regency_server("ktp-bench-claims-") as (regency, work):
        return _measure(regency, work, quick)


def _residents(count_per_kecamatan: int) -> list:
    from desktop.domain.nik import build_nik
    from desktop.domain.resident_file import ResidentRecord

    records = []
    for kecamatan in HUB:
        for n in range(count_per_kecamatan):
            birth = date(1960, 1, 1) + timedelta(days=n % 9000 + 1)
            nik = build_nik(kecamatan, birth, "L", n // 9000 + 1)
            records.append(ResidentRecord(
                nik=nik, name=f"PENDUDUK {n:06d}", birth_place="TANGERANG", birth_date=birth, sex="L",
                blood_type="O", address="JL. RAYA NO. 1", rt=1, rw=1, village_code=f"{kecamatan}.1001",
                kecamatan_code=kecamatan, religion="ISLAM", marital_status="KAWIN", occupation="KARYAWAN SWASTA",
                nationality="WNI", record_status="PRINT_READY_RECORD"))
    return records


def _cards(station_id: str, station_code: str, people: list, count: int, today) -> None:
    """`count` issued cards of the last 400 days (and their `card` changes), written by COPY."""
    from server.changes import dumps
    from server.db import database, insert_rows, write_transaction
    from server.models import Change, IssuedCard, utcnow

    with write_transaction():
        txid = database.obj.execute_sql("SELECT pg_current_xact_id()::text::bigint").fetchone()[0]
        cards, changes = [], []
        now = utcnow()
        for n in range(count):
            person = people[n % len(people)]
            day = today - timedelta(days=1 + n % 399)
            card_id = str(uuid.uuid4())
            row = {"id": card_id, "nik": person.nik, "kecamatan_code": person.kecamatan_code, "day": day.isoformat(),
                   "station": station_code, "station_name": "Hub Pamulang loket 9", "blanko": f"KAB-{n:08d}",
                   "reason": "baru", "issued_at": f"{day.isoformat()}T02:00:00", "spoiled": 0,
                   "reprint_approval": None}
            cards.append((card_id, station_id, person.nik, person.kecamatan_code, day, row["blanko"], "baru",
                          row["issued_at"], now, 0))
            changes.append((txid, "card", card_id, person.kecamatan_code, "upsert", now, dumps(row)))
        insert_rows(IssuedCard, ("id", "station_id", "nik", "kecamatan_code", "day", "blanko_serial", "reason",
                                 "issued_at", "received_at", "spoiled"), cards)
        insert_rows(Change, ("txid", "kind", "key", "scope", "op", "at", "data"), changes)


def _measure(regency, work: Path, quick: bool) -> list[Result]:
    from server import leases, registry, residents
    from server.db import connection, database, write_transaction
    from server.migrations import migrate

    regency.bind()
    migrate(database.obj)
    per_kecamatan = 2_000 if quick else 10_000
    card_count = 25_000 if quick else 250_000
    claims = 100 if quick else 500
    people = _residents(per_kecamatan)
    with connection():
        with write_transaction():
            residents.upsert_residents(people)
        for kecamatan in HUB:
            registry.set_quota("bench", kecamatan, 5000)
        leases.set_settings("bench", size=1000, low_water=10)
        _, code_a = registry.add_station("bench", "Hub Pamulang loket 1", list(HUB))
        station_b, code_b = registry.add_station("bench", "Hub Pamulang loket 2", list(HUB))
        _, code_c = registry.add_station("bench", "Hub Pamulang loket 3", list(HUB))
        started = time.perf_counter()
        _cards(station_b["id"], station_b["code"], people, card_count, leases.today())
        seeded = time.perf_counter() - started
    database.obj.close()
    regency.start()
    results: list[Result] = []

    from desktop.sync.client import ServerClient
    from desktop.sync.link import CLAIM_SECONDS

    def enrolled(code: str) -> ServerClient:
        installation = str(uuid.uuid4())
        reply = ServerClient(regency.url).post("/v1/enrol", {"code": code, "installation_id": installation})
        client = ServerClient(regency.url, token=reply["token"], installation_id=installation, timeout=CLAIM_SECONDS)
        client.post("/v1/leases", {"station_time": _now()})
        return client

    first, second = enrolled(code_a), enrolled(code_c)
    niks = [p.nik for p in people if p.kecamatan_code == HUB[0]][:claims]
    granted, refused = [], []
    claims_load, claims_cpu = load_note(), group_cpu_seconds(regency.process.pid)
    for nik in niks:
        started = time.perf_counter()
        first.post("/v1/claims", {"nik": nik, "job_id": str(uuid.uuid4())})
        granted.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        try:
            second.post("/v1/claims", {"nik": nik, "job_id": str(uuid.uuid4())})
        except Exception as exc:  # the refusal is the answer measured
            if getattr(exc, "code", "") != "nik_taken":
                raise
        else:
            raise RuntimeError("a NIK claimed by another station was granted")
        refused.append((time.perf_counter() - started) * 1000)
    both = granted + refused
    claims_cpu = (group_cpu_seconds(regency.process.pid) - claims_cpu) * 1000 / len(both)
    p95 = percentile(both, 95)
    results.append(Result("claims", "claim p95 (loopback)", p95, "ms", target="<= 50 ms", ok=p95 <= 50,
                          note=f"{len(both)} claims (half refused: another station's claim), "
                               f"{card_count:,} cards in the server; granted p50 {median(granted):.1f} / p95 "
                               f"{percentile(granted, 95):.1f} ms, refused p50 {median(refused):.1f} / p95 "
                               f"{percentile(refused, 95):.1f} ms; server CPU {claims_cpu:.1f} ms a claim (its "
                               f"workers; PostgreSQL apart); cards seeded by COPY in {seeded:.0f} s; {claims_load} "
                               f"before, {load_note()} after"))

    # --- the first pull of the hub's card history into a fresh station ----------------------------
    from argon2 import PasswordHasher

    from desktop.composition import build_services

    services = build_services(work / "station", hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    with connection():
        _, code_d = registry.add_station("bench", "Hub Pamulang loket 4", list(HUB))
    database.obj.close()
    services.sync.enrol(regency.url, code_d)
    load_before = load_note()
    server_cpu, station_cpu = group_cpu_seconds(regency.process.pid), time.process_time()
    started = time.perf_counter()
    pulled = services.sync.round()
    first_pull = time.perf_counter() - started
    server_cpu = group_cpu_seconds(regency.process.pid) - server_cpu
    station_cpu = time.process_time() - station_cpu
    from desktop.store.models import CardHistory

    kept = CardHistory.select().count()
    if kept < card_count * 0.99:
        raise RuntimeError(f"first pull kept {kept} cards, expected {card_count}")
    results.append(Result("claims", f"first pull, {card_count:,} cards + {len(people):,} residents", first_pull, "s",
                          target="< 30 s", ok=first_pull < 30,
                          note=f"a fresh station of a 5-kecamatan hub: residents and 400 days of cards in one round, "
                               f"compact pages; CPU: station {station_cpu:.1f} s, server (2 workers) {server_cpu:.1f} s; "
                               f"{pulled.bytes_received / 1e6:.1f} MB received; {load_before} before, "
                               f"{load_note()} after"))
    sizes = []
    for _ in range(5 if quick else 20):
        idle = services.sync.round()
        sizes.append(idle.bytes_sent + idle.bytes_received)
    results.append(Result("claims", "idle round bytes after it", max(sizes), "B", target="< 2048 B",
                          ok=max(sizes) < 2048))
    services.close()
    return results


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(tzinfo=None).isoformat() + "Z"

