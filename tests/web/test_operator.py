"""The site operator: `teichaku setup` once, then offices and teams with their first
管理者 / owner invited by e-mail, from /operator/ or the command line."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.test import Client

from teichaku.cli import main
from teichaku.practice.contacts import TABLE13_CHANNELS
from teichaku.web.accounts.models import Team, TeamInvitation
from teichaku.web.offices.models import AuditEntry, Channel, Office, OfficeInvitation

PASSWORD = "Kasou-Pass-2026!"


def _setup(tmp_path: Path) -> tuple[int, str]:
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    args = ["setup", "--username", "op", "--email", "op@example.org"]
    result = CliRunner().invoke(main, [*args, "--password-file", str(secret)])
    return result.exit_code, result.output


@pytest.mark.django_db(transaction=True)
def test_setup_makes_the_operator_once(tmp_path: Path) -> None:
    code, _out = _setup(tmp_path)
    assert code == 0
    operator = get_user_model().objects.get(username="op")
    assert operator.is_superuser and not operator.is_staff and operator.check_password(PASSWORD)
    code, out = _setup(tmp_path)
    assert code == 2 and "すでに作成されています" in out
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_cli_creates_an_office_and_a_team_and_prints_the_emailed_links(
    tmp_path: Path, smtp_outbox: list[EmailMessage], settings: Any
) -> None:
    settings.TEICHAKU_BASE_URL = ""  # unset: links name this machine
    _setup(tmp_path)
    runner = CliRunner()
    args = ["office", "create", "--name", "架空事業所", "--admin-email", "boss@example.org"]
    bad = runner.invoke(main, [*args, "--number", "12345"])
    assert bad.exit_code == 2 and "10桁" in bad.output and not Office.objects.exists()
    result = runner.invoke(main, [*args, "--number", "0123456789"])
    assert result.exit_code == 0, result.output
    office = Office.objects.get(number="0123456789")
    invitation = OfficeInvitation.objects.for_office(office).get()
    assert (invitation.email, invitation.role) == ("boss@example.org", "admin")
    link = result.output.strip()
    assert link.startswith("http://127.0.0.1:8000/invitations/")
    body = smtp_outbox[0].get_body(preferencelist=("plain",))
    assert body is not None and link in body.get_content()
    again = runner.invoke(main, [*args, "--number", "0123456789"])
    assert again.exit_code == 2 and Office.objects.count() == 1  # the number is unique
    team = runner.invoke(
        main, ["team", "create", "--name", "架空T", "--owner-email", "o@example.org"]
    )
    assert team.exit_code == 0, team.output
    assert TeamInvitation.objects.get(team=Team.objects.get(name="架空T")).role == "owner"
    assert [m["To"] for m in smtp_outbox] == ["boss@example.org", "o@example.org"]
    assert team.output.strip().startswith("http://127.0.0.1:8000/invitations/")


@pytest.mark.django_db
def test_the_operator_area_is_the_operators_only(smtp_outbox: list[EmailMessage]) -> None:
    users = get_user_model().objects
    operator = users.create_user("op", "op@example.org", is_superuser=True)
    someone = users.create_user("someone", is_staff=True)
    closing = "/operator/offices/00000000-0000-4000-8000-000000000000/close/"
    for url in ("/operator/", "/operator/offices/new/", "/operator/teams/new/", closing):
        assert Client().get(url).status_code == 404
        other = Client()
        other.force_login(someone)
        assert other.get(url).status_code == 404
    client = Client()
    client.force_login(operator)
    assert client.get("/operator/").status_code == 200
    data = {
        "name": "架空事業所",
        "number": "01234x6789",
        "area_grade": "その他",
        "designated_on": "2026-04-01",
        "admin_email": "boss@example.org",
    }
    refused = client.post("/operator/offices/new/", data)
    assert refused.status_code == 400 and "半角数字10桁" in refused.content.decode()
    assert (
        client.post("/operator/offices/new/", {**data, "number": "0123456789"}).status_code == 302
    )
    office = Office.objects.get()
    assert str(office.designated_on) == "2026-04-01"
    assert OfficeInvitation.objects.for_office(office).get().inviter == operator
    assert (
        client.post(
            "/operator/teams/new/", {"name": "架空T", "owner_email": "o@example.org"}
        ).status_code
        == 302
    )
    assert "架空事業所" in client.get("/operator/").content.decode()
    assert len(smtp_outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_an_office_made_by_the_operator_can_record_contacts(
    tmp_path: Path, smtp_outbox: list[EmailMessage]
) -> None:
    """Its contact channels (表13) are there from the start, as for any new office, and its
    creation is in its audit log."""
    _setup(tmp_path)
    args = ["office", "create", "--name", "架空事業所", "--admin-email", "boss@example.org"]
    assert CliRunner().invoke(main, [*args, "--number", "0123456789"]).exit_code == 0
    office = Office.objects.get()
    channels = Channel.objects.for_office(office).order_by("position")
    assert [(c.key, c.label) for c in channels] == list(TABLE13_CHANNELS)
    created = AuditEntry.objects.for_office(office).get(action="create", object_type="office")
    assert created.actor_name == "op" and created.role == "operator"
