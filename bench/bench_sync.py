"""The regency server on a real PostgreSQL (2 uvicorn workers) over loopback, driven by the station's
own sync client: push throughput (batches of 500) against one COPY of the same rows, the first pull of
a kecamatan's residents, an idle round on a kept-alive connection, and one photo on demand."""

from __future__ import annotations

import io
import os
import random
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from bench.common import Result, group_cpu_seconds, load_note, median, percentile, regency_server

KECAMATAN = "36.74.06"


def _residents(count: int) -> list:
    from desktop.domain.nik import build_nik
    from desktop.domain.resident_file import ResidentRecord

    rng = random.Random(2026)
    records, seen = [], set()
    base = date(1950, 1, 1)
    while len(records) < count:
        born = base + timedelta(days=rng.randint(0, 365 * 55))
        sex = rng.choice("LP")
        nik = build_nik(KECAMATAN, born, sex, rng.randint(1, 9999))
        if nik in seen:
            continue
        seen.add(nik)
        records.append(ResidentRecord(
            nik=nik, name=f"PENDUDUK {len(records):06d} SAPUTRA", birth_place="TANGERANG", birth_date=born, sex=sex,
            blood_type="O", address=f"JL. RAYA PAMULANG NO. {rng.randint(1, 250)}", rt=rng.randint(1, 15),
            rw=rng.randint(1, 12), village_code=f"{KECAMATAN}.100{rng.randint(1, 8)}", kecamatan_code=KECAMATAN,
            religion="ISLAM", marital_status="KAWIN", occupation="KARYAWAN SWASTA", nationality="WNI",
            record_status="PRINT_READY_RECORD"))
    return records


def _events(count: int) -> list[dict]:
    return [{"id": str(uuid.uuid4()), "entity": "issued_card", "entity_id": str(uuid.uuid4()), "op": "insert",
             "at": "2026-11-23T01:00:00", "data": {"nik": "3674064508900001", "reason": "hilang",
                                                   "blanko": f"BLK-{n:07d}", "kecamatan": KECAMATAN,
                                                   "day": "2026-11-23", "printer": "usb://0F49:0A00",
                                                   "operator": "operator1", "issued_at": "2026-11-23T01:00:00"}}
            for n in range(count)]


def run(quick: bool) -> list[Result]:
    with regency_server("ktp-bench-sync-") as (regency, work):
        return _measure(regency, work, quick)


