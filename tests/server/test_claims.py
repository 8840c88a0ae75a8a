"""Claims on a NIK for a day, the card history and the online password change, checked with requests
written from docs/sync-protocol.md against a real server (issue 17, items 1, 2, 3 and 6): the NIK
another station claimed or printed is refused with who, where and when; a reprint approval is the
only way past a card; claims never exceed the rights held; a `user_password` push is 403."""

from __future__ import annotations

import uuid
from datetime import timedelta

from server import leases, registry
from server.db import connection
from server.models import AuditEntry, Change, NikClaim, ServerUser, utcnow
from server.security import hasher
from tests.helpers.leases import seed_residents
from tests.server.test_protocol import PAMULANG, SETU, admin_token, call, enrolled_station, pull_all

APPROVAL = "0b7c6f2e-3f4a-4c1d-9a57-0c2d1e9f8a11"


class Station:
    """A station as the protocol page describes it: its token and installation, nothing of the client."""

    def __init__(self, regency, served=(PAMULANG, SETU)) -> None:
        self.regency = regency
        self.token, self.installation = enrolled_station(regency, served)

    def call(self, path: str, method: str = "GET", body: dict | None = None) -> tuple[int, dict]:
        return call(self.regency.url + path, method, body, self.token, self.installation)

    def lease(self) -> None:
        status, reply = self.call("/v1/leases", "POST", {"station_time": utcnow().isoformat() + "Z"})
        assert status == 200 and reply["leases"], reply

    def claim(self, nik: str, job: str | None = None, approval: str | None = None,
              details: dict | None = None) -> tuple[int, dict]:
        return self.call("/v1/claims", "POST", {"nik": nik, "job_id": job or str(uuid.uuid4()),
                                                "reprint_approval": approval, "approval": details})

    def push_card(self, nik: str, blanko: str, card_id: str | None = None, seq: int = 1, **extra) -> None:
        day = leases.today().isoformat()
        status, reply = self.call("/v1/push", "POST", {"batch_id": str(uuid.uuid4()), "seq": seq, "events": [
            {"id": str(uuid.uuid4()), "entity": "issued_card", "entity_id": card_id or str(uuid.uuid4()), "op": "insert",
             "at": utcnow().isoformat(), "data": {"nik": nik, "reason": "baru", "blanko": blanko,
                                                  "kecamatan": PAMULANG, "day": day,
                                                  "issued_at": utcnow().isoformat(), **extra}}]})
        assert status == 200, reply


def test_a_nik_claimed_at_one_station_is_refused_at_the_other_with_who_and_when(regency, tmp_path):
    niks = seed_residents(tmp_path, {PAMULANG: 3, "36.74.04": 1})
    nik = niks[PAMULANG][0]
    first, second = Station(regency), Station(regency)
    first.lease(), second.lease()
    status, mine = first.claim(nik, "job-1")
    assert status == 200 and mine["nik"] == nik and mine["day"] == leases.today().isoformat()
    status, refused = second.claim(nik)
    assert (status, refused["detail"]["code"]) == (409, "nik_taken")
    holder = refused["detail"]["holder"]
    assert holder["state"] == "claimed" and holder["station_name"].startswith("Stasiun ")
    assert refused["detail"]["message"].startswith("KTP-el untuk NIK ini sedang dicetak di Stasiun ")
    # The first station's retry (a spoiled card) keeps its claim; asking again is the same claim.
    status, again = first.claim(nik, "job-2")
    assert status == 200 and again["claim_id"] == mine["claim_id"] and again["job_id"] == "job-2"
    # A released job gives it back: the second station may claim it now.
    assert first.call(f"/v1/claims/{mine['claim_id']}/release", "POST", {})[0] == 200
    assert second.claim(nik)[0] == 200
    # Another station's claim cannot be released by a station; a resident elsewhere cannot be claimed.
    assert first.call(f"/v1/claims/{mine['claim_id']}x/release", "POST", {})[0] == 404
    status, elsewhere = first.claim(niks["36.74.04"][0])
    assert (status, elsewhere["detail"]["code"]) == (404, "not_found")
    assert first.claim("3674069999999999")[0] == 404


def test_a_card_printed_anywhere_today_needs_a_reprint_approval(regency, tmp_path):
    nik = seed_residents(tmp_path, {PAMULANG: 1})[PAMULANG][0]
    first, second = Station(regency), Station(regency)
    first.lease(), second.lease()
    assert first.claim(nik)[0] == 200
    first.push_card(nik, "KAB-00000001")
    status, refused = second.claim(nik)
    assert (status, refused["detail"]["holder"]["state"], refused["detail"]["holder"]["blanko"]) == \
        (409, "printed", "KAB-00000001")
    assert "sudah dicetak hari ini (blanko KAB-00000001, di Stasiun " in refused["detail"]["message"]
    assert refused["detail"]["message"].endswith("Cetak ulang hanya dengan persetujuan supervisor.")
    assert second.claim(nik, approval="bukan-rujukan")[0] == 422
    # A well-formed reference the server never recorded, without the approval's details: refused.
    status, refused = second.claim(nik, approval=APPROVAL)
    assert (status, refused["detail"]["code"]) == (409, "bad_reference")
    # The card history: every station serving the kecamatan pulls it, and may ask for a NIK online.
    changes, _ = pull_all(regency, second.token, second.installation)
    cards = [c["data"] for c in changes if c["kind"] == "card"]
    assert [(c["nik"], c["blanko"], c["reason"]) for c in cards] == [(nik, "KAB-00000001", "baru")]
    status, asked = second.call(f"/v1/cards?nik={nik}")
    assert status == 200 and [c["blanko"] for c in asked["cards"]] == ["KAB-00000001"]
    assert asked["cards"][0]["station_name"] == cards[0]["station_name"]
    elsewhere = Station(regency, served=("36.74.04",))
    assert elsewhere.call(f"/v1/cards?nik={nik}")[0] == 404


