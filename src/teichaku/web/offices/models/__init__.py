"""Every model of the office app; office-owned ones are read through `for_office`."""

from teichaku.web.offices.models.audit import AuditEntry
from teichaku.web.offices.models.contacts import Channel, Contact, Meeting, MeetingKind, WithWhom
from teichaku.web.offices.models.handover import Consent, Disclosure, HandoverProfile
from teichaku.web.offices.models.invitations import OfficeInvitation
from teichaku.web.offices.models.people import (
    Employment,
    Partner,
    Person,
    PersonPartner,
    RoleAssignment,
)
from teichaku.web.offices.models.plans import PlanReview, SupportPlan
from teichaku.web.offices.models.reports import MonthlyReport, ReportShare
from teichaku.web.offices.models.situations import OfficeSituation, SituationKind
from teichaku.web.offices.models.tenancy import Office, OfficeOwned, Role, StaffMembership

__all__ = [
    "AuditEntry",
    "Channel",
    "Consent",
    "Contact",
    "Disclosure",
    "Employment",
    "HandoverProfile",
    "Meeting",
    "MeetingKind",
    "MonthlyReport",
    "Office",
    "OfficeInvitation",
    "OfficeOwned",
    "OfficeSituation",
    "Partner",
    "Person",
    "PersonPartner",
    "PlanReview",
    "ReportShare",
    "Role",
    "RoleAssignment",
    "SituationKind",
    "StaffMembership",
    "SupportPlan",
    "WithWhom",
]