def _measure(regency, work: Path, quick: bool) -> list[Result]:
    from server import registry, residents
    from server.db import connection, write_transaction
    from server.migrations import migrate

    regency.bind()
    from server.db import database

    migrate(database.obj)
    people = 10_000 if quick else 100_000
    pushes = 5_000 if quick else 50_000
    with connection():
        with write_transaction():
            residents.upsert_residents(_residents(people))
        photo_niks = [r.nik for r in residents.Resident.select().limit(200)]
        for nik in photo_niks:  # a 30 KB image per resident (the size of a SIAK photo)
            residents.ResidentImage.insert(nik=nik, photo=b"\xff\xd8\xff" + os.urandom(30_000)).execute()
        _, pusher_code = registry.add_station("bench", "Pusher", [KECAMATAN])
        _, station_code = registry.add_station("bench", "Hub Pamulang", [KECAMATAN])
    database.obj.close()
    regency.start()
    results: list[Result] = []

    # --- push: events/s through the API, batches of 500 -----------------------------------------
    from desktop.sync.client import ServerClient

    installation = str(uuid.uuid4())
    enrol = ServerClient(regency.url).post("/v1/enrol", {"code": pusher_code, "installation_id": installation})
    client = ServerClient(regency.url, token=enrol["token"], installation_id=installation)
    events = _events(pushes)
    load_before, server_cpu, client_cpu = load_note(), group_cpu_seconds(regency.process.pid), time.process_time()
    started = time.perf_counter()
    for seq, start in enumerate(range(0, len(events), 500), start=1):
        client.post("/v1/push", {"batch_id": str(uuid.uuid4()), "seq": seq, "events": events[start:start + 500]})
    api_rate = pushes / (time.perf_counter() - started)
    server_cpu = group_cpu_seconds(regency.process.pid) - server_cpu
    client_cpu = time.process_time() - client_cpu
    copy_rate = _copy_rate(regency, enrol["station_id"], _events(pushes))
    results.append(Result("sync", f"push, batches of 500 ({pushes:,} events)", api_rate, "events/s",
                          target=">= 5000 events/s", ok=api_rate >= 5000,
                          note=f"the same rows by one COPY: {copy_rate:,.0f} rows/s, "
                               f"{copy_rate / api_rate:.1f}x the API; CPU: server workers {server_cpu:.1f} s "
                               f"({pushes / max(server_cpu, 1e-9):,.0f} events per CPU second), client "
                               f"{client_cpu:.1f} s; {load_before} before, {load_note()} after"))
    results.append(Result("sync", "push: COPY / API", copy_rate / api_rate, "x"))

    # --- first pull of a kecamatan's residents into a fresh station ---------------------------------
    from argon2 import PasswordHasher

    from desktop.composition import build_services
    from desktop.sync import photos

    photos.PREFETCH_PER_ROUND = 0  # measured on its own below
    services = build_services(work / "station", hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    services.sync.enrol(regency.url, station_code)
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    report = services.sync.round()
    first_pull = time.perf_counter() - started
    station_cpu = time.process_time() - cpu_started  # the station's own share (the server runs apart)
    load_after = os.getloadavg()[0]
    claimed = services.db.execute_sql(
        "SELECT COUNT(*) FROM audit_claim WHERE kind = 'row' AND key LIKE 'resident|%'").fetchone()[0]
    if report.residents < people:
        raise RuntimeError(f"first pull brought {report.residents} residents, expected {people}")
    per_resident = report.bytes_received / people
    results.append(Result("sync", f"first pull, {people:,} residents", first_pull, "s", target="< 30 s",
                          ok=first_pull < 30, note=f"{per_resident:.0f} bytes per resident on the wire (gzip), "
                                                   f"{claimed:,} residents claimed, station CPU {station_cpu:.1f} s, load average (1 min) "
                                                   f"{load_before:.2f} before, {load_after:.2f} after"))
    results.append(Result("sync", "first pull: bytes per resident", per_resident, "B"))

    # --- an idle round on the kept-alive connection ----------------------------------------------
    times, sizes = [], []
    for _ in range(10 if quick else 50):
        started = time.perf_counter()
        idle = services.sync.round()
        times.append((time.perf_counter() - started) * 1000)
        sizes.append(idle.bytes_sent + idle.bytes_received)
    p50 = median(times)
    results.append(Result("sync", "idle round p50", p50, "ms", target="< 50 ms", ok=p50 < 50,
                          note=f"p95 {percentile(times, 95):.1f} ms; {load_note()} after"))
    results.append(Result("sync", "idle round bytes", max(sizes), "B", target="< 2048 B", ok=max(sizes) < 2048))

    # --- one photo on demand ---------------------------------------------------------------------
    photo_times = []
    for nik in photo_niks:
        started = time.perf_counter()
        services.sync.fetch_images(nik)
        photo_times.append((time.perf_counter() - started) * 1000)
    p95 = percentile(photo_times, 95)
    results.append(Result("sync", "photo on demand p95", p95, "ms", target="< 200 ms", ok=p95 < 200,
                          note=f"{len(photo_niks)} residents, photo and signature requests, 30 KB photos"))
    services.close()
    return results


def _copy_rate(regency, station_id: str, events: list[dict]) -> float:
    import json

    import psycopg2

    from server.db import database

    params = database.obj.connect_params
    conn = psycopg2.connect(dbname=database.obj.database, **params)
    buffer = io.StringIO()
    for e in events:
        data = json.dumps(e["data"]).replace("\\", "\\\\")
        buffer.write(f"{station_id}\t{e['id']}\t{e['entity']}\t{e['entity_id']}\t{e['op']}\t{e['at']}\t{data}\t"
                     "2026-11-23 01:00:00\n")
    buffer.seek(0)
    started = time.perf_counter()
    with conn, conn.cursor() as cursor:
        cursor.copy_expert('COPY station_event (station_id, event_id, entity, entity_id, op, station_time, data, '
                           'received_at) FROM STDIN', buffer)
    elapsed = time.perf_counter() - started
    conn.close()
    return len(events) / elapsed
