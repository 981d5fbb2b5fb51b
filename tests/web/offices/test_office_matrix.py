"""Every URL of the office app, written once with the action it needs, applied to every role,
to an anonymous visitor and to a member of another office (who must get 404)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from teichaku.web.offices.models import (
    AuditEntry,
    OfficeInvitation,
    OfficeSituation,
    Role,
    StaffMembership,
)
from teichaku.web.offices.permissions import Action, may

from .conftest import World, sign_in

A = Action


@dataclass(frozen=True)
class Url:
    name: str
    action: Action
    kwargs: Callable[[World], dict[str, Any]]
    person: bool  # shows (part of) one person's record: must be audited


def none(_w: World) -> dict[str, Any]:
    return {}


def person(w: World) -> dict[str, Any]:
    return {"person_id": w.person.public_id}


def report(w: World) -> dict[str, Any]:
    return {"report_id": w.report.public_id}


def person_month(w: World) -> dict[str, Any]:
    """The person and the month of their first contact (a 実績記録票 with a row)."""
    start = w.person.service_start
    assert start is not None
    return {**person(w), "year": start.year, "month": start.month}


def invitation(w: World) -> dict[str, Any]:
    """Office A's pending invitation (made on first use)."""
    found = OfficeInvitation.objects.for_office(w.office).first()
    found = found or OfficeInvitation.objects.create(
        office=w.office, email="invitee@example.org", role=Role.AUDITOR, inviter=w.users["admin"]
    )
    return {"invitation_id": found.public_id}


def staff_member(w: World) -> dict[str, Any]:
    """Office A's auditor's membership."""
    return {"member_id": StaffMembership.objects.get(user=w.users["auditor"], office=w.office).pk}


def situation(w: World) -> dict[str, Any]:
    """Office A's situation that reduces the reward (made on first use)."""
    found = OfficeSituation.objects.for_office(w.office).first()
    found = found or OfficeSituation.objects.create(
        office=w.office,
        kind="info_not_reported",
        since=w.office.created_at.date().replace(day=1),
        recorded_by=w.users["admin"],
    )
    return {"situation_id": found.public_id}


MATRIX = [
    Url("dashboard", A.VIEW_DASHBOARD, none, False),
    Url("records", A.EXPORT_PERSON, none, False),
    Url("people", A.VIEW_PERSON, none, False),
    Url("person_new", A.EDIT_PERSON, none, False),
    Url("contacts", A.VIEW_PERSON, none, False),
    Url("channels", A.MANAGE_OFFICE, none, False),
    Url("partners", A.VIEW_PERSON, none, False),
    Url("partner_new", A.MANAGE_PARTNERS, none, False),
    Url("audit", A.VIEW_AUDIT, none, False),
    Url("staff", A.MANAGE_STAFF, none, False),
    Url("invitation_revoke", A.MANAGE_STAFF, invitation, False),
    Url("staff_remove", A.MANAGE_STAFF, staff_member, False),
    Url("settings", A.MANAGE_OFFICE, none, False),
    Url("situations", A.MANAGE_OFFICE, none, False),
    Url("situation_edit", A.MANAGE_OFFICE, situation, False),
    Url("situation_delete", A.MANAGE_OFFICE, situation, False),
    Url("archive", A.MANAGE_OFFICE, none, False),
    Url("what_if", A.VIEW_PERSON, person, True),
    Url("person", A.VIEW_PERSON, person, True),
    Url("person_edit", A.EDIT_PERSON, person, True),
    Url("employment_new", A.EDIT_PERSON, person, True),
    Url(
        "employment_edit", A.EDIT_PERSON, lambda w: {"employment_id": w.employment.public_id}, True
    ),
    Url("person_export", A.EXPORT_PERSON, lambda w: {**person(w), "fmt": "csv"}, True),
    Url("contact_new", A.LOG_CONTACT, person, True),
    Url("meeting_new", A.LOG_CONTACT, person, True),
    Url("report_new", A.WRITE_REPORT, person, True),
    Url("report", A.VIEW_PERSON, report, True),
    Url("report_edit", A.WRITE_REPORT, report, True),
    Url("report_print", A.VIEW_PERSON, report, True),
    Url("report_pdf", A.VIEW_PERSON, report, True),
    Url("report_share", A.SHARE_REPORT, report, True),
    Url("service_record", A.VIEW_PERSON, person_month, True),
    Url("service_record_pdf", A.VIEW_PERSON, person_month, True),
    Url("service_record_csv", A.EXPORT_PERSON, person_month, True),
    Url("handover", A.VIEW_PERSON, person, True),
    Url("handover_edit", A.EDIT_PERSON, person, True),
    Url("handover_import", A.EDIT_PERSON, person, True),
    Url("handover_template_csv", A.EDIT_PERSON, none, False),
    Url("handover_template_xlsx", A.EDIT_PERSON, none, False),
    Url("consent_new", A.MANAGE_CONSENT, person, True),
    Url("consent_revoke", A.MANAGE_CONSENT, lambda w: {"consent_id": w.consent.public_id}, True),
    Url("disclosure_new", A.DISCLOSE, person, True),
    Url("partner_edit", A.MANAGE_PARTNERS, lambda w: {"partner_id": w.partner.public_id}, False),
    Url("person_partner_new", A.EDIT_PERSON, person, True),
    Url("role_division", A.EDIT_PERSON, person, True),
    Url("contact_edit", A.LOG_CONTACT, lambda w: {"contact_id": w.contact.public_id}, True),
    Url("contact_delete", A.LOG_CONTACT, lambda w: {"contact_id": w.contact.public_id}, True),
    Url("meeting_edit", A.LOG_CONTACT, lambda w: {"meeting_id": w.meeting.public_id}, True),
    Url("meeting_delete", A.LOG_CONTACT, lambda w: {"meeting_id": w.meeting.public_id}, True),
    Url(
        "employment_delete",
        A.EDIT_PERSON,
        lambda w: {"employment_id": w.employment.public_id},
        True,
    ),
    Url("report_delete", A.WRITE_REPORT, report, True),
    Url("plan_new", A.WRITE_PLAN, person, True),
    Url("plan", A.VIEW_PERSON, lambda w: {"plan_id": w.plan.public_id}, True),
    Url("plan_edit", A.WRITE_PLAN, lambda w: {"plan_id": w.plan.public_id}, True),
    Url("plan_review_new", A.WRITE_PLAN, lambda w: {"plan_id": w.plan.public_id}, True),
]
# Account-level pages, not owned by an office: login only (the invitee's answer: their own
# invitations only, tested in test_security_invitations.py). TOTP is allauth's, under
# /accounts/2fa/ (test_security_otp.py).
OUTSIDE_MATRIX = {"select", "invitation_answer"}
IDS = [u.name for u in MATRIX]


