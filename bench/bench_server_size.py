"""What a regency's data weighs on the server (docs/server-install.md, "Sizing"): bytes per resident, per
resident's photo and signature, per card pushed by a station (all its rows and indexes in PostgreSQL,
measured with pg_total_relation_size after VACUUM), and per unit in a backup (pg_dump --format=custom,
as the nightly backup makes it). No targets: the numbers the sizing in the docs is computed from."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

from bench.bench_sync import KECAMATAN, _events, _residents
from bench.common import Result, regency_server


def run(quick: bool) -> list[Result]:
    with regency_server("ktp-bench-size-") as (regency, work):
        return _measure(regency, work, quick)


def _sizes(db) -> dict[str, int]:
    db.execute_sql("VACUUM ANALYZE")
    rows = db.execute_sql("SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables").fetchall()
    return dict(rows)


def _dump_size(url: str, work: Path) -> int:
    out = work / f"{uuid.uuid4().hex}.dump"
    subprocess.run(["pg_dump", "--format=custom", "--file", str(out), "--dbname", url], check=True,
                   capture_output=True)
    size = out.stat().st_size
    out.unlink()
    return size


def _resident_memory(pid: int) -> int:
    """Resident memory (VmRSS) of the server's process and its workers, in bytes."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if int(status.parent.name) == pid or int(fields.get("PPid", "0").strip()) == pid:
            total += int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    return total


def _grown(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(after.values()) - sum(before.values())


def _measure(regency, work: Path, quick: bool) -> list[Result]:
    from server import registry, residents
    from server.db import connection, database, write_transaction
    from server.migrations import migrate

    people = 20_000 if quick else 100_000
    images = 500 if quick else 2_000
    cards = 10_000 if quick else 50_000
    regency.bind()
    db = database.obj
    migrate(db)
    url = regency.database_url
    with connection():
        empty, dump_empty = _sizes(db), _dump_size(url, work)
        with write_transaction():
            residents.upsert_residents(_residents(people))
        with_residents, dump_residents = _sizes(db), _dump_size(url, work)
        for resident in residents.Resident.select().limit(images):  # a SIAK photo ~30 KB, a signature ~8 KB
            residents.ResidentImage.insert(nik=resident.nik, photo=b"\xff\xd8\xff" + os.urandom(30_000),
                                           signature=b"\xff\xd8\xff" + os.urandom(8_000)).execute()
        with_images, dump_images = _sizes(db), _dump_size(url, work)
        _, code = registry.add_station("bench", "Kecamatan Pamulang", [KECAMATAN])
    db.close()
    regency.start()
    from desktop.sync.client import ServerClient

    installation = str(uuid.uuid4())
    enrol = ServerClient(regency.url).post("/v1/enrol", {"code": code, "installation_id": installation})
    client = ServerClient(regency.url, token=enrol["token"], installation_id=installation)
    events = _events(cards)
    for seq, start in enumerate(range(0, cards, 500), start=1):
        client.post("/v1/push", {"batch_id": str(uuid.uuid4()), "seq": seq, "events": events[start:start + 500]})
    client.close()
    memory = _resident_memory(regency.process.pid)
    regency.bind()
    with connection():
        with_cards, dump_cards = _sizes(database.obj), _dump_size(url, work)
    database.obj.close()
    per_resident = _grown(empty, with_residents) / people
    per_image = _grown(with_residents, with_images) / images
    per_card = _grown(with_images, with_cards) / cards
    return [
        Result("server_size", f"database per resident ({people:,})", per_resident, "bytes",
               note="resident row and its indexes"),
        Result("server_size", f"database per photo + signature ({images:,}; 30 KB + 8 KB)", per_image, "bytes"),
        Result("server_size", f"database per card pushed ({cards:,})", per_card, "bytes",
               note="station event, card, audit and change rows with their indexes"),
        Result("server_size", "backup per resident", (dump_residents - dump_empty) / people, "bytes"),
        Result("server_size", "backup per photo + signature", (dump_images - dump_residents) / images, "bytes"),
        Result("server_size", "backup per card pushed", (dump_cards - dump_images) / cards, "bytes"),
        Result("server_size", "server resident memory, 2 workers, after the pushes", memory / 2**20, "MB"),
    ]
