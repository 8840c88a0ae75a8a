"""The server's access log and its list of issued cards (issue 20, item 6): each request is logged with
the client's address, the station or admin that asked and the route's template, never the path or
query themselves (a NIK stays out); `ktp-mandiri-server cards` answers with the query of GET /v1/cards."""

from __future__ import annotations

import json
import time
import uuid

from server import residents
from server.db import connection
from tests.helpers.exports import resident_row, write_export
from tests.server.test_protocol import PAMULANG, SETU, admin_token, call, enrolled_station


def _access_lines(regency, since: int, count: int) -> list[str]:
    """The access-log lines after `since`, once there are `count` (a line is written after its reply)."""
    deadline = time.monotonic() + 30
    while True:
        text = regency.log_path.read_bytes()[since:].decode(errors="replace")
        lines = [line.split("ktp.server.access INFO ", 1)[1] for line in text.splitlines()
                 if "ktp.server.access" in line]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def _log_size_once_logged(regency, before: int, line: str) -> int:
    """The log's size once an access line containing `line` is in it after byte `before`: a line is
    written after its reply, so the size taken at once could fall before it."""
    deadline = time.monotonic() + 30
    while True:
        text = regency.log_path.read_bytes()
        if line.encode() in text[before:] or time.monotonic() > deadline:
            return len(text)
        time.sleep(0.05)


def _push_cards(regency, token, installation, niks: list[str], day: str, kecamatan: str = PAMULANG) -> None:
    body = {"batch_id": str(uuid.uuid4()), "seq": 1, "events": [
        {"id": str(uuid.uuid4()), "entity": "issued_card", "entity_id": str(uuid.uuid4()), "op": "insert",
         "at": f"{day}T01:00:00", "data": {"nik": nik, "reason": "hilang", "blanko": f"BLK-{n:07d}",
                                            "kecamatan": kecamatan, "day": day}}
        for n, nik in enumerate(niks)]}
    status, reply = call(regency.url + "/v1/push", "POST", body, token, installation)
    assert status == 200, reply


def test_the_access_log_names_who_asked_and_the_route_never_the_nik(regency, tmp_path):
    row = resident_row(PAMULANG, 1)
    with connection():
        residents.import_residents("test", write_export(tmp_path / "siak.csv", [row]))
        token, installation = enrolled_station(regency)
        from server.models import Station

        code = Station.select().order_by(Station.created_at.desc()).get().code
    before = regency.log_path.stat().st_size
    admin = admin_token(regency)
    since = _log_size_once_logged(regency, before, "POST /v1/admin/login 200")
    assert call(regency.url + f"/v1/cards?nik={row[0]}", token=token, installation=installation)[0] == 200
    assert call(regency.url + f"/v1/residents/{row[0]}/photo", token=token, installation=installation)[0] == 404
    assert call(regency.url + "/v1/admin/stations", token=admin)[0] == 200
    assert call(regency.url + f"/v1/residents/{row[0]}/photo")[0] == 401
    assert call(regency.url + "/v1/health")[0] == 200
    lines = _access_lines(regency, since, 5)
    assert [line.rsplit(" ", 2)[0] for line in lines] == [
        f"127.0.0.1 station:{code} GET /v1/cards 200",
        f"127.0.0.1 station:{code} GET /v1/residents/{{nik}}/photo 404",
        "127.0.0.1 admin:" + lines[2].split("admin:", 1)[1].split(" ", 1)[0] + " GET /v1/admin/stations 200",
        "127.0.0.1 - GET - 401",  # refused before routing: no route, nobody
        "127.0.0.1 - GET /v1/health 200",
    ]
    assert row[0] not in regency.log_path.read_text(errors="replace")[since:]


def test_the_cards_command_answers_with_the_card_look_up_query(regency, tmp_path):
    rows = [resident_row(PAMULANG, n) for n in (1, 2)] + [resident_row(SETU, 3)]
    with connection():
        residents.import_residents("test", write_export(tmp_path / "siak.csv", rows))
        token, installation = enrolled_station(regency)
    _push_cards(regency, token, installation, [rows[0][0], rows[1][0]], "2026-11-23")
    listed = json.loads(regency.cli("cards", "--day", "2026-11-23", "--json").stdout)
    assert sorted(c["nik"] for c in listed) == sorted([rows[0][0], rows[1][0]])
    status, looked_up = call(regency.url + f"/v1/cards?nik={rows[0][0]}", token=token, installation=installation)
    assert status == 200
    assert json.loads(regency.cli("cards", "--nik", rows[0][0], "--json").stdout) == looked_up["cards"]
    assert json.loads(regency.cli("cards", "--day", "2026-11-23", "--kecamatan", SETU, "--json").stdout) == []
    text = regency.cli("cards", "--day", "2026-11-23", "--kecamatan", PAMULANG).stdout.splitlines()
    assert text[-1] == "2 kartu." and all(line.startswith("2026-11-23\t") for line in text[:-1])
    assert regency.cli("cards", "--day", "2026-11-22").stdout.splitlines() == ["Tidak ada kartu tercetak yang cocok.",
                                                                             "0 kartu."]
    bad = regency.cli("cards", "--nik", "123", check=False)
    assert (bad.returncode, bad.stderr.strip()) == (1, "ktp-mandiri-server: NIK 123 tidak sah: harus 16 angka.")
