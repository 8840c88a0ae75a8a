"""The office panel's lists: today's cards and the audit log, as row ids first (cheap, filtered) and the
rows' contents for a block of ids when they are shown (desktop/ui/pages/panel/models.py).

A search of today's cards by NIK or name is recorded in the audit chain (who looked for whom)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.nik import normalize_nik
from desktop.domain.roles import Permission
from desktop.domain.spoilage import cause_of
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.store.models import Approval, AuditLog, Blanko, BlankoMovement, IssuedCard, Resident, User

MAX_ROWS = 100_000  # a list never holds more ids than this (a year of a busy office's audit entries)


@dataclass(frozen=True)
class CardFilter:
    text: str = ""  # a NIK (or its start) or part of a name; empty: every card
    operator: str | None = None  # user id
    printer: str | None = None  # printer URI
    reason: str | None = None  # print reason key


@dataclass(frozen=True)
class CardRow:
    id: str
    issued_at: datetime  # UTC
    nik: str
    name: str
    reason: str
    operator: str
    printer: str
    blanko: str
    returned: str | None  # the cause key when the card came back for a reprint


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""  # an action or its area ("print", "approval", ...); empty: every entry
    username: str | None = None


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime  # UTC
    username: str
    action: str
    details: dict = field(default_factory=dict)


class PanelListService:
    def __init__(self, db: SqliteDatabase, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def card_ids(self, user: CurrentUser, filters: CardFilter, audited: bool = True,
                 day: date | None = None) -> list[str]:
        """Today's cards, newest first. A search by NIK or name is audited (the list's refresh with the
        same search, `audited=False`, is not asked again)."""
        user.require(Permission.VIEW_QUOTA_PANEL)
        day = day or self.clock.today()
        query = (IssuedCard.select(IssuedCard.id).join(Resident, on=(IssuedCard.resident == Resident.id))
                 .where(IssuedCard.day == day))
        text = filters.text.strip()
        if text:
            digits = normalize_nik(text)
            if digits.isdigit():
                query = query.where(IssuedCard.nik.startswith(digits))
            else:
                query = query.where(Resident.name.contains(text.upper()))
        if filters.operator:
            query = query.where(IssuedCard.operator == filters.operator)
        if filters.printer:
            query = query.where(IssuedCard.printer_uri == filters.printer)
        if filters.reason:
            query = query.where(IssuedCard.reason == filters.reason)
        ids = [row[0] for row in query.order_by(IssuedCard.issued_at.desc()).limit(MAX_ROWS).tuples()]
        if text and audited:
            with self.db.atomic("IMMEDIATE"):
                audit.record("panel.search_cards", user, at=self.clock.now_utc(), query=text[:64], day=day,
                             found=len(ids))
        return ids

    def card_rows(self, ids: list[str]) -> dict[str, CardRow]:
        rows = (IssuedCard.select(IssuedCard.id, IssuedCard.issued_at, IssuedCard.nik, Resident.name, IssuedCard.reason,
                                  User.full_name, IssuedCard.printer_uri, Blanko.serial)
                .join(Resident, on=(IssuedCard.resident == Resident.id))
                .switch(IssuedCard).join(User, on=(IssuedCard.operator == User.id))
                .switch(IssuedCard).join(Blanko, on=(IssuedCard.blanko == Blanko.id))
                .where(IssuedCard.id.in_(ids)).tuples())
        returned = {card: cause_of(reason.partition(":")[2])
                    for card, reason in Approval.select(Approval.card, BlankoMovement.reason)
                    .join(IssuedCard, on=(Approval.card == IssuedCard.id))
                    .join(BlankoMovement, on=((BlankoMovement.blanko == IssuedCard.blanko)
                                              & (BlankoMovement.kind == "spoil")))
                    .where(Approval.card.in_(ids)).tuples()}
        return {r[0]: CardRow(*r, returned=returned.get(r[0])) for r in rows}

    def operators(self) -> list[tuple[str, str]]:
        """(user id, full name) of everyone who printed a card today."""
        day = self.clock.today()
        return list(User.select(User.id, User.full_name).join(IssuedCard, on=(IssuedCard.operator == User.id))
                    .where(IssuedCard.day == day).distinct().order_by(User.full_name).tuples())

    def audit_ids(self, filters: AuditFilter) -> list[int]:
        """The audit log's sequence numbers, newest first."""
        query = AuditLog.select(AuditLog.seq).where(AuditLog.seq.is_null(False))
        if filters.action:
            query = query.where((AuditLog.action == filters.action) | AuditLog.action.startswith(filters.action + "."))
        if filters.username:
            query = query.where(AuditLog.username == filters.username)
        return [row[0] for row in query.order_by(AuditLog.seq.desc()).limit(MAX_ROWS).tuples()]

    def audit_rows(self, seqs: list[int]) -> dict[int, AuditRow]:
        rows = (AuditLog.select(AuditLog.seq, AuditLog.at, AuditLog.username, AuditLog.action, AuditLog.details)
                .where(AuditLog.seq.in_(seqs)).tuples())
        return {seq: AuditRow(seq, at, username or "", action, _details(details)) for seq, at, username, action, details
                in rows}

    def audit_users(self) -> list[str]:
        return [row[0] for row in AuditLog.select(AuditLog.username).where(AuditLog.username.is_null(False))
                .distinct().order_by(AuditLog.username).tuples()]


def _details(text: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
