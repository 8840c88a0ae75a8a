"""A same-day reprint is a reference the server checks (issue 17, item 2), with requests written from
docs/sync-protocol.md ("Reprint approvals") against a real server: the claim brings the station's
approval, which the server records and accepts only for this NIK and day, given by a supervisor or
admin serving the station who is not the asker, for a card of that NIK that day, used by one card;
a pushed card naming anything else is an anomaly `bad_reference`."""

from __future__ import annotations

import uuid

from server import leases, registry
from server.db import connection
from server.models import Anomaly, ReprintApproval
from tests.helpers.leases import seed_residents
from tests.server.test_claims import Station
from tests.server.test_protocol import PAMULANG


def approval(nik: str, card: str, asked_by: str = "operator1", approved_by: str = "kepala", **other) -> dict:
    return {"nik": nik, "day": leases.today().isoformat(), "asked_by": asked_by, "approved_by": approved_by,
            "card": card} | other


def anomalies_of(card_id: str) -> list[str]:
    """The card's anomalies about its NIK's day (its serial, made up here, is judged apart)."""
    with connection():
        return [a.rule for a in Anomaly.select().where((Anomaly.entity_id == card_id)
                                                       & Anomaly.rule.in_(("bad_reference", "nik_twice")))]


def test_a_reprint_passes_only_with_an_approval_the_server_recorded_and_checked(regency, tmp_path):
    nik, other_nik = seed_residents(tmp_path, {PAMULANG: 2})[PAMULANG]
    with connection():
        registry.save_user("test", "kepala", "Kepala Pamulang", "supervisor", "sandi-kepala-1", [PAMULANG],
                           must_change_password=False)
        registry.save_user("test", "kepala.serpong", "Kepala Serpong", "supervisor", "sandi-kepala-2", ["36.74.04"],
                           must_change_password=False)
        registry.save_user("test", "operator1", "Operator Satu", "operator", "sandi-operator-1", [PAMULANG],
                           must_change_password=False)
    station, other = Station(regency), Station(regency)
    station.lease(), other.lease()
    assert station.claim(nik)[0] == 200
    first_card = str(uuid.uuid4())
    station.push_card(nik, "KAB-00000001", card_id=first_card)

    def refused(body: dict, by: Station = station) -> str:
        status, reply = by.claim(nik, approval=str(uuid.uuid4()), details=body)
        assert status == 409, reply
        return reply["detail"]["code"]

    # The asker approving their own reprint, an operator, a supervisor of another kecamatan, an unknown
    # name, another NIK or day, a card the server does not know for this NIK today: all refused.
    assert refused(approval(nik, first_card, approved_by="operator1")) == "bad_reference"
    assert refused(approval(nik, first_card, asked_by="kepala", approved_by="kepala")) == "bad_reference"
    assert refused(approval(nik, first_card, approved_by="kepala.serpong")) == "bad_reference"
    assert refused(approval(nik, first_card, approved_by="siapa")) == "bad_reference"
    assert refused(approval(other_nik, first_card)) == "bad_reference"
    assert refused(approval(nik, first_card, day="2020-01-01")) == "bad_reference"
    assert refused(approval(nik, str(uuid.uuid4()))) == "bad_reference"
    with connection():
        assert ReprintApproval.select().count() == 0  # a refused approval is not recorded

    # The right approval: recorded, the claim passes; the card naming it is no anomaly and uses it.
    reference = str(uuid.uuid4())
    status, claim = station.claim(nik, approval=reference, details=approval(nik, first_card))
    assert status == 200 and claim["reprint_approval"] == reference
    with connection():
        row = ReprintApproval.get_by_id(reference)
        assert (row.asked_by, row.approved_by, row.card_id, row.used_by) == ("operator1", "kepala", first_card, None)
    reprint = str(uuid.uuid4())
    station.push_card(nik, "KAB-00000002", card_id=reprint, seq=2, reprint_approval=reference)
    assert anomalies_of(reprint) == []
    with connection():
        assert ReprintApproval.get_by_id(reference).used_by == reprint

    # Used once: a third claim or card naming it is refused / an anomaly; another station cannot use it.
    status, again = station.claim(nik, approval=reference, details=approval(nik, first_card))
    assert (status, again["detail"]["code"]) == (409, "bad_reference")
    status, elsewhere = other.claim(nik, approval=reference, details=approval(nik, first_card))
    assert (status, elsewhere["detail"]["code"]) == (409, "bad_reference")
    third = str(uuid.uuid4())
    station.push_card(nik, "KAB-00000003", card_id=third, seq=3, reprint_approval=reference)
    assert anomalies_of(third) == ["bad_reference"]
    # A card naming an approval the server never recorded: an anomaly too (the card is kept).
    forged = str(uuid.uuid4())
    other.push_card(nik, "KAB-00000004", card_id=forged, reprint_approval=str(uuid.uuid4()))
    assert anomalies_of(forged) == ["bad_reference"]