def test_open_claims_never_exceed_the_rights_held_and_expire_without_a_job(regency, tmp_path):
    niks = seed_residents(tmp_path, {PAMULANG: 30})[PAMULANG]
    station = Station(regency, served=(PAMULANG,))
    station.lease()
    status, session = station.call("/v1/session")
    today = leases.today().isoformat()  # (after the advance hour tomorrow's rights are leased too)
    held = sum(lease["granted"] - lease["returned"] for lease in session["leases"] if lease["day"] == today)
    assert 0 < held < len(niks)
    made = [station.claim(nik) for nik in niks[:held]]
    assert all(status == 200 for status, _ in made)
    status, refused = station.claim(niks[held])
    assert (status, refused["detail"]["code"]) == (409, "no_rights")
    # At its next round the station names the claims with a job behind them; the others expire
    # (once older than the grace a claim on its way to its job has).
    kept = made[0][1]["claim_id"]
    with connection():
        NikClaim.update(claimed_at=utcnow() - timedelta(minutes=3)).execute()
    status, swept = station.call("/v1/claims/sweep", "POST", {"keep": [kept]})
    assert (status, swept["expired"]) == (200, held - 1)
    assert station.claim(niks[held])[0] == 200
    # The regency admin sees and releases a claim (audited).
    admin = {"Authorization": f"Bearer {admin_token(regency)}"}
    status, listed = call(regency.url + "/v1/admin/claims", headers=admin)
    assert status == 200 and kept in {c["claim_id"] for c in listed}
    assert call(regency.url + f"/v1/admin/claims/{kept}/release", "POST", {}, headers=admin)[0] == 200
    with connection():
        assert AuditEntry.select().where(AuditEntry.action == "claim.release").count() == 1


def test_a_station_cannot_take_over_an_account(regency, tmp_path):
    with connection():
        registry.save_user("test", "kepala", "Kepala Regency", "supervisor", "sandi-kepala-1", [],
                           must_change_password=False)
        registry.save_user("test", "admin.kab", "Admin Kabupaten", "admin", "sandi-admin-1", [],
                           must_change_password=False)
        registry.save_user("test", "serpong", "Operator Serpong", "operator", "sandi-serpong-1", ["36.74.04"],
                           must_change_password=False)
    station = Station(regency, served=(PAMULANG,))
    changes, _ = pull_all(regency, station.token, station.installation)
    users = {c["data"]["username"]: c["data"] for c in changes if c["kind"] == "user"}
    assert users["admin.kab"]["password_hash"] is None  # an admin's hash never leaves the server
    supervisor = users["kepala"]
    # The forged push of the issue: the pulled hash as `previous_hash`, a new hash: refused whole.
    forged = {"batch_id": str(uuid.uuid4()), "seq": 1, "events": [
        {"id": str(uuid.uuid4()), "entity": "user_password", "entity_id": supervisor["id"], "op": "update",
         "data": {"username": "kepala", "password_hash": hasher().hash("diambil-alih"),
                  "previous_hash": supervisor["password_hash"]}}]}
    status, reply = station.call("/v1/push", "POST", forged)
    assert (status, reply["detail"]["code"]) == (403, "forbidden")
    with connection():
        assert hasher().verify(ServerUser.get(ServerUser.username == "kepala").password_hash, "sandi-kepala-1")
    # Online, the old password is checked here; a wrong one, an unserved user and an unknown name
    # get the same answer.
    for name, old in (("kepala", "salah-sandi-1"), ("serpong", "sandi-serpong-1"), ("siapa", "sandi-siapa-1")):
        status, reply = station.call("/v1/password", "POST", {"username": name, "old_password": old,
                                                             "new_password": "sandi-baru-123"})
        assert (status, reply["detail"]["code"]) == (403, "wrong_password"), name
    status, reply = station.call("/v1/password", "POST", {"username": "kepala", "old_password": "sandi-kepala-1",
                                                         "new_password": "sandi-baru-123"})
    assert status == 200 and reply["user"]["username"] == "kepala"
    with connection():
        user = ServerUser.get(ServerUser.username == "kepala")
        assert hasher().verify(user.password_hash, "sandi-baru-123")
        assert Change.select().where((Change.kind == "user") & (Change.key == user.id)).count() == 2
    # An admin account logs in at a station online; guessing is throttled per name and station.
    assert station.call("/v1/login", "POST", {"username": "admin.kab", "password": "sandi-admin-1"})[0] == 200
    answers = [station.call("/v1/login", "POST", {"username": "admin.kab", "password": "salah-sandi"})[0]
               for _ in range(6)]
    assert answers == [403] * 5 + [429]
