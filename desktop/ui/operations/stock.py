"""Blanko: a receipt recorded by hand (a standalone station), a regency box confirmed on arrival."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services.approvals import DESTRUCTION, WRITE_OFF
from desktop.ui.operations import LEASES, STOCK, Op

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


def receive_blanko(services: Services, user: CurrentUser, station_id: str, quantity: int, batch: str,
                   note: str, requested: int | None = None, box_first: str = "", box_last: str = "") -> Op:
    """Returns (the serials received, the stock now). `requested`: how many were asked for, when the
    delivery fell short; `box_first`/`box_last`: the card maker's serials printed on the box."""
    stock = services.stock

    def receive() -> tuple[str, int]:
        serials = stock.receive(user, station_id, quantity, batch, note, requested=requested, box_first=box_first,
                                box_last=box_last)
        return serials, stock.summary(station_id).in_stock

    return Op("blanko.receive", "db", receive, {STOCK})


def confirm_range(services: Services, user: CurrentUser, range_id: str) -> Op:
    leases = services.leases
    return Op("blanko.confirm", "db", lambda: leases.confirm_range(user, range_id), {STOCK, LEASES})


def spoil_blanko(services: Services, user: CurrentUser, station_id: str, reason: str, serial: str | None, note: str,
                 approver: tuple[str, str]) -> Op:
    """Write off one blanko in stock, approved by a second person (`approver`: name, password) in the
    same transaction; returns its serial."""
    ledger, approvals = services.blanko_ledger, services.approvals

    def work() -> str:
        return approvals.approved_action(
            WRITE_OFF, user, *approver,
            lambda approval_id: ledger.spoil(user, station_id, reason, serial or None, note, approval_id),
            reason=reason, serial=serial or None)

    return Op("blanko.spoil", "db", work, {STOCK})


def destroy_blanko(services: Services, user: CurrentUser, station_id: str, witnesses: list[tuple[str, str]],
                   approver: tuple[str, str]) -> Op:
    """The daily destruction of every spoiled blanko before the witnesses, approved by a second person
    (`approver`: name, password) in the same transaction; returns the serials."""
    ledger, approvals = services.blanko_ledger, services.approvals

    def work() -> list[str]:
        return approvals.approved_action(
            DESTRUCTION, user, *approver,
            lambda approval_id: ledger.destroy(user, station_id, witnesses, None, approval_id),
            witnesses=[" ".join(name.split()) for name, _nip in witnesses])

    return Op("blanko.destroy", "db", work, {STOCK})
