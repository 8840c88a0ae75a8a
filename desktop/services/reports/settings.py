"""The station's report settings (issue 22): the letterhead, logo, nomor surat pattern and signatories, kept
in the station's settings, read by every report, edited by an admin (`ktp-mandiri settings`, the admin
page), each change an audit entry. What they are and the rules they pass: desktop/documents/letterhead.py.
"""

from __future__ import annotations

from dataclasses import replace

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.documents.letterhead import (
    LETTERHEAD_FIELDS,
    MAX_SIGNERS,
    ReportSettings,
    Signer,
    checked,
    decode_logo,
    encode_logo,
    logo_from_file,
)
from desktop.domain.roles import Permission
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.settings import REPORT_LETTERHEAD, REPORT_LOGO, REPORT_NUMBER, REPORT_SIGNERS

__all__ = ["MAX_SIGNERS", "ReportSettings", "ReportSettingsService", "Signer", "logo_from_file", "read_settings"]


def read_settings() -> ReportSettings:
    head = REPORT_LETTERHEAD.get() or {}
    logo = REPORT_LOGO.get()
    signers = tuple(Signer(str(s.get("title", "")), str(s.get("name", "")), str(s.get("nip", "")))
                    for s in (REPORT_SIGNERS.get() or []) if isinstance(s, dict))
    return ReportSettings(*(str(head.get(k, "")) for k in LETTERHEAD_FIELDS),
                          logo_png=decode_logo(logo) if logo else None,
                          number_pattern=REPORT_NUMBER.get() or "", signers=signers)


class ReportSettingsService:
    def __init__(self, db: SqliteDatabase, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def read(self) -> ReportSettings:
        return read_settings()

    def update(self, actor: CurrentUser, **changes: object) -> ReportSettings:
        """Change some of the settings (letterhead fields, `logo_png` (None removes it), `number_pattern`,
        `signers`): checked, stored and audited in one transaction."""
        actor.require(Permission.EDIT_LETTERHEAD)
        with self.db.atomic("IMMEDIATE"):
            wanted = checked(replace(read_settings(), **changes))
            REPORT_LETTERHEAD.set({k: getattr(wanted, k) for k in LETTERHEAD_FIELDS})
            REPORT_LOGO.set(encode_logo(wanted.logo_png))
            REPORT_NUMBER.set(wanted.number_pattern)
            REPORT_SIGNERS.set([{"title": s.title, "name": s.name, "nip": s.nip} for s in wanted.signers])
            audit.record("report.settings", actor, at=self.clock.now_utc(), changed=sorted(changes))
            return read_settings()
