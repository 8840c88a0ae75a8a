"""Four-eyes approvals: who may approve, the reprint's bookkeeping, a quota raise, the throttle."""

from __future__ import annotations

import json
import re

import pytest

from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.approvals import DESTRUCTION, QUOTA_RAISE, WRITE_OFF
from desktop.services.audit_verify import verify_chain
from desktop.services.issuance import PrintRequest
from desktop.store.models import Approval, Blanko, BlankoMovement, Outbox, PrintJob
from tests.helpers.fixtures import PAMULANG, add_resident

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})
WITNESSES = [("Ani Lestari", "198001012005012001"), ("Budi Santoso", "197905052003121002")]
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _print(station, nik: str) -> str:
    """A card printed and handed over (the printer's part is not the subject here)."""
    issuance = station.services.issuance
    ticket = issuance.prepare(station.operator, PrintRequest(nik, **LOST), "sim://approvals")
    issuance.complete(station.operator, ticket)
    return ticket.job_id


def _refusal(call) -> UserFacingError:
    with pytest.raises(UserFacingError) as caught:
        call()
    return caught.value


def test_reprint_returns_the_first_card_and_the_next_card_names_the_approval(station):
    nik = add_resident()
    first_job = _print(station, nik)
    verify = station.services.residents.verify
    assert any("sudah dicetak hari ini" in b for b in verify(nik, (PAMULANG,)).blockers)
    assert station.services.quota.state(PAMULANG).used == 1

    done = station.services.approvals.approve_reprint(station.operator, nik, "print_failed", "supervisor",
                                                      "supervisor123")

    assert UUID.match(done.approval.id)
    first = PrintJob.get_by_id(first_job)
    assert Blanko.get_by_id(first.blanko_id).state == "spoiled"  # the first card came back, booked spoiled
    spoil = BlankoMovement.get((BlankoMovement.kind == "spoil") & (BlankoMovement.blanko == first.blanko_id))
    assert spoil.reason == "returned:print_failed"
    assert station.services.quota.state(PAMULANG).used == 0  # its quota place came back
    assert verify(nik, (PAMULANG,)).blockers == ()
    entry = audit.recent(5, action="approval.reprint")[0]
    assert (entry.username, entry.details["asker"], entry.details["approver"]) == ("operator", "operator",
                                                                                   "supervisor")

    second_job = _print(station, nik)
    assert PrintJob.get_by_id(second_job).reprint_approval == done.approval.id
    sent = [json.loads(o.payload) for o in Outbox.select().where(Outbox.entity == "issued_card")]
    assert sorted(str(card.get("reprint_approval")) for card in sent) == sorted(["None", done.approval.id])
    # A third card the same day needs another approval.
    assert any("sudah dicetak hari ini" in b for b in verify(nik, (PAMULANG,)).blockers)
    assert station.services.approvals.pending_reprints() == 0


def test_an_operator_cannot_approve_and_nobody_approves_their_own_request(station):
    nik = add_resident()
    _print(station, nik)
    station.services.auth.create_user(station.admin, "operator2", "Rina Operator", "operator456", "operator")
    service = station.services.approvals
    refused = _refusal(lambda: service.approve_reprint(station.operator, nik, "damaged", "operator2", "operator456"))
    assert refused.code == "approval_forbidden" and "supervisor atau admin" in str(refused)
    own = _refusal(lambda: service.approve_reprint(station.supervisor, nik, "damaged", "supervisor", "supervisor123"))
    assert own.code == "approval_own"
    wrong = _refusal(lambda: service.approve_reprint(station.operator, nik, "damaged", "admin", "salah-sekali"))
    assert wrong.code == "login_failed"
    assert Approval.select().count() == 0
    assert Blanko.select().where(Blanko.state == "spoiled").count() == 0
    # The supervisor asking is approved by the admin.
    done = service.approve_reprint(station.supervisor, nik, "damaged", "ADMIN ", "admin12345")
    assert (done.approval.asker.username, done.approval.approver.username) == ("supervisor", "admin")


def test_the_approval_dialog_is_throttled_like_the_log_in(station):
    nik = add_resident()
    _print(station, nik)
    service = station.services.approvals
    for _ in range(5):
        _refusal(lambda: service.approve_reprint(station.operator, nik, "damaged", "supervisor", "tebak-tebak"))
    locked = _refusal(lambda: service.approve_reprint(station.operator, nik, "damaged", "supervisor",
                                                      "supervisor123"))
    assert locked.code == "login_locked"
    # The same lock holds at the log-in page: one count per name.
    assert _refusal(lambda: station.services.auth.login("supervisor", "supervisor123")).code == "login_locked"


