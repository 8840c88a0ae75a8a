"""The regency panel's API (issue 18, item 2, the server side): the roles of regency accounts, a decision
asking for the password again, the networks allowed to reach /v1/admin/, the panel's figures against
the database, its history, the ledger's pages, the printers a station reports, and a transfer out
the server cannot justify."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from desktop.domain import panel_rules
from server import blanko_ledger, leases, registry
from server.db import connection, write_transaction
from server.models import Anomaly, IssuedCard, QuotaLease, Station, StationPrinter, utcnow
from server.security import ADMIN_ONLY, EVERY_ROLE
from tests.helpers.regency import ADMIN_PASSWORD
from tests.server.test_anomalies import Forger, card, kab
from tests.server.test_auth_first import TABLE, fill, query, routes
from tests.server.test_protocol import PAMULANG, SETU, call

# What a regency supervisor may do (issue 18, "Who is who"): the regency panel, decide quota requests,
# see anomalies and suspensions; and change its own password. Everything else under /v1/admin/ is the
# regency admin's.
SUPERVISOR_MAY = {
    ("GET", "/v1/admin/panel"), ("GET", "/v1/admin/panel/history"), ("GET", "/v1/admin/ledger"),
    ("GET", "/v1/admin/ledger/balances"), ("GET", "/v1/admin/quota-requests"), ("GET", "/v1/admin/quotas"),
    ("POST", "/v1/admin/quota-requests/{ident}/decide"), ("GET", "/v1/admin/anomalies"),
    ("POST", "/v1/admin/password"), ("GET", "/v1/admin/reports/{kind}"),
}


def login(regency, username: str, password: str = ADMIN_PASSWORD) -> tuple[int, dict]:
    return call(regency.url + "/v1/admin/login", "POST", {"username": username, "password": password})


def session(regency, username: str) -> dict:
    status, reply = login(regency, username)
    assert status == 200, reply
    return {"Authorization": f"Bearer {reply['token']}"}


@pytest.fixture
def accounts(regency) -> tuple[dict, dict]:
    """(the regency admin's headers, the regency supervisor's headers)."""
    regency.cli("admin", "create", "kepala")
    regency.cli("admin", "create", "pengawas", "--role", "regency_supervisor")
    return session(regency, "kepala"), session(regency, "pengawas")


def test_a_supervisor_gets_403_on_every_admin_only_endpoint_and_the_rest_of_its_own(regency, accounts):
    _, supervisor = accounts
    admin_routes = sorted((m, p) for m, p in routes() if p.startswith("/v1/admin/") and p != "/v1/admin/login")
    assert set(admin_routes) > SUPERVISOR_MAY
    table = {(m, p): (make_body, params) for m, p, make_body, params in TABLE}
    for method, path in admin_routes:
        make_body, params = table[(method, path)]
        body = make_body() if make_body else None
        if body and "password" in body:
            body["password"] = ADMIN_PASSWORD  # the supervisor's own: a refusal is about the role only
        if path == "/v1/admin/password":
            body = {"old_password": "salah-sekali-1", "new_password": "sandi-baru-12"}
        status, reply = call(regency.url + fill(path) + query(params), method, body, headers=supervisor)
        if (method, path) in SUPERVISOR_MAY:
            assert status != 403 or reply["detail"]["code"] == "forbidden" and path == "/v1/admin/password", \
                (method, path, reply)
            assert status < 500, (method, path, reply)
        else:
            assert (status, reply["detail"]["code"]) == (403, "forbidden"), (method, path, reply)
            assert "supervisor kabupaten" in reply["detail"]["message"]
    # What the endpoints declare is what the table says.
    assert set(EVERY_ROLE) == {"regency_admin", "regency_supervisor"} and ADMIN_ONLY == ("regency_admin",)


def test_roles_are_listed_and_the_last_active_admin_rule_counts_regency_admins(regency, accounts):
    admin, _ = accounts
    listed = regency.cli("admin", "list").stdout.splitlines()
    assert [line.split("\t")[:3] for line in listed] == [["kepala", "kepala", "regency_admin"],
                                                         ["pengawas", "pengawas", "regency_supervisor"]]
    status, reply = call(regency.url + "/v1/admin/admins", headers=admin)
    assert {a["username"]: a["role"] for a in reply} == {"kepala": "regency_admin", "pengawas": "regency_supervisor"}
    # An active supervisor does not make the last regency admin dispensable.
    status, reply = call(regency.url + "/v1/admin/admins/kepala/deactivate", "POST", headers=admin)
    assert (status, reply["detail"]["code"]) == (409, "conflict")
    assert "satu-satunya admin aktif" in reply["detail"]["message"]
    assert call(regency.url + "/v1/admin/admins/pengawas/deactivate", "POST", headers=admin)[0] == 200
    wrong = regency.cli("admin", "create", "x.y", "--role", "kepala_dinas", check=False)
    assert wrong.returncode == 2 and "kepala_dinas" in wrong.stderr


def test_a_decision_asks_for_the_password_again_under_the_login_throttle(regency, accounts):
    admin, _ = accounts
    url = regency.url + f"/v1/admin/quotas/{PAMULANG}"
    status, reply = call(url, "PUT", {"daily_limit": 80}, headers=admin)
    assert (status, reply["detail"]["code"]) == (422, "invalid")
    assert call(url, "PUT", {"daily_limit": 80, "password": ADMIN_PASSWORD}, headers=admin)[0] == 200
    for _ in range(5):
        status, reply = call(url, "PUT", {"daily_limit": 81, "password": "bukan-sandinya"}, headers=admin)
        assert (status, reply["detail"]["code"]) == (403, "reauth_failed")
        assert reply["detail"]["message"] == "Kata sandi salah: keputusan ini tidak dijalankan."
    # The throttle of the log-in: the name waits at this address, even with the right password now.
    status, reply = call(url, "PUT", {"daily_limit": 81, "password": ADMIN_PASSWORD}, headers=admin)
    assert (status, reply["detail"]["code"]) == (429, "throttled")
    assert login(regency, "kepala")[0] == 429
    with connection():
        assert leases.day_limit(PAMULANG, leases.today()) == 80
    # Each decision endpoint asks for it.
    for method, path, body in [("POST", "/v1/admin/blanko", {"quantity": 5, "batch": "B"}),
                               ("POST", "/v1/admin/blanko/allocate", {"holder": PAMULANG, "quantity": 5}),
                               ("POST", "/v1/admin/quota-requests/x/decide", {"approve": True}),
                               ("POST", "/v1/admin/stations/x/revoke", None),
                               ("POST", "/v1/admin/stations/x/resume", {})]:
        status, reply = call(regency.url + path, method, body, headers=admin)
        assert status == 422, (path, reply)


def test_the_admin_api_answers_only_the_allowed_networks(regency_servers):
    # This machine only, by default: a forwarded header from an untrusted peer changes nothing.
    regency = regency_servers.get("sqlite")
    regency.cli("admin", "create", "kepala")
    assert call(regency.url + "/v1/admin/login", "POST", {"username": "kepala", "password": ADMIN_PASSWORD},
                headers={"X-Forwarded-For": "203.0.113.7"})[0] == 200

    elsewhere = regency_servers.get("sqlite", {"KTP_SERVER_ADMIN_NETWORKS": "10.20.0.0/16"})
    elsewhere.cli("admin", "create", "kepala")
    status, reply = call(elsewhere.url + "/v1/admin/login", "POST", {"username": "kepala", "password": ADMIN_PASSWORD})
    assert (status, reply["detail"]["code"]) == (403, "network_refused")
    assert reply["detail"]["message"] == ("Alamat 127.0.0.1 tidak termasuk jaringan yang boleh memakai API kabupaten "
                                          "(KTP_SERVER_ADMIN_NETWORKS).")
    assert call(elsewhere.url + "/v1/admin/panel")[0] == 403  # before any token is looked at
    assert call(elsewhere.url + "/v1/health")[0] == 200  # the stations' side is not the admin API

    proxied = regency_servers.get("sqlite", {"KTP_SERVER_ADMIN_NETWORKS": "10.20.0.0/16",
                                             "KTP_SERVER_TRUSTED_PROXIES": "127.0.0.1"})
    proxied.cli("admin", "create", "kepala")
    body = {"username": "kepala", "password": ADMIN_PASSWORD}
    assert call(proxied.url + "/v1/admin/login", "POST", body, headers={"X-Forwarded-For": "10.20.3.4"})[0] == 200
    status, reply = call(proxied.url + "/v1/admin/login", "POST", body, headers={"X-Forwarded-For": "10.21.3.4"})
    assert (status, reply["detail"]["code"]) == (403, "network_refused")


def test_a_bad_admin_network_stops_the_server_at_start(regency_db):
    done = regency_db.cli("serve", "--port", "1", "--admin-network", "10.0.0.300/8", check=False)
    assert done.returncode == 1
    assert "--admin-network / KTP_SERVER_ADMIN_NETWORKS: '10.0.0.300/8' bukan alamat IP" in done.stderr


# --- the figures ---------------------------------------------------------------------------------
def spoil(serial: str, reason: str, at=None) -> dict:
    at = at or utcnow()
    return {"id": str(uuid.uuid4()), "entity": "blanko_movement", "entity_id": str(uuid.uuid4()), "op": "insert",
            "at": at.isoformat(), "data": {"kind": "spoil", "quantity": 1, "blanko": serial, "reason": reason,
                                           "job": None, "at": at.isoformat(sep=" ")}}


def transfer_out(serial: str) -> dict:
    at = utcnow()
    return {"id": str(uuid.uuid4()), "entity": "blanko_movement", "entity_id": str(uuid.uuid4()), "op": "insert",
            "at": at.isoformat(), "data": {"kind": "transfer_out", "quantity": 1, "blanko": serial, "reason": None,
                                           "job": None, "at": at.isoformat(sep=" ")}}


@pytest.fixture
def seeded(regency, accounts):
    """Two stations (a hub for Pamulang and Setu, one for Setu), rights, cards, spoils and printers."""
    with connection():
        leases.set_settings("test", advance_hour=24)
        leases.receive_blanko("test", 500, "BOX-1")
    admin, supervisor = accounts
    assert call(regency.url + f"/v1/admin/quotas/{PAMULANG}", "PUT", {"daily_limit": 40, "password": ADMIN_PASSWORD},
                headers=admin)[0] == 200
    hub, setu = Forger(regency, (PAMULANG, SETU)), Forger(regency, (SETU,))
    first = int(hub.exchange()["ranges"][0]["first"][4:])
    setu_first = int(setu.exchange()["ranges"][0]["first"][4:])
    today = leases.today()
    cards = [card(f"36740645089{n:05d}", kab(first + n)) for n in range(3)]
    cards.append(card("3674064508900100", kab(first + 3), kecamatan=SETU))
    cards.append(card("3674064508900001", kab(first + 4), reprint_approval=str(uuid.uuid4())))  # a reprint
    assert hub.push(*cards, spoil(kab(first + 6), "print_failed:jam"),
                    spoil(kab(first + 7), "returned:chip_failed"), spoil(kab(first + 8), "damaged"))[0] == 200
    assert setu.push(card("3674064508900300", kab(setu_first), kecamatan=SETU))[0] == 200
    with connection():  # a card of yesterday, as a station pushed it then
        IssuedCard.create(id=str(uuid.uuid4()), station=Station.get(Station.served == f"{PAMULANG},{SETU}").id,
                          nik="3674064508900200", kecamatan_code=PAMULANG, day=today - timedelta(days=1),
                          blanko_serial=kab(first + 5), reason="baru", issued_at=utcnow().isoformat())
    hub.exchange(blanko={"usable": 41}, printers=[
        {"name": "Evolis Primacy", "state": "ready", "ribbon_left": 12},
        {"name": "Spooler Loket 2", "state": "attention", "ribbon_left": None}])
    setu.exchange(blanko={"usable": 300}, printers=[{"name": "Evolis Primacy", "state": "printing", "ribbon_left": 200}])
    return hub, setu, supervisor


def test_the_panel_shows_what_the_database_holds(regency, seeded):
    hub, setu, supervisor = seeded
    status, panel = call(regency.url + "/v1/admin/panel", headers=supervisor)
    assert status == 200, panel
    today = leases.today()
    assert panel["day"] == today.isoformat() and panel["as_of"].endswith("Z")
    rows = {row["code"]: row for row in panel["kecamatan"]}
    assert set(rows) == {PAMULANG, SETU}
    with connection():
        for code, row in rows.items():
            assert row["printed"] == IssuedCard.select().where((IssuedCard.kecamatan_code == code)
                                                               & (IssuedCard.day == today)).count()
            assert row["rights_held"] == sum(lease.held for lease in QuotaLease.select().where(
                (QuotaLease.kecamatan_code == code) & (QuotaLease.day == today)))
    pamulang, setu_row = rows[PAMULANG], rows[SETU]
    assert (pamulang["name"], pamulang["quota"], pamulang["printed"], pamulang["remaining"]) == (
        "Pamulang", 40, 4, 36)
    assert pamulang["reprints"] == 1 and setu_row["reprints"] == 0
    # The hub's spoils are its own kecamatan's; causes as the office panel counts them.
    assert pamulang["spoiled"] == {"chip_failed": 1, "damaged": 1, "print_failed": 1}
    assert setu_row["spoiled"] == {}
    assert (setu_row["quota"], setu_row["printed"]) == (100, 2)
    # Stock as each station last said it; the days it lasts at the last 14 days' rate (one card yesterday).
    assert pamulang["blanko_in_stock"] == 41 and setu_row["blanko_in_stock"] == 300
    assert pamulang["blanko_days_left"] == round(41 / (1 / panel_rules.RATE_DAYS), 1)
    assert setu_row["blanko_days_left"] is None  # nothing used in the last 14 days
    assert (pamulang["state"], setu_row["state"]) == ("green", "green")
    assert pamulang["state_reason"] == "Semua berjalan baik."

    stations = {s["id"]: s for s in panel["stations"]}
    assert len(stations) == 2
    mine = next(s for s in stations.values() if s["served"] == [PAMULANG, SETU])
    assert mine["kecamatan_code"] == PAMULANG and mine["rights_held"] == sum(
        r["rights_held"] for r in rows.values()) - next(s for s in stations.values() if s is not mine)["rights_held"]
    assert mine["printers"] == [{"name": "Evolis Primacy", "state": "ready", "ribbon_left": 12},
                                {"name": "Spooler Loket 2", "state": "attention", "ribbon_left": None}]
    assert mine["ribbon_alert"] is True
    assert 0 <= mine["offline_seconds"] < 600 and mine["last_seen"].endswith("Z")
    assert mine["anomalies"] >= 1 and mine["suspended"] is None and mine["revoked"] is False
    with connection():
        assert panel["anomalies_open"] == Anomaly.select().count()
    assert panel["quota_requests_waiting"] == 0


def test_the_state_turns_amber_and_red_with_the_reason_in_words(regency, seeded):
    hub, setu, supervisor = seeded
    with connection(), write_transaction():  # today's quota as low as the cards printed (the rights aside)
        registry.grant_day_quota(PAMULANG, leases.today(), 4, "uji", None)
    setu.exchange(blanko={"usable": 0})
    rows = {row["code"]: row for row in call(regency.url + "/v1/admin/panel", headers=supervisor)[1]["kecamatan"]}
    assert rows[PAMULANG]["state"] == "red"
    assert rows[PAMULANG]["state_reason"] == "Kuota Pamulang hari ini habis (4 dari 4)."
    assert rows[SETU]["state"] == "red" and rows[SETU]["state_reason"] == "Stok blanko habis."


def test_a_suspended_station_shows_its_rule_and_sentence(regency, seeded):
    hub, setu, supervisor = seeded
    first = int(setu.exchange()["ranges"][0]["first"][4:])
    assert setu.push(card("3674064508900400", kab(first + 500), kecamatan=SETU))[0] == 200  # not leased to it
    station = next(s for s in call(regency.url + "/v1/admin/panel", headers=supervisor)[1]["stations"]
                   if s["served"] == [SETU])
    assert station["suspended"]["rule"] == "serial_not_leased"
    assert "dihentikan sementara" in station["suspended"]["sentence"] and station["suspended"]["since"].endswith("Z")
    # Cleared by an admin: its anomalies are no longer open.
    admin = session(regency, "kepala")
    assert call(regency.url + f"/v1/admin/stations/{station['code']}/resume", "POST", {"password": ADMIN_PASSWORD},
                headers=admin)[0] == 200
    station = next(s for s in call(regency.url + "/v1/admin/panel", headers=supervisor)[1]["stations"]
                   if s["id"] == station["id"])
    assert station["suspended"] is None and station["anomalies"] == 0


def test_the_history_has_every_day_oldest_first(regency, seeded):
    _, _, supervisor = seeded
    today = leases.today()
    status, reply = call(regency.url + "/v1/admin/panel/history?days=3", headers=supervisor)
    assert status == 200
    assert [d["day"] for d in reply["days"]] == [(today - timedelta(days=n)).isoformat() for n in (2, 1, 0)]
    assert [(d["quota"], d["printed"], d["spoiled"]) for d in reply["days"]] == [(140, 0, 0), (140, 1, 0),
                                                                                (140, 6, 3)]
    status, reply = call(regency.url + f"/v1/admin/panel/history?days=2&kecamatan={SETU}", headers=supervisor)
    assert [(d["quota"], d["printed"], d["spoiled"]) for d in reply["days"]] == [(100, 0, 0), (100, 2, 0)]
    assert call(regency.url + "/v1/admin/panel/history?days=0", headers=supervisor)[0] == 422


def test_the_ledger_pages_by_key_and_the_balances_hold(regency, seeded):
    hub, _, supervisor = seeded
    admin = session(regency, "kepala")
    status, reply = call(regency.url + "/v1/admin/blanko/allocate", "POST",
                         {"holder": PAMULANG, "quantity": 100, "note": "Desember", "password": ADMIN_PASSWORD},
                         headers=admin)
    assert (status, reply["holder"], reply["allocated"]) == (200, PAMULANG, 100)
    with connection():
        everything = blanko_ledger.movements(limit=10**6)
    pages, after = [], ""
    while True:
        status, page = call(regency.url + f"/v1/admin/ledger?limit=4{after}", headers=supervisor)
        assert status == 200 and len(page["movements"]) <= 4
        pages += page["movements"]
        if page["next"] is None:
            break
        after = f"&after={page['next']}"
    assert len(pages) == len(everything) and len(pages) > 8
    assert [m["at"] for m in pages] == sorted((m["at"] for m in pages), reverse=True)
    assert {(m["kind"], m["first"]) for m in pages} == {(m["kind"], m["first"]) for m in everything}
    spoils = call(regency.url + "/v1/admin/ledger?kind=spoil", headers=supervisor)[1]["movements"]
    assert sorted(m["detail"] for m in spoils) == ["damaged", "print_failed:jam", "returned:chip_failed"]
    first = pages[-1]["first"]  # the receipt's first serial: its receipt and its lease
    traced = call(regency.url + f"/v1/admin/ledger?serial={first}", headers=supervisor)[1]["movements"]
    assert {m["kind"] for m in traced} >= {"receipt", "lease"}
    assert call(regency.url + "/v1/admin/ledger?after=bm90LWEta2V5", headers=supervisor)[0] == 422
    status, balances = call(regency.url + "/v1/admin/ledger/balances", headers=supervisor)
    assert status == 200 and all(b["holds"] for b in balances["balances"])
    assert balances["allocations"] == [{"holder": PAMULANG, "allocated": 100, "leased": reply["leased"]}]


def test_the_standing_quotas_are_listed_with_the_day_quotas_from_today_on(regency, accounts):
    admin, supervisor = accounts
    assert call(regency.url + f"/v1/admin/quotas/{PAMULANG}", "PUT", {"daily_limit": 40, "password": ADMIN_PASSWORD},
                headers=admin)[0] == 200
    Forger(regency, (PAMULANG, SETU))  # a hub: Setu is listed though it has no quota of its own
    today = leases.today()
    with connection(), write_transaction():
        registry.grant_day_quota(PAMULANG, today - timedelta(days=1), 90, "kemarin", None)  # past: not listed
        registry.grant_day_quota(PAMULANG, today + timedelta(days=2), 120, "pelayanan malam", None)
        registry.grant_day_quota(SETU, today, 150, "permintaan disetujui", None)
    for headers in (admin, supervisor):
        status, reply = call(regency.url + "/v1/admin/quotas", headers=headers)
        assert status == 200, reply
        assert reply["day"] == today.isoformat()
        assert reply["kecamatan"] == [
            {"code": PAMULANG, "name": "Pamulang", "standing": 40, "standing_set": True,
             "days": [{"day": (today + timedelta(days=2)).isoformat(), "daily_limit": 120,
                       "reason": "pelayanan malam"}]},
            {"code": SETU, "name": "Setu", "standing": reply["default"], "standing_set": False,
             "days": [{"day": today.isoformat(), "daily_limit": 150, "reason": "permintaan disetujui"}]}]
    # After a change the list shows the new figure.
    assert call(regency.url + f"/v1/admin/quotas/{PAMULANG}", "PUT", {"daily_limit": 55, "password": ADMIN_PASSWORD},
                headers=admin)[0] == 200
    listed = call(regency.url + "/v1/admin/quotas", headers=supervisor)[1]["kecamatan"]
    assert [(k["code"], k["standing"]) for k in listed] == [(PAMULANG, 55), (SETU, listed[1]["standing"])]


# --- what stations report ------------------------------------------------------------------------
def test_printers_are_checked_as_untrusted_input_and_the_latest_kept(regency, seeded):
    hub, _, _ = seeded
    for bad in ({"name": "P", "state": "on-fire"}, {"name": "P", "state": "ready", "ribbon_left": -1},
                {"name": "P" * 121, "state": "ready"}, {"name": "", "state": "ready"},
                {"name": "P", "state": "ready", "ribbon_left": 10**9}):
        body = {"station_time": utcnow().isoformat() + "Z", "blanko": {"usable": 0}, "printers": [bad]}
        status, reply = call(regency.url + "/v1/leases", "POST", body, hub.token, hub.installation)
        assert (status, reply["detail"]["code"]) == (422, "invalid"), bad
    hub.exchange(printers=[{"name": "Evolis Primacy", "state": "disconnected", "ribbon_left": 11}])
    with connection():
        hub_id = Station.get(Station.served == f"{PAMULANG},{SETU}").id
        kept = [(p.name, p.state, p.ready, p.ribbon_left) for p in StationPrinter.select()
                .where(StationPrinter.station == hub_id)]
    assert kept == [("Evolis Primacy", "disconnected", False, 11)]  # the spooler queue is no longer reported


def test_a_transfer_out_the_server_cannot_justify_is_an_anomaly(regency, seeded):
    hub, setu, _ = seeded
    first = int(hub.exchange()["ranges"][0]["first"][4:])
    setu_first = int(setu.exchange()["ranges"][0]["first"][4:])
    honest = transfer_out(kab(first + 20))
    forged = [transfer_out(kab(setu_first + 1)),  # another station's serial
              transfer_out(kab(first)),  # already on a card
              transfer_out(kab(first + 6)),  # already spoiled
              transfer_out("KAB-99999999"), transfer_out("BLK-0001")]  # never leased
    status, reply = hub.push(honest, *forged)
    assert (status, reply["applied"]) == (200, 6)
    with connection():
        found = {a.event_id: a for a in Anomaly.select().where(Anomaly.rule == "transfer_not_held")}
    assert set(found) == {e["id"] for e in forged}
    assert found[forged[0]["id"]].blanko_serial == kab(setu_first + 1)
    assert "dipindahkan keluar" in found[forged[0]["id"]].detail
