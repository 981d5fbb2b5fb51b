"""Two offices, a member of office A for each role, and an admin of office B (the outsider)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from teichaku.practice.months import month_of, shift_month
from teichaku.web.offices import actions
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import (
    Channel,
    Consent,
    Contact,
    Employment,
    Meeting,
    MonthlyReport,
    Office,
    Partner,
    Person,
    Role,
    StaffMembership,
    SupportPlan,
)


@dataclass
class World:
    office: Office
    other: Office
    users: dict[str, Any]
    outsider: Any
    person: Person
    employment: Employment
    report: MonthlyReport
    consent: Consent
    partner: Partner
    other_person: Person
    contact: Contact
    meeting: Meeting
    plan: SupportPlan


def make_user(name: str) -> Any:
    user = get_user_model().objects.create_user(username=name)  # force_login: no hashing
    return user


def sign_in(client: Client, user: Any) -> Client:
    """Log in; an 管理者 also passes TOTP: an authenticator, and the session's record of an
    "mfa" step as allauth writes it when the code is accepted at login."""
    client.force_login(user)
    if StaffMembership.objects.filter(user=user, role=Role.ADMIN).exists():
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
        request = RequestFactory().get("/")
        request.session = client.session
        record_authentication(request, user, "mfa", type="totp")
        request.session.save()
    return client


def populate(
    office: Office, user: Any, name: str
) -> tuple[Person, Employment, MonthlyReport, Contact]:
    ctx = OfficeContext(None, user, office, Role.ADMIN)
    start = shift_month(month_of(date.today()), -3)
    person = Person(
        display_name=name,
        disability_category="mental",
        came_from_service="transition",
        plan_type="self_plan",
        service_start=start,
    )
    actions.save_owned(ctx, person, "person")
    job = Employment(person=person, employer_name="架空商事", hired_on=start - timedelta(days=200))
    actions.save_owned(ctx, job, "employment", person=person)
    channel = Channel.objects.for_office(office).get(key="workplace_visit")
    contact = Contact.objects.create(
        office=office,
        person=person,
        day=start + timedelta(days=3),
        channel=channel,
        with_whom=["person"],
        notes="架空の記録",
        staff=user,
    )
    report = actions.generate_report(ctx, person, start)
    return person, job, report, contact


@pytest.fixture
def world(db: None) -> World:
    users = {role.value: make_user(f"a-{role.value}") for role in Role}
    office = actions.create_office("架空事業所A", "9900000001", "その他", users["admin"])
    for role, user in users.items():
        if role != "admin":
            StaffMembership.objects.create(user=user, office=office, role=role)
    outsider = make_user("b-admin")
    other = actions.create_office("架空事業所B", "9900000002", "その他", outsider)
    person, job, report, contact = populate(office, users["admin"], "架空 秘子")
    other_person, _job, _report, _contact = populate(other, outsider, "架空 他子")
    meeting = Meeting.objects.create(
        office=office,
        person=person,
        day=date.today() - timedelta(days=10),
        kind="meeting_1",
        attendees="架空支援センター",
        recorded_by=users["admin"],
    )
    plan = SupportPlan.objects.create(
        office=office,
        person=person,
        written_on=date.today() - timedelta(days=20),
        long_term_goal="架空の長期目標",
        short_term_goals="架空の短期目標",
        support_content="架空の支援内容",
        author=users["service_manager"],
    )
    consent = Consent.objects.create(
        office=office,
        person=person,
        purpose="引き継ぎ",
        recipient="架空支援センター",
        categories=["handover", "reports"],
        given_on=date.today() - timedelta(days=30),
        recorded_by=users["admin"],
    )
    partner = Partner.objects.create(office=office, kind="employer", name="架空商事")
    return World(
        office,
        other,
        users,
        outsider,
        person,
        job,
        report,
        consent,
        partner,
        other_person,
        contact,
        meeting,
        plan,
    )


def fill_every_table(w: World) -> None:
    """A row of office A in each table the world does not fill yet (the archive and the
    closing tests need every table non-empty)."""
    from teichaku.practice.handover import ROLE_AREAS
    from teichaku.web.offices.models import (
        Disclosure,
        HandoverProfile,
        OfficeInvitation,
        OfficeSituation,
        PersonPartner,
        PlanReview,
        ReportShare,
        RoleAssignment,
    )

    common = {"office": w.office, "person": w.person}
    admin = w.users["admin"]
    OfficeInvitation.objects.create(
        office=w.office, email="invitee@example.org", role=Role.AUDITOR, inviter=admin
    )
    PersonPartner.objects.create(**common, partner=w.partner, role="雇用先")
    RoleAssignment.objects.create(**common, area=ROLE_AREAS[0][0], who="家族")
    HandoverProfile.objects.create(**common, strengths="=1+1")
    Disclosure.objects.create(
        **common,
        consent=w.consent,
        kind="handover",
        recipient="架空支援センター",
        categories=["handover"],
        disclosed_on=date.today(),
        recorded_by=admin,
    )
    PlanReview.objects.create(
        office=w.office,
        plan=w.plan,
        reviewed_on=date.today(),
        evaluation="架空の評価",
        reviewer=w.users["service_manager"],
    )
    OfficeSituation.objects.create(
        office=w.office,
        kind=OfficeSituation._meta.get_field("kind").choices[0][0],
        since=date.today().replace(day=1),
        note="=架空のメモ",
        recorded_by=admin,
    )
    ReportShare.objects.create(
        office=w.office,
        report=w.report,
        recipient_kind="employer",
        recipient_name="架空商事",
        consent=w.consent,
        shared_on=date.today(),
        method="hand",
        recorded_by=admin,
    )