def office_patterns() -> dict[str, URLPattern]:
    resolver = get_resolver()
    found = {}
    for pattern in resolver.url_patterns:
        if getattr(pattern, "app_name", None) == "offices":
            for inner in pattern.url_patterns:
                found[inner.name] = inner
    return found


def test_the_matrix_lists_every_url_of_the_app_with_the_action_its_view_checks() -> None:
    patterns = office_patterns()
    assert set(patterns) == {u.name for u in MATRIX} | OUTSIDE_MATRIX
    for url in MATRIX:
        assert patterns[url.name].callback.office_action == url.action, url.name


def url_of(entry: Url, w: World) -> str:
    return reverse(f"offices:{entry.name}", kwargs=entry.kwargs(w))


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MATRIX, ids=IDS)
def test_anonymous_is_sent_to_login(world: World, client: Client, entry: Url) -> None:
    response = client.get(url_of(entry, world))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MATRIX, ids=IDS)
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_is_allowed_or_refused_by_the_table(
    world: World, client: Client, entry: Url, role: str
) -> None:
    sign_in(client, world.users[role])
    response = client.get(url_of(entry, world))
    if may(role, entry.action):
        assert response.status_code == 200, (role, entry.name, response.status_code)
    else:
        assert response.status_code == 403, (role, entry.name, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MATRIX, ids=IDS)
def test_a_member_of_another_office_gets_404_or_only_their_own_office(
    world: World, client: Client, entry: Url
) -> None:
    sign_in(client, world.outsider)  # 管理者 of office B: every permission there
    response = client.get(url_of(entry, world))
    if entry.kwargs(world):
        assert response.status_code == 404, entry.name
        post = client.post(url_of(entry, world), {})
        assert post.status_code == 404, entry.name
    else:
        assert response.status_code == 200
        assert world.person.display_name not in response.content.decode(errors="replace")
        assert str(world.person.public_id) not in response.content.decode(errors="replace")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "entry", [u for u in MATRIX if u.person], ids=[u.name for u in MATRIX if u.person]
)
def test_every_view_of_a_persons_record_leaves_an_audit_entry(
    world: World, client: Client, entry: Url
) -> None:
    sign_in(client, world.users["admin"])
    pid = str(world.person.public_id)
    before = AuditEntry.objects.filter(person_id=pid).count()
    response = client.get(url_of(entry, world))
    assert response.status_code == 200
    entries = AuditEntry.objects.filter(person_id=pid).order_by("-id")
    assert entries.count() == before + 1
    newest = entries.first()
    assert newest is not None
    assert newest.actor_name == "a-admin" and newest.role == "admin"
    assert newest.action in ("view", "export")
    assert newest.origin  # from where: a keyed hash of the address


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MATRIX, ids=IDS)
def test_personal_pages_are_not_cached(world: World, client: Client, entry: Url) -> None:
    sign_in(client, world.users["admin"])
    response = client.get(url_of(entry, world))
    assert "no-store" in response.headers["Cache-Control"]
