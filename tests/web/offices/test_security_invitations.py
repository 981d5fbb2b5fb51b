"""Joining an office takes the invitee's consent: a 管理者 invites by e-mail, the invitee
follows the link and accepts; links are single-use, expire and can be revoked."""

from __future__ import annotations

import re
from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teichaku.web.accounts.invitations import digest
from teichaku.web.offices.models import AuditEntry, OfficeInvitation, StaffMembership

from .conftest import World, make_user, sign_in

PASSWORD = "Kasou-Pass-2026!"


def _invite(client: Client, email: str, role: str = "support_worker") -> int:
    response = client.post(reverse("offices:staff"), {"email": email, "role": role})
    return int(response.status_code)


def _answer(client: Client, invitation: OfficeInvitation, answer: str) -> int:
    url = reverse("offices:invitation_answer", kwargs={"invitation_id": invitation.public_id})
    return int(client.post(url, {"answer": answer}).status_code)


def _actions(world: World) -> list[str]:
    entries = AuditEntry.objects.for_office(world.office).filter(object_type="invitation")
    return list(entries.order_by("id").values_list("action", flat=True))


def _link(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(r"http://\S+/invitations/(\S+)/", body.get_content())
    assert found, body.get_content()
    return f"/invitations/{found.group(1)}/"


def _new_account(client: Client, link: str, username: str = "newcomer") -> int:
    data = {
        "username": username,
        "first_name": "架空 新子",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return int(client.post(link, data).status_code)


@pytest.mark.django_db
def test_the_email_arrives_and_its_link_creates_the_account_and_membership(
    world: World, smtp_outbox: list[EmailMessage]
) -> None:
    admin = sign_in(Client(), world.users["admin"])
    assert _invite(admin, "New.Comer@example.org", "service_manager") == 302
    assert not StaffMembership.objects.filter(office=world.office, user__username="newcomer")
    (message,) = smtp_outbox
    assert message["To"] == "new.comer@example.org"
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert world.office.name in text and "サービス管理責任者" in text and "Open this link" in text
    link = _link(message)
    token = link.split("/")[2]
    stored = OfficeInvitation.objects.for_office(world.office).get()
    assert stored.token_hash == digest(token) and token not in stored.token_hash
    assert stored.expires_at is not None
    assert stored.expires_at - timezone.now() > timedelta(days=6, hours=23)
    staff_page = admin.get(reverse("offices:staff")).content.decode()
    assert "回答待ちの招待" in staff_page and "new.comer@example.org" in staff_page

    visitor = Client()
    page = visitor.get(link).content.decode()
    assert world.office.name in page and "new.comer@example.org" in page
    assert "招待した人" in page
    assert _new_account(visitor, link) == 302
    user = get_user_model().objects.get(username="newcomer")
    assert (user.email, user.first_name) == ("new.comer@example.org", "架空 新子")
    assert user.check_password(PASSWORD)
    membership = StaffMembership.objects.get(user=user, office=world.office)
    assert membership.role == "service_manager"
    assert visitor.get(reverse("offices:dashboard")).status_code == 200  # signed in
    assert _actions(world) == ["invite", "accept"]

    again = Client().get(link)  # single use
    assert again.status_code == 410 and "すでに使われています" in again.content.decode()


@pytest.mark.django_db
def test_a_signed_in_account_with_the_address_adds_the_membership(
    world: World, smtp_outbox: list[EmailMessage]
) -> None:
    known = make_user("known")
    known.email = "known@example.org"
    known.save()
    _invite(sign_in(Client(), world.users["admin"]), "known@example.org")
    link = _link(smtp_outbox[0])
    signed_out = Client().get(link).content.decode()
    assert "ログインしてから" in signed_out
    other = sign_in(Client(), make_user("someone-else"))
    refused = other.get(link)
    assert refused.status_code == 403 and "known@example.org 宛て" in refused.content.decode()
    assert other.post(link).status_code == 403
    client = sign_in(Client(), known)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert StaffMembership.objects.get(user=known, office=world.office).role == "support_worker"


@pytest.mark.django_db
def test_expired_revoked_and_unknown_links_are_refused_in_japanese(
    world: World, smtp_outbox: list[EmailMessage]
) -> None:
    admin = sign_in(Client(), world.users["admin"])
    _invite(admin, "late@example.org")
    _invite(admin, "revoked@example.org")
    late, revoked = (_link(m) for m in smtp_outbox)
    OfficeInvitation.objects.for_office(world.office).filter(email="late@example.org").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    invitation = OfficeInvitation.objects.for_office(world.office).get(email="revoked@example.org")
    revoke = reverse("offices:invitation_revoke", kwargs={"invitation_id": invitation.public_id})
    assert admin.get(revoke).status_code == 200
    assert admin.post(revoke).status_code == 302
    for link, status, said in (
        (late, 410, "有効期限が切れています"),
        (revoked, 410, "取り消されました"),
        ("/invitations/not-a-real-token/", 404, "見つかりません"),
        ("/invitations/%00/", 404, "見つかりません"),
    ):
        for response in (Client().get(link), Client().post(link, {"username": "x"})):
            assert response.status_code == status, link
            assert said in response.content.decode()
    assert not get_user_model().objects.filter(email__in=["late@example.org"]).exists()
    assert _actions(world) == ["invite", "invite", "revoke"]
    assert _invite(admin, "revoked@example.org") == 302  # a new invitation may follow


@pytest.mark.django_db
def test_the_invitee_sees_it_at_home_and_accepts(world: World) -> None:
    newcomer = make_user("newcomer")
    newcomer.email = "newcomer@example.org"
    newcomer.save()
    _invite(sign_in(Client(), world.users["admin"]), "newcomer@example.org", "service_manager")
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
def test_declining_leaves_no_membership_and_nobody_else_can_answer(world: World) -> None:
    newcomer = make_user("newcomer")
    newcomer.email = "newcomer@example.org"
    newcomer.save()
    _invite(sign_in(Client(), world.users["admin"]), "newcomer@example.org")
    invitation = OfficeInvitation.objects.addressed_to(newcomer).get()
    for other in (world.outsider, world.users["auditor"], make_user("stranger")):
        assert _answer(sign_in(Client(), other), invitation, "accept") == 404
    assert _answer(sign_in(Client(), newcomer), invitation, "maybe") == 400
    assert _answer(sign_in(Client(), newcomer), invitation, "decline") == 302
    assert not StaffMembership.objects.filter(user=newcomer).exists()
    assert _actions(world) == ["invite", "decline"]


@pytest.mark.django_db
def test_inviting_twice_or_a_member_is_refused_in_japanese(world: World) -> None:
    admin = sign_in(Client(), world.users["admin"])
    assert _invite(admin, "newcomer@example.org") == 302
    again = admin.post(
        reverse("offices:staff"), {"email": "NEWCOMER@example.org", "role": "auditor"}
    )
    assert again.status_code == 400 and "回答待ちの招待があります" in again.content.decode()
    assert OfficeInvitation.objects.for_office(world.office).count() == 1


@pytest.mark.django_db
def test_a_members_role_is_still_changed_directly(world: World) -> None:
    auditor = world.users["auditor"]
    auditor.email = "auditor@example.org"
    auditor.save()
    admin = sign_in(Client(), world.users["admin"])
    assert _invite(admin, "auditor@example.org", "support_worker") == 302
    assert StaffMembership.objects.get(user=auditor).role == "support_worker"
    assert not OfficeInvitation.objects.for_office(world.office).exists()


@pytest.mark.django_db
def test_the_staff_page_asks_for_no_login_id(world: World) -> None:
    page = sign_in(Client(), world.users["admin"]).get(reverse("offices:staff")).content.decode()
    assert 'name="email"' in page and 'name="username"' not in page


@pytest.mark.django_db
def test_a_removed_member_is_logged_out_and_gets_no_office_page(world: World) -> None:
    worker = world.users["support_worker"]
    worker.set_password(PASSWORD)
    worker.save()
    browser = Client()
    assert (
        browser.post(
            reverse("accounts:login"), {"login": worker.username, "password": PASSWORD}
        ).status_code
        == 302
    )
    assert browser.get(reverse("offices:dashboard")).status_code == 200
    member = StaffMembership.objects.get(user=worker, office=world.office)
    admin = sign_in(Client(), world.users["admin"])
    remove = reverse("offices:staff_remove", kwargs={"member_id": member.pk})
    assert admin.get(remove).status_code == 200
    assert admin.post(remove).status_code == 302
    assert not StaffMembership.objects.filter(user=worker).exists()
    after = browser.get(reverse("offices:dashboard"))
    assert after.status_code == 302 and after.headers["Location"].startswith("/accounts/login/")
    entries = AuditEntry.objects.for_office(world.office).filter(object_type="membership")
    assert entries.filter(action="revoke", object_id=str(worker.pk)).exists()


@pytest.mark.django_db
def test_the_last_admin_and_oneself_cannot_be_removed(world: World) -> None:
    admin_user = world.users["admin"]
    own = StaffMembership.objects.get(user=admin_user, office=world.office)
    admin = sign_in(Client(), admin_user)
    admin.post(reverse("offices:staff_remove", kwargs={"member_id": own.pk}))
    assert StaffMembership.objects.filter(pk=own.pk).exists()


@pytest.mark.django_db
def test_another_offices_admin_cannot_remove_or_revoke_here(world: World) -> None:
    member = StaffMembership.objects.get(user=world.users["auditor"], office=world.office)
    outsider = sign_in(Client(), world.outsider)
    url = reverse("offices:staff_remove", kwargs={"member_id": member.pk})
    assert outsider.post(url).status_code == 404
    assert StaffMembership.objects.filter(pk=member.pk).exists()
