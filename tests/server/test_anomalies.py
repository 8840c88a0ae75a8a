"""The server checks what stations tell it (issue 17, item 5): each rule by a forged event pushed with a
real station token to a real server; the card is kept, the anomaly recorded with its rule; a card
without a right or on a serial not leased suspends the station until an admin resumes it."""

from __future__ import annotations

import json
import uuid

import pytest

from server import leases, push, registry, residents
from server.models import Anomaly, AuditEntry, IssuedCard, QuotaLease, utcnow
from tests.helpers.exports import resident_row, write_export
from tests.helpers.regency import ADMIN_PASSWORD
from tests.server.test_protocol import PAMULANG, SETU, admin_token, call, enrolled_station, pull_all


class Forger:
    """An enrolled station of Pamulang whose token sends whatever a test writes."""

    def __init__(self, regency, served=(PAMULANG,)) -> None:
        self.regency = regency
        self.token, self.installation = enrolled_station(regency, served)
        self.seq = 0

    def push(self, *events: dict) -> tuple[int, dict]:
        self.seq += 1
        body = {"batch_id": str(uuid.uuid4()), "seq": self.seq, "station_time": utcnow().isoformat() + "Z",
                "events": list(events)}
        return call(self.regency.url + "/v1/push", "POST", body, self.token, self.installation)

    def exchange(self, **extra) -> dict:
        body = {"station_time": utcnow().isoformat() + "Z", "blanko": {"usable": 0}} | extra
        status, reply = call(self.regency.url + "/v1/leases", "POST", body, self.token, self.installation)
        assert status == 200, reply
        return reply

    def cursor(self) -> str:
        return pull_all(self.regency, self.token, self.installation)[1]


def card(nik: str, serial: str, kecamatan: str = PAMULANG, **data) -> dict:
    now = utcnow()
    return {"id": str(uuid.uuid4()), "entity": "issued_card", "entity_id": str(uuid.uuid4()), "op": "insert",
            "at": now.isoformat(), "data": {"nik": nik, "reason": "baru", "blanko": serial, "kecamatan": kecamatan,
                                            "day": leases.today().isoformat(), "issued_at": now.isoformat()} | data}


def rules(*events: dict) -> list[str]:
    """The rules recorded against these events, in the order of the events."""
    ids = [e["id"] for e in events]
    found = {a.event_id: a.rule for a in Anomaly.select().where(Anomaly.event_id.in_(ids))}
    return [found.get(i) for i in ids]


@pytest.fixture
def hub(regency, tmp_path):
    """Residents (three print-ready of Pamulang, one not yet, one of Setu) and the regency's blanko."""
    leases.set_settings("test", advance_hour=24)
    rows = [resident_row(PAMULANG, n) for n in (1, 2, 3)] + [resident_row(PAMULANG, 4, status="BIO_CAPTURED"),
                                                            resident_row(SETU, 5)]
    residents.import_residents("test", write_export(tmp_path / "penduduk.csv", rows))
    leases.receive_blanko("test", 500, "BOX-1")
    return [r[0] for r in rows]


def kab(number: int) -> str:
    return f"KAB-{number:08d}"


def test_an_honest_card_is_no_anomaly_and_each_forged_one_is_recorded_with_its_rule(regency, hub):
    ready, ready2, ready3, not_ready, setu = hub
    station = Forger(regency)
    reply = station.exchange()
    first = int(reply["ranges"][0]["first"][4:])
    honest = card(ready, kab(first), pull_cursor=station.cursor())
    assert station.push(honest)[0] == 200
    assert rules(honest) == [None]

    forged = [card("9999999999999999", kab(first + 1)),  # nobody's NIK
              card(setu, kab(first + 2)),  # a Setu resident labelled Pamulang
              card(not_ready, kab(first + 3)),  # not print-ready
              card(ready, kab(first + 4)),  # the same NIK again today, no reprint reference
              card(ready2, kab(first)),  # a serial already on a card
              card(ready3, "BLK-NEVER-LEASED")]  # a local serial after enrolment
    status, reply = station.push(*forged)
    assert (status, reply["applied"]) == (200, len(forged))  # the cards are physical facts: all kept
    assert rules(*forged) == ["not_resident", "not_resident", "not_print_ready", "nik_twice", "serial_used",
                              "serial_local"]
    assert IssuedCard.select().count() == 1 + len(forged)
    # None of these suspends: the station still gets its rights.
    assert station.exchange()["suspension"] is None

    reprint = card(ready2, kab(first + 5), reprint_approval="0b9f3c2e-5a1d-4c7e-9f00-1234567890ab")
    assert station.push(reprint)[0] == 200
    assert rules(reprint) == ["bad_reference"]  # a reference no claim brought to the server


