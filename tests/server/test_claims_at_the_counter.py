"""Two stations of one hub and the same citizen (issue 17, items 1 and 3), with a real server and
stations printing through their services: the second station is refused while its claim is
answered, in the words of its own same-day rule with who, where and when; without an answer it
decides on what it knows and says so; its verify page shows the citizen's cards from any station."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.devices.simulator import forget_simulators
from desktop.domain.card_history import NO_ANSWER, card_line
from desktop.errors import UserFacingError
from desktop.services.claim_release import release_claim
from desktop.store.models import AuditLog, CardHistory, IssuedCard, PrintJob, Station
from desktop.sync.link import NikTaken
from server.db import connection
from server.models import Anomaly, NikClaim, ReprintApproval
from tests.helpers.leases import OPERATOR, PASSWORD, SUPERVISOR, counter, office_regency, seed_residents
from tests.helpers.regency import free_port

PAMULANG, SETU = "36.74.06", "36.74.07"


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""
    yield
    forget_simulators()


@pytest.fixture(params=["sqlite", "postgres"])
def hub(request, regency_servers):
    return office_regency(regency_servers, request.param, size=5, low_water=1, blanko_size=20)


def offline(station) -> str:
    """The station's server now answers nowhere (a port nobody listens on); returns the real address."""
    station.use()
    live = Station.get().server_url
    Station.update(server_url=f"http://127.0.0.1:{free_port()}").execute()
    return live


def test_the_same_citizen_at_the_second_station_is_refused_while_its_claim_is_answered(hub, tmp_path):
    niks = seed_residents(tmp_path, {PAMULANG: 4})[PAMULANG]
    first = counter(hub, tmp_path, [PAMULANG, SETU], "Hub Pamulang loket 1", blanko=20)
    second = counter(hub, tmp_path, [PAMULANG, SETU], "Hub Pamulang loket 2", blanko=20)
    for station in (first, second):
        station.lease(PAMULANG)
    card = first.print(niks[0])
    assert card.notes == ()
    first.use()
    assert PrintJob.get(PrintJob.id == card.job_id).claim_id is not None

    # Before loket 1's next round the server knows only its claim: loket 2 is refused, nothing reserved.
    with pytest.raises(NikTaken) as refused:
        second.print(niks[0])
    assert str(refused.value).startswith("KTP-el untuk NIK ini sedang dicetak di Hub Pamulang loket 1 (sejak pukul ")
    second.use()
    assert PrintJob.select().count() == 0

    # Once the card is at the server, the refusal names the card, where and when (loket 2 has no card
    # of this NIK yet, so its verify asks the regency, which knows it now).
    first.round()
    with pytest.raises(UserFacingError) as refused:
        second.print(niks[0])
    at = card.issued_at.replace(tzinfo=UTC).astimezone(ZoneInfo("Asia/Jakarta"))
    assert str(refused.value) == (f"KTP-el untuk NIK ini sudah dicetak hari ini (blanko {card.blanko_serial}, di Hub "
                                  f"Pamulang loket 1, pukul {at:%H:%M}). Cetak ulang hanya dengan persetujuan "
                                  "supervisor.")

    # Loket 2's round brings the card history: its verify page shows the card and refuses, offline too.
    second.round()
    second.use()
    assert CardHistory.select().where(CardHistory.nik == niks[0]).count() == 1
    live = offline(second)
    verified = second.services.residents.verify(niks[0], (PAMULANG, SETU))
    assert [card_line(c) for c in verified.history] == [
        f"dicetak 7 Des 2026 di Hub Pamulang loket 1, blanko {card.blanko_serial}, alasan hilang"]
    assert any(b.startswith("KTP-el untuk NIK ini sudah dicetak hari ini (blanko ") for b in verified.blockers)

    # The server down: another citizen is printed on what the station knows, and it says so.
    other = second.print(niks[1])
    assert other.notes == (NO_ANSWER,)
    assert str(NO_ANSWER) == "server tidak menjawab: diperiksa dengan data lokal"
    second.use()
    Station.update(server_url=live).execute()

    # A claim with no job behind it (its answer lost on the way) expires at that station's next round,
    # once older than a claim on its way to its job; the claims behind cards stay.
    lost = second.services.sync.link.claim(niks[2], "a-job-never-made")
    with connection():
        NikClaim.update(claimed_at=datetime(2026, 12, 6, 17, 0)).where(NikClaim.id == lost.claim_id).execute()
    second.round()
    with connection():
        assert NikClaim.get(NikClaim.id == lost.claim_id).released_by == "expired"
        # Loket 1's card holds its claim (loket 2's offline card never had one).
        assert NikClaim.select().where(NikClaim.released_at.is_null()).count() == 1
        NikClaim.update(claimed_at=datetime(2026, 12, 6, 17, 0)).execute()
    first.round()  # it does not expire: it has a card
    with connection():
        assert NikClaim.select().where(NikClaim.released_at.is_null()).count() == 1
    assert first.print(niks[2]).notes == ()  # free again for anyone
    for station in (first, second):
        station.close()


