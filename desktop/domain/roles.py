"""Who may do what. Operators print; supervisors approve; the regency admin manages the station; an
"antrian" account at the door only issues queue tickets (issue 25)."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ANTRIAN = "antrian"  # the door: queue tickets only (desktop/ui/pages/queue/)
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Permission(enum.StrEnum):
    PRINT = "print"
    RAISE_QUOTA = "raise_quota"
    SET_QUOTA = "set_quota"
    RECEIVE_BLANKO = "receive_blanko"
    MANAGE_USERS = "manage_users"  # every account, every role
    MANAGE_OPERATORS = "manage_operators"  # operators' accounts, and lifting any log-in lock
    REVIEW_AUDIT = "review_audit"  # told when the audit chain check fails
    CONFIRM_CLOCK = "confirm_clock"  # say the computer's date and time are right after a gap
    VIEW_QUOTA_PANEL = "view_quota_panel"
    RESOLVE_PRINT = "resolve_print"  # settle a print the application was killed in (issue or write off)
    APPROVE = "approve"  # the second pair of eyes: a reprint, a write-off, a destruction, a quota raise
    MAKE_REPORTS = "make_reports"  # the papers an office signs: daily report, berita acara, requests (issue 22)
    EDIT_LETTERHEAD = "edit_letterhead"  # the reports' letterhead, logo, nomor surat and signatories
    TAKE_BACKUP = "take_backup"  # a copy of the database, or a support bundle, to a folder (flash disk)
    ISSUE_TICKET = "issue_ticket"  # a queue number at the door (issue 25); calling one is PRINT's


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ANTRIAN: frozenset({Permission.ISSUE_TICKET}),
    Role.OPERATOR: frozenset({Permission.PRINT, Permission.ISSUE_TICKET}),
    Role.SUPERVISOR: frozenset(
        {Permission.PRINT, Permission.RAISE_QUOTA, Permission.RECEIVE_BLANKO, Permission.VIEW_QUOTA_PANEL,
         Permission.RESOLVE_PRINT, Permission.MANAGE_OPERATORS, Permission.REVIEW_AUDIT, Permission.CONFIRM_CLOCK,
         Permission.APPROVE, Permission.MAKE_REPORTS, Permission.TAKE_BACKUP, Permission.ISSUE_TICKET}
    ),
    Role.ADMIN: frozenset(Permission),
}

# The accounts a supervisor manages (MANAGE_OPERATORS): the counter's operators and the door's accounts.
SUPERVISED_ROLES = frozenset({Role.ANTRIAN, Role.OPERATOR})


def roles_with(permission: Permission) -> list[Role]:
    """The roles that hold a permission, lowest first (who to turn to for it)."""
    return [role for role in Role if permission in GRANTS[role]]


def allowed(role: str, permission: Permission) -> bool:
    try:
        return permission in GRANTS[Role(role)]
    except ValueError:
        return False


# --- the regency's accounts (server side; the desktop's regency mode, `ktp-mandiri --regency`) ----------
class RegencyRole(enum.StrEnum):
    SUPERVISOR = "regency_supervisor"
    ADMIN = "regency_admin"


class RegencyPermission(enum.StrEnum):
    VIEW_PANEL = "regency.view_panel"  # the panel, anomalies and suspensions, the blanko ledger
    DECIDE_QUOTA = "regency.decide_quota"  # approve or deny a station's quota request
    SET_QUOTA = "regency.set_quota"  # the standing quotas
    MANAGE_BLANKO = "regency.manage_blanko"  # receipts from the centre, allocation
    CLEAR_SUSPENSION = "regency.clear_suspension"


REGENCY_GRANTS: dict[RegencyRole, frozenset[RegencyPermission]] = {
    RegencyRole.SUPERVISOR: frozenset({RegencyPermission.VIEW_PANEL, RegencyPermission.DECIDE_QUOTA}),
    RegencyRole.ADMIN: frozenset(RegencyPermission),
}


def regency_allowed(role: str, permission: object) -> bool:
    try:
        return permission in REGENCY_GRANTS[RegencyRole(role)]
    except ValueError:
        return False