def test_reprint_without_a_card_today_is_refused_and_changes_nothing(station):
    nik = add_resident()
    refused = _refusal(lambda: station.services.approvals.approve_reprint(
        station.operator, nik, "damaged", "supervisor", "supervisor123"))
    assert refused.code == "reprint_nothing"
    assert Approval.select().count() == 0


def test_a_quota_raise_needs_another_supervisor_a_cut_does_not(station):
    quota, approvals = station.services.quota, station.services.approvals
    assert _refusal(lambda: quota.set_today(station.supervisor, PAMULANG, 150, "antrean")).code == \
        "approval_required"
    assert quota.set_today(station.supervisor, PAMULANG, 80, "listrik padam").limit == 80
    granted = approvals.approve(QUOTA_RAISE, station.supervisor, "admin", "admin12345", kecamatan=PAMULANG,
                                limit=150)
    # An approval of another kind does not pass.
    other = approvals.approve(WRITE_OFF, station.supervisor, "admin", "admin12345", blanko="BLK-0000001")
    assert _refusal(lambda: quota.set_today(station.supervisor, PAMULANG, 150, "antrean", other)).code == \
        "approval_required"
    assert quota.set_today(station.supervisor, PAMULANG, 150, "antrean", granted).limit == 150
    entry = audit.recent(1, action="quota.set_today")[0]
    assert (entry.username, entry.details["approver"], entry.details["approval"]) == ("supervisor", "admin",
                                                                                      granted.id)
    given = audit.recent(5, action="approval.quota_raise")[0]
    assert (given.details["asker"], given.details["approver"]) == ("supervisor", "admin")


def test_a_write_off_and_a_destruction_need_a_second_supervisor_once_each(station):
    services = station.services
    approvals, ledger, sid = services.approvals, services.blanko_ledger, services.stations.require().id
    services.auth.create_user(station.admin, "supervisor2", "Dewi Supervisor", "supervisor456", "supervisor")

    def spoil(approval_id):
        return ledger.spoil(station.supervisor, sid, "damaged", None, "", approval_id)

    def destroy(approval_id):
        return ledger.destroy(station.supervisor, sid, WITNESSES, None, approval_id)

    assert _refusal(lambda: ledger.spoil(station.supervisor, sid, "damaged")).code == "approval_required"
    refused = _refusal(lambda: approvals.approved_action(WRITE_OFF, station.supervisor, "operator", "operator123",
                                                         spoil))
    assert refused.code == "approval_forbidden"
    own = _refusal(lambda: approvals.approved_action(WRITE_OFF, station.supervisor, "supervisor", "supervisor123",
                                                     spoil))
    assert own.code == "approval_own"
    # An approval of another kind, or one asked by someone else, does not stand for this one.
    raise_ = approvals.approve(QUOTA_RAISE, station.supervisor, "admin", "admin12345", kecamatan=PAMULANG, limit=9)
    assert _refusal(lambda: spoil(raise_.id)).code == "approval_required"
    admins = approvals.approve(WRITE_OFF, station.admin, "supervisor", "supervisor123")
    assert _refusal(lambda: spoil(admins.id)).code == "approval_required"
    assert Blanko.select().where(Blanko.state == "spoiled").count() == 0
    assert audit.recent(5, action="approval.refused")[0].details["asker"] == "supervisor"

    serial = approvals.approved_action(WRITE_OFF, station.supervisor, "supervisor2", "supervisor456", spoil,
                                       reason="damaged")
    movement = BlankoMovement.get((BlankoMovement.kind == "spoil") & (BlankoMovement.blanko == Blanko.get(
        Blanko.serial == serial).id))
    entry = audit.recent(1, action="approval.write_off")[0]
    assert (entry.username, entry.details["asker"], entry.details["approver"]) == ("supervisor", "supervisor",
                                                                                   "supervisor2")
    assert entry.details["approval"] == movement.approval_id
    assert audit.recent(1, action="blanko.spoil")[0].details["approval"] == movement.approval_id
    again = _refusal(lambda: spoil(movement.approval_id))
    assert again.code == "approval_used"

    # A destruction refused (one witness) leaves no approval behind; done, it names its own.
    before = Approval.select().count()
    assert _refusal(lambda: approvals.approved_action(
        DESTRUCTION, station.supervisor, "admin", "admin12345",
        lambda approval_id: ledger.destroy(station.supervisor, sid, WITNESSES[:1], None, approval_id))).code == "witness"
    assert Approval.select().count() == before
    assert approvals.approved_action(DESTRUCTION, station.supervisor, "admin", "admin12345", destroy) == [serial]
    destroyed = BlankoMovement.get(BlankoMovement.kind == "destroy")
    assert Approval.get_by_id(destroyed.approval_id).kind == DESTRUCTION
    assert audit.recent(1, action="approval.destruction")[0].details["approver"] == "admin"
    assert verify_chain(services.db).ok