def test_a_nik_with_no_card_here_is_asked_at_the_regency(hub, tmp_path):
    niks = seed_residents(tmp_path, {PAMULANG: 2})[PAMULANG]
    first = counter(hub, tmp_path, [PAMULANG], "Hub Pamulang loket 1", blanko=20)
    first.lease(PAMULANG)
    card = first.print(niks[0])
    first.round()
    # A station serving Pamulang that has not pulled the card yet asks for it online.
    second = counter(hub, tmp_path, [PAMULANG], "Hub Pamulang loket 2", blanko=20)
    second.use()
    CardHistory.delete().execute()  # as if its first pull had not reached that far yet
    verified = second.services.residents.verify(niks[0], (PAMULANG,))
    assert [c.blanko for c in verified.history] == [card.blanko_serial]
    assert CardHistory.select().count() == 1  # kept for the next time
    for station in (first, second):
        station.close()


def test_a_same_day_reprint_passes_with_the_approval_the_claim_brought(hub, tmp_path):
    nik = seed_residents(tmp_path, {PAMULANG: 1})[PAMULANG][0]
    first = counter(hub, tmp_path, [PAMULANG], "Hub Pamulang loket 1", blanko=20)
    first.lease(PAMULANG)
    card = first.print(nik)
    first.round()
    # The card came back: the supervisor approves the reprint at the same PC, the claim brings it along.
    granted = first.use().approvals.approve_reprint(first.operator, nik, "damaged", SUPERVISOR, PASSWORD)
    again = first.print(nik)
    assert again.notes == () and again.blanko_serial != card.blanko_serial
    first.round()
    cards = {c.job_id: c.id for c in IssuedCard.select()}
    with connection():
        row = ReprintApproval.get_by_id(granted.approval.id)
        assert (row.nik, row.asked_by, row.approved_by, row.card_id) == (nik, OPERATOR, SUPERVISOR,
                                                                         cards[card.job_id])
        assert row.used_by == cards[again.job_id]
        assert Anomaly.select().where(Anomaly.rule.in_(("bad_reference", "nik_twice"))).count() == 0
    first.close()


def test_a_supervisor_releases_a_claim_of_the_station_at_the_regency(hub, tmp_path):
    nik = seed_residents(tmp_path, {PAMULANG: 1})[PAMULANG][0]
    first = counter(hub, tmp_path, [PAMULANG], "Hub Pamulang loket 1", blanko=20)
    second = counter(hub, tmp_path, [PAMULANG], "Hub Pamulang loket 2", blanko=20)
    for station in (first, second):
        station.lease(PAMULANG)
    # A claim whose job never came (its print stuck on the way): loket 2 is refused the citizen.
    stuck = first.use().sync.link.claim(nik, "a-job-that-never-came")
    with pytest.raises(NikTaken):
        second.print(nik)
    services = first.use()
    with pytest.raises(UserFacingError) as refused:  # an operator may not
        release_claim(services.db, services.clock, services.sync.link, first.operator, stuck.claim_id)
    assert "supervisor" in str(refused.value)
    release_claim(services.db, services.clock, services.sync.link, first.supervisor, stuck.claim_id)
    entry = AuditLog.select().where(AuditLog.action == "claim.release").get()
    assert entry.user_id == first.supervisor.id
    with connection():
        assert NikClaim.get_by_id(stuck.claim_id).released_by.startswith(f"supervisor:{SUPERVISOR}@")
    assert second.print(nik).notes == ()  # the citizen is served at loket 2 now
    # Offline the release is refused in one sentence and nothing is recorded.
    services = first.use()
    offline(first)
    first.use()
    with pytest.raises(UserFacingError) as refused:
        release_claim(services.db, services.clock, services.sync.link, first.supervisor, stuck.claim_id)
    assert str(refused.value).startswith("Server kabupaten tidak menjawab; klaim tidak dilepas.")
    assert AuditLog.select().where(AuditLog.action == "claim.release").count() == 1
    for station in (first, second):
        station.close()
