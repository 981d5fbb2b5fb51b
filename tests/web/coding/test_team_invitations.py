"""A research team grows by e-mail: the owner invites an analyst and a coder, the coder is
added to a coding project by a button and reaches only that project."""

from __future__ import annotations

import re
from email.message import EmailMessage

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from teichaku.web.accounts.models import Membership, TeamInvitation
from teichaku.web.coding.models import CodingProject

from .conftest import World, client_for

PASSWORD = "Kasou-Pass-2026!"


def _link(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(r"http://\S+(/invitations/\S+/)", body.get_content())
    assert found
    return found.group(1)


def _join(link: str, username: str) -> Client:
    client = Client()
    data = {"username": username, "first_name": "架空 " + username}
    response = client.post(link, {**data, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


@pytest.mark.django_db
def test_owner_invites_an_analyst_and_a_coder_who_is_added_to_a_project(
    world: World, smtp_outbox: list[EmailMessage]
) -> None:
    team = reverse("accounts:team", kwargs={"token": world.team_a.token})
    owner = client_for(world.owner)
    assert owner.get(team).status_code == 200
    assert owner.post(team, {"email": "ana@example.org", "role": "analyst"}).status_code == 302
    assert owner.post(team, {"email": "cod@example.org", "role": "coder"}).status_code == 302
    assert [m["To"] for m in smtp_outbox] == ["ana@example.org", "cod@example.org"]
    page = owner.get(team).content.decode()
    assert "回答待ちの招待" in page and "cod@example.org" in page

    analyst = _join(_link(smtp_outbox[0]), "new-analyst")
    coder = _join(_link(smtp_outbox[1]), "new-coder")
    users = get_user_model().objects
    assert Membership.objects.get(user=users.get(username="new-analyst")).role == "analyst"
    new_coder = users.get(username="new-coder")
    assert Membership.objects.get(user=new_coder, team=world.team_a).role == "coder"
    assert analyst.get(reverse("surveys:desk")).status_code == 200

    project = CodingProject.objects.create(team=world.team_a, name="架空P", question="q")
    other = CodingProject.objects.create(team=world.team_a, name="架空Q", question="q")
    answers = reverse("coding:answers", kwargs={"token": project.token})
    assert coder.get(answers).status_code == 403  # not added yet
    coders = reverse("coding:coders", kwargs={"token": project.token})
    assert coder.get(coders).status_code == 403 and analyst.get(coders).status_code == 403
    assert "架空 new-coder" in owner.get(coders).content.decode()
    assert owner.post(coders, {"user": new_coder.pk, "do": "add"}).status_code == 302
    assert list(project.coders.all()) == [new_coder]
    assert coder.get(answers).status_code == 200
    listing = coder.get(reverse("coding:list")).content.decode()
    assert "架空P" in listing and "架空Q" not in listing
    assert coder.get(reverse("coding:answers", kwargs={"token": other.token})).status_code == 403
    assert coder.get(reverse("coding:coders", kwargs={"token": project.token})).status_code == 403
    owner.post(coders, {"user": new_coder.pk, "do": "remove"})
    assert coder.get(answers).status_code == 403


@pytest.mark.django_db
def test_team_pages_are_the_owners_and_404_to_another_team(
    world: World, smtp_outbox: list[EmailMessage]
) -> None:
    token = world.team_a.token
    client_for(world.owner).post(
        reverse("accounts:team", kwargs={"token": token}),
        {"email": "x@example.org", "role": "viewer"},
    )
    invitation = TeamInvitation.objects.get()
    member = Membership.objects.get(user=world.viewer)
    urls = [
        ("get", reverse("accounts:team", kwargs={"token": token})),
        ("post", reverse("accounts:team", kwargs={"token": token})),
        (
            "post",
            reverse(
                "accounts:team_invitation_revoke",
                kwargs={"token": token, "invitation_id": invitation.public_id},
            ),
        ),
        (
            "post",
            reverse("accounts:team_member_remove", kwargs={"token": token, "member_id": member.pk}),
        ),
    ]
    for method, url in urls:
        assert getattr(client_for(world.outsider), method)(url).status_code == 404, url
        for user in (world.analyst, world.viewer):
            assert getattr(client_for(user), method)(url).status_code == 403, url
        assert getattr(Client(), method)(url).status_code == 302, url  # to the login page
    assert TeamInvitation.objects.get().is_pending
    assert Membership.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db
def test_removing_a_team_member_closes_their_sessions(world: World) -> None:
    viewer = world.viewer
    viewer.set_password(PASSWORD)
    viewer.save()
    browser = Client()
    login = reverse("accounts:login")
    assert browser.post(login, {"login": "viewer", "password": PASSWORD}).status_code == 302
    assert browser.get(reverse("surveys:desk")).status_code == 200
    member = Membership.objects.get(user=viewer)
    remove = reverse(
        "accounts:team_member_remove", kwargs={"token": world.team_a.token, "member_id": member.pk}
    )
    assert client_for(world.owner).post(remove).status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()
    after = browser.get(reverse("surveys:desk"))
    assert after.status_code == 302 and after.headers["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_revoked_team_invitation_is_refused(
    world: World, smtp_outbox: list[EmailMessage]
) -> None:
    owner = client_for(world.owner)
    team = reverse("accounts:team", kwargs={"token": world.team_a.token})
    owner.post(team, {"email": "gone@example.org", "role": "viewer"})
    invitation = TeamInvitation.objects.get()
    revoke = reverse(
        "accounts:team_invitation_revoke",
        kwargs={"token": world.team_a.token, "invitation_id": invitation.public_id},
    )
    assert owner.post(revoke).status_code == 302
    response = Client().get(_link(smtp_outbox[0]))
    assert response.status_code == 410 and "取り消されました" in response.content.decode()
