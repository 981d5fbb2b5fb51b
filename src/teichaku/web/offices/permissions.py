"""What each office role may do: one table, used by every view through `office_view`."""

from __future__ import annotations

from enum import StrEnum

from teichaku.web.offices.models.tenancy import Role


class Action(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_PERSON = "view_person"
    EDIT_PERSON = "edit_person"
    LOG_CONTACT = "log_contact"
    WRITE_REPORT = "write_report"
    WRITE_PLAN = "write_plan"  # the 就労定着支援計画 and its reviews: the サービス管理責任者's duty
    SHARE_REPORT = "share_report"
    MANAGE_CONSENT = "manage_consent"
    DISCLOSE = "disclose"
    EXPORT_PERSON = "export_person"
    MANAGE_PARTNERS = "manage_partners"
    VIEW_AUDIT = "view_audit"
    MANAGE_STAFF = "manage_staff"
    MANAGE_OFFICE = "manage_office"


READ = frozenset({Action.VIEW_DASHBOARD, Action.VIEW_PERSON})
DAILY = READ | {Action.EDIT_PERSON, Action.LOG_CONTACT, Action.WRITE_REPORT}

ALLOWED: dict[str, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.SERVICE_MANAGER: DAILY
    | {
        Action.WRITE_PLAN,
        Action.SHARE_REPORT,
        Action.MANAGE_CONSENT,
        Action.DISCLOSE,
        Action.EXPORT_PERSON,
        Action.MANAGE_PARTNERS,
    },
    Role.SUPPORT_WORKER: DAILY,
    Role.AUDITOR: READ | {Action.VIEW_AUDIT},
}


def may(role: str, action: Action) -> bool:
    return action in ALLOWED.get(role, frozenset())
