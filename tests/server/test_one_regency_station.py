"""What an enrolled station shows of the regency (issue 17, items 4 and 5): the kecamatan's quota as
one number on every station ("per HH:MM"), the pull cursor on its card events, and a suspension
that stops its printing with the regency's sentence until an admin resumes it."""

from __future__ import annotations

import json

import pytest

from desktop.devices.simulator import forget_simulators
from desktop.errors import UserFacingError
from desktop.services.office_panel import RED
from desktop.store.models import Outbox
from server.db import connection
from server.models import Anomaly
from server.models import StationEvent as ServerEvent
from tests.helpers.fixtures import OFFICE_MORNING
from tests.helpers.leases import admin_call, counter, office_regency, seed_residents
from tests.helpers.regency import ADMIN_PASSWORD

PAMULANG = "36.74.06"


def _panel(services):
    """The office panel's level and reasons on this station now, with one ready printer."""
    from desktop.services.office_panel import PrinterFigures, assess

    info = services.stations.require()
    return assess(services.office_panel.figures(info.id, info.served),
                  [PrinterFigures("sim://a", "Loket 1", True, "Siap", None)])


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""
    yield
    forget_simulators()


@pytest.fixture(params=["sqlite", "postgres"])
def hub(request, regency_servers):
    return office_regency(regency_servers, request.param, size=5, low_water=1, blanko_size=40)


def test_every_station_shows_the_kecamatans_count_as_the_server_had_it_plus_its_own_since(hub, tmp_path):
    niks = seed_residents(tmp_path, {PAMULANG: 6})[PAMULANG]
    loket1 = counter(hub, tmp_path, [PAMULANG], "loket1", blanko=80)
    loket2 = counter(hub, tmp_path, [PAMULANG], "loket2")
    loket2.confirm_blanko()
    for nik in niks[:2]:
        loket1.print(nik)
    loket1.round()
    # The card event told the server what this station had pulled.
    with connection():
        sent = [json.loads(e.data) for e in ServerEvent.select().where(ServerEvent.entity == "issued_card")]
    assert len(sent) == 2 and all(e["pull_cursor"] for e in sent)

    loket2.round()
    state = loket2.use().quota.state(PAMULANG)
    assert (state.issued, state.as_of is not None) == (2, True)  # loket 1's two cards, as the server had them
    loket2.print(niks[2])  # not yet sent: counted here at once
    assert loket2.use().quota.state(PAMULANG).issued == 3
    loket2.round()
    assert loket2.use().quota.state(PAMULANG).issued == 3  # now the server's, counted once
    assert Outbox.select().where(Outbox.entity == "issued_card", Outbox.sent_at.is_null()).count() == 0
    # The header says when the server's count is from.
    from desktop.ui.header import HeaderBar

    header = HeaderBar()
    header.set_quota(loket2.use().quota.states([PAMULANG]))
    assert "3/" in header.quota.text() and f"per {state.as_of:%H:%M}" in header.quota.text()
    with connection():
        assert not Anomaly.select().exists()  # honest stations: nothing to record


def test_a_suspended_station_prints_nothing_and_says_why_until_resumed(hub, tmp_path):
    niks = seed_residents(tmp_path, {PAMULANG: 3})[PAMULANG]
    loket = counter(hub, tmp_path, [PAMULANG], "loket1", blanko=40)
    loket.print(niks[0])
    # A forged card on a serial never leased, sent with this station's own token.
    services = loket.use()
    from desktop.settings import SYNC_INSTALLATION_ID
    from desktop.store.models import Station
    from tests.server.test_protocol import call

    token = Station.select().where(Station.token.is_null(False)).get().token
    card = {"id": "f0rged-event", "entity": "issued_card", "entity_id": "f0rged-card", "op": "insert",
            "at": "2026-11-23T01:00:00", "data": {"nik": niks[1], "reason": "baru", "blanko": "KAB-99999999",
                                                  "kecamatan": PAMULANG, "day": str(OFFICE_MORNING.date()),
                                                  "issued_at": "2026-11-23T01:00:00"}}
    body = {"batch_id": "0" * 32, "seq": 999, "events": [card]}
    status, _ = call(hub.url + "/v1/push", "POST", body, token, SYNC_INSTALLATION_ID.get())
    assert status == 200
    loket.round()
    why = services.leases.station_blocker()
    assert why and "dihentikan sementara" in why and "KAB-99999999" in why
    # The supervisor's office panel says it first, in red, in the regency's words.
    assert _panel(services).level == RED and _panel(services).reasons[0] == why
    with pytest.raises(UserFacingError) as refused:
        loket.print(niks[2])
    assert str(refused.value) == why
    code = admin_call(hub, "GET", "/v1/admin/stations")[1][0]["code"]
    assert admin_call(hub, "POST", f"/v1/admin/stations/{code}/resume",
                      {"password": ADMIN_PASSWORD})[0] == 200
    loket.round()
    assert loket.use().leases.station_blocker() is None
    assert why not in _panel(loket.use()).reasons
    loket.print(niks[2])
