"""Joining an office takes the invitee's consent: a 管理者 invites, the invitee accepts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.web.offices.models import AuditEntry, OfficeInvitation, StaffMembership

from .conftest import World, make_user, sign_in


def _invite(client: Client, username: str, role: str = "support_worker") -> int:
    response = client.post(reverse("offices:staff"), {"username": username, "role": role})
    return int(response.status_code)


def _answer(client: Client, invitation: OfficeInvitation, answer: str) -> int:
    url = reverse("offices:invitation_answer", kwargs={"invitation_id": invitation.public_id})
    return int(client.post(url, {"answer": answer}).status_code)


def _actions(world: World) -> list[str]:
    entries = AuditEntry.objects.for_office(world.office).filter(object_type="invitation")
    return list(entries.order_by("id").values_list("action", flat=True))


@pytest.mark.django_db
def test_naming_an_account_invites_it_and_makes_no_membership(world: World) -> None:
    newcomer = make_user("newcomer")
    admin = sign_in(Client(), world.users["admin"])
    assert _invite(admin, "newcomer") == 302
    assert not StaffMembership.objects.filter(user=newcomer).exists()
    invitation = OfficeInvitation.objects.addressed_to(newcomer).get()
    assert invitation.is_pending and invitation.inviter == world.users["admin"]
    assert _actions(world) == ["invite"]
    staff_page = admin.get(reverse("offices:staff")).content.decode()
    assert "回答待ちの招待" in staff_page and "newcomer" in staff_page
    # The newcomer still has no way into the office.
    invitee = sign_in(Client(), newcomer)
    assert invitee.get(reverse("offices:dashboard")).status_code == 403


@pytest.mark.django_db
def test_the_invitee_sees_it_at_home_and_accepts(world: World) -> None:
    newcomer = make_user("newcomer")
    _invite(sign_in(Client(), world.users["admin"]), "newcomer", "service_manager")
    invitee = sign_in(Client(), newcomer)
    home = invitee.get("/")
    assert home.status_code == 200
    shown = home.content.decode()
    assert "事業所からの招待" in shown and world.office.name in shown
    english = invitee.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Invitations from offices" in english and "invites you to join as" in english
    invitation = OfficeInvitation.objects.addressed_to(newcomer).get()
    assert _answer(invitee, invitation, "accept") == 302
    membership = StaffMembership.objects.get(user=newcomer, office=world.office)
    assert membership.role == "service_manager"
    assert invitee.get(reverse("offices:dashboard")).status_code == 200
    assert _actions(world) == ["invite", "accept"]
    assert _answer(invitee, invitation, "accept") == 404  # answered once only


@pytest.mark.django_db
def test_declining_leaves_no_membership(world: World) -> None:
    newcomer = make_user("newcomer")
    _invite(sign_in(Client(), world.users["admin"]), "newcomer")
    invitation = OfficeInvitation.objects.addressed_to(newcomer).get()
    assert _answer(sign_in(Client(), newcomer), invitation, "decline") == 302
    assert not StaffMembership.objects.filter(user=newcomer).exists()
    assert _actions(world) == ["invite", "decline"]


@pytest.mark.django_db
def test_nobody_else_can_answer_and_a_revoked_one_cannot_be_accepted(world: World) -> None:
    newcomer = make_user("newcomer")
    admin = sign_in(Client(), world.users["admin"])
    _invite(admin, "newcomer")
    invitation = OfficeInvitation.objects.addressed_to(newcomer).get()
    for other in (world.outsider, world.users["auditor"], make_user("stranger")):
        assert _answer(sign_in(Client(), other), invitation, "accept") == 404
    assert not StaffMembership.objects.filter(user=newcomer).exists()
    revoke = reverse("offices:invitation_revoke", kwargs={"invitation_id": invitation.public_id})
    assert admin.get(revoke).status_code == 200
    assert admin.post(revoke).status_code == 302
    assert _answer(sign_in(Client(), newcomer), invitation, "accept") == 404
    assert not StaffMembership.objects.filter(user=newcomer).exists()
    assert _actions(world) == ["invite", "revoke"]
    assert _invite(admin, "newcomer") == 302  # a new invitation may follow a revoked one


@pytest.mark.django_db
def test_inviting_twice_or_a_member_is_refused_in_japanese(world: World) -> None:
    make_user("newcomer")
    admin = sign_in(Client(), world.users["admin"])
    assert _invite(admin, "newcomer") == 302
    again = admin.post(reverse("offices:staff"), {"username": "newcomer", "role": "auditor"})
    assert again.status_code == 400 and "回答待ちの招待があります" in again.content.decode()
    assert OfficeInvitation.objects.for_office(world.office).count() == 1


@pytest.mark.django_db
def test_a_members_role_is_still_changed_directly(world: World) -> None:
    admin = sign_in(Client(), world.users["admin"])
    assert _invite(admin, "a-auditor", "support_worker") == 302
    assert StaffMembership.objects.get(user=world.users["auditor"]).role == "support_worker"
    assert not OfficeInvitation.objects.for_office(world.office).exists()


@pytest.mark.django_db
def test_a_bad_answer_is_refused(world: World) -> None:
    newcomer = make_user("newcomer")
    _invite(sign_in(Client(), world.users["admin"]), "newcomer")
    invitation = OfficeInvitation.objects.addressed_to(newcomer).get()
    assert _answer(sign_in(Client(), newcomer), invitation, "maybe") == 400
    url = reverse("offices:invitation_answer", kwargs={"invitation_id": invitation.public_id})
    assert sign_in(Client(), newcomer).get(url).status_code == 405