def test_print_ready_is_judged_on_what_the_station_had_pulled(regency, hub, tmp_path):
    *_, not_ready, _ = hub
    station = Forger(regency)
    first = int(station.exchange()["ranges"][0]["first"][4:])
    before = station.cursor()
    residents.import_status("test", write_export(tmp_path / "status.csv", [[not_ready, "PRINT_READY_RECORD"]],
                                                 header=("NIK", "STATUS_REKAM")))
    after = station.cursor()
    old, new = card(not_ready, kab(first), pull_cursor=before), card(not_ready, kab(first + 1), pull_cursor=after)
    assert station.push(old, new)[0] == 200
    # The first was printed on a pull that still said "not yet recorded"; the second knew better.
    assert rules(old, new) == ["not_print_ready", "nik_twice"]


def test_cards_beyond_the_rights_held_suspend_the_station_until_an_admin_resumes_it(regency, hub):
    ready, *_ = hub
    station, other = Forger(regency), Forger(regency)
    reply = station.exchange()
    held = reply["leases"][0]["granted"]
    assert held == 20 and other.exchange()["leases"][0]["granted"] == 20
    first = int(reply["ranges"][0]["first"][4:])
    cards = [card(f"{3674064508900100 + n}", kab(first + n)) for n in range(40)]
    status, reply = station.push(*cards)
    assert (status, reply["applied"]) == (200, 40)
    # None of the forty is a resident; the twenty beyond the rights held have no right either.
    assert Anomaly.select().where(Anomaly.rule == "not_resident").count() == 40
    beyond = {a.event_id for a in Anomaly.select().where(Anomaly.rule == "no_right")}
    assert beyond == {c["id"] for c in cards[20:]}
    assert IssuedCard.select().count() == 40

    # Suspended: the station is told why in one sentence, its rights are recalled, no new ones come.
    reply = station.exchange()
    sentence = reply["suspension"]["message"]
    assert "dihentikan sementara" in sentence and "hak cetak" in sentence and sentence.count(".") == 1
    assert [(x["granted"], x["returned"]) for x in reply["leases"]] == [(20, 0)]  # all used, none given anew
    session = call(regency.url + "/v1/session", token=station.token, installation=station.installation)[1]
    assert session["station"]["suspended"] == sentence

    # The regency sees it: the admin API and the command line.
    admin = {"Authorization": f"Bearer {admin_token(regency)}"}
    status, listed = call(regency.url + "/v1/admin/anomalies?limit=100", headers=admin)
    assert status == 200 and len(listed["anomalies"]) == 60
    assert [s["why"] for s in listed["suspended"]] == [sentence]
    no_right = next(a for a in listed["anomalies"] if a["rule"] == "no_right")
    sent = next(c for c in cards if c["id"] == no_right["event_id"])
    assert (no_right["nik"], no_right["blanko_serial"], no_right["kecamatan"], no_right["at"]) == (
        sent["data"]["nik"], sent["data"]["blanko"], PAMULANG, sent["at"])
    out = json.loads(regency.cli("anomalies", "--json").stdout)
    assert {a["rule"] for a in out} == {"no_right", "not_resident"} and len(out) == 60
    assert {"rule", "station", "at", "nik", "blanko_serial", "kecamatan"} <= set(out[0])
    assert "DIHENTIKAN" in regency.cli("anomalies").stdout
    code = no_right["station"]
    assert "dihentikan" in regency.cli("station", "list").stdout

    # An admin resumes it (audited); the anomalies stay on record and rights come again.
    status, resumed = call(regency.url + f"/v1/admin/stations/{code}/resume", "POST", {"password": ADMIN_PASSWORD},
                           headers=admin)
    assert (status, resumed["suspended"]) == (200, False)
    assert AuditEntry.select().where(AuditEntry.action == "station.suspension_cleared").count() == 1
    assert call(regency.url + f"/v1/admin/stations/{code}/resume", "POST", {"password": ADMIN_PASSWORD},
                           headers=admin)[0] == 409
    reply = station.exchange(leases=[{"kecamatan": PAMULANG, "day": leases.today().isoformat(), "granted": 20,
                                      "returned": 0, "used": 20}])
    assert reply["suspension"] is None and reply["leases"][0]["granted"] > 20
    assert Anomaly.select().count() == 60


def test_a_serial_not_leased_to_the_station_suspends_it(regency, hub):
    ready, ready2, *_ = hub
    station, neighbour = Forger(regency), Forger(regency)
    station.exchange()
    theirs = int(neighbour.exchange()["ranges"][0]["first"][4:])
    forged = [card(ready, kab(theirs)), card(ready2, "KAB-xyz")]
    assert station.push(*forged)[0] == 200
    assert rules(*forged) == ["serial_not_leased", "serial_not_leased"]
    reply = station.exchange()
    assert "blanko " + kab(theirs) in reply["suspension"]["message"]
    # Its 18 unused rights went back to the kecamatan's pool; the two it used stay with it.
    assert [(x["granted"], x["returned"]) for x in reply["leases"]] == [(20, 18)]
    assert {s["station"]: s["granted"] - s["returned"] for s in leases.admin_view()[0]["stations"]} == {
        registry.list_stations()[0]["code"]: 2, registry.list_stations()[1]["code"]: 20}
    assert regency.cli("station", "resume", "NOPE", check=False).returncode == 1
    code = registry.list_stations()[0]["code"]
    result = regency.cli("station", "resume", code)
    assert "dicabut" in result.stdout
    assert station.exchange()["suspension"] is None


def test_audit_entries_of_unknown_format_or_a_broken_chain_are_recorded(regency, hub):
    station = Forger(regency)
    odd = {"id": str(uuid.uuid4()), "entity": "audit_log", "entity_id": str(uuid.uuid4()), "op": "insert",
           "at": utcnow().isoformat(), "data": {"format": "not-ktp", "action": "x"}}
    assert station.push(odd)[0] == 200
    assert rules(odd) == ["audit_format"]

    def entry(seq: int, prev: str | None) -> dict:
        data = {"format": "ktp-audit/1", "seq": seq, "prev_hash": prev, "at": "2026-12-07T01:00:00.000000Z",
                "origin": "station", "server_change_id": None, "user_id": None, "username": None,
                "action": "app.start", "details": {}, "effects": []}
        data["hash"] = push.entry_hash(data)
        return {"id": str(uuid.uuid4()), "entity": "audit_log", "entity_id": str(uuid.uuid4()), "op": "insert",
                "at": utcnow().isoformat(), "data": data}

    one = entry(1, "0" * 64)
    assert station.push(one)[0] == 200
    gap = entry(3, "f" * 64)
    for _ in range(2):  # sent again by the station's retries: recorded once
        status, reply = station.push(gap)
        assert (status, reply["detail"]["code"]) == (409, "audit_chain_broken")
    assert rules(one, gap) == [None, "audit_chain"]
    assert Anomaly.select().where(Anomaly.rule == "audit_chain").count() == 1


def test_after_a_restore_rights_and_serials_wait_for_the_stations_report(regency, hub):
    ready, ready2, *_ = hub
    station = Forger(regency)
    reply = station.exchange()
    first = int(reply["ranges"][0]["first"][4:])
    ranges = [{"id": r["id"], "first": r["first"], "last": r["last"], "confirmed": True} for r in reply["ranges"]]
    # The backup was made before the station's rights and range: the restored server lacks them.
    QuotaLease.delete().execute()
    from server.models import BlankoRange

    BlankoRange.delete().execute()
    registry.new_generation("test")
    honest = card(ready, kab(first))
    assert station.push(honest)[0] == 200
    assert rules(honest) == [None] and IssuedCard.get().unjudged
    held = [{"kecamatan": PAMULANG, "day": leases.today().isoformat(), "granted": 20, "returned": 0, "used": 1}]
    reply = station.exchange(report={"leases": held, "ranges": ranges}, leases=held)
    assert reply["suspension"] is None
    assert rules(honest) == [None] and not IssuedCard.get().unjudged
    # Judged at the report, a card beyond what the report says is an anomaly like any other.
    QuotaLease.delete().execute()
    registry.new_generation("test")
    late = card(ready2, kab(first + 1))
    assert station.push(late)[0] == 200
    assert rules(late) == [None]
    reply = station.exchange(report={"leases": [], "ranges": ranges})
    assert rules(late) == ["no_right"] and rules(honest) == [None]
    assert reply["suspension"] is not None
